"""A read snapshot of a store for the server: every incident and article in memory, refreshed when
the database file changes.

Why: the store opens a DuckDB connection per operation (so other processes can write between
them), which costs tens of milliseconds each; an incident page needs several operations. The
server answers list and detail pages from this snapshot instead, and rebuilds it (two bulk reads)
when the file's size or modification time changes. The filters mirror ``sitrep.store.query``; a
test checks that both answer the same.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.errors import NotFound
from sitrep.records import Article, Incident

log = logging.getLogger(__name__)

#: Above this many articles the snapshot would hold too much text; the server reads the store directly.
MAX_ARTICLES = 50_000


def signature(path: str) -> tuple:
    """What changes when the database file is written: size and mtime of the file and its WAL."""
    out: list[tuple[int, int] | None] = []
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


def _low(x: str | None) -> str:
    return (x or "").lower()


@dataclass(slots=True)
class _Row:
    inc: Incident
    text: str  # the incident's own searchable words, lower case
    article_ids: tuple[str, ...]


class Snapshot:
    """The read methods of ``Store`` that the pages use, over records held in memory."""

    def __init__(self, incidents: Iterable[Incident], articles: Iterable[Article]):
        self._articles = {a.id: a for a in articles}
        self._rows: dict[str, _Row] = {}
        self._by_article: dict[str, list[str]] = {}
        for inc in incidents:
            aids = tuple(dict.fromkeys([m.rpartition("#")[0] for m in inc.mention_ids if "#" in m]
                                       + [s.article_id for s in inc.sources]))
            p, t = inc.place, inc.type
            words = [inc.title, p and p.venue, p and p.city, p and p.admin2, p and p.admin1, p and p.country,
                     t.label, t.acled_event_type, t.acled_sub_event_type, t.gtd_attack_type]
            self._rows[inc.id] = _Row(inc, " ".join(w for w in words if w).lower(), aids)
            for aid in aids:
                self._by_article.setdefault(aid, []).append(inc.id)
        self._article_text = {aid: (_low(a.title), a.text.lower()) for aid, a in self._articles.items()}
        # date DESC NULLS LAST, id
        self._ordered = sorted(self._rows.values(), key=lambda r: r.inc.id)
        self._ordered.sort(key=lambda r: r.inc.date or "", reverse=True)
        self._ordered.sort(key=lambda r: r.inc.date is None)
        self._pos = {r.inc.id: n for n, r in enumerate(self._ordered)}
        self._store = None  # for reports, which the snapshot does not hold
        self._cache: dict[tuple, list[_Row]] = {}
        self._facets: dict[str, list[str]] | None = None

    @classmethod
    def load(cls, store) -> Snapshot:
        snap = cls(store.incidents(main_only=False, limit=None), store.articles())
        snap._store = store
        return snap

    def facets(self) -> dict[str, list[str]]:
        """The types and countries of the listed incidents, most frequent first (filter suggestions)."""
        if self._facets is None:
            types: dict[str, int] = {}
            countries: dict[str, int] = {}
            for r in self._ordered:
                if not r.inc.main:
                    continue
                if r.inc.type.label:
                    types[r.inc.type.label] = types.get(r.inc.type.label, 0) + 1
                if r.inc.place is not None and r.inc.place.country:
                    countries[r.inc.place.country] = countries.get(r.inc.place.country, 0) + 1
            self._facets = {"types": sorted(types, key=lambda k: (-types[k], k))[:100],
                            "countries": sorted(countries, key=lambda k: (-countries[k], k))[:300]}
        return self._facets

    def __len__(self) -> int:
        return len(self._rows)

    def _match(self, r: _Row, since, until, type, country, min_killed, q, main_only) -> bool:
        inc = r.inc
        if main_only and not inc.main:
            return False
        d = inc.date
        # As the store: a coarse date ("2024-03") overlaps the range when any of it does.
        if since and (d is None or d + "~" < since):
            return False
        if until and (d is None or d > until + "~"):
            return False
        t = inc.type
        if type and type.strip().lower() not in {_low(t.label), _low(t.acled_event_type),
                                                 _low(t.acled_sub_event_type), _low(t.gtd_attack_type)}:
            return False
        if country:
            want = country.strip().lower()
            if inc.place is None or want not in (_low(inc.place.country), _low(inc.place.country_code)):
                return False
        if min_killed is not None:
            k = inc.best("killed")
            if k is None or k < int(min_killed):
                return False
        if q and q.strip():
            needle = q.strip().lower()
            if needle not in r.text and not any(
                needle in self._article_text[a][0] or needle in self._article_text[a][1]
                for a in r.article_ids if a in self._article_text
            ):
                return False
        return True

    def _filter(self, since=None, until=None, type=None, country=None, min_killed=None, q=None,
                main_only=True) -> list[_Row]:
        key = (since, until, type, country, min_killed, q, main_only)
        found = self._cache.get(key)
        if found is None:
            # The snapshot never changes, so a filter's answer can be kept (count and page share it).
            found = [r for r in self._ordered
                     if self._match(r, since, until, type, country, min_killed, q, main_only)]
            if len(self._cache) >= 256:
                self._cache.clear()
            self._cache[key] = found
        return found

    def incidents(self, *, limit: int | None = 50, offset: int = 0, order: str = "date_desc",
                  **filters) -> list[Incident]:
        if order != "date_desc":
            raise ValueError("the snapshot lists incidents newest first only")
        rows = self._filter(**filters)[offset:]
        return [r.inc for r in (rows if limit is None else rows[:limit])]

    def count_incidents(self, **filters) -> int:
        return len(self._filter(**filters))

    def get_incident(self, incident_id: str) -> Incident:
        row = self._rows.get(incident_id)
        if row is None and len(incident_id) >= 6:
            found = [i for i in self._rows if i.startswith(incident_id)]
            if len(found) > 1:
                raise NotFound(f"incident id prefix {incident_id!r} is ambiguous "
                               f"({', '.join(sorted(found)[:5])}...); give more characters")
            row = self._rows[found[0]] if found else None
        if row is None:
            raise NotFound(f"no incident {incident_id!r} (list them with `sitrep incidents`)")
        return row.inc

    def articles(self, *, ids: Iterable[str] | None = None, **_kw) -> list[Article]:
        if ids is None:
            return list(self._articles.values())
        return [self._articles[i] for i in dict.fromkeys(ids) if i in self._articles]

    def incidents_for_article(self, article_id: str) -> list[Incident]:
        found = [self._rows[i] for i in self._by_article.get(article_id, [])]
        return [r.inc for r in sorted(found, key=lambda r: (not r.inc.main, self._pos[r.inc.id]))]

    def get_article(self, article_id: str) -> Article:
        art = self._articles.get(article_id)
        if art is None:
            if self._store is not None:  # an external id, or an article newer than the snapshot
                return self._store.get_article(article_id)
            raise NotFound(f"no article {article_id!r}")
        return art

    def get_report(self, article_id: str):
        return None if self._store is None else self._store.get_report(article_id)


class Reads:
    """Where the pages read from: a snapshot of a database file, kept current; the store itself for an
    in-memory store (already fast) or a store too large to hold."""

    def __init__(self, store, lock) -> None:
        self.store, self.lock = store, lock
        path = getattr(store, "path", ":memory:")
        # A server store (Postgres) answers each thread from its own pooled connection, and other
        # processes write to it with no file to watch: pages read it directly.
        self.path = None if path == ":memory:" or getattr(store, "concurrent", False) else str(path)
        self._snap: Snapshot | None = None
        self._sig: tuple | None = None
        self._too_big = False

    def current(self):
        if self.path is None or self._too_big:
            return self.store
        sig = signature(self.path)
        if sig == self._sig and self._snap is not None:
            return self._snap
        # While an ingest job holds the lock (minutes, for a large batch), keep answering from the
        # snapshot we have rather than making every page wait for the job.
        if not self.lock.acquire(blocking=self._snap is None):
            return self._snap
        try:
            sig = signature(self.path)
            if sig != self._sig or self._snap is None:
                if self.store.stats().get("articles", 0) > MAX_ARTICLES:
                    log.info("store too large for a snapshot; pages read it directly")
                    self._too_big = True
                    return self.store
                self._snap = Snapshot.load(self.store)
                self._sig = sig  # taken before the load: a write during it triggers another
                log.info("read snapshot: %d incidents", len(self._snap))
            return self._snap
        finally:
            self.lock.release()

    def fresh(self) -> Snapshot | None:
        """The snapshot if it is current (a stat, no I/O beyond it), else None."""
        if self._snap is None or self.path is None or self._too_big or signature(self.path) != self._sig:
            return None
        return self._snap

    @property
    def direct(self) -> bool:
        return self.path is None or self._too_big
