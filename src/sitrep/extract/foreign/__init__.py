"""Reading reports in other languages: one ``Doc`` from a language's pipeline -> a ``Report``.

What a foreign report carries is what cross-lingual linking needs and needs no translation: the
event's date, its town with its GeoNames id and country, the casualty figures (with qualifier,
source and sentence), the claiming group (by its canonical name, as English reports give it) and the
event type. Each language is a folder of data files (``data/lang/<code>/``); the readers are
``components`` (spaCy), ``figures``, ``dates``, ``places``; this module composes them.

    languages()                      -> the codes read besides English
    pipeline(code)                   -> the spaCy pipeline of one language
    read(doc, article, title_doc=)   -> Report
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep import rules
from sitrep.extract.foreign import dates, figures, lexicon, places
from sitrep.extract.foreign.components import pipeline
from sitrep.extract.foreign.lexicon import Lexicon, languages
from sitrep.extract.mentions import totals
from sitrep.records import Actor, Article, EventMention, EventType, Report

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["classify", "languages", "pipeline", "read"]


def classify(text: str, lex: Lexicon, *, title: str | None = None) -> EventType:
    """The event type named first by the language's type cues (title first, then the text)."""
    from sitrep.extract.case_rules import CASE_TO_ACLED

    for part in (title or "", text):
        low = part.lower()
        hits = [(m.start(), k, row) for k, row in enumerate(lex.types) if (m := row[4].search(low))]
        if not hits:
            continue
        # the most specific type the text names (the file lists them most specific first)
        _, _, (label, case, attack, weapon, rx) = min(hits, key=lambda h: h[1])
        pair = CASE_TO_ACLED.get(case) or (None, None)
        m = rx.search(low)
        return EventType(label=label, acled_event_type=pair[0], acled_sub_event_type=pair[1],
                         gtd_attack_type=attack, gtd_weapon_type=weapon, case_label=case,
                         trigger=part[m.start(): m.end()] if m else None, score=1.0)
    return EventType()


def actors(text: str, lex: Lexicon) -> list[Actor]:
    """Groups the text names: a claimant where a sentence tells of a claim, else a named perpetrator."""
    out: list[Actor] = []
    low = text.lower()
    for name, rx in lex.groups:
        for m in rx.finditer(low):
            s, e = low.rfind(".", 0, m.start()) + 1, low.find(".", m.end())
            sentence = low[s: e if e != -1 else len(low)]
            role = "claimed_by" if lex.cue("claim", sentence) else "perpetrator"
            out.append(Actor(role=role, name=name, text=text[m.start(): m.end()], start=m.start(),
                             end=m.end(), kind="group"))
    return out


def _background(doc: Doc, lex: Lexicon, found: list[dates.DateMention], main: dates.DateMention | None,
                published: str | None) -> list[tuple[int, int]]:
    """Character spans of sentences about another time: a cue ("il y a deux ans") or a date of
    another year than the event's."""
    year = (main.date or "")[:4] if main else (published or "")[:4]
    out = []
    for i, sent in enumerate(figures.sentences(doc)):
        if i == 0:
            continue  # the lead tells the main incident
        text = sent.text.lower()
        own = [d for d in found if sent.start_char <= d.start < sent.end_char and d.date]
        other = year and any(d.date[:4] != year for d in own) and not any(d.date[:4] == year for d in own)
        if lex.cue("background", text) or other:
            out.append((sent.start_char, sent.end_char))
    return out


#: Characters around a date searched for a ``history`` cue (the words that put it before or after the
#: event: "depuis le 13 novembre 2015", "12 Haziran 2016'dan bu yana"), within its sentence.
HISTORY_BEFORE, HISTORY_AFTER = 40, 25


def _recalled(doc: Doc, lex: Lexicon, found: list[dates.DateMention]) -> set[int]:
    """Start offsets of the dates a history cue marks as another event's (a report compares its toll
    with an earlier attack's, names the day a trial opens): never the event's date, even in the lead,
    and even where no publication date tells recent from old."""
    if not rules.on("foreign-history-date"):
        return set()
    text, sents, out = doc.text, figures.sentences(doc), set()
    for d in found:
        s = next((x for x in sents if x.start_char <= d.start < x.end_char), None)
        ss, se = (s.start_char, s.end_char) if s is not None else (0, len(text))
        # the words between this date and a neighbouring one are that one's ("seit dem 19. Dezember
        # 2016: am 4. Mai 2023")
        left = max([ss, d.start - HISTORY_BEFORE] + [o.end for o in found if o.end <= d.start])
        right = min([se, d.end + HISTORY_AFTER] + [o.start for o in found if o.start >= d.end])
        window = text[left: d.start] + "@" + text[d.end: right]
        if lex.cue("history", window.lower()):
            out.add(d.start)
    return out


def read(doc: Doc, article: Article, *, title_doc: Doc | None = None) -> Report:
    """Read one parsed foreign article (pure: no I/O beyond the cached gazetteer)."""
    code = doc.lang_
    lex = lexicon.load(code)
    text = doc.text
    published = article.published
    found = dates.extract_dates(text, lex, published=published)
    recalled = _recalled(doc, lex, found)
    first = dates.event_date(found, published=published, background=recalled)
    bg = _background(doc, lex, found, first, published)

    def aside(pos: int) -> bool:
        return any(s <= pos < e for s, e in bg)

    main_date = dates.event_date(found, published=published, background=recalled | {
        d.start for d in found if aside(d.start)})
    if main_date is None or main_date.start < 0:  # a date the text writes before the publication day
        main_date = first or main_date
    spans = [(d.start, d.end) for d in found]
    figs = [f for f in figures.read_figures(doc, lex, article_id=article.id, published=published, dates=spans)
            if not aside(f.start)]
    if title_doc is not None:
        figs = figures.read_figures(title_doc, lex, article_id=article.id, published=published,
                                    title=True) + figs
    stop = frozenset(pipeline(code).Defaults.stop_words)
    place_list = [(p, w) for p, w in places.place_mentions(doc, lex, stop_words=stop) if not aside(p.start)]
    sents = figures.sentences(doc)
    lead_end = sents[1].end_char if len(sents) > 1 else len(text)
    place = places.event_place(place_list, lead_end=lead_end, text=text, lex=lex)
    if place is None and title_doc is not None:
        place = places.event_place(places.place_mentions(title_doc, lex, stop_words=stop), lead_end=10**9,
                                   text=title_doc.text, lex=lex)
        if place is not None:
            place.start = place.end = -1
    event_type = classify(text, lex, title=article.title)
    if not figs and not event_type.label:
        return Report(article.id, relevant=False, published=published)
    lead = next((s for s in sents if any(s.start_char <= f.start < s.end_char for f in figs)), None)
    summary = (lead or (sents[0] if sents else doc[:])).text.strip()
    mention = EventMention(
        id=f"{article.id}#0", article_id=article.id, main=True, type=event_type,
        date=main_date.date if main_date else None,
        date_precision=main_date.precision if main_date else None,
        date_text=main_date.text if main_date else None,
        place=place, actors=[a for a in actors(text, lex) if not aside(a.start)], figures=figs,
        start=0, end=len(text), summary=summary, totals=totals(figs, main=True),
    )
    return Report(article.id, kind="news", relevant=True, mentions=[mention], published=published)
