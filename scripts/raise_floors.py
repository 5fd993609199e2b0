"""Raise the evaluation gate's floors from a measurement (never lowers one).

    .venv/bin/sitrep eval --all ../shared/eval --json > metrics.json
    .venv/bin/python scripts/raise_floors.py metrics.json [--dry-run]

Each metric's floor becomes max(old floor, measured score rounded down to 0.01); metrics still
under their trivial baseline (``_trivial`` in floors.json, from FORMAT.md) stay unpinned.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from sitrep.evaluate import headline  # noqa: E402
from sitrep.evaluate.gate import FLOORS_FILE, floors, raise_floors, trivial  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("metrics", help="output of `sitrep eval --all DIR --json`")
    ap.add_argument("--dry-run", action="store_true", help="print the changes, write nothing")
    a = ap.parse_args()
    text = Path(a.metrics).read_text(encoding="utf-8")
    runs = json.loads(text[text.index("["):])  # tolerate a progress line before the JSON
    measured = {r["suite"]: headline(r) for r in runs}
    old = floors()
    new = raise_floors(old, measured, trivial())
    for suite, metrics in new.items():
        for metric, value in metrics.items():
            before = old.get(suite, {}).get(metric)
            if before != value:
                print(f"{suite} {metric}: {before} -> {value}")
    if not a.dry_run:
        data = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
        kept = {k: v for k, v in data.items() if k.startswith("_")}
        FLOORS_FILE.write_text(json.dumps(kept | new, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS_FILE}")


if __name__ == "__main__":
    main()
