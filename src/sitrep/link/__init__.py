"""Linking: mentions -> incidents (incidents.py), copies and rewrites between articles (copies.py)."""
from __future__ import annotations

from sitrep.link.incidents import LinkOptions, link

__all__ = ["LinkOptions", "link"]
