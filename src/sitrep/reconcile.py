"""Claims -> a reconciled low / best / high per figure, with the history of how it evolved.

The rule (also in the README), applied per incident and per category:

1. Every claim is kept, with its qualifier, attribution, article and report time.
2. **Claimants do not set figures.** Claims whose ``attribution_kind`` is ``claimant`` (a group
   claiming an attack, "Islamic State said hundreds") are shown but never set low, best or high.
3. **Sub-counts and vague counts yield.** A claim about a group or a part of the victims ("five
   children", "two officers": ``records.scope_kind`` "group" or "part") sets figures only when no
   claim counts everyone; the attackers' own dead and hurt are never the victims' (they are
   reconciled apart, as "attackers_killed"). "dozens", "hundreds", "several", "scores" set best only
   when no eligible claim gives a number; then best is their lower bound.
4. **Each independent article votes once** (a copy or a rewrite repeats its original). Its
   value is, in order: its last revision claim (the toll "rose to" or was "revised down to":
   ``revision`` set); else the total extraction gave it (``totals``: victims described one by
   one, summed); else the value most of its claims give, ties to the larger (reports repeat
   the headline figure, and a smaller number in the same report is often a sub-count: "two of
   the dead were children").
5. **Latest revision wins.** When the latest dated article's value is a revision, it is best:
   later reports correct earlier ones in so many words; unless another (undated) report says the
   mass toll rose past it (clause 8): that report came later.
6. **A revision down is honoured.** An article whose value is a toll "revised down to" / "lowered
   to" sets best (the latest such, by report time): a count is rarely lowered by mistake.
7. **A settled count.** The latest dated article sets best when it was published ``SETTLED_DAYS``
   or more after the incident's first dated report and its value is a mass toll (``SETTLED_TOLL``
   or more): the first days' reports repeat the tolls of the moment, and one written a week on (a
   retrospective, a victim's death, the charges) states the count once it settled.
8. **A rise passes the early counts.** Where an article's value is a mass toll (``SETTLED_TOLL`` or
   more) that "rose to" (or was "revised to") N, the articles whose value is below N do not vote: the
   toll climbed past their count, which undated reports keep repeating long after (rule family
   ``toll-rose-past``). Not for a small toll: "a third person died" is as often one death of three
   people shot as a toll that rose to three (measured on the Gun Violence Archive dev half).
8b. **A count passes the floors below it.** An article whose value is a floor ("more than 200", "at
   least 60") votes for the nearest exact mass toll (``SETTLED_TOLL`` or more) another article gives
   above it: the floor says only that the count was not yet known, and that count is consistent with it
   (rule family ``floor-passed``).
9. **Otherwise the majority.** The value most articles give is best (one article's misreading
   does not set the figure); ties go to the value a later report gives (dated before undated),
   then to the larger value.
10. low is the smallest eligible claim, high the largest eligible upper bound (the honest range of
   what non-claimants said), widened to include best.
11. **Conservative mode** (ACLED-style export): best is low.

``rule`` on the result names the clause that set best.
"""
from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sitrep import datewords, rules
from sitrep.records import (
    QUALIFIERS,
    Figure,
    Reconciled,
    current,
    figure_order,
    revises,
    scope_key,
    scope_kind,
)

log = logging.getLogger(__name__)

#: Qualifiers that say "an order of magnitude", not a count.
VAGUE = frozenset({"dozens", "hundreds", "thousands", "several", "scores", "many", "some", "a few"})
#: Days between an incident's first dated report and a later one for the later one's count to be the
#: settled one (clause 7): tolls climb for the first days, while the wounded die and the missing are found.
SETTLED_DAYS = 7
#: ... for a toll this large: a mass-casualty toll climbs for days, while a shooting's one or two dead are
#: known the first night and a later report (an arrest, a funeral) often names one victim of several
#: (measured on the Gun Violence Archive dev half: 8 of 10 changes were wrong with smaller tolls).
SETTLED_TOLL = 10
#: Revisions that say a count rose past the earlier ones (clause 8): "rose to", and "revised to" /
#: "updated to" without a direction, which most often follows a climbing toll.
RISES = frozenset({"up", "revised"})
#: Scope kinds (``records.scope_kind``) that count some of the victims, not all of them.
SUBGROUP = frozenset({"group", "part"})


def _is_vague(f: Figure) -> bool:
    return (f.qualifier or "").lower() in VAGUE


def _time(f: Figure) -> str | None:
    return f.published or None


def history(claims: Iterable[Figure]) -> list[dict[str, Any]]:
    """Every claim as a history entry, ordered by report time where known (undated last)."""
    entries = []
    for f in claims:
        entries.append({
            "time": _time(f),
            "article_id": f.article_id,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "attribution": f.attribution,
            "attribution_kind": f.attribution_kind,
            "revision": f.revision,
            "text": f.text,
            "start": f.start,
        })
    entries.sort(key=lambda e: (e["time"] is None, e["time"] or "", e["article_id"] or "", e["start"]))
    return entries


def _days(earlier: str, later: str) -> int:
    """Whole days from one report time (ISO, date first) to another; 0 when either is unreadable."""
    a, b = datewords.iso_date(earlier), datewords.iso_date(later)
    return (b - a).days if a and b else 0


def _floor_below(f: Figure, exact: int) -> bool:
    """A floor ("more than 200") that an exact count of ``exact`` passes (clause 8b)."""
    return QUALIFIERS.get((f.qualifier or "").lower()) == "low" and f.low is not None and f.low < exact


def _article_value(claims: Sequence[Figure], total: int | None) -> tuple[Figure, str]:
    """One article's value and why (clause 4)."""
    claims = current(claims)  # not what the article calls superseded
    revised = [f for f in claims if revises(f)]
    if revised:
        return max(revised, key=lambda f: f.start), "revision"
    if total is not None:
        near = min(claims, key=lambda f: (abs((f.low or 0) - total), f.qualifier is not None, f.start))
        pick = near if near.low == total else replace(near, low=total, high=total, qualifier=None)
        return pick, "article totals"
    votes = Counter(f.low for f in claims)
    value = max(votes, key=lambda v: (votes[v], v or 0))
    # Prefer an exact statement of the value over a qualified one ("60" over "at least 60").
    return min((f for f in claims if f.low == value), key=lambda f: (f.qualifier is not None, f.start)), \
        "most reported"


def _pick(pool: Sequence[Figure], totals: Mapping[str, int],
          voters: Collection[str] | None = None) -> tuple[Figure, str]:
    """Best claim over the articles (clauses 4 to 9)."""
    by_article: dict[str | None, list[Figure]] = defaultdict(list)
    for f in pool:
        by_article[f.article_id].append(f)
    if voters is not None and any(a in voters for a in by_article):
        by_article = defaultdict(list, {a: cs for a, cs in by_article.items() if a in voters})
    values = {a: _article_value(cs, totals.get(a) if a is not None else None) for a, cs in by_article.items()}
    when = {a: max((_time(f) or "" for f in cs), default="") for a, cs in by_article.items()}
    if len(values) == 1:
        (chosen, why), = values.values()
        return chosen, why + (" in latest report" if why == "article totals" else "")
    latest = max(values, key=lambda a: (when[a], a or ""))
    risen = max((v.low for v, _ in values.values() if v.revision in RISES and v.low is not None), default=0)
    risen = risen if risen >= SETTLED_TOLL and rules.on("toll-rose-past") else 0
    passed = (values[latest][0].low or 0) < risen and values[latest][0].revision != "down"
    if when[latest] and values[latest][1] == "revision" and not passed:  # clause 5
        return values[latest][0], "revision in latest report"
    votes = Counter(v.low for v, _ in values.values())
    down = [a for a, (v, _) in values.items() if v.revision == "down"]
    if down:  # clause 6
        a = max(down, key=lambda a: (when[a], votes[values[a][0].low], a or ""))
        return values[a][0], "revision down"
    first = min((w for w in when.values() if w), default="")
    settled = _days(first, when[latest]) if first and when[latest] else 0
    mass = (values[latest][0].low or 0) >= SETTLED_TOLL  # the settled count is a mass toll itself
    if settled >= SETTLED_DAYS and mass and rules.on("settled-count"):  # clause 7
        return values[latest][0], f"settled: latest report, {settled} days after the first"
    if risen:  # clause 8: what a mass toll rose past is stale
        fresh = {a: vw for a, vw in values.items() if (vw[0].low or 0) >= risen}
        if len(fresh) < len(values):
            values = fresh
            votes = Counter(v.low for v, _ in values.values())
    if rules.on("floor-passed"):  # clause 8b: a floor votes for the nearest exact mass count above it
        exact = sorted({v.low for v, _ in values.values()
                        if v.qualifier is None and v.low is not None and v.low >= SETTLED_TOLL})
        counts = {v.low: v for v, _ in values.values() if v.qualifier is None}
        for a, (v, _) in list(values.items()):
            above = [n for n in exact if _floor_below(v, n)]
            if above:
                values[a] = (counts[above[0]], "floor passed")
        votes = Counter(v.low for v, _ in values.values())
    newest: dict[int | None, tuple[str, str]] = {}
    for a, (v, _) in values.items():
        newest[v.low] = max(newest.get(v.low, ("", "")), (when[a], a or ""))
    value = max(votes, key=lambda v: (votes[v], newest[v], v or 0))
    chosen = max((v for a, (v, _) in values.items() if v.low == value),
                 key=lambda f: (_time(f) or "", f.qualifier is None, -f.start))
    return chosen, "most articles" if votes[value] > 1 else "latest report"


def reconcile(claims: Sequence[Figure], *, conservative: bool = False,
              totals: Mapping[str, int] | None = None, voters: Collection[str] | None = None) -> Reconciled:
    """Reconcile one category's claims into low / best / high with history (module rule).

    ``totals``: article id -> extraction's total for this category in that article (clause 4);
    ``voters``: the articles that vote (independent sources: a copy or a rewrite repeats its
    original's figure and does not vote again); every claim still sets low, high and history.
    """
    category = claims[0].category if claims else ""
    usable = [f for f in claims if f.low is not None]
    eligible = [f for f in usable if f.attribution_kind != "claimant"]
    eligible = [f for f in eligible if scope_kind(f.scope) not in SUBGROUP] or eligible
    precise = [f for f in eligible if not _is_vague(f)]
    out = Reconciled(category=category, low=None, best=None, high=None,
                     claims=list(claims), history=history(claims))
    pool = precise or eligible
    if not pool:
        out.rule = "only claimant figures" if usable else "no figures"
        return out
    out.low = min(f.low for f in pool if f.low is not None)
    out.high = max((f.high if f.high is not None else f.low) for f in pool)  # type: ignore[type-var]
    if conservative:
        lowest = min(pool, key=lambda f: (f.low, f.qualifier is not None))
        out.best, out.qualifier, out.rule = lowest.low, lowest.qualifier, "conservative: lowest claim"
        return out
    chosen, why = _pick(pool, totals or {}, voters)
    out.best, out.qualifier = chosen.low, chosen.qualifier
    out.low, out.high = min(out.low, out.best), max(out.high, out.best)  # type: ignore[type-var]
    out.rule = why if precise else f"{why} (vague counts only)"
    return out


def reconcile_all(claims: Iterable[Figure], *, conservative: bool = False,
                  totals: Mapping[str, Mapping[str, int]] | None = None,
                  voters: Collection[str] | None = None) -> dict[str, Reconciled]:
    """Reconcile every category present in ``claims``, in display order (``figure_order``).

    Besides one entry per category (the victims'), each group or part of the victims counted on its
    own ("five minors" among the injured) gets an entry keyed ``records.scope_key`` ("injured_children"),
    reconciled from that group's claims alone, so a sub-count is reported without ever setting the
    whole figure; the attackers' own dead and hurt are reconciled apart ("attackers_killed") and never
    in the victims' entry.
    ``totals``: article id -> {key: extraction's total in that article}.
    """
    by_key: dict[str, list[Figure]] = defaultdict(list)
    for f in claims:
        key = scope_key(f.category, f.scope)
        if scope_kind(f.scope) != "attackers" or key == f.category:
            by_key[f.category].append(f)
        if key != f.category:
            by_key[key].append(f)
    totals = totals or {}
    out = {k: reconcile(by_key[k], conservative=conservative, totals=_key_totals(totals, k), voters=voters)
           for k in sorted(by_key, key=figure_order)}
    for cat in ("killed", "injured"):
        _attackers_within_everyone(out, by_key, totals, cat, conservative=conservative, voters=voters)
    return out


def _attackers_within_everyone(out: dict[str, Reconciled], by_key: Mapping[str, Sequence[Figure]],
                               totals: Mapping[str, Mapping[str, int]], category: str, *,
                               conservative: bool, voters: Collection[str] | None) -> None:
    """The attackers' best as the rest of everyone's: articles vote on everyone killed (each article's
    victims plus its attackers), and the attackers' figure is what that leaves beside the victims' best.
    Voting on the two apart and adding them can count one article's victims and another's attackers,
    who are often the same people read two ways ("two dead" / "a man and the gunman who shot him");
    measured on the Gun Violence Archive dev half."""
    key = f"attackers_{category}"
    att, victims = out.get(key), out.get(category)
    if att is None or victims is None or victims.best is None or att.best is None:
        return
    sums = {a: t.get(category, 0) + t.get(key, 0) for a, t in totals.items() if category in t or key in t}
    both = reconcile([*by_key[category], *by_key[key]], conservative=conservative, totals=sums, voters=voters)
    if both.best is None:
        return
    rest = max(0, both.best - victims.best)
    if rest != att.best:
        att.best, att.rule = rest, f"everyone's {both.best} ({both.rule}) less the victims' {victims.best}"
        att.low = min(att.low, rest) if att.low is not None else rest
        att.high = max(att.high, rest) if att.high is not None else rest


def _key_totals(totals: Mapping[str, Mapping[str, int]], key: str) -> dict[str, int]:
    """Each article's total for ``key``. An article whose totals count no attackers apart votes none for
    the attackers' key: its attackers' claims are among its victims ("four died, including the gunman")
    or may be one of them told twice ("the officer was killed" ... "the suspect died"), and counting
    them again would raise everyone's toll (measured on the Gun Violence Archive dev half)."""
    if key.startswith("attackers_"):
        return {a: t.get(key, 0) for a, t in totals.items()}
    return {a: t[key] for a, t in totals.items() if key in t}
