"""A small offline chart: each reported figure as a point at its report time, as inline SVG (no JS library).

One point per history entry (``sitrep.timeline``), a line per category through its points, so the
chart shows how a toll was revised and by whom: each point's ``<title>`` names its value as written,
its source and its time. Reports of one day (the common case: a story told within hours) are spread
over the hours when their times are known, else drawn side by side under one day label; reports of
several days stand on a date axis. Reports at one moment are set apart so that none hides another.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta

from markupsafe import Markup, escape

from sitrep.records import figure_order
from sitrep.timeline import Entry

W = 640  # the viewBox width; the height follows the legend's rows
PLOT_H, PAD_R, PAD_B = 170, 18, 40
LEGEND_ROW, CHAR_W = 18, 6.8  # a legend row's height; a generous width of one 11px character
GAP = 12.0  # the least distance between two reports' points
COLOURS = ("#c0392b", "#e67e22", "#8e44ad", "#2c3e50", "#16a085", "#2980b9", "#7f8c8d", "#d35400", "#27ae60")

Tick = tuple[float, str]


def text_width(label: str) -> float:
    """A generous estimate of the width of 11px text, to keep labels inside the picture."""
    return len(label) * CHAR_W


def y_ticks(vmax: int) -> list[int]:
    """0 to a round number at or above ``vmax``, in 1, 2 or 5 x 10^k steps, four or five of them."""
    vmax = max(vmax, 1)
    raw = vmax / 4
    mag = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    top = math.ceil(vmax / step) * step
    return list(range(0, top + 1, step))


def _clamp_label(x: float, label: str) -> float:
    half = text_width(label) / 2
    return min(max(x, half + 2), W - half - 2)


def _spread(xs: dict[str, float], left: float, right: float) -> dict[str, float]:
    """Move reports apart to at least GAP (less when many share the width), keeping their order."""
    keys = sorted(xs, key=lambda k: (xs[k], k))
    if len(keys) < 2:
        return xs
    gap = min(GAP, (right - left) / len(keys))
    pos = [xs[k] for k in keys]
    for i in range(1, len(pos)):
        pos[i] = max(pos[i], pos[i - 1] + gap)
    pos[-1] = min(pos[-1], right - gap / 2)
    for i in range(len(pos) - 2, -1, -1):
        pos[i] = min(pos[i], pos[i + 1] - gap)
    return dict(zip(keys, pos, strict=True))


def _hour_ticks(lo: datetime, hi: datetime, scale: Callable[[datetime], float]) -> list[Tick]:
    span_min = (hi - lo).total_seconds() / 60
    step = next((s for s in (15, 30, 60, 120, 180, 360, 720) if span_min / s <= 6), 1440)
    t = datetime.combine(lo.date(), time(0))
    while t < lo:
        t += timedelta(minutes=step)
    out = []
    while t <= hi:
        out.append((scale(t), t.strftime("%H:%M")))
        t += timedelta(minutes=step)
    return out


def layout(reports: dict[str, tuple[datetime, bool]], left: float, right: float
           ) -> tuple[dict[str, float], list[Tick], list[Tick]]:
    """x of each report (key -> (moment, timed)), the x axis's tick labels and its caption (the day)."""
    width = right - left
    order = sorted(reports, key=lambda k: (reports[k][0], k))
    days = sorted({w.date() for w, _ in reports.values()})
    if len(days) == 1:
        caption = [(left + width / 2, days[0].isoformat())]
        moments = {w for w, _ in reports.values()}
        if all(t for _, t in reports.values()) and len(moments) > 1:
            t0, t1 = min(moments), max(moments)
            pad = max((t1 - t0) * 0.08, timedelta(minutes=20))
            lo, hi = t0 - pad, t1 + pad

            def scale(w: datetime) -> float:
                return left + (w - lo) / (hi - lo) * width

            xs = {k: scale(reports[k][0]) for k in order}
            return _spread(xs, left, right), _hour_ticks(lo, hi, scale), caption
        # No times to spread them by: side by side, in report order, each with its time where known.
        xs = {k: left + (i + 0.5) / len(order) * width for i, k in enumerate(order)}
        ticks = [(xs[k], reports[k][0].strftime("%H:%M")) for k in order if reports[k][1]]
        if len(ticks) * text_width("00:00") > width * 0.8:
            ticks = []  # too many to read
        return xs, ticks, caption
    lo = datetime.combine(days[0], time(0))
    hi = datetime.combine(days[-1] + timedelta(days=1), time(0))

    def scale_d(w: datetime) -> float:
        return left + (w - lo) / (hi - lo) * width

    n_days = (days[-1] - days[0]).days + 1
    step = math.ceil(n_days / max(1, int(width // (text_width("2024-03-22") + 24))))
    ticks = []
    for i in range(0, n_days, step):
        d: date = days[0] + timedelta(days=i)
        ticks.append((scale_d(datetime.combine(d, time(12))), d.isoformat()))
    xs = {k: scale_d(reports[k][0]) for k in order}
    return _spread(xs, left, right), ticks, []


def _legend(cats: list[str]) -> tuple[list[tuple[float, float, str, str]], int]:
    """(x, y, colour, label) of each legend item, wrapped into rows inside the width; and the rows."""
    items: list[tuple[float, float, str, str]] = []
    x, row = 8.0, 0
    for i, cat in enumerate(cats):
        label = cat.replace("_", " ")
        w = 14 + text_width(label) + 18
        if x + w > W - 8 and x > 8:
            x, row = 8.0, row + 1
        items.append((x, 14.0 + row * LEGEND_ROW, COLOURS[i % len(COLOURS)], label))
        x += w
    return items, row + 1


def _stamp(moment: datetime, timed: bool) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if timed else moment.date().isoformat()


def chart_svg(entries: Iterable[Entry]) -> Markup | None:
    """The chart, or None when no reported figure has a report time."""
    dated = [(e, at) for e in entries if e.value is not None and (at := e.when()) is not None]
    if not dated:
        return None
    cats = sorted({e.category for e, _ in dated}, key=figure_order)
    legend, rows = _legend(cats)
    pad_t = 8 + rows * LEGEND_ROW + 8
    height = pad_t + PLOT_H + PAD_B
    yt = y_ticks(max(max(e.value or 0, e.high or 0) for e, _ in dated))
    pad_l = max(34.0, text_width(str(yt[-1])) + 14)
    left, right = pad_l + 10, W - PAD_R - 10  # the points keep clear of the axes

    def key(e: Entry, w: tuple[datetime, bool]) -> str:
        return f"{w[0].isoformat()}|{e.article_id or e.outlet or ''}"  # one x per report

    reports = {key(e, at): at for e, at in dated}
    xs, xticks, caption = layout(reports, left, right)

    def y(v: int) -> float:
        return pad_t + PLOT_H - v / yt[-1] * PLOT_H

    base = pad_t + PLOT_H
    parts = []
    for v in yt:
        parts.append(f'<line class="grid" x1="{pad_l}" y1="{y(v):.1f}" x2="{W - PAD_R}" y2="{y(v):.1f}"/>'
                     f'<text class="tick y" x="{pad_l - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>')
    parts.append(f'<line class="axis" x1="{pad_l}" y1="{base}" x2="{W - PAD_R}" y2="{base}"/>'
                 f'<line class="axis" x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{base}"/>')
    for x, label in xticks:
        parts.append(f'<line class="axis" x1="{x:.1f}" y1="{base}" x2="{x:.1f}" y2="{base + 4}"/>'
                     f'<text class="tick x" x="{_clamp_label(x, label):.1f}" y="{base + 16}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    for x, label in caption:
        parts.append(f'<text class="day" x="{_clamp_label(x, label):.1f}" y="{base + 32}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    for (lx, ly, col, label), cat in zip(legend, cats, strict=True):
        pts = sorted(((xs[key(e, at)], e, at) for e, at in dated if e.category == cat), key=lambda p: p[0])
        if len(pts) > 1:
            line = " ".join(f"{x:.1f},{y(e.value):.1f}" for x, e, _ in pts)  # type: ignore[arg-type]
            parts.append(f'<polyline class="series" fill="none" stroke="{col}" stroke-width="2" '
                         f'points="{line}"/>')
        for x, e, (moment, timed) in pts:
            v = e.value or 0
            if e.high is not None and e.high > v:
                parts.append(f'<line class="range" stroke="{col}" stroke-width="2" x1="{x:.1f}" '
                             f'y1="{y(v):.1f}" x2="{x:.1f}" y2="{y(e.high):.1f}"/>')
            tip = f"{label}: {e.value_text()}\n{e.source_text()}\n{_stamp(moment, timed)}"
            if e.text:
                tip += f"\n“{e.text}”"
            parts.append(f'<circle class="point" data-category="{escape(cat)}" cx="{x:.1f}" cy="{y(v):.1f}" '
                         f'r="4" fill="{col}"><title>{escape(tip)}</title></circle>')
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{col}"/>'
                     f'<text class="legend" x="{lx + 14}" y="{ly}">{escape(label)}</text>')
    svg = (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" role="img" '
           f'aria-label="Figures as reported over time">{"".join(parts)}</svg>')
    return Markup(svg)  # noqa: S704 - numbers and escaped labels only
