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


@dataclass(frozen=True, slots=True)
class Frame:
    """One lemma frame: a trigger lemma and, optionally, what the trigger acts on or who does it."""

    value: str
    weight: float
    triggers: frozenset[str]  # lemmas; "shell/v": the verb only
    role: str  # "any" (the trigger alone), "obj" (what it acts on), "subj" (who does it), "from" (where from)
    args: frozenset[str] | None  # None: any argument (or none)


@lru_cache(maxsize=1)
def case_frames() -> tuple[Frame, ...]:
    """The CASE/ACLED lemma frames (``data/types/case_frames.tsv``)."""

    def lemmas(col: str) -> frozenset[str]:
        return frozenset(w.strip().lower() for w in col.split("|") if w.strip())

    return tuple(
        Frame(code, float(w), lemmas(trig), role.strip(), None if args.strip() == "*" else lemmas(args))
        for code, w, trig, role, args in _read_tsv("case_frames.tsv")
    )


_OBJ_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
_SUBJ_DEPS = frozenset({"nsubj"})


def _names(tok) -> set[str]:  # noqa: ANN001 - a spaCy Token
    """A noun's lemma, with its compounds ("air force"), and its conjuncts and "of" nouns
    ("a number of barracks", "shops and houses")."""
    out: set[str] = set()
    todo, seen = [tok], set()
    while todo:
        t = todo.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        lemma = t.lemma_.lower()
        out.add(lemma)
        comp = " ".join(c.lemma_.lower() for c in t.children if c.dep_ in ("compound", "amod"))
        if comp:
            out.add(f"{comp} {lemma}")
        for c in t.children:
            if c.dep_ == "conj":
                todo.append(c)
            elif c.dep_ == "prep" and c.text.lower() == "of":
                todo.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _arguments(tok, role: str) -> set[str]:  # noqa: ANN001 - a spaCy Token
    """The lemmas of what a trigger acts on ("obj"), of who does it ("subj") or of where from ("from")."""
    out: set[str] = set()
    if role == "from":  # "withdrew from the town"
        for c in tok.children:
            if c.dep_ == "prep" and c.text.lower() == "from":
                for g in c.children:
                    if g.dep_ == "pobj":
                        out |= _names(g)
        return out
    if role == "obj":
        for c in tok.children:
            if c.dep_ in _OBJ_DEPS:
                out |= _names(c)
        if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):  # "burned shops" (not "troops deployed
            out |= _names(tok.head)  # there", which describes the troops)
    else:
        for c in tok.children:
            if c.dep_ in _SUBJ_DEPS:
                out |= _names(c)
            elif c.dep_ == "agent":  # passive: "hit by warplanes"
                for g in c.children:
                    if g.dep_ == "pobj":
                        out |= _names(g)
        if tok.dep_ == "conj" and not any(c.dep_ in _SUBJ_DEPS for c in tok.children):
            out |= _arguments(tok.head, "subj")  # "jets flew in and bombed": the first verb's subject
    return out


def frame_score(
    doc_or_span: Doc | Span, lead_end: int, upto: int | None = None
) -> tuple[dict[str, float], dict[str, tuple[float, int, str]]]:
    """Weighted lemma-frame scores per value, and per value its best trigger (as ``score``).

    Needs lemmas and a dependency parse; a Doc without them (a blank tokenizer) scores nothing.
    """
    scores: dict[str, float] = {}
    triggers: dict[str, tuple[float, int, str]] = {}
    base = doc_or_span.start_char if hasattr(doc_or_span, "start_char") else 0
    frames = case_frames()
    hits: dict[int, int] = {}
    for tok in doc_or_span:
        lemma = tok.lemma_.lower()
        if not lemma or (upto is not None and tok.idx - base >= upto):
            continue
        keys = {lemma} | {f"{lemma}_{c.text.lower()}" for c in tok.children if c.dep_ == "prt"}
        if tok.pos_ == "VERB":
            keys |= {f"{k}/v" for k in keys}
        for n, fr in enumerate(frames):
            if not (keys & fr.triggers) or hits.get(n, 0) >= _MAX_HITS:
                continue
            if fr.args is not None and not (_arguments(tok, fr.role) & fr.args):
                continue
            hits[n] = hits.get(n, 0) + 1
            pos = tok.idx - base
            w = fr.weight * _weight_at(pos, lead_end)
            scores[fr.value] = scores.get(fr.value, 0.0) + w
            best = triggers.get(fr.value)
            if best is None or (w, -pos) > (best[0], -best[1]):
                triggers[fr.value] = (w, pos, tok.text)
    return scores, triggers

