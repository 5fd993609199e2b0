"""Ingestion: sources (files, folders, URLs, feeds, JSON Lines, stdin) -> Article records.

    read_sources(["notes.txt", "pages/", "https://example.org/feed.xml", "-"]) -> Iterator[Ingested]

One ``Ingested`` per article read or per input that failed, in input order; a bad input never stops
the others. Each article's id is the hash of its normalized text, so the same text read twice is
the same article: the store turns the second one into a no-op, and keeps every external id (a
suite's row id, a feed's entry id) the text came with. Non-English articles are read and marked
(``Article.language``); whether to extract them is the pipeline's choice.
"""
from __future__ import annotations

import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

import httpx

from sitrep._version import __version__
from sitrep.errors import BinaryInput, EmptyInput, EncodingError, FetchError, InputError, TooLarge
from sitrep.ingest import feeds, fetch, html, jsonl, language, text
from sitrep.records import Article

log = logging.getLogger(__name__)

__all__ = ["Clock", "EXTENSIONS", "IngestOptions", "Ingested", "USER_AGENT", "read_downloaded",
           "read_records", "read_sources", "read_text"]


USER_AGENT = f"sitrep/{__version__} (+https://github.com/sitrep; news incident extraction)"
_SIZE_FIX = "split it, or raise SITREP_MAX_BYTES"
# scheme://... (two letters at least, so that a Windows-style C:/path is not taken for one)
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")
#: File kinds read from folders, by extension.
EXTENSIONS = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How inputs are read; the defaults are safe to expose to untrusted sources."""

    allow_private: bool = False  # fetch URLs on loopback, private and link-local addresses
    max_bytes: int = 20_000_000  # largest file, stdin or download accepted
    timeout: float = 10.0  # seconds for one URL fetch, redirects included
    max_redirects: int = 3
    encoding: str | None = None  # text encoding of files and stdin; None: UTF-8
    fetch_links: bool = False  # read a feed entry's linked page instead of its summary
    user_agent: str = USER_AGENT


@dataclass(slots=True)
class Ingested:
    """The outcome for one article or one failed input: exactly one of ``article`` and ``error`` is set."""

    source: str
    article: Article | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.article is not None


Clock = Callable[[], datetime]


@dataclass(slots=True)
class _Reader:
    options: IngestOptions
    transport: httpx.BaseTransport | None
    resolver: fetch.Resolver | None
    stdin: TextIO | None
    now: str

    # --- dispatch ---------------------------------------------------------------------------------

    def source(self, src: str) -> Iterator[Ingested]:
        try:
            if src == "-":
                yield from self.stdin_source()
            elif src.lower().startswith(("http://", "https://")):
                yield from self.url(src)
            elif _URL_SCHEME.match(src):
                yield from self.other_url(src)
            elif os.path.isdir(src):
                yield from self.directory(Path(src))
            else:
                yield from self.file(Path(src), name=src)
        except InputError as e:
            yield Ingested(src, error=e)

    def directory(self, root: Path) -> Iterator[Ingested]:
        found = False
        for path in _walk(root):
            found = True
            try:
                yield from self.file(path, name=str(path))
            except InputError as e:
                yield Ingested(str(path), error=e)
        if not found:
            raise EmptyInput(str(root), "no readable files in this folder",
                             f"it is read for {', '.join(sorted(EXTENSIONS))} files")

    def file(self, path: Path, *, name: str) -> Iterator[Ingested]:
        cap = self.options.max_bytes
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                # A device or a pipe has no size to check and may never end (/dev/zero).
                raise InputError(name, "not a regular file", "save the text to a file, or pipe it to -")
            if info.st_size > cap:
                raise TooLarge(name, f"{info.st_size:,} bytes, over the {cap:,}-byte cap",
                               _SIZE_FIX)
            with path.open("rb") as f:
                data = f.read(cap + 1)  # the file may have grown since stat()
        except FileNotFoundError as e:
            raise InputError(name, "no such file or folder", "check the path") from e
        except OSError as e:
            raise InputError(name, f"cannot read it ({e.strerror})", "check its permissions") from e
        if len(data) > cap:
            raise TooLarge(name, f"more than {cap:,} bytes, over the cap", _SIZE_FIX)
        kind = EXTENSIONS.get(path.suffix.lower()) or _sniff(data)
        yield from self.content(data, kind=kind, name=name, charset=None)

    def stdin_source(self) -> Iterator[Ingested]:
        if self.stdin is None:
            raise InputError("-", "no standard input to read", "pipe text in, or name a file")
        buffer = getattr(self.stdin, "buffer", None)
        if buffer is not None:
            data = buffer.read(self.options.max_bytes + 1)
        else:
            data = self.stdin.read(self.options.max_bytes + 1).encode("utf-8", "surrogatepass")
        if len(data) > self.options.max_bytes:
            raise TooLarge("-", f"more than {self.options.max_bytes:,} bytes on standard input",
                           "save it to files and ingest those, or raise SITREP_MAX_BYTES")
        yield from self.content(data, kind=_sniff(data), name="-", charset=None)

    def other_url(self, src: str) -> Iterator[Ingested]:
        """A URL of another scheme: a file:// URL is not followed (it would read any file the URL
        names, e.g. a page's link to file:///etc/passwd), but the message says what to give instead."""
        parts = urlsplit(src)
        if parts.scheme.lower() == "file":
            path = unquote(parts.path) or "/"
            raise FetchError(src, "file:// URLs are not read", f"give the path itself: sitrep ingest {path}")
        raise FetchError(src, f"unsupported URL scheme {parts.scheme!r}",
                         "only http:// and https:// URLs are fetched; save the page and ingest the file")
        yield  # a generator, like the other sources

    def url(self, url: str) -> Iterator[Ingested]:
        got = self.download(url)
        kind = _kind_of_media(got.content_type) or _sniff(got.body)
        if kind == "feed" and not feeds.looks_like_feed(got.body):
            kind = "html" if b"<html" in got.body[:4096].lower() else "feed"
        yield from self.content(got.body, kind=kind, name=url, charset=got.charset, url=got.url)

    def download(self, url: str) -> fetch.Fetched:
        o = self.options
        return fetch.fetch(url, allow_private=o.allow_private, max_bytes=o.max_bytes, timeout=o.timeout,
                           max_redirects=o.max_redirects, user_agent=o.user_agent,
                           transport=self.transport, resolver=self.resolver)

    # --- formats ----------------------------------------------------------------------------------

    def content(self, data: bytes, *, kind: str, name: str, charset: str | None,
                url: str | None = None) -> Iterator[Ingested]:
        if not data.strip():
            raise EmptyInput(name, "empty input", "nothing to ingest; check the file")
        wide = (self.options.encoding or "").lower().replace("-", "").startswith(("utf16", "utf32"))
        if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not wide:
            raise EncodingError(name, "UTF-16 text", "re-save it as UTF-8, or pass --encoding utf-16")
        if not wide and _is_binary(data):
            raise BinaryInput(name, "binary data, not text", "ingest .txt, .html, .jsonl or feed files")
        if kind == "html":
            # Without a declared encoding, trafilatura finds the page's own (meta charset, or a guess).
            declared = self.options.encoding or charset
            page = html.read_html(data if declared is None else self.decode(data, name, charset), source=name,
                                  url=url)
            yield self.article(name, page.text, title=page.title, author=page.author,
                               published=page.published, published_from="html" if page.published else None,
                               outlet=page.outlet, url=page.url or url)
        elif kind == "feed":
            yield from self.feed(data, name=name)
        elif kind == "jsonl":
            yield from self.jsonl(self.decode(data, name, charset), name=name)
        else:
            body = self.decode(data, name, charset)
            head = text.read_head(body)
            yield self.article(name, body, title=head.title, author=head.author, published=head.published,
                               published_from="dateline" if head.published else None, url=url)

    def feed(self, data: bytes, *, name: str) -> Iterator[Ingested]:
        for entry in feeds.read_feed(data, source=name):
            ids = [entry.id] if entry.id else []
            try:
                if self.options.fetch_links and entry.url:
                    got = self.download(entry.url)
                    page = html.read_html(got.body, source=entry.url, url=got.url)
                    yield self.article(entry.where, page.text, title=entry.title or page.title,
                                       author=page.author, published=entry.published or page.published,
                                       published_from="feed" if entry.published else
                                       ("html" if page.published else None),
                                       outlet=entry.outlet or page.outlet, url=got.url, external_ids=ids)
                    continue
                if not entry.text.strip():
                    raise EmptyInput(entry.where, "the feed item has no text",
                                     "`sitrep ingest --fetch-links` reads the linked page instead"
                                     if entry.url else "the item links no page either; nothing to read")
                yield self.article(entry.where, entry.text, title=entry.title, published=entry.published,
                                   published_from="feed" if entry.published else None, outlet=entry.outlet,
                                   url=entry.url, external_ids=ids)
            except InputError as e:
                yield Ingested(entry.where, error=e)

    def jsonl(self, body: str, *, name: str) -> Iterator[Ingested]:
        for row in jsonl.read_rows(body.splitlines(), source=name):
            if isinstance(row, InputError):
                yield Ingested(row.source, error=row)
                continue
            # The same head reading as a .txt file, for what the row's own fields leave out.
            head = text.read_head(row.text)
            published, published_from = text.publication_date(
                published=row.published, published_from="metadata" if row.published else None, url=row.url,
                text=row.text)
            yield self.article(row.where, row.text, title=row.title or head.title, author=head.author,
                               published=published, published_from=published_from, outlet=row.outlet,
                               url=row.url, external_ids=[row.id] if row.id else [])

    # --- helpers ----------------------------------------------------------------------------------

    def decode(self, data: bytes, name: str, charset: str | None) -> str:
        encoding = self.options.encoding or charset or "utf-8"
        try:
            decoded = data.decode(encoding)
        except LookupError as e:
            raise EncodingError(name, f"unknown encoding {encoding!r}",
                                "pass --encoding utf-8 or latin-1") from e
        except UnicodeDecodeError as e:
            raise EncodingError(name, f"not valid {encoding.upper()} at byte {e.start}",
                                "re-save it as UTF-8, or pass --encoding latin-1") from e
        return decoded.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

    def article(self, name: str, body: str, *, external_ids: list[str] | None = None, **meta) -> Ingested:
        if not body.strip():
            raise EmptyInput(name, "no text", "nothing to ingest; check the input")
        if not meta.get("published") and meta.get("url"):  # a news URL's path often holds the day
            published = text.date_in_url(meta["url"])
            if published:
                meta["published"], meta["published_from"] = published, "url"
        art = Article.from_text(body, source=name, language=language.detect(body), ingested_at=self.now,
                                external_ids=list(external_ids or []), **meta)
        if art.language != "en":
            log.info("%s: language %r", name, art.language)
        return Ingested(name, article=art)


def read_sources(
    sources: Iterable[str],
    *,
    options: IngestOptions | None = None,
    transport: httpx.BaseTransport | None = None,
    resolver: fetch.Resolver | None = None,
    stdin: TextIO | None = None,
    clock: Clock | None = None,
) -> Iterator[Ingested]:
    """Read every source in order: one Ingested per article, or per input that failed (with the reason)."""
    now = (clock or (lambda: datetime.now(UTC)))().isoformat(timespec="seconds")
    reader = _Reader(options or IngestOptions(), transport, resolver, stdin, now)
    for src in sources:
        yield from reader.source(src)


def read_downloaded(got: fetch.Fetched, *, source: str, options: IngestOptions | None = None,
                    transport: httpx.BaseTransport | None = None, resolver: fetch.Resolver | None = None,
                    clock: Clock | None = None) -> Iterator[Ingested]:
    """The articles of a document already downloaded (``sitrep watch`` fetches feeds conditionally)."""
    now = (clock or (lambda: datetime.now(UTC)))().isoformat(timespec="seconds")
    reader = _Reader(options or IngestOptions(), transport, resolver, None, now)
    kind = _kind_of_media(got.content_type) or _sniff(got.body)
    if kind == "feed" and not feeds.looks_like_feed(got.body):
        kind = "html" if b"<html" in got.body[:4096].lower() else "feed"
    try:
        yield from reader.content(got.body, kind=kind, name=source, charset=got.charset, url=got.url)
    except InputError as e:
        yield Ingested(source, error=e)


def read_records(records: Iterable[dict], *, source: str, clock: Clock | None = None) -> Iterator[Ingested]:
    """Rows already parsed (a Parquet file's, say) with the fields of a suite JSONL row, read as one."""
    now = (clock or (lambda: datetime.now(UTC)))().isoformat(timespec="seconds")
    reader = _Reader(IngestOptions(), None, None, None, now)
    body = "\n".join(json.dumps(r, ensure_ascii=False, default=str) for r in records)
    yield from reader.jsonl(body, name=source)


def read_text(body: str, *, source: str = "-", clock: Clock | None = None) -> Article:
    """One article from a text already in memory (title, byline and dateline read as for a .txt file)."""
    now = (clock or (lambda: datetime.now(UTC)))().isoformat(timespec="seconds")
    reader = _Reader(IngestOptions(), None, None, None, now)
    items = list(reader.content(body.encode("utf-8"), kind="text", name=source, charset=None))
    assert items[0].article is not None  # content() of kind "text" yields one article or raises
    return items[0].article


def _walk(root: Path) -> Iterator[Path]:
    """Files of known kinds under ``root``, sorted, skipping hidden files and folders."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if not fn.startswith(".") and Path(fn).suffix.lower() in EXTENSIONS:
                yield Path(dirpath) / fn


def _sniff(data: bytes) -> str:
    """The kind of an input with no telling extension, from its first bytes."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if feeds.looks_like_feed(head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head:
        return "html"
    if head.startswith(b"{") and b'"text"' in data[:65536]:
        return "jsonl"
    return "text"


def _kind_of_media(media: str) -> str | None:
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media.endswith(("rss+xml", "atom+xml", "rdf+xml", "/xml")):
        return "feed"
    if media in ("text/plain", "text/markdown"):
        return "text"
    if media in ("application/jsonl", "application/x-ndjson", "application/jsonlines"):
        return "jsonl"
    return None


def _is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the opening: not a text we can read."""
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; we ask for UTF-8 rather than guess.
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.1

