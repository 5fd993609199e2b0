"""Who gave a figure: "according to the FSB", "police said", "the group claimed".

``attribute(sentence, start, end)`` reads the sentence around a figure and returns the speaker
as written and its kind (authority, claimant, media, witness, unknown). It works on tokens
alone, so it needs no parser; a figure without a speaker in its sentence is "unknown".
"""
from __future__ import annotations

import functools
import logging
import re
from typing import TYPE_CHECKING

from sitrep import lexicon, rules
from sitrep.nlp import annotated

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

#: Verbs that introduce a source; "claim" ones mark the speaker as a claimant (unless an authority).
_VERB_KIND = lexicon.mapping("say_verbs")
SAY_VERBS = frozenset(_VERB_KIND)
CLAIM_VERBS = frozenset(w for w, k in _VERB_KIND.items() if k == "claim")
_SYNTAX = lexicon.classes("speaker_syntax")
#: Words that end a speaker phrase when reading outwards from the verb.
_STOP = _SYNTAX["stop"]
#: A phrase after the say verb that starts with one of these names no speaker ("he said on Monday").
_PREPOSITIONS = _SYNTAX["preposition"]

#: Kind of a speaker from the words in its name; the first kind in file order wins.
_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (kind, tuple(w.replace("_", " ") for w in words))
    for kind, words in ((k, [w for r in lexicon.rows("speakers") if r[0] == k for w in r[1].split()])
                        for k in dict.fromkeys(r[0] for r in lexicon.rows("speakers")))
)
#: Agencies best known by their acronym: the speaker is written "<name> (<ACRONYM>)" so that both match.
AGENCY_ACRONYMS: dict[str, str] = {r[0]: r[1] for r in lexicon.rows("agencies")}


def _with_acronym(speaker: str) -> str:
    low = speaker.lower()
    for name, acronym in AGENCY_ACRONYMS.items():
        if name in low and acronym not in speaker:
            return f"{speaker} ({acronym})"
    return speaker


_ACRONYM_WORDS = frozenset(AGENCY_ACRONYMS.values())


def _kind_of(speaker: str) -> str:
    s = " " + speaker.lower() + " "
    if any(w.strip("()") in _ACRONYM_WORDS for w in speaker.split()) or any(n in s for n in AGENCY_ACRONYMS):
        return "authority"  # a public agency, named in full or by its acronym
    for kind, words in _KINDS:
        if any(re.search(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])", s) for w in words):
            return kind
    return "unknown"


@functools.lru_cache(maxsize=4096)
def speaker_kind(speaker: str, *, claimed: bool = False) -> str:
    """The kind of a speaker phrase: authority, claimant, media, witness, or unknown; a speaker who
    claims the act is a claimant unless its name makes it an authority ("police claimed ..." is not)."""
    kind = _kind_of(speaker)
    if claimed and kind != "authority":
        return "claimant"
    return kind


def _clean(tokens: list[str]) -> str:
    text = " ".join(tokens).replace(" ,", ",").replace(" 's", "'s").replace(" ’s", "’s")
    return text.strip(" ,.;:\"“”")


def _according_to(words: list[str], lower: list[str]) -> tuple[int, str] | None:
    for i in range(len(lower) - 2):
        if lower[i] == "according" and lower[i + 1] == "to":
            taken: list[str] = []
            for w in words[i + 2:i + 12]:
                if w in (",", ".", ";", ":", "\u201d", '"', "(") or (taken and w.lower() in ("that", "who")):
                    break
                taken.append(w)
            if taken:
                return i, _clean(taken)
    return None


def _before_verb(words: list[str], lower: list[str], v: int) -> str:
    taken: list[str] = []
    for j in range(v - 1, max(-1, v - 9), -1):
        if lower[j] in _STOP or re.fullmatch(r"[\d,.]+", lower[j]):
            break
        taken.append(words[j])
    return _clean(list(reversed(taken)))


def _after_verb(words: list[str], lower: list[str], v: int) -> str:
    taken: list[str] = []
    for w in words[v + 1:v + 9]:
        if w.lower() in _STOP or w in (".", ",", ";"):
            break
        taken.append(w)
    return _clean(taken)


#: Lemma -> "say" or "claim", for verbs of saying read through the parse.
_SAY_LEMMAS = lexicon.mapping("say_lemmas")
#: How a say verb holds what was said: a clause ("said that ..."), an object ("reported 40 fatalities")...
_SAID = frozenset(("ccomp", "parataxis", "xcomp", "advcl", "dobj", "conj"))
#: ... and relations inside it that leave the speaker's words: a relative clause describes the object
#: ("claimed the attack, which killed 140" is the writer's figure, not the claimant's).
_DESCRIBED = frozenset(("relcl", "acl"))
#: A subject that is one of these is no speaker phrase ("he said").
_PRONOUNS = _SYNTAX["pronoun"]


def _head_of(sentence: Span, start: int, end: int) -> Token | None:
    """The token of [start, end) highest in the parse."""
    inside = [t for t in sentence if start <= t.idx < end]
    if not inside:
        return None
    return min(inside, key=lambda t: sum(1 for _ in t.ancestors))


def _noun_phrase(tok: Token) -> str | None:
    """A speaker phrase: the subject's words without the clauses hung on it ("Ruwan Gunasekara, a police
    spokesman", "the head of the health department"); None for a pronoun, a date or a number."""
    if tok.lower_ in _PRONOUNS or tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in (
            "DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
        return None
    cut = [c for c in tok.children if c.dep_ in ("relcl", "acl", "advcl", "ccomp")]
    tokens = [t for t in tok.subtree if not any(t in c.subtree for c in cut)]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens or len(tokens) > 14:
        return None
    return _clean([t.text for t in tokens])


def _speaker_of(verb: Token) -> str | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:  # "it was reported by the ministry"
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return _noun_phrase(subj) if subj is not None else None


def _according_to_parse(sentence: Span) -> str | None:
    for tok in sentence:
        if tok.lower_ == "according":
            for to in (c for c in tok.children if c.lower_ == "to"):
                obj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _noun_phrase(obj)
    return None


def _from_parse(sentence: Span, start: int, end: int) -> tuple[str, bool] | None:
    """(speaker, claimed) from the parse: the subject of the verb of saying whose complement holds the
    figure, or the object of "according to"; None when no source is named."""
    who = _according_to_parse(sentence)
    if who:
        return who, False
    head = _head_of(sentence, start, end)
    if head is None:
        return None
    path = [head, *head.ancestors]
    for below, verb in zip(path, path[1:], strict=False):
        if below.dep_ in _DESCRIBED:
            return None  # the figure describes something: the writer's words
        kind = _SAY_LEMMAS.get(verb.lemma_.lower())
        if kind and below.dep_ in _SAID:
            who = _speaker_of(verb)
            return (who, kind == "claim") if who else None
    # "Three people were killed, police said": the verb of saying hangs under the figure's clause
    clause = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    if clause is not None:
        for c in clause.children:
            if c.dep_ in ("parataxis", "advcl", "conj") and _SAY_LEMMAS.get(c.lemma_.lower()):
                who = _speaker_of(c)
                if who:
                    return who, _SAY_LEMMAS[c.lemma_.lower()] == "claim"
    return None


def attribute(sentence: Span, start: int, end: int) -> tuple[str | None, str]:
    """(speaker, kind) for a figure at char span [start, end) inside ``sentence``: from the parse where
    the Doc has one, else from the words around a verb of saying."""
    if annotated(sentence.doc, "DEP") and rules.on("attribution-parse"):
        found = _from_parse(sentence, start, end)
        if found is None:
            return None, "unknown"
        who, claimed = found
        return _with_acronym(who), speaker_kind(who, claimed=claimed)
    words = [t.text for t in sentence]
    lower = [w.lower() for w in words]
    found = _according_to(words, lower)
    if found:
        _, who = found
        return _with_acronym(who), speaker_kind(who)
    # Prefer the saying verb nearest the figure: a sentence may quote two sources.
    best: tuple[int, str, bool] | None = None
    for v, tok in enumerate(sentence):
        if lower[v] not in SAY_VERBS:
            continue
        who = _before_verb(words, lower, v)
        if not who or who.lower() in ("he", "she", "they", "it", "i", "we") and v + 1 < len(words):
            after = _after_verb(words, lower, v)
            if after.lower().startswith("by "):
                after = after[3:]
            if after and after.lower() not in ("that", "the", "a") and not re.match(r"^[\d,.]", after) \
                    and after.split()[0].lower() not in _PREPOSITIONS:
                who = after or who
        if not who or who.lower() in ("it", "this", "which"):
            continue
        dist = min(abs(tok.idx - start), abs(tok.idx - end))
        if best is None or dist < best[0]:
            best = (dist, who, lower[v] in CLAIM_VERBS)
    if best is None:
        return None, "unknown"
    _, who, claimed = best
    return _with_acronym(who), speaker_kind(who, claimed=claimed)
