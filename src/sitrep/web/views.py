"""View functions: store -> plain dicts. Each HTML page renders one of these dicts and its JSON twin
returns it as is, so the page and the JSON can never disagree.
"""
from __future__ import annotations

import logging
import math
from dataclasses import asdict, dataclass
from typing import Any

from sitrep import timeline
from sitrep.extract.signals import PARAPHRASE_THRESHOLD
from sitrep.records import RELATIONS, Article, Figure, Incident, Report, figure_order

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Filters:
    """The incident list's filters, as the store takes them."""

    since: str | None = None
    until: str | None = None
    type: str | None = None
    country: str | None = None
    min_killed: int | None = None
    q: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


def place_name(place: Any) -> str:
    return "" if place is None else place.label()


def incident_summary(inc: Incident) -> dict[str, Any]:
    """One row of the incident list."""
    return {
        "id": inc.id,
        "title": inc.title or inc.kind.capitalize(),
        "date": inc.date,
        "date_precision": inc.date_precision,
        "type": inc.type.label,
        "kind": inc.kind,
        "place": place_name(inc.place),
        "country": inc.place.country if inc.place else None,
        "main": inc.main,
        "figures": {c: r.best for c, r in _ordered(inc.figures)},
        "killed": inc.best("killed"),
        "injured": inc.best("injured"),
        # "at least 60": the list shows a floor as one, as the incident page does
        "killed_text": _figure_text(inc, "killed"),
        "injured_text": _figure_text(inc, "injured"),
        "sources": len(inc.sources),
        "independent_sources": inc.independent_sources,
        "url": f"/incidents/{inc.id}",
    }


def _figure_text(inc: Incident, category: str) -> str:
    r = inc.figures.get(category)
    if r is None or r.best is None:
        return ""
    return f"{r.qualifier} {r.best}" if r.qualifier else str(r.best)


def _ordered(figures: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(figures.items(), key=lambda kv: figure_order(kv[0]))


def list_view(store: Any, filters: Filters, *, page: int = 1, per_page: int = 25) -> dict[str, Any]:
    kw = filters.store_kwargs()
    total = store.count_incidents(**kw)
    rows = store.incidents(**kw, limit=per_page, offset=(page - 1) * per_page)
    return {
        "items": [incident_summary(i) for i in rows],
        "total": total,
        "page": page,
        "per_page": per_page,
        "pages": max(1, math.ceil(total / per_page)),
        "filters": asdict(filters),
        # Suggestions for the type and country fields, where the source can tell them cheaply.
        "facets": store.facets() if hasattr(store, "facets") else {"types": [], "countries": []},
    }


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """Cut ``text`` into plain and highlighted pieces; spans are (start, end, kind, title), the first of
    overlapping spans wins. Pieces stay plain text: the template escapes them."""
    out: list[dict[str, Any]] = []
    pos = 0
    for start, end, kind, title in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or start >= end or end > len(text) or start < 0:
            continue
        if start > pos:
            out.append({"text": text[pos:start], "kind": None, "title": None, "start": pos})
        out.append({"text": text[start:end], "kind": kind, "title": title, "start": start})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:], "kind": None, "title": None, "start": pos})
    return out


def evidence(fig: Figure, article: Article | None) -> list[dict[str, Any]]:
    """The claim's sentence with the figure's words highlighted."""
    sentence = fig.sentence
    if not sentence and article is not None:
        # Without a stored sentence, show the span with a little context around it.
        a, b = max(0, fig.start - 120), min(len(article.text), fig.end + 120)
        sentence, at = article.text[a:b], fig.start - a
    else:
        at = sentence.find(fig.text) if fig.text else -1
    if at < 0:
        return segments(sentence, [])
    return segments(sentence, [(at, at + len(fig.text), "figure", fig.category)])


#: How the page names each actor role, in the order it lists them.
ROLE_LABELS = {"perpetrator": "Perpetrator", "claimed_by": "Claimed by", "denied_by": "Denied by",
               "target": "Target", "official": "Official", "responder": "Responder"}


def who(actors: list[Any]) -> list[dict[str, Any]]:
    """Actors grouped for reading: per role, the names (with how a claim was made) first, then the
    words the reports only describe them with ("gunmen", "militants") on one line, each once."""
    out: dict[str, dict[str, Any]] = {}
    for a in actors:
        role = out.setdefault(a.role, {"role": a.role, "label": ROLE_LABELS.get(a.role, a.role),
                                       "named": [], "described": []})
        if a.kind in ("description", "category"):
            if a.name.lower() not in (d.lower() for d in role["described"]):
                role["described"].append(a.name)
        elif a.name.lower() not in (n["name"].lower() for n in role["named"]):
            role["named"].append({"name": a.name, "how": a.how, "kind": a.kind})
    order = list(ROLE_LABELS)
    return sorted(out.values(), key=lambda r: order.index(r["role"]) if r["role"] in order else len(order))


def _article_brief(a: Article | None, aid: str) -> dict[str, Any]:
    if a is None:
        return {"id": aid, "title": aid, "outlet": None, "published": None, "url": None,
                "link": f"/articles/{aid}"}
    return {"id": a.id, "title": a.title or a.text[:80], "outlet": a.outlet, "published": a.published,
            "url": a.url, "link": f"/articles/{a.id}"}


def _articles(store: Any, ids: list[str]) -> dict[str, Article]:
    if not ids:
        return {}
    return {a.id: a for a in store.articles(ids=list(dict.fromkeys(ids)))}


def detail_view(store: Any, incident_id: str) -> dict[str, Any]:
    """Everything the incident page shows; raises NotFound."""
    inc = store.get_incident(incident_id)
    claim_ids = [c.article_id for r in inc.figures.values() for c in r.claims if c.article_id]
    arts = _articles(store, inc.article_ids + claim_ids)
    figures = []
    for cat, rec in _ordered(inc.figures):
        claims = []
        for c in sorted(rec.claims, key=lambda c: (c.published or "", c.article_id or "", c.start)):
            art = arts.get(c.article_id or "")
            claims.append({
                **c.to_dict(),
                "article": _article_brief(art, c.article_id or ""),
                "evidence": evidence(c, art),
                # a claim read from the title has no span in the text to jump to (start < 0)
                "link": (f"/articles/{c.article_id}" + (f"#c{c.start}" if c.start >= 0 else ""))
                if c.article_id else None,
            })
        figures.append({"category": cat, "low": rec.low, "best": rec.best, "high": rec.high,
                        "qualifier": rec.qualifier, "rule": rec.rule, "claims": claims,
                        "history": rec.history})
    groups: dict[str, list[dict[str, Any]]] = {r: [] for r in RELATIONS}
    for s in inc.sources:
        groups.setdefault(s.relation, []).append({
            **s.to_dict(), "article": _article_brief(arts.get(s.article_id), s.article_id),
            "of": _article_brief(arts.get(s.of_article), s.of_article) if s.of_article else None,
        })
    related: dict[str, dict[str, Any]] = {}
    referenced: dict[str, dict[str, Any]] = {}
    for aid in dict.fromkeys(inc.article_ids):
        for other in store.incidents_for_article(aid):
            if other.id == inc.id:
                continue
            (related if other.main else referenced)[other.id] = incident_summary(other)
    d = incident_summary(inc)
    d.update({
        "incident": inc.to_dict(),
        "place_detail": inc.place.to_dict() if inc.place else None,
        "actors": [a.to_dict() for a in inc.actors],
        "who": who(inc.actors),
        "figure_list": figures,
        # every reported figure at its report time, with its source: the chart's points
        "timeline": [e.to_dict() for e in timeline.entries(inc.figures, arts)],
        "source_groups": groups,
        "related": list(related.values()),
        "referenced": list(referenced.values()),
    })
    return d


def _report_spans(report: Report | None) -> list[tuple[int, int, str, str]]:
    spans: list[tuple[int, int, str, str]] = []
    if report is None:
        return spans
    for m in report.mentions:
        for f in m.figures:
            if f.start < 0:
                continue  # read from the title (extract/title.py), not from the text
            title = f"{f.category}: {f.low}" + (f"-{f.high}" if f.high not in (None, f.low) else "")
            if f.attribution:
                title += f" (according to {f.attribution})"
            spans.append((f.start, f.end, "figure", title))
        if m.place is not None and m.place.start >= 0:
            spans.append((m.place.start, m.place.end, "place", place_name(m.place)))
        for a in m.actors:
            if a.start >= 0:
                spans.append((a.start, a.end, "actor", f"{a.role}: {a.name}"))
    return spans


#: How an article's kind reads on its page.
KIND_NAMES = {"news": "news report", "analysis": "analysis / opinion", "press_release": "press release"}


def article_view(store: Any, article_id: str) -> dict[str, Any]:
    """An article with its extractions; raises NotFound."""
    art = store.get_article(article_id)
    report = store.get_report(art.id)
    incidents = store.incidents_for_article(art.id)
    heading = art.title or " ".join(art.text.split()[:14]) + ("…" if len(art.text.split()) > 14 else "")
    signals = None
    if report is not None and report.relevant:
        signals = {"kind": KIND_NAMES.get(report.kind, report.kind),
                   "paraphrase_score": report.paraphrase_score,
                   "paraphrase_likely": report.paraphrase_score >= PARAPHRASE_THRESHOLD,
                   "paraphrase_evidence": report.paraphrase_evidence[:12]}
    return {
        "article": art.to_dict(),
        "heading": heading,
        "signals": signals,
        "report": report.to_dict() if report is not None else None,
        "processed": report is not None,
        "segments": segments(art.text, _report_spans(report)),
        "incidents": [incident_summary(i) for i in incidents],
    }
