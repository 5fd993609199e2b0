"""The store's tables, as an ordered list of migrations.

``MIGRATIONS[i]`` takes a database from version ``i`` to ``i + 1``; ``schema_migrations`` records
each version applied and when. Never edit a released migration: append a new one.

Every record table keeps a normalized copy of the fields queries filter on, plus ``record``: the
record's full dict as JSON, from which ``records.*_from_dict`` rebuilds it exactly.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import duckdb

from sitrep.errors import SchemaError
from sitrep.store import linkstats

log = logging.getLogger(__name__)

# Column types are declared once per table so bulk inserts can cast lists of values (see Store._insert).
ARTICLES = {
    "id": "VARCHAR", "title": "VARCHAR", "url": "VARCHAR", "outlet": "VARCHAR", "author": "VARCHAR",
    "published": "VARCHAR", "published_from": "VARCHAR", "language": "VARCHAR", "source": "VARCHAR",
    "ingested_at": "VARCHAR", "text": "VARCHAR", "record": "VARCHAR",
}
ARTICLE_IDS = {"external_id": "VARCHAR", "article_id": "VARCHAR"}
REPORTS = {
    "article_id": "VARCHAR", "kind": "VARCHAR", "relevant": "BOOLEAN", "paraphrase_score": "DOUBLE",
    "extracted_at": "VARCHAR", "record": "VARCHAR",
}
EVENT_MENTIONS = {
    "id": "VARCHAR", "article_id": "VARCHAR", "main": "BOOLEAN", "date": "VARCHAR",
    "date_precision": "VARCHAR", "type": "VARCHAR", "acled_event_type": "VARCHAR",
    "acled_sub_event_type": "VARCHAR", "gtd_attack_type": "VARCHAR", "venue": "VARCHAR",
    "city": "VARCHAR", "admin1": "VARCHAR", "country": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE",
    "record": "VARCHAR",
}
FIGURE_CLAIMS = {
    "mention_id": "VARCHAR", "article_id": "VARCHAR", "category": "VARCHAR", "low": "BIGINT",
    "high": "BIGINT", "qualifier": "VARCHAR", "attribution": "VARCHAR", "attribution_kind": "VARCHAR",
    "scope": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "text": "VARCHAR", "sentence": "VARCHAR",
}
INCIDENTS = {
    "id": "VARCHAR", "main": "BOOLEAN", "date": "VARCHAR", "date_precision": "VARCHAR", "type": "VARCHAR",
    "acled_event_type": "VARCHAR", "acled_sub_event_type": "VARCHAR", "gtd_attack_type": "VARCHAR",
    "venue": "VARCHAR", "city": "VARCHAR", "admin2": "VARCHAR", "admin1": "VARCHAR", "country": "VARCHAR",
    "country_code": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE", "killed_best": "BIGINT",
    "injured_best": "BIGINT", "n_sources": "INTEGER", "n_independent": "INTEGER", "title": "VARCHAR",
    "updated_at": "VARCHAR", "record": "VARCHAR",
}
INCIDENT_MEMBERS = {
    "incident_id": "VARCHAR", "mention_id": "VARCHAR", "article_id": "VARCHAR", "relation": "VARCHAR",
    "of_article": "VARCHAR",
}

#: What ``sitrep watch`` knows of each feed: its validators for a conditional GET and its backoff.
FEEDS = {
    "url": "VARCHAR", "etag": "VARCHAR", "last_modified": "VARCHAR", "last_polled": "VARCHAR",
    "next_poll": "VARCHAR", "failures": "INTEGER", "last_status": "VARCHAR", "last_error": "VARCHAR",
    "articles": "INTEGER",
}

#: The corpus statistics linking weighs words and lines by (``sitrep.link.stats``), kept as counts
#: over every stored article: how many hold each word and each line, and which articles hold a word
#: that at most ``RARE_DF`` of them hold (``store.linkstats``).
LINK_WORDS = {"word": "VARCHAR", "df": "BIGINT"}
LINK_LINES = {"line": "VARCHAR", "df": "BIGINT"}
LINK_POSTINGS = {"word": "VARCHAR", "article_id": "VARCHAR"}

TABLES = {
    "articles": ARTICLES, "article_ids": ARTICLE_IDS, "reports": REPORTS, "event_mentions": EVENT_MENTIONS,
    "figure_claims": FIGURE_CLAIMS, "incidents": INCIDENTS, "incident_members": INCIDENT_MEMBERS,
    "feeds": FEEDS, "link_words": LINK_WORDS, "link_lines": LINK_LINES, "link_postings": LINK_POSTINGS,
}
_KEYS = {"articles": "id", "article_ids": "external_id", "reports": "article_id", "event_mentions": "id",
         "incidents": "id", "feeds": "url", "link_words": "word", "link_lines": "line"}
_NOT_NULL = {"articles": ("text", "record"), "reports": ("record",), "incidents": ("record",),
             "event_mentions": ("article_id", "record"), "article_ids": ("article_id",)}


def insert(con, table: str, data: list[tuple]) -> None:
    """Insert many rows at once: one list per column, unnested (executemany is ~100x slower)."""
    if not data:
        return
    types = TABLES[table]
    cols = [list(c) for c in zip(*data, strict=True)]
    select = ", ".join(f"unnest(${i + 1}::{t}[])" for i, t in enumerate(types.values()))
    names = ", ".join(f'"{n}"' for n in types)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {select}", cols)


def _create(table: str) -> str:
    cols = []
    for name, typ in TABLES[table].items():
        col = f'"{name}" {typ}'
        if _KEYS.get(table) == name:
            col += " PRIMARY KEY"
        elif name in _NOT_NULL.get(table, ()):
            col += " NOT NULL"
        cols.append(col)
    return f"CREATE TABLE {table} ({', '.join(cols)});"


# The first schema's tables, frozen: later tables come with their own migration.
V1_TABLES = ("articles", "article_ids", "reports", "event_mentions", "figure_claims", "incidents",
             "incident_members")

#: Counters of the store's own bookkeeping (not records): ``reports_generation`` goes up with every
#: change to the reports, ``linked_generation`` is the generation the stored incidents were linked
#: from. They differ when a run was interrupted between extracting and linking: the next run relinks.
STATE_KEYS = ("reports_generation", "linked_generation")
#: ... and ``link_documents``, how many articles the link statistics count (schema version 4 on).
LINK_TABLES = ("link_words", "link_lines", "link_postings")

MIGRATIONS: list[str] = [
    # 1: the first schema
    "\n".join(_create(t) for t in V1_TABLES),
    # 2: feed state for `sitrep watch`
    _create("feeds"),
    # 3: the bookkeeping that lets an interrupted run be finished by the next one
    "CREATE TABLE store_state (key VARCHAR PRIMARY KEY, value BIGINT NOT NULL);\n"
    + "\n".join(f"INSERT INTO store_state VALUES ('{k}', 0);" for k in STATE_KEYS),
    # 4: the link statistics (counted from the stored articles by ``linkstats.backfill`` as it runs)
    "\n".join(_create(t) for t in LINK_TABLES) + "\nINSERT INTO store_state VALUES ('link_documents', 0);",
]

#: Python steps run after a migration's SQL, in its transaction: version -> fn(con, insert).
AFTER: dict[int, Callable[[Any, Callable[..., None]], None]] = {4: linkstats.backfill}

#: The schema version this code writes and reads.
VERSION = len(MIGRATIONS)


def current_version(con) -> int:
    """The file's schema version: 0 for an empty file; SchemaError for a database that is not ours."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    if "schema_migrations" not in tables:
        if tables:
            raise SchemaError(
                f"the database holds tables ({', '.join(sorted(tables)[:5])}) but no Sitrep schema; "
                "it is not a Sitrep database (use another --db / SITREP_DB file)")
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def check(version: int, path: str) -> None:
    """Refuse a file written by a newer Sitrep."""
    if version > VERSION:
        raise SchemaError(
            f"{path}: schema version {version} is newer than this Sitrep understands ({VERSION}); "
            "upgrade Sitrep, or use another --db / SITREP_DB file")


def migrate(con, path: str) -> int:
    """Apply every pending migration, each in its own transaction; return the version reached."""
    version = current_version(con)
    check(version, path)
    if version == 0:
        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                    "applied_at VARCHAR NOT NULL)")
    for v in range(version + 1, VERSION + 1):
        log.info("migrating %s to schema version %d", path, v)
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(MIGRATIONS[v - 1])
            if v in AFTER:
                AFTER[v](con, insert)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)",
                        [v, datetime.now(UTC).isoformat(timespec="seconds")])
            con.execute("COMMIT")
        except duckdb.Error as e:
            con.execute("ROLLBACK")
            raise SchemaError(f"{path}: upgrading the schema to version {v} failed and was undone (the file "
                              f"is unchanged at version {v - 1}): {e}; please report this") from e
    return max(version, VERSION)
