"""The Postgres store: same schema as DuckDB, many writers and readers at once, block locks, clear errors.

The whole of tests/test_store.py also runs on Postgres (``conftest.any_store``); these tests are what
only a server store has. They need a real server (SITREP_TEST_POSTGRES) and are marked slow.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import duckdb
import pytest

from linkstream import stream
from sitrep.errors import StoreError
from sitrep.records import Article, Report
from sitrep.store import Store, open_store, pg_schema, schema

pytestmark = pytest.mark.slow


def _articles(n: int, tag: str) -> list[Article]:
    return [Article.from_text(f"Writer {tag} item {i}: a bridge collapsed over the river near Kelvale.",
                              published="2024-05-01") for i in range(n)]


def _columns_duckdb() -> dict[str, list[tuple[str, str]]]:
    con = duckdb.connect(":memory:")
    schema.migrate(con, ":memory:")
    out: dict[str, list[tuple[str, str]]] = {}
    for t, c, typ in con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                                 "WHERE table_schema = 'main' "
                                 "ORDER BY table_name, ordinal_position").fetchall():
        out.setdefault(t, []).append((c, typ))
    con.close()
    return out


def test_pg_schema_matches_duckdb(pg_url):
    import psycopg

    with open_store(pg_url) as s:
        assert s.schema_version() == pg_schema.VERSION == schema.VERSION
    with psycopg.connect(pg_url) as con:
        data = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                           "WHERE table_schema = current_schema() "
                           "ORDER BY table_name, ordinal_position").fetchall()
    pg: dict[str, list[tuple[str, str]]] = {}
    for t, c, typ in data:
        pg.setdefault(t, []).append((c, typ))
    duck = _columns_duckdb()
    assert set(pg) == set(duck)
    same = {"VARCHAR": "character varying", "BOOLEAN": "boolean", "DOUBLE": "double precision",
            "BIGINT": "bigint", "INTEGER": "integer"}
    for table, cols in duck.items():
        assert [c for c, _ in pg[table]] == [c for c, _ in cols], table
        assert [t for _, t in pg[table]] == [same[t] for _, t in cols], table


def test_pg_two_stores_migrate_once(pg_url):
    import psycopg

    with ThreadPoolExecutor(3) as pool:
        stores = list(pool.map(lambda _: open_store(pg_url), range(3)))
    for s in stores:
        s.close()
    with psycopg.connect(pg_url) as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    assert versions == list(range(1, pg_schema.VERSION + 1))


def test_pg_refuses_newer_schema_and_foreign_tables(pg_url):
    import psycopg

    open_store(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("INSERT INTO schema_migrations VALUES (%s, 'later')", [pg_schema.VERSION + 1])
    with pytest.raises(StoreError, match="newer than this Sitrep"):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("DROP TABLE schema_migrations")
    with pytest.raises(StoreError, match="not a Sitrep database"):
        open_store(pg_url)


def test_pg_bad_url_names_it_without_password():
    pytest.importorskip("psycopg_pool", reason="the Postgres store is an extra: pip install 'sitrep[scale]'")
    with pytest.raises(StoreError) as e:
        open_store("postgresql://someone:s3cret@127.0.0.1:1/nowhere", lock_timeout=2)
    msg = str(e.value)
    assert "cannot connect to Postgres" in msg and "127.0.0.1:1/nowhere" in msg and "s3cret" not in msg


def test_pg_concurrent_writers_lose_nothing(pg_url):
    """Eight threads, each its own store (own pool), write overlapping batches at once."""
    shared = _articles(5, "shared")

    def write(tag: int) -> int:
        with open_store(pg_url) as s:
            for k in range(4):
                s.add_articles(_articles(10, f"{tag}-{k}") + shared)
        return tag

    with ThreadPoolExecutor(8) as pool:
        assert sorted(pool.map(write, range(8))) == list(range(8))
    with open_store(pg_url) as s:
        assert s.count_articles() == 8 * 4 * 10 + 5  # each shared article once, nothing lost


def test_pg_readers_see_whole_batches(pg_url):
    """While one writer adds batches of 50, readers only ever see multiples of 50."""
    with open_store(pg_url) as w:
        w.add_articles(_articles(50, "first"))
    seen: list[int] = []
    stop = threading.Event()

    def read() -> None:
        with open_store(pg_url, read_only=True) as r:
            while not stop.is_set():
                seen.append(r.count_articles())

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    with open_store(pg_url) as w:
        for k in range(6):
            w.add_articles(_articles(50, f"batch{k}"))
    stop.set()
    for t in readers:
        t.join()
    assert seen and all(n % 50 == 0 for n in seen)
    assert max(seen) <= 350


def test_pg_failed_batch_leaves_nothing(pg_url):
    with open_store(pg_url) as s:
        a = _articles(1, "x")[0]
        s.add_articles([a])
        before = s.stats()
        with pytest.raises(StoreError, match="add the articles first"):
            s.save_reports([Report(article_id=a.id), Report(article_id="aunknown")])
        assert s.stats() == before


def test_pg_read_only_refuses_writes(pg_url):
    open_store(pg_url).close()
    with open_store(pg_url, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.add_articles(_articles(1, "ro"))


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_store_linking_locks_overlapping_blocks(backend, request, tmp_path):
    """Two linkers of one block take turns; on Postgres, disjoint blocks link side by side."""
    url = request.getfixturevalue("pg_url") if backend == "postgres" else str(tmp_path / "s.duckdb")
    a, b = open_store(url), open_store(url)
    events: list[str] = []

    def hold(store, keys, name: str) -> None:
        with store.linking(keys):
            events.append(f"{name} in")
            time.sleep(0.4)
            events.append(f"{name} out")

    try:
        t1 = threading.Thread(target=hold, args=(a, ["2024-05:kelvale", "2024-06:x"], "one"))
        t1.start()
        time.sleep(0.1)
        hold(b, ["2024-05:kelvale"], "two")
        t1.join()
        assert events == ["one in", "one out", "two in", "two out"]
        if backend == "postgres":
            events.clear()
            t1 = threading.Thread(target=hold, args=(a, ["2024-07:a"], "one"))
            t1.start()
            time.sleep(0.1)
            hold(b, ["2024-08:b"], "two")
            t1.join()
            assert events[:2] == ["one in", "two in"]
    finally:
        a.close()
        b.close()


def test_duckdb_file_store_is_still_a_store(tmp_path):
    assert type(open_store(str(tmp_path / "s.duckdb"))) is Store
    assert type(open_store(":memory:")) is Store


def test_pg_pipeline_and_server_match_duckdb(pg_url, tmp_path, nlp):
    """The seeds through the real pipeline into Postgres: the same incidents as DuckDB, served over HTTP."""
    from importlib import resources

    from fastapi.testclient import TestClient

    from sitrep.api import create_app
    from sitrep.pipeline import Pipeline

    seeds = str(resources.files("sitrep") / "data" / "seeds")
    got = {}
    for name, db in (("duckdb", str(tmp_path / "s.duckdb")), ("postgres", pg_url)):
        with open_store(db) as s:
            Pipeline(s).ingest([seeds])
            Pipeline(s).process()
            got[name] = [i.to_dict() for i in s.incidents(main_only=False, limit=None)]
    assert got["postgres"] == got["duckdb"] and got["duckdb"]
    main = next(i for i in got["postgres"] if i["main"])
    client = TestClient(create_app(pg_url))
    listed = client.get("/api/v1/incidents").json()
    assert main["id"] in {i["id"] for i in listed["items"]}
    assert client.get(f"/incidents/{main['id']}.json").status_code == 200


def test_pg_incremental_linking_matches_duckdb(pg_url):
    """Incremental linking reads its blocks through the same SQL on both back-ends: same incidents."""
    from sitrep.pipeline import Pipeline

    arts, reps = stream(400, seed=4)
    got = []
    for db in (":memory:", pg_url):
        with open_store(db) as s:
            for lo in range(0, 400, 100):
                s.add_articles(arts[lo:lo + 100])
                s.save_reports(reps[lo:lo + 100])
                Pipeline(s).link([r.article_id for r in reps[lo:lo + 100]])
            got.append({i.id: i.to_dict() for i in s.incidents(main_only=False, limit=None)})
    assert got[0] == got[1] and len(got[0]) > 50


def test_pg_without_psycopg_says_how_to_get_it(monkeypatch):
    """Without the extra installed, a postgresql:// URL is a clear error naming the fix."""
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(StoreError, match=r"needs psycopg 3.*pip install 'sitrep\[scale\]'"):
        open_store("postgresql://someone@127.0.0.1:1/nowhere")
