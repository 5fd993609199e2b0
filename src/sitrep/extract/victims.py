"""Counts implied by people, without a number: "a 17-year-old was shot and killed" -> killed 1.

The people reader of ``figures.extract_figures`` (it needs the dependency parse): a counted
person with a casualty verb ("a man and a woman were shot, one fatally"), a body found, a victim
in critical condition. Each reading becomes a ``Figure`` like the number reader's.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep import lexicon
from sitrep.extract.evidence import make_figure
from sitrep.extract.numbers import parse_number
from sitrep.nlp import doc_text
from sitrep.nlp.casualties import ordinal_value
from sitrep.records import Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WORDS = lexicon.classes("people_syntax")
ATTACKER_NOUNS, PERSON_NOUNS = lexicon.words("attackers"), lexicon.words("persons")
NEGATORS = lexicon.classes("figure_syntax")["negator"]
_KILL_VERBS, _HURT_VERBS = _WORDS["kill"], _WORDS["hurt"]
#: Nouns of harm a person suffers, receives or sustains; what hits a person who is then counted as shot.
_HARM_NOUNS, _PROJECTILES = _WORDS["harm_noun"], _WORDS["projectile"]
#: Verbs of a projectile meeting a person ("hit by a stray bullet", "a bullet grazed a boy").
_HIT = _WORDS["hit"]
#: Words above a "death of" that make it another event the text refers to ("protest over the killing of").
_REFERRING = _WORDS["referring"]
#: What an attacker does to a place or a crowd (the subject of these is the attacker).
_ATTACK_VERBS = _WORDS["attack_verb"]
#: Verbs whose complement did not happen ("threatened to kill", "attempted to kill").
_UNREAL, _MODALS = _WORDS["unreal"], _WORDS["modal"]
#: Harm that says nothing of who suffers it: only a counted person is read ("burned a house" is no figure);
#: only "shot" (physical_headline) also reads a bare headline participle.
_PHYSICAL_NOT_HEADLINE = _WORDS["physical"]
_PHYSICAL = _PHYSICAL_NOT_HEADLINE | _WORDS["physical_headline"]
_SUFFER, _INTRANSITIVE, _FOUND_VERBS = _WORDS["suffer"], _WORDS["intransitive"], _WORDS["found"]
_REFLEXIVE = _WORDS["reflexive"]
#: Plural people nouns a subject may be counted through ("the officers", "both victims").
PERSON_NOUNS_PLURAL = lexicon.words("persons_plural")


def _is_age(tok: Token) -> bool:
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ in ("year", "years")


#: Singular nouns that are killed or hurt without being people; heads of organisation names.
_NOT_PEOPLE, _ORG_HEADS = _WORDS["not_people"], _WORDS["org_head"]


def _named_person(p: Token) -> bool:
    """A name the NER tags as a person somewhere in the article ("Ann Moe ... Moe was killed", where
    the second "Moe" came out as a place)."""
    return p.pos_ == "PROPN" and any(
        e.label_ == "PERSON" and any(t.lower_ == p.lower_ for t in e) for e in p.doc.ents)


def _antecedent_count(subj: Token) -> int:
    """How many "the assailants" or "both officers" are: "both" says 2; else the last count of the same
    noun earlier in the article ("two assailants ... the assailants were killed", "Officers Ann Lee and
    Bo Kim ... the officers were shot"); 0 when unknown."""
    dets = {c.lower_ for c in subj.children if c.dep_ in ("det", "predet")}
    if "both" in dets:
        return 2
    if dets != {"the"} or subj.lower_ in ("people", "persons"):
        return 0  # "all the people that died" is no reference to a count
    for t in reversed(subj.doc[max(0, subj.i - 150):subj.i]):
        if t.lower_ == subj.lower_ and (t.tag_ in ("NNS", "NNPS") or t.dep_ == "compound"):
            if t.dep_ == "compound" and t.head.pos_ == "PROPN":  # "Officers Ann Lee and Bo Kim"
                return 1 + sum(1 for c in t.head.conjuncts if c.pos_ == "PROPN")
            nums = [c for c in t.children if c.dep_ == "nummod"]
            parsed = parse_number(nums[0].text) if nums else None
            if parsed and parsed[0] and parsed[0] == parsed[1]:
                return parsed[0]
            if nums:
                return 0
    return 0


def _victims(subj: Token, *, lenient: bool = False, plural: bool = False) -> int:
    """How many people a subject names: "a man" 1, "a man and a woman" 2; 0 when not people or counted.

    ``lenient`` (for "killed", "died", "wounded") accepts any singular noun that is not a thing:
    whoever is killed is nearly always a person ("the court's administrative chief"). A plural is
    counted only through its antecedent ("both officers", "the assailants" after "two assailants"),
    and only where ``plural`` says the subject undergoes the verb (not "the assailants shot ...").
    """
    people = [subj, *[c for c in subj.conjuncts if c.i > subj.i and c.pos_ not in ("VERB", "AUX")]]
    if plural and len(people) == 1 and subj.tag_ in ("NNS", "NNPS") and (
            subj.lower_ in PERSON_NOUNS_PLURAL or subj.lower_ in ATTACKER_NOUNS):
        return _antecedent_count(subj)
    count = 0
    for p in people:
        if any(c.dep_ == "amod" and ordinal_value(c) for c in p.children):
            return 0  # "a fifth person has died": the toll so far, which the number reader reads
        if any(c.dep_ == "nummod" and not _is_age(c) and not (p.pos_ == "PROPN" and c.i > p.i)
               for c in p.children) or p.like_num:  # "Ann Lee 49" gives an age
            return 0  # a number reader has it
        low = p.lower_
        is_person = low in PERSON_NOUNS or low in ATTACKER_NOUNS or p.ent_type_ == "PERSON" or (
            p.pos_ == "PROPN" and p.ent_type_ not in ("GPE", "LOC", "ORG", "FAC", "NORP", "DATE", "TIME")
        ) or lenient and _named_person(p)
        if lenient and not is_person and p.pos_ in ("NOUN", "PROPN") and low not in _NOT_PEOPLE \
                and p.ent_type_ not in ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "PRODUCT") \
                and (p.ent_type_ != "ORG" or low not in _ORG_HEADS):
            is_person = True  # NER reads a rank and name ("Corporal Ed Marsh") as an org
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
    if any(c.dep_ == "amod" and ordinal_value(c) for c in tok.children):
        return None  # "a 50th body was found": the toll so far, which the number reader reads
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


_CONDITION_VERBS, _CARRY_VERBS, _RELEASE_VERBS = _WORDS["condition"], _WORDS["carry"], _WORDS["release"]


def _status_victim(tok: Token) -> Token | None:
    """The person a status phrase is about: "[a man] is in critical condition", "left [a man] in the
    hospital", "[he] was taken to the hospital", "[two women] were released from the hospital", "[a
    victim] with a gunshot wound", "[a guard] was treated for injuries"."""
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
    if low == "hospital" and prep.lower_ == "from" and verb.lower_ in _RELEASE_VERBS:
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "released from the hospital"
    if verb.lower_ == "treated" and (low in ("hospital", "scene") and prep.lower_ in ("at", "in")
                                     or low in _HARM_NOUNS and prep.lower_ == "for"):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)  # "was treated at a hospital"
    if low in ("wound", "wounds") and any(c.lower_ == "gunshot" for c in tok.children) \
            and prep.lower_ in ("with", "from"):
        for cand in (verb, *verb.children, verb.head):
            if cand.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and cand.i < tok.i \
                    and cand.lower_ in PERSON_NOUNS:
                return cand
    return None


def _full_name(t: Token) -> tuple[str, ...]:
    return (*(c.lower_ for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"), t.lower_)


def _attacker_name(p: Token) -> bool:
    """A name the article gives the attacker elsewhere: the subject of an attack ("Ray Vance opened fire
    on ...") or named under an attacker noun ("an assailant, identified as Ray Vance")."""
    if p.pos_ != "PROPN" or p.conjuncts:
        return False
    full = _full_name(p)
    for t in p.doc:
        if t.i == p.i or t.lower_ != p.lower_:
            continue
        other = _full_name(t)
        if len(full) > 1 and len(other) > 1 and full != other:
            continue  # a relative with the same surname
        verb = t.head
        if t.dep_ == "nsubj" and (verb.lower_ in _ATTACK_VERBS or verb.lower_ == "opened" and any(
                c.lower_ == "fire" for c in verb.children)):
            return True
        if any(a.lower_ in ATTACKER_NOUNS for a in list(t.ancestors)[:4]):
            return True
    return False


_TAKE, _COMMIT, _TURN, _GUNS = _WORDS["take"], _WORDS["commit"], _WORDS["turn"], _WORDS["gun"]


def _self_killing(tok: Token) -> Token | None:
    """The verb of a suicide told without "killed": "took his own life", "committed suicide", "turned the
    gun on himself"."""
    low, head = tok.lower_, tok.head
    if low == "life" and any(c.lower_ == "own" for c in tok.children) and head.lower_ in _TAKE:
        return head
    if low == "suicide" and head.lower_ in _COMMIT:
        return head
    if low in _REFLEXIVE and head.lower_ == "on" and head.head.lower_ in _TURN and any(
            c.lower_ in _GUNS for c in head.head.children):
        return head.head
    return None


def _referenced(tok: Token) -> bool:
    """True when a "death of" / "killing of" is what a protest, a reprisal or a vigil is about."""
    for anc in list(tok.ancestors)[:3]:
        if anc.lower_ in _REFERRING:
            return True
    return False


def _hypothetical(verb: Token) -> bool:
    """"would have been killed", "could have died", "threatened to kill": nobody was."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    # "would die" alone is narrative future in the past; "would have died", "could've died" did not happen
    if auxes & _MODALS and auxes & {"have", "'ve", "\u2019ve"}:
        return True
    return verb.dep_ == "xcomp" and verb.head.lower_ in _UNREAL


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or _stranded_subject(verb) is not None


def _stranded_subject(verb: Token) -> Token | None:
    """The subject the parser hung beside a coordinated verb: in "A was killed and officer B was
    wounded" it often reads "officer" as a conjunct of "killed"; that noun is the subject of "wounded"."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    nouns = [c for c in verb.head.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
             and verb.head.i < c.i < verb.i]
    return nouns[-1] if nouns else None


def _chain(verb: Token) -> list[Token]:
    """A verb and the verbs coordinated under it that share its subject ("shot and killed"), not
    those with their own ("X was injured and Y was shot and killed")."""
    out = [verb]
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX", "ADJ") and not _has_subject(c):
            out += _chain(c)
    return out


#: Every word a reading of ``people_figures`` starts from (the loop skips the rest at once).
_TRIGGERS = _WORDS["trigger"] | _HARM_NOUNS | _KILL_VERBS | _HURT_VERBS | _REFLEXIVE | _HIT


def people_figures(doc: Doc, sent: Span, **kw: str | None) -> list[Figure]:
    """Figures implied by counted people with a casualty verb (needs the dependency parse)."""
    out: list[Figure] = []
    seen: set[int] = set()
    clauses: list[tuple[Figure, Token, Token]] = []  # verb readings: figure, verb, subject
    for tok in sent:
        low = tok.lower_
        if low not in _TRIGGERS:
            continue  # most words: none of the readings below starts from them
        of_death = [c for p in tok.children if p.lower_ == "of" for c in p.children if c.dep_ == "pobj"]
        if low in ("death", "murder", "killing") and of_death:
            # "leading to the death of a bystander"; not "protesting over the killing of a man"
            n = 0 if _referenced(tok) else _victims(of_death[0], lenient=True)
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
                # "in stable condition" is someone alive: injured, not killed (unless the sentence says
                # otherwise); "taken to a hospital" may be someone who died there
                alive = (low == "condition" or low == "hospital" and tok.head.lower_ == "from") and not any(
                    t.lower_ in _KILL_VERBS for t in sent)  # "released from the hospital": alive
                out.append(make_figure(doc, sent, lo_i, hi_i, "injured", n, n, None,
                                       None if alive else "shot", **kw))
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
        suffered, self_kill = False, _self_killing(tok)
        if self_kill is not None:
            tok, low = self_kill, "killed"  # "then took his own life": the killer, dead by his own hand
        elif low == "fatally" and tok.head.pos_ == "VERB":
            tok, low = tok.head, "killed"  # "accused of fatally shooting an officer"
        elif low == "death" and tok.head.lower_ == "to" and tok.head.head.pos_ == "VERB":
            tok, low = tok.head.head, "killed"  # "beaten to death"
        elif low in ("shooting", "shoots", "shoot"):
            low = "shot"  # "accused of shooting his wife", "child shoots himself"
        elif low in _HARM_NOUNS and tok.dep_ == "dobj" and tok.head.lower_ in _SUFFER:
            fatal = any(c.lower_ in ("fatal", "mortal") for c in tok.children)
            # "he received burns": hit, like "shot" (the victim may still die of the wounds)
            tok, low, suffered = tok.head, "killed" if fatal else "shot", True
        elif low in _HIT and any(
                p.lower_ == "by" and any(o.lower_ in _PROJECTILES for o in p.children)
                or p.lower_ == "times" and any(c.like_num for c in p.children)
                or p.dep_ == "nsubj" and p.lower_ in _PROJECTILES for p in tok.children):
            # "a bystander was hit by a stray bullet", "he was hit five times", "a bullet struck a girl"
            low = "shot"
        elif low == "knocked" and any(c.lower_ == "unconscious" for c in tok.children):
            low = "injured"  # "the blast knocked a guard unconscious"
        elif low not in _KILL_VERBS and low not in _HURT_VERBS and low != "shot":
            continue
        verb = tok
        if tok.dep_ in ("acomp", "oprd") and tok.head.pos_ in ("AUX", "VERB"):
            verb = tok.head  # "was found dead", "is dead"
        root = verb
        stranded = _stranded_subject(verb)
        while stranded is None and root.dep_ == "conj" and root.head.pos_ in ("VERB", "AUX") and \
                not _has_subject(root):
            root = root.head
        own_object = root is not verb and any(c.dep_ == "dobj" for c in verb.children)
        key = verb.i if own_object else root.i  # "killed a man and wounded his wife": two readings
        if key in seen:
            continue
        subjects = [stranded] if stranded is not None else \
            [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if _hypothetical(verb) or _hypothetical(root):
            continue
        passive = suffered or any(c.dep_ == "nsubjpass" for c in root.children) or low in _INTRANSITIVE or (
            stranded is not None and any(c.dep_ == "auxpass" for c in verb.children))
        # "Woman shot, killed in ...": a headline's bare participle is a passive
        headline = tok.lower_ == low and low not in _PHYSICAL_NOT_HEADLINE and not any(
            c.dep_ in ("dobj", "aux", "auxpass") or c.lower_ in ("at", "into", "through", "up")
            or c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children) and not any(
            c.dep_ == "dobj" for v in verb.conjuncts if v.lower_ in _KILL_VERBS for c in v.children
        )  # "a man shot and killed his wife" is no headline
        if not passive and low not in _INTRANSITIVE and not headline:
            subjects = [c for c in verb.children if c.dep_ == "dobj"]  # "shot and killed a man"
        if subjects and subjects[0].lower_ in _REFLEXIVE and low in _KILL_VERBS:
            self_kill = tok  # "he killed himself"
        if self_kill is not None or subjects and subjects[0].lower_ in _REFLEXIVE:
            subjects = [c for c in root.children if c.dep_ == "nsubj"]
            for anc in root.ancestors if not subjects else ():  # "a boy ... after shooting himself"
                subjects = [c for c in anc.children if c.dep_ == "nsubj"]  # "... before turning the gun on"
                if subjects:
                    break
        if root.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("who", "that")):
            subjects = [root.head]  # "a 13-year-old who was shot and killed"
        if tok.head.lower_ in ("left", "leaves", "leaving", "leave") and tok.dep_ != "dobj":
            subjects = [c for c in tok.head.children if c.dep_ == "dobj"]  # "left a man injured"
            root = tok.head
        if not subjects or subjects[0].lower_ in NEGATORS or \
                any(w.lower_ == "not" or w.dep_ == "neg" for w in root.children):
            continue  # "none of them were shot"
        undergoes = subjects[0].dep_ in ("nsubjpass", "dobj") or low in _INTRANSITIVE or suffered
        n = _victims(subjects[0], lenient=low not in _PHYSICAL, plural=undergoes)
        if n == 0 or any(c.lower_ in NEGATORS for c in subjects[0].children):
            continue
        seen.add(key)
        chain = _chain(verb if own_object else root)
        words = {t.lower_ for v in chain for t in [v, *v.children] if t in chain or t.dep_ != "conj"} | {low}
        if any(p.lower_ == "to" and any(g.lower_ == "death" for g in p.children)
               for v in chain for p in v.children):
            words.add("killed")  # "stabbed a man to death"
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
        scope = "attackers" if subj.lower_ in ATTACKER_NOUNS or _attacker_name(subj) or (
            self_kill is not None and category == "killed") else None
        if category == "shot" and scope == "attackers":
            continue  # "the suspect was shot": outcome unsaid, and headlines read "suspect shot X" this way
        if category == "shot":
            category, scope = "injured", "shot"
        lo_i = min(subj.left_edge.i, root.i, tok.i)
        hi_i = max(subj.i, root.i, tok.i) + 1
        fig = make_figure(doc, sent, lo_i, hi_i, category, n, n, None, scope, **kw)
        out.append(fig)
        clauses.append((fig, root, subj))
    out += _coordinated_total(doc, sent, clauses, kw)
    return out


def _coordinated_total(doc: Doc, sent: Span, clauses: list[tuple[Figure, Token, Token]],
                       kw: dict[str, str | None]) -> list[Figure]:
    """One total for coordinated clauses that each count other people the same way: "officer A was hit
    five times and officer B was hit three times" -> 2 (pronouns and repeated names may be one person)."""
    out = []
    for (f1, r1, s1), (f2, r2, s2) in zip(clauses, clauses[1:], strict=False):
        if f1.category == f2.category and f1.scope == f2.scope and r2.dep_ == "conj" and r2.head == r1 \
                and s1.pos_ != "PRON" and s2.pos_ != "PRON" and s1.lower_ != s2.lower_:
            low = (f1.low or 0) + (f2.low or 0)
            total = make_figure(doc, sent, 0, 1, f1.category, low, low, None, f1.scope, **kw)
            total.start, total.end, total.text = f1.start, f2.end, doc_text(doc)[f1.start:f2.end]
            out.append(total)
    return out
