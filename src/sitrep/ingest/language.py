"""A cheap language guess: the script of the letters, then the share of each language's commonest words.

Good enough to tell an English news report from a foreign one (which is stored but not extracted);
not a language identifier for short or mixed texts, which are given the benefit of the doubt.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

#: Latin-script languages we can name (a Latin text in another language is taken for the closest).
LATIN_LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "sv", "pl", "tr", "id", "ro", "cs", "da")
#: Non-Latin scripts and the language a news text in them most likely is (a guess, marked as such by
#: callers only through `language != "en"`, which is the decision that matters here).
SCRIPT_LANGUAGE = {
    "CYRILLIC": "ru", "ARABIC": "ar", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
    "DEVANAGARI": "hi", "GREEK": "el", "HEBREW": "he", "THAI": "th", "BENGALI": "bn", "TAMIL": "ta",
}
#: Below this many words we do not judge: the text is assumed to be English.
MIN_WORDS = 12
#: How many of each language's commonest words count as its function words.
TOP_WORDS = 60

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    from wordfreq import top_n_list

    return {lang: frozenset(top_n_list(lang, TOP_WORDS)) for lang in LATIN_LANGUAGES}


@lru_cache(maxsize=1)
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each function word -> the languages it is a function word of."""
    out: dict[str, list[str]] = {}
    for lang, words in _function_words().items():
        for w in words:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def _script(ch: str) -> str | None:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    first = name.split(" ", 1)[0]
    if first == "LATIN":
        return "LATIN"
    if first in SCRIPT_LANGUAGE:
        return first
    return None


def detect(text: str, *, sample: int = 5000) -> str:
    """ISO 639-1 code of the text's language as far as cheaply known; "en" when in doubt."""
    head = text[:sample]
    # ASCII letters are Latin; only the rest need a Unicode name lookup (which is slow per character).
    scripts = Counter(s for ch in _NON_ASCII.findall(head) if ch.isalpha() and (s := _script(ch)))
    if ascii_letters := len(_ASCII_LETTER.findall(head)):
        scripts["LATIN"] += ascii_letters
    if not scripts:
        return "en"
    script, n = scripts.most_common(1)[0]
    if script != "LATIN" and n > 0.5 * sum(scripts.values()):
        return SCRIPT_LANGUAGE[script]
    # Function words are written in lower case; capitalised names ("Al Qaryat") would only add noise.
    words = [w for w in _WORD.findall(head) if w.islower()]
    if len(words) < MIN_WORDS:
        return "en"
    hits: Counter[str] = Counter()
    languages = _languages_of()
    for w in words:
        hits.update(languages.get(w, ()))
    shares = {lang: hits[lang] / len(words) for lang in LATIN_LANGUAGES}
    best = max(shares, key=lambda k: shares[k])
    # English news prose has 30-50% of its words among English's commonest; a foreign text far fewer,
    # and more among its own language's. Ties go to English: a wrong "foreign" mark loses the article.
    if shares["en"] >= 0.25 or shares[best] < max(0.2, 1.5 * shares["en"]):
        return "en"
    return best
