"""Incidents as files other tools read: CSV, JSON, GeoJSON, and ACLED- and GTD-shaped CSV.

- ``csv``: one row per incident, our columns (``CSV_COLUMNS``): low/best/high per figure, sources,
  independent sources, the ACLED and GTD type fields, the source URLs.
- ``json``: a list of incident dicts (``Incident.to_dict()``, so ``records.incident_from_dict`` reads
  them back) with the flat row, the ACLED row and the GTD row added under ``"row"``, ``"acled"``, ``"gtd"``.
- ``geojson``: a FeatureCollection; Point geometry ``[lon, lat]`` (``null`` where the place has no
  coordinates), the flat row as properties.
- ``acled`` / ``gtd``: exactly the columns of ``ACLED_COLUMNS`` / ``GTD_COLUMNS``.

``conservative``: ACLED fatalities and GTD nkill/nwound take the reconciled *low* (ACLED codes the
most conservative figure reported); otherwise the reconciled best. Both count everyone: the victims'
figure plus the attackers' own (``attackers_killed``), as their codebooks do; our own columns
(``killed_best``...) are the victims', with ``attackers_killed_best`` beside them.
"""
from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO
from urllib.parse import urlparse

from sitrep.errors import InputError
from sitrep.extract.actors import claimed, primary_perpetrator
from sitrep.records import CATEGORIES, Article, Incident, everyone

log = logging.getLogger(__name__)

FORMATS = ("csv", "json", "geojson", "acled", "gtd")

_RANGED = ("killed", "injured")
CSV_COLUMNS = (
    "id", "main", "date", "date_precision", "type", "acled_event_type", "acled_sub_event_type",
    "gtd_attack_type", "gtd_weapon_type", "gtd_target_type", "venue", "city", "admin2", "admin1", "country",
    "country_code", "lat", "lon", "geo_precision",
    *(f"{c}_{part}" for c in _RANGED for part in ("low", "best", "high", "qualifier")),
    *(f"attackers_{c}_best" for c in _RANGED),
    *(f"{c}_best" for c in CATEGORIES if c not in _RANGED),
    "sources", "independent_sources", "perpetrator", "claimed_by", "title", "source_urls",
    "part_of", "related",
)
ACLED_COLUMNS = (
    "event_date", "event_type", "sub_event_type", "actor1", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "fatalities_qualifier", "notes", "source",
)
GTD_COLUMNS = (
    "iyear", "imonth", "iday", "country_txt", "provstate", "city", "latitude", "longitude", "attacktype1_txt",
    "weaptype1_txt", "targtype1_txt", "gname", "claimed", "nkill", "nwound", "summary", "multiple", "related",
)

# ACLED geo_precision: 1 the place itself, 2 near it / part of a region, 3 only a larger region.
_GEO_PRECISION = {"venue": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}


def _names(inc: Incident, role: str) -> str:
    """Every named actor (a group, state or person, not a description like "gunmen") in a role."""
    return "; ".join(dict.fromkeys(a.name for a in inc.actors
                                   if a.role == role and a.name and a.kind in ("group", "state", "person")))


def _perpetrator(inc: Incident) -> str:
    # The same GTD-style reading evaluation scores: the claimant, else a named perpetrator.
    return primary_perpetrator(inc.actors) or ""


def _figure(inc: Incident, category: str, part: str) -> int | None:
    r = inc.figures.get(category)
    return None if r is None else getattr(r, part)


def _value(inc: Incident, key: str, conservative: bool) -> int | None:
    r = inc.figures.get(key)
    if r is None:
        return None
    return r.low if conservative and r.low is not None else r.best


def _count(inc: Incident, category: str, conservative: bool) -> int:
    """The one number a coded dataset wants: low when conservative, else best; 0 when none was reported.
    It counts everyone (``records.everyone``: the victims and the attackers' own dead or hurt), as ACLED
    fatalities and GTD nkill/nwound ("victims and perpetrators") do."""
    value = everyone(lambda key: _value(inc, key, conservative), category)
    return 0 if value is None else value


def _qualifier(inc: Incident, category: str, conservative: bool) -> str | None:
    """The words that go with the exported number ("at least"), when it is the best figure's."""
    r = inc.figures.get(category)
    if r is None or not r.qualifier or (conservative and r.low is not None and r.low != r.best):
        return None
    return r.qualifier


def _sources(inc: Incident, articles: Mapping[str, Article]) -> list[Article]:
    return [articles[s.article_id] for s in inc.sources if s.article_id in articles]


def _outlet(a: Article) -> str:
    return a.outlet or (urlparse(a.url).hostname or "" if a.url else "") or a.id


def row(inc: Incident, articles: Mapping[str, Article] | None = None) -> dict[str, Any]:
    """The flat row of ``CSV_COLUMNS`` for one incident."""
    p, t = inc.place, inc.type
    arts = _sources(inc, articles or {})
    out: dict[str, Any] = {
        "id": inc.id, "main": inc.main, "date": inc.date, "date_precision": inc.date_precision,
        "type": t.label,
        "acled_event_type": t.acled_event_type, "acled_sub_event_type": t.acled_sub_event_type,
        "gtd_attack_type": t.gtd_attack_type, "gtd_weapon_type": t.gtd_weapon_type,
        "gtd_target_type": t.gtd_target_type,
        "venue": p and p.venue, "city": p and p.city, "admin2": p and p.admin2, "admin1": p and p.admin1,
        "country": p and p.country, "country_code": p and p.country_code,
        "lat": p and p.lat, "lon": p and p.lon,
        "geo_precision": _GEO_PRECISION.get(p.precision or "") if p else None,
    }
    for c in _RANGED:
        for part in ("low", "best", "high", "qualifier"):
            out[f"{c}_{part}"] = _figure(inc, c, part)
    for c in _RANGED:
        out[f"attackers_{c}_best"] = _figure(inc, f"attackers_{c}", "best")
    for c in CATEGORIES:
        if c not in _RANGED:
            out[f"{c}_best"] = _figure(inc, c, "best")
    out.update({
        "sources": len(inc.sources), "independent_sources": inc.independent_sources,
        "perpetrator": _perpetrator(inc), "claimed_by": _names(inc, "claimed_by"),
        "title": inc.title,
        "source_urls": " ".join(a.url for a in arts if a.url),
        "part_of": inc.part_of, "related": " ".join(inc.related),
    })
    return out


def _notes(inc: Incident) -> str:
    if inc.title:
        return inc.title
    # Without a title, the sentence of the first claim is the best description we hold.
    for r in inc.figures.values():
        for f in r.claims:
            if f.sentence:
                return f.sentence.strip()
    return ""


def acled_row(inc: Incident, articles: Mapping[str, Article] | None = None, *,
              conservative: bool = False) -> dict[str, Any]:
    """One incident in ACLED's columns (``ACLED_COLUMNS``)."""
    p, t = inc.place, inc.type
    location = p and (p.city or p.venue or p.admin2 or p.admin1 or p.country)
    actor = _perpetrator(inc)
    return {
        "event_date": inc.date, "event_type": t.acled_event_type, "sub_event_type": t.acled_sub_event_type,
        "actor1": actor, "country": p and p.country, "admin1": p and p.admin1, "admin2": p and p.admin2,
        "location": location, "latitude": p and p.lat, "longitude": p and p.lon,
        "geo_precision": _GEO_PRECISION.get(p.precision or "") if p else None,
        "fatalities": _count(inc, "killed", conservative),
        # "at least 60" is a floor, not a count: the number alone would read as exact
        "fatalities_qualifier": _qualifier(inc, "killed", conservative), "notes": _notes(inc),
        "source": "; ".join(dict.fromkeys(_outlet(a) for a in _sources(inc, articles or {}))),
    }


def _date_parts(date: str | None) -> tuple[int | None, int, int]:
    """GTD's iyear, imonth, iday; 0 stands for an unknown month or day, as in GTD."""
    parts = (date or "").split("-")
    nums = [int(x) if x.isdigit() else 0 for x in parts[:3]] + [0, 0, 0]
    return (nums[0] or None), nums[1], nums[2]


def gtd_row(inc: Incident, articles: Mapping[str, Article] | None = None, *,
            conservative: bool = False) -> dict[str, Any]:
    """One incident in GTD's columns (``GTD_COLUMNS``)."""
    p, t = inc.place, inc.type
    year, month, day = _date_parts(inc.date)
    return {
        "iyear": year, "imonth": month, "iday": day,
        "country_txt": p and p.country, "provstate": p and p.admin1,
        "city": p and (p.city or p.admin2), "latitude": p and p.lat, "longitude": p and p.lon,
        "attacktype1_txt": t.gtd_attack_type, "weaptype1_txt": t.gtd_weapon_type,
        "targtype1_txt": t.gtd_target_type, "gname": _perpetrator(inc) or "Unknown",
        "claimed": claimed(inc.actors) or 0, "nkill": _count(inc, "killed", conservative),
        "nwound": _count(inc, "injured", conservative),
        "summary": f"{inc.date}: {_notes(inc)}" if inc.date else _notes(inc),
        # GTD's "multiple": one part of a coordinated attack, its other parts in "related"
        "multiple": 1 if inc.related else 0, "related": ", ".join(inc.related),
    }


def _csv(rows: list[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if v is None else v for k, v in r.items()})


def _geojson(inc: Incident, articles: Mapping[str, Article]) -> dict[str, Any]:
    p = inc.place
    geometry = None
    if p is not None and p.lat is not None and p.lon is not None:
        geometry = {"type": "Point", "coordinates": [p.lon, p.lat]}  # GeoJSON order: longitude first
    return {"type": "Feature", "id": inc.id, "geometry": geometry, "properties": row(inc, articles)}


def export_incidents(incidents: Sequence[Incident], fmt: str, out: TextIO, *, conservative: bool = False,
                     articles: Mapping[str, Article] | None = None) -> int:
    """Write ``incidents`` to ``out`` in format ``fmt`` (one of ``FORMATS``); return how many were written."""
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"export format {fmt!r}", "unknown export format",
                         f"use one of: {', '.join(FORMATS)}")
    incidents = list(incidents)
    arts = articles or {}
    flat: Callable[[Incident], dict[str, Any]]
    if fmt == "json":
        data = []
        for inc in incidents:
            d = inc.to_dict()
            d.update(row=row(inc, arts), acled=acled_row(inc, arts, conservative=conservative),
                     gtd=gtd_row(inc, arts, conservative=conservative))
            data.append(d)
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "geojson":
        fc = {"type": "FeatureCollection", "features": [_geojson(inc, arts) for inc in incidents]}
        json.dump(fc, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        columns, flat = {
            "csv": (CSV_COLUMNS, lambda i: row(i, arts)),
            "acled": (ACLED_COLUMNS, lambda i: acled_row(i, arts, conservative=conservative)),
            "gtd": (GTD_COLUMNS, lambda i: gtd_row(i, arts, conservative=conservative)),
        }[fmt]
        _csv([flat(inc) for inc in incidents], columns, out)
    log.debug("exported %d incident(s) as %s", len(incidents), fmt)
    return len(incidents)
