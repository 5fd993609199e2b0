"""One figure as a claim with its evidence: the words, the character span, the sentence, who said it,
and whether it revises an earlier count.

``make_figure`` is how every reader of figures (numbers and people) builds its ``Figure``.
"""
from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from sitrep import lexicon, rules
from sitrep.extract import attribution
from sitrep.nlp import doc_text
from sitrep.records import EARLIER, Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@functools.cache
def _revision_re(direction: str) -> re.Pattern[str]:
    phrases = sorted((r[1] for r in lexicon.rows("revisions") if r[0] == direction), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


#: A sentence that names the count itself, where an "up" word revises it.
_COUNT_NAMED = re.compile(r"\btoll\b|\bnumber of (dead|deaths|injured|victims)\b", re.I)


def revision_of(sentence_text: str) -> str | None:
    """"down" ("revised down to 5"), "up" ("the toll rose to 9") or None for a figure's sentence."""
    if _revision_re("down").search(sentence_text):
        return "down"
    if _COUNT_NAMED.search(sentence_text) and _revision_re("up").search(sentence_text):
        return "up"
    return None


def make_figure(doc: Doc, sent: Span, a: int, b: int, category: str, low: int | None, high: int | None,
                qualifier: str | None, scope: str | None, *, article_id: str | None, published: str | None,
                span_end: int | None = None, revision: str | None | bool = True) -> Figure:
    """A Figure over tokens [a, b) (or to ``span_end``) of a sentence, with its attribution and revision:
    ``revision`` as the reader read it ("up", "down", "revised", None), or True to read it from the
    sentence's words."""
    first, last = doc[a], doc[max(b, span_end or b) - 1]
    start, end = first.idx, last.idx + len(last.text)
    who, kind = attribution.attribute(sent, start, end)
    if revision is True:
        revision = revision_of(sent.text)
        # "the toll has risen to six after a woman succumbed": the rise is the toll's, not the woman's
        if revision == "up" and _revision_re("up").search(doc_text(doc)[start:end]) is None:
            revision = None
    if not revision and rules.on("figure-earlier-count") and \
            _revision_re("earlier").search(doc_text(doc)[sent.start_char:start]):
        revision = EARLIER  # "Earlier estimates suggested at least 359 ...": superseded by the article
    return Figure(
        category=category, low=low, high=high, text=doc_text(doc)[start:end], start=start, end=end,
        sentence=sent.text, qualifier=qualifier, attribution=who, attribution_kind=kind, scope=scope,
        revision=revision or None,
        article_id=article_id, published=published,
    )
