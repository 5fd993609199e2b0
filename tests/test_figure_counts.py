"""Figures: a group's initials before the noun counted, a number the
tagger made a name alone (fast: hand-made Figures and Docs, no model)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from sitrep.extract import figures as figs
from sitrep.extract.numbers import not_a_count
from sitrep.records import Figure


def _fig(category, low, text, start, sentence, scope=None):
    return Figure(category=category, low=low, high=low, text=text, start=start, end=start + len(text),
                  sentence=sentence, scope=scope)


def _tagged(blank_nlp, words, pos):
    doc = Doc(blank_nlp.vocab, words=words, pos=pos)
    return doc


def test_initials_before_the_noun_are_no_verb(blank_nlp):
    doc = _tagged(blank_nlp, ["56", "BH", "/", "IS", "fighters", "were", "killed", "."],
                  ["NUM", "PROPN", "SYM", "VERB", "NOUN", "AUX", "VERB", "PUNCT"])
    assert figs._acronym_modifier(doc, 1, 1) and figs._acronym_modifier(doc, 3, 1)
    cat, _scope, _at = figs._category_right(doc, 1, len(doc))
    assert cat == "killed"
    plain = _tagged(blank_nlp, ["5", "protested", "and", "were", "killed"],
                    ["NUM", "VERB", "CCONJ", "AUX", "VERB"])
    assert not figs._acronym_modifier(plain, 1, 1)


def test_quantity_with_initials_before_a_noun_is_a_count(blank_nlp):
    doc = _tagged(blank_nlp, ["1", "TMF", "fighter", "was", "killed"],
                  ["NUM", "PROPN", "NOUN", "AUX", "VERB"])
    doc.ents = [Span(doc, 0, 2, label="QUANTITY")]
    assert not not_a_count(doc, 0, 1, 0)
    mw = _tagged(blank_nlp, ["5", "MW", "of", "power"], ["NUM", "PROPN", "ADP", "NOUN"])
    mw.ents = [Span(mw, 0, 2, label="QUANTITY")]
    assert not_a_count(mw, 0, 1, 0)


def test_number_alone_tagged_a_name_is_a_count(blank_nlp):
    doc = _tagged(blank_nlp, ["Twelve", "firefighters", "were", "injured"], ["NUM", "NOUN", "AUX", "VERB"])
    doc.ents = [Span(doc, 0, 1, label="PRODUCT")]
    assert not not_a_count(doc, 0, 1, 0)
    name = _tagged(blank_nlp, ["FOX", "8", "reported"], ["PROPN", "NUM", "VERB"])
    name.ents = [Span(name, 0, 2, label="ORG")]
    assert not_a_count(name, 1, 2, 1)


def _parsed(blank_nlp, words, pos, deps, heads):
    return Doc(blank_nlp.vocab, words=words, pos=pos, deps=deps, heads=heads)


def test_counts_of_coordinated_nouns_are_joined(blank_nlp):
    words = ["Two", "men", "and", "three", "women", "were", "killed"]
    doc = _parsed(blank_nlp, words, ["NUM", "NOUN", "CCONJ", "NUM", "NOUN", "AUX", "VERB"],
                  ["nummod", "nsubjpass", "cc", "nummod", "conj", "auxpass", "ROOT"], [1, 6, 1, 4, 1, 6, 6])
    assert figs._conjoined_counts(doc, 0, 3)
    words = ["Two", "people", "died", "and", "two", "people", "fled"]
    apart = _parsed(blank_nlp, words, ["NUM", "NOUN", "VERB", "CCONJ", "NUM", "NOUN", "VERB"],
                    ["nummod", "nsubj", "ROOT", "cc", "nummod", "nsubj", "conj"], [1, 2, 2, 2, 5, 6, 2])
    assert not figs._conjoined_counts(apart, 0, 4)


def test_nationality_before_the_noun_says_people(blank_nlp):
    words = ["four", "Kenyan", "citizens", "died"]
    doc = _parsed(blank_nlp, words, ["NUM", "ADJ", "NOUN", "VERB"], ["nummod", "amod", "nsubj", "ROOT"],
                  [2, 2, 3, 3])
    assert figs._counts_a_thing(doc, 1)
    doc.ents = [Span(doc, 1, 2, label="NORP")]
    assert not figs._counts_a_thing(doc, 1)


