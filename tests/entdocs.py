"""Test helper: a tokenizer-only Doc with hand-set entities, for the place readers' tests."""
from __future__ import annotations

from spacy.tokens import Span


def doc_with_ents(nlp, text, ents=()):
    """``nlp(text)`` with each (phrase, label) of ``ents`` set as an entity at the phrase's first place."""
    doc = nlp(text)
    spans = []
    for phrase, label in ents:
        s = text.index(phrase)
        span = doc.char_span(s, s + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
    doc.ents = [Span(doc, s.start, s.end, label=s.label_) for s in spans]
    return doc
