"""RSS/Atom: one article per entry, feed ids kept, empty feeds refused, linked pages fetched on request."""
from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from sitrep.errors import EmptyFeed, EmptyInput
from sitrep.ingest import IngestOptions, read_sources
from sitrep.ingest.feeds import html_to_text, looks_like_feed, read_feed

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_feeds_rss_entries_become_articles():
    items = list(read_sources([str(FIXTURES / "feed.rss")]))
    assert [i.article.external_ids for i in items] == [["wire-0001"], ["wire-0002"]]
    first = items[0].article
    assert first.title == "Flood displaces hundreds in river town" and first.outlet == "Example Wire"
    assert first.published == "2024-01-02" and first.published_from == "feed"
    assert first.url == "https://wire.example/news/flood"
    assert first.text == ("Heavy rain flooded the river town on Monday, forcing hundreds of residents "
                          "from their homes.\n\nNo deaths were reported, officials said.")


def test_feeds_atom_content_is_read():
    [entry] = read_feed((FIXTURES / "feed.atom").read_bytes(), source="feed.atom")
    assert entry.id == "urn:example:atom:entry-1" and entry.published == "2024-02-05"
    assert entry.text.startswith("A pedestrian bridge collapsed") and "<p>" not in entry.text


def test_feeds_empty_feed_is_refused():
    [item] = read_sources([str(FIXTURES / "empty.rss")])
    assert isinstance(item.error, EmptyFeed) and "has no items" in str(item.error)


def test_feeds_a_url_looking_string_is_never_fetched_by_feedparser():
    # feedparser fetches a *string* that looks like a URL; we only ever give it bytes in a file object.
    with pytest.raises(EmptyFeed):
        list(read_feed(b"http://169.254.169.254/latest/meta-data/", source="x.rss"))


def test_feeds_fetch_links_reads_the_linked_pages():
    html = (FIXTURES / "page.html").read_bytes()
    fetched = []

    def handler(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        return httpx.Response(200, content=html, headers={"content-type": "text/html"})

    items = list(read_sources([str(FIXTURES / "feed.rss")], options=IngestOptions(fetch_links=True),
                              transport=httpx.MockTransport(handler), resolver=lambda h: ["93.184.216.34"]))
    assert fetched == ["https://wire.example/news/flood", "https://wire.example/news/blast"]
    assert all(i.ok for i in items) and items[0].article.external_ids == ["wire-0001"]
    assert items[0].article.title == "Flood displaces hundreds in river town"  # the feed's title wins
    assert "shopping centre" in items[0].article.text


def test_feeds_sniffed_by_content():
    assert looks_like_feed((FIXTURES / "feed.atom").read_bytes())
    assert not looks_like_feed((FIXTURES / "page.html").read_bytes())


def test_feeds_html_to_text_splits_blocks():
    assert html_to_text("<p>One <b>two</b></p><p>Three</p>") == "One two\n\nThree"
    assert html_to_text("plain") == "plain"


def test_feeds_item_without_text_is_an_error_for_that_item_only(tmp_path):
    rss = (FIXTURES / "feed.rss").read_text().replace(
        "An explosion at a chemical factory injured two workers, the fire service said.", "")
    (tmp_path / "f.rss").write_text(rss)
    first, second = read_sources([str(tmp_path / "f.rss")])
    assert first.ok and isinstance(second.error, EmptyInput) and "--fetch-links" in str(second.error)
