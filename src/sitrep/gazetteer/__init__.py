"""Offline GeoNames gazetteer: ``Gazetteer.load().lookup("Mosul")``."""
from __future__ import annotations

from sitrep.gazetteer.aliases import admin_key, norm
from sitrep.gazetteer.index import Gazetteer, GeoEntry, cache_dir

__all__ = ["GeoEntry", "Gazetteer", "admin_key", "cache_dir", "norm"]
