"""A second process holding the file: readers wait or get a clear StoreLocked; data stays whole."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from sitrep.errors import StoreLocked
from sitrep.records import Article
from sitrep.store import Store

# Holds a write transaction open on the file for `hold` seconds, then commits one more article.
WRITER = textwrap.dedent("""
    import sys, time
    from sitrep.records import Article
    from sitrep.store import Store
    from sitrep.store.rows import article_row
    path, hold = sys.argv[1], float(sys.argv[2])
    store = Store(path)
    if len(sys.argv) > 3:  # a reader holding a read-only connection
        with store._connect(read_only=True) as con:
            con.execute("SELECT count(*) FROM articles").fetchall()
            print("holding", flush=True)
            time.sleep(hold)
        sys.exit(0)
    with store._write("test batch") as con:
        a = Article.from_text("Written by the other process while holding the lock.")
        store._insert(con, "articles", [article_row(a, "2024-01-01")])
        print("holding", flush=True)
        time.sleep(hold)
    print("done", flush=True)
""")


def _hold(path, seconds: float, *, reader: bool = False) -> subprocess.Popen:
    args = [sys.executable, "-c", WRITER, str(path), str(seconds)] + (["read"] if reader else [])
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.strip() == "holding", f"writer did not start: {line!r}"
    return proc


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "shared.duckdb"
    with Store(path) as s:
        s.add_articles([Article.from_text("An earlier article about a storm.")])
    return path


def test_store_locked_reader_gets_clear_message(db):
    proc = _hold(db, 1.5)
    try:
        start = time.monotonic()
        with pytest.raises(StoreLocked) as e:
            Store(db, read_only=True, lock_timeout=0.3)
        assert time.monotonic() - start < 1.2
        msg = str(e.value)
        assert str(db) in msg and "another sitrep process" in msg and "try again" in msg
    finally:
        proc.wait(timeout=30)


def test_store_locked_reader_waits_for_writer(db):
    proc = _hold(db, 1.0)
    try:
        with Store(db, read_only=True, lock_timeout=20) as s:
            texts = [a.text for a in s.articles()]
    finally:
        proc.wait(timeout=30)
    # The reader only got in after the writer committed, so it sees the writer's article.
    assert len(texts) == 2


def test_store_locked_writer_times_out_without_damage(db):
    store = Store(db, lock_timeout=0.3)  # opened before the other process takes the lock
    before = store.stats()["articles"]
    proc = _hold(db, 1.5)
    try:
        with pytest.raises(StoreLocked, match="another sitrep process"):
            store.add_articles([Article.from_text("This write must not happen.")])
    finally:
        proc.wait(timeout=30)
    with Store(db) as s1:
        assert s1.stats()["articles"] == before + 1  # only the other process's article
        assert all("must not happen" not in a.text for a in s1.articles())


def test_store_writer_waits_for_reader_process(db):
    proc = _hold(db, 1.0, reader=True)
    try:
        with Store(db, lock_timeout=20) as s:
            s.add_articles([Article.from_text("Written once the reader let go.")])
            assert s.stats()["articles"] == 2
    finally:
        proc.wait(timeout=30)
