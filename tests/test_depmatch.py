"""nlp/depmatch: the indexed DependencyMatcher finds exactly spaCy's matches, in spaCy's order (fast:
hand-made Docs, no model)."""
from __future__ import annotations

import spacy
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token

from sitrep.nlp.depmatch import IndexedDependencyMatcher

_EXT = "depmatch_test_count"


def _doc(vocab):
    """Two sentences, parsed by hand: "Six people were killed and two hurt . Police said 3 were hurt ."""
    words = ["Six", "people", "were", "killed", "and", "two", "hurt", ".",
             "Police", "said", "3", "were", "hurt", "."]
    heads = [1, 3, 3, 3, 3, 6, 3, 3, 9, 9, 12, 12, 9, 9]
    deps = ["nummod", "nsubjpass", "auxpass", "ROOT", "cc", "nsubj", "conj", "punct",
            "nsubj", "ROOT", "nsubjpass", "auxpass", "ccomp", "punct"]
    lemmas = ["six", "people", "be", "kill", "and", "two", "hurt", ".",
              "police", "say", "3", "be", "hurt", "."]
    pos = ["NUM", "NOUN", "AUX", "VERB", "CCONJ", "NUM", "VERB", "PUNCT",
           "NOUN", "VERB", "NUM", "AUX", "VERB", "PUNCT"]
    tags = ["CD", "NNS", "VBD", "VBN", "CC", "CD", "VBN", ".", "NNS", "VBD", "CD", "VBD", "VBN", "."]
    sent_starts = [True] + [False] * 7 + [True] + [False] * 5
    doc = Doc(vocab, words=words, heads=heads, deps=deps, lemmas=lemmas, pos=pos, tags=tags,
              sent_starts=sent_starts)
    doc.ents = [Span(doc, 8, 9, label="ORG")]
    return doc


_PATTERNS = {
    "passive": [
        {"RIGHT_ID": "number", "RIGHT_ATTRS": {"DEP": {"IN": ["nummod", "quantmod"]}, "_": {_EXT: True}}},
        {"LEFT_ID": "number", "REL_OP": "<", "RIGHT_ID": "ARG", "RIGHT_ATTRS": {"DEP": "nsubjpass"}},
        {"LEFT_ID": "ARG", "REL_OP": "<", "RIGHT_ID": "verb",
         "RIGHT_ATTRS": {"LEMMA": {"IN": ["kill", "hurt"]}, "TAG": {"NOT_IN": ["VBD"]}}},
    ],
    "own": [
        {"RIGHT_ID": "number", "RIGHT_ATTRS": {"_": {_EXT: True}}},
        {"LEFT_ID": "number", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
    ],
    "anything": [  # a node with no constraint matches every token
        {"RIGHT_ID": "number", "RIGHT_ATTRS": {"_": {_EXT: True}}},
        {"LEFT_ID": "number", "REL_OP": "<<", "RIGHT_ID": "any", "RIGHT_ATTRS": {}},
    ],
    "not-an-org": [
        {"RIGHT_ID": "subject", "RIGHT_ATTRS": {"DEP": "nsubj", "ENT_TYPE": {"NOT_IN": ["ORG"]}}},
        {"LEFT_ID": "subject", "REL_OP": "<", "RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": "hurt"}},
    ],
}


def _both(patterns):
    vocab = spacy.blank("en").vocab
    if not Token.has_extension(_EXT):
        Token.set_extension(_EXT, getter=lambda t: t.like_num)
    ours, spacys = IndexedDependencyMatcher(vocab), DependencyMatcher(vocab)
    for name, pattern in patterns.items():
        ours.add(name, [pattern])
        spacys.add(name, [pattern])
    return ours, spacys, _doc(vocab)


def test_depmatch_finds_spacys_matches_in_spacys_order():
    ours, spacys, doc = _both(_PATTERNS)
    want = [(k, list(v)) for k, v in spacys(doc)]
    assert want  # the patterns do match
    assert [(k, list(v)) for k, v in ours(doc)] == want
    names = {doc.vocab.strings[k] for k, _ in want}
    assert names == {"passive", "own", "anything", "not-an-org"}


def test_depmatch_a_doc_with_no_candidates_has_no_matches():
    ours, spacys, _ = _both(_PATTERNS)
    doc = Doc(ours.vocab, words=["Police", "said", "nothing"], heads=[1, 1, 1],
              deps=["nsubj", "ROOT", "dobj"], lemmas=["police", "say", "nothing"],
              pos=["NOUN", "VERB", "PRON"], tags=["NNS", "VBD", "NN"])
    assert list(ours(doc)) == list(spacys(doc)) == []


def test_depmatch_an_unsupported_node_falls_back_to_spacys_lookup():
    regex = {"regex": [{"RIGHT_ID": "n", "RIGHT_ATTRS": {"LOWER": {"REGEX": "^hu"}}}]}
    ours, spacys, doc = _both(regex)
    assert ours._unsupported
    assert [(k, list(v)) for k, v in ours(doc)] == [(k, list(v)) for k, v in spacys(doc)] != []
