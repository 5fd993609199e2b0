"""A figure's history as read: every claim with its report time, value, qualifier and source, in time order.

The report time is the claim's article's publication time where the article is known, else the time
the claim (or its history entry) carries. The incident page's chart and `sitrep show` both read this.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, time
from typing import Any

from sitrep.records import Article, Reconciled, figure_order


@dataclass(frozen=True, slots=True)
class Entry:
    """One reported figure at its report time."""

    category: str
    time: str | None  # ISO, as precise as known ("2024-03-22", "2024-03-22T14:05:00+00:00")
    value: int | None  # the claim's value (low end of a range)
    high: int | None = None  # high end of a range
    qualifier: str | None = None  # "at least", "more than", "hundreds"...
    attribution: str | None = None  # who said it ("the FSB")
    attribution_kind: str = "unknown"
    revision: str | None = None  # "up", "down"
    text: str = ""  # the words as written
    article_id: str | None = None
    outlet: str | None = None  # the article's outlet, else its title

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def when(self) -> tuple[datetime, bool] | None:
        """See ``parse_time``."""
        return parse_time(self.time)

    def time_text(self) -> str:
        """"2024-03-22 14:05" (UTC where the zone is known), "2024-03-22", or the time as given."""
        w = self.when()
        if w is None:
            return self.time or "undated"
        return w[0].strftime("%Y-%m-%d %H:%M") if w[1] else w[0].date().isoformat()

    def value_text(self) -> str:
        """"at least 60", "10-15"."""
        v = "?" if self.value is None else str(self.value)
        if self.high is not None and self.value is not None and self.high != self.value:
            v += f"-{self.high}"
        return f"{self.qualifier} {v}" if self.qualifier else v

    def source_text(self) -> str:
        """"Reuters, according to the FSB"; who said it and where, as far as known."""
        parts = [self.outlet] if self.outlet else []
        if self.attribution:
            parts.append(f"according to {self.attribution}")
        return ", ".join(parts) or "source not named"


def parse_time(text: Any) -> tuple[datetime, bool] | None:
    """(the moment, whether the time of day is known) of an ISO date or date-time; None when it is
    not one or is coarser than a day. A date alone stands at midday; times with a zone are in UTC."""
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        day = datetime.fromisoformat(text[:10])
    except ValueError:
        return None
    midday = datetime.combine(day.date(), time(12))
    if len(text.strip()) <= 10:
        return midday, False
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return midday, False
    if moment.time() == time(0):
        return midday, False  # "2024-03-22T00:00:00Z" is what many feeds write for a date alone
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment, True


def _order(e: Entry) -> tuple:
    w = e.when()
    return (w is None, w[0] if w else datetime.min, figure_order(e.category), e.article_id or "")


def _brief(art: Any) -> tuple[str | None, str | None]:
    """(published, outlet) of an Article or of an article brief (a dict, as the web views give it)."""
    if art is None:
        return None, None
    get = art.get if isinstance(art, Mapping) else lambda k: getattr(art, k, None)
    title = get("title")
    return get("published"), get("outlet") or (title[:60] if title else None)


def _from_claims(rec: Reconciled) -> list[dict[str, Any]]:
    """The claims as history entries, each with its history entry's time where the claim has none."""
    unused = list(rec.history)
    out = []
    for c in rec.claims:
        value = c.low if c.low is not None else c.high
        h = next((h for h in unused if h.get("article_id") == c.article_id
                  and h.get("value", h.get("best")) == value), None)
        if h is not None:
            unused.remove(h)
        out.append({"time": c.published or (h or {}).get("time") or (h or {}).get("published"),
                    "article_id": c.article_id, "value": value, "high": c.high, "qualifier": c.qualifier,
                    "attribution": c.attribution, "attribution_kind": c.attribution_kind,
                    "revision": c.revision, "text": c.text})
    return out


def entries(figures: Mapping[str, Reconciled],
            articles: Mapping[str, Article | Mapping[str, Any]] | None = None) -> list[Entry]:
    """Every figure's claims (its history entries where it keeps no claims) in time order, undated last."""
    articles = articles or {}
    out: list[Entry] = []
    for cat in sorted(figures, key=figure_order):
        rec = figures[cat]
        # The claims carry who said it; a history entry may be only a time and a value.
        raw: list[dict[str, Any]] = _from_claims(rec) if rec.claims else list(rec.history)
        for h in raw:
            v = h.get("value", h.get("best"))
            aid = h.get("article_id")
            published, outlet = _brief(articles.get(aid)) if aid else (None, None)
            when = published if parse_time(published) else (h.get("time") or h.get("published"))
            high = h.get("high")
            out.append(Entry(category=cat, time=when, value=int(v) if isinstance(v, int | float) else None,
                             high=int(high) if isinstance(high, int | float) else None,
                             qualifier=h.get("qualifier"), attribution=h.get("attribution"),
                             attribution_kind=h.get("attribution_kind") or "unknown",
                             revision=h.get("revision"), text=h.get("text") or "", article_id=aid,
                             outlet=outlet))
    return sorted(out, key=_order)


def from_dicts(rows: list[dict[str, Any]]) -> list[Entry]:
    """Entries back from their ``to_dict`` form (the incident page's JSON)."""
    return [Entry(**r) for r in rows]
