"""Actors: perpetrators, claims of responsibility (and how they were made), denials and targets.

Rules over sentences: a claim verb ("claimed responsibility", "claimed credit") and its subject,
a denial verb and its subject, an attack verb and its subject and object. Names are read from the
text (a named group, a state, a person) or kept as the description the text gives ("gunmen").
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from sitrep import lexicon
from sitrep.extract import groups
from sitrep.nlp import annotated, doc_text
from sitrep.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

# A subject: up to ~8 words ending right before the verb, not crossing a clause boundary.
_SUBJ = (
    r"(?P<who>(?:[\w'’.&()\-\"“”]+ ){0,8}?[\w'’.&()\-\"“”]+),?\s+(?:(?:has|have|had|also|later|"
    r"reportedly|allegedly|quickly|swiftly|subsequently|then|publicly|now|also|since|"
    r"(?:was|were) quick to|(?:was|were) swift to|went on to)\s+)*"
)
_CLAIM_ACTIVE = re.compile(
    _SUBJ + r"(?:claimed|claims|claiming|asserted|accepted|took|takes) (?:the )?(?:responsibility|credit)"
    r"|" + _SUBJ.replace("who", "who2") + r"claimed (?:the |this |that |an? |two |three |several |both )?"
    r"(?:attacks?|bombings?|shootings?|killings?|"
    r"assaults?|arsons?|fires?|blasts?|massacres?|incidents?|explosions?)"
    r"|"
    + _SUBJ.replace("who", "who3")
    + r"(?:confessed|admitted) (?:to )?(?:being responsible|responsibility|"
    r"(?:the|all|both) (?:attacks?|bombings?|shootings?|arsons?|fires?|killings?|bombs?))",
    re.I,
)
_CLAIM_PASSIVE = re.compile(
    r"(?:responsibility|credit) (?:for [^.;]{1,80}? )?(?:was|"
    r"has been|had been) (?:claimed|asserted|taken) by "
    r"(?P<who>(?:the )?[\w'’.&()\-]+(?: [\w'’.&()\-]+){0,7})"
    r"|claims? of responsibility (?:from|by) (?P<who2>(?:the )?[\w'’.&()\-]+(?: [\w'’.&()\-]+){0,7})"
    r"|(?:an? )?(?:organization|group) (?:calling itself|called) "
    r"(?P<who3>[\w'’.&()\-]+(?: [\w'’.&()\-]+){0,6})",
    re.I,
)
# A claim with no claimant named: "the incident was claimed via an e-mail".
_CLAIM_UNNAMED = re.compile(
    r"\b(?:attacks?|incidents?|bombings?|arsons?|fires?|it) (?:was|were|has been|had been) claimed\b"
    r"|\bclaimed (?:responsibility|response|credit)\b",
    re.I,
)
_NO_CLAIM = re.compile(
    r"\b(no (?:group|one|organi[sz]ation|individual)(?: or (?:group|individual|organi[sz]ation))?"
    r"(?: has| had| have)? (?:yet |immediately |publicly )?(?:claimed|taken|accepted)|"
    r"(?:has|have|had) not (?:yet )?(?:been )?claimed|unclaimed|no claim of responsibility)\b",
    re.I,
)
_DENY = re.compile(
    _SUBJ + r"(?:denied|denies|deny|denying|rejected|rejects|dismissed|refuted|refutes|disavowed|rebuffed|"
    r"repudiated) (?:any |all |the )?(?:[\w\-]+ )?(?:involvement|responsibility|role|part|link|links|"
    r"connection|accusations?|allegations?|claims?|reports?|charges?|speculations?|suggestions?|rumou?rs?|"
    r"that|it|having|being)",
    re.I,
)
# The verbs the claim and denial patterns turn on: a sentence without one is not tried against them
# (their open subject makes them slow on every sentence).
_CLAIM_WORD = re.compile(r"claim|responsib|credit|confess|admit|calling itself|called", re.I)
_DENY_WORD = re.compile(r"\b(?:den[iy]|reject|dismiss|refut|disavow|rebuff|repudiat)", re.I)
#: How a claim was made: (label, pattern searched in its sentence), in file order
#: (data/lang/en/claim_channels.tsv).
_HOW: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.I)) for label, pattern in lexicon.rows("claim_channels")
)
_PERP = re.compile(
    r"(?P<who>\b(?:unknown|unidentified|armed|masked|suspected|"
    r"several|two|three|four|five|a group of|an?|the)?\s*"
    r"(?:perpetrators?|assailants?|attackers?|gunm[ae]n|gunman|militants?|terrorists?|insurgents?|rebels?|"
    r"bombers?|arsonists?|shooters?|suicide bombers?|jihadists?|extremists?))\b",
    re.I,
)
_GROUP_AFTER = re.compile(
    r"\s*(?:\([A-Z]+\)\s*)?(perpetrators?|members?|militants?|activists?|extremists?|"
    r"fighters?|operatives?|nationalists?|assailants?|attackers?)\b",
    re.I,
)
# Words the NER often takes into a name: "Suspected Black" is no group.
_QUALIFIER = re.compile(r"^(?:(?:suspected|unknown|unidentified|alleged|several|two|three|four|five)\s+)+",
                        re.I)
_GROUP_BEFORE = re.compile(
    r"\b(?:members? of|militants of|on behalf of|linked to|affiliated with|associated with|belonging to|"
    r"attributed (?:the \w+ |it )?to)\s+(?:the\s+)?$",
    re.I,
)
# "the Front is believed responsible", "the Front was suspected of the bombing"
_SUSPECTED_AFTER = re.compile(
    r"\s+(?:is|are|was|were|has been|have been) (?:believed|suspected|thought|said) "
    r"(?:to be )?(?:responsible|behind|of)\b",
    re.I,
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
    # a relative clause points back: "the Front, the group that" -> "the Front, the group"
    who = re.sub(r"\s+(?:that|which|who)$", "", who, flags=re.I)
    # keep what follows the last clause break ("..., the Armed Front" -> "the Armed Front")
    who = re.split(r"[,;:]\s+|\s+(?:and|but|while|after|as|when|that|which|who)\s+", who)[-1]
    # "the Islamic State group" -> "the Islamic State"
    who = re.sub(r"\s+(?:group|organi[sz]ation|movement|militants|network|cell)$", "", who, flags=re.I)
    who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.I)
    return who.strip(" .,'’\"")


_CAP_WORD = r"(?:[A-Z][\w'’.&\-]*|\([A-Z]+\)|\d{1,3}\b|of|the|for|and|de|la|al|el)"  # "Force 26"
_LEADING_RUN = re.compile(rf"^{_CAP_WORD}(?:\s+{_CAP_WORD})*")
_TRAILING_RUN = re.compile(rf"{_CAP_WORD}(?:\s+{_CAP_WORD})*$")


def _name_run(words: str, *, leading: bool) -> str:
    """The capitalized run that names a group: first words after "by", last words before a verb."""
    m = (_LEADING_RUN if leading else _TRAILING_RUN).search(words)
    if not m or not m.group(0)[:1].isupper():
        return words
    return re.sub(r"\s+(?:of|the|for|and|de|la|al|el)$", "", m.group(0))


def _entity_name(doc: Doc, start: int, end: int) -> tuple[str, str] | None:
    """The first ORG/GPE/PERSON entity inside a char range (the subject; later ones are appositions)."""
    found = [
        e
        for e in doc.ents
        if e.start_char >= start and e.end_char <= end and e.label_ in ("ORG", "NORP", "GPE", "PERSON")
    ]
    # a nationality adjective ("Islamic", "Ukrainian") names a group only when nothing better is there
    named = [e for e in found if e.label_ != "NORP"] or found
    if not named:
        return None
    ent = named[0]
    # a nationality or creed ("African American", "anti-Muslim") describes, it does not name
    kind = {"ORG": "group", "NORP": "description", "GPE": "state", "PERSON": "person"}[ent.label_]
    if kind == "group" and _PERSONAL.match(ent.text) and not _GROUP_WORD.search(ent.text):
        kind = "person"  # the NER calls many a "Jane Doe" an organization
    return re.sub(r"^the\s+", "", ent.text, flags=re.I), kind


def _who(doc: Doc, m: re.Match[str]) -> tuple[str, str, int, int] | None:
    """The name a match's subject group names: an entity inside it, else the cleaned words."""
    for g in ("who", "who2", "who3"):
        if g in m.re.groupindex and m.group(g):
            s, e = m.span(g)
            ent = _entity_name(doc, s, e)
            words = _name_run(_clean(m.group(g)), leading=m.re is _CLAIM_PASSIVE)
            name = ent[0] if ent else words
            # "the Islamic State group": the capitalized words say more than a nationality entity
            if (
                ent
                and ent[1] in ("group", "description")
                and ent[0] in words
                and len(words) > len(ent[0])
                and words[:1].isupper()
            ):
                # "Muslim extremist" is a description; "Islamic State group" a name
                generic = _BARE.match(words[words.index(ent[0]) + len(ent[0]):].strip())
                name, ent = words, (words, "description" if generic else "group")
            if not name or _GENERIC.match(name) and not ent or name.lower() in _POINTERS:
                # "the Front (TF), the group that now claims...": the name stands right before the pointer
                appos = _APPOSITION.search(m.string[:s])
                if appos:
                    return appos.group(1), "group", appos.start(1), appos.end(1)
                before = [
                    x
                    for x in doc.ents
                    if x.end_char <= s and s - x.end_char < 150 and x.label_ in ("ORG", "PERSON", "GPE")
                ]
                if before:
                    x = ([b for b in before if b.label_ == "ORG"] or before)[-1]
                    kind = {"ORG": "group", "GPE": "state", "PERSON": "person"}[x.label_]
                    return re.sub(r"^the\s+", "", x.text, flags=re.I), kind, x.start_char, x.end_char
                name = _clean(m.group(g))
                if not name or name.lower() in _POINTERS:
                    # "a local man, who confessed": the description before the pointer
                    desc = re.search(r"((?:\w+ ){0,3}\w+),\s*$", m.string[:s])
                    if not desc:
                        return None
                    return _clean(desc.group(1)), "description", desc.start(1), desc.end(1)
                return name, "description", s, e
            kind = ent[1] if ent else (
                ("person" if _PERSONAL.match(name) and not _GROUP_WORD.search(name) else "group")
                if name[:1].isupper() else "description"
            )
            return name, kind, s, e
    return None


# A name the NER missed: "Jane Q. Doe" reads as a person unless a word says it is a group.
_PERSONAL = re.compile(r"^[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'\-]+){1,2}$")
_GROUP_WORD = re.compile(
    r"\b(?:Front|Army|Party|League|Movement|Brigades?|Group|Organi[sz]ation|Council|Forces?|Gang|Cells?|"
    r"Division|Resistance|Coalition|Union|Liberation|Commandos?|Klan|State|Team|Society|Alliance|Network|"
    r"Committee|Underground|Brotherhood|Nation|Militia|Jihad|Battalion|Legion|Order|Guard|Association|"
    r"Federation|Squad|Unit|Revolutionary|Patriots?|Fighters|Mujahideen|Taliban|Haram|Shabaa?b|Qa[ei]da)\b"
)
_APPOSITION = re.compile(r"((?:[A-Z][\w\-]+ )*[A-Z][\w\-]+(?: \([A-Z][\w\-]+\))?),\s*$")
#: Words that stand for an actor named elsewhere, never a name (data/lang/en/actor_pointers.txt).
_POINTERS = frozenset(r[0] for r in lexicon.rows("actor_pointers"))


def _how(sentence: str) -> str | None:
    found = [label for label, rx in _HOW if rx.search(sentence)]
    return ", ".join(found) if found else None


def _sentences(doc: Doc, text: str) -> list[tuple[int, str]]:
    if annotated(doc, "SENT_START"):
        return [(s.start_char, text[s.start_char:s.end_char]) for s in doc.sents]
    out, pos = [], 0
    for part in re.split(r"(?<=[.!?])\s+", text):
        start = text.find(part, pos)
        out.append((start, part))
        pos = start + len(part)
    return out


def extract_actors(doc: Doc) -> list[Actor]:
    """Perpetrators, claims (with how), denials and targets the text names, each with its evidence span."""
    actors: list[Actor] = []
    seen: set[tuple[str, str]] = set()
    text = doc_text(doc)
    ents = list(doc.ents)
    shifted = [_Ent(e.text, e.label_, e.start_char, e.end_char) for e in ents]

    def add(role: str, name: str, kind: str | None, start: int, end: int, how: str | None = None) -> None:
        name = _MEMBERS_OF.sub("", name.strip(" \"“”'")).strip()
        if not name:
            return
        if kind in ("group", "state", "person") and (_NOT_A_NAME.match(name) or _AUTHORITY.match(name)):
            kind = "description"  # "There were...", "the FBI": words or authorities, not an actor's name
        if kind == "group" and groups.describes(name):
            kind = "description"  # "Suspected White Racists": capitals, but no name
        if kind == "group":
            name = groups.canonical(name) or _with_acronym(text, name, end)
        # a kind ("Puerto Rican Nationalists") is kept beside the description it reads ("nationalists")
        key = (role, f"{kind}:{name.lower()}" if kind == "category" else name.lower())
        if key in seen:
            # the same claimant again: keep every channel the claim went through
            prior = next(a for a in actors if a.role == role and a.name.lower() == name.lower())
            if how:
                hows = [h for h in (prior.how or "").split(", ") if h] + how.split(", ")
                prior.how = ", ".join(dict.fromkeys(hows))
            return
        seen.add(key)
        actors.append(
            Actor(role=role, name=name, text=text[start:end], start=start, end=end, how=how, kind=kind)
        )

    for base, sent in _sentences(doc, text):
        if _NO_CLAIM.search(sent):
            continue
        named = False
        claims = (_CLAIM_ACTIVE, _CLAIM_PASSIVE) if _CLAIM_WORD.search(sent) else ()
        for rx in claims:
            for m in rx.finditer(sent):
                who = _who_in(shifted, m, base)
                if who:
                    named = True
                    add("claimed_by", who[0], who[1], who[2], who[3], _how(sent))
                    add("perpetrator", who[0], who[1], who[2], who[3])
        unnamed = _CLAIM_UNNAMED.search(sent)
        if unnamed and not named:
            m = unnamed
            add("claimed_by", "unnamed claimant", "description", base + m.start(), base + m.end(), _how(sent))
        for m in _DENY.finditer(sent) if _DENY_WORD.search(sent) else ():
            who = _who_in(shifted, m, base)
            if who and who[1] != "description":
                add("denied_by", who[0], who[1], who[2], who[3])
        for ent in _group_candidates(doc, text, ents, base, base + len(sent)):
            if ent.label_ in ("ORG", "NORP"):
                after = text[ent.end_char : ent.end_char + 40]
                before = text[max(0, ent.start_char - 40) : ent.start_char]
                noun = _GROUP_AFTER.match(after)
                suspected = _SUSPECTED_AFTER.match(after)
                if not (noun or suspected or _GROUP_BEFORE.search(before) or _attacks(ent)) or not (
                    suspected or _acts(ent)
                ):
                    continue
                name = _QUALIFIER.sub("", re.sub(r"^the\s+", "", ent.text, flags=re.I))
                if noun and (ent.label_ == "NORP" or " " not in name):
                    # "Muslim extremists", "Suspected Black militants": a creed or a colour with a
                    # noun describes people; alone, the adjective is a fragment, not a group's name
                    words = f"{name} {noun.group(1).lower()}"
                    add("perpetrator", words, "description", ent.start_char, ent.end_char + noun.end())
                elif ent.label_ == "ORG":
                    add("perpetrator", name, "group", ent.start_char, ent.end_char)
        for m in _PERP.finditer(sent):
            add(
                "perpetrator",
                re.sub(r"^(?:a )?(?:group|band|gang) of\s+|^of\s+", "", _clean(m.group("who")), flags=re.I),
                "description",
                base + m.start("who"),
                base + m.end("who"),
            )
    for kind, start, end in groups.kinds_in(text):
        add("perpetrator", kind, "category", start, end)
    return _tidy(actors)


# Verb forms by their stem: lemmas are not always there (a Doc read back from a cache has none).
_SUSPECT_VERB = re.compile(
    r"^(suspect|believ|thought|think|accus|blam|arrest|charg|convict|identif|link|tie|tied|claim|said|say|report)",
    re.I,
)
_ATTACK_VERB = re.compile(
    r"^(attack|bomb|firebomb|fire-bomb|set|threw|throw|toss|plac|plant|detonat|explod|shot|shoot|fir|open|kill|"
    r"burn|torch|ambush|kidnap|abduct|hijack|stab|assassinat|destroy|damag|raid|storm|target|launch|carri|blew|"
    r"blow)",
    re.I,
)


def _acts(ent: Span) -> bool:
    """Whether a name stands on the acting side of its sentence: the subject, or the agent after "by".

    "Members of the Front bombed..." acts; "the leader of the Front's office was attacked" does not.
    Without a parse (hand-built Docs) every name counts.
    """
    if not annotated(ent.doc, "DEP"):
        return True
    tok = ent.root
    for _ in range(10):
        if tok.dep_ in ("nsubj", "agent", "csubj"):
            return True
        if tok.dep_ == "nsubjpass":  # "members of the Front were suspected / arrested"
            return bool(_SUSPECT_VERB.match(tok.head.text))
        if tok.dep_ == "ROOT" or tok.head is tok:
            return False
        tok = tok.head
    return False


def _attacks(ent: Span) -> bool:
    """Whether a name is the subject of an attack verb ("The Front bombed...") or the agent of one in
    the passive ("...was torched by the Front"); False without a parse."""
    if not annotated(ent.doc, "DEP"):
        return False
    root = ent.root
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        return bool(_ATTACK_VERB.match(root.head.head.text))
    return root.dep_ == "nsubj" and bool(_ATTACK_VERB.match(root.head.text))


def _group_candidates(doc: Doc, text: str, all_ents: list[Span], start: int, end: int) -> list[Span]:
    """ORG and NORP entities of one sentence, and the well-known group names the NER missed there."""
    ents = [e for e in all_ents if start <= e.start_char < end and e.label_ in ("ORG", "NORP")]
    taken = [(e.start_char, e.end_char) for e in ents]
    for m in groups.alias_pattern().finditer(text, start, end):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        span = doc.char_span(m.start(), m.end(), label="ORG", alignment_mode="expand")
        if span is not None:
            ents.append(span)
    return sorted(ents, key=lambda e: e.start_char)


def _who_in(ents: list[_Ent], m: re.Match[str], base: int) -> tuple[str, str, int, int] | None:
    """``_who`` for a match made on one sentence starting at ``base`` (``ents``: the Doc's entities)."""
    who = _who(_Shifted(ents, base), m)
    return None if who is None else (who[0], who[1], who[2] + base, who[3] + base)


class _Shifted:
    """A view of a Doc whose entity offsets are relative to one sentence (for sentence-level matches)."""

    __slots__ = ("ents",)

    def __init__(self, ents: list[_Ent], base: int) -> None:
        self.ents = [_Ent(e.text, e.label_, e.start_char - base, e.end_char - base) for e in ents]


class _Ent:
    __slots__ = ("text", "label_", "start_char", "end_char")

    def __init__(self, text: str, label: str, start: int, end: int) -> None:
        self.text, self.label_, self.start_char, self.end_char = text, label, start, end


def primary_perpetrator(actors: list[Actor]) -> str | None:
    """The perpetrator to report, GTD-style: the claiming group, else a named group, else the kind of
    perpetrator the text describes ("White extremists"); None when unknown.

    A lone person's name is not reported: GTD names groups, and codes a lone actor by its kind.
    """
    # a state named near a claim ("...in the United States. An unknown group claimed") is no perpetrator
    order = (("claimed_by", ("group",)), ("perpetrator", ("group",)), ("perpetrator", ("category",)))
    for role, kinds in order:
        for a in actors:
            if a.role == role and a.kind in kinds and a.name:
                return a.name
    return None


_BARE = re.compile(
    r"^(?:the |a |an )?(?:perpetrators?|assailants?|attackers?|gunm[ae]n|militants?|terrorists?|insurgents?|"
    r"rebels?|bombers?|arsonists?|shooters?|jihadists?|extremists?|suspects?)$",
    re.I,
)


def _same_group(a: str, b: str) -> bool:
    """"ISIS-K" and "Islamic State-Khorasan (ISIS-K)": one name is the other's acronym or its long form."""
    return b.endswith(f"({a})") or b.startswith(f"{a} (")


def _tidy(actors: list[Actor]) -> list[Actor]:
    """One entry per actor: acronym and long form merged (the long form kept), bare words such as
    "terrorist" or "the attackers" dropped beside a better perpetrator, and the generic kind dropped
    once a group is named."""
    out: list[Actor] = []
    for a in actors:
        if a.kind == "group":
            longer = next((b.name for b in actors if b.kind == "group" and b.name != a.name
                           and _same_group(a.name, b.name)), None)
            if longer:
                a.name = longer
        if any(b.role == a.role and (b.kind == "category") == (a.kind == "category")
               and b.name.lower() == a.name.lower() for b in out):
            continue
        out.append(a)
    perps = [a for a in out if a.role == "perpetrator"]
    named = any(a.kind == "group" for a in perps)
    specific = named or any(a.kind == "description" and not _BARE.match(a.name) for a in perps)
    keep = []
    for a in out:
        if a.role == "perpetrator" and a.kind == "category" and named:
            continue
        if a.role == "perpetrator" and a.kind == "description" and _BARE.match(a.name):
            singular = a.name.lower().rstrip("s")
            twin = any(k.kind == "description" and k.name.lower().rstrip("s") == singular for k in keep)
            if specific or twin:
                continue
        keep.append(a)
    return keep


_MEMBERS_OF = re.compile(
    r"^(?:(?:suspected |alleged )?(?:members?|supporters?|militants?) of )?(?:the )?", re.I
)
_NOT_A_NAME = re.compile(
    r"^(?:there|this|these|those|it|they|he|she|we|no|none|some|many|several|all|both)\b", re.I
)
_AUTHORITY = re.compile(
    r"^(?:the )?(?:FBI|CIA|ATF|DHS|police|authorities|officials|government|federal|state|county|city|"
    r"(?:\w+ )*(?:police|department|sheriff'?s? office|bureau|ministry|court|agency))\b",
    re.I,
)


def _with_acronym(text: str, name: str, end: int) -> str:
    """GTD spells groups "Name (ACRONYM)": add the acronym the text gives, or expand an acronym it defines."""
    if re.search(r"\([A-Z]{2,8}\)$", name):
        return name
    after = re.match(r"\s*\(([A-Z]{2,8})\)", text[end:end + 14])
    if after:
        return f"{name} ({after.group(1)})"
    if re.fullmatch(r"[A-Z]{2,8}", name):
        words = r"((?:[A-Z][\w'\-]+ )(?:(?:of|the|for|and|de) |[A-Z][\w'\-]+ ){0,6})"
        full = re.search(words + r"\(" + name + r"\)", text)
        if full:
            return f"{_MEMBERS_OF.sub('', full.group(1).strip())} ({name})"
    return name


def claimed(actors: list[Actor]) -> int | None:
    """GTD's ``claimed``: 1 when the text reports a claim of responsibility, else 0 (no claim reported)."""
    return 1 if any(a.role == "claimed_by" for a in actors) else 0
