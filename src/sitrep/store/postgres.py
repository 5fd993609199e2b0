"""The store on a Postgres server: ``--db postgresql://user@host/dbname`` (the ``scale`` extra).

``PostgresStore`` is ``Store`` with another engine underneath: every query method is the DuckDB
store's own (its SQL is written to run on both), while connections come from a psycopg 3 pool,
bulk writes go through ``COPY``, and migrations are ``pg_schema``'s. A URL's ``options`` select a
schema (``?options=-csearch_path%3Dnewsdesk``), so one server can hold several stores.

Several processes and threads may read and write at once:

- each write method is one transaction that first takes a transaction-scoped advisory lock, so
  write batches from many writers apply one after another, each whole or not at all (as on
  DuckDB); a writer that waits more than ``lock_timeout`` seconds gets ``StoreLocked``;
- readers never wait for writers (Postgres' snapshots): a reader sees each batch entirely or not;
- ``linking(keys)`` holds session advisory locks on the blocks a relink reads and rewrites, so two
  processes linking overlapping blocks take turns while disjoint blocks link side by side.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sitrep.errors import StoreError, StoreLocked
from sitrep.store import Store, pg_schema, schema

__all__ = ["PostgresStore", "is_postgres_url", "redact"]

log = logging.getLogger(__name__)

#: Transaction-scoped advisory lock every write batch takes first.
WRITE_LOCK = 0x5177_0002
#: Namespace of the session locks ``linking`` takes (one per block key).
LINK_NAMESPACE = 0x5177


def is_postgres_url(db: object) -> bool:
    return isinstance(db, str) and db.lower().startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password, for messages and ``Store.path``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _dialect(sql: str) -> str:
    """DuckDB's ``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled first)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """A psycopg connection that takes the DuckDB store's SQL (``?`` placeholders) and bulk rows."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any):
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] | None = None):
        return self.raw.execute(_dialect(sql), list(params) if params is not None else [])

    def transaction(self):
        return self.raw.transaction()

    def copy_rows(self, table: str, data: Iterable[tuple]) -> None:
        names = ", ".join(f'"{n}"' for n in schema.TABLES[table])
        with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in data:
                copy.write_row(row)


def _psycopg():
    try:
        import psycopg
        import psycopg_pool
    except ImportError as e:  # an optional dependency: say how to get it
        raise StoreError("a postgresql:// database needs psycopg 3 and psycopg-pool: "
                         "pip install 'sitrep[scale]' (or give a DuckDB file with --db)") from e
    return psycopg, psycopg_pool


def _key(block: str) -> int:
    """A block key as the second int4 of a two-key advisory lock."""
    return int.from_bytes(hashlib.blake2b(block.encode(), digest_size=4).digest(), "big", signed=True)


class PostgresStore(Store):
    """Sitrep's records in a Postgres database, shared by many processes."""

    #: Connections are pooled and each thread gets its own: the server needs no lock around reads.
    concurrent = True

    def __init__(self, url: str, *, read_only: bool = False, lock_timeout: float = 10.0,
                 pool_size: int = 8):
        psycopg, psycopg_pool = _psycopg()
        self.url = url
        self.path = redact(url)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self._memory = None
        self._closed = False
        self._local = threading.local()
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=max(int(lock_timeout), 2)) as raw:
                con = _Connection(raw)
                self._version = pg_schema.current_version(con)
                pg_schema.check(self._version, self.path)
                if self._version < pg_schema.VERSION:
                    self._version = pg_schema.migrate(con, self.path)
        except psycopg.OperationalError as e:
            raise StoreError(f"{self.path}: cannot connect to Postgres ({str(e).strip()}); check the URL, "
                             "that the server is running and that the user may log in") from e
        except psycopg.Error as e:
            raise StoreError(f"{self.path}: cannot open the database: {e}") from e
        self._pool = psycopg_pool.ConnectionPool(url, min_size=1, max_size=max(pool_size, 1),
                                                 kwargs={"autocommit": True}, timeout=lock_timeout,
                                                 open=True, name="sitrep")

    # --- connections ------------------------------------------------------------------------------

    @contextmanager
    def _connect(self, *, read_only: bool | None = None) -> Iterator[Any]:
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        held = getattr(self._local, "con", None)
        if held is not None:  # inside this thread's write transaction: read what it wrote
            yield held
            return
        _psycopg_mod, psycopg_pool = _psycopg()
        try:
            with self._pool.connection() as raw:
                yield _Connection(raw)
        except psycopg_pool.PoolTimeout as e:
            raise StoreLocked(f"{self.path}: no free database connection within {self.lock_timeout:g} s "
                              "(the server is busy or unreachable); try again shortly") from e

    @contextmanager
    def _write(self, what: str) -> Iterator[Any]:
        """One transaction behind the write lock: committed on success, rolled back on any error."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot write {what}")
        psycopg, _pool = _psycopg()
        with self._connect() as con:
            try:
                with con.transaction():
                    con.execute(f"SET LOCAL lock_timeout = '{int(self.lock_timeout * 1000)}ms'")
                    con.execute("SELECT pg_advisory_xact_lock(?)", [WRITE_LOCK])
                    self._local.con = con
                    try:
                        yield con
                    finally:
                        self._local.con = None
            except psycopg.errors.LockNotAvailable as e:
                raise StoreLocked(f"{self.path}: another writer held the store for more than "
                                  f"{self.lock_timeout:g} s; nothing was written; try again shortly") from e
            except psycopg.Error as e:
                raise StoreError(f"{self.path}: could not write {what} (nothing was written): {e}") from e

    @staticmethod
    def _insert(con: Any, table: str, data: list[tuple]) -> None:
        """Bulk rows through COPY (one round trip per batch)."""
        if data:
            con.copy_rows(table, data)

    @contextmanager
    def linking(self, keys: Iterable[str] = ("all",)) -> Iterator[None]:
        """Hold the advisory locks of these blocks (sorted, so two linkers never deadlock) until exit.

        ``("all",)``, a full relink, takes the whole-store lock alone; a block's linker takes it
        shared, then its blocks' locks: blocks link side by side, never beside a full relink."""
        psycopg, _pool = _psycopg()
        keys = list(keys)
        whole = keys == ["all"]
        ids = sorted({_key(k) for k in keys if k != "all"})
        with self._connect() as con:
            try:
                con.execute(f"SET lock_timeout = '{int(max(self.lock_timeout, 60) * 1000)}ms'")
                take = "pg_advisory_lock" if whole else "pg_advisory_lock_shared"
                con.execute(f"SELECT {take}(?, ?)", [LINK_NAMESPACE, _key("all")])
                for k in ids:
                    con.execute("SELECT pg_advisory_lock(?, ?)", [LINK_NAMESPACE, k])
            except psycopg.errors.LockNotAvailable as e:
                con.execute("SELECT pg_advisory_unlock_all()")
                raise StoreLocked(f"{self.path}: another process is linking the same incidents; "
                                  "try again when it is done") from e
            try:
                yield
            finally:
                con.execute("SELECT pg_advisory_unlock_all()")
                con.execute("RESET lock_timeout")

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._pool.close()

    def __repr__(self) -> str:
        return f"PostgresStore({self.path!r}{', read_only=True' if self.read_only else ''})"

    def schema_version(self) -> int:
        with self._connect() as con:
            return pg_schema.current_version(con)
