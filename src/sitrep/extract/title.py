"""The article's title as evidence beside its text.

Many local reports state the toll only in the headline ("1 dead, 4 hurt in shooting on Elm St")
while the body is boilerplate, a video list or a paywall. When the title is not already part of
the text, it is parsed as its own small Doc and read like a text: its figures and its place.

Provenance: what is read from the title is not in ``Article.text``, so its span is ``start = end
= -1`` (the convention ``Place`` and ``DateMention`` already use for values without a span) and
its ``sentence`` is the title itself. ``from_title`` tells such a figure apart.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sitrep.extract import places
from sitrep.extract.figures import extract_figures
from sitrep.nlp import doc_text
from sitrep.records import Figure, Place, normalize_text

if TYPE_CHECKING:
    from spacy.tokens import Doc


def separate_title(title: str | None, text: str) -> str | None:
    """The title to read on its own, or None: no title, or the text already holds it (the seed files
    and many feeds start with their headline, which the text's own figures then already count)."""
    if not title or not title.strip():
        return None
    norm = normalize_text(title)
    if not norm or norm in normalize_text(text):
        return None
    return title.strip()


def from_title(fig: Figure) -> bool:
    """True for a figure read from the title (no span in the article's text)."""
    return fig.start < 0


def title_figures(doc: Doc, *, article_id: str | None = None, published: str | None = None) -> list[Figure]:
    """The figures the title states, spanless, each with the title as its sentence."""
    sentence = doc_text(doc).strip()
    return [replace(f, start=-1, end=-1, sentence=sentence)
            for f in extract_figures(doc, article_id=article_id, published=published)]


def title_place(doc: Doc, *, outlet: str | None = None) -> Place | None:
    """Where the title says the event happened ("... in Southeast Fresno"), spanless; None when it names
    no place."""
    found = places.event_place(doc, places.extract_places(doc, outlet=outlet))
    return replace(found, start=-1, end=-1) if found is not None else None
