"""An incident's date, place and type, chosen from what its member mentions say.

Each member article votes once per field; the written rule, field by field:

- **date**: the finest precision any member gives; among those dates, the ones no later than the
  earliest member's publication date (an incident happens before its first report: later dates
  are a follow-up's, an arrest or a trial); then the date most members give; ties go to the
  earlier date (the night a shooting began, not the morning it was reported).
- **place**: the state (admin1) most members name (a state the article writes out counts
  half a vote more than one inferred from a city's name); then, among places in that state that name a
  city, the city most members name; the place is that member's whole record (city, state,
  country and coordinates stay consistent). Ties go to the place a later report gives (later
  reports know the scene better than the first bulletin).
- **type**: the label most members give.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence

from sitrep.records import EventMention, EventType, Place

_PRECISION = {"day": 0, "week": 1, "month": 2, "year": 3}


def _vote(values: Sequence[Hashable], tie: Callable[[Hashable], object]) -> Hashable | None:
    """The most frequent non-empty value; ``tie`` ranks equals (the larger wins)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], tie(v)))


def incident_date(members: Sequence[tuple[EventMention, str | None]]) -> tuple[str | None, str | None]:
    """(date, precision) from (mention, its article's publication date) pairs, by the module rule."""
    dated = [m for m, _ in members if m.date]
    if not dated:
        return None, None
    finest = min(_PRECISION.get(m.date_precision or "year", 3) for m in dated)
    best = [m for m in dated if _PRECISION.get(m.date_precision or "year", 3) == finest]
    first_report = min((p[:10] for _, p in members if p and len(p) >= 10), default=None)
    if first_report and finest == 0:
        best = [m for m in best if (m.date or "")[:10] <= first_report] or best
    rank = {d: k for k, d in enumerate(sorted({m.date for m in best if m.date}))}
    date = _vote([m.date for m in best], tie=lambda d: -rank[d])
    return date, next(m.date_precision for m in best if m.date == date)


def incident_place(members: Sequence[tuple[EventMention, str | None]],
                   texts: Sequence[str] = ()) -> Place | None:
    """The incident's place from (mention, publication date) pairs, by the module rule.

    ``texts``: the members' article texts, aligned with ``members``; a state a member's article
    writes out counts half a vote more than one the gazetteer inferred from a city's name.
    """
    order = sorted(range(len(members)), key=lambda k: (members[k][1] or "~", members[k][0].id))
    picked = [(members[k][0].place, texts[k] if k < len(texts) else "") for k in order
              if members[k][0].place is not None]
    if not picked:
        return None
    places = [p for p, _ in picked]
    last: dict[object, int] = {}
    for k, p in enumerate(places):
        last[("state", p.admin1)] = last[("city", p.city)] = k
    votes: Counter = Counter()
    for p, text in picked:
        if p.admin1:
            votes[p.admin1] += 1.5 if text and p.admin1 in text else 1.0
    state = max(votes, key=lambda s: (votes[s], last[("state", s)])) if votes else None
    named = [p for p in places if p.city]
    inside = [p for p in named if state is None or p.admin1 == state] or named
    if not inside:
        return next((p for p in places if p.admin1 == state), places[0])
    city = _vote([p.city for p in inside], tie=lambda c: last[("city", c)])
    return next(p for p in inside if p.city == city)


def incident_type(mentions: Sequence[EventMention]) -> EventType:
    """The type of the label most members give (ties: the first member's)."""
    labels = [m.type.label for m in mentions if m.type and m.type.label]
    first = {lab: k for k, lab in reversed(list(enumerate(labels)))}
    label = _vote(labels, tie=lambda lab: -first[lab])
    return next((m.type for m in mentions if m.type and m.type.label == label), mentions[0].type)
