"""The offline gazetteer on a few well-known places (built once per session from installed packages)."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz():
    return Gazetteer.load()


def test_gazetteer_city_ranked_by_size(gaz):
    top = gaz.lookup("Moscow")[0]
    assert (top.country, top.admin1, top.country_code) == ("Russia", "Moscow", "RU")
    assert gaz.lookup("Moscow", country_code="US")[0].admin1 == "Idaho"


def test_gazetteer_english_admin1_names(gaz):
    k = gaz.lookup("Krasnogorsk")[0]
    assert k.admin1 == "Moscow Oblast" and abs(k.lat - 55.82) < 0.1 and abs(k.lon - 37.33) < 0.1
    assert gaz.admin1("Ingushetia").name == gaz.admin1("Ingushetiya").name == "Ingushetia"


@pytest.mark.parametrize("name", ["CA", "Calif.", "California"])
def test_gazetteer_us_state_aliases(gaz, name):
    assert gaz.admin1(name).name == "California"


def test_gazetteer_countries_and_counties(gaz):
    assert gaz.country("U.S.").name == gaz.country("USA").name == "United States"
    assert gaz.country("Britain").country_code == "GB"
    york = gaz.admin2("York County", admin1="Pennsylvania")[0]
    assert york.admin1 == "Pennsylvania" and york.kind == "admin2"


def test_gazetteer_filters_by_region(gaz):
    hits = gaz.lookup("Cairo", country_code="US", admin1="Illinois")
    assert hits and all(h.admin1 == "Illinois" for h in hits)
    assert gaz.lookup("Cairo")[0].country_code == "EG"


def test_gazetteer_us_territories_are_us_regions(gaz):
    assert gaz.country("Puerto Rico") is None
    san_juan = gaz.lookup("San Juan", country_code="US")[0]
    assert (san_juan.country, san_juan.admin1) == ("United States", "Puerto Rico")


@pytest.mark.parametrize("written, cc, name", [
    ("Idleb", "SY", "Idlib"), ("Ar-Raqqa", "SY", "Ar-Raqqah"), ("Lower Shabelle", "SO", "Lower Shabeelle"),
    ("Urozgan", "AF", "Oruzgan"), ("Wardak", "AF", "Vardak"),
])
def test_gazetteer_admin1_transliteration_variants(gaz, written, cc, name):
    assert [(e.country_code, e.name) for e in gaz.admin1_all(written)][:1] == [(cc, name)]


def test_gazetteer_admin1_all_lists_every_country_and_french_names(gaz):
    ccs = {e.country_code for e in gaz.admin1_all("Nord-Ouest")}
    assert {"HT", "CM"} <= ccs  # Haiti's name, and Cameroon's "North-West" in French
    assert gaz.admin1_all("Carolina") == []  # a consonant skeleton alone is no match


@pytest.mark.parametrize("written, cc, shown", [
    ("Ma'rib", "YE", "Marib"), ("Taizz", "YE", "Taizz"), ("Liban-Nord", "LB", "North"),
    ("Beqaa", "LB", "Bekaa"), ("Al Jabal al Gharbi", "LY", "Al Jabal al Gharbi"),
])
def test_gazetteer_admin1_shown_by_english_name(gaz, written, cc, shown):
    assert gaz.admin1(written, country_code=cc).name == shown


def test_gazetteer_english_possessive_kept(gaz):
    assert gaz.admin1("Hawke's Bay", country_code="NZ").name == "Hawke's Bay"


def test_gazetteer_alias_tables_have_their_columns():
    """The tables in data/gazetteer/ load with the columns aliases reads (a stray tab or a lost column
    would shift a name into a code)."""
    from sitrep import lexicon
    from sitrep.gazetteer import aliases

    widths = {"us_state_ap": {2}, "country_aliases": {2}, "country_display": {2}, "demonyms": {1, 2},
              "admin1_english": {3}, "admin1_abbrev": {3}, "region_abbrev": {3}, "french_compass": {2},
              "admin_suffixes": {1}, "stop_names": {1}}
    for name, allowed in widths.items():
        for r in lexicon.rows(name, folder=aliases.FOLDER):
            assert len(r) in allowed and all(r), (name, r)
    codes = list(aliases.US_STATE_AP.values()) + list(aliases.COUNTRY_ALIASES) + \
        list(aliases.COUNTRY_DISPLAY) + [cc for cc in aliases.DEMONYMS.values() if cc] + \
        [cc for cc, _ in aliases.ADMIN1_ENGLISH] + [cc for cc, _ in aliases.ADMIN1_ABBREV.values()]
    assert all(len(cc) == 2 and cc.isupper() for cc in codes)
    assert all(n == n.lower() for n in aliases.STOP_NAMES)
    assert aliases.DEMONYMS["Kurdish"] is None and aliases.DEMONYMS["Ukrainian"] == "UA"
    # US postal codes win: a code both readings share is in region_abbrev, never in admin1_abbrev.
    us_codes = set(aliases.US_STATE_AP.values())
    assert set(aliases.REGION_ABBREV) <= us_codes and not set(aliases.ADMIN1_ABBREV) & us_codes


def test_gazetteer_cache_stamp_follows_the_alias_tables(monkeypatch):
    """Editing a table in data/gazetteer/ rebuilds the cached index, as editing aliases.py did."""
    from sitrep.gazetteer import aliases, index

    before = index._stamp()
    monkeypatch.setattr(aliases, "table_bytes", lambda: b"an edited table")
    assert index._stamp() != before
