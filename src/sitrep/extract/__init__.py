"""Extraction: one article's spaCy ``Doc`` -> a ``Report`` of incident mentions.

Each module here is a set of pure functions from a ``Doc`` (and plain values) to records;
this function is the only place that knows their order.

    figures.extract_figures(doc)            -> list[Figure]      casualty figures, qualifiers, attribution
    dates.extract_dates(doc, published=)    -> list[DateMention] every date expression, resolved
    places.extract_places(doc, outlet=)     -> list[Place]       every place named, resolved (toponyms.py)
    actors.extract_actors(doc)              -> list[Actor]       perpetrators, claims, denials, targets
    groups.canonical(name), groups.kinds_in(text)                known groups named once; kinds of perpetrator
    types.classify(doc)                     -> EventType         ACLED / GTD / CASE types
    signals.article_kind(doc)               -> str               news, analysis, press_release
    signals.paraphrase(doc)                 -> (score, words)    machine-paraphrase signal
    mentions.build_mentions(doc, ...)       -> list[EventMention] main incident vs referenced ones
    title.title_figures(title_doc), title.title_place(title_doc)  a title the text lacks, spanless

Before parsing, ``triage.relevant(text)`` says whether an article is worth parsing at all and
``triage.focus(text)`` blanks the paragraphs that cannot hold an incident fact; ``separate_title``
says which titles the texts do not hold (those are parsed apart and read as evidence).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep import rules
from sitrep.extract import actors, dates, figures, mentions, places, signals, title, types
from sitrep.extract.title import separate_title
from sitrep.extract.triage import focus, relevant
from sitrep.records import Article, Report

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(doc: Doc, article: Article, *, title_doc: Doc | None = None) -> Report:
    """Read one parsed article into a Report (pure: no I/O, no globals).

    ``title_doc`` is the parsed title, given only where the text does not hold it (``separate_title``):
    read as evidence for the main incident only.
    """
    published = article.published
    figs = figures.extract_figures(doc, article_id=article.id, published=published)
    date_mentions = dates.extract_dates(doc, published=published)
    place_list = places.extract_places(doc, outlet=article.outlet)
    actor_list = actors.extract_actors(doc)
    event_type = types.classify(doc, title=article.title)
    title_figs, title_place = [], None
    if title_doc:
        title_figs = title.title_figures(title_doc, article_id=article.id, published=published)
        title_place = title.title_place(title_doc, outlet=article.outlet)
    found = mentions.build_mentions(
        doc,
        article_id=article.id,
        figures=figs,
        dates=date_mentions,
        places=place_list,
        actors=actor_list,
        event_type=event_type,
        published=published,
        title_figures=title_figs,
        title_place=title_place,
        event_date=dates.event_date,
        event_place=places.event_place,
        dateline=places.is_dateline,
    )
    score, evidence = signals.paraphrase(doc)
    # An article that tells no incident still says where it is set (`report-place`).
    setting = places.event_place(doc, place_list) if not found and rules.on("report-place") else None
    return Report(
        article_id=article.id,
        kind=signals.article_kind(doc),
        relevant=bool(found),
        paraphrase_score=score,
        paraphrase_evidence=evidence,
        mentions=found,
        published=published,
        place=setting,
    )


__all__ = ["extract", "focus", "relevant", "separate_title"]
