"""A small offline chart: each figure's reported values over time, as inline SVG (no JS library).

Points come from a reconciled figure's ``history`` (``time``/``value``) or, without one, from its
claims (the publishing date and the claimed value), so the chart shows how a toll was revised.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup, escape

from sitrep.records import Reconciled, figure_order

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 640, 220, 48, 110, 12, 28
COLOURS = ("#c0392b", "#e67e22", "#8e44ad", "#2c3e50", "#16a085", "#2980b9", "#7f8c8d", "#d35400", "#27ae60")


def _day(text: Any) -> date | None:
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def series(figures: dict[str, Reconciled]) -> dict[str, list[tuple[date, int]]]:
    """Per category, the (date, value) points in time order; categories without dated points left out."""
    out: dict[str, list[tuple[date, int]]] = {}
    for cat in sorted(figures, key=figure_order):
        rec = figures[cat]
        pts: list[tuple[date, int]] = []
        for h in rec.history or []:
            d, v = _day(h.get("time") or h.get("published")), h.get("value", h.get("best"))
            if d is not None and isinstance(v, int | float):
                pts.append((d, int(v)))
        if not pts:
            for c in rec.claims:
                d, v = _day(c.published), c.low if c.low is not None else c.high
                if d is not None and v is not None:
                    pts.append((d, v))
        if pts:
            out[cat] = sorted(set(pts))
    return out


def chart_svg(figures: dict[str, Reconciled]) -> Markup | None:
    """The chart, or None when no figure has a dated value."""
    data = series(figures)
    if not data:
        return None
    days = [d for pts in data.values() for d, _ in pts]
    vals = [v for pts in data.values() for _, v in pts]
    d0, d1 = min(days).toordinal(), max(days).toordinal()
    if d1 == d0:
        d0, d1 = d0 - 1, d1 + 1
    vmax = max(max(vals), 1)
    pw, ph = W - PAD_L - PAD_R, H - PAD_T - PAD_B

    def x(d: date) -> float:
        return PAD_L + (d.toordinal() - d0) / (d1 - d0) * pw

    def y(v: int) -> float:
        return PAD_T + ph - v / vmax * ph

    parts = [f'<line class="axis" x1="{PAD_L}" y1="{PAD_T + ph}" x2="{PAD_L + pw}" y2="{PAD_T + ph}"/>',
             f'<line class="axis" x1="{PAD_L}" y1="{PAD_T}" x2="{PAD_L}" y2="{PAD_T + ph}"/>',
             f'<text class="tick" x="{PAD_L - 4}" y="{PAD_T + 4}" text-anchor="end">{vmax}</text>',
             f'<text class="tick" x="{PAD_L - 4}" y="{PAD_T + ph}" text-anchor="end">0</text>',
             f'<text class="tick" x="{PAD_L}" y="{H - 8}">{date.fromordinal(d0).isoformat()}</text>',
             f'<text class="tick" x="{PAD_L + pw}" y="{H - 8}" text-anchor="end">'
             f"{date.fromordinal(d1).isoformat()}</text>"]
    for i, (cat, pts) in enumerate(data.items()):
        col = COLOURS[i % len(COLOURS)]
        line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in pts)
        parts.append(f'<polyline fill="none" stroke="{col}" stroke-width="2" points="{line}"/>')
        for d, v in pts:
            parts.append(f'<circle cx="{x(d):.1f}" cy="{y(v):.1f}" r="3.5" fill="{col}">'
                         f"<title>{escape(cat)} {v} ({d.isoformat()})</title></circle>")
        ly = PAD_T + 14 + i * 16
        parts.append(f'<rect x="{W - PAD_R + 12}" y="{ly - 9}" width="10" height="10" fill="{col}"/>'
                     f'<text class="legend" x="{W - PAD_R + 26}" y="{ly}">{escape(cat)}</text>')
    svg = (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
           f'aria-label="Figures over time">{"".join(parts)}</svg>')
    return Markup(svg)  # noqa: S704 - numbers and escaped labels only
