"""The gazetteer: ranked lookups of places, admin regions and countries, offline."""
from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from sitrep.gazetteer import build as builder
from sitrep.gazetteer.aliases import ADMIN1_ABBREV, admin1_variants, admin_key, loose_key, norm, skeleton_key

log = logging.getLogger(__name__)


@dataclass(slots=True, frozen=True)
class GeoEntry:
    """One gazetteer hit. ``kind`` is "city", "admin2", "admin1" or "country"."""

    name: str
    kind: str
    country_code: str
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    geonameid: int | None = None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km on a sphere of the Earth's mean radius, 6,371 km:
    the one distance of places, linking and the referee's within-25-km metric."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _memoized(method: Callable[..., list[GeoEntry]]) -> Callable[..., list[GeoEntry]]:
    """Readers ask for the same names many times per article: an answer is kept per arguments
    (entries are frozen; each caller gets its own list, which it may sort)."""
    @functools.wraps(method)
    def wrapper(self: Gazetteer, *args: Any, **kwargs: Any) -> list[GeoEntry]:
        key = (method.__name__, args, tuple(sorted(kwargs.items())))
        hit = self._memo.get(key)
        if hit is None:
            if len(self._memo) > 200_000:
                self._memo.clear()
            hit = self._memo[key] = method(self, *args, **kwargs)
        return list(hit)
    return wrapper


def cache_dir() -> Path:
    """$SITREP_CACHE, else ~/.cache/sitrep."""
    env = os.environ.get("SITREP_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "sitrep"


def _stamp() -> list[Any]:
    """What the cached index was built from: our code's and alias tables' hash and the source files' sizes
    and times."""
    from sitrep.gazetteer import aliases

    code = hashlib.sha256(Path(builder.__file__).read_bytes() + Path(aliases.__file__).read_bytes()
                          + aliases.table_bytes())
    files = [(p.name, p.stat().st_size, int(p.stat().st_mtime)) for p in builder.source_files()]
    return [builder.VERSION, code.hexdigest()[:16], *files]


class Rows:
    """Row view over the column tables: ``rows[i]`` = (geonameid, name, lat, lon, cc, admin1, admin2, pop)."""

    __slots__ = ("_c",)

    def __init__(self, columns: dict[str, Any]):
        self._c = columns

    def __len__(self) -> int:
        return len(self._c["name"])

    def __getitem__(self, i: int) -> tuple[Any, ...]:
        c = self._c
        return (c["gid"][i] or None, c["name"][i], c["lat"][i], c["lon"][i], c["cc"][i], c["admin1"][i],
                c["admin2"][i], c["pop"][i])


def _idxs(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


class Gazetteer:
    """Lookups over the built tables; get the shared instance with ``Gazetteer.load()``."""

    def __init__(self, tables: dict[str, Any]):
        self._t = tables
        self._rows = Rows(tables["rows"])
        self._memo: dict[tuple[Any, ...], list[GeoEntry]] = {}
        # Loose keys of every region name, for spellings the exact keys miss ("Idleb", "Ar-Raqqa").
        self._loose: dict[str, set[tuple[str, str]]] = {}
        self._skeleton: dict[str, set[tuple[str, str]]] = {}
        for k, cands in tables["admin1_keys"].items():
            for c in cands:
                self._loose.setdefault(loose_key(k), set()).add(c)
                self._skeleton.setdefault(skeleton_key(k), set()).add(c)

    # -- loading -----------------------------------------------------------------------------
    @staticmethod
    @functools.lru_cache(maxsize=1)
    def load() -> Gazetteer:
        """The index from the disk cache, built (and cached atomically) when missing or stale."""
        path = cache_dir() / "gazetteer.pickle"
        stamp = _stamp()
        try:
            with open(path, "rb") as fh:
                saved_stamp, tables = pickle.load(fh)
            if saved_stamp == stamp:
                return Gazetteer(tables)
            log.info("gazetteer cache %s is stale; rebuilding", path)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            log.info("no usable gazetteer cache at %s; building", path)
        tables = builder.build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer.")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((stamp, tables), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:  # a read-only home still gets a working (in-memory) gazetteer
            log.warning("could not write gazetteer cache %s: %s", path, exc)
        return Gazetteer(tables)

    # -- entries -----------------------------------------------------------------------------
    def _city(self, i: int) -> GeoEntry:
        gid, name, lat, lon, cc, a1, a2, pop = self._rows[i]
        return GeoEntry(name=name, kind="city", country_code=cc, country=self._t["countries"].get(cc),
                        admin1=a1, admin2=a2, lat=lat, lon=lon, population=pop, geonameid=gid)

    def country_name(self, cc: str) -> str | None:
        return self._t["countries"].get(cc)

    def country(self, name: str) -> GeoEntry | None:
        """A country by its English name or a common alias ("U.S.", "Britain", "DRC")."""
        cc = self._t["country_keys"].get(norm(name))
        if cc is None:
            return None
        cname = self._t["countries"][cc]
        lat = lon = None
        i = self._t["country_rep"].get(cc)  # a country's point: its biggest city (often the capital)
        if i is not None:
            lat, lon = self._rows[i][2], self._rows[i][3]
        return GeoEntry(name=cname, kind="country", country_code=cc, country=cname, lat=lat, lon=lon)

    def us_state_code(self, abbrev: str) -> str | None:
        """Postal code for "CA", "Calif.", "N.Y."; None if not a US state abbreviation."""
        code = abbrev.strip().upper().rstrip(".")
        if len(code) == 2 and code in self._t["us_states"]:
            return code
        return self._t["us_abbrev"].get(norm(abbrev))

    def us_state(self, code: str) -> str | None:
        """The name of the US state with postal code ``code`` ("CA" -> "California"), else None."""
        return self._t["us_states"].get(code.strip().upper())

    def admin1(self, name: str, country_code: str | None = None) -> GeoEntry | None:
        """A first-level region ("Moscow Oblast", "Ingushetia", "California", "CA", "Calif.")."""
        code = self.us_state_code(name) if len(name) <= 6 and (country_code in (None, "US")) else None
        if code and (name.isupper() or "." in name):
            name, country_code = self._t["us_states"][code], "US"
        elif name.strip() in ADMIN1_ABBREV and country_code in (None, ADMIN1_ABBREV[name.strip()][0]):
            country_code, name = ADMIN1_ABBREV[name.strip()]
        keys = admin1_variants(name) | {norm(name)}
        cands: list[tuple[str, str]] = []
        for k in keys:
            cands.extend(self._t["admin1_keys"].get(k, ()))
        if country_code:
            cands = [c for c in cands if c[0] == country_code]
        if not cands:
            return None
        reps = self._t["admin1_rep"]

        def weight(c: tuple[str, str]) -> tuple[int, int]:
            exact = int(norm(c[1]) == norm(name))
            i = reps.get(c)
            return exact, (self._rows[i][7] if i is not None else 0)
        cc, a1 = max(set(cands), key=weight)
        i = reps.get((cc, a1))
        lat, lon = (self._rows[i][2], self._rows[i][3]) if i is not None else (None, None)
        return GeoEntry(name=a1, kind="admin1", country_code=cc, country=self._t["countries"].get(cc),
                        admin1=a1, lat=lat, lon=lon)

    @_memoized
    def admin1_all(
        self, name: str, country_code: str | None = None, *, called: bool = False,
    ) -> list[GeoEntry]:
        """Every region ``name`` may be ("Nord-Ouest": Haiti's or Cameroon's), exact spellings first,
        else transliteration variants ("Idleb", "Ar-Raqqa"); a consonant-skeleton match ("As-Sweida") is
        only tried within ``country_code``, or where it is unique and the text ``called`` it a region
        (in brackets after a town, "X province")."""
        key = norm(name)
        if len(key) < 3:
            return []
        exact: set[tuple[str, str]] = set()
        for k in admin1_variants(name) | {key}:
            exact.update(self._t["admin1_keys"].get(k, ()))
        cands = {c for c in exact if country_code in (None, c[0])}
        if not cands and len(key) >= 4:
            cands = {c for c in self._loose.get(loose_key(name), ()) if country_code in (None, c[0])}
        if not cands:
            skel = skeleton_key(name)
            loose = loose_key(name)
            found = {c for c in self._skeleton.get(skel, ()) if country_code in (None, c[0])
                     and fuzz.ratio(loose, loose_key(c[1])) >= 80}
            if len(skel) >= 3 and (country_code or called and len(found) == 1):
                cands = found
        reps = self._t["admin1_rep"]
        # The bigger region first (by its biggest town): "Plateau" is Nigeria's before Benin's.
        ranked = sorted(cands, key=lambda c: (-(self._rows[reps[c]][7] if c in reps else 0), c))
        return [self._admin1_entry(*c) for c in ranked]

    def _admin1_entry(self, cc: str, a1: str) -> GeoEntry:
        i = self._t["admin1_rep"].get((cc, a1))
        lat, lon = (self._rows[i][2], self._rows[i][3]) if i is not None else (None, None)
        return GeoEntry(name=a1, kind="admin1", country_code=cc, country=self._t["countries"].get(cc),
                        admin1=a1, lat=lat, lon=lon)

    @_memoized
    def admin2(
        self, name: str, *, country_code: str | None = None, admin1: str | None = None,
    ) -> list[GeoEntry]:
        """Second-level regions (US counties, districts) by name, biggest first."""
        cands = self._t["admin2_keys"].get(admin_key(name), ())
        out = []
        for cc, a1, a2 in cands:
            if country_code and cc != country_code:
                continue
            if admin1 and admin_key(a1) not in admin1_variants(admin1):
                continue
            i = self._t["admin2_rep"].get((cc, a1, a2))
            row = self._rows[i] if i is not None else None
            lat, lon, pop = (row[2], row[3], row[7]) if row else (None, None, 0)
            out.append(GeoEntry(name=a2, kind="admin2", country_code=cc, country=self._t["countries"].get(cc),
                                admin1=a1, admin2=a2, lat=lat, lon=lon, population=pop))
        return sorted(out, key=lambda e: -e.population)

    @_memoized
    def lookup(
        self, name: str, *, country_code: str | None = None, admin1: str | None = None,
    ) -> list[GeoEntry]:
        """Populated places called ``name``, best first (exact name over alternate name, then size)."""
        key = norm(name)
        if not key:
            return []
        primary = _idxs(self._t["names"].get(key))
        alt = _idxs(self._t["alt_names"].get(key))
        a1keys = admin1_variants(admin1) if admin1 else None
        if a1keys is not None:  # a region the tables lack: its towns are filed under the one it was part of
            a1keys = a1keys | self._t.get("admin1_parent", {}).get(admin_key(admin1), frozenset())
        scored: list[tuple[float, int]] = []
        seen: set[int] = set()
        for bonus, idxs in ((1.0, primary), (0.0, alt)):
            for i in idxs:
                if i in seen:
                    continue
                seen.add(i)
                r = self._rows[i]
                if country_code and r[4] != country_code:
                    continue
                if a1keys is not None and not (r[5] and admin_key(r[5]) in a1keys):
                    continue
                scored.append((bonus * 2 + math.log10(r[7] + 10), i))
        scored.sort(key=lambda s: -s[0])
        return [self._city(i) for _, i in scored]
