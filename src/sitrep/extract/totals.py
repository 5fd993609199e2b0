"""Choosing: the figure an article supports best per category, and the totals of its incident.

``best_figure`` picks one claim by the rule in its docstring. ``killed_total`` and ``injured_total``
count the victims: the best victims' figure and the people added one by one ("B was also hurt").
Attackers are their own scope (``records.scope_kind``): their dead and hurt are totals of their own
(``attackers_killed``, ``attackers_injured``), never in the victims'. Where a victims' figure already
holds them ("five died, including the gunman", "in all"), the attackers are taken out of it; where
the text may tell one person twice ("the officer was killed" ... "the suspect died"), they are not
counted apart. ``records.everyone`` adds the two back for codebooks that count everyone (GTD, ACLED,
the Gun Violence Archive). ``totals`` gives an incident mention its totals dict.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep import lexicon, rules
from sitrep.records import CATEGORIES, Figure, current, figure_order, revises, scope_key, scope_kind

ATTACKER_NOUNS = lexicon.words("attackers")
#: The categories whose attackers' figures are never the victims'.
_PEOPLE = ("killed", "injured")
#: A count settled by whoever wrote the note ("fatalities coded as 0", "deaths put at 12").
_SETTLED = re.compile(
    r"\b(estimated|put|recorded|counted|set|revised|corrected|confirmed)\s+(at|as|to)\b", re.I)


def best_figure(figures: Sequence[Figure], category: str) -> Figure | None:
    """The best figure the article supports for ``category``.

    The rule, in order:
    1. Only figures of the category about the victims (``records.scope_kind``) as a whole; a named
       group of them (police, civilians, ...) only when no whole figure is given (measured: letting the
       groups compete with the whole figures loses ACLED's "1 soldier was killed ... Fatalities coded as
       0"); a part of them (children) only when neither is; "shot" counts include the killed and never
       count; the attackers' own dead and hurt are never the victims' (``attackers_figure``); for other
       categories ("arrested"), the attackers' figure stands where nothing else is given.
    2. A claimant's figure (a group claiming the attack) is used only when no one else gives one.
    3. A settled count ("fatalities coded as 0", "deaths put at 12") or a revision ("the toll rose
       to 9", "revised down to 5") supersedes: the last one stated wins.
    4. Otherwise the highest low end among what is left: later reports and the headline carry the
       largest confirmed "at least", and lower figures of the same article are earlier or partial counts.
    """
    cands = [f for f in figures if f.category == category and f.low is not None]
    if category not in ("attackers",):
        by_kind: dict[str, list[Figure]] = {}
        for f in cands:
            by_kind.setdefault(scope_kind(f.scope), []).append(f)
        cands = by_kind.get("whole") or by_kind.get("group") or by_kind.get("part") or (
            by_kind.get("attackers") if category not in _PEOPLE else None) or []
    return _choose(cands)


def attackers_figure(figures: Sequence[Figure], category: str) -> Figure | None:
    """The attackers' own dead (or hurt), by ``best_figure``'s rule; a claimant's count never stands."""
    cands = [f for f in figures if f.category == category and f.low is not None
             and scope_kind(f.scope) == "attackers" and f.attribution_kind != "claimant"]
    return _choose(cands)


def _choose(cands: Sequence[Figure]) -> Figure | None:
    if not cands:
        return None
    credible = [f for f in cands if f.attribution_kind != "claimant"]
    cands = credible or cands
    cands = current(cands)  # not the article's own earlier counts
    settled = [f for f in cands if _SETTLED.search(f.text)]
    if settled:
        return settled[-1]
    revised = [f for f in cands if revises(f)]
    if revised:
        return max(revised, key=lambda f: f.start)
    return max(cands, key=lambda f: (f.low or 0, -f.start))


#: A victims' count that already holds the attackers ("five died, including the gunman", "in all").
_ATTACKERS_INSIDE = re.compile(
    r"\b(includ\w*|among them|one of (them|whom)|in all|in total|altogether|total of)\b[^.;]{0,60}?\b("
    + "|".join(sorted(ATTACKER_NOUNS)) + r"|himself|herself|themselves)\b|\b(in all|in total|altogether|"
    r"total of|murder.suicide)\b|\b(" + "|".join(sorted(ATTACKER_NOUNS)) + r")\b[^.;]{0,30}\bamong the\b",
    re.I)


_NUMBER_WORD = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|"
                          r"twenty|thirty|forty|fifty|hundred|dozens?|several|scores)\b", re.I)


_AGE = re.compile(r"\b[\w-]+-(year|month|week|day)s?-old\b|\b\d+ (years|months) old\b|"
                  r",\s*\d{1,3}\s*(?=,|\band\b|$)|\(\d{1,3}\)", re.I)  # "Ann Lee, 24, was", "Bo Kim (31)"
_SELF = re.compile(r"\b(himself|herself|own life|suicide)\b", re.I)
_ALSO = re.compile(r"\b(also|in addition|additionally)\b", re.I)


def _counted(f: Figure) -> bool:
    """A figure that states a number of people ("three dead"), not one person ("a 17-year-old died")."""
    return bool(_NUMBER_WORD.search(_AGE.sub("", f.text)))


def _self_beside_one(attacker: Figure, best: Figure) -> bool:
    """A killer dead by his own hand beside one victim counted without a number ("a man shot his wife
    and then took his own life"): two people, even where both readings start at "a man"."""
    return bool(_SELF.search(attacker.sentence)) and not _counted(best) \
        and attacker.sentence == best.sentence  # not "a boy fatally shot himself ... the boy died"


def _attackers_apart(figures: Sequence[Figure], best: Figure, category: str) -> tuple[int, int]:
    """Attackers killed (or hurt) beside the victims' figure ``best``, and those it already holds.

    "five officers were killed" and "the gunman was killed": five victims, one attacker beside them.
    Held inside the victims' figure (the victims are fewer by as many): attackers in the victims'
    phrase ("five militants and a soldier"), an aside "including the assailant", "in all", a settled
    count. Neither (not counted apart): claimants' counts, and attackers beside a victim counted without
    a number (one person is often told twice: "the suspect was killed" ... "he died").
    """
    own = [f for f in figures if f.category == category and scope_kind(f.scope) == "attackers"
           and f.low is not None and f.attribution_kind != "claimant"]
    if not own:
        return 0, 0
    if _SETTLED.search(best.text) or _ATTACKERS_INSIDE.search(best.sentence):
        return 0, min(max(f.low or 0 for f in own), best.low or 0)
    inside = [f for f in own if best.start <= f.start < best.end and not _self_beside_one(f, best)]
    beside = [f for f in own if f not in inside]
    if not _counted(best) and not any(_ALSO.search(f.sentence) for f in beside + [best]):
        # "the officer was killed" and "the suspect died": in a long report, often one person twice; but
        # one who killed himself is not his victim
        beside = [f for f in beside if _self_beside_one(f, best)]
    if beside:
        return max(f.low or 0 for f in beside), 0
    return 0, min(max((f.low or 0 for f in inside), default=0), best.low or 0)


def _also(figures: Sequence[Figure], best: Figure, category: str) -> int:
    """People the text adds one by one after a best figure that is one person too: "A was injured. B was
    also injured" (one each). Beside a counted figure ("three dead ... B was also killed") they are among
    those counted; "he was also hurt" may be someone already counted, so pronouns do not add."""
    if _counted(best):
        return 0
    return sum(1 for f in figures if f.category == category and f.start > best.end and f.scope is None
               and f.low == 1 and (_ALSO.search(f.text) or _ALSO.match(f.sentence.lstrip()))
               and not _counted(f)
               and not re.match(r"(he|she|they|it)\b", f.text, re.I))


def _killed(figures: Sequence[Figure]) -> tuple[int | None, int]:
    """The victims killed (None when no victims' figure is given) and the attackers killed apart."""
    best = best_figure(figures, "killed")
    if best is None or best.low is None:
        att = attackers_figure(figures, "killed")
        return None, (att.low or 0) if att else 0  # the only dead are the attackers
    beside, held = _attackers_apart(figures, best, "killed")
    return best.low - held + _also(figures, best, "killed"), beside + held


def killed_total(figures: Sequence[Figure]) -> int | None:
    """The victims killed: the best victims' figure, less attackers it holds, plus people added one by
    one; None when no victims' figure is given (the attackers' own dead are ``attackers_killed``)."""
    return _killed(figures)[0]


#: A figure that opens on a person's name, then the verb ("Felder was wounded", "Ann Lee died").
_NAMED = re.compile(r"((?:[A-Z][\w'-]+\s+){0,3}[A-Z][\w'-]+)\s+(?:was|is|has|had|got|suffered|sustained|"
                    r"remains?|died|later)\b")
_NOT_A_NAME = {"A", "An", "The", "He", "She", "They", "One", "Another", "Police", "Officers"}


def _subject(f: Figure) -> set[str]:
    """The surname a figure opens on ("Antrez Felder died": {"Felder"}); empty where it opens otherwise
    (two Charleses are two people; two Felders in one report are one)."""
    m = _NAMED.match(f.text)
    return set(m.group(1).split()[-1:]) - _NOT_A_NAME if m else set()


def _one_of_the_dead(best: Figure, figures: Sequence[Figure]) -> bool:
    """A one-person injured figure opening on a name a killed figure also opens on ("Felder was wounded
    in the head" and "Antrez Felder died"): the dead victim told twice, not one more hurt."""
    who = _subject(best)
    return bool(who) and any(who & _subject(f) for f in figures
                             if f.category == "killed" and scope_kind(f.scope) != "attackers")


def _injured(figures: Sequence[Figure], killed: int) -> tuple[int, int]:
    """The victims injured and not killed, and the attackers hurt apart (none counted apart when attackers
    were also killed: the hurt one may be one who died)."""
    best = best_figure(figures, "injured")
    att_killed = any(f.category == "killed" and scope_kind(f.scope) == "attackers" for f in figures)
    shot = [f for f in figures if f.category == "injured" and f.scope == "shot" and f.low is not None]
    shot_alive = max(0, max((f.low or 0 for f in shot), default=0) - killed)
    hosp = best_figure(figures, "hospitalized")
    # a smaller count beside those shot and not killed is a part of them (shot-alive-floor)
    floor = shot_alive if rules.on("shot-alive-floor") else 0
    if best is not None and killed and not _counted(best) and rules.on("injured-is-killed") \
            and _one_of_the_dead(best, figures):
        best = None  # "Felder was wounded in the head" ... "Felder was pronounced dead": one person
    if best is not None:
        beside, held = (0, 0) if att_killed else _attackers_apart(figures, best, "injured")
        total = (best.low or 0) - held + _also(figures, best, "injured")
        if _counted(best):
            # "four men were shot ... one sustained serious injuries": one of the four, not all the hurt
            return max(total, floor), beside + held
        # one survivor named ("a woman is in stable condition") among more people shot and not killed
        return max(total, shot_alive, hosp.low or 0 if hosp else 0), beside + held
    if hosp is not None:
        # "four people shot ... one was transported to the hospital": the others were hurt too
        return max(hosp.low or 0, floor), 0
    if shot:
        return shot_alive, 0
    att = attackers_figure(figures, "injured")
    if att is not None and not att_killed:
        return 0, att.low or 0  # only attackers hurt: "the bomber was injured when the device went off"
    return 0, 0


def injured_total(figures: Sequence[Figure], killed: int) -> int:
    """Victims injured and not killed: stated injured (or hospitalized), else those shot minus ``killed``
    (``totals`` passes everyone killed); the attackers' own hurt are ``attackers_injured``."""
    return _injured(figures, killed)[0]


def totals(figures: Sequence[Figure], *, main: bool) -> dict[str, int]:
    """Best value per category, the victims' (``killed``, ``injured``); the attackers' own dead and hurt
    apart (``attackers_killed``, ``attackers_injured``); each group or part of the victims apart
    ("injured_children", ``records.scope_key``)."""
    out: dict[str, int] = {}
    for cat in CATEGORIES:
        if cat in _PEOPLE:
            continue
        best = best_figure(figures, cat)
        if best is not None and best.low is not None:
            out[cat] = best.low
    killed, att_killed = _killed(figures)
    if killed is not None:
        out["killed"] = killed
    if att_killed:
        out["attackers_killed"] = att_killed
    if main or any(f.category in ("injured", "hospitalized") for f in figures):
        # those shot less everyone killed: measured (GVDB), the attacker killed is often among the shot
        injured, att_injured = _injured(figures, (killed or 0) + att_killed)
        if main or injured:
            out["injured"] = injured
        if att_injured:
            out["attackers_injured"] = att_injured
    if main:
        out.setdefault("killed", 0)
    for f in figures:
        if scope_kind(f.scope) in ("group", "part") and f.low is not None \
                and f.attribution_kind != "claimant":
            key = scope_key(f.category, f.scope)
            out[key] = max(out.get(key, 0), f.low)
    return dict(sorted(out.items(), key=lambda kv: figure_order(kv[0])))
