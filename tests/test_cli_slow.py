"""The CLI end to end with the real model: a text over spaCy's max_length, the demo beside a user's
database, two ingests on one file while a server reads it. Slow."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

import newsgen
from sitrep.store import Store
from storestate import content

pytestmark = pytest.mark.slow


def sitrep(*args, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "COLUMNS": "300", **(env or {})})


def test_cli_a_text_over_a_million_characters_is_read_up_to_max_chars(tmp_path):
    para = "Gunmen attacked a market in Velmora on Tuesday, killing 7 people and wounding 12, police said."
    long = tmp_path / "long.txt"
    long.write_text("Market attack in Velmora\n\n" + "\n\n".join([para] * 11_500), encoding="utf-8")
    assert long.stat().st_size > 1_000_000
    db = tmp_path / "long.duckdb"
    r = sitrep("--db", db, "ingest", long, env={"SITREP_MAX_CHARS": "20000"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr and "E088" not in r.stderr and "extraction failed" not in r.stderr
    with Store(db) as s:
        (rep,) = s.reports()
        assert rep.kind != "failed" and rep.main is not None and rep.main.best("killed") == 7
    # and the database is not wedged: the next ingest goes through
    (tmp_path / "next.txt").write_text("A bomb killed three soldiers in Ostrand on Friday, the army said.\n")
    r = sitrep("--db", db, "ingest", tmp_path / "next.txt")
    assert r.returncode == 0 and "extracted 1 article(s)" in r.stderr, r.stderr[-2000:]


def test_cli_demo_leaves_the_users_database_alone(tmp_path):
    mine = tmp_path / "mine.duckdb"
    (tmp_path / "other.txt").write_text("A bomb killed three soldiers in Ostrand on Friday, the army said.\n")
    assert sitrep("--db", mine, "ingest", tmp_path / "other.txt").returncode == 0
    before = content(mine)
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg"), "SITREP_DB": str(mine)}
    r = sitrep("demo", env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert content(mine) == before
    demo_db = tmp_path / "xdg" / "sitrep" / "demo.duckdb"
    assert f"Database: {demo_db}" in r.stdout and "yours is untouched" in r.stdout
    with Store(demo_db) as s:
        seeds = {i.id for i in s.incidents(limit=None)}
    listed = {w for w in r.stdout.split() if w.startswith("i") and len(w) == 13}
    assert listed == seeds and len(seeds) == 1
    # run again: a fresh demo database, the same table
    again = sitrep("demo", env=env)
    assert again.returncode == 0 and again.stdout == r.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_two_ingests_on_one_file_while_a_server_reads_it(tmp_path):
    db = tmp_path / "shared.duckdb"
    newsgen.write(tmp_path / "a", 50)
    newsgen.write(tmp_path / "b", 50, start=50)
    Store(db).close()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "--db", str(db), "serve",
                               "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    answers: list[int] = []
    stop = threading.Event()

    def read_all_the_time():
        while not stop.is_set():
            for path in ("/api/v1/incidents", "/incidents.json", "/api/v1/articles"):
                try:
                    answers.append(httpx.get(base + path, timeout=30).status_code)
                except httpx.HTTPError:
                    answers.append(-1)
            time.sleep(0.1)

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(base + "/api/v1/incidents", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
            time.sleep(0.3)
        reader = threading.Thread(target=read_all_the_time, daemon=True)
        reader.start()
        env = {**os.environ, "COLUMNS": "300"}
        runs = [subprocess.Popen([sys.executable, "-m", "sitrep.cli", "--db", str(db), "ingest",
                                  str(tmp_path / part)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 text=True, env=env) for part in ("a", "b")]
        logs = [p.communicate(timeout=900)[1] for p in runs]
        stop.set()
        reader.join(timeout=60)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=60)
    assert [p.returncode for p in runs] == [0, 0], [log[-2000:] for log in logs]
    assert all("Traceback" not in log for log in logs)
    # the readers were answered all along, and always with data
    assert len(answers) >= 10 and set(answers) == {200}, sorted(set(answers))
    with Store(db) as s:
        h = s.health()
        assert h["articles"] == 100 and h["unextracted"] == 0 and not h["failed"]
        assert h["unlinked_mentions"] == 0 and not s.link_needed()
        assert len(s.reports()) == 100
        linked = {a for i in s.incidents(main_only=False, limit=None) for a in i.article_ids}
        assert linked <= {a.id for a in s.articles()}
    r = sitrep("--db", db, "check")
    assert r.returncode == 0 and "nothing to repair" in r.stderr
