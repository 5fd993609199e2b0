"""Actors: perpetrators, claims of responsibility (and how they were made), denials and targets.

Rules over sentences: a claim verb ("claimed responsibility", "claimed credit") and its subject,
a denial verb and its subject, an attack verb and its subject and object. Names are read from the
text (a named group, a state, a person) or kept as the description the text gives ("gunmen").
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from sitrep.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# A subject: up to ~8 words ending right before the verb, not crossing a clause boundary.
_SUBJ = (
    r"(?P<who>(?:[\w'’.&()\-]+ ){0,8}?[\w'’.&()\-]+),?\s+(?:(?:has|have|had|also|later|"
    r"reportedly|allegedly|quickly|swiftly|subsequently|then|publicly)\s+)*"
)
_CLAIM_ACTIVE = re.compile(
    _SUBJ + r"(?:claimed|claims|claiming|asserted|accepted|took|takes) (?:the )?(?:responsibility|credit)"
    r"|"
    + _SUBJ.replace("who", "who2")
    + r"claimed (?:the |this |that )?(?:attack|bombing|shooting|killing|assault|"
    r"arson|fire|blast|massacre)",
    re.I,
)
_CLAIM_PASSIVE = re.compile(
    r"(?:responsibility|credit) (?:for [^.;]{1,80}? )?(?:was|"
    r"has been|had been) (?:claimed|asserted|taken) by "
    r"(?P<who>(?:the )?[\w'’.&()\-]+(?: [\w'’.&()\-]+){0,7})"
    r"|claims? of responsibility (?:from|by) (?P<who2>(?:the )?[\w'’.&()\-]+(?: [\w'’.&()\-]+){0,7})"
    r"|(?:an? )?(?:organization|group) calling itself (?P<who3>[\w'’.&()\-]+(?: [\w'’.&()\-]+){0,6})",
    re.I,
)
_NO_CLAIM = re.compile(
    r"\b(no (?:group|one|organi[sz]ation)(?: has| had)? (?:yet |immediately )?(?:claimed|taken|accepted)|"
    r"(?:has|have|had) not (?:yet )?(?:been )?claimed|unclaimed|no claim of responsibility)\b",
    re.I,
)
_DENY = re.compile(
    _SUBJ + r"(?:denied|denies|deny|denying|rejected|rejects|dismissed) (?:any |all |the )?(?:involvement|"
    r"responsibility|role|part|link|links|connection|accusations?|allegations?|claims?|reports?|charges?|"
    r"that|it|having|being)",
    re.I,
)
_HOW = (
    ("Amaq", re.compile(r"\bA+maq\b", re.I)),
    (
        "social media",
        re.compile(r"\b(social media|telegram|twitter|facebook|online post|posted online|x\.com)\b", re.I),
    ),
    ("video", re.compile(r"\bvideo\b", re.I)),
    ("letter", re.compile(r"\b(letter|communiqu[eé]|note|manifesto)\b", re.I)),
    ("phone call", re.compile(r"\b(phone call|telephone|called (a|the) (newspaper|radio|station))\b", re.I)),
    ("website", re.compile(r"\bwebsite\b", re.I)),
    ("statement", re.compile(r"\b(statement|announce\w*|declared)\b", re.I)),
)
_PERP = re.compile(
    r"(?P<who>\b(?:unknown|unidentified|armed|masked|suspected|"
    r"several|two|three|four|five|a group of|an?|the)?\s*"
    r"(?:perpetrators?|assailants?|attackers?|gunm[ae]n|gunman|militants?|terrorists?|insurgents?|rebels?|"
    r"bombers?|arsonists?|shooters?|suicide bombers?|jihadists?|extremists?))\b",
    re.I,
)
_GROUP_AFTER = re.compile(
    r"\s*(?:\([A-Z]+\)\s*)?(?:perpetrators?|members?|militants?|activists?|extremists?|"
    r"fighters?|operatives?)\b",
    re.I,
)
_GROUP_BEFORE = re.compile(
    r"\b(?:members? of|militants of|on behalf of|linked to|affiliated with)\s+(?:the\s+)?$", re.I
)
_LEAD_WORDS = re.compile(
    r"^(?:and|but|while|after|as|when|that|which|though|although|however|meanwhile|on \w+|"
    r"the group|a group|in|[\d/]+:)\s+",
    re.I,
)
_STATES = re.compile(
    r"^(?:the )?(?:government|ministry|kremlin|white house|pentagon|state department)\b|"
    r"^(?:[A-Z][a-z]+)$",
    re.I,
)
_GENERIC = re.compile(
    r"^(?:an? |the )?(?:individual|person|man|woman|assailant|perpetrator|group|he|she|they|it|"
    r"someone|no one|nobody|no group|unknown)\b",
    re.I,
)


def _clean(who: str) -> str:
    """Trim a subject phrase to its name: leading connectives, dates, articles and trailing commas go."""
    who = who.strip(" ,;:")
    for _ in range(3):
        who = _LEAD_WORDS.sub("", who)
    # keep what follows the last clause break ("..., the Armed Front" -> "the Armed Front")
    who = re.split(r"[,;:]\s+|\s+(?:and|but|while|after|as|when|that|which|who)\s+", who)[-1]
    who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.I)
    return who.strip(" .,'’\"")


_CAP_WORD = r"(?:[A-Z][\w'’.&\-]*|\([A-Z]+\)|of|the|for|and|de|la|al|el)"
_LEADING_RUN = re.compile(rf"^{_CAP_WORD}(?:\s+{_CAP_WORD})*")
_TRAILING_RUN = re.compile(rf"{_CAP_WORD}(?:\s+{_CAP_WORD})*$")


def _name_run(words: str, *, leading: bool) -> str:
    """The capitalized run that names a group: first words after "by", last words before a verb."""
    m = (_LEADING_RUN if leading else _TRAILING_RUN).search(words)
    if not m or not m.group(0)[:1].isupper():
        return words
    return re.sub(r"\s+(?:of|the|for|and|de|la|al|el)$", "", m.group(0))


def _entity_name(doc: Doc, start: int, end: int) -> tuple[str, str] | None:
    """The last ORG/NORP/GPE/PERSON entity inside a char range, with its kind."""
    best = None
    for ent in doc.ents:
        if ent.start_char >= start and ent.end_char <= end and ent.label_ in ("ORG", "NORP", "GPE", "PERSON"):
            kind = {"ORG": "group", "NORP": "group", "GPE": "state", "PERSON": "person"}[ent.label_]
            best = (re.sub(r"^the\s+", "", ent.text, flags=re.I), kind)
    return best


def _who(doc: Doc, m: re.Match[str]) -> tuple[str, str, int, int] | None:
    """The name a match's subject group names: an entity inside it, else the cleaned words."""
    for g in ("who", "who2", "who3"):
        if g in m.re.groupindex and m.group(g):
            s, e = m.span(g)
            ent = _entity_name(doc, s, e)
            name = ent[0] if ent else _name_run(_clean(m.group(g)), leading=m.re is _CLAIM_PASSIVE)
            if not name or _GENERIC.match(name) and not ent:
                kind = "description"
                name = _clean(m.group(g)) or "unknown"
                return (
                    (name, kind, s, e) if name.lower() not in ("he", "she", "they", "it", "no one") else None
                )
            kind = ent[1] if ent else ("group" if name[:1].isupper() else "description")
            return name, kind, s, e
    return None


def _how(sentence: str) -> str | None:
    found = [label for label, rx in _HOW if rx.search(sentence)]
    return ", ".join(found) if found else None


def _sentences(doc: Doc) -> list[tuple[int, str]]:
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.text) for s in doc.sents]
    out, pos = [], 0
    for part in re.split(r"(?<=[.!?])\s+", doc.text):
        start = doc.text.find(part, pos)
        out.append((start, part))
        pos = start + len(part)
    return out


def extract_actors(doc: Doc) -> list[Actor]:
    """Perpetrators, claims (with how), denials and targets the text names, each with its evidence span."""
    actors: list[Actor] = []
    seen: set[tuple[str, str]] = set()

    def add(role: str, name: str, kind: str | None, start: int, end: int, how: str | None = None) -> None:
        key = (role, name.lower())
        if key in seen or not name:
            return
        seen.add(key)
        actors.append(
            Actor(role=role, name=name, text=doc.text[start:end], start=start, end=end, how=how, kind=kind)
        )

    for base, sent in _sentences(doc):
        if _NO_CLAIM.search(sent):
            continue
        for rx in (_CLAIM_ACTIVE, _CLAIM_PASSIVE):
            for m in rx.finditer(sent):
                who = _who_in(doc, m, base)
                if who:
                    add("claimed_by", who[0], who[1], who[2], who[3], _how(sent))
                    add("perpetrator", who[0], who[1], who[2], who[3])
        for m in _DENY.finditer(sent):
            who = _who_in(doc, m, base)
            if who and who[1] != "description":
                add("denied_by", who[0], who[1], who[2], who[3])
        for ent in doc.ents:
            if ent.label_ in ("ORG", "NORP") and base <= ent.start_char < base + len(sent):
                after = doc.text[ent.end_char : ent.end_char + 40]
                before = doc.text[max(0, ent.start_char - 25) : ent.start_char]
                if _GROUP_AFTER.match(after) or _GROUP_BEFORE.search(before):
                    add(
                        "perpetrator",
                        re.sub(r"^the\s+", "", ent.text, flags=re.I),
                        "group",
                        ent.start_char,
                        ent.end_char,
                    )
        for m in _PERP.finditer(sent):
            add(
                "perpetrator",
                _clean(m.group("who")),
                "description",
                base + m.start("who"),
                base + m.end("who"),
            )
    return actors


def _who_in(doc: Doc, m: re.Match[str], base: int) -> tuple[str, str, int, int] | None:
    """``_who`` for a match made on one sentence starting at ``base``."""
    who = _who(_Shifted(doc, base), m)
    return None if who is None else (who[0], who[1], who[2] + base, who[3] + base)


class _Shifted:
    """A view of a Doc whose entity offsets are relative to one sentence (for sentence-level matches)."""

    __slots__ = ("ents",)

    def __init__(self, doc: Doc, base: int) -> None:
        self.ents = [_Ent(e.text, e.label_, e.start_char - base, e.end_char - base) for e in doc.ents]


class _Ent:
    __slots__ = ("text", "label_", "start_char", "end_char")

    def __init__(self, text: str, label: str, start: int, end: int) -> None:
        self.text, self.label_, self.start_char, self.end_char = text, label, start, end


def primary_perpetrator(actors: list[Actor]) -> str | None:
    """The perpetrator to report, GTD-style: the claimant, else a named group; None when unknown."""
    for role in ("claimed_by", "perpetrator"):
        for a in actors:
            if a.role == role and a.kind in ("group", "person", "state") and a.name:
                return a.name
    return None


def claimed(actors: list[Actor]) -> int | None:
    """GTD's ``claimed``: 1 when the text reports a claim of responsibility, else 0 (no claim reported)."""
    return 1 if any(a.role == "claimed_by" for a in actors) else 0
