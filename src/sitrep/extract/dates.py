"""Dates: every date expression in an article, resolved against the publication date; the event's date.

Only expressions our own patterns recognize become dates: general date parsers invent dates
("the 2000s" -> today, "six-year" -> a day), so none is used here.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

from sitrep import datewords, lexicon, rules
from sitrep.nlp import doc_text, sentence_bounds
from sitrep.records import DateMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Capitalized only: "may" and "march" are also common words.
_MONTH = rf"(?P<mon>{datewords.month_pattern()})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = rf"(?P<wd>{datewords.weekday_pattern()})"
_PART = r"(?: (?:morning|afternoon|evening|night|overnight))?"
#: The number words an "ago" date reads (data/lang/en/number_words.tsv, "a" and "an" to "ten").
_NUMBER_WORDS: dict[str, int] = {
    r[0]: int(r[1]) for r in lexicon.rows("number_words") if len(r) > 1 and 1 <= int(r[1]) <= 10
}
_AGO_N = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

#: (name, compiled pattern), most specific first; overlapping later matches are dropped.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("numeric", re.compile(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? {_YEAR}\b")),
    ("mdy", re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b")),
    ("wd_md", re.compile(rf"\b{_WEEKDAY},? {_MONTH} {_DAY}\b")),
    ("md", re.compile(rf"\b{_MONTH} {_DAY}\b(?!,? ?\d)")),
    ("dm", re.compile(rf"\b{_DAY} (?:of )?{_MONTH}(?!,? ?\d)")),
    ("my", re.compile(rf"\b{_MONTH},? {_YEAR}\b")),
    ("weekday", re.compile(rf"\b(?:(?:last|this|on|early|late) )?{_WEEKDAY}\b{_PART}", re.I)),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|the night before)\b" + _PART, re.I)),
    ("today", re.compile(r"\b(?:earlier |late )?(?:today|tonight|this (?:morning|afternoon|evening))\b",
                         re.I)),
    ("ago", re.compile(rf"\b(?P<n>\d+|{_AGO_N}) (?P<unit>day|week|month|year)s? ago\b", re.I)),
    ("last", re.compile(r"\b(?:last|earlier this|this|past) (?P<unit>week|month|year|weekend)\b", re.I)),
    ("year", re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id-?) {_YEAR}\b"
                        r"(?![-/]|\s+blocks?\b)")),
]
#: Words before a date that say it is when something was reported, not when it happened.
_REPORTED_RE = re.compile(r"(?:as |was |were |first )?report(?:ed|s)? (?:on|as of)\s*$|\bas of\s*$|"
                          r"(?:published|updated|posted|dated)\s*:?\s*(?:on\s*)?(?:[A-Z][a-z]+day,?\s*)?$",
                          re.I)


def _month(token: str) -> int:
    month = datewords.month(token)
    assert month is not None, token  # the patterns match only names the table has
    return month


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return _safe(int(m[1]), int(m[2]), int(m[3])) if m else None


def _past_year(month: int, day: int, base: dt.date) -> dt.date | None:
    """A month-day without a year: the latest such day not far after the base."""
    d = _safe(base.year, month, day)
    if d and d > base + dt.timedelta(days=7):
        d = _safe(base.year - 1, month, day)
    return d


def _resolve(
    kind: str, m: re.Match[str], base: dt.date | None, *, stamped: bool = False,
) -> tuple[str | None, str | None, bool] | None:
    """(iso date, precision, relative) for one match; None when it is not a usable date.

    ``stamped``: ``base`` is the page's publication stamp, which often lags the story by a day (a
    date in another time zone, or the first version's); a bare weekday one day after it is then
    that next day, not six days before ("Wednesday" on a page stamped Tuesday).
    """
    g = m.groupdict()
    if kind == "iso":
        d = _safe(int(g["year"]), int(g["m"]), int(g["day"]))
        return (d.isoformat(), "day", False) if d else None
    if kind == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        y = y + 2000 if y < 100 and y < 50 else (y + 1900 if y < 100 else y)
        if b == 0 and 1 <= a <= 12:  # "5/0/1970": the day is unknown
            return f"{y:04d}-{a:02d}", "month", False
        d = _safe(y, a, b) or _safe(y, b, a)  # US order first, else day/month
        return (d.isoformat(), "day", False) if d else None
    if kind in ("dmy", "mdy"):
        d = _safe(int(g["year"]), _month(g["mon"]), int(g["day"]))
        return (d.isoformat(), "day", False) if d else None
    if kind in ("md", "dm", "wd_md"):
        if base is None:
            return None, "day", True
        d = _past_year(_month(g["mon"]), int(g["day"]), base)
        return (d.isoformat(), "day", True) if d else None
    if kind == "my":
        return f"{int(g['year']):04d}-{_month(g['mon']):02d}", "month", False
    if kind == "year":
        return g["year"], "year", False
    if kind == "weekday":
        if base is None:
            return None, "day", True
        wd = datewords.weekday(g["wd"])
        assert wd is not None, g["wd"]
        back = (base.weekday() - wd) % 7
        if stamped and back == 6 and not m.group(0).lower().startswith("last") \
                and rules.on("date-stamp-lag"):
            back = -1
        return (base - dt.timedelta(days=back)).isoformat(), "day", True
    if kind == "yesterday":
        return ((base - dt.timedelta(days=1)).isoformat() if base else None), "day", True
    if kind == "today":
        return (base.isoformat() if base else None), "day", True
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS.get(g["n"].lower())
        unit = g["unit"].lower()
        if n is None or base is None:
            return None, None, True
        if unit == "day":
            return (base - dt.timedelta(days=n)).isoformat(), "day", True
        if unit == "week":
            return (base - dt.timedelta(days=7 * n)).isoformat(), "week", True
        if unit == "month":
            y, mo = divmod(base.year * 12 + base.month - 1 - n, 12)
            return f"{y:04d}-{mo + 1:02d}", "month", True
        return f"{base.year - n:04d}", "year", True
    if kind == "last":
        unit = g["unit"].lower()
        text = m.group(0).lower()
        if base is None:
            return None, None, True
        if unit in ("week", "weekend"):
            back = 0 if text.startswith("this") or text.startswith("earlier") else 7
            return (base - dt.timedelta(days=back)).isoformat(), "week", True
        if unit == "month":
            if text.startswith("last") or text.startswith("past"):
                y, mo = divmod(base.year * 12 + base.month - 2, 12)
                return f"{y:04d}-{mo + 1:02d}", "month", True
            return f"{base.year:04d}-{base.month:02d}", "month", True
        year = base.year - 1 if text.startswith("last") else base.year
        return f"{year:04d}", "year", True
    return None


def _raw_matches(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    found.sort(key=lambda f: f[0])
    return found


#: US police and local news give an address as "the 2000 block of Elm Street": a number, not a year.
_BLOCK_AFTER = re.compile(r"\s+blocks?\b", re.I)


def _entity_years(doc: Doc, found: list[tuple[int, int, str, re.Match[str]]]) -> list[tuple[int, int, str]]:
    """Bare years that spaCy tagged as a DATE entity on their own ("2004"), not caught by the rules."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "DATE" and re.fullmatch(r"(?:19|20)\d\d", ent.text):
            s, e = ent.start_char, ent.end_char
            if _BLOCK_AFTER.match(doc.text, e):
                continue  # "the 2000 block of Elm Street": a street address, not a year
            if not any(s < fe and fs < e for fs, fe, _, _ in found):
                out.append((s, e, ent.text))
    return out


def _first_absolute(text: str) -> dt.date | None:
    """The first full date the text writes: a report's dateline or its event, what "on Saturday"
    in the lines after it counts from (a later date is more often a follow-up's)."""
    for _s, _e, kind, m in _raw_matches(text):
        if kind in ("iso", "numeric", "dmy", "mdy"):
            r = _resolve(kind, m, None)
            d = _parse_iso(r[0]) if r else None
            if d:
                return d
    return None


def extract_dates(doc: Doc, *, published: str | None) -> list[DateMention]:
    """Every date expression in ``doc``, resolved against ``published``.

    Without a publication date, relative expressions ("on Friday") are resolved against the
    first absolute full date written in the text; if there is none they keep ``date=None``.
    A date introduced as a report date ("As reported on 29 April 2020") is marked ``relative``
    so that ``event_date`` ranks it below dates of the event itself.
    """
    text = doc_text(doc)
    stamp = _parse_iso(published)
    base = stamp or _first_absolute(text)
    out: list[DateMention] = []
    for s, e, kind, m in _raw_matches(text):
        resolved = _resolve(kind, m, base, stamped=stamp is not None)
        if resolved is None:
            continue
        date, precision, relative = resolved
        if kind == "weekday" and text[s:s + 3].lower() == "on ":
            s += 3  # the span is the date words, not the preposition
        if _REPORTED_RE.search(text[max(0, s - 30):s]):
            relative = True
        out.append(DateMention(text=text[s:e], start=s, end=e, date=date, precision=precision,
                               relative=relative))
    for s, e, year in _entity_years(doc, _raw_matches(text)):
        out.append(DateMention(text=year, start=s, end=e, date=year, precision="year", relative=False))
    out.sort(key=lambda d: d.start)
    return out


_TRIGGER_RE = re.compile(
    r"\b(?:shot|shoot(?:ing|s)?|gunfire|fired|kill(?:ed|ing|s)?|attack(?:ed|s)?|happened|occurred|explo(?:ded|sion)|"
    r"bomb(?:ed|ing)?|stabb(?:ed|ing)|died|dead|wounded|injur(?:ed|ies)|clash(?:ed|es)?|struck|raid(?:ed)?|"
    r"protest(?:ed|ers?)?|demonstrat(?:ed|ion|ors?)|fight(?:ing)?|airstrikes?|shell(?:ed|ing)|abduct(?:ed)?|"
    r"kidnapp(?:ed|ing)|arrest(?:ed)?|assault(?:ed)?|fire|crash(?:ed)?|murder(?:ed)?|robbery|carried out|"
    r"took place|opened fire|responded|called)\b", re.I)
#: Follow-up events: an arrest, a charge or a hearing happens after the incident the story is about
#: (a vigil too, unless the event happened at it).
_FOLLOWUP_RE = re.compile(r"\b(?:arrested|charged|arraigned|indicted|appeared|sentenced|identified|released|"
                          r"surrendered|captured|booked|"
                          r"(?<!at the )(?<!at a )(?<!during the )(?:funeral|vigil|memorial)|"
                          r"died (?:at|in) (?:the )?hospital)\b", re.I)
#: A toll's update in the date's sentence ("died on Monday, bringing the death toll to six"): the day of a
#: later death or count, not the event's (data/lang/en/toll_updates.txt).
_TOLL_UPDATE_RE = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(
    (r[0] for r in lexicon.rows("toll_updates")), key=len, reverse=True)) + r")\b", re.I)
#: Words that put a date in the past history or the future rather than at the event ("just before
#: 10 p.m. Friday" is a time of the event, not a time before it).
_HISTORY_RE = re.compile(r"\b(?:since|until|(?:before|after)(?!\s+(?:\d|noon|midnight|dawn|dusk|daybreak))|"
                         r"ago|previous|earlier attack|anniversary|"
                         r"will|scheduled|next|trial|sentenced|court|born|founded)\b", re.I)
#: The same words without a bare "before" or "after" (rule family date-after-clause): a date written
#: with "after" or "before" is the event's ("died after being shot Monday", "was shot Tuesday night
#: after an argument", "an argument before the shooting late Wednesday"), unless a stretch of time
#: comes between the date and the word ("remained closed Wednesday, two days after the shooting",
#: "described the scene Wednesday as it unfolded the night before": _SPAN_AFTER_RE).
_HISTORY_NO_AFTER_RE = re.compile(r"\b(?:since|until|ago|previous|earlier attack|anniversary|"
                                  r"will|scheduled|next|trial|sentenced|court|born|founded)\b", re.I)
_SPANS = "|".join(sorted(lexicon.words("date_spans"), key=len, reverse=True))
_SPAN_AFTER_RE = re.compile(rf"\b(?:{_SPANS})\s+(?:before|after)\b", re.I)
#: More event and follow-up words, as data (data/lang/en/date_cues.tsv; rule family date-more-cues).
_CUES = lexicon.classes("date_cues")


def _word_re(words: object) -> re.Pattern[str]:
    alternation = "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # type: ignore[call-overload]
    return re.compile(rf"\b(?:{alternation})\b", re.I)


_MORE_EVENT_RE = _word_re(_CUES.get("event", ()))
_MORE_FOLLOWUP_RE = _word_re(_CUES.get("followup", ()))
_PRECISION_RANK = {"day": 3, "week": 2, "month": 1, "year": 0}
#: What moves a date's score, added to its precision rank; the best score is the event's date (ties
#: go to the earlier date). Set by hand on gva-dev and gvdb-dev (2026-11-30); each rule family's
#: worth on dev and blind is measured by switching it off (BENCHMARKS.md, "Places and dates").
DATE_WEIGHTS = {
    # a casualty or event word in the date's sentence: it dates the event, not a statement
    "event_words": 3.0,
    # the date's only event words are of a death ("died early Tuesday"): a victim often dies a day or
    # more after the shooting the incident is dated by
    "death_only": -1.0,
    # an arrest, charge, hearing or funeral near the date: a follow-up, after the event
    "followup": -2.0,
    # "since", "until", "ago", "trial", "anniversary" near the date: history or the future
    "history": -3.0,
    # "on Friday" in a news story is nearly always the event's day; a hair above a full date
    "relative": 0.5,
    # "authorities said Wednesday", "as of Monday": when it was said or reported
    "report_day": -2.0,
    # a summary that opens with its event's date ("08/15/2012: ..."): GTD's summary format
    "summary_opening": 10.0,
    # a date alone on a short line near the top: a byline or publication line
    "dateline": -4.0,
    # per share of the span: earlier dates tell the event, later ones its aftermath
    "position": -2.0,
    # the day after the publication stamp: a stamp that lags tells the day the story was written
    # ("deputies searched Wednesday" on a page stamped Tuesday), after the event it tells
    "after_stamp": -3.0,
}


def event_date(
    doc: Doc, dates: list[DateMention], *, published: str | None, start: int = 0, end: int | None = None,
) -> DateMention | None:
    """The date of the event told in ``doc_text(doc)[start:end]``: the first well-placed, event-anchored date.

    Skips unresolved dates, dates after the publication date, a publication line at the top,
    history ("since 2004") and report dates, unless nothing better is left. A bare year that is
    the publication's own year says less than the publication day. With no date at all
    in the text, a news report tells what happened by its publication day: the publication date,
    as a mention with no span (start -1) and ``relative`` set.
    """
    text = doc_text(doc)
    end = len(text) if end is None else end
    pub = _parse_iso(published)
    scored: list[tuple[float, int, DateMention]] = []
    for d in dates:
        score = date_score(doc, d, pub, start=start, end=end)
        if score is not None:
            scored.append((score, -d.start, d))
    if not scored:
        if pub is not None and start == 0:
            return DateMention(text="", start=-1, end=-1, date=pub.isoformat(), precision="day",
                               relative=True)
        return None
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return scored[0][2]


def date_score(
    doc: Doc, d: DateMention, pub: dt.date | None, *, start: int = 0, end: int | None = None,
) -> float | None:
    """How well ``d`` dates the event told in ``doc_text(doc)[start:end]`` (``DATE_WEIGHTS``); None
    when it cannot be the event's date (unresolved, outside the stretch, in the future, a bare year
    that says nothing)."""
    text = doc_text(doc)
    end = len(text) if end is None else end
    if d.date is None or not (start <= d.start < end):
        return None
    day = _parse_iso(d.date)
    if pub and day and day > pub + dt.timedelta(days=1):
        return None  # the future: a trial, a funeral, a deadline
    if pub and d.precision == "year" and d.date and int(d.date[:4]) > pub.year:
        return None
    if pub and d.precision == "year" and d.date == f"{pub.year:04d}":
        return None  # "in 2016" in a story of 2016 says less than the publication day
    ss, se = _date_sentence(doc, text, d)
    sentence = text[ss:se]
    score = float(_PRECISION_RANK.get(d.precision or "year", 0))
    w = DATE_WEIGHTS
    if pub and day == pub + dt.timedelta(days=1) and rules.on("date-stamp-lag"):
        score += w["after_stamp"]
    more = rules.on("date-more-cues")
    if _TRIGGER_RE.search(sentence) or (more and _MORE_EVENT_RE.search(sentence)):
        score += w["event_words"]
        if rules.on("date-death-day") and not (more and _MORE_EVENT_RE.search(sentence)) \
                and all(m.group(0).lower() in _CUES.get("death", ()) for m in _TRIGGER_RE.finditer(sentence)):
            score += w["death_only"]
    near = text[max(ss, d.start - 60):min(se, d.end + 60)]
    if rules.on("date-followup") and (_FOLLOWUP_RE.search(near) or (more and _MORE_FOLLOWUP_RE.search(near))):
        score += w["followup"]
    elif rules.on("date-toll-update") and _TOLL_UPDATE_RE.search(sentence):
        score += w["followup"]
    window = text[max(ss, d.start - 40):min(se, d.end + 40)]
    if rules.on("date-history") and _is_history(window, text[d.end:min(se, d.end + 40)]):
        score += w["history"]
    report = rules.on("date-report-day") and _is_report_date(text, d)
    if d.relative and not report:
        score += w["relative"]
    if report:
        score += w["report_day"]
    if rules.on("date-summary-opening") and d.start - start < 3 and not d.relative \
            and text[d.end:d.end + 1] == ":":
        score += w["summary_opening"]
    elif rules.on("date-dateline") and _is_dateline(text, d):
        score += w["dateline"]
    score += w["position"] * (d.start - start) / max(1, end - start)
    return score


#: A clock time that ends in an abbreviation's full stop ("at 4:25 p.m. Saturday"), where the parser
#: may end a sentence.
_CLOCK_END_RE = re.compile(r"\d\s*[ap]\.m\.[ \t]*$", re.I)


def _date_sentence(doc: Doc, text: str, d: DateMention) -> tuple[int, int]:
    """The sentence a date is in. A date right after a clock time ("shot at 4:25 p.m. Saturday, police
    said") belongs to the clock time's sentence where the parser ended one at "p.m." (date-clock-sentence)."""
    ss, se = sentence_bounds(doc, d.start)
    if ss > 0 and d.start - ss < 2 and rules.on("date-clock-sentence") \
            and _CLOCK_END_RE.search(text[max(0, ss - 20):d.start]):
        ss = sentence_bounds(doc, ss - 1)[0]
    return ss, se


def _is_history(window: str, after: str) -> bool:
    """Words around a date (``window``; ``after``: the words after it) put it in the past history or
    the future: "since", "until", "trial"; "before" or "after" only past a stretch of time written
    after the date ("Wednesday, two days after the shooting"), where date-after-clause is on."""
    if not rules.on("date-after-clause"):
        return bool(_HISTORY_RE.search(window))
    if _SPAN_AFTER_RE.search(after):
        return True
    place_court = rules.on("date-court-place")
    return any(not (place_court and m.group(0) == "Court" and _is_place_court(window, m.start()))
               for m in _HISTORY_NO_AFTER_RE.finditer(window))


#: Words before "Court" that make it a court of law ("Superior Court", "Cook County Circuit Court");
#: "Court" after another capitalized name is a street or a housing complex ("in Mosby Court").
_COURT_KINDS = lexicon.words("court_kinds")


def _is_place_court(window: str, at: int) -> bool:
    """"Court" capitalized after a capitalized name that is no kind of court ("Mosby Court", "Lafayette
    Court"): a street or a housing complex, not a court of law (date-court-place)."""
    m = re.search(r"([A-Z][\w'’.-]*)\s+$", window[:at])
    word = re.sub(r"['’]s?$", "", m.group(1).lower().rstrip(".")) if m else ""
    return bool(word) and word not in _COURT_KINDS


#: A day named right after a verb of saying is when it was said: "authorities said Wednesday".
_SAID_RE = re.compile(r"\b(?:said|says|told (?:\w+ ){0,2}|announced|confirmed|reported)\s+(?:on\s+)?$", re.I)
#: ... or a statement, a release or a news conference ("stated in a news release Tuesday", "said in a
#: statement issued Friday", "during a news conference Thursday"): rule family date-statement-day.
_STATEMENT_RE = re.compile(r"\b(?:(?:said|stated|says|wrote|announced|confirmed)\s+)?(?:in|during|at)\s+"
                           r"(?:a|an|the)\s+(?:(?:news|press|written|brief|prepared)\s+)?"
                           r"(?:statement|release|conference|briefing|post|email|e-mail)"
                           r"(?:\s+(?:issued|released|sent|posted|held))?\s+(?:on\s+)?$", re.I)
_SAID_AFTER_RE = re.compile(r"\s+(?:said|announced|confirmed)\b", re.I)  # "Authorities Saturday said"
_WEEKDAY_RE = re.compile(rf"{datewords.weekday_pattern(abbreviations=False)}\b(?!['’]s)", re.I)


def _is_report_date(text: str, d: DateMention) -> bool:
    before = text[max(0, d.start - 30):d.start]
    if _REPORTED_RE.search(before):
        return True
    if not _WEEKDAY_RE.match(text, d.start):
        return False
    if rules.on("date-statement-day") and _STATEMENT_RE.search(text[max(0, d.start - 60):d.start]):
        return True
    return bool(_SAID_RE.search(before) or _SAID_AFTER_RE.match(text, d.end))


def _is_dateline(text: str, d: DateMention) -> bool:
    """A date alone on a short line near the top (a byline or publication line), not in a sentence."""
    if d.start > 600:
        return False
    ls = text.rfind("\n", 0, d.start) + 1
    le = text.find("\n", d.end)
    line = text[ls:le if le != -1 else len(text)]
    return len(line) < 80 and not _TRIGGER_RE.search(line)
