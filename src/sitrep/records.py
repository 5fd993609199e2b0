"""The records every stage speaks: plain dataclasses with slots, no behaviour beyond small helpers.

Every extracted value carries its evidence: the article id and a character span into the
article's text (``start``/``end``), plus the sentence it came from. No value without a source.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sitrep import rules

#: Figure categories, in display order.
CATEGORIES = (
    "killed", "injured", "hospitalized", "missing", "arrested",
    "kidnapped", "displaced", "attackers", "affected",
)


def figure_order(key: str) -> tuple[int, str]:
    """Sort key for figure names: CATEGORIES order, a subgroup ("injured_children") after its category."""
    cat = key.split("_", 1)[0]
    return (CATEGORIES.index(cat) if cat in CATEGORIES else len(CATEGORIES), key)


#: Who a figure counts, each scope of one kind (``scope_kind``):
#: - "whole": everyone the figure's category covers (``Figure.scope`` None);
#: - "group": a named group of the victims that may be all of them ("two officers", "five civilians"):
#:   it competes with the whole figures for the toll, and is also shown apart ("killed_police");
#: - "part": a part of the victims ("five children"): a sub-count shown apart ("injured_children"),
#:   the toll only where nothing else counts the victims;
#: - "hit": people shot, the killed among them included (a reading aid, never a toll);
#: - "attackers": the perpetrators, never victims: their dead and hurt are kept and shown apart
#:   ("attackers_killed"); ``everyone`` adds them back where a codebook counts everyone.
SCOPES: dict[str, str] = {
    "police": "group", "security forces": "group", "civilians": "group", "foreigners": "group",
    "children": "part",
    "shot": "hit", "attackers": "attackers",
}


def scope_kind(scope: str | None) -> str:
    """"whole", "group", "part", "hit" or "attackers" for a ``Figure.scope`` (None and unknown: whole)."""
    return SCOPES.get(scope or "", "whole")


def scope_key(category: str, scope: str | None) -> str:
    """The name a figure is totalled and reconciled under: its category for the victims as a whole (and
    for people hit, read into the injured), "attackers_killed" for the attackers' own, and
    "<category>_<scope>" for a group or part of the victims ("injured_children", "killed_security_forces")."""
    kind = scope_kind(scope)
    if kind in ("whole", "hit") or not scope or scope == category:
        return category
    if kind == "attackers":
        return f"attackers_{category}"
    return f"{category}_{scope.replace(' ', '_')}"


def everyone(best: Callable[[str], int | None], category: str) -> int | None:
    """Everyone killed (or hurt): the victims' figure plus the attackers' own ("attackers_killed"), as
    codebooks that count perpetrators with the victims want it (GTD nkill, ACLED fatalities, the Gun
    Violence Archive). ``best`` maps a key to its value (``Incident.best``, ``dict.get`` on totals);
    None when neither is known. The rule family ``attackers-in-toll`` off: the victims alone."""
    victims = best(category)
    attackers = best(f"attackers_{category}") if rules.on("attackers-in-toll") else None
    if victims is None and attackers is None:
        return None
    return (victims or 0) + (attackers or 0)


#: Normalized qualifiers (``Figure.qualifier``) and what they say of the value: "low" (the value is a
#: floor: "at least 60"), "high" (a ceiling: "up to 60", "nearly 60"), "about" (roughly), or "vague"
#: (an order of magnitude written in words, "dozens": its value is the low end ACLED would code).
QUALIFIERS: dict[str, str] = {
    "at least": "low", "more than": "low", "up to": "high", "fewer than": "high", "nearly": "high",
    "about": "about", "a couple": "vague", "a few": "vague", "several": "vague", "dozens": "vague",
    "hundreds": "vague", "thousands": "vague",
}


def is_vague(qualifier: str | None) -> bool:
    """An order of magnitude in words ("dozens", "several"), not a count."""
    return QUALIFIERS.get((qualifier or "").lower()) == "vague"


#: Who gave a figure.
ATTRIBUTION_KINDS = ("authority", "claimant", "media", "witness", "unknown")
#: Relations between an article and an earlier one reporting the same incident.
RELATIONS = ("independent", "copy-of", "rewrite-of")
#: Precision of an event date.
DATE_PRECISIONS = ("day", "week", "month", "year")
#: Precision of a place, finest first.
PLACE_PRECISIONS = ("venue", "city", "admin2", "admin1", "country")


def normalize_text(text: str) -> str:
    """The form an article id is computed from: NFKC, lower case, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def article_id(text: str) -> str:
    """Stable id of an article: a hash of its normalized text (same text, same id)."""
    return "a" + hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:15]


@dataclass(slots=True)
class Article:
    """One news report as ingested."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD" (or coarser) or None
    published_from: str | None = None  # how the date was found: "metadata", "dateline", "feed", "html"...
    language: str = "en"
    source: str | None = None  # the path, URL or feed it came from
    external_ids: list[str] = field(default_factory=list)  # a suite's or a feed's own ids for this text
    ingested_at: str | None = None  # ISO timestamp

    @classmethod
    def from_text(cls, text: str, **kw: Any) -> Article:
        return cls(id=article_id(text), text=text, **kw)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: A figure's ``revision`` when the article itself calls it an earlier count ("initially", "earlier
#: estimates"): it stays in the history but is not the article's value where another figure is given.
EARLIER = "earlier"


def revises(f: Figure) -> bool:
    """Whether a figure revises an earlier count ("rose to", "revised down to"): an earlier count does not."""
    return bool(f.revision) and f.revision != EARLIER


def current(figures: Sequence[Figure]) -> list[Figure]:
    """The figures an article gives as current: all but its earlier counts, or all where every one is."""
    return [f for f in figures if f.revision != EARLIER] or list(figures)


@dataclass(slots=True)
class Figure:
    """One casualty-type figure as an article states it: a claim, not a verdict."""

    category: str  # one of CATEGORIES
    low: int | None  # value, or low end of a range
    high: int | None  # high end of a range; == low for an exact value
    text: str  # the words as written ("at least 60 dead")
    start: int  # char span in the article text; -1 (start = end) for a figure read from the title
    end: int
    sentence: str = ""  # the sentence it was read in (the title itself for a title figure)
    qualifier: str | None = None  # "at least", "more than", "up to", "about", "dozens", "hundreds", "several"
    attribution: str | None = None  # who said it ("the FSB")
    attribution_kind: str = "unknown"  # one of ATTRIBUTION_KINDS
    scope: str | None = None  # "children", "police", "attackers", "civilians"...
    revision: str | None = None  # "up" ("rose to"), "down" ("revised down to"), EARLIER, None
    article_id: str | None = None
    published: str | None = None  # the article's publication date, for history ordering

    @property
    def value(self) -> int | None:
        """The single number this claim stands for (low end of a range: ACLED's conservative reading)."""
        return self.low

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class DateMention:
    """A date expression in an article, resolved against the publication date where relative."""

    text: str
    start: int
    end: int
    date: str | None  # ISO, as precise as known: "2024-03-22", "2024-03", "2004"
    precision: str | None  # one of DATE_PRECISIONS
    relative: bool = False  # resolved from "on Friday", "yesterday"... against the publication date

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Place:
    """Where an event happened, resolved against the gazetteer where possible."""

    text: str = ""  # the words as written
    start: int = -1
    end: int = -1
    venue: str | None = None
    city: str | None = None
    admin2: str | None = None
    admin1: str | None = None
    country: str | None = None
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None  # one of PLACE_PRECISIONS
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def label(self) -> str:
        """"Lincoln Memorial, Washington, District of Columbia, United States": finest first, once each."""
        parts = [x for x in (self.venue, self.city, self.admin1, self.country) if x]
        return ", ".join(dict.fromkeys(parts)) or self.text


@dataclass(slots=True)
class Actor:
    """Someone with a role in an event, with the words that say so."""

    role: str  # "perpetrator", "claimed_by", "denied_by", "target", "official", "responder"
    name: str
    text: str = ""
    start: int = -1
    end: int = -1
    how: str | None = None  # for claims: "social media", "statement"...
    kind: str | None = None  # "group", "state", "person", "description"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventType:
    """An event's type in the taxonomies analysts use."""

    label: str | None = None  # our general label: "armed assault", "bombing", "protest", "earthquake"...
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    gtd_attack_type: str | None = None
    gtd_weapon_type: str | None = None
    gtd_target_type: str | None = None
    case_label: str | None = None  # CASE 2021 code
    trigger: str | None = None  # the word that names the event
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class EventMention:
    """One incident as one article tells it."""

    id: str  # "<article_id>#<n>"
    article_id: str
    main: bool  # the article's main incident, or one it only refers to
    type: EventType = field(default_factory=EventType)
    date: str | None = None  # ISO, as precise as known
    date_precision: str | None = None  # one of DATE_PRECISIONS
    date_text: str | None = None
    place: Place | None = None
    actors: list[Actor] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)  # every claim, repeats included
    start: int = 0  # the span of text this mention covers
    end: int = 0
    summary: str = ""  # the sentence that best describes it

    totals: dict[str, int] = field(default_factory=dict)  # best figure per category the article supports

    def best(self, category: str) -> int | None:
        return self.totals.get(category)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Report:
    """What extraction read from one article."""

    article_id: str
    kind: str = "news"  # "news", "analysis", "press_release"
    relevant: bool = True  # triage: does it report an incident at all?
    paraphrase_score: float = 0.0
    paraphrase_evidence: list[str] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    published: str | None = None  # the article's date as extraction understood it
    # Where an article that tells no incident is set ("police seized marijuana in Montes Claros, Minas
    # Gerais"): the place its mentions would have; None where it has mentions (they hold their own).
    place: Place | None = None

    @property
    def main(self) -> EventMention | None:
        return next((m for m in self.mentions if m.main), None)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Reconciled:
    """One figure of an incident after reconciliation."""

    category: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None = None
    rule: str = ""  # which clause of the rule set best
    claims: list[Figure] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)  # [{"time", "article_id", "value", ...}]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Source:
    """An article behind an incident and how it relates to the others."""

    article_id: str
    relation: str = "independent"  # one of RELATIONS
    of_article: str | None = None  # the original, for a copy or rewrite
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Incident:
    """One real-world incident: linked mentions, reconciled fields, its sources."""

    id: str
    mention_ids: list[str] = field(default_factory=list)
    main: bool = True  # False for an incident known only from references
    type: EventType = field(default_factory=EventType)
    date: str | None = None
    date_precision: str | None = None
    place: Place | None = None
    actors: list[Actor] = field(default_factory=list)
    figures: dict[str, Reconciled] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    title: str = ""
    part_of: str | None = None  # the coordinated attack this is one place of (link/coordinated.py)
    related: list[str] = field(default_factory=list)  # the other places' incident ids

    @property
    def article_ids(self) -> list[str]:
        return [s.article_id for s in self.sources]

    @property
    def independent_sources(self) -> int:
        return sum(1 for s in self.sources if s.relation == "independent")

    @property
    def kind(self) -> str:
        """What to call it in a list: its type, else "story" when no article read an incident in it
        (linking keeps articles about one non-violent event together), else "incident"."""
        t = self.type
        label = t.label or t.acled_sub_event_type or t.gtd_attack_type
        if label:
            return label
        return "incident" if self.figures else "story"

    def best(self, category: str) -> int | None:
        r = self.figures.get(category)
        return None if r is None else r.best

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- rebuilding records from their dicts (store, caches, JSON exports) -------------------------

def _take(cls: type, d: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in d.items() if k in names}


def figure_from_dict(d: dict[str, Any]) -> Figure:
    return Figure(**_take(Figure, d))


def place_from_dict(d: dict[str, Any] | None) -> Place | None:
    return None if d is None else Place(**_take(Place, d))


def mention_from_dict(d: dict[str, Any]) -> EventMention:
    kw = _take(EventMention, d)
    kw["type"] = EventType(**_take(EventType, d.get("type") or {}))
    kw["place"] = place_from_dict(d.get("place"))
    kw["actors"] = [Actor(**_take(Actor, a)) for a in d.get("actors") or []]
    kw["figures"] = [figure_from_dict(f) for f in d.get("figures") or []]
    return EventMention(**kw)


def report_from_dict(d: dict[str, Any]) -> Report:
    kw = _take(Report, d)
    kw["mentions"] = [mention_from_dict(m) for m in d.get("mentions") or []]
    kw["place"] = place_from_dict(d.get("place"))
    return Report(**kw)


def reconciled_from_dict(d: dict[str, Any]) -> Reconciled:
    kw = _take(Reconciled, d)
    kw["claims"] = [figure_from_dict(f) for f in d.get("claims") or []]
    return Reconciled(**kw)


def incident_from_dict(d: dict[str, Any]) -> Incident:
    kw = _take(Incident, d)
    kw["type"] = EventType(**_take(EventType, d.get("type") or {}))
    kw["place"] = place_from_dict(d.get("place"))
    kw["actors"] = [Actor(**_take(Actor, a)) for a in d.get("actors") or []]
    kw["figures"] = {k: reconciled_from_dict(v) for k, v in (d.get("figures") or {}).items()}
    kw["sources"] = [Source(**_take(Source, s)) for s in d.get("sources") or []]
    return Incident(**kw)


def article_from_dict(d: dict[str, Any]) -> Article:
    return Article(**_take(Article, d))
