"""Plain-text articles: the text as given, with a title, byline and dateline read from its head.

A saved article often opens with its headline, the author's name and a date on lines of their own
("At least 60 dead...", "Clara Weiss", "23 March 2024") before the first paragraph. Those lines stay
in the text (every character offset still points into what the user gave us); they are also read
into ``title``, ``author`` and ``published`` (with ``published_from="dateline"``). A text that opens
straight with its first paragraph gets none of them.

Where neither the source nor the head gives a date, a news URL often does: publishers put the day
of publication in the path ("/2015/12/16/", "/2016-01-20/", "-20160223-story"); ``date_in_url``
reads it (``published_from="url"``). ``publication_date`` applies that order once for every reader.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sitrep import datewords

#: Lines of the head that may hold the title, byline and dateline, before the body starts.
HEAD_LINES = 6
#: A title is a short line; a longer one is the first paragraph.
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30
#: A dateline or byline is a short line; a date in a longer one is in a sentence.
MAX_DATELINE_CHARS = 120

MONTHS = datewords.months()  # the one month table (data/lexicons/calendar.tsv)
_MONTH = rf"(?P<month>{datewords.month_pattern(capitalized=False)})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = rf"{datewords.weekday_pattern()}\.?,?\s+"
_DATES = [
    re.compile(rf"(?:{_WEEKDAY})?{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 23 March 2024
    re.compile(rf"(?:{_WEEKDAY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # March 23, 2024
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2024-03-23
]
#: Words that introduce a date line ("Published 23 March 2024", "Updated: ...").
_DATE_LEAD = re.compile(r"^(?:published|posted|updated|last updated|first published|date|dated)\b[:\s]*",
                        re.I)
#: A byline: "By Clara Weiss", "Clara Weiss", "By Jane Roe and John Doe, Reuters".
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin|da|del|la|le))*"
_BYLINE = re.compile(rf"^(?:by\s+)?(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)$", re.I)
_BY = re.compile(r"^by\s+", re.I)
_SENTENCE_BREAK = re.compile(r"[a-z][.!?]\s+[A-Z]")


@dataclass(frozen=True, slots=True)
class Head:
    """What the head of a text says about it."""

    title: str | None = None
    author: str | None = None
    published: str | None = None


def parse_date(line: str) -> str | None:
    """ISO date of the first full date ("23 March 2024", "March 23, 2024", "2024-03-23") in a line."""
    for pattern in _DATES:
        m = pattern.search(line)
        if not m:
            continue
        month_text = m.group("month").lower().rstrip(".")
        month = MONTHS.get(month_text) or (int(month_text) if month_text.isdigit() else 0)
        day, year = int(m.group("day")), int(m.group("year"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


_MON = "(?P<mon>" + "|".join(sorted((m for m in MONTHS if len(m) <= 4), key=len, reverse=True)) + ")"
#: Dates in a URL path, most specific first: /2015/12/16/, /2016/jan/26/, /2016-01-20/, -20160223-,
#: -01-17-2016. A month alone ("/2015/12/") says too little to resolve "on Tuesday", so it is left.
_URL_DATES = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$|[-_.])"),
    re.compile(rf"/(?P<year>(?:19|20)\d\d)/{_MON}/(?P<day>[0-3]?\d)(?:/|$|[-_.])", re.I),
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
    re.compile(r"(?<=[/_-])(?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?=[/_.-]|$)"),
    re.compile(r"(?<=[/_-])(?P<month>[01]\d)-(?P<day>[0-3]\d)-(?P<year>(?:19|20)\d\d)(?=[/_.-]|$)"),
]


def date_in_url(url: str | None) -> str | None:
    """ISO date of publication written in a URL's path ("https://x.com/2015/12/16/story" -> "2015-12-16")."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip(), flags=re.I).split("?")[0].split("#")[0]
    for pattern in _URL_DATES:
        for m in pattern.finditer(path):
            g = m.groupdict()
            month = MONTHS[g["mon"].lower()] if g.get("mon") else int(g["month"])
            try:
                return date(int(g["year"]), month, int(g["day"])).isoformat()
            except ValueError:
                continue  # "/2015/13/45/": digits, not a date
    return None


def publication_date(*, published: str | None, published_from: str | None, url: str | None,
                     text: str | None) -> tuple[str | None, str | None]:
    """(date, how it was found): the source's own date first, then the text's dateline, then the URL."""
    if published:
        return published, published_from or "metadata"
    head = read_head(text) if text else Head()
    if head.published:
        return head.published, "dateline"
    found = date_in_url(url)
    return (found, "url") if found else (None, None)


def _is_date_line(line: str) -> bool:
    """A line that is a date and little else (a dateline, not a sentence that mentions a date)."""
    if len(line) > MAX_DATELINE_CHARS:
        return False
    date = parse_date(line)
    if date is None:
        return False
    rest = _DATE_LEAD.sub("", line)
    for pattern in _DATES:
        rest = pattern.sub("", rest)
    # What may remain beside the date: a time, a zone, punctuation ("23 March 2024, 10:32 GMT").
    rest = re.sub(r"\b\d{1,2}[:.]\d\d\b|\b(?:am|pm|gmt|utc|[a-z]{2,4}t)\b|[\W\d_]", " ", rest, flags=re.I)
    return len(rest.split()) <= 1


def _is_byline(line: str) -> bool:
    if len(line) > 80 or any(ch.isdigit() for ch in line) or line.rstrip().endswith((".", "!", "?", ":")):
        return False
    m = _BYLINE.match(line.strip())
    if not m:
        return False
    words = _BY.sub("", line).replace(",", " ").split()
    names = [w for w in words if w.lower() not in ("and", "&")]
    # Two to four capitalised words per name; a headline in title case is longer.
    return 2 <= len(names) <= 8 and (bool(_BY.match(line)) or len(names) <= 4)


def _is_title(line: str) -> bool:
    words = line.split()
    # A headline is one unfinished sentence of a few words; a caption or a lead is finished, or several.
    return (0 < len(line) <= MAX_TITLE_CHARS and 3 <= len(words) <= MAX_TITLE_WORDS
            and not line.rstrip().endswith((".", ";", ",", ":", ")"))
            and not _SENTENCE_BREAK.search(line))


def _byline_name(line: str) -> str:
    return _BY.sub("", line.strip()).strip()


def read_head(text: str) -> Head:
    """Title, author and dateline date from the head of a text, where it has them on lines of their own."""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    head: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        head.append(line)
        # The head ends at the first blank line after a date or byline, or after HEAD_LINES lines.
        if len(head) >= HEAD_LINES or (i + 1 < len(lines) and not lines[i + 1] and len(head) > 1
                                       and (_is_date_line(line) or _is_byline(line))):
            break
    title = author = published = None
    for n, line in enumerate(head):
        if published is None and _is_date_line(line):
            published = parse_date(line)
        elif author is None and n > 0 and _is_byline(line):
            author = _byline_name(line)
        elif n == 0 and _is_title(line) and len(head) > 1:
            title = line
        elif published is None and author is None and n > 0 and _BY.match(line):
            # "By Clara Weiss, 23 March 2024": a byline and a date on one line.
            date = parse_date(line) if len(line) <= MAX_DATELINE_CHARS else None
            name = _byline_name(re.split(r",|\s[-|–—]\s", line, maxsplit=1)[0])
            if date and _is_byline(name):
                author, published = name, date
        else:
            break
    if title is not None and author is None and published is None:
        # A short first line with no byline or date after it is only a title if a blank line follows.
        first_blank = re.match(r"\s*[^\n]*\n[ \t]*\n", text)
        if not first_blank:
            title = None
    return Head(title=title, author=author, published=published)
