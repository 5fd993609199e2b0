"""Evaluation suites on disk (FORMAT.md): ``suite.json``, ``articles.jsonl``, ``gold.jsonl``."""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import SuiteError

log = logging.getLogger(__name__)

TASKS = ("article-figures", "report-coding", "event-type", "incidents", "clustering")
#: The only article fields a fair run may read.
READABLE = ("title", "text", "published", "url", "outlet")


def read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed row) for each non-blank line; a bad line raises SuiteError naming it."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise SuiteError(f"{path}: cannot be read ({e.strerror})") from e
    with handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line)
            except json.JSONDecodeError as e:
                raise SuiteError(f"{path}: line {n} is not JSON ({e.msg}); fix or remove that line") from e


@dataclass(slots=True)
class Suite:
    """One suite: its metadata, its articles (readable fields only) and its gold rows."""

    path: Path
    name: str
    task: str
    gold_fields: dict[str, str]
    articles: list[dict[str, Any]] = field(default_factory=list)
    gold: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "id: reason" for unusable articles

    @classmethod
    def load(cls, path: str | Path) -> Suite:
        path = Path(path)
        meta_file = path / "suite.json"
        if not meta_file.is_file():
            raise SuiteError(f"{path}: no suite.json here; "
                             "point at a suite folder such as ../shared/eval/gvdb-dev")
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise SuiteError(f"{meta_file}: not JSON ({e.msg})") from e
        task = meta.get("task")
        if task not in TASKS:
            raise SuiteError(f"{meta_file}: unknown task {task!r}; expected one of {', '.join(TASKS)}")
        suite = cls(path=path, name=meta.get("name") or path.name, task=task,
                     gold_fields=dict(meta.get("gold_fields") or {}))
        for n, row in read_jsonl(path / "articles.jsonl"):
            aid = row.get("id") if isinstance(row, dict) else None
            if not isinstance(aid, str) or not aid:
                suite.skipped.append(f"articles.jsonl line {n}: no article id")
                continue
            text = row.get("text")
            if not isinstance(text, str) or not text.strip():
                suite.skipped.append(f"{aid}: empty text")
                continue
            suite.articles.append({"id": aid, **{k: row.get(k) for k in READABLE}})
        gold_file = path / "gold.jsonl"
        if gold_file.exists():
            suite.gold = [row for _, row in read_jsonl(gold_file)]
        for line in suite.skipped:
            log.warning("%s: skipped %s", suite.name, line)
        return suite

    @property
    def per_article(self) -> bool:
        return self.task in ("article-figures", "report-coding", "event-type")


def validate_predictions(task: str, preds: list[Any]) -> None:
    """Refuse a malformed predictions list, naming the row and the reason (as the referee does)."""
    seen: dict[str, int] = {}
    for n, p in enumerate(preds, 1):
        if not isinstance(p, dict):
            raise SuiteError(f"row {n}: not a JSON object")
        for f in ("killed", "injured", "claimed"):
            v = p.get(f)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
                raise SuiteError(f"row {n}: {f} must be an integer or null, not {v!r}")
        for f in ("lat", "lon"):
            v = p.get(f)
            if v is not None and (not isinstance(v, int | float) or isinstance(v, bool)):
                raise SuiteError(f"row {n}: {f} must be a number or null, not {v!r}")
        if task in ("incidents", "clustering"):
            ids = p.get("article_ids")
            if not isinstance(ids, list) or not all(isinstance(a, str) for a in ids):
                raise SuiteError(f"row {n}: an incident needs 'article_ids', a list of article ids")
            if len(set(ids)) < len(ids):
                raise SuiteError(f"row {n}: an article is listed twice in the same incident")
            for a in ids:
                if a in seen:
                    raise SuiteError(f"row {n}: article {a} is already in the incident of row {seen[a]}; "
                                     "list an article only under its main incident")
                seen[a] = n
        else:
            a = p.get("article_id")
            if not isinstance(a, str):
                raise SuiteError(f"row {n}: 'article_id' must be the article's id as a string")
            if a in seen:
                raise SuiteError(f"row {n}: article {a} was already predicted in row {seen[a]}")
            seen[a] = n
