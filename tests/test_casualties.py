"""nlp/casualties + figures: numbers linked to their casualty word through the parse (slow: the model)."""
from __future__ import annotations

import pytest

from sitrep.extract.figures import extract_figures
from sitrep.extract.totals import best_figure
from sitrep.nlp.casualties import casualty_links, ordinal_value

pytestmark = pytest.mark.slow


def _read(nlp, text):
    return [(f.category, f.low, f.scope, f.revision) for f in extract_figures(nlp(text))]


@pytest.mark.parametrize(("text", "want"), [
    # the passive subject, the object, an intransitive subject, "N dead"
    ("Seven people were killed when a truck bomb exploded in Qzxona.", ("killed", 7, None, None)),
    ("The blast in Qzxona killed about 40 people on Monday.", ("killed", 40, None, None)),
    ("Police said that 12 have died since the fire.", ("killed", 12, None, None)),
    ("The attack left at least 31 dead.", ("killed", 31, None, None)),
    ("Eleven officers were wounded in the ambush near Qzxona.", ("injured", 11, "police", None)),
    # a toll that changed, and which way
    ("The death toll from the Qzxona bombing rose to 58 on Tuesday.", ("killed", 58, None, "up")),
    ("The toll was revised down to 19 after a counting error.", ("killed", 19, None, "down")),
    ("The number of injured has climbed to 140.", ("injured", 140, None, "up")),
    # the latest of the dead numbers the toll
    ("A fourth person has died after the stabbing in Qzxona, prosecutors said.", ("killed", 4, None, "up")),
])
def test_casualties_the_parse_links_a_number_to_its_casualty_word(nlp, text, want):
    assert want in _read(nlp, text)


@pytest.mark.parametrize("text", [
    "Bombs at three churches and two hotels killed about 100 people.",  # three counts churches
    "Four women aged 45, 52, 67 and 71 died in the crush.",  # ages
])
def test_casualties_numbers_that_count_things_or_ages_are_no_figures(nlp, text):
    values = {f.low for f in extract_figures(nlp(text))}
    assert not values & {3, 2, 45, 52, 67, 71}


def test_casualties_the_subject_of_an_active_killing_is_the_attacker(nlp):
    got = _read(nlp, "At least one gunman killed 22 people at the market.")
    assert ("attackers", 1, None, None) in got and ("killed", 22, None, None) in got
    assert ("killed", 1, "attackers", None) not in got


def test_casualties_links_are_kept_on_the_doc_as_plain_values(nlp):
    doc = nlp("Nine people were killed.")
    first = casualty_links(doc)
    assert doc._.casualty_links == {0: ("killed", "passive-subject", 1, 3, None)}
    assert casualty_links(doc) == first


def test_casualties_ordinal_values():
    from sitrep import nlp as nlp_module

    doc = nlp_module.blank()("a fifth and a 50th and five")
    assert [ordinal_value(t) for t in doc] == [0, 5, 0, 0, 50, 0, 0]


@pytest.mark.parametrize(("text", "figure", "who", "kind"), [
    ("Three people were killed, police said.", "Three", "police", "authority"),
    ("Police now say that 59 have died.", "59", "Police", "authority"),
    ("On Wednesday, spokesman Ed Marsh said the toll was 359.", "359", "spokesman Ed Marsh", "authority"),
    ("The group claimed that 100 soldiers were killed.", "100", "The group", "claimant"),
    # the writer's own figure about what the claimant claimed
    ("The Qzxona Front claimed the attack, which killed nearly 140 people.", "140", None, "unknown"),
    # never a date, a clause or a pronoun
    ("The toll of 359 announced yesterday was revised.", "359", None, "unknown"),
    ("He said that the hall, where 89 people were killed, was closed.", "89", None, "unknown"),
])
def test_casualties_attribution_from_the_parse(nlp, text, figure, who, kind):
    fig = next(f for f in extract_figures(nlp(text)) if text[f.start:f.end].find(figure) >= 0)
    assert (fig.attribution, fig.attribution_kind) == (who, kind)


@pytest.mark.parametrize(("text", "want"), [
    ("The number of foreigners killed has risen to 40.", ("killed", 40, "foreigners", "up")),
    ("Officials revised downward the death toll to 253.", ("killed", 253, None, "down")),
    # the count changed by a verb whose object is the toll, "to N" after a phrase of its own
    ("The ministry has lowered the death toll from the weekend attacks to 87 people.",
     ("killed", 87, None, "down")),
    ("Officials raised the death toll in the bombing of the market to 41 on Monday.",
     ("killed", 41, None, "up")),
])
def test_casualties_tolls_of_a_group_and_revisions_downward(nlp, text, want):
    assert want in _read(nlp, text)


def test_casualties_a_total_of_victims_is_no_toll(nlp):
    got = _read(nlp, "A total of 91 victims or their families gave statements at the hearing.")
    assert ("killed", 91, None, None) not in got


@pytest.mark.parametrize(("text", "absent"), [
    ("The two officers who fired on the man were not injured during the chase.", ("injured", 2)),
    ("A second victim was found four blocks away with a gunshot wound to the arm.", ("killed", 2)),
    ("Ed Marsh, 67 - The Daily Report. Ed Marsh died Monday after being shot.", ("killed", 67)),
])
def test_casualties_negated_misnumbered_and_ages_are_no_tolls(nlp, text, absent):
    assert absent not in [(c, v) for c, v, _, _ in _read(nlp, text)]


def test_casualties_one_of_the_suspects_is_an_attacker(nlp):
    got = _read(nlp, "One of the suspects, Ed Marsh, was shot and killed while trying to get away.")
    assert ("killed", 1, "attackers", None) in got


@pytest.mark.parametrize(("text", "want"), [
    ("Deaths: 130 (including 7 perpetrators)", ("killed", 130, None, None)),
    ("Injured: 413", ("injured", 413, None, None)),
    ("Casualties: 12 dead, 40 injured", ("injured", 40, None, None)),
])
def test_casualties_an_infobox_line_is_read(nlp, text, want):
    assert want in _read(nlp, text)


@pytest.mark.parametrize("text", [
    "Two killed in shooting at a park - FOX 8 Evening News",  # a channel's number
    "Suspect named in shooting that killed 14 | Daily News",  # a page title's separator
])
def test_casualties_names_and_page_titles_give_no_counts(nlp, text):
    values = {f.low for f in extract_figures(nlp(text))}
    assert 8 not in values and (14 in values or "14" not in text)


@pytest.mark.parametrize(("text", "want", "absent"), [
    # the killing has a subject of its own: those shot were not all killed
    ("Five people were shot at a party, and one of those victims was killed.", ("injured", 5, "shot", None),
     ("killed", 5, None, None)),
    ("In the end, five officers were fatally wounded.", ("killed", 5, "police", None),
     ("injured", 5, "police", None)),
    # the object is where the attacker was hurt, not whom he attacked; a date is no victim
    ("One firefighter injured a knee during the fire.", ("injured", 1, None, None),
     ("attackers", 1, None, None)),
    ("Police identified the four people killed Christmas Eve.", ("killed", 4, None, None),
     ("attackers", 4, None, None)),
])
def test_casualties_outcomes_and_objects(nlp, text, want, absent):
    got = _read(nlp, text)
    assert want in got and absent not in got


def test_casualties_down_from_marks_the_revision(nlp):
    got = _read(nlp, "The death toll now stands at 137, down from 150, with 182 injured, the minister said.")
    assert ("killed", 137, None, "down") in got and not any(v == 150 for _, v, _, _ in got)


def test_casualties_a_rise_is_the_tolls_not_the_victims_it_names(nlp):
    got = _read(nlp, "The death toll from the market attack in Qzxona has risen to six after a 52-year-old "
                     "woman succumbed to her injuries.")
    assert ("killed", 6, None, "up") in got
    woman = [rev for _, v, _, rev in got if v == 1]
    assert woman == [None]  # the woman is one of the six, not a new toll


def test_casualties_an_earlier_count_is_not_the_articles_value(nlp):
    text = ("Police initially said five people were killed in the market blast. Officials at the city "
            "hospital said three people were killed and nine were hurt.")
    figs = extract_figures(nlp(text))
    assert [(f.category, f.low, f.revision) for f in figs if f.category == "killed"] == [
        ("killed", 5, "earlier"), ("killed", 3, None)]
    assert best_figure(figs, "killed").low == 3  # the five stays in the history
    # an earlier count beside a revision: the revision is the article's value
    figs = extract_figures(nlp("Officials lowered the death toll to 253 on Thursday. Earlier estimates "
                               "suggested at least 359 people were killed."))
    assert best_figure(figs, "killed").low == 253
