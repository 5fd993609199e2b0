"""Readable text renderings of incidents: `sitrep show` and the demo's Markdown report."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sitrep.records import EARLIER, Article, Figure, Incident, figure_order
from sitrep.timeline import entries


def _place(inc: Incident) -> str:
    p = inc.place
    if p is None:
        return "unknown"
    where = p.label() or "unknown"
    if p.lat is not None and p.lon is not None:
        where += f" ({p.lat:.3f}, {p.lon:.3f}; precision {p.precision or '?'})"
    return where


def _claim(f: Figure, articles: Mapping[str, Article]) -> str:
    value = f"{f.low}" if f.high in (None, f.low) else f"{f.low}-{f.high}"
    who = f"{f.attribution} ({f.attribution_kind})" if f.attribution else f.attribution_kind
    art = articles.get(f.article_id or "")
    src = (art.title or art.outlet or art.id) if art else (f.article_id or "?")
    scope = f" [{f.scope}]" if f.scope else ""
    return f'{f.qualifier + " " if f.qualifier else ""}{value}{scope}  "{f.text}"  said by: {who}; in: {src}'


def _history(inc: Incident, articles: Mapping[str, Article]) -> list[str]:
    """Every reported figure in report order: time, figure, value as reported, who said it, where."""
    rows = entries(inc.figures, articles)
    if not rows:
        return []
    cat_w = max(len(e.category) for e in rows)
    val_w = max(len(e.value_text()) for e in rows)
    out = ["", "History (every reported figure in time order: when, what, who said it, where):"]
    for e in rows:
        who = f"{e.attribution} ({e.attribution_kind})" if e.attribution else e.attribution_kind
        where = e.outlet or e.article_id or "?"
        rev = f"  [revised {e.revision}]" if e.revision else ""
        if e.revision == EARLIER:
            rev = "  [an earlier count]"
        out.append(f"  {e.time_text():<16}  {e.category:<{cat_w}}  {e.value_text():<{val_w}}  "
                   f"said by: {who}; in: {where}{rev}")
    return out


def render_incident(inc: Incident, articles: Mapping[str, Article]) -> str:
    """Plain text: header, reconciled figures with every claim, actors, sources."""
    t = inc.type
    lines = [
        f"Incident {inc.id}{'' if inc.main else ' (known only from references)'}",
        f"  {inc.title}" if inc.title else "",
        f"  date:  {inc.date or 'unknown'} ({inc.date_precision or '?'})",
        f"  place: {_place(inc)}",
        f"  type:  {t.label or '?'}; ACLED {t.acled_event_type or '?'} / {t.acled_sub_event_type or '?'}; "
        f"GTD {t.gtd_attack_type or '?'} / {t.gtd_weapon_type or '?'} / {t.gtd_target_type or '?'}",
        f"  part of a coordinated attack ({inc.part_of}) with: {', '.join(inc.related)}"
        if inc.related else "",
        "",
        "Figures (low / best / high; every claim with its source):",
    ]
    for cat in sorted(inc.figures, key=figure_order):
        r = inc.figures[cat]
        q = f" ({r.qualifier})" if r.qualifier else ""
        lines.append(f"  {cat}: {r.low} / {r.best}{q} / {r.high}   rule: {r.rule}")
        for f in r.claims:
            lines.append(f"    - {_claim(f, articles)}")
            if f.sentence:
                lines.append(f"        evidence: {f.sentence.strip()}")
    lines += _history(inc, articles)
    if inc.actors:
        lines += ["", "Actors:"]
        for a in inc.actors:
            how = f" ({a.how})" if a.how else ""
            lines.append(f"  {a.role}: {a.name}{how}")
    lines += ["", f"Sources ({inc.independent_sources} independent of {len(inc.sources)}):"]
    for s in inc.sources:
        art = articles.get(s.article_id)
        name = (art.title or art.url or art.source or s.article_id) if art else s.article_id
        rel = s.relation + (f" {s.of_article}" if s.of_article else "")
        ev = f"  evidence: {', '.join(s.evidence[:6])}" if s.evidence else ""
        lines.append(f"  [{rel}] {name} ({s.article_id}){ev}")
    return "\n".join(x for x in lines if x != "" or True)


def write_report(incidents: Sequence[Incident], articles: Mapping[str, Article], path: Path) -> Path:
    """A Markdown report of every incident, for reading without the tool."""
    parts = ["# Sitrep report", ""]
    for inc in incidents:
        parts += ["```", render_incident(inc, articles), "```", ""]
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
