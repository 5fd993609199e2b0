"""Choosing: the figure an article supports best per category, and the totals of its incident.

``best_figure`` picks one claim by the rule in its docstring. ``killed_total`` and ``injured_total``
count the victims: the best victims' figure and the people added one by one ("B was also hurt").
Attackers are their own scope (``records.scope_kind``): their dead and hurt are totals of their own
(``attackers_killed``, ``attackers_injured``), added to the victims' only where the rule family
``attackers-in-toll`` says the text counts them together (GTD, ACLED and the Gun Violence Archive count
everyone). ``totals`` gives an incident mention its totals dict.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from sitrep import lexicon, rules
from sitrep.records import CATEGORIES, Figure, figure_order, scope_kind

ATTACKER_NOUNS = lexicon.words("attackers")
#: A count settled by whoever wrote the note ("fatalities coded as 0", "deaths put at 12").
_SETTLED = re.compile(
    r"\b(estimated|put|recorded|counted|set|revised|corrected|confirmed)\s+(at|as|to)\b", re.I)


def best_figure(figures: Sequence[Figure], category: str) -> Figure | None:
    """The best figure the article supports for ``category``.

    The rule, in order:
    1. Only figures of the category about the victims as a whole (``records.scope_kind`` "whole"): a
       group's figures (children, police, ...) are sub-counts, used only when no whole figure is given;
       "shot" counts include the killed and never count; attackers' own losses count only when nothing
       else is given (the only dead are the attackers: "the suspect was shot dead by police").
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
        cands = by_kind.get("whole") or by_kind.get("group") or by_kind.get("attackers") or []
    if not cands:
        return None
    credible = [f for f in cands if f.attribution_kind != "claimant"]
    cands = credible or cands
    settled = [f for f in cands if _SETTLED.search(f.text)]
    if settled:
        return settled[-1]
    revised = [f for f in cands if f.revision]
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


def _attackers_besides(figures: Sequence[Figure], best: Figure, category: str) -> int:
    """Attackers killed (or hurt) that the victims' figure ``best`` does not already count.

    GTD, ACLED and the Gun Violence Archive count everyone: "five officers were killed" and "the
    gunman was killed" make six. Not added: attackers inside the victims' phrase ("five militants and
    a soldier", an aside "including the assailant", "in all"), claimants' counts, a settled count, and
    attackers beside a victim counted without a number (one person is often told twice: "the suspect
    was killed" ... "he died").
    """
    if not rules.on("attackers-in-toll"):
        return 0
    if best.scope == "attackers" or _SETTLED.search(best.text) or _ATTACKERS_INSIDE.search(best.sentence):
        return 0
    own = [f for f in figures if f.category == category and f.scope == "attackers"
           and f.low is not None and f.attribution_kind != "claimant"
           and not (best.start <= f.start < best.end and not _self_beside_one(f, best))]
    if not _counted(best) and not any(_ALSO.search(f.sentence) for f in own + [best]):
        # "the officer was killed" and "the suspect died": in a long report, often one person twice; but
        # one who killed himself is not his victim
        own = [f for f in own if _self_beside_one(f, best)]
    return max((f.low or 0 for f in own), default=0)


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


def killed_total(figures: Sequence[Figure]) -> int | None:
    """Everyone killed: the best victims' figure plus attackers killed beside it; None when none is said."""
    best = best_figure(figures, "killed")
    if best is None or best.low is None:
        return None
    return best.low + _attackers_besides(figures, best, "killed") + _also(figures, best, "killed")


def injured_total(figures: Sequence[Figure], killed: int) -> int:
    """Injured and not killed: stated injured (or hospitalized), else those shot minus the killed; attackers
    hurt beside the victims are added (unless attackers were also killed: then the hurt one may have died)."""
    best = best_figure(figures, "injured")
    att_killed = any(f.category == "killed" and f.scope == "attackers" for f in figures)
    shot = [f for f in figures if f.category == "injured" and f.scope == "shot" and f.low is not None]
    shot_alive = max(0, max((f.low or 0 for f in shot), default=0) - killed)
    if best is not None and best.scope != "attackers":
        total = (best.low or 0) + (0 if att_killed else _attackers_besides(figures, best, "injured")) \
            + _also(figures, best, "injured")
        # one survivor named ("a woman is in stable condition") among more people shot and not killed
        hosp = best_figure(figures, "hospitalized")
        return total if _counted(best) else max(total, shot_alive, hosp.low or 0 if hosp else 0)
    hosp = best_figure(figures, "hospitalized")
    if hosp is not None:
        return hosp.low or 0
    if shot:
        return shot_alive
    if best is not None and not att_killed:
        return best.low or 0  # only attackers hurt: "the bomber was injured when the device went off"
    return 0


def totals(figures: Sequence[Figure], *, main: bool) -> dict[str, int]:
    """Best value per category (and per group of the victims, "injured_children"; the attackers' own,
    "attackers_killed"), via best_figure."""
    out: dict[str, int] = {}
    for cat in CATEGORIES:
        if cat == "injured":
            continue
        best = best_figure(figures, cat)
        if best is not None and best.low is not None:
            out[cat] = best.low
    killed = killed_total(figures)
    if killed is not None:
        out["killed"] = killed
    attackers = [f for f in figures if scope_kind(f.scope) == "attackers"]
    for cat in ("killed", "injured"):  # the attackers' own dead and hurt, kept apart from the victims
        att = best_figure(attackers, cat)
        if att is not None and att.low and att.attribution_kind != "claimant":
            out[f"attackers_{cat}"] = att.low
    killed = out.get("killed", 0)
    if main or any(f.category in ("injured", "hospitalized") for f in figures):
        out["injured"] = injured_total(figures, killed)
        if not main and out["injured"] == 0:
            del out["injured"]
    if main:
        out.setdefault("killed", 0)
    for f in figures:
        if scope_kind(f.scope) == "group" and f.low is not None and f.attribution_kind != "claimant":
            key = f"{f.category}_{f.scope.replace(' ', '_')}"
            out[key] = max(out.get(key, 0), f.low)
    return dict(sorted(out.items(), key=lambda kv: figure_order(kv[0])))
