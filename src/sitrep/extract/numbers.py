"""Numbers as news writes them: "At least 60", "Up to four", "Dozens", "14 million", "a dozen".

``parse_number`` turns such a phrase into ``(low, high, qualifier)``. Digits are read here;
number words go through ``text2num`` (never ``word2number``: it silently returns wrong values).

Vague amounts become numbers the way ACLED codes them, conservatively (low end first):

    a couple 2 (2-3)   a few 3 (3-5)      several 3 (3-9)     a handful 3 (3-5)
    a dozen 12         dozens 12 (12-99)  scores 20 (20-99)   tens 10 (10-99)
    hundreds 100 (100-999)                thousands 1000 (1000-9999)

Qualifiers are normalized to: "at least", "more than", "up to", "about", "nearly",
"fewer than", or the vague word itself ("dozens", "hundreds", "several", ...).
Fractions and percentages ("two-thirds", "40%") are not counts: ``None``. ``not_a_count`` tells,
in a parsed sentence, a number that measures something (an age, a year, a sum, a size, an address)
from one that counts people.
"""
from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from sitrep import lexicon, rules

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: Leading words -> normalized qualifier (longest phrases first when matching).
QUALIFIERS: dict[str, str] = lexicon.mapping("qualifiers")
#: Vague amounts -> (low, high, qualifier).
VAGUE: dict[str, tuple[int, int | None, str]] = {
    r[0]: (int(r[1]), int(r[2]), r[3]) for r in lexicon.rows("vague")
}
#: Number words -> value (None for "and", which only joins); a phrase of these only is read by text2num.
NUMBER_WORDS: dict[str, int | None] = {
    r[0]: int(r[1]) if len(r) > 1 else None for r in lexicon.rows("number_words")
}
#: The number words that multiply ("14 million").
_SCALES = {w: v for w, v in NUMBER_WORDS.items() if v is not None and v >= 100}
_FRACTION = re.compile(r"\b(half|halves|thirds?|quarters?|fifths?|percent|per cent|%)\b|%")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^(?:between |from )?(.+?)\s*(?:-|–|to|or|and)\s*(.+)$")


@functools.lru_cache(maxsize=1)
def _qualifier_re() -> re.Pattern[str]:
    alts = sorted(QUALIFIERS, key=len, reverse=True)
    return re.compile(r"^(" + "|".join(re.escape(a) for a in alts) + r")\s+(.*)$")


def _plain(text: str) -> int | None:
    """A single amount without qualifier: "60", "6,200", "sixty-two", "14 million", "1.5 million"."""
    t = text.strip().lower().replace("\u2019", "'")
    if not t:
        return None
    if _DIGITS.match(t):
        v = float(t.replace(",", ""))
        # (a run of 309+ digits is an infinite float: no count)
        return int(v) if math.isfinite(v) and v == int(v) else None
    parts = t.split()
    if len(parts) == 2 and _DIGITS.match(parts[0]) and parts[1] in _SCALES:
        v = float(parts[0].replace(",", "")) * _SCALES[parts[1]]
        return int(v) if math.isfinite(v) else None
    if t in ("a", "an"):
        return None
    if t in ("a dozen", "dozen"):
        return 12
    words = t.replace("-", " ").split()
    if not all(w in NUMBER_WORDS for w in words):
        return None
    if words and words[0] in ("a", "an"):  # "a hundred"
        words = ["one", *words[1:]]
    try:
        from text_to_num import text2num

        return int(text2num(" ".join(words), "en"))
    except ValueError:
        return None


def parse_number(text: str) -> tuple[int | None, int | None, str | None] | None:
    """(low, high, qualifier) for a number phrase, or None when it is not a count."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    t = t.strip(" .,;:()")
    if not t or _FRACTION.search(t):
        return None
    qualifier = None
    m = _qualifier_re().match(t)
    if m:
        qualifier, t = QUALIFIERS[m.group(1)], m.group(2)
    t = re.sub(r"^(the|some|of)\s+", "", t)
    t = re.sub(r"\s+(of|people|persons)$", "", t)
    if t in VAGUE:
        low, high, vague_q = VAGUE[t]
        return low, high, qualifier or vague_q
    value = _plain(t)
    if value is not None:
        return value, value, qualifier
    r = _RANGE.match(t)
    if r:
        lo, hi = _plain(r.group(1)), _plain(r.group(2))
        if lo is not None and hi is not None and lo <= hi:
            return lo, hi, qualifier
    return None


# --- numbers that measure, not count ----------------------------------------------------------

_MEASURES = lexicon.classes("measures")
#: Nouns that make a number something other than a count of people.
_UNITS = _MEASURES["unit"]
#: Words just before a number that make it an age, a money sum, an address, a rank.
_BEFORE_NOT_COUNT, _PARENTS, _STREETS = _MEASURES["before"], _MEASURES["parent"], _MEASURES["street"]
#: Words a list of ages follows ("aged 45, 52 and 75").
_BEFORE_AGE = _MEASURES["age"]
#: Entities a number is part of the name of.
_NAME_ENTS = frozenset(("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"))
_EXCLUDED_ENTS = frozenset(("DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"))
_VAGUE_WORDS_SET = frozenset(w for k in VAGUE for w in k.split() if w not in ("a", "of"))


_LIST_GLUE = frozenset(", and or to - – between".split())


def _in_age_list(doc: Doc, a: int) -> bool:
    """A number in a list of ages: "four women aged 45, 52, 67 and 75", "aged between 18 and 25"."""
    for k in range(a - 1, max(-1, a - 16), -1):
        low = doc[k].lower_
        if low in _BEFORE_AGE:
            return True
        if not (low in _LIST_GLUE or doc[k].like_num):
            return False
    return False


def _bare_number_entity(doc: Doc, core: int) -> bool:
    """The tagger's name entity at ``core`` is the number alone ("Twelve" tagged a product in "Twelve
    firefighters were injured"): a name holds more than a number ("FOX 8", "Apollo 11")."""
    if not rules.on("figure-bare-number-name"):
        return False
    ent = next((e for e in doc.ents if e.start <= core < e.end), None)
    return ent is not None and all(t.like_num for t in ent)


def _initials_before_noun(doc: Doc, b: int) -> bool:
    """A group's initials, then a noun, after a number ("1 TMF fighter", which the tagger calls a quantity
    as it would "1 MW"): the number counts the noun. Off with the figure-acronym-modifier family."""
    if b + 1 >= len(doc) or not rules.on("figure-acronym-modifier"):
        return False
    t = doc[b]
    return t.is_alpha and t.is_upper and 2 <= len(t.text) <= 6 and doc[b + 1].pos_ == "NOUN"


def not_a_count(doc: Doc, a: int, b: int, core: int, *, count_words: Collection[str] = (),
                person_words: Collection[str] = ()) -> bool:
    """True when the number phrase at tokens [a, b) is an age, year, time, sum, address, size...

    ``count_words`` right after a number keep it a count even inside a date entity ("2 dead");
    ``person_words`` before "<comma> 25 <comma>" make the number an age ("a boy, 7, ...").
    """
    if _in_age_list(doc, a):
        return True
    if doc[core].ent_type_ in _NAME_ENTS and not _bare_number_entity(doc, core):
        return True  # part of a name: "FOX 8", "Route 91 Harvest", "Apollo 11"
    head = doc[core]
    vague_date = head.ent_type_ == "DATE" and head.lower_ in _VAGUE_WORDS_SET  # "several" inside a date
    if head.ent_type_ in _EXCLUDED_ENTS and not vague_date:
        nxt = doc[b].lower_ if b < len(doc) else ""
        if nxt not in count_words and not _initials_before_noun(doc, b):
            return True
    text = doc[a:b].text
    if re.search(r"\d:\d|\d{3}-\d{4}|\d{6,}", text):  # times, phones, case numbers
        return True
    if re.fullmatch(r"(1[89]|20)\d\d", doc[b - 1].text):  # a year
        return True
    if b < len(doc):
        nxt = doc[b].lower_
        if nxt in _UNITS or nxt == "-" and b + 1 < len(doc) and doc[b + 1].lower_ in _UNITS:
            return True
        if nxt in ("%", "th", "st", "nd", "rd", "'s", "\u2019s", "s", "gunshot", "stab", "bullet", "gun"):
            return True
    if a > 0:
        prev = doc[a - 1].lower_
        if prev in _BEFORE_NOT_COUNT:
            return True
        # "John Smith, 25, ...", "a boy, 7, ..." or "(25)": an age after a name or a person
        if prev in (",", "(") and a > 1 and (doc[a - 2].is_title or doc[a - 2].lower_ in person_words) \
                and (b == len(doc) or doc[b].text in (",", ")", "-", "–", "—", "|")):
            return True
        if prev == "of" and a > 1 and doc[a - 2].lower_ in _PARENTS:  # "a mother of three"
            return True
        if prev == "." and doc[a - 1].idx + 1 == doc[a].idx:  # ".357 Magnum"
            return True
    if re.fullmatch(r"\d+", doc[a:b].text) and any(t.lower_.rstrip(".") in _STREETS for t in doc[b:b + 4]):
        return True  # an address: "1200 Main Street", "the 4100 block of Roland Avenue"
    return False
