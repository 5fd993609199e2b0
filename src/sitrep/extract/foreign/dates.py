"""Dates in other languages: "le 14 juillet 2016", "20. Dezember", "22 марта", "december 3-án",
"vendredi soir", "hier".

Month names, weekdays and relative days come from the language's ``dates.tsv``; a day without a year
takes the publication's year (the year before when that would put it after publication), a weekday is
the last such day on or before publication, "hier" the day before it, a feast of Easter week
("Domingo de Pascua", ``easter`` in dates.tsv) its day in the last Easter by publication. Resolved
here, not by ``dateparser``: the spans are found by these rules and their arithmetic is two lines,
while ``dateparser`` invents a date for words it half-reads (ARCHITECTURE.md).
"""
from __future__ import annotations

import datetime as dt
import re

from sitrep import rules
from sitrep.datewords import iso_date
from sitrep.extract.foreign.lexicon import Lexicon
from sitrep.records import DateMention

#: How many days before publication a date counts as recent news.
RECENT_DAYS = 60
#: Digits of a day and a year, in Western or Arabic-Indic digits ("١٣ نوفمبر ٢٠١٥"; ``int`` reads both).
_DAY, _YEAR = r"[0-3٠-٣]?\d", r"(?:19|20|١٩|٢٠)\d\d"
_DAY_MONTH = (r"(?P<day>" + _DAY + r")(?:er|º|°|\.)?\s+(?:de\s+)?(?P<month>{months})\.?"
              r"(?:\s+(?:de\s+|del\s+)?(?P<year>" + _YEAR + r"))?")
_MONTH_YEAR = r"(?P<month>{months})\s+(?:de\s+|del\s+)?(?P<year>" + _YEAR + r")"


_MONTH_DAY = r"(?:(?P<year>" + _YEAR + r")\.?\s+)?(?P<month>{months})\.?\s+(?P<day>" + _DAY + r")(?:{ending})"


def _day_month_pattern(months: str, lex: Lexicon | None = None) -> str:
    """A day and a month name, with or without a year, as one word run ("le 13 novembre 2015"); in a
    language that writes the month first (``day_after`` in its dates.tsv), the month, then the day with
    its ending, after the year where one is written ("2018. december 11.", "december 3-án")."""
    if lex is not None and lex.day_after is not None:
        return r"(?<!\w)" + _MONTH_DAY.format(months=months, ending=lex.day_after.pattern) + r"(?!\w)"
    return r"(?<!\w)" + _DAY_MONTH.format(months=months) + r"(?!\w)"


def _alternation(rows: list[tuple[re.Pattern[str], int]]) -> str:
    return "|".join(f"(?:{rx.pattern})" for rx, _ in rows)


def _which(rows: list[tuple[re.Pattern[str], int]], word: str) -> int | None:
    w = word.lower().rstrip(".")
    return next((v for rx, v in rows if rx.fullmatch(w)), None)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (2 * e + 2 * i - h - k + 32) % 7
    m = (a + 11 * h + 19 * ell) // 433
    month = (h + ell - 7 * m + 90) // 25
    return dt.date(year, month, (h + ell - 7 * m + 33 * month + 19) % 32)


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def extract_dates(text: str, lex: Lexicon, *, published: str | None) -> list[DateMention]:
    """Every date the text writes, resolved (against ``published`` where it is relative), in order."""
    base = iso_date(published)
    months = _alternation(lex.months)
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in re.finditer(_day_month_pattern(months, lex), text, re.I):
        month = _which(lex.months, m.group("month"))
        if month is None:
            continue
        day = int(m.group("day"))
        if m.group("year"):
            d = _safe(int(m.group("year")), month, day)
        elif base:
            d = _safe(base.year, month, day)
            if d and d > base + dt.timedelta(days=1):
                d = _safe(base.year - 1, month, day)
        else:
            d = None
        if d is None and not m.group("year"):
            continue
        out.append(DateMention(m.group(0), m.start(), m.end(), d.isoformat() if d else None,
                               "day" if d else None))
        taken.append((m.start(), m.end()))
    for m in re.finditer(r"(?<!\w)" + _MONTH_YEAR.format(months=months) + r"(?!\w)", text, re.I):
        month = _which(lex.months, m.group("month"))
        if month is None or any(s <= m.start() < e for s, e in taken):
            continue
        out.append(DateMention(m.group(0), m.start(), m.end(), f"{m.group('year')}-{month:02d}", "month"))
        taken.append((m.start(), m.end()))
    if base:
        # a feast named by its day in Easter week ("el Domingo de Pascua"): the last one by publication
        for rx, offset in lex.easter:
            for m in re.finditer(r"(?<!\w)(?:" + rx.pattern + r")(?!\w)", text, re.I):
                d = easter_sunday(base.year) + dt.timedelta(days=offset)
                if d > base + dt.timedelta(days=1):
                    d = easter_sunday(base.year - 1) + dt.timedelta(days=offset)
                out.append(DateMention(m.group(0), m.start(), m.end(), d.isoformat(), "day"))
                taken.append((m.start(), m.end()))
        weekdays = _alternation(lex.weekdays)
        for m in re.finditer(r"(?<!\w)(" + weekdays + r")(?!\w)", text, re.I):
            wd = _which(lex.weekdays, m.group(0))
            if wd is None or any(s <= m.start() < e for s, e in taken):
                continue
            d = base - dt.timedelta(days=(base.weekday() - wd) % 7)
            out.append(DateMention(m.group(0), m.start(), m.end(), d.isoformat(), "day", relative=True))
        for word, offset in lex.relative:
            for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text, re.I):
                d = base + dt.timedelta(days=offset)
                out.append(DateMention(m.group(0), m.start(), m.end(), d.isoformat(), "day", relative=True))
    out.sort(key=lambda d: d.start)
    return out


def first_month_day(text: str, lex: Lexicon, *, limit: int = 1500) -> tuple[int, int] | None:
    """(month, day) of the first day the text's opening writes with a month, with or without a year
    ("le 13 novembre", "am 20. Dezember"): what a report without a publication date still says of
    its day, for linking."""
    for m in re.finditer(_day_month_pattern(_alternation(lex.months), lex), text[:limit], re.I):
        month = _which(lex.months, m.group("month"))
        if month is not None and 1 <= int(m.group("day")) <= 31:
            return month, int(m.group("day"))
    return None


def event_date(dates: list[DateMention], *, published: str | None, background: set[int] = frozenset()) -> \
        DateMention | None:
    """The event's date: the first day-precise date outside background sentences that is not after
    publication, else the first such relative day, else the first month; with none, the publication
    day (as English reports: a news report tells what happened by the day it is published), as a
    mention with no span (start -1) and ``relative`` set; None when there is no publication date either.

    ``background``: start offsets of the dates that are in background sentences.
    """
    base = iso_date(published)
    usable = [d for d in dates if d.date and d.start not in background
              and not (base and iso_date(d.date) and iso_date(d.date) > base + dt.timedelta(days=1))]
    if base:
        # a report tells of recent events first: a date of the weeks before publication over a date
        # it recalls ("the worst since 11 September 2001"); a follow-up years on keeps its older date
        recent = [d for d in usable if (x := iso_date(d.date)) and (base - x).days <= RECENT_DAYS]
        usable = recent or usable
    for want in (lambda d: d.precision == "day" and not d.relative, lambda d: d.precision == "day",
                 lambda d: d.precision == "month"):
        hit = next((d for d in usable if want(d)), None)
        if hit:
            return hit
    if base is not None and rules.on("foreign-publication-day"):
        return DateMention(text="", start=-1, end=-1, date=base.isoformat(), precision="day", relative=True)
    return None
