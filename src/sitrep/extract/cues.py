"""The cue lexicons of event types (``data/types/*.tsv``) and how a text scores against them.

Words in the title and first sentence count more than later words, and later text (history,
reactions) less; one repeated word must not outvote the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

LEAD_WEIGHT = 2.0  # title and first sentence name the event; later text is background more often
_BODY_WEIGHT = 1.0
_TAIL_WEIGHT = 0.4  # beyond the first ~1,000 characters: history, context, reactions
_TAIL_FROM = 1000
_MAX_HITS = 3  # one repeated word must not outvote the rest

@dataclass(frozen=True, slots=True)
class Cue:
    """One cue line: a code (or GTD field value), its weight and its pattern."""

    field: str
    value: str
    weight: float
    pattern: re.Pattern[str]


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files("sitrep").joinpath(f"data/types/{name}").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def case_cues() -> tuple[Cue, ...]:
    """The CASE/ACLED cue lexicon (``data/types/case_cues.tsv``)."""
    return tuple(
        Cue("case", code, float(w), re.compile(rx, re.I)) for code, w, rx in _read_tsv("case_cues.tsv")
    )


@lru_cache(maxsize=1)
def gtd_cues() -> tuple[Cue, ...]:
    """The GTD attack/weapon/target cue lexicon (``data/types/gtd_cues.tsv``)."""
    return tuple(Cue(f, v, float(w), re.compile(rx, re.I)) for f, v, w, rx in _read_tsv("gtd_cues.tsv"))


#: Cue weight from which one match says "an event of the taxonomy is told here". Measured: every cue
#: (weight 1 and up) adds the terse notes that name an event only weakly ("12 shots involving small
#: arms", "gathered to demand") and almost no general news (one more ecbplus-dev article of 772).
_NAMING_WEIGHT = 1.0


def names_event(text: str) -> bool:
    """Whether any cue of the event-type lexicon names an event in ``text`` (plain string work, no parse).

    Triage uses it so that every kind the taxonomy codes (an agreement, a seizure of weapons, a
    base set up, a diplomatic row) is parsed, not only the violent kinds its own word list knows.
    """
    return any(c.weight >= _NAMING_WEIGHT and c.pattern.search(text) for c in case_cues())


_LEAD_END_PUNCT = frozenset('.!?"\u201d\u2019\'')


def lead_end(doc_or_span: Doc | Span, text: str) -> int:
    """Char offset (relative to ``text``) where the first sentence ends."""
    base = doc_or_span.start_char if hasattr(doc_or_span, "start_char") else 0
    doc = doc_or_span.doc if hasattr(doc_or_span, "doc") else doc_or_span
    if doc.has_annotation("SENT_START"):
        # A dateline or a "Looting:" tag is not the lead, and a headline or byline (a line without
        # end punctuation) belongs to the lead that follows it.
        sents = list(doc_or_span.sents)
        for sent in sents:
            if sent.end_char - base > 40 and sent.text.rstrip()[-1:] in _LEAD_END_PUNCT:
                return sent.end_char - base
        for sent in sents:
            if sent.end_char - base > 40:
                return sent.end_char - base
    m = re.search(r"[.!?](\s|$)", text[40:])
    return 40 + m.end() if m else len(text)


def _weight_at(pos: int, lead_end: int) -> float:
    if pos < lead_end:
        return LEAD_WEIGHT
    return _BODY_WEIGHT if pos < _TAIL_FROM else _TAIL_WEIGHT


def score(
    cues: tuple[Cue, ...], text: str, title: str | None, lead_end: int
) -> tuple[dict[str, float], dict[str, tuple[float, int, str]]]:
    """Weighted cue scores per value, and per value its best trigger (score, position, words)."""
    scores: dict[str, float] = {}
    triggers: dict[str, tuple[float, int, str]] = {}
    for cue in cues:
        hits = 0
        if title and cue.pattern.search(title):
            scores[cue.value] = scores.get(cue.value, 0.0) + cue.weight * LEAD_WEIGHT
            hits += 1
        for m in cue.pattern.finditer(text):
            if hits >= _MAX_HITS:
                break
            hits += 1
            w = cue.weight * _weight_at(m.start(), lead_end)
            scores[cue.value] = scores.get(cue.value, 0.0) + w
            best = triggers.get(cue.value)
            if best is None or (w, -m.start()) > (best[0], -best[1]):
                triggers[cue.value] = (w, m.start(), m.group(0))
    return scores, triggers

