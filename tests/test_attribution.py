"""attribution.attribute: who gave a figure, and what kind of source it is."""
from __future__ import annotations

import pytest

from sitrep.extract.attribution import attribute, speaker_kind


def _span(blank_nlp, text):
    doc = blank_nlp(text)
    return doc[:]


@pytest.mark.parametrize(
    ("text", "figure", "who", "kind"),
    [
        ("Three people were killed, police said.", "Three", "police", "authority"),
        ("According to the Health Ministry, 12 people died.", "12", "the Health Ministry", "authority"),
        ("While the Federal Security Service of Russia reported 40 fatalities and over 100 injuries, "
         "certain local news outlets speculated.",
         "40", "the Federal Security Service of Russia (FSB)", "authority"),
        ("The Islamic State group claimed responsibility, resulting in casualties numbering in the hundreds.",
         "hundreds", "The Islamic State group", "claimant"),
        ("A neighbor told reporters two men ran away.", "two", "A neighbor", "witness"),
        ("Two people died, Reuters reported.", "Two", "Reuters", "media"),
    ],
)
def test_attribution_speaker_and_kind(blank_nlp, text, figure, who, kind):
    sent = _span(blank_nlp, text)
    start = text.index(figure)
    assert attribute(sent, start, start + len(figure)) == (who, kind)


def test_attribution_none_without_a_source(blank_nlp):
    text = "At least 60 dead, 145 wounded, in Moscow terrorist attack"
    assert attribute(_span(blank_nlp, text), 0, 11) == (None, "unknown")


def test_attribution_claim_verb_makes_a_group_a_claimant_but_not_the_police():
    assert speaker_kind("the militants", claimed=True) == "claimant"
    assert speaker_kind("the police", claimed=True) == "authority"
    assert speaker_kind("a local resident") == "witness"


def test_attribution_a_listed_agency_is_an_authority_even_when_it_claims():
    from sitrep.extract.attribution import speaker_kind

    assert speaker_kind("NIA", claimed=True) == "authority"
    assert speaker_kind("the national investigation agency") == "authority"
    assert speaker_kind("a group calling itself the Front", claimed=True) == "claimant"


@pytest.mark.parametrize(
    ("text", "figure", "who"),
    [
        ("Five people died, and police said the toll may rise.", "Five", "police"),  # stop word "and"
        ("Five people died, said the governor of Kano, who visited.", "Five", "the governor of Kano"),  # who
        ("He said on Monday that five people were killed.", "five", "He"),  # "on Monday" is no speaker
    ],
)
def test_attribution_speaker_phrase_ends_at_the_words_of_speaker_syntax(blank_nlp, text, figure, who):
    """The words of data/lang/en/speaker_syntax.tsv bound the speaker phrase read around a say verb."""
    start = text.index(figure)
    assert attribute(_span(blank_nlp, text), start, start + len(figure))[0] == who
