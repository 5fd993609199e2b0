"""RSS and Atom feeds (feedparser): one article per entry, from its content or summary.

feedparser is only ever given bytes wrapped in a file object, never a string: given a string that
looks like a URL it would fetch it itself, past our address checks. Fetching each entry's link
instead of reading its summary is the caller's choice (``fetch_links``), done through our fetcher.
"""
from __future__ import annotations

import io
import time
from collections.abc import Iterator
from dataclasses import dataclass

from sitrep.errors import EmptyFeed

_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed item: its text (HTML stripped), title, link, date, and the feed's id for it."""

    where: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    id: str | None = None


def looks_like_feed(data: bytes) -> bool:
    """Whether a document's opening is an RSS, RDF or Atom root element."""
    head = data[:2048].lstrip().lower()
    return any(marker in head for marker in _FEED_MARKERS)


def read_feed(data: bytes, *, source: str) -> Iterator[Entry]:
    """Every entry of a feed; EmptyFeed when it has none (or is no feed)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            raise EmptyFeed(source, f"not a readable RSS/Atom feed ({parsed.get('bozo_exception')})",
                            "check that the file or URL is an RSS or Atom feed")
        raise EmptyFeed(source, "the feed has no items", "check the feed URL, or try again when it has items")
    outlet = _clean(parsed.feed.get("title"))
    for n, entry in enumerate(parsed.entries, start=1):
        ident = _clean(entry.get("id")) or _clean(entry.get("link"))
        yield Entry(
            where=f"{source} item {n}" + (f" ({ident})" if ident else ""),
            text=_entry_text(entry),
            title=_clean(entry.get("title")),
            url=_clean(entry.get("link")),
            published=_entry_date(entry),
            outlet=outlet,
            id=ident,
        )


def _entry_text(entry) -> str:
    """The fullest text the entry carries: its content, else its summary, as plain paragraphs."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    html = max(contents, key=len) if contents else entry.get("summary", "") or ""
    return html_to_text(html)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    for el in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        el.tail = "\n\n" + (el.tail or "")
    paragraphs = (" ".join(p.split()) for p in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
