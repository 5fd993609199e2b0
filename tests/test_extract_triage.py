from __future__ import annotations

import pytest

from sitrep.extract.triage import LEAD_PARAGRAPHS, focus, relevant


def test_triage_relevant_needs_an_incident_cue():
    assert relevant("Two men were shot and wounded outside a bar on Friday, police said.")
    assert relevant("A 6.1 magnitude earthquake struck the coast.")
    assert not relevant("The city council approved the new budget for parks and libraries.")


def test_triage_focus_keeps_offsets_and_blanks_boilerplate():
    lead = ["Title line", "By A. Writer", "March 3, 2016", "Police said a man was shot on Main Street."]
    tail = ["Subscribe to our newsletter for more stories like this one. " * 5] * 20
    text = "\n\n".join(lead + tail + ["Later, a second victim died at the hospital."])
    out = focus(text)
    assert len(out) == len(text)
    for para in lead[:LEAD_PARAGRAPHS]:
        assert para in out
    assert "Subscribe" not in out
    i = text.index("a second victim died")
    assert out[i : i + 20] == text[i : i + 20]


def test_triage_focus_leaves_short_texts_alone():
    text = "Protesters gathered.\n\nNothing else happened here today."
    assert focus(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "The two countries signed a ceasefire agreement in the capital on Monday.",
        "Soldiers seized a cache of rifles and ammunition near the border crossing.",
        "The army set up a new observation post on the hill overlooking the valley.",
        "Hundreds of teachers rallied outside the ministry to demand higher pay.",
    ],
)
def test_triage_relevant_knows_every_kind_the_taxonomy_codes(text):
    assert relevant(text)


@pytest.mark.parametrize("text", [
    "Unknown perpetrators firebombed a recruiting office downtown overnight.",
    "Someone threw a Molotov cocktail at the mayor's car.",
    "Two buses were torched in the depot; damage was estimated at $10,000.",
    "A pipeline was sabotaged near the border crossing.",
])
def test_triage_relevant_knows_incendiary_and_sabotage_words(text):
    assert relevant(text)
