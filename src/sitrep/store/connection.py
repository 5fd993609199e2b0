"""Short-lived DuckDB connections: retry while another process holds the file, clear errors otherwise.

DuckDB lets one process open a file read-write, or many open it read-only, never both. Sitrep
therefore opens a connection per operation and closes it at once, so that a reader waits at most
one write batch. Inside one process, connections to the same file are serialized by a lock,
because DuckDB also refuses a read-only and a read-write connection to one file side by side.
"""
from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from sitrep.errors import StoreError, StoreLocked

log = logging.getLogger(__name__)

# Never reach for the network: a stray SQLite file would otherwise make DuckDB download sqlite_scanner.
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False, "autoload_known_extensions": False}

_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def _process_lock(path: str) -> threading.RLock:
    with _locks_guard:
        return _locks.setdefault(os.path.realpath(path), threading.RLock())


def _is_lock_error(e: Exception) -> bool:
    msg = str(e).lower()
    return "lock" in msg and ("conflicting" in msg or "could not set" in msg)


def locked_message(path: str) -> str:
    return (f"{path}: the database is in use by another sitrep process (another sitrep process is writing "
            "to it, or reading while this one writes); try again shortly")


def open_connection(path: str, *, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    """Open ``path``, retrying with backoff while another process holds its lock."""
    deadline = time.monotonic() + max(lock_timeout, 0.0)
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=CONFIG)
        except duckdb.Error as e:
            if _is_lock_error(e):
                now = time.monotonic()
                if now >= deadline:
                    raise StoreLocked(locked_message(path)) from e
                log.debug("%s is locked; retrying in %.2fs", path, delay)
                time.sleep(min(delay, deadline - now))
                delay = min(delay * 2, 0.5) * (0.8 + 0.4 * random.random())
                continue
            if "not a valid duckdb database" in str(e).lower() or "extension" in str(e).lower():
                raise StoreError(
                    f"{path}: not a DuckDB database file; give another file with --db or SITREP_DB "
                    "(Sitrep creates it), or move this one away") from e
            raise StoreError(f"{path}: cannot open the database: {e}") from e


@contextmanager
def connection(path: str, *, read_only: bool, lock_timeout: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection for one operation, closed (and the file's lock released) on exit."""
    lock = _process_lock(path)
    start = time.monotonic()
    if not lock.acquire(timeout=max(lock_timeout, 0.0)):
        raise StoreLocked(locked_message(path))
    try:
        left = lock_timeout - (time.monotonic() - start)
        con = open_connection(path, read_only=read_only, lock_timeout=left)
        try:
            yield con
        finally:
            con.close()
    finally:
        lock.release()
