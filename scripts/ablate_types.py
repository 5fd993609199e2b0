"""Developer aid: what each cue line of ``data/types/case_cues.tsv`` is worth on a dev suite.

    .venv/bin/python scripts/ablate_types.py case2021-dev [--min-rows 0]

Loads the parsed-Doc cache once (``scripts/parse_cache.py``), scores the suite with every cue line,
then with each line left out in turn, and prints per line: rows that turn right / wrong when the
line is dropped and the weighted F1 without it. A line that only one or two rows need is the first
to suspect of being fitted to those rows; check it against the blind half, never keep it on dev alone.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dev_types import f1_report, load  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite")
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()

    from sitrep.extract import cues, types
    from sitrep.extract.cues import Cue, _read_tsv

    rows = load(a.suite, a.limit)
    field = "label"
    lines = _read_tsv("case_cues.tsv")
    full = tuple(Cue("case", c, float(w), re.compile(rx, re.I)) for c, w, rx in lines)

    def run(lex: tuple) -> list[str | None]:
        types.case_cues = cues.case_cues = lambda: lex  # type: ignore[assignment]
        import sitrep.extract.case_rules as cr

        cr.case_cues = types.case_cues
        return [types.classify(doc, title=art.get("title")).case_label for _a, doc, art, _g in rows]

    gold = [g.get(field) for _a, _d, _art, g in rows]
    base = run(full)
    print("all", f1_report(list(zip(gold, base, strict=True))))
    for i, (code, w, rx) in enumerate(lines):
        pred = run(full[:i] + full[i + 1 :])
        fixed = sum(p == g != b for p, b, g in zip(pred, base, gold, strict=True))
        broke = sum(b == g != p for p, b, g in zip(pred, base, gold, strict=True))
        wf1 = f1_report(list(zip(gold, pred, strict=True)))["weighted_f1"]
        print(f"{i:3d} {code:28} {w:>4} drop: +{fixed} -{broke} wF1 {wf1:.4f}  {rx[:90]}")


if __name__ == "__main__":
    main()
