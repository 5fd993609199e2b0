"""Claims -> a reconciled low / best / high per figure, with the history of how it evolved.

The rule (also in the README), applied per incident and per category:

1. Every claim is kept, with its qualifier, attribution, article and report time.
2. **Claimants do not set figures.** Claims whose ``attribution_kind`` is ``claimant`` (a group
   claiming an attack, "Islamic State said hundreds") are shown but never set low, best or high.
3. **Sub-counts and vague counts yield.** A claim about a subgroup ("five children", "two
   officers": ``scope`` children, police, security forces, attackers) sets figures only when no
   claim counts everyone. "dozens", "hundreds", "several", "scores" set best only
   when no eligible claim gives a number; then best is their lower bound.
4. **Latest report wins.** Eligible claims are grouped by report time (the article's publication
   date). Best comes from the latest dated group; undated claims are used only when no claim is
   dated (their order cannot be read from time). A lower later figure from an authority or the
   media replaces a higher older one: later reports correct earlier ones.
5. **Revision language counts.** Within a group, a claim that says the toll "rose to" or was
   "revised down to" (``revision`` set) supersedes the others; among several, the last one written.
6. Otherwise, where extraction gave an article of the group its own total for the category
   (``totals``: victims described one by one, summed), the articles' totals vote; else the value
   most claims give. Ties go to the larger value (reports repeat the headline figure, and a
   smaller number in the same report is often a sub-count: "two of the dead were children").
7. low is the smallest eligible claim, high the largest eligible upper bound (the honest range of
   what non-claimants said), widened to include best.
8. **Conservative mode** (ACLED-style export): best is low.

``rule`` on the result names the clause that set best.
"""
from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sitrep.records import Figure, Reconciled, figure_order

log = logging.getLogger(__name__)

#: Qualifiers that say "an order of magnitude", not a count.
VAGUE = frozenset({"dozens", "hundreds", "thousands", "several", "scores", "many", "some", "a few"})
#: Scopes that count part of the victims, not all of them.
SUBGROUP = frozenset({"children", "police", "security forces", "attackers"})


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


def _pick(group: Sequence[Figure], totals: Mapping[str, int]) -> tuple[Figure, str]:
    """Best claim of one report-time group (clauses 5 and 6)."""
    revised = [f for f in group if f.revision]
    if revised:
        # The last revision written in the latest article supersedes the older figures.
        return max(revised, key=lambda f: (f.article_id or "", f.start)), "revision"
    summed = Counter(totals[a] for a in {f.article_id for f in group} if a in totals)
    if summed:
        value = max(summed, key=lambda v: (summed[v], v))
        near = min(group, key=lambda f: (abs((f.low or 0) - value), f.qualifier is not None, f.start))
        pick = near if near.low == value else replace(near, low=value, high=value, qualifier=None)
        return pick, "article totals in latest report"
    votes = Counter(f.low for f in group)
    value = max(votes, key=lambda v: (votes[v], v or 0))
    chosen = [f for f in group if f.low == value]
    # Prefer an exact statement of the value over a qualified one ("60" over "at least 60").
    best = min(chosen, key=lambda f: (f.qualifier is not None, f.start))
    return best, "most reported in latest report" if len(votes) > 1 else "latest report"


def reconcile(claims: Sequence[Figure], *, conservative: bool = False,
              totals: Mapping[str, int] | None = None) -> Reconciled:
    """Reconcile one category's claims into low / best / high with history (module rule).

    ``totals``: article id -> extraction's total for this category in that article (clause 6).
    """
    category = claims[0].category if claims else ""
    usable = [f for f in claims if f.low is not None]
    eligible = [f for f in usable if f.attribution_kind != "claimant"]
    eligible = [f for f in eligible if f.scope not in SUBGROUP] or eligible
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
    groups: dict[str | None, list[Figure]] = defaultdict(list)
    for f in pool:
        groups[_time(f)].append(f)
    dated = sorted(t for t in groups if t is not None)
    group = groups[dated[-1]] if dated else groups[None]
    chosen, why = _pick(group, totals or {})
    out.best, out.qualifier = chosen.low, chosen.qualifier
    out.low, out.high = min(out.low, out.best), max(out.high, out.best)  # type: ignore[type-var]
    out.rule = why if precise else f"{why} (vague counts only)"
    return out


def reconcile_all(claims: Iterable[Figure], *, conservative: bool = False,
                  totals: Mapping[str, Mapping[str, int]] | None = None) -> dict[str, Reconciled]:
    """Reconcile every category present in ``claims``, in display order (``figure_order``).

    Besides one entry per category, each subgroup counted on its own ("five minors" among the
    injured) gets an entry keyed ``<category>_<scope>`` ("injured_children"), reconciled from that
    subgroup's claims alone, so a sub-count is reported without ever setting the whole figure.
    ``totals``: article id -> {key: extraction's total in that article}.
    """
    by_key: dict[str, list[Figure]] = defaultdict(list)
    for f in claims:
        by_key[f.category].append(f)
        if f.scope in SUBGROUP and f.category != f.scope:
            by_key[f"{f.category}_{f.scope.replace(' ', '_')}"].append(f)
    totals = totals or {}
    return {k: reconcile(by_key[k], conservative=conservative,
                         totals={a: t[k] for a, t in totals.items() if k in t})
            for k in sorted(by_key, key=figure_order)}
