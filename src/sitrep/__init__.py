"""Sitrep: turn news reports into sourced, reconciled incident records.

    >>> import sitrep
    >>> report = sitrep.read("Two people were killed and five wounded in a shooting in Dayton, Ohio, "
    ...                      "on Saturday, police said.", published="2024-06-02")
    >>> report.main.totals["killed"], report.main.date
    (2, '2024-06-01')

``sitrep.Pipeline`` binds the stages to a store (``sitrep.store.open_store``) for ingesting many
articles and linking them into incidents.
"""
from __future__ import annotations

import typing as _typing

from sitrep._version import __version__
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

if _typing.TYPE_CHECKING:
    from sitrep.pipeline import Pipeline, PipelineOptions, read

_PIPELINE_NAMES = ("Pipeline", "PipelineOptions", "read")


def __getattr__(name: str) -> _typing.Any:
    # The pipeline pulls in every stage (spaCy, scipy, trafilatura: about 1.5 s of CPU); importing it only
    # when asked keeps ``import sitrep.records`` and the CLI's start-up (``sitrep --help``) fast.
    if name in _PIPELINE_NAMES:
        from sitrep import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")


__all__ = [
    "Actor",
    "Article",
    "DateMention",
    "EventMention",
    "EventType",
    "Figure",
    "Incident",
    "Pipeline",
    "PipelineOptions",
    "Place",
    "Reconciled",
    "Report",
    "Source",
    "__version__",
    "read",
]
