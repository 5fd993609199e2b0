"""Feeds as a service: poll RSS/Atom feeds on an interval and process what arrives.

    sitrep watch https://example.org/feed.xml feeds.txt --interval 600     # until SIGTERM / Ctrl-C
    sitrep watch feeds.txt --once                                          # one round, for cron

Each poll is a conditional GET (``If-None-Match`` / ``If-Modified-Since`` from the feed's last
answer), through the same fetcher and address guard as ``sitrep ingest``; a 304 costs the
feed's server nothing to answer. New items are stored as articles (an item seen before is a
no-op: same text, same article), then extracted and linked, once per round. A feed that fails
(unreachable, HTTP error, not a feed) is retried after ``interval`` x 2^failures, capped at
``max_backoff``; one success resets it. The state of every feed (validators, next poll,
failures) is kept in the store's ``feeds`` table, so a restart or the next cron run carries on.
SIGTERM or SIGINT stops the loop cleanly: the round in progress finishes and its state is saved.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, SitrepError
from sitrep.ingest import IngestOptions, fetch, read_downloaded
from sitrep.pipeline import Pipeline, PipelineOptions
from sitrep.records import Article
from sitrep.store.feeds import FeedState, load_feeds, save_feeds

__all__ = ["Round", "WatchOptions", "Watcher", "feed_urls"]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class WatchOptions:
    interval: float = 900.0  # seconds between two polls of a feed
    max_backoff: float = 6 * 3600.0  # longest wait after failures
    process: bool = True  # extract and link after each round that stored something
    ingest: IngestOptions = field(default_factory=IngestOptions)
    pipeline: PipelineOptions = field(default_factory=PipelineOptions)


@dataclass(slots=True)
class Round:
    """What one round of polling did."""

    polled: list[str] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # url -> why
    new_articles: int = 0
    item_errors: int = 0
    incidents: int | None = None


def feed_urls(items: Iterable[str]) -> list[str]:
    """Feed URLs given directly, or listed in files (one per line; blank lines and # comments skipped)."""
    out: list[str] = []
    for item in items:
        if item.lower().startswith(("http://", "https://")):
            out.append(item)
            continue
        path = Path(item)
        if not path.is_file():
            raise SitrepError(f"{item}: neither an http(s) feed URL nor a file listing feed URLs; "
                              "give a URL, or a text file with one URL per line")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if not line.lower().startswith(("http://", "https://")):
                raise SitrepError(f"{item}:{n}: {line!r} is not an http(s) URL; fix or comment out the line")
            out.append(line)
    return list(dict.fromkeys(out))


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


class Watcher:
    """Polls feeds into a store; ``run()`` loops until ``stop()``, ``run_round()`` does one round."""

    def __init__(self, store: Any, feeds: Sequence[str], *, options: WatchOptions | None = None,
                 transport: Any = None, resolver: fetch.Resolver | None = None, clock: Clock | None = None):
        if not feeds:
            raise SitrepError("no feeds to watch; give feed URLs or files listing them")
        self.store, self.feeds = store, list(dict.fromkeys(feeds))
        self.options = options or WatchOptions()
        self.transport, self.resolver = transport, resolver
        self.clock = clock or (lambda: datetime.now(UTC))
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end after the round in progress (safe from a signal handler)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    # --- one feed ---------------------------------------------------------------------------------

    def _backoff(self, failures: int) -> float:
        return min(self.options.interval * 2 ** failures, self.options.max_backoff)

    def poll(self, state: FeedState) -> tuple[FeedState, list[Article], int]:
        """Fetch one feed conditionally: its new state, the articles it holds, and unreadable items."""
        o = self.options.ingest
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        now = self.clock()
        try:
            got = fetch.fetch(state.url, allow_private=o.allow_private, max_bytes=o.max_bytes,
                              timeout=o.timeout, max_redirects=o.max_redirects, user_agent=o.user_agent,
                              transport=self.transport, resolver=self.resolver, headers=headers)
            if got.status == 304:
                return self._ok(state, now, "304"), [], 0
            articles, errors = [], 0
            for item in read_downloaded(got, source=state.url, options=o, transport=self.transport,
                                        resolver=self.resolver, clock=self.clock):
                if item.article is not None:
                    articles.append(item.article)
                elif item.source == state.url:  # the document itself is unreadable: the feed failed
                    raise item.error or InputError(state.url, "unreadable")
                else:
                    errors += 1
                    log.warning("%s", item.error)
        except InputError as e:  # FetchError, BlockedAddress, EmptyFeed... all name the feed
            failures = state.failures + 1
            wait = self._backoff(failures)
            log.warning("%s (retrying in %.0f s)", e, wait)
            return replace(state, last_polled=_iso(now), next_poll=_iso(now + timedelta(seconds=wait)),
                           failures=failures, last_status="error", last_error=str(e)), [], 0
        new = self._ok(state, now, str(got.status))
        new.etag, new.last_modified = got.etag, got.last_modified
        return new, articles, errors

    def _ok(self, state: FeedState, now: datetime, status: str) -> FeedState:
        return replace(state, last_polled=_iso(now), failures=0, last_status=status, last_error=None,
                       next_poll=_iso(now + timedelta(seconds=self.options.interval)))

    # --- rounds -----------------------------------------------------------------------------------

    def due(self) -> list[FeedState]:
        """The feeds whose next poll time has come (a feed never polled is due at once)."""
        known = load_feeds(self.store, self.feeds)
        now = _iso(self.clock())
        states = [known.get(u) or FeedState(u) for u in self.feeds]
        return [s for s in states if s.next_poll is None or s.next_poll <= now]

    def run_round(self) -> Round:
        """Poll every due feed, store what is new, then extract and link it."""
        result = Round()
        pipe = Pipeline(self.store, options=self.options.pipeline)
        for state in self.due():
            if self.stopping:
                break
            new_state, articles, errors = self.poll(state)
            result.polled.append(state.url)
            result.item_errors += errors
            if new_state.last_status == "error":
                result.failed[state.url] = new_state.last_error or "error"
            elif new_state.last_status == "304":
                result.not_modified.append(state.url)
            if articles:
                summary = pipe.ingest_articles(articles)
                fresh = summary.count("new") + summary.count("foreign")
                new_state.articles += fresh
                result.new_articles += fresh
            save_feeds(self.store, [new_state])
        if result.new_articles and self.options.process:
            result.incidents = pipe.process().main_incidents
        return result

    def next_wait(self) -> float:
        """Seconds until the earliest next poll of any feed (0 when one is due)."""
        known = load_feeds(self.store, self.feeds)
        now = self.clock()
        waits = []
        for u in self.feeds:
            s = known.get(u)
            if s is None or s.next_poll is None:
                return 0.0
            waits.append((datetime.fromisoformat(s.next_poll) - now).total_seconds())
        return max(0.0, min(waits))

    def run(self, *, on_round: Callable[[Round], None] | None = None, max_rounds: int | None = None) -> int:
        """Rounds until ``stop()`` (or ``max_rounds``); the number of rounds done."""
        rounds = 0
        while not self.stopping and (max_rounds is None or rounds < max_rounds):
            r = self.run_round()
            rounds += 1
            if on_round:
                on_round(r)
            self._stop.wait(max(self.next_wait(), 0.05))
        return rounds
