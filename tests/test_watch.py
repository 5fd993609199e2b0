"""`sitrep watch`: conditional GET, backoff, state in the store, clean stop; against real feed servers on
loopback (allowed explicitly, as the SSRF guard requires)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitrep.errors import SitrepError
from sitrep.ingest import IngestOptions
from sitrep.store import Store
from sitrep.store.feeds import load_feeds
from sitrep.watch import Watcher, WatchOptions, feed_urls

ITEMS = [
    ("Storm floods Harlowe valley", "Floodwater cut off the village of Harlowe on Monday; two people were "
     "rescued from a roof, the fire service said."),
    ("Bridge closed in Emberly", "The old bridge in Emberly was closed on Tuesday after engineers found "
     "cracks."),
    ("Market fire in Tolliver", "A fire destroyed six stalls at the Tolliver market on Wednesday; no one "
     "was hurt."),
]


def rss(items) -> bytes:
    body = "".join(f"<item><title>{t}</title><guid>urn:test:{i}</guid><description>{d}</description>"
                   f"<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>"
                   for i, (t, d) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley News</title>{body}'
            "</channel></rss>").encode()


class FeedServer:
    """A real HTTP server on 127.0.0.1: /feed answers 304 to matching validators; /broken is HTTP 500."""

    def __init__(self) -> None:
        self.items = list(ITEMS[:2])
        self.version = 1
        self.log: list[tuple[str, str | None, str | None, int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                etag = f'"v{server.version}"'
                modified = formatdate(1717408800 + server.version * 3600, usegmt=True)
                inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                if self.path == "/broken":
                    status, body = 500, b"oops"
                elif inm == etag or (inm is None and ims == modified):
                    status, body = 304, b""
                else:
                    status, body = 200, rss(server.items)
                server.log.append((self.path, inm, ims, status))
                self.send_response(status)
                if status != 500:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def publish(self, item) -> None:
        self.items.append(item)
        self.version += 1

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.close()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def watcher(store, urls, clock, **kw) -> Watcher:
    opts = WatchOptions(interval=60, max_backoff=600, process=False, ingest=IngestOptions(allow_private=True),
                        **kw)
    return Watcher(store, urls, options=opts, clock=clock)


def test_watch_conditional_get_and_new_items(server):
    clock = Clock()
    with Store(":memory:") as store:
        w = watcher(store, [server.url + "/feed"], clock)
        first = w.run_round()
        assert first.new_articles == 2 and store.count_articles() == 2
        state = load_feeds(store)[server.url + "/feed"]
        assert (state.etag, state.last_status, state.articles) == ('"v1"', "200", 2)
        assert w.run_round().polled == []  # not due before the interval
        clock.advance(61)
        second = w.run_round()
        assert second.not_modified == [server.url + "/feed"] and second.new_articles == 0
        assert server.log[-1] == ("/feed", '"v1"', state.last_modified, 304)  # the validators were sent
        server.publish(ITEMS[2])
        clock.advance(61)
        third = w.run_round()
        assert third.new_articles == 1 and store.count_articles() == 3  # the two old items: no-ops
        assert load_feeds(store)[server.url + "/feed"].etag == '"v2"'
        assert store.get_article("urn:test:2").title == ITEMS[2][0]


def test_watch_backoff_on_errors_then_recovery(server):
    clock = Clock()
    broken = server.url + "/broken"
    with Store(":memory:") as store:
        w = watcher(store, [broken], clock)
        waits = []
        for _ in range(4):
            r = w.run_round()
            assert "HTTP 500" in r.failed[broken]
            s = load_feeds(store)[broken]
            waits.append((datetime.fromisoformat(s.next_poll) - clock.now).total_seconds())
            assert w.run_round().polled == []  # in backoff: not polled again yet
            clock.advance(waits[-1])
        assert waits == [120, 240, 480, 600]  # interval x 2^failures, capped at max_backoff
        assert load_feeds(store)[broken].failures == 4
        assert len([x for x in server.log if x[0] == "/broken"]) == 4


def test_watch_state_survives_a_restart(server, tmp_path):
    clock = Clock()
    db = tmp_path / "w.duckdb"
    with Store(db) as store:
        watcher(store, [server.url + "/feed"], clock).run_round()
    clock.advance(61)
    with Store(db) as store:  # a new process (cron): it asks conditionally at once
        r = watcher(store, [server.url + "/feed"], clock).run_round()
    assert r.not_modified == [server.url + "/feed"]


def test_watch_refuses_loopback_unless_allowed(server):
    with Store(":memory:") as store:
        w = Watcher(store, [server.url + "/feed"], options=WatchOptions(process=False), clock=Clock())
        r = w.run_round()
        assert "non-public address" in r.failed[server.url + "/feed"]
        assert server.log == []  # nothing was sent


def test_watch_feed_lists(tmp_path):
    lst = tmp_path / "feeds.txt"
    lst.write_text("# desk feeds\nhttps://a.example/rss\n\nhttps://b.example/atom  # wire\n",
                   encoding="utf-8")
    assert feed_urls([str(lst), "https://a.example/rss", "https://c.example/x"]) == [
        "https://a.example/rss", "https://b.example/atom", "https://c.example/x"]
    bad = tmp_path / "bad.txt"
    bad.write_text("ftp://nope\n", encoding="utf-8")
    with pytest.raises(SitrepError, match="bad.txt:1"):
        feed_urls([str(bad)])
    with pytest.raises(SitrepError, match="neither an http"):
        feed_urls(["nowhere.txt"])


def test_watch_stop_ends_the_loop(server):
    with Store(":memory:") as store:
        w = watcher(store, [server.url + "/feed"], Clock())
        threading.Timer(0.3, w.stop).start()
        t = time.monotonic()
        assert w.run() >= 1
        assert time.monotonic() - t < 5  # woke from its wait at once


@pytest.mark.slow
def test_watch_cli_processes_and_stops_on_sigterm(server, tmp_path):
    """The real command: polls, extracts and links what arrived, exits 0 on SIGTERM with its state saved."""
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "SITREP_DB": str(db)}
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "watch", server.url + "/feed",
                             "--interval", "1", "--allow-private"],
                            env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and sum(1 for x in server.log if x[3] == 304) < 2:
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "stopped after" in err
    with Store(db, read_only=True) as store:
        assert store.count_articles() == 2 and len(store.reports()) == 2  # processed, not just stored
        assert load_feeds(store)[server.url + "/feed"].last_status == "304"
