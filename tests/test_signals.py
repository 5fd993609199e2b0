"""Article signals: kind and the machine-paraphrase score with its evidence."""

from __future__ import annotations

from sitrep.extract import signals

PLAIN = (
    "Gunmen opened fire at a concert hall on Friday night, killing at least 60 people and wounding more than "
    "100, officials said. The attackers then set the building on fire. Firefighters fought the blaze "
    "for hours "
    "while police searched for the men who fled in a car. The mayor said the city would hold a day of"
    " mourning "
    "and asked people to give blood at local hospitals. Witnesses told reporters they heard shots and"
    " saw smoke "
    "rising from the roof. The band was due to play later that evening and the hall was full of fans. "
)
SPUN = (
    "Armed assailants unleashed gunfire within a concert edifice on Friday nocturnal hours, causing "
    "the demise of "
    "at least 60 individuals and injuries to in excess of 100 attendees, officials conveyed. The assailants "
    "subsequently ignited a conflagration within the edifice. Firefighters battled the inferno for numerous "
    "hours whilst law enforcement personnel pursued the perpetrators who absconded in an automobile. "
    "The mayor "
    "proclaimed the metropolis would observe a day of lamentation and implored the populace to donate blood. "
    "Onlookers apprised reporters that they perceived detonations and beheld billows of smoke ascending. "
)


def test_signals_paraphrase_flags_spun_text_not_plain(blank_nlp):
    plain_score, _ = signals.paraphrase(blank_nlp(PLAIN))
    spun_score, evidence = signals.paraphrase(blank_nlp(SPUN))
    assert plain_score < signals.PARAPHRASE_THRESHOLD <= spun_score
    assert "edifice" in evidence and "conflagration" in evidence


def test_signals_paraphrase_short_text_says_nothing(blank_nlp):
    assert signals.paraphrase(blank_nlp("The edifice burned.")) == (0.0, [])


def test_signals_score_in_unit_interval(blank_nlp):
    score, _ = signals.paraphrase(blank_nlp(SPUN * 3))
    assert 0.0 <= score <= 1.0


def test_signals_article_kind(blank_nlp):
    assert signals.article_kind(blank_nlp(PLAIN)) == "news"
    release = (
        "FOR IMMEDIATE RELEASE\nAcme Corp announces a new plant.\nMedia contact: press@acme.example\n###"
    )
    assert signals.article_kind(blank_nlp(release)) == "press_release"
    opinion = (
        "Commentary. We must ask why this happened. In our view the government failed, and we believe "
        "it is clear that the policy must be opposed. I think our readers agree. " * 2
    )
    assert signals.article_kind(blank_nlp(opinion)) == "analysis"


def test_signals_quoted_first_person_is_still_news(blank_nlp):
    text = (
        'Police said a man was shot on Main Street on Friday. "We must find who did this," the chief '
        'said. "I think the neighborhood is scared," a resident told reporters. Officers are investigating. '
    ) * 2
    assert signals.article_kind(blank_nlp(text)) == "news"


def test_signals_one_press_release_mention_is_not_a_release(blank_nlp):
    text = "The sheriff's office said in a press release that two deputies were hurt in a crash on Route 9."
    assert signals.article_kind(blank_nlp(text)) == "news"


def test_signals_press_release_cues_from_the_data_file(blank_nlp):
    """data/lang/en/press_cues.tsv: an "alone" cue suffices, "cue" kinds need two (one case-sensitive)."""
    assert signals.article_kind(blank_nlp("For immediate release. Acme opens a plant in Ohio.")) == \
        "press_release"
    two = "Acme opens a plant (PRNewswire). This text contains forward-looking statements."
    assert signals.article_kind(blank_nlp(two)) == "press_release"
    assert signals.article_kind(blank_nlp(two.replace("PRNewswire", "prnewswire"))) == "news"
