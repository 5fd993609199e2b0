"""`sitrep eval`: run the real pipeline over an evaluation suite, write predictions, score them.

A fair run reads only each article's title, text, published, url and outlet (FORMAT.md).
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.evaluate import predict
from sitrep.evaluate.scoring import headline, score
from sitrep.evaluate.suites import Suite
from sitrep.ingest.language import detect
from sitrep.ingest.text import publication_date
from sitrep.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.pipeline import PipelineOptions, Progress

log = logging.getLogger(__name__)

__all__ = [
    "Suite", "SuiteRun", "find_suites", "headline", "load_doc_cache", "run_suite", "score", "suite_articles",
]


@dataclass(slots=True)
class SuiteRun:
    suite: Suite
    predictions: list[dict[str, Any]]
    metrics: dict[str, Any]
    seconds: float
    skipped: list[str] = field(default_factory=list)


def suite_articles(suite: Suite) -> tuple[list[Article], dict[str, str], dict[str, list[str]]]:
    """Articles keyed by text hash; suite id -> stored id; stored id -> suite ids (shared texts merge)."""
    by_id: dict[str, Article] = {}
    ids: dict[str, str] = {}
    for row in suite.articles:
        # The same publication date a reader of the row would find: the row's, the dateline's, the URL's.
        published, published_from = publication_date(
            published=row.get("published"), published_from=None, url=row.get("url"), text=row["text"])
        art = Article.from_text(
            row["text"], title=row.get("title") or None, url=row.get("url"), outlet=row.get("outlet"),
            published=published, published_from=published_from, source=f"{suite.name}:{row['id']}",
            language=detect(row["text"]),  # as ingest does: each language to its reader, or unread
        )
        art = by_id.setdefault(art.id, art)
        art.external_ids.append(row["id"])
        ids[row["id"]] = art.id
    external = {a.id: list(a.external_ids) for a in by_id.values()}
    return list(by_id.values()), ids, external


def load_doc_cache(cache_dir: Path, suite: Suite, ids: Mapping[str, str]) -> dict[str, Doc] | None:
    """Developer aid: Docs pre-parsed by scripts/parse_cache.py, keyed by stored article id."""
    path = cache_dir / f"{suite.path.name}.spacy"
    if not path.exists():
        return None
    from spacy.tokens import DocBin

    from sitrep import nlp

    docs = {}
    for doc in DocBin().from_disk(path).get_docs(nlp.load().vocab):
        sid = doc.user_data.get("article_id")
        if isinstance(sid, str) and sid in ids:
            docs[ids[sid]] = doc
    return docs


def run_suite(
    path: str | Path,
    *,
    options: PipelineOptions | None = None,
    out: str | Path | None = None,
    doc_cache: str | Path | None = None,
    progress: Progress | None = None,
) -> SuiteRun:
    """Run extraction (and linking for incident suites) over a suite and score the predictions."""
    from sitrep.pipeline import PipelineOptions, extract_reports, link_incidents

    suite = Suite.load(path)
    started = time.perf_counter()
    articles, ids, external = suite_articles(suite)
    docs = load_doc_cache(Path(doc_cache), suite, ids) if doc_cache else None
    opts = options or PipelineOptions()
    reports = {r.article_id: r for r in extract_reports(articles, options=opts, progress=progress, docs=docs)}
    if suite.per_article:
        preds = predict.article_rows(suite.gold_fields, reports, ids, label_only=suite.task == "event-type",
                                     counts=predict.counts_for(suite.name))
    else:
        incidents = link_incidents(list(reports.values()), {a.id: a for a in articles})
        preds = predict.incident_rows(incidents, reports, external, counts=predict.counts_for(suite.name))
    seconds = time.perf_counter() - started
    if out:
        with open(out, "w", encoding="utf-8") as f:
            for row in preds:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    metrics = score(suite, preds) if suite.gold else {"suite": suite.name, "task": suite.task}
    return SuiteRun(suite, preds, metrics, seconds, list(suite.skipped))


def find_suites(folder: str | Path) -> list[Path]:
    """Every suite folder (holding suite.json) directly under ``folder``, sorted by name."""
    return sorted(p.parent for p in Path(folder).glob("*/suite.json"))
