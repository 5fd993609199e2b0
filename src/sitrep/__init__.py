"""Sitrep: turn news reports into sourced, reconciled incident records."""
from __future__ import annotations

from sitrep.records import (
    Actor,
    Article,
    DateMention,
    EventMention,
    EventType,
    Figure,
    Incident,
    Place,
    Reconciled,
    Report,
    Source,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "DateMention",
    "EventMention",
    "EventType",
    "Figure",
    "Incident",
    "Place",
    "Reconciled",
    "Report",
    "Source",
    "__version__",
]
