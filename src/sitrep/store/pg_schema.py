"""The Postgres twin of ``schema``: the same tables, column for column, and the same version numbers.

``MIGRATIONS[i]`` takes a Postgres database from version ``i`` to ``i + 1``, as
``schema.MIGRATIONS[i]`` does a DuckDB file; a test checks that both back-ends reach the same
tables and columns. Column types come from ``schema.TABLES`` (DuckDB's names), mapped where
Postgres spells them differently. Postgres also gets the indexes its planner needs for the
store's lookups by article and incident (DuckDB scans those columns fast without them).

Migrations run under an advisory lock, so two processes opening a new database at once apply
each migration once.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime

from sitrep.errors import SchemaError
from sitrep.store import schema

log = logging.getLogger(__name__)

_TYPES = {"DOUBLE": "DOUBLE PRECISION"}
#: pg_advisory_lock key held while migrating (any constant unlikely to clash with another application).
MIGRATE_LOCK = 0x5177_0001


def pg_type(duckdb_type: str) -> str:
    return _TYPES.get(duckdb_type, duckdb_type)


def _create(table: str, columns: dict[str, str]) -> str:
    cols = []
    for name, typ in columns.items():
        col = f'"{name}" {pg_type(typ)}'
        if schema._KEYS.get(table) == name:
            col += " PRIMARY KEY"
        elif name in schema._NOT_NULL.get(table, ()):
            col += " NOT NULL"
        cols.append(col)
    return f"CREATE TABLE {table} ({', '.join(cols)});"



MIGRATIONS: list[str] = [
    # 1: the first schema, plus the indexes behind lookups by article and incident
    "\n".join(_create(t, schema.TABLES[t]) for t in schema.V1_TABLES) + """
CREATE INDEX articles_ingested ON articles (ingested_at, id);
CREATE INDEX article_ids_article ON article_ids (article_id);
CREATE INDEX event_mentions_article ON event_mentions (article_id);
CREATE INDEX figure_claims_article ON figure_claims (article_id);
CREATE INDEX incident_members_incident ON incident_members (incident_id);
CREATE INDEX incident_members_article ON incident_members (article_id);
CREATE INDEX incidents_date ON incidents (date DESC NULLS LAST, id);
""",
    # 2: feed state for `sitrep watch`
    _create("feeds", schema.FEEDS),
    # 3: the bookkeeping that lets an interrupted run be finished by the next one (as DuckDB's)
    schema.MIGRATIONS[2],
    # 4: the link statistics (as DuckDB's), with the indexes behind a block's postings lookups
    "\n".join(_create(t, schema.TABLES[t]) for t in schema.LINK_TABLES) + """
INSERT INTO store_state VALUES ('link_documents', 0);
CREATE INDEX link_postings_word ON link_postings (word);
CREATE INDEX link_postings_article ON link_postings (article_id);
""",
]


def _copy(con, table: str, data: list[tuple]) -> None:
    if data:
        con.copy_rows(table, data)

VERSION = len(MIGRATIONS)


def current_version(con) -> int:
    """The database's schema version in the current schema (search_path): 0 when it holds no tables."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").fetchall()}
    if "schema_migrations" not in tables:
        if tables:
            raise SchemaError(
                f"the database holds tables ({', '.join(sorted(tables)[:5])}) but no Sitrep schema; "
                "it is not a Sitrep database (give another database or schema in --db / SITREP_DB)")
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(con, where: str) -> int:
    """Apply every pending migration, each in its own transaction, under the migration lock."""
    con.execute("SELECT pg_advisory_lock(?)", [MIGRATE_LOCK])
    try:
        version = current_version(con)
        check(version, where)
        for v in range(version + 1, VERSION + 1):
            log.info("migrating %s to schema version %d", where, v)
            try:
                with con.transaction():
                    if v == 1:
                        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                                    "(version INTEGER PRIMARY KEY, applied_at VARCHAR NOT NULL)")
                    con.execute(MIGRATIONS[v - 1])
                    if v in schema.AFTER:
                        schema.AFTER[v](con, _copy)
                    con.execute("INSERT INTO schema_migrations VALUES (?, ?)",
                                [v, datetime.now(UTC).isoformat(timespec="seconds")])
            except Exception as e:
                if not _is_db_error(e):
                    raise
                raise SchemaError(f"{where}: upgrading the schema to version {v} failed and was undone "
                                  f"(the database is unchanged at version {v - 1}): {e}; "
                                  "please report this") from e
        return max(version, VERSION)
    finally:
        con.execute("SELECT pg_advisory_unlock(?)", [MIGRATE_LOCK])


def check(version: int, where: str) -> None:
    if version > VERSION:
        raise SchemaError(
            f"{where}: schema version {version} is newer than this Sitrep understands ({VERSION}); "
            "upgrade Sitrep, or use another database")


def _is_db_error(e: Exception) -> bool:
    import psycopg

    return isinstance(e, psycopg.Error)
