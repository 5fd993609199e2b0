"""Coordinated attacks: incidents in several places on one day by one group, linked as parts of one attack.

ACLED codes one event per place and day and GTD one incident per site, with the others of a
coordinated attack listed as "related"; a reader wants to see them together. Linking keeps each
place its own incident (what happened where, with its own toll); this pass then marks the incidents
that are parts of one attack:

- both main incidents, dated to the same **day**, in the same **country**;
- in different places (towns more than ``APART_KM`` apart, or different towns where either lacks
  coordinates);
- the same **group** named as perpetrator or claimant in both (a shared name, compared as linking
  compares names: case, punctuation and doubled letters ignored). A group, not a description: "a
  gunman" in two towns the same day is two shootings.

The parts of one attack (the connected groups of such pairs) share ``part_of``: "c" + 12 hex of the
hash of their smallest incident id, so it stays put while parts are added; ``related`` lists the
other parts' ids. Incidents in no such group have neither.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from sitrep.gazetteer import distance_km
from sitrep.link.incidents import name_key
from sitrep.records import Incident

#: Two towns closer than this are one place (a suburb and its city).
APART_KM = 25.0
#: The roles that name who did it.
ROLES = ("perpetrator", "claimed_by")


def _groups(inc: Incident) -> set[str]:
    return {name_key(a.name) for a in inc.actors
            if a.role in ROLES and a.kind in (None, "group") and a.name.strip()}


def _apart(a: Incident, b: Incident) -> bool:
    pa, pb = a.place, b.place
    if pa is None or pb is None or not pa.city or not pb.city:
        return False  # a country-level place is no second place
    if None not in (pa.lat, pa.lon, pb.lat, pb.lon):
        return distance_km(pa.lat, pa.lon, pb.lat, pb.lon) > APART_KM  # type: ignore[arg-type]
    return pa.city.lower() != pb.city.lower()


def mark_coordinated(incidents: Sequence[Incident]) -> list[list[Incident]]:
    """Set ``part_of`` and ``related`` on the parts of coordinated attacks (module rule), clearing them
    elsewhere; returns the groups found, each sorted by id."""
    for inc in incidents:
        inc.part_of, inc.related = None, []
    blocks: dict[tuple[str, str], list[Incident]] = defaultdict(list)
    for inc in incidents:
        if inc.main and inc.date and inc.date_precision == "day" and inc.place and inc.place.country:
            blocks[(inc.date[:10], inc.place.country)].append(inc)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_id: dict[str, Incident] = {}
    for members in blocks.values():
        names = {inc.id: _groups(inc) for inc in members}
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if names[a.id] & names[b.id] and _apart(a, b):
                    by_id[a.id], by_id[b.id] = a, b
                    parent[find(a.id)] = find(b.id)
    parts: dict[str, list[Incident]] = defaultdict(list)
    for iid, inc in by_id.items():
        parts[find(iid)].append(inc)
    out = []
    for group in parts.values():
        group.sort(key=lambda i: i.id)
        key = "c" + hashlib.sha256(group[0].id.encode()).hexdigest()[:12]
        for inc in group:
            inc.part_of = key
            inc.related = [o.id for o in group if o.id != inc.id]
        out.append(group)
    return sorted(out, key=lambda g: g[0].id)
