"""The evaluation gate: pinned floors per suite and metric; a score under its floor fails.

Floors live in ``floors.json`` beside this module. They start at what was measured (rounded down
to ``STEP``), never below the trivial baselines of FORMAT.md (``_trivial`` in the same file; a
metric still under its trivial baseline is left unpinned until it passes it), and only go up:
``raise_floors`` is the one way they change (scripts/raise_floors.py).
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

FLOORS_FILE = Path(__file__).with_name("floors.json")
#: Slack for run-to-run noise: none, the pipeline is deterministic.
TOLERANCE = 0.0
#: Floors are measured scores rounded down to this step, so that a tie-break change that moves one
#: row does not fail CI, while any real regression does.
STEP = 0.01
#: Never pinned: B3 precision and recall trade against each other (the F1 they make is pinned), and
#: a run's wall time is a measurement of the machine, not a score.
UNPINNED = frozenset({"b3_precision", "b3_recall", "seconds"})

Floors = dict[str, dict[str, float]]


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def floors() -> Floors:
    """Suite -> metric -> floor, as pinned in floors.json."""
    return {k: v for k, v in _load(FLOORS_FILE).items() if not k.startswith("_")}


def trivial() -> Floors:
    """Suite -> metric -> the trivial baseline of FORMAT.md (no floor may be lower)."""
    return {k: v for k, v in _load(FLOORS_FILE).get("_trivial", {}).items() if not k.startswith("_")}


@dataclass(frozen=True, slots=True)
class Verdict:
    suite: str
    metric: str
    floor: float
    value: float | None

    @property
    def ok(self) -> bool:
        return self.value is not None and self.value + TOLERANCE >= self.floor


def check(suite: str, flat: Mapping[str, float], pinned: Floors | None = None) -> list[Verdict]:
    """One verdict per floor pinned for this suite (a metric missing from the run fails)."""
    table = floors() if pinned is None else pinned
    return [Verdict(suite, m, f, flat.get(m)) for m, f in sorted(table.get(suite, {}).items())]


def raise_floors(current: Floors, measured: Mapping[str, Mapping[str, float]],
                 baselines: Floors | None = None) -> Floors:
    """Floors after a measurement: each metric's floor is max(old floor, score rounded down to STEP).

    A metric whose rounded score is under its trivial baseline gets no new floor. Never lowers one.
    """
    base = baselines or {}
    out: Floors = {s: dict(m) for s, m in current.items()}
    for suite, scores in measured.items():
        for metric, value in scores.items():
            if value is None or isinstance(value, bool) or metric in UNPINNED:
                continue
            candidate = math.floor(round(value / STEP, 6)) * STEP
            candidate = round(candidate, 4)
            if candidate < base.get(suite, {}).get(metric, 0.0):
                continue
            old = out.get(suite, {}).get(metric)
            if old is None or candidate > old:
                out.setdefault(suite, {})[metric] = candidate
    return {s: dict(sorted(m.items())) for s, m in sorted(out.items())}
