"""The lock a DuckDB store's relink holds: a lock file beside the database, so two processes take turns.

Postgres stores use advisory locks instead (``postgres.PostgresStore.linking``).
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sitrep.errors import StoreLocked

_memory = threading.Lock()


@contextmanager
def file_lock(path: str | None, *, timeout: float) -> Iterator[None]:
    """An exclusive lock on ``path`` (created if need be) for the block; None: a lock within this process."""
    if path is None:
        if not _memory.acquire(timeout=timeout):
            raise StoreLocked("an in-memory store is being relinked by another thread; try again")
        try:
            yield
        finally:
            _memory.release()
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreLocked(f"{path}: another sitrep process is linking this database; what "
                                      "this run stored is kept, and the next `sitrep ingest` or "
                                      "`sitrep check` links it; try again when the other is done") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
