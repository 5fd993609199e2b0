"""The store: articles, reports, event mentions, figure claims and incidents in one DuckDB file.

Where the file lives: ``--db`` on the command line, else ``$SITREP_DB``, else
``$XDG_DATA_HOME/sitrep/sitrep.duckdb`` (``~/.local/share/sitrep/sitrep.duckdb`` when
``XDG_DATA_HOME`` is unset). ``":memory:"`` gives a throw-away database (tests, evaluation).

Every write method is one transaction for its whole batch: it all lands, or nothing does.
A relink holds ``linking()`` (a lock beside the file) so that two processes never relink at once.
``reports_generation`` (bumped by every change to the reports) and
``linked_generation`` (the one the stored incidents were linked from) let the next run see that an
interrupted one stopped between the two, and finish it (``link_needed``).
Connections live for one operation, so a reader in another process waits at most one write
batch; past ``lock_timeout`` seconds it gets ``StoreLocked``, whose message says what to do.
The schema is versioned (``schema.MIGRATIONS``); opening an older file migrates it, a newer
one is refused with ``SchemaError``.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from sitrep.config import default_db_path
from sitrep.errors import NotFound, StoreError
from sitrep.records import Article, Incident, Report

if TYPE_CHECKING:
    from sitrep.link.stats import LinkStats
from sitrep.store import linkstats, locks, rows, schema
from sitrep.store.connection import CONFIG, connection
from sitrep.store.query import ORDERS, incident_where

__all__ = ["FAILED", "Added", "Store", "default_db_path", "open_store"]

log = logging.getLogger(__name__)

MEMORY = ":memory:"
#: ``Report.kind`` of an article whose extraction raised: kept out of linking, listed by ``sitrep check``.
FAILED = "failed"
# A semi-join on a list parameter (a hash join, unlike list_contains per row).
_IN = "(SELECT unnest(?::VARCHAR[]))"


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add_articles`` did with one article."""

    article_id: str
    status: str  # "new", "duplicate" (same text already stored: no-op), "alias" (new external id recorded)
    external_id: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> int:
    row = con.execute(sql, params or []).fetchone()
    return int(row[0]) if row else 0


_MAX_ROWS = 2**62  # SQL LIMIT and OFFSET are 64-bit integers


def _paging(limit: int | None, offset: int) -> str:
    """The LIMIT/OFFSET clause; a value SQL cannot hold (negative, past 64 bits) is our error."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and not 0 <= int(value) <= _MAX_ROWS:
            raise StoreError(f"{name} {value} is out of range: give a whole number from 0 to {_MAX_ROWS}")
    return ((f" LIMIT {int(limit)}" if limit is not None else "")
            + (f" OFFSET {int(offset)}" if offset else ""))


def _ids(values: Iterable[str] | None) -> list[str] | None:
    return None if values is None else list(dict.fromkeys(values))


class Store:
    """Sitrep's records in a DuckDB file (or in memory)."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False,
                 lock_timeout: float = 10.0):
        self.path: str = MEMORY if str(path) == MEMORY else str(Path(path or default_db_path()).expanduser())
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._memory: duckdb.DuckDBPyConnection | None = None
        self._version = 0
        self._closed = False
        if self.path == MEMORY:
            self._memory = duckdb.connect(MEMORY, config=CONFIG)
            self._version = schema.migrate(self._memory, self.path)
            return
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no database yet; run `sitrep ingest PATH` or `sitrep demo` first")
        if not read_only:
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"{self.path}: cannot create its folder ({e.strerror}); "
                                 "give a writable path with --db or SITREP_DB") from e
        with self._connect(read_only=read_only) as con:
            self._version = schema.current_version(con)
            schema.check(self._version, self.path)
        if self._version < schema.VERSION:
            # A reader of an older file upgrades it once, briefly as a writer.
            with self._connect(read_only=False) as con:
                self._version = schema.migrate(con, self.path)

    # --- connections ------------------------------------------------------------------------------

    @contextmanager
    def _connect(self, *, read_only: bool | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        if self._memory is not None:
            yield self._memory
            return
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        ro = self.read_only if read_only is None else read_only
        with connection(self.path, read_only=ro, lock_timeout=self.lock_timeout) as con:
            yield con

    @contextmanager
    def _write(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed on success, rolled back (store unchanged) on any error."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot write {what}")
        with self._connect() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException as e:
                try:
                    con.execute("ROLLBACK")
                except duckdb.Error:
                    # Closing the connection discards the transaction anyway.
                    log.exception("%s: rollback failed after: %s", self.path, e)
                if isinstance(e, duckdb.Error):
                    raise StoreError(f"{self.path}: could not write {what} (nothing was written): {e}") from e
                raise

    @staticmethod
    def _insert(con: duckdb.DuckDBPyConnection, table: str, data: list[tuple]) -> None:
        """Insert many rows at once: one list per column, unnested (executemany is ~100x slower)."""
        schema.insert(con, table, data)

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()
            self._memory = None
            self._closed = True
        # A file store holds no connection between operations: nothing to close.

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}{', read_only=True' if self.read_only else ''})"

    def schema_version(self) -> int:
        with self._connect() as con:
            return schema.current_version(con)

    @contextmanager
    def linking(self, keys: Iterable[str] = ("all",)) -> Iterator[None]:
        """Held while a relink reads and rewrites incidents, so two processes never relink at once."""
        with locks.file_lock(None if self.path == MEMORY else self.path + ".link.lock",
                             timeout=max(self.lock_timeout, 60.0)):
            yield

    # --- articles ---------------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> list[Added]:
        """Store a batch of articles in one transaction; same text again is a no-op (or a new alias)."""
        batch = list(articles)
        now = _now()
        prepared = [rows.article_row(a, now) for a in batch]  # validate everything before writing
        added: list[Added] = []
        with self._write(f"{len(batch)} article(s)") as con:
            ids = list(dict.fromkeys(a.id for a in batch))
            exts = list(dict.fromkeys(e for a in batch for e in a.external_ids))
            seen = {r[0] for r in con.execute(
                "SELECT id FROM articles WHERE id IN " + _IN, [ids]).fetchall()}
            mapped = dict(con.execute("SELECT external_id, article_id FROM article_ids "
                                      "WHERE external_id IN " + _IN, [exts]).fetchall())
            new_rows, new_ext, new_arts = [], [], []
            for a, row in zip(batch, prepared, strict=True):
                fresh = []
                for e in dict.fromkeys(a.external_ids):
                    if not isinstance(e, str) or not e:
                        raise StoreError(f"article {a.id}: external id {e!r} is not a non-empty string")
                    if e not in mapped:
                        fresh.append(e)
                        mapped[e] = a.id
                    elif mapped[e] != a.id:
                        # A feed reusing an id for other text: keep what the id named first, store the text.
                        log.warning("external id %s already names article %s; not remapped to %s",
                                    e, mapped[e], a.id)
                new_ext += [(e, a.id) for e in fresh]
                if a.id in seen:
                    added.append(Added(a.id, "alias" if fresh else "duplicate", fresh[0] if fresh else None))
                else:
                    seen.add(a.id)
                    new_rows.append(row)
                    new_arts.append(a)
                    added.append(Added(a.id, "new", a.external_ids[0] if a.external_ids else None))
            self._insert(con, "articles", new_rows)
            self._insert(con, "article_ids", new_ext)
            linkstats.count(con, self._insert, [(a.id, a.title, a.text) for a in new_arts])
        return added

    def _resolve(self, con: duckdb.DuckDBPyConnection, id_or_external_id: str) -> str | None:
        row = con.execute("SELECT id FROM articles WHERE id = ?", [id_or_external_id]).fetchone()
        if row is None:
            row = con.execute("SELECT article_id FROM article_ids WHERE external_id = ?",
                              [id_or_external_id]).fetchone()
        return row[0] if row else None

    def get_article(self, id_or_external_id: str) -> Article:
        with self._connect() as con:
            aid = self._resolve(con, id_or_external_id)
            if aid is not None:
                found = self._articles(con, "WHERE id = ?", [aid])
                if found:
                    return found[0]
        raise NotFound(f"no article {id_or_external_id!r} (neither an article id nor an external id)")

    def _articles(self, con: duckdb.DuckDBPyConnection, where: str, params: list) -> list[Article]:
        data = con.execute(f"SELECT id, record, text FROM articles {where}", params).fetchall()
        ext = self._external_ids(con, [r[0] for r in data])
        return [rows.article_from_row(rec, text, ext.get(aid, [])) for aid, rec, text in data]

    @staticmethod
    def _article_where(ids: Iterable[str] | None, unprocessed: bool, foreign: bool) -> tuple[str, list]:
        where, params = [], []
        wanted = _ids(ids)
        if wanted is not None:
            where.append("id IN " + _IN)
            params.append(wanted)
        if unprocessed:
            where.append("id NOT IN (SELECT article_id FROM reports)")
            if not foreign:
                where.append("coalesce(language, 'en') = 'en'")
        return ("WHERE " + " AND ".join(where) if where else ""), params

    def articles(self, *, ids: Iterable[str] | None = None, unprocessed: bool = False,
                 include_foreign: bool = False, limit: int | None = None, offset: int = 0) -> list[Article]:
        """By ingested_at, then id; ``unprocessed``: no report yet (English unless include_foreign)."""
        where, params = self._article_where(ids, unprocessed, include_foreign)
        sql = where + " ORDER BY ingested_at, id"
        sql += _paging(limit, offset)
        with self._connect() as con:
            return self._articles(con, sql, params)

    def count_articles(self, *, ids: Iterable[str] | None = None, unprocessed: bool = False,
                       include_foreign: bool = False) -> int:
        """How many articles ``articles()`` would return with these filters (without reading their text)."""
        where, params = self._article_where(ids, unprocessed, include_foreign)
        with self._connect() as con:
            return _count(con, f"SELECT count(*) FROM articles {where}", params)

    @staticmethod
    def _external_ids(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None) -> dict[str, list[str]]:
        sql = "SELECT article_id, external_id FROM article_ids"
        params: list = []
        if article_ids is not None:
            sql += " WHERE article_id IN " + _IN
            params.append(article_ids)
        out: dict[str, list[str]] = {}
        for aid, ext in con.execute(sql + " ORDER BY external_id", params).fetchall():
            out.setdefault(aid, []).append(ext)
        return out

    def external_ids(self, article_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Article id -> its external ids (articles without any are left out)."""
        with self._connect() as con:
            return self._external_ids(con, _ids(article_ids))

    # --- reports ----------------------------------------------------------------------------------

    def save_reports(self, reports: Iterable[Report]) -> None:
        """Store reports, replacing each article's previous report, mentions and claims; one transaction."""
        batch: dict[str, Report] = {}
        for r in reports:
            if not isinstance(r, Report):
                raise StoreError(f"not a Report: {type(r).__name__}")
            batch[r.article_id] = r  # the last report of an article in a batch wins
        now = _now()
        prepared = [rows.report_rows(r, now) for r in batch.values()]
        if not prepared:
            return
        ids = list(batch)
        with self._write(f"{len(ids)} report(s)") as con:
            known = {r[0] for r in con.execute(
                "SELECT id FROM articles WHERE id IN " + _IN, [ids]).fetchall()}
            missing = [i for i in ids if i not in known]
            if missing:
                raise StoreError(f"reports for articles not in the store: {', '.join(missing[:5])}"
                                 f"{' ...' if len(missing) > 5 else ''} (add the articles first)")
            for table in ("reports", "event_mentions", "figure_claims"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN " + _IN, [ids])
            self._insert(con, "reports", [p[0] for p in prepared])
            self._insert(con, "event_mentions", [m for p in prepared for m in p[1]])
            self._insert(con, "figure_claims", [c for p in prepared for c in p[2]])
            self._bump(con)

    def reports(self, *, article_ids: Iterable[str] | None = None) -> list[Report]:
        sql, params = "SELECT record FROM reports", []
        wanted = _ids(article_ids)
        if wanted is not None:
            sql += " WHERE article_id IN " + _IN
            params.append(wanted)
        with self._connect() as con:
            data = con.execute(sql + " ORDER BY article_id", params).fetchall()
        return [rows.report_from_row(r[0]) for r in data]

    def get_report(self, article_id: str) -> Report | None:
        with self._connect() as con:
            row = con.execute("SELECT record FROM reports WHERE article_id = ?", [article_id]).fetchone()
        return None if row is None else rows.report_from_row(row[0])

    # --- incidents --------------------------------------------------------------------------------

    def save_incidents(self, incidents: Iterable[Incident], *, replace_all: bool = False,
                       drop: Iterable[str] = (), linked_generation: int | None = None) -> None:
        """Upsert incidents by id with their members; ``replace_all`` drops those not in the batch, ``drop``
        these ids (an incremental relink's merged-away incidents), in the same transaction;
        ``linked_generation``: the ``generation()`` the incidents were linked from (recorded with them)."""
        batch: dict[str, Incident] = {}
        for inc in incidents:
            if not isinstance(inc, Incident):
                raise StoreError(f"not an Incident: {type(inc).__name__}")
            batch[inc.id] = inc
        now = _now()
        prepared = {i: rows.incident_rows(inc, now) for i, inc in batch.items()}
        gone = [i for i in dict.fromkeys(drop) if i not in prepared]
        if not prepared and not replace_all and not gone and linked_generation is None:
            return
        ids = list(prepared)
        with self._write(f"{len(ids)} incident(s)") as con:
            # An unchanged incident keeps its updated_at, so "updated" means something.
            before = dict(con.execute("SELECT id, record FROM incidents WHERE id IN " + _IN,
                                      [ids]).fetchall())
            stamps = dict(con.execute("SELECT id, updated_at FROM incidents "
                                      "WHERE id IN " + _IN, [ids]).fetchall())
            if replace_all:
                con.execute("DELETE FROM incident_members")
                con.execute("DELETE FROM incidents")
            else:
                con.execute("DELETE FROM incident_members WHERE incident_id IN " + _IN, [ids + gone])
                con.execute("DELETE FROM incidents WHERE id IN " + _IN, [ids + gone])
            inc_rows = []
            for i, (row, _members) in prepared.items():
                if before.get(i) == row[-1]:
                    row = row[:-2] + (stamps[i], row[-1])
                inc_rows.append(row)
            self._insert(con, "incidents", inc_rows)
            self._insert(con, "incident_members", [m for _r, members in prepared.values() for m in members])
            if linked_generation is not None:
                # the largest: incremental links of disjoint blocks may finish in any order
                con.execute("UPDATE store_state SET value = greatest(value, ?) "
                            "WHERE key = 'linked_generation'", [int(linked_generation)])

    def incidents(self, *, since: str | None = None, until: str | None = None, type: str | None = None,
                  country: str | None = None, min_killed: int | None = None, q: str | None = None,
                  main_only: bool = True, limit: int | None = 50, offset: int = 0,
                  order: str = "date_desc") -> list[Incident]:
        """Incidents matching every filter given, in ``order`` (one of ``query.ORDERS``), paged."""
        if order not in ORDERS:
            raise ValueError(f"unknown order {order!r}; use one of: {', '.join(ORDERS)}")
        where, params = incident_where(since=since, until=until, type=type, country=country,
                                       min_killed=min_killed, q=q, main_only=main_only)
        sql = f"SELECT record FROM incidents {where} ORDER BY {ORDERS[order]}"
        sql += _paging(limit, offset)
        with self._connect() as con:
            return [rows.incident_from_row(r[0]) for r in con.execute(sql, params).fetchall()]

    def count_incidents(self, *, since: str | None = None, until: str | None = None, type: str | None = None,
                        country: str | None = None, min_killed: int | None = None, q: str | None = None,
                        main_only: bool = True, **_paging: Any) -> int:
        """How many incidents ``incidents()`` would list with these filters and no limit."""
        where, params = incident_where(since=since, until=until, type=type, country=country,
                                       min_killed=min_killed, q=q, main_only=main_only)
        with self._connect() as con:
            return _count(con, f"SELECT count(*) FROM incidents {where}", params)

    def get_incident(self, incident_id: str) -> Incident:
        """One incident by id, or by a unique prefix of at least 6 characters."""
        with self._connect() as con:
            row = con.execute("SELECT record FROM incidents WHERE id = ?", [incident_id]).fetchone()
            if row is None and len(incident_id) >= 6:
                found = con.execute("SELECT id, record FROM incidents WHERE starts_with(id, ?) LIMIT 6",
                                    [incident_id]).fetchall()
                if len(found) > 1:
                    raise NotFound(f"incident id prefix {incident_id!r} is ambiguous "
                                   f"({', '.join(f[0] for f in found[:5])}...); give more characters")
                row = (found[0][1],) if found else None
        if row is None:
            raise NotFound(f"no incident {incident_id!r} (list them with `sitrep incidents`)")
        return rows.incident_from_row(row[0])

    def incidents_for_article(self, article_id: str) -> list[Incident]:
        """Every incident (main or referenced) an article contributes to."""
        with self._connect() as con:
            aid = self._resolve(con, article_id) or article_id
            data = con.execute(
                "SELECT record FROM incidents WHERE id IN "
                "(SELECT incident_id FROM incident_members WHERE article_id = ?) "
                f"ORDER BY main DESC, {ORDERS['date_desc']}", [aid]).fetchall()
        return [rows.incident_from_row(r[0]) for r in data]

    # --- runs: what an interrupted run left, removing articles ---------------------------

    @staticmethod
    def _bump(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("UPDATE store_state SET value = value + 1 WHERE key = 'reports_generation'")

    @staticmethod
    def _state(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        return {k: int(v) for k, v in con.execute("SELECT key, value FROM store_state").fetchall()}

    def generation(self) -> int:
        """A number that changes whenever the reports change (pass it to ``save_incidents``)."""
        with self._connect() as con:
            return self._state(con)["reports_generation"]

    def _unlinked(self, con: duckdb.DuckDBPyConnection) -> int:
        # (NOT IN over a column holding NULLs is never true: the NULLs are left out)
        return _count(con, "SELECT count(*) FROM event_mentions WHERE id NOT IN "
                           "(SELECT mention_id FROM incident_members WHERE mention_id IS NOT NULL)")

    def link_needed(self) -> bool:
        """Whether the stored incidents lag the reports (a run stopped before linking, or an article
        was removed): the reports changed since the last link, or a mention is in no incident."""
        with self._connect() as con:
            state = self._state(con)
            return state["reports_generation"] != state["linked_generation"] or self._unlinked(con) > 0

    def health(self) -> dict[str, Any]:
        """What ``sitrep check`` reports: work an interrupted run left, and articles that failed."""
        with self._connect() as con:
            state = self._state(con)
            failed = [r[0] for r in con.execute(
                "SELECT article_id FROM reports WHERE kind = ? ORDER BY article_id", [FAILED]).fetchall()]
            return {
                "articles": _count(con, "SELECT count(*) FROM articles"),
                # every language gets a report (one Sitrep does not read, an empty one)
                "unextracted": _count(con, "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id "
                                           "FROM reports)"),
                "failed": failed,
                "unlinked_mentions": self._unlinked(con),
                "link_needed": state["reports_generation"] != state["linked_generation"],
            }

    def forget_failures(self) -> int:
        """Drop the reports of failed extractions, so that the next run tries them again."""
        with self._write("the failed reports") as con:
            n = _count(con, "SELECT count(*) FROM reports WHERE kind = ?", [FAILED])
            con.execute("DELETE FROM reports WHERE kind = ?", [FAILED])
            self._bump(con)
        return n

    def remove_articles(self, ids: Iterable[str]) -> list[str]:
        """Remove articles (by id or external id) with their reports, mentions and claims; incidents
        made only of them go too, the others are relinked by the next run (``link_needed``).
        NotFound, and nothing removed, when one of them is not stored."""
        wanted = list(dict.fromkeys(ids))
        with self._write(f"the removal of {len(wanted)} article(s)") as con:
            found, missing = [], []
            for i in wanted:
                aid = self._resolve(con, i)
                (found if aid else missing).append(aid or i)
            if missing:
                raise NotFound(f"no article {', '.join(repr(m) for m in missing[:5])} (neither an article "
                               "id nor an external id; nothing was removed)")
            found = list(dict.fromkeys(found))
            gone = [r[0] for r in con.execute(
                "SELECT incident_id FROM incident_members GROUP BY incident_id "
                "HAVING bool_and(coalesce(article_id IN " + _IN + ", false))", [found]).fetchall()]
            con.execute("DELETE FROM incident_members WHERE incident_id IN " + _IN, [gone])
            con.execute("DELETE FROM incidents WHERE id IN " + _IN, [gone])
            for table in ("figure_claims", "event_mentions", "reports", "article_ids"):
                con.execute(f"DELETE FROM {table} WHERE article_id IN " + _IN, [found])
            back = linkstats.count(con, self._insert, con.execute(
                "SELECT id, title, text FROM articles WHERE id IN " + _IN, [found]).fetchall(), sign=-1)
            con.execute("DELETE FROM articles WHERE id IN " + _IN, [found])
            linkstats.repost(con, self._insert, back)
            self._bump(con)
        return found

    # --- link statistics (``sitrep.link.stats``) ---------------------------------------------

    def link_stats(self, articles: Iterable[Article] | None = None, *,
                   texts: Iterable[str] = ()) -> LinkStats:
        """The store's word and line counts over every stored article: all of them, or only those of
        the words and lines of ``articles`` and of ``texts`` (what linking them needs: an article's
        document is its main mention's text, a referenced mention's text is its span)."""
        with self._connect() as con:
            return linkstats.stats(con, None if articles is None else list(articles), list(texts))

    def rare_neighbours(self, article_ids: Iterable[str]) -> set[str]:
        """Stored articles sharing with one of these a word at most ``RARE_DF`` articles hold (them too)."""
        with self._connect() as con:
            return linkstats.neighbours(con, list(dict.fromkeys(article_ids)))

    def stats(self) -> dict[str, int]:
        """Row counts per table."""
        with self._connect() as con:
            return {t: _count(con, f"SELECT count(*) FROM {t}") for t in schema.TABLES}


def open_store(db: str | os.PathLike | None = None, *, read_only: bool = False, **options: Any) -> Store:
    """The store ``db`` names: a ``postgresql://`` URL (``PostgresStore``), else a DuckDB file or memory."""
    if db is None:
        db = os.environ.get("SITREP_DB") or None
    if isinstance(db, str) and db.lower().startswith(("postgresql://", "postgres://")):
        from sitrep.store.postgres import PostgresStore  # psycopg: an optional dependency

        return PostgresStore(db, read_only=read_only, **options)
    return Store(db, read_only=read_only, **options)
