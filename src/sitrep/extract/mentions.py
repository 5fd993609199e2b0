"""Which incident a sentence tells: the article's main incident, or one it only refers to.

An article reports one main incident and often mentions others: history ("the deadliest since
Beslan in 2004, which killed at least 334"), earlier attacks ("last month two people were shot
nearby"), running tallies ("the 30th homicide this year"), round-ups ("eight people were killed in
shootings throughout the day"). A sentence is *background* when it
carries a cue: a date clearly before the main event (another year, a day weeks earlier), or words
such as "since", "last year", "earlier this month", "days before the attack", "in a separate
incident". The title and the lead sentence are never background. Each background group (one per
date it names, else one per sentence) becomes a referenced mention with its own figures, so
that no figure of another incident leaks into the main one.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sitrep import datewords, lexicon, rules
from sitrep.extract.numbers import parse_number
from sitrep.extract.totals import totals
from sitrep.gazetteer import distance_km
from sitrep.nlp import annotated, doc_text, sentences
from sitrep.records import (
    Actor,
    DateMention,
    EventMention,
    EventType,
    Figure,
    Place,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

#: Words that put a sentence in the past of the main event or beside it.
_CUES = re.compile(
    r"\b(last (year|month|summer|winter|spring|fall|autumn|decade|january|february|march|april|may|june|"
    r"july|august|september|october|november|december)|earlier (this|that) (year|month)|"
    r"(so far|already) this year|this year'?s?\s+\w*\s*(homicide|killing|shooting)|"
    r"(years?|months?|decades?) (ago|earlier|before|prior)|a year ago|in recent (years|months|weeks)|"
    r"(deadliest|worst|largest|biggest|bloodiest)\b[^.]{0,80}\bsince|since (the|a|an|\d{4})|"
    r"previous(ly)?|(days|weeks|hours) (before|prior|earlier)|(before|prior to) the (attack|shooting|"
    r"incident|bombing|assault)|leading up to|in a separate|separate(ly)? (incident|shooting|attack)|"
    r"another (incident|shooting|attack|bombing)|similar (attack|incident|shooting)s?|anniversary|"
    r"in (the )?(19|20)\d\d\b(?!\s+blocks?\b)|the (19|20)\d\d\b(?!\s+blocks?\b)|"
    r"(shootings|attacks|homicides|killings|incidents|violence) (throughout|across|around) (the )?"
    r"(day|night|weekend|city|area|region|state|country)|throughout the (day|weekend)|across the city|"
    r"citywide|in (separate|unrelated) (shootings|incidents|attacks))",
    re.I,
)
_MONTHS = datewords.month_names()  # the one month table (data/lexicons/calendar.tsv)
_IN_MONTH = re.compile(
    r"\b(?:in|during|since) (?:early |late |mid-?)?(" + "|".join(_MONTHS) + r")\b(?! \d)", re.I)
#: A year, not a street number: "the 2000 block of Elm Street" is an address (dates.NOT_A_YEAR_AFTER).
_YEAR = re.compile(r"\b(19[0-9]{2}|20[0-9]{2})\b(?!\s+blocks?\b)")


def _year(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and iso[:4].isdigit() else None


def _dates_in(dates: Sequence[DateMention], start: int, end: int) -> list[DateMention]:
    return [d for d in dates if start <= d.start < end]


def _older(d: DateMention, main: DateMention | None, published: str | None) -> bool:
    """True when a date mention clearly names another time than the main event."""
    ref_iso = main.date if main and main.date else published
    ref_year = _year(ref_iso)
    y = _year(d.date)
    if y is None or ref_year is None:
        return False
    if y != ref_year and not _YEAR.search(d.text):
        y = ref_year  # "October 23rd" with no year written: the event's year, whatever a resolver guessed
        d = DateMention(text=d.text, start=d.start, end=d.end, date=f"{ref_year}{(d.date or '')[4:]}",
                        precision=d.precision)
    if y != ref_year:
        return True
    a, b = datewords.iso_date(d.date), datewords.iso_date(ref_iso)
    if a and b and d.precision == "day" and (b - a).days > 6:
        return True
    # "In February" against an event in March: an earlier month of the same year
    return bool(d.precision == "month" and d.date and ref_iso and len(ref_iso) >= 7
                and d.date[:7] < ref_iso[:7])


#: The pluperfect of a casualty verb: what had happened before the main event...
_PLUPERFECT = re.compile(r"\bhad (been )?(killed|shot|wounded|died|injured)\b", re.I)
_SAY_LEMMAS = frozenset(lexicon.mapping("say_lemmas"))


def _told_as_past(sent: Span) -> bool:
    """A sentence that tells an earlier event in the pluperfect ("two people had been shot there in May"),
    unless the pluperfect is reported speech, the tense a verb of saying shifts back ("the governor said
    six people had been killed" tells today's toll)."""
    m = _PLUPERFECT.search(sent.text)
    if not m:
        return False
    span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
    if span is None or not annotated(sent.doc, "DEP"):
        return True
    verb = span[-1]
    return not any(a.lemma_.lower() in _SAY_LEMMAS for a in verb.ancestors)


def background_sentences(doc: Doc, *, dates: Sequence[DateMention], main_date: DateMention | None,
                         published: str | None, title_end: int = 0) -> dict[int, str]:
    """Sentence index -> group key for sentences about another incident than the main one."""
    out: dict[int, str] = {}
    ref_year = _year(main_date.date if main_date else None) or _year(published)
    sents = sentences(doc)
    for i, sent in enumerate(sents):
        if i == 0 or sent.end_char <= title_end:
            continue  # the title and lead name the main incident
        own = _dates_in(dates, sent.start_char, sent.end_char)
        older = [d for d in own if _older(d, main_date, published)]
        text = sent.text
        years = [int(y) for y in _YEAR.findall(text)]
        other_year = [y for y in years if ref_year is None or y != ref_year]
        ref_iso = main_date.date if main_date and main_date.date else published
        month = _IN_MONTH.search(text)
        earlier_month = bool(month and ref_iso and len(ref_iso) >= 7 and not years
                             and _MONTHS.index(month.group(1).lower()) + 1 < int(ref_iso[5:7]))
        if older:
            out[i] = older[0].date or f"s{i}"
        elif earlier_month and ref_iso:
            out[i] = f"{ref_iso[:4]}-{_MONTHS.index(month.group(1).lower()) + 1:02d}"
        elif other_year and _CUES.search(text):
            out[i] = str(other_year[0])
        elif _CUES.search(text) or _told_as_past(sent):
            out[i] = f"s{i}"
    return out


def _date_marks(sent: Span, dates: Sequence[DateMention]) -> list[tuple[int, str]]:
    """(position, key) of each date (else year) written in one sentence, in order."""
    marks: list[tuple[int, str]] = [(d.start, d.date or d.text) for d in _dates_in(dates, sent.start_char,
                                                                                    sent.end_char)]
    if not marks:
        marks = [(sent.start_char + m.start(), m.group(1)) for m in _YEAR.finditer(sent.text)]
    return sorted(marks)


def _key_span(sent: Span, marks: list[tuple[int, str]], key: str) -> tuple[int, int]:
    """The part of a sentence that tells of the incident dated ``key``: from the date before it to
    the date after it ("since the 2004 Beslan siege ..., and since the 2002 siege of a Moscow
    theater": Moscow is the 2002 siege's place, not the 2004 one's). ``marks``: ``_date_marks``."""
    at = next((j for j, (_, k) in enumerate(marks) if k == key), None)
    if not key or at is None or len(marks) < 2:
        return sent.start_char, sent.end_char
    start = marks[at - 1][0] if at > 0 else sent.start_char
    end = marks[at + 1][0] if at + 1 < len(marks) else sent.end_char
    return start, end


def _split_by_date(marks: list[tuple[int, str]], figs: list[Figure]) -> dict[str, list[Figure]]:
    """Figures of one background sentence grouped by the date (or year) written before each
    (``marks``: the sentence's ``_date_marks``)."""
    groups: dict[str, list[Figure]] = {}
    for f in figs:
        before = [k for s, k in marks if s <= f.start]
        key = before[-1] if before else (marks[0][1] if marks else "")
        groups.setdefault(key, []).append(f)
    return groups


_SPLIT = re.compile(
    r"\b(?:split|spread|divided|distributed)\s+(?:between|across|among|over)\s+(\w+)\s+"
    r"(?:events|locations|incidents|places|attacks|days|fronts)\b(?:\s*\((\d+)\))?", re.I)


def split_share(text: str, total: int) -> int:
    """A total the text says is split between several events: this event's share.

    "Fatalities split between 2 events" makes 57 into 29 (half, rounded half up); an explicit
    share in brackets ("split across 4 events (2)") wins.
    """
    m = _SPLIT.search(text)
    if not m or total <= 0:
        return total
    if m.group(2):
        return int(m.group(2))
    parsed = parse_number(m.group(1))
    k = parsed[0] if parsed else None
    if not k or k < 2:
        return total
    return int(total / k + 0.5)


def split_totals(text: str, totals: dict[str, int]) -> None:
    """``split_share`` on a mention's totals: the share is of everyone killed (the note's total counts
    the victims and the attackers), given to the victims first and the rest to the attackers."""
    victims, attackers = totals.get("killed", 0), totals.get("attackers_killed", 0)
    share = split_share(text, victims + attackers)
    if share == victims + attackers:
        return
    totals["killed"] = min(victims, share)
    if share > victims:
        totals["attackers_killed"] = share - victims
    else:
        totals.pop("attackers_killed", None)


def _with_title(main_figs: list[Figure], title_figs: Sequence[Figure]) -> list[Figure]:
    """The main incident's figures with the title's beside them: a title's figure is one more claim that
    best_figure weighs like the text's (measured on local US reports: joining beats using the title only
    where the text says nothing of a category, as the headline often carries the fuller, later count)."""
    return [*title_figs, *main_figs] if title_figs else main_figs


#: Decides the date of the event told in ``doc_text(doc)[start:end]`` (``dates.event_date``).
DateDecider = Callable[..., DateMention | None]
#: Decides where the event told in ``doc_text(doc)[start:end]`` happened (``places.event_place``).
PlaceDecider = Callable[..., Place | None]


#: How far the text's town may lie from the headline's and still be the one that holds it
#: ("Englewood" in the headline, "Chicago" in the text).
_HEADLINE_NEAR_KM = 25.0


def _headline_town_holds(text: str, headline: Place, chosen: Place, places: Sequence[Place],
                         dateline: Callable[[str, Place], bool] | None) -> bool:
    """The headline's town over the text's choice: the headline names a town ("Man, 19, charged in
    Rosamond fatal shooting"), the text names it too and names its state, and the text's choice is a
    town far from it that no dateline holds (a sidebar's, a video list's or a background paragraph's)."""
    if headline.precision not in ("city", "venue") or headline.city is None or headline.lat is None:
        return False
    if chosen.city == headline.city and chosen.admin1 == headline.admin1:
        return False  # the same town, the text's reading the more detailed
    if chosen.lat is not None and chosen.lon is not None and headline.lon is not None and distance_km(
            chosen.lat, chosen.lon, headline.lat, headline.lon) < _HEADLINE_NEAR_KM:
        return False  # a part of the text's town ("Englewood", "West Garfield Park")
    if dateline is not None and chosen.start >= 0 and dateline(text, chosen):
        return False
    if not any(p.admin1 == headline.admin1 for p in places
               if p.start >= 0 and p is not chosen and p.text != headline.text):
        return False  # nothing in the text puts the story in the headline town's state
    return re.search(rf"\b{re.escape(headline.text)}\b", text) is not None


def build_mentions(
    doc: Doc,
    *,
    article_id: str,
    figures: list[Figure],
    dates: list[DateMention],
    places: list[Place],
    actors: list[Actor],
    event_type: EventType,
    published: str | None,
    event_date: DateDecider,
    event_place: PlaceDecider,
    title_figures: Sequence[Figure] = (),
    title_place: Place | None = None,
    dateline: Callable[[str, Place], bool] | None = None,
) -> list[EventMention]:
    """The main mention first (main=True), then the incidents the article only refers to.

    ``title_figures`` and ``title_place`` are read from a title the text does not hold (extract/title.py):
    evidence for the main mention only: its figures weigh beside the text's (_with_title), its place
    stands in where the text names none. ``event_date`` and ``event_place`` decide the date and the
    place of the event told in a stretch of the text (``dates.event_date``, ``places.event_place``).
    ``dateline`` tells a place that is the article's dateline (``places.is_dateline``): it names where
    the article is filed, so it stays the main incident's even where the lead's sentence is background
    ("INDIANAPOLIS, Ind. (Dec. 17) - ... the shooting, which occurred on August 12").
    """
    if not figures and not title_figures and not event_type.label and not event_type.trigger \
            and not event_type.gtd_attack_type:
        return []
    sents = sentences(doc)
    main_date = event_date(doc, dates, published=published)
    background = background_sentences(doc, dates=dates, main_date=main_date, published=published)
    bg_spans = [(sents[i].start_char, sents[i].end_char) for i in background]

    def in_background(start: int) -> bool:
        return any(s <= start < e for s, e in bg_spans)

    main_figs = [f for f in figures if not in_background(f.start)]
    main_dates = [d for d in dates if not in_background(d.start)]
    text_ = doc_text(doc)
    keep_dateline = dateline is not None and rules.on("place-dateline-lead")
    main_places = [p for p in places if p.start < 0 or not in_background(p.start)
                   or (keep_dateline and dateline(text_, p))]
    if background:
        main_date = event_date(doc, main_dates, published=published) or main_date
    main_place = event_place(doc, main_places) or title_place
    if title_place is not None and main_place is not title_place and rules.on("place-headline") \
            and _headline_town_holds(text_, title_place, main_place, places, dateline):
        main_place = title_place
    main_figs = _with_title(main_figs, title_figures)
    lead = next((s for s in sents if any(s.start_char <= f.start < s.end_char for f in main_figs
                                         if f.start >= 0)), None)
    summary = (lead or (sents[0] if sents else doc[:])).text.strip()
    main = EventMention(
        id=f"{article_id}#0", article_id=article_id, main=True, type=event_type,
        date=main_date.date if main_date else None,
        date_precision=main_date.precision if main_date else None,
        date_text=main_date.text if main_date else None,
        place=main_place, actors=[a for a in actors if a.start < 0 or not in_background(a.start)],
        figures=main_figs, start=0, end=len(doc_text(doc)), summary=summary,
        totals=totals(main_figs, main=True),
    )
    if rules.on("split-share"):
        split_totals(doc_text(doc), main.totals)
    out = [main]
    # referenced incidents: only those that carry a figure (a bare allusion is no record)
    groups: dict[str, list[Figure]] = {}
    spans: dict[str, tuple[int, int, str, str]] = {}
    place_spans: dict[str, tuple[int, int]] = {}
    for i in sorted(background):
        sent = sents[i]
        figs = [f for f in figures if sent.start_char <= f.start < sent.end_char]
        if not figs:
            continue
        marks = _date_marks(sent, dates)
        for key, part in _split_by_date(marks, figs).items():
            gkey = f"{background[i]}|{key}" if key else background[i]
            groups.setdefault(gkey, []).extend(part)
            spans.setdefault(gkey, (sent.start_char, sent.end_char, sent.text.strip(), key))
            place_spans.setdefault(gkey, _key_span(sent, marks, key))
    for n, (gkey, figs) in enumerate(groups.items(), start=1):
        start, end, text, key = spans[gkey]
        own = _dates_in(dates, start, end)
        named = [d for d in own if key and key in (d.date, d.text)]
        older = named or [d for d in own if _older(d, main_date, published)]
        d = older[0] if older else None
        date_iso, precision, date_text = (d.date, d.precision, d.text) if d else (None, None, None)
        month_key = re.fullmatch(r"\d{4}-\d{2}", gkey.split("|")[0])
        if d is None and month_key:
            date_iso, precision, date_text = month_key.group(0), "month", None
        elif d is None:
            year = _YEAR.fullmatch(key or "") or _YEAR.search(text)
            if year:
                date_iso, precision, date_text = year.group(1), "year", year.group(1)
        place = event_place(doc, places, start=place_spans[gkey][0], end=place_spans[gkey][1])
        out.append(EventMention(
            id=f"{article_id}#{n}", article_id=article_id, main=False, type=EventType(),
            date=date_iso, date_precision=precision, date_text=date_text, place=place,
            actors=[a for a in actors if start <= a.start < end], figures=figs, start=start, end=end,
            summary=text, totals=totals(figs, main=False),
        ))
    return out
