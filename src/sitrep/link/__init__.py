"""Linking: mentions -> incidents.

``stats`` (the corpus's word and line counts linking weighs by), ``similarity`` (nodes, term
vectors, candidate pairs, evidence), ``cluster`` (average link with
cannot-links), ``incidents`` (clusters -> Incidents, stable ids), ``fields`` (an incident's date,
place and type), ``copies`` (which articles copy or rewrite another), ``coordinated`` (incidents
that are places of one coordinated attack).
"""
from __future__ import annotations

from sitrep.link.incidents import link
from sitrep.link.options import LinkOptions
from sitrep.link.similarity import is_story, story_mention
from sitrep.link.stats import LinkStats

__all__ = ["LinkOptions", "LinkStats", "is_story", "link", "story_mention"]
