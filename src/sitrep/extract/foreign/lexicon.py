"""One language's reading rules, loaded once from ``data/lang/<code>/*.tsv`` (see the README there).

A language is read when its folder exists; every file kind is required (``KINDS``) except
``inflections.tsv`` and ``script.tsv``. Malformed lines raise ``LexiconError`` naming the file, the
line and the fix.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from sitrep.errors import SitrepError
from sitrep.records import CATEGORIES

#: The file kinds every language folder holds, and how many columns each line has (min, max).
KINDS: dict[str, tuple[int, int]] = {
    "casualties": (2, 2), "persons": (1, 1), "qualifiers": (2, 3), "numbers": (2, 3), "dates": (3, 3),
    "cues": (2, 2), "types": (5, 5), "groups": (2, 2),
}
OPTIONAL: dict[str, tuple[int, int]] = {"inflections": (1, 2), "script": (1, 1)}
#: What ``script.tsv`` may say about how the language is written: ``caseless`` (no capitals, so any word
#: may be a name: Arabic), ``digit_stop`` (the blank tokenizer keeps a full stop on digits, "14.", though
#: the language writes no ordinal with one, so the stop is split off).
SCRIPT_TRAITS = ("caseless", "digit_stop")
#: The kinds of sentence cue a cues.tsv may declare.
CUE_KINDS = ("toll", "revision", "claim", "attribution", "authority", "background", "history",
             "place_prep", "place_adjective", "count_after", "not_place")
#: The qualifiers a figure may carry (as the English reader normalizes them, extract/numbers.py).
QUALIFIERS = ("at least", "more than", "up to", "about", "nearly", "fewer than")
#: ``day_after``: the language writes the month before the day ("december 3-án", "2018. december 11."),
#: and the pattern is the ending the day takes after its digits (its value column is unused, 0).
#: ``easter``: a feast named by its day relative to Easter Sunday ("Domingo de Pascua" 0, "Viernes
#: Santo" -2), the value its offset in days.
DATE_KINDS = ("month", "weekday", "relative", "day_after", "easter")


class LexiconError(SitrepError):
    """A language data file that cannot be read."""


@dataclass(slots=True)
class Lexicon:
    """Compiled reading rules for one language."""

    code: str
    casualties: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    persons: re.Pattern[str] | None = None
    qualifiers: list[tuple[str, str]] = field(default_factory=list)  # longest phrase first
    #: qualifiers the language writes after the figure ("5 أشخاص على الأقل"), longest first
    qualifiers_after: list[tuple[str, str]] = field(default_factory=list)
    numbers: list[tuple[re.Pattern[str], int, str | None]] = field(default_factory=list)
    months: list[tuple[re.Pattern[str], int]] = field(default_factory=list)
    weekdays: list[tuple[re.Pattern[str], int]] = field(default_factory=list)
    relative: list[tuple[str, int]] = field(default_factory=list)
    day_after: re.Pattern[str] | None = None  # month-first dates: the day's ending
    easter: list[tuple[re.Pattern[str], int]] = field(default_factory=list)  # days from Easter Sunday
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    types: list[tuple[str, str, str, str, re.Pattern[str]]] = field(default_factory=list)
    groups: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    inflections: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    script: frozenset[str] = frozenset()  # SCRIPT_TRAITS the language's script.tsv declares

    def casualty(self, word: str) -> str | None:
        """The figure category a lower-cased token names, if any."""
        return next((cat for cat, rx in self.casualties if rx.fullmatch(word)), None)

    def person(self, word: str) -> bool:
        return bool(self.persons and self.persons.fullmatch(word))

    def number_word(self, word: str) -> tuple[int, str | None] | None:
        """(value, qualifier-or-"scale") of a number word from numbers.tsv."""
        return next(((v, q) for rx, v, q in self.numbers if rx.fullmatch(word)), None)

    def cue(self, kind: str, text: str) -> re.Match[str] | None:
        rx = self.cues.get(kind)
        return rx.search(text) if rx else None


def _base() -> resources.abc.Traversable:
    return resources.files("sitrep").joinpath("data/lang")


@functools.cache
def languages() -> tuple[str, ...]:
    """The languages other than English that Sitrep reads (one data folder each), sorted."""
    return tuple(sorted(p.name for p in _base().iterdir()
                        if p.is_dir() and p.joinpath("casualties.tsv").is_file()))


def rows(code: str, kind: str) -> list[tuple[int, list[str]]]:
    """(line number, columns) of one data file, comments and blank lines skipped, columns checked."""
    spec = KINDS.get(kind) or OPTIONAL.get(kind)
    if spec is None:
        raise LexiconError(f"unknown language file kind {kind!r}; the kinds are {sorted(KINDS)}")
    path = _base().joinpath(code, f"{kind}.tsv")
    if not path.is_file():
        if kind in OPTIONAL:
            return []
        raise LexiconError(f"data/lang/{code}/{kind}.tsv is missing; every language folder needs one "
                           f"(see data/lang/README.md)")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        lo, hi = spec
        if not lo <= len(cols) <= hi:
            raise LexiconError(f"data/lang/{code}/{kind}.tsv line {n}: {len(cols)} column(s), expected "
                               f"{lo}{'-' + str(hi) if hi != lo else ''} separated by tabs")
        out.append((n, cols))
    return out


def _compile(code: str, kind: str, n: int, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise LexiconError(f"data/lang/{code}/{kind}.tsv line {n}: bad pattern {pattern!r} ({e})") from e


@functools.cache
def load(code: str) -> Lexicon:
    """The compiled rules of language ``code`` (cached per process)."""
    if code not in languages():
        raise LexiconError(f"Sitrep does not read language {code!r}; it reads en, {', '.join(languages())}")
    lex = Lexicon(code)
    for n, (cat, pat) in rows(code, "casualties"):
        if cat not in CATEGORIES:
            raise LexiconError(f"data/lang/{code}/casualties.tsv line {n}: unknown category {cat!r}")
        lex.casualties.append((cat, _compile(code, "casualties", n, pat)))
    persons = [pat for _, (pat,) in rows(code, "persons")]
    lex.persons = _compile(code, "persons", 0, "|".join(f"(?:{p})" for p in persons)) if persons else None
    for n, (phrase, qual, *where) in rows(code, "qualifiers"):
        if qual not in QUALIFIERS:
            raise LexiconError(f"data/lang/{code}/qualifiers.tsv line {n}: qualifier {qual!r} is not one of "
                               f"{QUALIFIERS}")
        if where and where[0] != "after":
            raise LexiconError(f"data/lang/{code}/qualifiers.tsv line {n}: third column {where[0]!r} is not "
                               "'after' (a phrase written after the figure)")
        (lex.qualifiers_after if where else lex.qualifiers).append((phrase.lower(), qual))
    lex.qualifiers.sort(key=lambda q: -len(q[0]))
    lex.qualifiers_after.sort(key=lambda q: -len(q[0]))
    for n, cols in rows(code, "numbers"):
        value = cols[1]
        if not value.isdigit():
            raise LexiconError(f"data/lang/{code}/numbers.tsv line {n}: value {value!r} "
                               "is not a whole number")
        lex.numbers.append((_compile(code, "numbers", n, cols[0]), int(value),
                            cols[2] if len(cols) > 2 else None))
    for n, (kind, pat, value) in rows(code, "dates"):
        if kind not in DATE_KINDS or not re.fullmatch(r"-?\d+", value):
            raise LexiconError(f"data/lang/{code}/dates.tsv line {n}: expected one of {DATE_KINDS} "
                               "and a number")
        if kind == "month":
            lex.months.append((_compile(code, "dates", n, pat), int(value)))
        elif kind == "weekday":
            lex.weekdays.append((_compile(code, "dates", n, pat), int(value)))
        elif kind == "day_after":
            lex.day_after = _compile(code, "dates", n, pat)
        elif kind == "easter":
            lex.easter.append((_compile(code, "dates", n, pat), int(value)))
        else:
            lex.relative.extend((w, int(value)) for w in pat.split("|"))
    for n, (kind, pat) in rows(code, "cues"):
        if kind not in CUE_KINDS:
            raise LexiconError(f"data/lang/{code}/cues.tsv line {n}: cue kind {kind!r} "
                               f"is not one of {CUE_KINDS}")
        lex.cues[kind] = _compile(code, "cues", n, pat)
    for n, (label, case, attack, weapon, pat) in rows(code, "types"):
        lex.types.append((label, case, attack, weapon, _compile(code, "types", n, pat)))
    for n, (name, pat) in rows(code, "groups"):
        lex.groups.append((name, _compile(code, "groups", n, pat)))
    for n, cols in rows(code, "inflections"):
        lex.inflections.append((_compile(code, "inflections", n, cols[0]), cols[1] if len(cols) > 1 else ""))
    for n, (trait,) in rows(code, "script"):
        if trait not in SCRIPT_TRAITS:
            raise LexiconError(f"data/lang/{code}/script.tsv line {n}: {trait!r} is not one of "
                               f"{SCRIPT_TRAITS}")
    lex.script = frozenset(trait for _, (trait,) in rows(code, "script"))
    return lex
