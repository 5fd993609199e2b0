"""What ``sitrep watch`` remembers of each feed between polls (and between runs): the ``feeds`` table.

Each row holds the validators of the feed's last answer (ETag, Last-Modified) for the next
conditional GET, when to poll it next, and how many polls in a row failed (its backoff).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields

__all__ = ["FeedState", "load_feeds", "save_feeds"]

_IN = "(SELECT unnest(?::VARCHAR[]))"


@dataclass(slots=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None  # ISO time of the last poll
    next_poll: str | None = None  # ISO time before which the feed is not polled (None: at once)
    failures: int = 0  # polls in a row that failed (0 after a success)
    last_status: str | None = None  # "200", "304", "error"
    last_error: str | None = None
    articles: int = 0  # new articles stored from this feed, all polls together


_COLUMNS = [f.name for f in fields(FeedState)]


def load_feeds(store, urls: Iterable[str] | None = None) -> dict[str, FeedState]:
    """The stored state of these feeds (all feeds when None), by URL; feeds never polled are left out."""
    sql, params = f"SELECT {', '.join(_COLUMNS)} FROM feeds", []
    if urls is not None:
        sql += " WHERE url IN " + _IN
        params.append(list(dict.fromkeys(urls)))
    with store._connect() as con:
        data = con.execute(sql + " ORDER BY url", params).fetchall()
    return {r[0]: FeedState(*r) for r in data}


def save_feeds(store, states: Iterable[FeedState]) -> None:
    """Replace these feeds' state, in one transaction."""
    batch = {s.url: s for s in states}
    if not batch:
        return
    with store._write(f"state of {len(batch)} feed(s)") as con:
        con.execute("DELETE FROM feeds WHERE url IN " + _IN, [list(batch)])
        store._insert(con, "feeds", [astuple(s) for s in batch.values()])
