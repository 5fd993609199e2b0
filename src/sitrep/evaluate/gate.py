"""The evaluation gate: pinned floors per suite and metric; a score under its floor fails.

Floors live in ``floors.json`` beside this module. They start at what was measured, never
below the trivial baselines of FORMAT.md, and only go up.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FLOORS_FILE = Path(__file__).with_name("floors.json")
#: Slack for run-to-run noise: none, the pipeline is deterministic.
TOLERANCE = 0.0


@lru_cache(maxsize=1)
def floors() -> dict[str, dict[str, float]]:
    data = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@dataclass(frozen=True, slots=True)
class Verdict:
    suite: str
    metric: str
    floor: float
    value: float | None

    @property
    def ok(self) -> bool:
        return self.value is not None and self.value + TOLERANCE >= self.floor


def check(suite: str, flat: dict[str, float]) -> list[Verdict]:
    """One verdict per floor pinned for this suite (a metric missing from the run fails)."""
    return [Verdict(suite, m, f, flat.get(m)) for m, f in sorted(floors().get(suite, {}).items())]
