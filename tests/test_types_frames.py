"""Lemma frames for CASE/ACLED codes (``data/types/case_frames.tsv``): hand-built parsed Docs, no model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.extract import cues, types


def _doc(rows: list[tuple[str, str, str, str, int]]) -> Doc:
    """A parsed Doc from (word, lemma, pos, dep, head index) rows; sentence = the whole Doc."""
    words, lemmas, pos, deps, heads = (list(c) for c in zip(*rows, strict=True))
    return Doc(Vocab(), words=words, lemmas=lemmas, pos=pos, deps=deps, heads=heads)


# "More foreign-owned shops have been burned in South Africa ." (a passive with no phrase cue)
BURNED_SHOPS = [
    ("More", "more", "ADJ", "amod", 1),
    ("shops", "shop", "NOUN", "nsubjpass", 4),
    ("have", "have", "AUX", "aux", 4),
    ("been", "be", "AUX", "auxpass", 4),
    ("burned", "burn", "VERB", "ROOT", 4),
    ("in", "in", "ADP", "prep", 4),
    ("South", "South", "PROPN", "compound", 7),
    ("Africa", "Africa", "PROPN", "pobj", 5),
    (".", ".", "PUNCT", "punct", 4),
]

# "The army established a number of barracks near the border ." (object behind "a number of")
BARRACKS = [
    ("The", "the", "DET", "det", 1),
    ("army", "army", "NOUN", "nsubj", 2),
    ("established", "establish", "VERB", "ROOT", 2),
    ("a", "a", "DET", "det", 4),
    ("number", "number", "NOUN", "dobj", 2),
    ("of", "of", "ADP", "prep", 4),
    ("barracks", "barracks", "NOUN", "pobj", 5),
    ("near", "near", "ADP", "prep", 2),
    ("the", "the", "DET", "det", 9),
    ("border", "border", "NOUN", "pobj", 7),
    (".", ".", "PUNCT", "punct", 2),
]

# "Turkish jets destroyed weapon depots in the north ." (aircraft as the doer)
JETS = [
    ("Turkish", "turkish", "ADJ", "amod", 1),
    ("jets", "jet", "NOUN", "nsubj", 2),
    ("destroyed", "destroy", "VERB", "ROOT", 2),
    ("weapon", "weapon", "NOUN", "compound", 4),
    ("depots", "depot", "NOUN", "dobj", 2),
    ("in", "in", "ADP", "prep", 2),
    ("the", "the", "DET", "det", 7),
    ("north", "north", "NOUN", "pobj", 5),
    (".", ".", "PUNCT", "punct", 2),
]

# "Police said suicide bombers targeted a wake on Wednesday ." ("bomber" is no aircraft)
SUICIDE_BOMBERS = [
    ("Police", "police", "NOUN", "nsubj", 1),
    ("said", "say", "VERB", "ROOT", 1),
    ("suicide", "suicide", "NOUN", "compound", 3),
    ("bombers", "bomber", "NOUN", "nsubj", 4),
    ("targeted", "target", "VERB", "ccomp", 1),
    ("a", "a", "DET", "det", 6),
    ("wake", "wake", "NOUN", "dobj", 4),
    (".", ".", "PUNCT", "punct", 1),
]

# "Soldiers deployed in the town hurled stones ." ("soldiers deployed there" describes, moves nobody)
DEPLOYED_THERE = [
    ("Soldiers", "soldier", "NOUN", "nsubj", 5),
    ("deployed", "deploy", "VERB", "acl", 0),
    ("in", "in", "ADP", "prep", 1),
    ("the", "the", "DET", "det", 4),
    ("town", "town", "NOUN", "pobj", 2),
    ("hurled", "hurl", "VERB", "ROOT", 5),
    ("stones", "stone", "NOUN", "dobj", 5),
    (".", ".", "PUNCT", "punct", 5),
]


@pytest.mark.parametrize(
    ("rows", "code"),
    [(BURNED_SHOPS, "PROPERTY_DISTRUCT"), (BARRACKS, "HQ_ESTABLISHED"), (JETS, "AIR_STRIKE")],
)
def test_frames_name_the_event_the_phrase_cues_miss(rows, code):
    doc = _doc(rows)
    scores, trig = cues.frame_score(doc, len(doc.text))
    assert max(scores, key=scores.get) == code
    assert trig[code][2] in doc.text
    assert types.classify(doc).case_label == code


def test_frames_suicide_bomber_is_no_aircraft_and_a_description_moves_no_troops():
    assert "AIR_STRIKE" not in cues.frame_score(_doc(SUICIDE_BOMBERS), 100)[0]
    assert "CHANGE_TO_GROUP_ACT" not in cues.frame_score(_doc(DEPLOYED_THERE), 100)[0]


def test_frames_verb_only_trigger_and_lead_limit():
    # "shells" the noun is no shelling frame (the phrase cues read nouns); the verb is.
    noun = _doc([("IS", "IS", "PROPN", "nsubj", 1), ("used", "use", "VERB", "ROOT", 1),
                 ("shells", "shell", "NOUN", "dobj", 1)])
    verb = _doc([("Troops", "troop", "NOUN", "nsubj", 1), ("shelled", "shell", "VERB", "ROOT", 1),
                 ("villages", "village", "NOUN", "dobj", 1)])
    assert "ART_MISS_ATTACK" not in cues.frame_score(noun, 100)[0]
    assert "ART_MISS_ATTACK" in cues.frame_score(verb, 100)[0]
    assert cues.frame_score(verb, 100, upto=3)[0] == {}  # "shelled" starts after char 3


def test_frames_need_a_parse_and_every_row_parses(blank_nlp):
    assert cues.frame_score(blank_nlp("Shops have been burned."), 100)[0] == {}
    frames = cues.case_frames()
    assert frames and all(f.role in ("any", "obj", "subj", "from") for f in frames)
    assert all(f.value in types.GENERAL_LABEL for f in frames)
    assert all(f.args is None or f.role != "any" for f in frames)


# "A bomb placed in a container exploded in the city ." (the device as the subject, words between)
BOMB_EXPLODED = [
    ("A", "a", "DET", "det", 1),
    ("bomb", "bomb", "NOUN", "nsubj", 6),
    ("placed", "place", "VERB", "acl", 1),
    ("in", "in", "ADP", "prep", 2),
    ("a", "a", "DET", "det", 5),
    ("container", "container", "NOUN", "pobj", 3),
    ("exploded", "explode", "VERB", "ROOT", 6),
    ("in", "in", "ADP", "prep", 6),
    ("the", "the", "DET", "det", 9),
    ("city", "city", "NOUN", "pobj", 7),
    (".", ".", "PUNCT", "punct", 6),
]

# "The forces withdrew from the town ." (ground left: where from)
WITHDREW_FROM = [
    ("The", "the", "DET", "det", 1),
    ("forces", "force", "NOUN", "nsubj", 2),
    ("withdrew", "withdraw", "VERB", "ROOT", 2),
    ("from", "from", "ADP", "prep", 2),
    ("the", "the", "DET", "det", 5),
    ("town", "town", "NOUN", "pobj", 3),
    (".", ".", "PUNCT", "punct", 2),
]


def test_frames_device_as_subject_and_ground_left():
    assert "REM_EXPLOS" in cues.frame_score(_doc(BOMB_EXPLODED), 100)[0]
    assert cues.frame_score(_doc(WITHDREW_FROM), 100)[0] == {"NON_VIOL_TERRIT_TRANSFER": 10.0}
