"""Places named and the event's place, on hand-made Docs (entities set by hand, no model)."""
from __future__ import annotations

import pytest

from entdocs import doc_with_ents
from sitrep.extract.places import event_place, extract_places
from sitrep.gazetteer import Gazetteer


@pytest.fixture(scope="session", autouse=True)
def _gaz():
    Gazetteer.load()


def _doc(blank_nlp, text, ents=()):
    return doc_with_ents(blank_nlp, text, ents)


def test_places_city_comma_state_abbreviation(blank_nlp):
    doc = _doc(blank_nlp, "A man was shot in Wallace, NC on Friday.")
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1, p.country) == ("Wallace", "North Carolina", "United States")


def test_places_state_decides_between_namesakes(blank_nlp):
    doc = _doc(blank_nlp, "A bomb was found in Cairo, Illinois.", [("Cairo", "GPE"), ("Illinois", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1, p.country_code) == ("Cairo", "Illinois", "US")


def test_places_dateline_city(blank_nlp):
    doc = _doc(blank_nlp, "CEDAR RAPIDS — Police said a student shot himself outside the school.")
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Cedar Rapids", "Iowa")


def test_places_county_name(blank_nlp):
    doc = _doc(blank_nlp, "Deputies in York County, Pa. responded to a shooting.", [("York County", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.admin2, p.admin1, p.precision) == ("York County", "Pennsylvania", "admin2")


def test_places_admin1_alias_and_country(blank_nlp):
    doc = _doc(blank_nlp, "Gunmen attacked a police post in Ingushetia, Russia.",
               [("Ingushetia", "GPE"), ("Russia", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.admin1, p.country, p.precision) == ("Ingushetia", "Russia", "admin1")


def test_places_venue_takes_its_town(blank_nlp):
    text = ("Gunmen opened fire at Crocus City Hall in Krasnogorsk, on the outskirts of Moscow, "
            "on Friday evening.")
    doc = _doc(blank_nlp, text, [("Crocus City Hall", "FAC"), ("Krasnogorsk", "GPE"), ("Moscow", "GPE")])
    places = extract_places(doc)
    venue = next(p for p in places if p.precision == "venue")
    assert venue.city == "Krasnogorsk" and venue.admin1 == "Moscow Oblast" and venue.lat is not None
    p = event_place(doc, places)
    assert p.country == "Russia" and p.city == "Krasnogorsk"
    assert abs(p.lat - 55.82) < 0.25 and abs(p.lon - 37.39) < 0.25


def test_places_abbreviations_are_not_towns(blank_nlp):
    text = "The suspect was seen in the US and Pa. last week."
    doc = _doc(blank_nlp, text, [("US", "GPE"), ("Pa.", "GPE")])
    places = extract_places(doc)
    assert {p.precision for p in places} <= {"country", "admin1"}
    assert {p.country for p in places} == {"United States"}


def test_places_glued_dateline_drops_outlet_prefix(blank_nlp):
    text = "Man shot overnight | Fox 59INDIANAPOLIS, Ind. (Dec. 10, 2015) — Police are investigating."
    doc = _doc(blank_nlp, text)
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Indianapolis", "Indiana")


def test_places_city_named_by_its_police(blank_nlp):
    text = "Two boys were hurt early Saturday. Lubbock police said the gunman fled in the 2200 block."
    doc = _doc(blank_nlp, text)
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Lubbock", "Texas")


def test_places_city_named_region_does_not_pick_that_region(blank_nlp):
    doc = _doc(blank_nlp, "A teen was shot in Kansas City on Friday.", [("Kansas City", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Kansas City", "Missouri")


def test_places_streets_and_modifiers_are_not_the_place(blank_nlp):
    text = "Rioters protesting the US dollar rate blocked Hamra Street in Beirut, Lebanon."
    ents = [("US", "GPE"), ("Hamra Street", "FAC"), ("Beirut", "GPE"), ("Lebanon", "GPE")]
    doc = _doc(blank_nlp, text, ents)
    places = extract_places(doc)
    assert all(p.text != "Hamra Street" for p in places)
    p = event_place(doc, places)
    assert (p.city, p.country) == ("Beirut", "Lebanon")


def test_places_neighbourhood_reported_as_its_city(blank_nlp):
    text = "Four people were shot outside a store in West Englewood, Chicago police said."
    doc = _doc(blank_nlp, text, [("West Englewood", "GPE"), ("Chicago", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Chicago", "Illinois")
    assert p.text == "West Englewood"  # the evidence stays the words that placed it


def test_places_village_placed_by_bracketed_region(blank_nlp):
    doc = _doc(blank_nlp, "On 1 May 2020, militants attacked Xqzville (Kandahar) overnight.")
    p = event_place(doc, extract_places(doc))
    assert p.country == "Afghanistan" and p.admin1 is not None


def test_places_georgia_the_state_in_an_american_story(blank_nlp):
    text = "Assailants set fire to a church in Macon, Georgia, United States."
    doc = _doc(blank_nlp, text, [("Macon", "GPE"), ("Georgia", "GPE"), ("United States", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1, p.country) == ("Macon", "Georgia", "United States")


def test_places_northern_ireland_is_the_united_kingdom(blank_nlp):
    text = "A bomb exploded in Belfast, Northern Ireland."
    doc = _doc(blank_nlp, text, [("Belfast", "GPE"), ("Northern Ireland", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.country_code) == ("Belfast", "GB")


def test_places_country_named_for_its_forces_is_not_the_place(blank_nlp):
    text = "On 4 May 2020, military forces of Armenia fired on positions near Tovuz, Azerbaijan."
    doc = _doc(blank_nlp, text, [("Armenia", "GPE"), ("Tovuz", "GPE"), ("Azerbaijan", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert p.country == "Azerbaijan"


def test_places_region_spelling_variant_places_the_town(blank_nlp):
    # "Sharan" is a bigger town in Russia; the region named, in its own spelling, puts it in Syria.
    text = "On 6 May 2020, an IED exploded in Sharan town in the northern countryside of Aleppo."
    doc = _doc(blank_nlp, text, [("Sharan", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.country) == ("Sharan", "Syria")


def test_places_entity_over_a_comma_is_split(blank_nlp):
    doc = _doc(blank_nlp, "Residents protested in Nis, Serbia, on Friday.", [("Nis, Serbia", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.country) == ("Nis", "Serbia")


def test_places_region_after_an_admin_word(blank_nlp):
    text = "Militants were killed in an operation in Qzxandar district, Ghazni."
    doc = _doc(blank_nlp, text, [("Qzxandar", "LOC")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1, p.country) == ("Qzxandar", "Ghazni", "Afghanistan")


@pytest.mark.parametrize("text, country", [
    ("Workers protested in Madurai city (Madurai, TN) on Monday.", "India"),
    ("A man was shot in Memphis, TN on Monday.", "United States"),
])
def test_places_state_code_read_by_the_town_before_it(blank_nlp, text, country):
    doc = _doc(blank_nlp, text, [("Madurai" if "Madurai" in text else "Memphis", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert p.country == country


def test_places_outlet_names_the_country(blank_nlp):
    doc = _doc(blank_nlp, "On 5 May 2020, shots were heard near Qzxivka.")
    p = event_place(doc, extract_places(doc, outlet="Morning Herald (Ukraine)"))
    assert (p.city, p.country) == ("Qzxivka", "Ukraine")


def test_places_written_region_name_kept(blank_nlp):
    doc = _doc(blank_nlp, "On 7 May 2020, residents clashed with police in Dschang (Menoua, Ouest).",
               [("Dschang", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1, p.country) == ("Dschang", "Ouest", "Cameroon")


def test_places_region_between_town_and_country_is_no_town(blank_nlp):
    text = "Unknown perpetrators bombed a power line in Qzxona, California, United States."
    doc = _doc(blank_nlp, text, [("Qzxona", "GPE"), ("California", "GPE"), ("United States", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Qzxona", "California")


def test_places_unknown_name_does_not_beat_a_known_town(blank_nlp):
    text = "Three people were shot in Qzxgateway early Friday. Los Angeles police said the gunman fled."
    doc = _doc(blank_nlp, text, [("Qzxgateway", "GPE"), ("Los Angeles", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert p.city == "Los Angeles"


def test_places_part_of_a_region_is_not_its_name(blank_nlp):
    text = "A shooting spree in Southern California left three dead in Santa Ana, Calif."
    doc = _doc(blank_nlp, text, [("Southern California", "LOC")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Santa Ana", "California")


def test_places_region_in_brackets_after_a_town_word(blank_nlp):
    text = "On 2 May 2020, militants attacked a base at Qzxaale town (Marka, Lower Shabelle)."
    doc = _doc(blank_nlp, text, [("Qzxaale", "GPE"), ("Lower Shabelle", "LOC")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.country) == ("Qzxaale", "Somalia")


def test_places_county_name_is_no_foreign_region(blank_nlp):
    # Jamaica has a parish called Westmoreland; "Westmoreland County" is a US county.
    text = "ARNOLD (KDKA) — A girl was shot at a home in Westmoreland County, police said."
    doc = _doc(blank_nlp, text, [("Westmoreland County", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert p.country == "United States"


def test_places_countries_named_for_their_forces_together(blank_nlp):
    text = ("On 6 May 2020, military forces of India and Pakistan exchanged fire across the LoC "
            "in Qzxera sector area (Poonch district, J&K).")
    doc = _doc(blank_nlp, text, [("India", "GPE"), ("Pakistan", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert p.country == "India"


def test_places_big_city_is_no_spelling_of_its_region(blank_nlp):
    doc = _doc(blank_nlp, "On 3 May 2020, residents protested in Manaus over the lack of hospital beds.",
               [("Manaus", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Manaus", "Amazonas")


def test_places_a_side_of_town_is_no_town(blank_nlp):
    doc = _doc(blank_nlp, "A man was shot on the West Side on Friday.", [("West Side", "LOC")])
    assert event_place(doc, extract_places(doc)) is None  # not Side, in Turkey's Antalya


def test_places_an_old_name_of_a_metropolis_places_no_story():
    from sitrep.extract import toponyms
    from sitrep.extract.places import _gaz

    def countries(text, name):
        s = text.index(name)
        return toponyms.context(_gaz(), [(s, s + len(name), "GPE", None)], text)[0]

    assert countries("A 9-year-old was shot in Canton.", "Canton") == set()  # towns bear it: not China
    assert countries("A man was shot in Kiev.", "Kiev") == {"UA"}  # an old name no other town bears


def test_places_one_town_per_name_within_an_article(blank_nlp):
    # The dateline places Texarkana in Arkansas; the bare "in Texarkana" of the event sentence is that
    # town, not the bigger namesake across the state line in Texas.
    text = "Texarkana, Ark. Police are investigating a shooting that killed a boy Saturday in Texarkana."
    doc = blank_nlp(text)
    doc.ents = [doc.char_span(text.rindex("Texarkana"), len(text) - 1, label="GPE")]
    places = extract_places(doc)
    assert [(p.city, p.admin1) for p in places if p.city] == [("Texarkana", "Arkansas")] * 2
    p = event_place(doc, places)
    assert (p.city, p.admin1) == ("Texarkana", "Arkansas")


def test_places_named_neighbourhood_is_in_the_storys_city(blank_nlp):
    # Chicago's Austin is no town in the gazetteer; Austin, Texas is a far namesake.
    text = "A man was shot Tuesday in the Austin neighborhood on the West Side, Chicago police said."
    doc = _doc(blank_nlp, text, [("Austin", "GPE"), ("Chicago", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Chicago", "Illinois") and p.text == "Austin"


def test_places_big_city_weighs_its_state_among_namesakes(blank_nlp):
    text = "Two teens were shot in Englewood on Sunday, Chicago police said."
    doc = _doc(blank_nlp, text, [("Englewood", "GPE"), ("Chicago", "GPE")])
    p = event_place(doc, extract_places(doc))
    assert p.admin1 == "Illinois"


def test_places_the_before_a_towns_police_is_not_part_of_its_name(blank_nlp):
    doc = _doc(blank_nlp, "The Baton Rouge Police Department is investigating a shooting that left one dead.")
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Baton Rouge", "Louisiana")


def test_places_compass_quarter_of_a_city(blank_nlp):
    doc = _doc(blank_nlp, "A mother and child were found shot dead in southeast Houston on Monday.")
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.admin1) == ("Houston", "Texas")


def test_places_small_town_abroad_is_no_place_of_an_american_story(blank_nlp):
    text = "Deputies were called to North Long at 9 p.m. Tuesday after a man was shot, the sheriff said."
    doc = _doc(blank_nlp, text, [("North Long", "LOC")])
    p = event_place(doc, extract_places(doc))
    assert p.country_code == "US"


def test_places_title_case_dateline_with_agency(blank_nlp):
    doc = _doc(blank_nlp, "Kandy (AFP/Reuters): Two buses collided on a mountain road, killing nine.")
    p = event_place(doc, extract_places(doc))
    assert (p.city, p.country) == ("Kandy", "Sri Lanka")
    doc = _doc(blank_nlp, "Police (file photo): two men were arrested on Friday.")
    assert not [x for x in extract_places(doc) if x.city == "Police"]


def test_places_a_holiday_the_tagger_calls_a_facility_is_no_town(blank_nlp):
    text = "The toll from the Easter Sunday bombings in Sri Lanka rose to 40, police said."
    doc = _doc(blank_nlp, text, [("Easter Sunday", "FAC"), ("Sri Lanka", "GPE")])
    assert [p.city for p in extract_places(doc) if p.city] == []
    assert event_place(doc, extract_places(doc)).country == "Sri Lanka"
    # the holiday alone ("on Easter"), tagged a facility, is no town either
    text = "Bombers struck hotels on Easter, killing 40 people across Sri Lanka."
    doc = _doc(blank_nlp, text, [("Easter", "FAC"), ("Sri Lanka", "GPE")])
    assert [p.city for p in extract_places(doc) if p.city] == []
