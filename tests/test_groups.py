"""Groups: one name per well-known group; the kind of perpetrator a text describes."""
from __future__ import annotations

import pytest

from sitrep.extract import actors, groups


@pytest.mark.parametrize(
    "written, name",
    [
        ("Daesh", "Islamic State of Iraq and the Levant (ISIL)"),
        ("the Islamic State", "Islamic State of Iraq and the Levant (ISIL)"),
        ("Islamic State-Khorasan (ISIS-K)", "Khorasan Chapter of the Islamic State"),
        ("ISIS-K", "Khorasan Chapter of the Islamic State"),
        ("Black Panther Party", "Black Panthers"),
        ("Valley Liberation Front (VLF)", None),
        ("the local council", None),
    ],
)
def test_groups_canonical_names(written, name):
    assert groups.canonical(written) == name


def test_groups_capital_aliases_match_only_in_capitals():
    rx = groups.alias_pattern()
    assert rx.search("Members of the ELF set fire to the site.")
    assert not rx.search("A toy elf was left at the door.")


def test_groups_a_known_group_the_ner_missed_is_found(blank_nlp):
    doc = blank_nlp("Members of the Weather Underground planted a bomb in the courthouse restroom.")
    assert actors.primary_perpetrator(actors.extract_actors(doc)) == "Weather Underground, Weathermen"


@pytest.mark.parametrize(
    "text, best",
    [
        ("Anti-government militia members and a neo-Nazi cell were blamed.", "Anti-Government extremists"),
        ("Left-wing radicals bombed the army recruiting station on campus.", "Left-Wing Militants"),
        # the target alone names no kind of perpetrator
        ("Unknown perpetrators bombed the army recruiting station on campus.", None),
        ("Unknown perpetrators set a fire in a university library.", None),
        ("A parcel was left outside the bakery.", None),
    ],
)
def test_groups_kinds_strongest_then_earliest(text, best):
    found = groups.kinds_in(text)
    assert (found[0][0] if found else None) == best


@pytest.mark.parametrize(
    "text, name",
    [
        ("Four hijackers belonging to Al-Qaeda seized the airliner over the sea.", "Al-Qaida"),
        ("The Earth Liberation Front is believed responsible for the fire at the sawmill.",
         "Earth Liberation Front (ELF)"),
        ("Police attributed the attack to the Animal Liberation Front after a note was found.",
         "Animal Liberation Front (ALF)"),
    ],
)
def test_groups_named_group_in_a_perpetrator_phrase(blank_nlp, text, name):
    assert actors.primary_perpetrator(actors.extract_actors(blank_nlp(text))) == name


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Assailants sprayed homophobic slurs on the car before beating its owner.", "Anti-LGBT extremists"),
        ("The pylon was bombed during the long meat packers strike in the valley.", "Strikers"),
        # a state named near an unnamed claimant is no perpetrator; the kind still is read
        ("A firebomb hit a patrol car in Ohio, United States. An unknown anti-police extremist group claimed "
         "responsibility for the incident.", "Anti-Police extremists"),
    ],
)
def test_groups_kinds_read_in_context(blank_nlp, text, kind):
    assert actors.primary_perpetrator(actors.extract_actors(blank_nlp(text))) == kind


def test_groups_a_capitalized_description_is_no_group_name(blank_nlp):
    assert groups.describes("White Racists")
    assert not groups.describes("Night Owls Front")
    doc = blank_nlp("The White Racists claimed responsibility for the bombing of the house.")
    found = actors.extract_actors(doc)
    assert actors.primary_perpetrator(found) == "White extremists"


def test_groups_a_single_country_group_names_its_country():
    assert groups.home_countries("Pro-Houthi forces shelled the area.") == {"YE"}
    assert groups.home_countries("Taliban militants attacked a check point.") == {"AF"}
    assert groups.home_countries("The Pakistani Taliban claimed it.") == {"PK"}  # not the Afghan Taliban
    assert groups.home_countries("Islamic State fighters attacked the town.") == set()  # many countries


def test_groups_home_country_places_a_story_that_names_none():
    from sitrep.extract import toponyms
    from sitrep.extract.places import _gaz

    text = "Taliban militants attacked a check point in Chaharmaghzak village."
    s = text.index("Chaharmaghzak")
    assert toponyms.context(_gaz(), [(s, s + 13, "GPE", None)], text)[0] == {"AF"}
