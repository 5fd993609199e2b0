"""HTML pages: the article text and its metadata (title, author, date, outlet) by trafilatura.

Pinned behaviour (trafilatura 2.3): ``bare_extraction(..., with_metadata=True)`` returns a Document
whose ``text`` has one paragraph per line (the headline included when the page repeats it in the
body), ``date`` as ISO "YYYY-MM-DD" from the page's metadata or visible dates, and ``sitename``.
Paragraphs are joined with blank lines, which later stages read as paragraph breaks.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sitrep.errors import BadHTML

log = logging.getLogger(__name__)

_FIX = "is it an article page? save the article text as .txt and ingest that"
#: Libraries that log their own parsing troubles ("discarding data", "empty HTML tree") at WARNING
#: and ERROR: for a page we cannot read, BadHTML already says so in one line naming the input.
_CHATTY = ("trafilatura", "htmldate", "courlan", "justext")


def _quiet_libraries() -> None:
    """Keep the libraries' lines for -vv (debug) only."""
    debug = logging.getLogger().isEnabledFor(logging.DEBUG)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET if debug else logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura read from a page."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


def read_html(html: str | bytes, *, source: str, url: str | None = None) -> Page:
    """Main text and metadata of an HTML page; BadHTML when no article text can be found."""
    import trafilatura

    _quiet_libraries()
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=False)
    except (ValueError, TypeError, AttributeError) as e:  # lxml and trafilatura's reactions to broken input
        raise BadHTML(source, f"cannot parse the HTML ({e.__class__.__name__}: {e})", _FIX) from e
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise BadHTML(source, "no article text found in the HTML", _FIX)
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    return Page(
        text="\n\n".join(paragraphs),
        title=_clean(getattr(doc, "title", None)),
        author=_clean(getattr(doc, "author", None)),
        published=_clean(getattr(doc, "date", None)),
        outlet=_clean(getattr(doc, "sitename", None)) or _clean(getattr(doc, "hostname", None)),
        url=_clean(getattr(doc, "url", None)) or url,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
