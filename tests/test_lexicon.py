"""The readers' data files: every table loads, and every value it gives is one the records declare."""
from __future__ import annotations

import pytest

from sitrep import lexicon
from sitrep.records import ATTRIBUTION_KINDS, CATEGORIES, QUALIFIERS, SCOPES


def test_lexicon_a_missing_file_names_the_path_to_add():
    with pytest.raises(lexicon.MissingLexicon, match=r"src/sitrep/data/lang/xx/casualty.tsv"):
        lexicon.rows("casualty", lang="xx")


def test_lexicon_classes_keep_a_word_in_every_class_that_lists_it():
    kinds = lexicon.classes("people_syntax")
    assert "died" in kinds["kill"] and "died" in kinds["intransitive"]


def test_lexicon_casualty_words_give_declared_categories():
    assert set(lexicon.grouped("casualty").values()) <= set(CATEGORIES) | {"shot"}


def test_lexicon_scope_nouns_give_declared_scopes():
    assert set(lexicon.grouped("scope_nouns").values()) <= set(SCOPES)


@pytest.mark.parametrize("table", ["qualifiers", "vague"])
def test_lexicon_qualifiers_normalize_to_declared_ones(table):
    normalized = {r[1] for r in lexicon.rows(table)} if table == "qualifiers" else \
        {r[3] for r in lexicon.rows(table)}
    assert normalized <= set(QUALIFIERS)


def test_lexicon_vague_amounts_are_ranges_low_end_first():
    for phrase, low, high, _ in lexicon.rows("vague"):
        assert 0 < int(low) <= int(high), phrase


def test_lexicon_speaker_kinds_and_say_verbs_are_declared():
    assert {r[0] for r in lexicon.rows("speakers")} <= set(ATTRIBUTION_KINDS)
    assert set(lexicon.mapping("say_verbs").values()) == {"say", "claim"}


def test_lexicon_agencies_have_an_acronym_and_a_country():
    for name, acronym, country in lexicon.rows("agencies"):
        assert name == name.lower() and acronym.isupper() and (len(country) == 2 or country == "intl")


def test_lexicon_a_folder_outside_the_languages_is_read_the_same_way():
    assert lexicon.mapping("us_state_ap", folder="gazetteer")["W. Va."] == "WV"
    with pytest.raises(lexicon.MissingLexicon, match=r"src/sitrep/data/gazetteer/nothing.tsv"):
        lexicon.rows("nothing", folder="gazetteer")


def test_lexicon_claim_channels_and_actor_pointers():
    import re

    for row in lexicon.rows("claim_channels"):
        assert len(row) == 2 and re.compile(row[1])
    from sitrep.extract.actors import _POINTERS, _how

    assert "no one" in _POINTERS and "they" in _POINTERS  # a pointer of two words stays one entry
    assert _how("It claimed the attack in a video posted on Telegram") == "social media, video"  # file order
