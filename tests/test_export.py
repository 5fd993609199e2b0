"""Exports: CSV parses back, GeoJSON is a valid FeatureCollection, JSON round-trips, ACLED/GTD columns."""
from __future__ import annotations

import csv
import io
import json

import pytest

from sitrep.errors import InputError
from sitrep.export import ACLED_COLUMNS, CSV_COLUMNS, FORMATS, GTD_COLUMNS, export_incidents
from sitrep.records import (
    Actor,
    Article,
    EventType,
    Figure,
    Incident,
    Place,
    Reconciled,
    Source,
    incident_from_dict,
)

A1 = Article.from_text("Gunmen attacked a concert hall on Friday evening.", url="https://news.example/a1",
                       outlet="Example News", title="Concert hall attack")
A2 = Article.from_text("A copy: gunmen attacked a concert hall on Friday evening.", url="https://wire.example/c")


def claim(value: int, sentence: str) -> Figure:
    return Figure(category="killed", low=value, high=value, text=str(value), start=0, end=2,
                  sentence=sentence, attribution="the ministry", attribution_kind="authority",
                  article_id=A1.id)


def attack() -> Incident:
    return Incident(
        id="i0123456789ab", mention_ids=[f"{A1.id}#0", f"{A2.id}#0"],
        type=EventType(label="armed assault", acled_event_type="Violence against civilians",
                       acled_sub_event_type="Attack", gtd_attack_type="Armed Assault",
                       gtd_weapon_type="Firearms", gtd_target_type="Private Citizens & Property"),
        date="2024-03-22", date_precision="day",
        place=Place(venue="City Hall", city="Springfield", admin2="Springfield District",
                    admin1="North Province", country="Freedonia", country_code="FD", lat=55.82, lon=37.39,
                    precision="venue"),
        actors=[Actor(role="perpetrator", name="gunmen", kind="description"),
                Actor(role="perpetrator", name="Group X", kind="group"),
                Actor(role="claimed_by", name="Group X", kind="group", how="statement")],
        figures={
            "killed": Reconciled("killed", low=60, best=133, high=145, qualifier="at least",
                                 claims=[claim(60, "At least 60 people were killed."),
                                         claim(133, "133 dead.")]),
            "injured": Reconciled("injured", low=100, best=145, high=180),
            "hospitalized": Reconciled("hospitalized", low=90, best=107, high=107),
        },
        sources=[Source(A1.id), Source(A2.id, relation="copy-of", of_article=A1.id)],
        title="Gunmen attack a concert hall in Springfield",
    )


def vague() -> Incident:
    """An incident known only by a year and a country, without figures, title or coordinates."""
    return Incident(id="i99999999zzzz", main=False, date="2004", date_precision="year",
                    place=Place(country="Sylvania", precision="country"))


ARTICLES = {A1.id: A1, A2.id: A2}


def export(fmt: str, incidents=None, **kw) -> tuple[int, str]:
    buf = io.StringIO()
    n = export_incidents(incidents if incidents is not None else [attack(), vague()], fmt, buf,
                         articles=ARTICLES, **kw)
    return n, buf.getvalue()


def test_export_csv_parses_back():
    n, text = export("csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 2 and len(rows) == 2
    assert tuple(rows[0]) == CSV_COLUMNS
    r = rows[0]
    assert (r["killed_low"], r["killed_best"], r["killed_high"]) == ("60", "133", "145")
    assert (r["injured_low"], r["injured_best"], r["injured_high"]) == ("100", "145", "180")
    assert r["hospitalized_best"] == "107" and r["missing_best"] == ""
    assert (r["sources"], r["independent_sources"]) == ("2", "1")
    assert r["perpetrator"] == "Group X" and r["claimed_by"] == "Group X"
    assert r["source_urls"].split() == ["https://news.example/a1", "https://wire.example/c"]
    assert (float(r["lat"]), float(r["lon"])) == (55.82, 37.39)
    assert rows[1]["killed_best"] == "" and rows[1]["lat"] == ""


def test_export_acled_columns_and_conservative():
    _, text = export("acled")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    r = rows[0]
    assert r["event_date"] == "2024-03-22" and r["event_type"] == "Violence against civilians"
    assert r["sub_event_type"] == "Attack" and r["actor1"] == "Group X"
    assert (r["location"], r["admin1"]) == ("Springfield", "North Province")
    assert r["admin2"] == "Springfield District"
    assert r["geo_precision"] == "1" and r["fatalities"] == "133"
    assert r["source"] == "Example News; wire.example"
    assert rows[1]["fatalities"] == "0" and rows[1]["geo_precision"] == "3"
    _, text = export("acled", conservative=True)
    assert next(csv.DictReader(io.StringIO(text)))["fatalities"] == "60"


def test_export_keeps_at_least_beside_the_number():
    """133 alone would read as an exact count; the reconciled figure is a floor ("at least 133")."""
    _, text = export("csv")
    r = next(csv.DictReader(io.StringIO(text)))
    assert (r["killed_best"], r["killed_qualifier"]) == ("133", "at least")
    assert r["injured_qualifier"] == ""
    _, text = export("acled")
    r = next(csv.DictReader(io.StringIO(text)))
    assert (r["fatalities"], r["fatalities_qualifier"]) == ("133", "at least")
    # conservative: the low claim (60) is exported, which the best figure's "at least" does not describe
    _, text = export("acled", conservative=True)
    r = next(csv.DictReader(io.StringIO(text)))
    assert (r["fatalities"], r["fatalities_qualifier"]) == ("60", "")


def test_export_gtd_columns():
    _, text = export("gtd")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == GTD_COLUMNS
    r = rows[0]
    assert (r["iyear"], r["imonth"], r["iday"]) == ("2024", "3", "22")
    assert (r["country_txt"], r["provstate"], r["city"]) == ("Freedonia", "North Province", "Springfield")
    assert r["attacktype1_txt"] == "Armed Assault" and r["weaptype1_txt"] == "Firearms"
    assert r["gname"] == "Group X" and r["claimed"] == "1"
    assert (r["nkill"], r["nwound"]) == ("133", "145")
    assert r["summary"].startswith("2024-03-22: Gunmen attack")
    v = rows[1]
    assert (v["iyear"], v["imonth"], v["iday"]) == ("2004", "0", "0")
    assert v["gname"] == "Unknown" and v["claimed"] == "0"
    _, text = export("gtd", conservative=True)
    assert next(csv.DictReader(io.StringIO(text)))["nwound"] == "100"


def test_export_geojson_structure():
    n, text = export("geojson")
    fc = json.loads(text)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == n == 2
    f0, f1 = fc["features"]
    assert f0["type"] == "Feature"
    assert f0["geometry"] == {"type": "Point", "coordinates": [37.39, 55.82]}  # [lon, lat]
    assert f0["properties"]["killed_best"] == 133 and f0["properties"]["independent_sources"] == 1
    assert set(f0["properties"]) == set(CSV_COLUMNS)
    assert f1["geometry"] is None  # no coordinates: a feature without geometry, as RFC 7946 allows


def test_export_json_round_trip():
    n, text = export("json")
    data = json.loads(text)
    assert n == len(data) == 2
    assert [incident_from_dict(d) for d in data] == [attack(), vague()]
    assert data[0]["acled"]["fatalities"] == 133 and data[0]["gtd"]["claimed"] == 1
    assert data[0]["row"]["independent_sources"] == 1


def test_export_notes_fall_back_to_claim_sentence():
    inc = attack()
    inc.title = ""
    _, text = export("acled", [inc])
    assert next(csv.DictReader(io.StringIO(text)))["notes"] == "At least 60 people were killed."


def test_export_without_articles():
    buf = io.StringIO()
    assert export_incidents([attack()], "acled", buf) == 1
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["source"] == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_empty(fmt):
    n, text = export(fmt, [])
    assert n == 0
    if fmt == "geojson":
        assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    elif fmt == "json":
        assert json.loads(text) == []
    else:
        assert len(list(csv.reader(io.StringIO(text)))) == 1  # the header alone


def test_export_unknown_format_lists_formats():
    with pytest.raises(InputError) as e:
        export("xlsx")
    assert "xlsx" in str(e.value) and all(f in str(e.value) for f in FORMATS)


def test_export_named_perpetrator_only():
    inc = attack()
    inc.actors = [a for a in inc.actors if a.kind == "description"]  # only "gunmen": nobody named
    _, text = export("gtd", [inc])
    r = next(csv.DictReader(io.StringIO(text)))
    assert (r["gname"], r["claimed"]) == ("Unknown", "0")
    _, text = export("csv", [inc])
    assert next(csv.DictReader(io.StringIO(text)))["perpetrator"] == ""


def test_export_codebooks_that_count_everyone_add_the_attackers():
    inc = attack()
    inc.figures["killed"] = Reconciled("killed", low=12, best=12, high=12, qualifier="at least")
    inc.figures["attackers_killed"] = Reconciled("attackers_killed", low=3, best=3, high=3)
    _, text = export("gtd", [inc])
    assert next(csv.DictReader(io.StringIO(text)))["nkill"] == "15"  # GTD: victims and perpetrators
    _, text = export("acled", [inc], conservative=True)
    assert next(csv.DictReader(io.StringIO(text)))["fatalities"] == "15"
    _, text = export("csv", [inc])
    r = next(csv.DictReader(io.StringIO(text)))
    assert (r["killed_best"], r["attackers_killed_best"]) == ("12", "3")  # our own columns: apart
