"""Records to table rows (tuples in the column order of ``schema``) and back."""
from __future__ import annotations

import json
import math
from typing import Any

from sitrep.errors import StoreError
from sitrep.records import (
    Article,
    Incident,
    Report,
    article_from_dict,
    incident_from_dict,
    report_from_dict,
)


def dumps(d: dict[str, Any], what: str) -> str:
    """A record dict as JSON; a value JSON cannot hold is an error naming the record."""
    try:
        return json.dumps(d, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise StoreError(f"{what}: cannot be stored: {e}") from e


def _num(x: Any, what: str) -> float | None:
    if x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError) as e:
        raise StoreError(f"{what}: not a number: {x!r}") from e
    return v if math.isfinite(v) else None


def _int(x: Any, what: str) -> int | None:
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, int | float):
        raise StoreError(f"{what}: not an integer: {x!r}")
    return int(x)


def article_row(a: Article, ingested_at: str) -> tuple:
    if not isinstance(a, Article):
        raise StoreError(f"not an Article: {type(a).__name__}")
    if not isinstance(a.id, str) or not a.id or not isinstance(a.text, str) or not a.text.strip():
        raise StoreError(f"article {a.id!r}: an article needs an id and non-empty text")
    d = a.to_dict()
    d["ingested_at"] = a.ingested_at or ingested_at
    d["external_ids"] = []  # kept in article_ids, the one place they can grow
    del d["text"]  # kept once, in the text column: texts are most of the file
    return (a.id, a.title, a.url, a.outlet, a.author, a.published, a.published_from, a.language, a.source,
            d["ingested_at"], a.text, dumps(d, f"article {a.id}"))


def article_from_row(record: str, text: str, external_ids: list[str]) -> Article:
    a = article_from_dict({**json.loads(record), "text": text})
    a.external_ids = list(external_ids)
    return a


def report_rows(r: Report, extracted_at: str) -> tuple[tuple, list[tuple], list[tuple]]:
    """The report row, its mention rows and its claim rows."""
    if not isinstance(r, Report):
        raise StoreError(f"not a Report: {type(r).__name__}")
    if not isinstance(r.article_id, str) or not r.article_id:
        raise StoreError(f"report {r.article_id!r}: a report needs its article's id")
    what = f"report of article {r.article_id}"
    d = r.to_dict()
    report = (r.article_id, r.kind, bool(r.relevant), _num(r.paraphrase_score, what), extracted_at,
              dumps(d, what))
    mentions, claims = [], []
    for m, md in zip(r.mentions, d["mentions"], strict=True):
        mwhat = f"mention {m.id} of article {r.article_id}"
        if not isinstance(m.id, str) or not m.id:
            raise StoreError(f"{what}: a mention without an id")
        p, t = m.place, m.type
        mentions.append((m.id, r.article_id, bool(m.main), m.date, m.date_precision, t.label,
                         t.acled_event_type, t.acled_sub_event_type, t.gtd_attack_type, p and p.venue,
                         p and p.city, p and p.admin1, p and p.country,
                         _num(p and p.lat, mwhat), _num(p and p.lon, mwhat),
                         dumps(md, mwhat)))
        for f in m.figures:
            claims.append((m.id, r.article_id, f.category, _int(f.low, mwhat), _int(f.high, mwhat),
                           f.qualifier, f.attribution, f.attribution_kind, f.scope, _int(f.start, mwhat),
                           _int(f.end, mwhat), f.text, f.sentence))
    return report, mentions, claims


def report_from_row(record: str) -> Report:
    return report_from_dict(json.loads(record))


def incident_rows(inc: Incident, updated_at: str) -> tuple[tuple, list[tuple]]:
    """The incident row and its member rows (one per mention, plus sources without a mention)."""
    if not isinstance(inc, Incident):
        raise StoreError(f"not an Incident: {type(inc).__name__}")
    if not isinstance(inc.id, str) or not inc.id:
        raise StoreError(f"incident {inc.id!r}: an incident needs an id")
    what = f"incident {inc.id}"
    p, t = inc.place, inc.type
    row = (inc.id, bool(inc.main), inc.date, inc.date_precision, t.label, t.acled_event_type,
           t.acled_sub_event_type, t.gtd_attack_type, p and p.venue, p and p.city, p and p.admin2,
           p and p.admin1, p and p.country, p and p.country_code,
           _num(p and p.lat, what), _num(p and p.lon, what),
           _int(inc.best("killed"), what), _int(inc.best("injured"), what), len(inc.sources),
           inc.independent_sources, inc.title, updated_at, dumps(inc.to_dict(), what))
    by_article = {s.article_id: s for s in inc.sources}
    members: list[tuple] = []
    covered: set[str | None] = set()
    for mid in dict.fromkeys(inc.mention_ids):
        art = mid.rpartition("#")[0] or None
        s = by_article.get(art or "")
        members.append((inc.id, mid, art, s and s.relation, s and s.of_article))
        covered.add(art)
    for s in inc.sources:
        if s.article_id not in covered:
            members.append((inc.id, None, s.article_id, s.relation, s.of_article))
            covered.add(s.article_id)
    return row, members


def incident_from_row(record: str) -> Incident:
    return incident_from_dict(json.loads(record))
