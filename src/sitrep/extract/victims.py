"""Counts implied by people, without a number: "a 17-year-old was shot and killed" -> killed 1.

The people reader of ``figures.extract_figures`` (it needs the dependency parse): a counted
person with a casualty verb ("a man and a woman were shot, one fatally"), a body found, a victim
in critical condition. Each reading becomes a ``Figure`` like the number reader's.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.extract.figures import ATTACKER_NOUNS, NEGATORS, PERSON_NOUNS, make_figure
from sitrep.records import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_KILL_VERBS = frozenset("killed died dies die dead slain murdered fatally perished killing kills murdering "
                        "assassinated assassinating lynched beheaded".split())
_HURT_VERBS = frozenset("wounded injured hurt hospitalized hospitalised wounding injuring".split())
_INTRANSITIVE = frozenset("died dies die dead perished".split())
_FOUND_VERBS = frozenset("found discovered recovered located pulled finds find found".split())
_REFLEXIVE = frozenset("himself herself themselves".split())


def _is_age(tok: Token) -> bool:
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in ("year", "years")


#: Singular nouns that are killed or hurt without being people.
_NOT_PEOPLE = frozenset(
    "dog cat horse animal cow cattle goat sheep deer bird car vehicle truck house home building window "
    "door wall attack explosion blast fire incident shooting bomb device it this that which what project "
    "plan deal bill game team company business one number total unknown airstrike strike raid ambush "
    "clash explosion shelling operation fighting accident crash fight gunfire violence".split()
)


_ORG_HEADS = frozenset(
    "department office police service agency inc company corporation party union group army forces front "
    "movement brigade ministry government council committee center centre school university bank store "
    "restaurant club church court".split()
)


def _victims(subj: Token, *, lenient: bool = False) -> int:
    """How many people a subject names: "a man" 1, "a man and a woman" 2; 0 when not people or counted.

    ``lenient`` (for "killed", "died", "wounded") accepts any singular noun that is not a thing:
    whoever is killed is nearly always a person ("the court's administrative chief").
    """
    people = [subj, *[c for c in subj.conjuncts if c.i > subj.i]]
    count = 0
    for p in people:
        if any(c.dep_ == "nummod" and not _is_age(c) for c in p.children) or p.like_num:
            return 0  # a number reader has it
        low = p.lower_
        is_person = low in PERSON_NOUNS or low in ATTACKER_NOUNS or p.ent_type_ == "PERSON" or (
            p.pos_ == "PROPN" and p.ent_type_ not in ("GPE", "LOC", "ORG", "FAC", "NORP", "DATE", "TIME"))
        if lenient and not is_person and p.pos_ in ("NOUN", "PROPN") and low not in _NOT_PEOPLE \
                and p.ent_type_ not in ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "PRODUCT") \
                and (p.ent_type_ != "ORG" or low not in _ORG_HEADS):
            is_person = True  # NER often reads a rank and a name ("Lance Corporal Ed Marsh") as an organization
        if low in ("he", "she") and p is not subj:
            is_person = False
        if not is_person or p.tag_ in ("NNS", "NNPS"):
            return 0
        count += 1
    return count


def _body_or_victim(tok: Token) -> Token | None:
    """A dead person named without a casualty verb: "a man's body was found", "found the body of a
    man", "the homicide victim", "the victim of a deadly shooting"."""
    low = tok.lower_
    if low == "body" and tok.head.lower_ in _FOUND_VERBS and tok.dep_ in ("nsubjpass", "dobj", "nsubj"):
        return tok
    if low == "victim":
        if any(c.dep_ == "compound" and c.lower_ in ("homicide", "murder") for c in tok.children):
            return tok
        for prep in (c for c in tok.children if c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if obj.lower_ in ("homicide", "murder", "killing") or any(
                        a.lower_ in ("deadly", "fatal") for a in obj.children):
                    return tok
    return None


_CONDITION_VERBS = frozenset("is was remains remained listed left leaves leaving be been".split())
_CARRY_VERBS = frozenset("taken transported rushed airlifted flown driven".split())


def _status_victim(tok: Token) -> Token | None:
    """The person a status phrase is about: "[a man] is in critical condition", "left [a man] in the
    hospital", "[he] was taken to the hospital", "[a victim] with a gunshot wound"."""
    low = tok.lower_
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None:
        return None
    verb = prep.head
    if low in ("condition", "hospital") and prep.lower_ == "in" and verb.lower_ in _CONDITION_VERBS:
        role = "dobj" if verb.lower_.startswith("le") else "nsubj"
        return next((c for c in verb.children if c.dep_ == role), None)
    if low == "hospital" and prep.lower_ == "to" and verb.lower_ in _CARRY_VERBS:
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if low in ("wound", "wounds") and any(c.lower_ == "gunshot" for c in tok.children) \
            and prep.lower_ in ("with", "from"):
        for cand in (verb, *verb.children, verb.head):
            if cand.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and cand.i < tok.i \
                    and cand.lower_ in PERSON_NOUNS:
                return cand
    return None


def people_figures(doc: Doc, sent: Span, **kw: str | None) -> list[Figure]:
    """Figures implied by counted people with a casualty verb (needs the dependency parse)."""
    out: list[Figure] = []
    seen: set[int] = set()
    for tok in sent:
        low = tok.lower_
        of_death = [c for p in tok.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        if low in ("death", "murder", "killing") and of_death:
            n = _victims(of_death[0], lenient=True)  # "leading to the death of a bystander"
            if n:
                lo_i, hi_i = tok.left_edge.i, of_death[0].i + 1
                out.append(make_figure(doc, sent, min(lo_i, tok.i), hi_i, "killed", n, n, None, None, **kw))
            continue
        status = _status_victim(tok)
        if status is not None:
            n = _victims(status)
            if n and status.i not in seen and not any(c.lower_ in NEGATORS for c in status.children):
                seen.add(status.i)
                lo_i, hi_i = min(status.left_edge.i, tok.i), max(status.i, tok.i) + 1
                out.append(make_figure(doc, sent, lo_i, hi_i, "injured", n, n, None, "shot", **kw))
            continue
        if low in ("shot", "wounded", "injured", "killed", "slain") and tok.dep_ == "acl" \
                and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i not in seen \
                and not any(c.dep_ == "dobj" for c in tok.children):
            n = _victims(tok.head, lenient=low != "shot")  # "a man shot Saturday", "left a man injured"
            if n:
                seen.add(tok.head.i)
                cat, scope = {"shot": ("injured", "shot"), "wounded": ("injured", None),
                              "injured": ("injured", None)}.get(low, ("killed", None))
                near = {c.lower_ for t in (tok, *tok.conjuncts) for c in (t, *t.children)}
                if near & _KILL_VERBS:  # "a man shot and killed by police", "girl shot at party dies"
                    cat, scope = "killed", None
                lo_i, hi_i = tok.head.left_edge.i, tok.i + 1
                out.append(make_figure(doc, sent, lo_i, hi_i, cat, n, n, None, scope, **kw))
            continue
        body = _body_or_victim(tok)
        if body is not None:
            if body.i not in seen:
                seen.add(body.i)
                out.append(make_figure(doc, sent, body.left_edge.i, body.i + 1, "killed", 1, 1, None, None,
                                       **kw))
            continue
        if low == "fatally" and tok.head.pos_ == "VERB":
            tok, low = tok.head, "killed"  # "accused of fatally shooting an officer"
        elif low == "death" and tok.head.lower_ == "to" and tok.head.head.pos_ == "VERB":
            tok, low = tok.head.head, "killed"  # "beaten to death"
        elif low in ("shooting", "shoots", "shoot"):
            low = "shot"  # "accused of shooting his wife", "child shoots himself"
        elif low not in _KILL_VERBS and low not in _HURT_VERBS and low != "shot":
            continue
        verb = tok
        if tok.dep_ in ("acomp", "oprd") and tok.head.pos_ in ("AUX", "VERB"):
            verb = tok.head  # "was found dead", "is dead"
        root = verb
        while root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX") and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            root = root.head
        if root.i in seen:
            continue
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        passive = any(c.dep_ == "nsubjpass" for c in root.children) or low in _INTRANSITIVE
        # "Woman shot, killed in ...": a headline's bare participle is a passive
        headline = tok.lower_ == low and not any(
            c.dep_ in ("dobj", "aux", "auxpass") or c.lower_ in ("at", "into", "through", "up")
            or c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children)
        if not passive and low not in _INTRANSITIVE and not headline:
            subjects = [c for c in verb.children if c.dep_ == "dobj"]  # "shot and killed a man"
        if subjects and subjects[0].lower_ in _REFLEXIVE:  # "he killed himself"
            subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if root.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("who", "that")):
            subjects = [root.head]  # "a 13-year-old who was shot and killed"
        if tok.head.lower_ in ("left", "leaves", "leaving", "leave") and tok.dep_ != "dobj":
            subjects = [c for c in tok.head.children if c.dep_ == "dobj"]  # "left a man injured"
            root = tok.head
        if not subjects or any(w.lower_ == "not" or w.dep_ == "neg" for w in root.children):
            continue
        n = _victims(subjects[0], lenient=low != "shot")
        if n == 0 or any(c.lower_ in NEGATORS for c in subjects[0].children):
            continue
        seen.add(root.i)
        chain = [root, *[c for c in root.conjuncts if c.i > root.i
                          and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]]
        words = {t.lower_ for v in chain for t in [v, *v.children]} | {low}
        after = sent.text[tok.idx - sent.start_char:]
        shot_dead = re.match(r"shot(,| and| &)? (dead|to death|killed)", after, re.I)
        if words & _KILL_VERBS or tok.lower_ == "shot" and shot_dead:
            category = "killed"
        elif words & _HURT_VERBS:
            category = "injured"
        elif "shot" in words:
            category = "shot"
        else:
            continue
        subj = subjects[0]
        scope = "attackers" if subj.lower_ in ATTACKER_NOUNS else None
        if category == "shot":
            category, scope = "injured", scope or "shot"
        lo_i = min(subj.left_edge.i, root.i, tok.i)
        hi_i = max(subj.i, root.i, tok.i) + 1
        fig = make_figure(doc, sent, lo_i, hi_i, category, n, n, None, scope, **kw)
        out.append(fig)
    return out
