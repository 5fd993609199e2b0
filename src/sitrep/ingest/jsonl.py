"""JSON Lines in the evaluation-suite format: one article per line, ``{"id", "title", "text", "url",
"published", "outlet"}``. The row's own id is kept as an external id of the stored article.

A bad row (malformed JSON, not an object, no text) is an error for that row alone, named by
file:line; the other rows are still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.errors import EmptyInput, InputError


@dataclass(frozen=True, slots=True)
class Row:
    """One readable row: where it came from (file:line) and its fields."""

    where: str
    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None


def read_rows(lines: Iterable[str], *, source: str) -> Iterator[Row | InputError]:
    """Each non-blank line as a Row, or as the InputError that says why it cannot be read."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, f"not valid JSON ({e.msg} at column {e.colno})",
                             "fix or remove the line; each line must be one JSON object")
            continue
        if not isinstance(data, dict):
            yield InputError(where, f"a JSON {type(data).__name__}, not an object",
                             'write each article as {"id": ..., "text": ...}')
            continue
        text = data.get("text")
        ident = _str(data.get("id"))
        name = f"{where} (id {ident})" if ident else where
        if not isinstance(text, str) or not text.strip():
            yield EmptyInput(name, "the row has no text", 'give the row a non-empty "text" field')
            continue
        yield Row(where=name, text=text, id=ident, title=_str(data.get("title")), url=_str(data.get("url")),
                  published=_str(data.get("published")), outlet=_str(data.get("outlet")))


def _str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
