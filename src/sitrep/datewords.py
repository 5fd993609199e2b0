"""The date vocabulary: English month and weekday names, one table (``data/lexicons/calendar.tsv``).

Every reader that writes a date pattern builds it here (ingest's datelines, extraction's dates and
background sentences, linking's text dates), so that "Sept." or "Thurs." is a date everywhere or
nowhere. Nothing is read until first use. ``iso_date`` reads the ISO days records carry, for every
module that compares them.
"""
from __future__ import annotations

import datetime as dt
import functools
from importlib import resources


def iso_date(value: str | None) -> dt.date | None:
    """The day an ISO date or timestamp starts with ("2024-03-22", "2024-03-22T19:05:00Z"); None
    for nothing, a shorter value (a year, a month) or an impossible day."""
    try:
        return dt.date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


@functools.cache
def _table() -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """kind -> [(number, (full name, abbreviations...))], in file order."""
    out: dict[str, list[tuple[int, tuple[str, ...]]]] = {"month": [], "weekday": []}
    text = resources.files("sitrep").joinpath("data/lexicons/calendar.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, number, *names = line.split("\t")
        out[kind].append((int(number), tuple(n.strip().lower() for n in names if n.strip())))
    return out


@functools.cache
def months() -> dict[str, int]:
    """Every month name and abbreviation, lower case -> 1..12 ("sept" -> 9)."""
    return {n: num for num, names in _table()["month"] for n in names}


@functools.cache
def weekdays() -> dict[str, int]:
    """Every weekday name and abbreviation, lower case -> 0..6 (Monday is 0)."""
    return {n: num for num, names in _table()["weekday"] for n in names}


@functools.cache
def month_names() -> tuple[str, ...]:
    """The twelve full month names, lower case, January first."""
    return tuple(names[0] for _num, names in sorted(_table()["month"]))


@functools.cache
def weekday_names() -> tuple[str, ...]:
    """The seven full weekday names, lower case, Monday first."""
    return tuple(names[0] for _num, names in sorted(_table()["weekday"]))


def month(word: str) -> int | None:
    """The month a name or abbreviation stands for ("Sept." -> 9), else None."""
    return months().get(word.strip().rstrip(".").lower())


def weekday(word: str) -> int | None:
    """The weekday a name or abbreviation stands for ("Thurs." -> 3), else None."""
    return weekdays().get(word.strip().rstrip(".").lower())


def _alternation(names: list[str], capitalized: bool) -> str:
    words = sorted(names, key=len, reverse=True)  # "September" before "Sep"
    return "|".join(w.capitalize() if capitalized else w for w in words)


def month_pattern(*, capitalized: bool = True) -> str:
    """A regex alternation of month names and abbreviations, each with an optional full stop.

    ``capitalized`` writes them as "March", "Sept": for case-sensitive patterns, where "may" and
    "march" the words must not be months.
    """
    return rf"(?:{_alternation(list(months()), capitalized)})\.?"


def weekday_pattern(*, abbreviations: bool = True) -> str:
    """A regex alternation of weekday names; abbreviations ("Sat", "Wed") only capitalized, because
    "sat", "wed" and "sun" are words, whatever flags the caller compiles with."""
    full = "|".join(weekday_names())
    if not abbreviations:
        return rf"(?:{full})"
    short = sorted((n for n in weekdays() if n not in weekday_names()), key=len, reverse=True)
    # (?-i:...) keeps the abbreviations capitalized inside a case-insensitive pattern.
    return rf"(?:(?i:{full})|(?-i:{'|'.join(s.capitalize() for s in short)})\.?)"
