"""The multilingual evaluation: short reports of invented incidents written for these tests
(tests/data/foreign_reports.jsonl), read end to end through the pipeline's routing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.gazetteer.aliases import norm
from sitrep.pipeline import _read_foreign, unread
from sitrep.records import Article

ROWS = [json.loads(line) for line in
        (Path(__file__).parent / "data" / "foreign_reports.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow  # builds the gazetteer and the foreign-name index on a fresh cache
@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_foreign_report_read(row):
    art = Article.from_text(row["text"], title=row["title"], published=row["published"],
                            language=row["language"])
    (report,) = _read_foreign([art])
    m = report.main
    assert m is not None
    assert m.totals.get("killed") == row["killed"]
    if row["injured"] is not None:
        assert m.totals.get("injured") == row["injured"]
    assert m.date == row["date"]
    assert m.place is not None and norm(m.place.city or "") == norm(row["city"])
    assert m.place.country == row["country"] and m.place.geonameid


def test_foreign_unread_language_is_stored_not_read():
    art = Article.from_text("Tre personer dödades och fem skadades i en skottlossning i Göteborg.",
                            language="sv")
    assert unread("sv") and not unread("fr") and not unread("fi") and not unread("en")
    (report,) = _read_foreign([art])
    assert report.relevant is False and report.mentions == []


def test_foreign_ingest_says_what_it_did_with_an_unread_language():
    from sitrep.pipeline import Pipeline
    from sitrep.store import Store

    with Store(":memory:") as store:
        sv = Article.from_text("Tre personer dödades och fem skadades i en skottlossning i Göteborg i går.",
                               language="sv")
        fr = Article.from_text("Trois personnes ont été tuées à Villeurbanne.", language="fr")
        summary = Pipeline(store).ingest_articles([sv, fr])
        by_id = {r.article_id: r for r in summary.results}
        assert by_id[sv.id].status == "foreign"
        assert "stored, not read" in by_id[sv.id].message and "--" not in by_id[sv.id].message
        assert by_id[fr.id].status == "new"  # a language Sitrep reads is simply new
        # both are handed to extraction: the unread one gets its empty report and is not retried
        assert {a.id for a in store.articles(unprocessed=True, include_foreign=True)} == {sv.id, fr.id}
