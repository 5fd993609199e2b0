"""An offline world map: the bundled Natural Earth countries (TopoJSON) drawn as inline SVG.

Equirectangular projection, x = lon, y = -lat, so an SVG viewBox is a lon/lat window. Country
outlines are decoded once and kept as path strings with their bounding boxes; a map shows only the
countries that meet its window.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from markupsafe import Markup, escape

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    box: Box
    path: str  # SVG path data in (lon, -lat)


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    # TopoJSON arcs are quantized and delta-encoded; undo both once.
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], idx: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in idx:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]  # a negative index means the arc reversed
        pts.extend(arc if not pts else arc[1:])
    return pts


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country outline of the bundled basemap."""
    raw = resources.files("sitrep.web").joinpath("static/basemap/countries-110m.json").read_text("utf-8")
    topo = json.loads(raw)
    arcs = _decode_arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polys = [polys]
        parts: list[str] = []
        xs: list[float] = []
        ys: list[float] = []
        for poly in polys:
            for ring in poly:
                pts = _ring(arcs, ring)
                if len(pts) < 3:
                    continue
                xs.extend(p[0] for p in pts)
                ys.extend(p[1] for p in pts)
                parts.append("M" + "L".join(f"{lon:.2f},{-lat:.2f}" for lon, lat in pts) + "Z")
        if parts:
            name = (geom.get("properties") or {}).get("name", "")
            out.append(Country(name, (min(xs), min(ys), max(xs), max(ys)), "".join(parts)))
    return tuple(out)


def _window(lat: float, lon: float, span: float) -> Box:
    half_w, half_h = span, span / 2
    lon0 = max(-180.0, min(180.0 - 2 * half_w, lon - half_w))
    lat0 = max(-90.0, min(90.0 - 2 * half_h, lat - half_h))
    return lon0, lat0, lon0 + 2 * half_w, lat0 + 2 * half_h


def _meets(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _country_box(country: str | None) -> Box | None:
    if not country:
        return None
    want = country.strip().lower()
    found = next((c for c in countries() if c.name.lower() == want), None)
    if found is None:
        return None
    pad = 2.0
    b = found.box
    # Keep the 2:1 window of the point maps, wide enough for the country.
    span = max((b[2] - b[0]) / 2 + pad, (b[3] - b[1]) + 2 * pad, 4.0)
    return _window((b[1] + b[3]) / 2, (b[0] + b[2]) / 2, span)


def _hit(c: Country, country: str | None, known: bool) -> str:
    return ' class="hit"' if not known and country and c.name.lower() == country.strip().lower() else ""


def map_svg(lat: float | None, lon: float | None, *, label: str = "", country: str | None = None,
            span: float = 12.0) -> Markup | None:
    """An inline SVG map centred on (lat, lon) with a marker; without a position, the country's outline
    when the basemap knows it; else None (a whole-world map would say nothing and weigh 140 kB)."""
    known = lat is not None and lon is not None
    box = _window(lat, lon, span) if known else _country_box(country)  # type: ignore[arg-type]
    if box is None:
        return None
    w, h = box[2] - box[0], box[3] - box[1]
    paths = [
        f'<path d="{c.path}"{_hit(c, country, known)}><title>{escape(c.name)}</title></path>'
        for c in countries() if _meets(c.box, box)
    ]
    marker = ""
    if known:
        r = w / 60
        marker = (f'<g class="marker"><circle cx="{lon:.3f}" cy="{-lat:.3f}" r="{r:.3f}">'  # type: ignore[operator]
                  f"<title>{escape(label)}</title></circle></g>")
    svg = (
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="{box[0]:.2f} {-box[3]:.2f} {w:.2f} {h:.2f}"'
        f' preserveAspectRatio="xMidYMid meet" role="img" aria-label="Map: {escape(label or "no position")}">'
        f'<rect class="sea" x="{box[0]:.2f}" y="{-box[3]:.2f}" width="{w:.2f}" height="{h:.2f}"/>'
        f'<g class="land">{"".join(paths)}</g>{marker}</svg>'
    )
    return Markup(svg)  # noqa: S704 - built from numbers and escaped names only
