"""Places read through the regions written with them (hand-made texts, entities set by hand, no model):
"X in Region", a bracketed region several countries have, words for a part of a town, a second name
that is a town, second-level and newer regions, a place the text calls a village, and the place of an
article that tells no incident."""
from __future__ import annotations

import pytest

from entdocs import doc_with_ents
from sitrep import rules
from sitrep.evaluate.predict import article_rows
from sitrep.extract import toponyms as tp
from sitrep.extract.places import event_place, extract_places
from sitrep.gazetteer import Gazetteer
from sitrep.records import Place, Report, report_from_dict


@pytest.fixture(scope="session", autouse=True)
def _gaz():
    Gazetteer.load()


def _doc(blank_nlp, text, ents=()):
    return doc_with_ents(blank_nlp, text, ents)


def _place(blank_nlp, text, ents=()):
    doc = _doc(blank_nlp, text, ents)
    return event_place(doc, extract_places(doc))


def test_in_region_reads_the_town_inside_the_region(blank_nlp):
    # Zarqa is a big Jordanian city; "in Idlib countryside" puts this one in Syria.
    doc = _doc(blank_nlp, "Gunmen shot a civilian in the town of Zarqa in Idlib countryside.",
               [("Zarqa", "GPE")])
    zarqa = next(p for p in extract_places(doc) if p.text == "Zarqa")
    assert (zarqa.city, zarqa.country, zarqa.admin1) == ("Zarqa", "Syria", "Idlib")


def test_in_region_follows_a_chain_to_the_region(blank_nlp):
    p = _place(blank_nlp, "Artillery shelled the village of Qasr Wardi in the western countryside of "
                          "Tell Hamis in Ar-Raqqa. No casualties were reported.")
    assert p.country == "Syria"


def test_in_region_needs_a_region_not_a_month(blank_nlp):
    doc = _doc(blank_nlp, "A man was shot in Zarqa in June.", [("Zarqa", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert p.country == "Jordan"


def test_bracketed_region_of_two_countries_is_the_one_holding_the_town(blank_nlp):
    india = _place(blank_nlp, "Farmers staged a protest in Bathinda (Punjab) against the new rules.")
    pakistan = _place(blank_nlp, "Traders staged a protest in Sahiwal (Punjab) against the new rules.")
    assert india.country == "India" and pakistan.country == "Pakistan"


def test_bracket_names_are_the_list_and_the_name_before_it():
    text = "a protest at a college, Bathinda (Punjab) against"
    assert tp.bracket_names(text, text.index("Punjab"), None) == ["Bathinda"]
    text = "an attack in Tinde (Arbinda, Soum)."
    assert tp.bracket_names(text, text.index("Soum"), "Arbinda") == ["Arbinda", "Tinde"]


def test_part_of_town_word_is_no_town(blank_nlp):
    # "Colonia" is also a Uruguayan city and region: in "Colonia Independencia" it is a neighbourhood.
    p = _place(blank_nlp, "In Monterrey, Nuevo Leon, a man was shot dead in Colonia Independencia.",
               [("Monterrey", "GPE"), ("Nuevo Leon", "GPE"), ("Colonia", "GPE")])
    assert (p.city, p.country) == ("Monterrey", "Mexico")


def test_second_name_that_is_a_town_picks_the_namesake_of_its_country(blank_nlp):
    p = _place(blank_nlp, "Two suspects were killed in a raid in Santa Maria, Bulacan.",
               [("Santa Maria", "GPE"), ("Bulacan", "GPE")])
    assert p.country == "Philippines"


def test_second_level_region_in_brackets(blank_nlp):
    p = _place(blank_nlp, "Militants attacked the village of Tindewal (Arbinda, Soum) and burned shops.")
    assert (p.country, p.admin1) == ("Burkina Faso", "Sahel")


def test_newer_region_the_tables_lack(blank_nlp):
    p = _place(blank_nlp, "Militiamen attacked a camp near Bunia (Djugu, Ituri) at night.",
               [("Bunia", "GPE")])
    assert (p.city, p.admin1, p.country) == ("Bunia", "Ituri", "Democratic Republic of Congo")
    region = Gazetteer.load().admin1("Ituri")
    assert region is not None and region.country_code == "CD"


def test_region_spelling_alias():
    region = Gazetteer.load().admin1("Aljfara")
    assert region is not None and (region.country_code, region.name) == ("LY", "Al Jafarah")


def test_town_called_a_village_is_no_city_abroad(blank_nlp):
    doc = _doc(blank_nlp, "Rebels burned the village of Kaduna near Butembo (Lubero, Nord Kivu), Congo.",
               [("Kaduna", "GPE"), ("Butembo", "GPE"), ("Congo", "GPE")])
    places = extract_places(doc)
    kaduna = next(p for p in places if p.text == "Kaduna")
    assert kaduna.country_code != "NG"


def test_rule_families_declared():
    for name in ("report-place", "place-in-region", "place-bracket-holder", "place-part-words",
                 "place-hint-town", "place-second-level", "place-village-word"):
        assert rules.on(name)


def test_article_without_incident_keeps_its_place():
    place = Place(text="Montes Claros", start=3, end=16, city="Montes Claros", admin1="Minas Gerais",
                  country="Brazil", country_code="BR", precision="city")
    report = Report("a1", relevant=False, place=place)
    row = article_rows(["article_id", "country", "admin1", "killed"], {"a1": report}, {"s1": "a1"})[0]
    assert (row["country"], row["admin1"], row["killed"]) == ("Brazil", "Minas Gerais", 0)
    again = report_from_dict(report.to_dict())
    assert again.place == place


def test_a_wire_credit_in_brackets_is_no_place(blank_nlp):
    # "(AP)" opening a wire story is the agency's credit, not Andhra Pradesh; a region after a town stays
    credit = "(AP) - Officials say the toll from the Sunday bombings has been lowered."
    assert _place(blank_nlp, credit) is None
    assert _place(blank_nlp, "(AFP/Reuters) Officials say the toll has been lowered.") is None
    guntur = _place(blank_nlp, "Police fired on farmers in Guntur (Guntur, AP) on Monday.")
    assert (guntur.city, guntur.admin1) == ("Guntur", "Andhra Pradesh")


def test_a_country_the_tagger_calls_a_person_is_the_country(blank_nlp):
    p = _place(blank_nlp, "New Zealand on Thursday lowered the toll of the weekend bombings.",
               [("New Zealand", "PERSON")])
    assert (p.country, p.precision) == ("New Zealand", "country")
    # a one-word name may be someone's: "Jordan" alone stays a person
    assert _place(blank_nlp, "Jordan said the bombings killed many.", [("Jordan", "PERSON")]) is None
    rules_off = rules.on
    try:
        rules.on = lambda name: name != "place-country-as-person"
        text = "New Zealand on Thursday lowered the toll."
        assert _place(blank_nlp, text, [("New Zealand", "PERSON")]) is None
    finally:
        rules.on = rules_off
