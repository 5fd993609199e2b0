"""A stand-in for spaCy extraction in fast tests of the store-bound pipeline: it reads texts written
as ``In TOWN, N people were killed on YYYY-MM-DD.`` with a regular expression, so that runs,
crashes and linking can be tested without loading the model. The real linking runs on its output.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from sitrep import pipeline
from sitrep.records import Article, EventMention, EventType, Figure, Place, Report

SENTENCE = re.compile(r"In (?P<town>[A-Z]\w+), (?P<n>\d+) people were killed on (?P<date>\d{4}-\d\d-\d\d)")


def story(town: str, killed: int, date: str, extra: str = "") -> str:
    return (f"In {town}, {killed} people were killed on {date}. Police in {town} said gunmen attacked "
            f"the market of {town} at dawn. {extra}").strip()


def read(a: Article) -> Report:
    m = SENTENCE.search(a.text)
    if m is None:
        return Report(a.id, relevant=False, published=a.published)
    killed = int(m["n"])
    fig = Figure("killed", killed, killed, f"{killed} people were killed", m.start("n"), m.end("n"),
                 sentence=m.group(0), article_id=a.id, published=a.published)
    mention = EventMention(id=f"{a.id}#0", article_id=a.id, main=True, type=EventType(label="armed assault"),
                           date=m["date"], date_precision="day",
                           place=Place(text=m["town"], city=m["town"], country="Freedonia", precision="city"),
                           figures=[fig], end=len(a.text), summary=m.group(0), totals={"killed": killed})
    return Report(a.id, mentions=[mention], published=a.published)


def install(monkeypatch, *, fail_on: Callable[[Article], BaseException | None] = lambda a: None) -> list[int]:
    """Replace the spaCy batch extraction by ``read``; ``fail_on(article)`` may return an exception to
    raise instead (a crash). Returns the list of batch sizes extracted, appended to as it runs."""
    calls: list[int] = []

    def fake_batch(batch: Sequence[Article], batch_size: int) -> list[Report]:
        for a in batch:
            e = fail_on(a)
            if e is not None:
                raise e
        calls.append(len(batch))
        return [read(a) for a in batch]

    monkeypatch.setattr(pipeline, "_extract_batch", fake_batch)
    return calls
