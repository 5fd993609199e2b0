"""Prediction rows in the suites' format, from hand-made incidents."""
from __future__ import annotations

from sitrep.evaluate.predict import incident_rows
from sitrep.link.incidents import story_mention
from sitrep.records import EventMention, Incident, Report


def test_predict_incident_rows_list_story_articles_and_each_article_once():
    reports = {"a1": Report("a1", mentions=[EventMention("a1#0", "a1", main=True),
                                            EventMention("a1#1", "a1", main=False)]),
               "s1": Report("s1", relevant=False)}
    incs = [Incident("i1", mention_ids=["a1#0", story_mention("s1").id]),
            Incident("i2", mention_ids=["a1#1"], main=False),
            Incident("i3", mention_ids=["a1#0"])]
    rows = incident_rows(incs, reports, {"a1": ["x-1", "x-2"], "s1": ["x-3"]})
    assert [(r["incident_id"], r["article_ids"]) for r in rows] == [("i1", ["x-1", "x-2", "x-3"])]
