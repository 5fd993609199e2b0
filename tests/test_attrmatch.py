"""nlp/attrmatch: the indexed attribute-ruler lookup finds spaCy's matches (fast: a blank pipeline, hand-set
tags)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sitrep.nlp import attrmatch


def _ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": "VBD"}]], {"POS": "VERB"})
    ruler.add([[{"TAG": "VBD", "LOWER": "got"}], [{"TAG": "VBZ", "LOWER": "gets"}]], {"LEMMA": "get"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
              {"LEMMA": "be"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"TAG": {"NOT_IN": ["NNS", "VBD"]}, "LOWER": "na"}]], {"POS": "PART"})
    return nlp, ruler


def _doc(vocab):
    words = ["Police", "got", "there", "was", "gon", "na", "ai", "n't", "\n", "gets"]
    tags = ["NNS", "VBD", "EX", "VBD", "VBG", "TO", "VBP", "RB", "_SP", "VBZ"]
    deps = ["nsubj", "ROOT", "expl", "ccomp", "aux", "aux", "aux", "neg", "dep", "conj"]
    heads = [1, 1, 3, 1, 1, 1, 1, 1, 1, 1]
    return Doc(vocab, words=words, tags=tags, deps=deps, heads=heads)


def test_attrmatch_finds_spacys_matches_and_annotations():
    nlp, ruler = _ruler()
    want = sorted(set(ruler.match(_doc(nlp.vocab))))
    expected = ruler(_doc(nlp.vocab))
    assert attrmatch.install(ruler)
    doc = _doc(nlp.vocab)
    assert ruler.match(doc) == want and len(want) >= 8
    got = ruler(doc)
    assert [(t.pos_, t.lemma_) for t in got] == [(t.pos_, t.lemma_) for t in expected]


def test_attrmatch_leaves_a_ruler_with_operators_alone():
    nlp, ruler = _ruler()
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    before = ruler.match
    assert not attrmatch.install(ruler)
    assert ruler.match == before
