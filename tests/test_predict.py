"""Prediction rows in the suites' format, from hand-made incidents."""
from __future__ import annotations

from sitrep.evaluate.predict import incident_rows
from sitrep.link import story_mention
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


def test_predict_locality_is_the_town_else_the_county_never_a_region():
    from sitrep.evaluate.predict import mention_row
    from sitrep.records import Place

    def row(place):
        return mention_row(EventMention("a#0", "a", main=True, place=place))

    county = Place(text="Brown County", admin2="Brown County", admin1="Wisconsin", country="United States",
                   precision="admin2")
    town = Place(text="Green Bay", city="Green Bay", admin2="Brown County", admin1="Wisconsin",
                 country="United States", precision="city")
    state = Place(text="Wisconsin", admin1="Wisconsin", country="United States", precision="admin1")
    assert (row(county)["city"], row(county)["state"]) == ("Brown County", "Wisconsin")
    assert row(town)["city"] == "Green Bay"
    assert row(state)["city"] is None


def test_predict_each_suite_counts_as_its_codebook_does():
    from sitrep.evaluate.predict import counts_for, mention_row

    assert [counts_for(n) for n in ("gtd-dev", "acled-val", "gva-dev", "gvdb-dev")] == ["everyone"] * 4
    assert [counts_for(n) for n in ("developing-dev", "seeds", "some-new-suite")] == ["victims"] * 3
    m = EventMention("a#0", "a", main=True,
                     totals={"killed": 12, "injured": 4, "attackers_killed": 3, "attackers_injured": 1})
    assert (mention_row(m, "everyone")["killed"], mention_row(m, "everyone")["injured"]) == (15, 5)
    assert (mention_row(m)["killed"], mention_row(m)["injured"]) == (12, 4)


def test_predict_incident_rows_add_the_attackers_only_where_the_suite_counts_everyone():
    from sitrep.records import Reconciled

    reports = {"a1": Report("a1", mentions=[EventMention("a1#0", "a1", main=True)])}
    inc = Incident("i1", mention_ids=["a1#0"],
                   figures={"killed": Reconciled("killed", 12, 12, 12),
                            "attackers_killed": Reconciled("attackers_killed", 3, 3, 3)})
    assert incident_rows([inc], reports, {}, counts="everyone")[0]["killed"] == 15
    assert incident_rows([inc], reports, {})[0]["killed"] == 12
