"""The CLI's traps: row limits said, dates checked, settings read from the environment, messages
that recommend only what exists, the demo kept out of the user's database. Fast: no spaCy model
(the demo's run is in test_cli_slow.py)."""
from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.api import create_app
from sitrep.cli import app
from sitrep.ingest import read_sources
from sitrep.store import Store
from test_store import article, incident

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TEXTS = [f"Gunmen attacked the market of Velmora number {i} on Monday, killing {i + 2} people."
         for i in range(5)]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    arts = [article(t) for t in TEXTS]
    with Store(path) as s:
        s.add_articles(arts)
        s.save_incidents([incident(f"inc{i:09d}", [a], killed=10 + i, date=f"2024-03-{10 + i}")
                          for i, a in enumerate(arts)])
    return path


def flat(output: str) -> str:
    """The words of an output, without the box rich draws around usage errors and its line wraps."""
    return " ".join(w for w in output.replace("│", " ").split() if w.strip("─╭╮╰╯"))


def cli(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env=env or {}, catch_exceptions=False)


def test_cli_incidents_says_when_it_stops_at_its_limit(db):
    r = cli("--db", db, "incidents", "--limit", "2")
    assert r.exit_code == 0
    assert "showing the first 2 of 5 incidents" in r.output and "--limit" in r.output
    r = cli("--db", db, "incidents", "--limit", "0")  # 0: all
    assert r.exit_code == 0 and "showing the first" not in r.output
    assert all(f"inc{i:09d}" in r.output for i in range(5))
    assert "showing the first" not in cli("--db", db, "incidents").output  # 5 of 5 under 50


@pytest.mark.parametrize("value", ["-1", "-50"])
def test_cli_negative_limit_is_a_usage_error_not_a_traceback(db, value):
    r = CliRunner().invoke(app, ["--db", str(db), "incidents", "--limit", value])
    assert r.exit_code == 2 and (r.exception is None or isinstance(r.exception, SystemExit))
    assert "Traceback" not in r.output and "'--limit'" in r.output
    assert "greater than or equal to 0" in flat(r.output)


def test_cli_limit_past_64_bits_is_a_clear_error(db):
    r = CliRunner().invoke(app, ["--db", str(db), "incidents", "--limit", str(10**30)])
    assert r.exit_code == 1 and "out of range" in flat(r.output) and "Traceback" not in r.output


@pytest.mark.parametrize("value", ["yesterday", "2024-13-01", "2024-02-30", "22/03/2024", "2024-3-5"])
def test_cli_invalid_since_and_until_are_refused(db, value):
    for option in ("--since", "--until"):
        r = CliRunner().invoke(app, ["--db", str(db), "incidents", option, value])
        assert r.exit_code == 2, r.output
        assert "is not a date" in flat(r.output) and "YYYY-MM-DD" in flat(r.output)


@pytest.mark.parametrize("value,expected", [("2024-03-12", 3), ("2024-03", 5), ("2024", 5)])
def test_cli_valid_since_dates_filter(db, value, expected):
    r = cli("--db", db, "incidents", "--since", value, "--json")
    assert r.exit_code == 0 and r.output.count('"id": "inc') == expected


def test_cli_allow_private_is_read_from_the_environment(tmp_path):
    """SITREP_ALLOW_PRIVATE, like every setting, is an environment variable too (README)."""
    (tmp_path / "page.txt").write_text("Three people were killed in Velmora on Monday, police said.\n")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(tmp_path), **k)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/page.txt"
    try:
        refused = cli("--db", tmp_path / "a.duckdb", "ingest", "--no-process", url)
        assert refused.exit_code == 1
        assert "non-public address 127.0.0.1" in refused.output
        assert "--allow-private" in refused.output and "SITREP_ALLOW_PRIVATE=1" in refused.output
        fetched = cli("--db", tmp_path / "a.duckdb", "ingest", "--no-process", url,
                      env={"SITREP_ALLOW_PRIVATE": "1"})
        assert fetched.exit_code == 0 and "stored" in fetched.output
    finally:
        server.shutdown()
    # and the options the message recommends exist on both commands
    for command in ("ingest", "serve"):
        assert "--allow-private" in cli(command, "--help").output


def test_cli_feed_item_without_text_recommends_an_option_that_exists(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Blast'
                    '</title><link>https://news.example/a</link></item></channel></rss>')
    (item,) = read_sources([str(feed)])
    assert "--fetch-links" in str(item.error)
    assert "--fetch-links" in cli("ingest", "--help").output


def test_cli_file_url_is_answered_as_one(tmp_path):
    (item,) = read_sources(["file:///etc/passwd"])
    assert "file:// URLs are not read" in str(item.error) and "sitrep ingest /etc/passwd" in str(item.error)
    (item,) = read_sources(["ftp://example.org/a.txt"])
    assert "unsupported URL scheme 'ftp'" in str(item.error)
    assert "no such file" in str(next(iter(read_sources([str(tmp_path / "missing.txt")]))).error)


def test_cli_mixed_folder_prints_one_line_per_bad_input_and_no_library_log(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text("Gunmen killed three people in Velmora on Monday, police said.\n")
    (folder / "empty.html").write_text("<html><body></body></html>")
    (folder / "broken.html").write_text("<html><head><title>t</title></head><body><div>")
    (folder / "bad.rss").write_text("garbage <rss")
    r = subprocess.run([sys.executable, "-m", "sitrep.cli", "--db", str(tmp_path / "m.duckdb"), "ingest",
                        "--no-process", str(folder)], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "COLUMNS": "400"})
    assert r.returncode == 1
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert not [ln for ln in lines if ln.startswith(("ERROR", "WARNING"))], r.stderr
    assert sum(ln.startswith("error:") for ln in lines) == 3 and "a.txt: stored" in r.stderr


def test_cli_web_list_keeps_at_least(tmp_path):
    store = Store(":memory:")
    a = article(TEXTS[0])
    store.add_articles([a])
    store.save_incidents([incident("inc000000001", [a], killed=60)])
    with TestClient(create_app(":memory:", store=store)) as client:
        page = client.get("/incidents", headers={"accept": "text/html"}).text
        assert "at least 60" in page
        row = client.get("/incidents.json").json()["items"][0]
        assert row["killed"] == 60 and row["killed_text"] == "at least 60"


def test_cli_remove_unknown_article_removes_nothing(db):
    r = cli("--db", db, "remove", "--no-process", "no-such-id")
    assert r.exit_code == 1 and "no article 'no-such-id'" in r.output and "nothing was removed" in r.output
    with Store(db) as s:
        assert s.count_articles() == 5


def test_cli_check_reports_and_repairs(db, monkeypatch):
    from fakeread import install

    install(monkeypatch)
    with Store(db) as s:
        assert s.health()["unextracted"] == 5  # articles stored, none extracted: an interrupted run's state
    r = cli("--db", db, "check")
    assert r.exit_code == 0 and "5 not extracted yet" in r.output
    assert "repaired: nothing left to do" in r.output
    with Store(db) as s:
        assert s.health()["unextracted"] == 0 and not s.link_needed()
    assert "nothing to repair" in cli("--db", db, "check").output


def test_cli_demo_database_is_its_own(monkeypatch, tmp_path):
    from sitrep import cli as cli_module

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "mine.duckdb"))
    monkeypatch.setattr(cli_module.state, "db", str(tmp_path / "mine.duckdb"))  # from SITREP_DB
    assert cli_module._demo_db() is None  # the env's database is the user's: not the demo's
    monkeypatch.setattr(cli_module.state, "db", str(tmp_path / "chosen.duckdb"))  # --db on the command line
    assert cli_module._demo_db() == str(tmp_path / "chosen.duckdb")
    assert Path(tmp_path / "xdg").exists() is False


def test_cli_show_lists_the_figures_history_in_time_order(tmp_path):
    from dataclasses import replace

    from sitrep.reconcile import history
    from sitrep.records import Figure, Reconciled

    early = replace(article("Police said at least 12 people were killed in Velmora.", outlet="Wire One"),
                    published="2024-03-22T19:10:00+00:00")
    late = replace(article("The toll rose to 40 dead in Velmora, the ministry said.", outlet="Daily Two"),
                   published="2024-03-23")
    claims = [Figure("killed", 40, 40, "40 dead", 10, 17, attribution="the ministry",
                     attribution_kind="authority", revision="up", article_id=late.id, published="2024-03-23"),
              Figure("killed", 12, 12, "at least 12", 11, 22, qualifier="at least", attribution="police",
                     attribution_kind="authority", article_id=early.id, published="2024-03-22"),
              Figure("injured", 30, 35, "30 to 35 injured", 30, 46, article_id=late.id,
                     published="2024-03-23")]
    inc = incident("incshow00001", [early, late], killed=None)
    inc.figures = {
        "killed": Reconciled("killed", 12, 40, 40, claims=claims[:2], history=history(claims[:2])),
        "injured": Reconciled("injured", 30, 30, 35, claims=claims[2:], history=history(claims[2:]))}
    path = tmp_path / "show.duckdb"
    with Store(path) as s:
        s.add_articles([early, late])
        s.save_incidents([inc])
    r = cli("--db", path, "show", "incshow00001")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("History"))
    rows = [line.split() for line in lines[start + 1:start + 4]]
    assert [row[:2] for row in rows] == [["2024-03-22", "19:10"], ["2024-03-23", "killed"],
                                         ["2024-03-23", "injured"]]
    first, second, third = lines[start + 1:start + 4]
    assert "killed" in first and "at least 12" in first
    assert "police (authority)" in first and "Wire One" in first
    assert "40" in second and "the ministry (authority)" in second and "Daily Two" in second
    assert "[revised up]" in second
    assert "30-35" in third and "said by: unknown" in third
