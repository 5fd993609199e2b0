"""Offline GeoNames gazetteer: ``Gazetteer.load().lookup("Mosul")``.

Readers reach the tables only through this face: the ``Gazetteer`` methods, the name keys and the
alias tables re-exported here.
"""
from __future__ import annotations

from sitrep.gazetteer.aliases import (
    ADMIN1_ABBREV,
    DEMONYMS,
    PART_WORDS,
    REGION_ABBREV,
    STOP_NAMES,
    admin_key,
    loose_key,
    norm,
)
from sitrep.gazetteer.index import Gazetteer, GeoEntry, cache_dir, distance_km

__all__ = [
    "ADMIN1_ABBREV", "DEMONYMS", "PART_WORDS", "REGION_ABBREV", "STOP_NAMES", "GeoEntry", "Gazetteer",
    "admin_key", "cache_dir", "distance_km", "loose_key", "norm",
]
