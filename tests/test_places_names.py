"""Names that look like towns and are not (initials, streets, surnames), and the dateline's hold on the
main incident; hand-made Docs for the place readers, the model for the dateline (slow)."""
from __future__ import annotations

import pytest

from entdocs import doc_with_ents
from sitrep import rules
from sitrep.extract.places import event_place, extract_places, is_dateline
from sitrep.gazetteer import Gazetteer


@pytest.fixture(scope="session", autouse=True)
def _gaz():
    Gazetteer.load()


def _place(blank_nlp, text, ents=()):
    doc = doc_with_ents(blank_nlp, text, ents)
    return event_place(doc, extract_places(doc))


def test_places_initials_where_a_dateline_stands_are_no_town(blank_nlp, monkeypatch):
    text = "MPD: A man was shot near 48th and Center in Milwaukee on Tuesday night."
    ents = [("Milwaukee", "GPE")]
    assert _place(blank_nlp, text, ents).city == "Milwaukee"
    monkeypatch.setenv(rules.ENV, "place-acronym-dateline")
    assert _place(blank_nlp, text, ents).city != "Milwaukee"  # the initials, read as a town named "Mpd"


@pytest.mark.parametrize(("text", "ents", "street"), [
    # a name before a street word is the street's
    ("It appears the shooting occurred in the area of Raymond Avenue in Pasadena, California.",
     [("Pasadena", "GPE"), ("California", "GPE")], "Raymond"),
    ("He followed her to the garage at Fifth and Liberty streets in Louisville, Kentucky.",
     [("Louisville", "GPE"), ("Kentucky", "GPE")], "Liberty"),
    # after "block of": an address
    ("Gonzalez, of the 3300 block of South Oakley, was arrested in Chicago, Illinois.",
     [("South Oakley", "LOC"), ("Chicago", "GPE"), ("Illinois", "GPE")], "Oakley"),
])
def test_places_street_names_are_no_towns(blank_nlp, monkeypatch, text, ents, street):
    def towns():
        doc = doc_with_ents(blank_nlp, text, ents)
        return " ".join(p.city or "" for p in extract_places(doc))

    assert street not in towns()
    monkeypatch.setenv(rules.ENV, "place-street-name")
    assert street in towns()


def test_places_saint_before_a_name_is_part_of_it(blank_nlp):
    p = _place(blank_nlp, "The death is being characterized by St. Cloud Police as an accidental shooting "
                          "in Florida.", [("Florida", "GPE")])
    assert (p.city, p.admin1) == ("St. Cloud", "Florida")


def test_places_a_county_road_is_in_the_county(blank_nlp):
    # a lower-case street word in the singular is a common noun: the county is still the place
    p = _place(blank_nlp, "A man was found dead on a northwest Harris County road in Texas.",
               [("Harris County", "GPE"), ("Texas", "GPE")])
    assert p.admin2 == "Harris County"


def test_places_a_surname_named_again_is_no_town(blank_nlp, monkeypatch):
    text = "Barrera was found shot in an alley. Iris Barrera, 29, died there, police in California said."
    ents = [("Barrera", "GPE"), ("California", "GPE"), ("Iris Barrera", "PERSON")]
    doc = doc_with_ents(blank_nlp, text, ents)
    assert "Barrera" not in {p.city for p in extract_places(doc)}
    monkeypatch.setenv(rules.ENV, "place-surname")
    assert "Barrera" in {p.city for p in extract_places(doc)}


def test_places_name_suffix_is_no_town(blank_nlp):
    doc = doc_with_ents(blank_nlp, "Ricky Mason, Jr., 30, was charged in Goldsboro, North Carolina.",
                        [("Jr.", "GPE"), ("Goldsboro", "GPE"), ("North Carolina", "GPE")])
    assert "Jr" not in {p.city for p in extract_places(doc)}


def test_places_is_dateline(blank_nlp):
    doc = doc_with_ents(blank_nlp, "ST. LOUIS (KTVI) – A man was charged on Friday in Kansas City, Missouri.",
                        [("Kansas City", "GPE"), ("Missouri", "GPE")])
    first = extract_places(doc)[0]
    assert is_dateline(doc.text, first)
    later = [p for p in extract_places(doc) if p.start > 20]
    assert later and not any(is_dateline(doc.text, p) for p in later)


@pytest.mark.slow
def test_mentions_dateline_stays_the_main_place_when_the_lead_is_background(monkeypatch):
    import sitrep

    # a follow-up page: the lead tells the shooting of two months before, so it is background
    text = ("Charges filed in north city murder | FOX2\n\n"
            "ST. LOUIS (KTVI) – Prosecutors charged a 50-year-old on Friday for gunning a man down back "
            "in December. The shooting happened on December 2, 2015 in a north city neighborhood. The "
            "victim was pronounced dead at the scene.")
    report = sitrep.read(text, published="2016-02-08")
    assert report.main.place is not None and report.main.place.city == "St. Louis"
    monkeypatch.setenv(rules.ENV, "place-dateline-lead")
    off = sitrep.read(text, published="2016-02-08")
    assert off.main.place is None or off.main.place.city != "St. Louis"


@pytest.mark.parametrize(("text", "ents", "city"), [
    ("Augusta man shot while fleeing gunman. Deputies said he was walking on Skinner Mill Road, Georgia.",
     [("Georgia", "GPE")], "Augusta"),
    ("Chapel Hill drive-by shooting injures child. The sheriff of Orange County, North Carolina said one "
     "person is in custody.", [("Orange County", "GPE"), ("North Carolina", "GPE")], "Chapel Hill"),
])
def test_places_headline_opening_with_a_town(blank_nlp, monkeypatch, text, ents, city):
    # a headline drops the article: "Augusta man shot" is "an Augusta man"
    assert _place(blank_nlp, text, ents).city == city
    monkeypatch.setenv(rules.ENV, "place-local-names")
    assert _place(blank_nlp, text, ents).city != city


def test_places_county_dateline_gives_way_to_its_town(blank_nlp, monkeypatch):
    text = ("DAUPHIN COUNTY, Pa. – Borough police responded to a home on West Main Street in Hummelstown "
            "Borough shortly before 6 pm Thursday.")
    ents = [("Pa.", "GPE"), ("Hummelstown Borough", "GPE")]
    p = _place(blank_nlp, text, ents)
    assert (p.city, p.admin2) == ("Hummelstown", "Dauphin County")  # a borough is the town itself
    monkeypatch.setenv(rules.ENV, "place-dateline-county-town")
    assert _place(blank_nlp, text, ents).city is None


def test_places_county_dateline_keeps_a_town_the_event_is_not_in(blank_nlp):
    text = ("PALM BEACH COUNTY, Fla. - A suburban Boca Raton family is calling for stricter gun rules after "
            "their son was shot.")
    p = _place(blank_nlp, text, [("Fla.", "GPE"), ("Boca Raton", "GPE")])
    assert (p.city, p.admin2) == (None, "Palm Beach County")


@pytest.mark.parametrize("side", ["South Side", "North Side", "West Side", "East Side"])
def test_places_a_side_of_town_is_no_town(blank_nlp, side):
    """"the South Side" is a part of the town the text names, not a town of its own (GeoNames files
    "South Side" under a Staten Island neighbourhood)."""
    text = f"A girl was shot in the head on the city's {side}, Chicago police said."
    place = _place(blank_nlp, text, [(side, "LOC"), ("Chicago", "GPE")])
    assert place is not None and place.city == "Chicago"
