"""An offline world map: the bundled Natural Earth countries (TopoJSON) drawn as inline SVG.

Equirectangular projection, x = lon, y = -lat, so an SVG viewBox is a lon/lat window. Country
outlines are decoded once and kept as path strings with their bounding boxes; a map shows only the
countries that meet its window. The window follows the place's precision: a city or a venue shows
the region around it (a few hundred kilometres), a province more, a country the whole country; the
place's name is written next to its dot. No tile server: the map is the same offline.
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from markupsafe import Markup, escape

from sitrep import lexicon

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


Ring = tuple[tuple[float, float], ...]  # (lon, lat) points


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    box: Box
    path: str  # SVG path data in (lon, -lat)
    parts: tuple[tuple[Box, Ring], ...] = ()  # each polygon's box and outer ring

    def contains(self, lat: float, lon: float) -> bool:
        return any(_in_box(b, lat, lon) and _in_ring(r, lat, lon) for b, r in self.parts)

    def part_box(self, lat: float | None = None, lon: float | None = None) -> Box:
        """The box of the polygon holding (lat, lon), else of the largest: France, not France and Guiana."""
        if lat is not None and lon is not None:
            for b, r in self.parts:
                if _in_box(b, lat, lon) and _in_ring(r, lat, lon):
                    return b
        return max((b for b, _ in self.parts), key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), default=self.box)


def _in_box(b: Box, lat: float, lon: float) -> bool:
    return b[0] <= lon <= b[2] and b[1] <= lat <= b[3]


def _in_ring(ring: Ring, lat: float, lon: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


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
        outer: list[tuple[Box, Ring]] = []
        for poly in polys:
            for n, ring in enumerate(poly):
                pts = _ring(arcs, ring)
                if len(pts) < 3:
                    continue
                xs.extend(p[0] for p in pts)
                ys.extend(p[1] for p in pts)
                parts.append("M" + "L".join(f"{lon:.2f},{-lat:.2f}" for lon, lat in pts) + "Z")
                if n == 0:  # the outer ring; the others are holes
                    box = (min(p[0] for p in pts), min(p[1] for p in pts),
                           max(p[0] for p in pts), max(p[1] for p in pts))
                    outer.append((box, tuple(pts)))
        if parts:
            name = (geom.get("properties") or {}).get("name", "")
            out.append(Country(name, (min(xs), min(ys), max(xs), max(ys)), "".join(parts), tuple(outer)))
    return tuple(out)


def _window(lat: float, lon: float, span: float) -> Box:
    half_w, half_h = span, span / 2
    lon0 = max(-180.0, min(180.0 - 2 * half_w, lon - half_w))
    lat0 = max(-90.0, min(90.0 - 2 * half_h, lat - half_h))
    return lon0, lat0, lon0 + 2 * half_w, lat0 + 2 * half_h


def _meets(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


#: GeoNames' names of the countries the basemap (Natural Earth) writes otherwise.
ALIASES: dict[str, str] = dict(lexicon.mapping("basemap_names", folder="web"))  # data/web/basemap_names.tsv

#: Half the width, in degrees of longitude, of the window around a place of each precision.
SPANS = {"venue": 4.0, "city": 4.0, "admin2": 4.5, "admin1": 7.0}
DEFAULT_SPAN = 12.0  # a position of unknown precision


def find_country(country: str | None, lat: float | None = None, lon: float | None = None) -> Country | None:
    """The basemap's country of that name (GeoNames' or Natural Earth's), else the one holding the point."""
    if country:
        want = country.strip().lower()
        want = ALIASES.get(want, want)
        found = next((c for c in countries() if c.name.lower() == want), None)
        if found is not None:
            return found
    if lat is not None and lon is not None:
        return next((c for c in countries() if c.contains(lat, lon)), None)
    return None


def _country_box(found: Country, lat: float | None = None, lon: float | None = None) -> Box:
    pad = 2.0
    b = found.part_box(lat, lon)
    # Keep the 2:1 window of the point maps, wide enough for the country.
    span = max((b[2] - b[0]) / 2 + pad, (b[3] - b[1]) + 2 * pad, 4.0)
    return _window((b[1] + b[3]) / 2, (b[0] + b[2]) / 2, span)


def _label(lat: float, lon: float, name: str, box: Box, *, dot: bool) -> str:
    """The place's name beside its dot (left of it near the right edge), or centred on it without one;
    sized in degrees so it reads the same at every zoom, with a halo so borders do not cross it."""
    w = box[2] - box[0]
    fs = w / 32
    if not dot:
        x, anchor = lon, "middle"
    elif lon > box[0] + 0.62 * w:
        x, anchor = lon - fs * 0.7, "end"
    else:
        x, anchor = lon + fs * 0.7, "start"
    return (f'<text class="label" x="{x:.3f}" y="{-lat + fs * 0.35:.3f}" font-size="{fs:.3f}" '
            f'stroke-width="{fs / 5:.3f}" text-anchor="{anchor}">{escape(name)}</text>')


def _hit(c: Country, hit: str | None) -> str:
    return ' class="hit"' if hit is not None and c.name == hit else ""


def map_svg(lat: float | None, lon: float | None, *, label: str = "", country: str | None = None,
            precision: str | None = None, name: str | None = None,
            span: float | None = None) -> Markup | None:
    """An inline SVG map of the place: a dot with its name (``name``, else the first part of ``label``),
    in a window sized by ``precision`` (``span``, half its width in degrees, overrides it); a country
    (by precision, or without a position) shows the whole country, outlined; else None (a whole-world
    map would say nothing and weigh 140 kB)."""
    if lat is None or lon is None:
        found = find_country(country)
        if found is None:
            return None
        box = _country_box(found)
        return _svg(box, label, found.name, _label((box[1] + box[3]) / 2, (box[0] + box[2]) / 2,
                                                   name or found.name, box, dot=False))
    if precision == "country":
        found = find_country(country, lat, lon)
        box = _country_box(found, lat, lon) if found is not None else _window(lat, lon, DEFAULT_SPAN)
        shown = name or label.split(",")[0].strip() or (found.name if found is not None else "")
        return _svg(box, label, found.name if found is not None else None,
                    _label(lat, lon, shown, box, dot=False) if shown else "")
    box = _window(lat, lon, span or SPANS.get(precision or "", DEFAULT_SPAN))
    shown = name or label.split(",")[0].strip()
    marker = (f'<circle cx="{lon:.3f}" cy="{-lat:.3f}" r="{(box[2] - box[0]) / 80:.3f}">'
              f"<title>{escape(label)}</title></circle>")
    if shown:
        marker += _label(lat, lon, shown, box, dot=True)
    return _svg(box, label, None, marker, at=(lat, lon))


def _names(box: Box, shown: list[Country], taken: list[tuple[float, float]]) -> str:
    """Each country's name, small, at a point of it inside the window and clear of the place's label and
    of the other names (a 3 x 3 grid of tries over its part in the window), so a zoomed map says where."""
    w, h = box[2] - box[0], box[3] - box[1]
    fs = w / 48
    out = []
    for c in sorted(shown, key=lambda c: -(c.box[2] - c.box[0]) * (c.box[3] - c.box[1])):
        for b, ring in c.parts:
            lo_x, lo_y = max(b[0], box[0]), max(b[1], box[1])
            hi_x, hi_y = min(b[2], box[2]), min(b[3], box[3])
            if lo_x >= hi_x or lo_y >= hi_y or (hi_x - lo_x) < len(c.name) * fs * 0.6:
                continue
            tries = [(lo_y + (hi_y - lo_y) * fy, lo_x + (hi_x - lo_x) * fx)
                     for fy in (0.5, 0.25, 0.75) for fx in (0.5, 0.25, 0.75)]
            at = next((t for t in tries if _in_ring(ring, *t)
                       and box[0] + w * 0.1 < t[1] < box[2] - w * 0.1
                       and box[1] + h * 0.08 < t[0] < box[3] - h * 0.08
                       and all(abs(t[1] - x) > w / 5 or abs(t[0] - y) > h / 8 for y, x in taken)), None)
            if at is not None:
                taken.append(at)
                out.append(f'<text class="country" x="{at[1]:.3f}" y="{-at[0]:.3f}" font-size="{fs:.3f}" '
                           f'text-anchor="middle">{escape(c.name)}</text>')
                break
    return "".join(out)


def scale_bar(box: Box) -> tuple[int, float]:
    """(kilometres, degrees of longitude) of a round distance about a fifth of the window's width."""
    lat = (box[1] + box[3]) / 2
    km_per_deg = 111.32 * max(math.cos(math.radians(lat)), 0.05)
    want = (box[2] - box[0]) * km_per_deg / 5
    mag = 10 ** math.floor(math.log10(want))
    km = max(m * mag for m in (1, 2, 5) if m * mag <= want)
    return int(km), km / km_per_deg


def _scale(box: Box) -> str:
    km, deg = scale_bar(box)
    w, h = box[2] - box[0], box[3] - box[1]
    x0, y0, fs = box[0] + w * 0.03, -box[1] - h * 0.06, w / 55
    return (f'<g class="scale"><line x1="{x0:.3f}" y1="{y0:.3f}" x2="{x0 + deg:.3f}" y2="{y0:.3f}" '
            f'stroke-width="{fs / 4:.3f}"/><text x="{x0:.3f}" y="{y0 - fs * 0.5:.3f}" font-size="{fs:.3f}">'
            f"{km:,} km</text></g>")


def _svg(box: Box, label: str, hit: str | None, marker: str,
         at: tuple[float, float] | None = None) -> Markup:
    w, h = box[2] - box[0], box[3] - box[1]
    shown = [c for c in countries() if _meets(c.box, box)]
    paths = [f'<path d="{c.path}"{_hit(c, hit)}><title>{escape(c.name)}</title></path>' for c in shown]
    if at is not None:  # a zoomed map: the countries around the place, by name
        marker = _names(box, shown, [at]) + marker
    svg = (
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="{box[0]:.2f} {-box[3]:.2f} {w:.2f} {h:.2f}"'
        f' preserveAspectRatio="xMidYMid meet" role="img" aria-label="Map: {escape(label or "no position")}">'
        f'<rect class="sea" x="{box[0]:.2f}" y="{-box[3]:.2f}" width="{w:.2f}" height="{h:.2f}"/>'
        f'<g class="land">{"".join(paths)}</g><g class="marker">{marker}</g>{_scale(box)}</svg>'
    )
    return Markup(svg)  # noqa: S704 - built from numbers and escaped names only
