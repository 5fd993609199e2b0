"""Numbers as news in other languages writes them: digits, number words, vague amounts.

Number words go through ``text2num`` for the languages it reads (fr, es, pt, de, it, nl); the others
(Russian, Turkish, Finnish, Hungarian, Icelandic) and vague amounts ("dizaines", "Hunderte",
"десятки") come from the language's ``numbers.tsv``, summed the way the words are said ("двадцать
пять" 25, "iki yüz elli" 250, "tuttugu og þrír" 23). Digits may carry a case ending that the
language's ``inflections.tsv`` takes off ("12:een", "145-en").
"""
from __future__ import annotations

import functools
import re

from sitrep.extract.foreign.lexicon import Lexicon

#: The languages ``text2num`` reads.
TEXT2NUM = frozenset(("fr", "es", "pt", "de", "it", "nl"))
#: Digits as written: "60", "1.200" / "1,200" (thousands) and "1 200" is two tokens (not read as one).
_DIGITS = re.compile(r"\d{1,3}(?:[.,\u202f]\d{3})+|\d+")
#: Digits with a case ending after a colon or hyphen ("12:een", "145-en"): read where one of the
#: language's ``inflections.tsv`` rules takes the ending off ("60-vuotias", an age, keeps it).
_SUFFIXED = re.compile(r"\d+[-:][^\W\d_]+")
#: A word joining the parts of one number ("vingt et un", "cincuenta y ocho", "cinquenta e oito",
#: "tuttugu og þrír").
JOINERS = frozenset(("et", "y", "e", "und", "и", "og", "-"))


def digits(word: str) -> int | None:
    """The value of a number written in digits, else None ("1.200" is 1200; "3,5" is no count)."""
    if not _DIGITS.fullmatch(word):
        return None
    return int(re.sub(r"\D", "", word))


@functools.lru_cache(maxsize=65536)
def _t2n(text: str, code: str) -> int | None:
    if code not in TEXT2NUM:
        return None
    from text_to_num import text2num

    try:
        return int(text2num(text, code))
    except (ValueError, IndexError):
        return None


def word_value(word: str, lex: Lexicon) -> tuple[int, str | None] | None:
    """One token's value: (value, qualifier) for a vague amount, (value, "scale") for a multiplier."""
    w = word.lower()
    if (d := digits(w)) is not None:
        return d, None
    if _SUFFIXED.fullmatch(w):
        for rx, repl in lex.inflections:
            if (d := digits(rx.sub(repl, w, count=1))) is not None:
                return d, None
    if (hit := lex.number_word(w)) is not None:
        return hit
    if w in JOINERS:
        return None
    v = _t2n(w, lex.code)
    return (v, None) if v is not None else None


def parse_run(words: list[str], lex: Lexicon) -> tuple[int, str | None] | None:
    """(value, vague qualifier) of the words of one number ("quatre-vingt-six", "двадцать пять")."""
    if not words:
        return None
    if len(words) == 1:
        hit = word_value(words[0], lex)
        return None if hit is None or hit[1] == "scale" else hit
    joined = " ".join(words).lower()
    v = _t2n(joined.replace(" - ", "-"), lex.code)
    if v is not None:
        return v, None
    total = current = 0
    vague: str | None = None
    for w in words:
        if w.lower() in JOINERS:
            continue
        hit = word_value(w, lex)
        if hit is None:
            return None
        value, qual = hit
        if qual == "scale":
            total += (current or 1) * value
            current = 0
        else:
            current += value
            vague = vague or qual
    return total + current, vague
