"""List the misses of one field in one suite's predictions, for error analysis (BENCHMARKS.md).

    .venv/bin/sitrep eval ../shared/eval/gva-dev --out out/gva.jsonl
    .venv/bin/python scripts/errors.py ../shared/eval/gva-dev out/gva.jsonl city [--n 20] [--seed 0]

Prints how many gold rows the field misses, the commonest (gold, predicted) pairs, and a random
sample of misses with the article's title and first characters, so that the classes of error can
be counted by reading. Uses Sitrep's own scorer (which agrees with the referee's).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from sitrep.evaluate.metrics import field_match, match_incidents  # noqa: E402


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite", type=Path)
    ap.add_argument("predictions", type=Path)
    ap.add_argument("field")
    ap.add_argument("--n", type=int, default=15, help="misses to print")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chars", type=int, default=300, help="characters of each article to print")
    a = ap.parse_args()
    task = json.loads((a.suite / "suite.json").read_text(encoding="utf-8"))["task"]
    gold, preds = _rows(a.suite / "gold.jsonl"), _rows(a.predictions)
    articles = {r["id"]: r for r in _rows(a.suite / "articles.jsonl")}
    if task == "incidents":
        pairs = match_incidents(gold, preds)
    else:
        by_id = {p["article_id"]: p for p in preds}
        pairs = [(g, by_id.get(g["article_id"], {})) for g in gold]
    scored = [(g, p) for g, p in pairs if g.get(a.field) is not None]
    misses = [(g, p) for g, p in scored if not field_match(a.field, g, p)]
    print(f"{a.field}: {len(misses)} misses of {len(scored)} scored rows "
          f"({1 - len(misses) / max(len(scored), 1):.4f} right)")
    print("\ncommonest (gold -> predicted):")
    for (gv, pv), n in Counter((str(g[a.field]), str(p.get(a.field))) for g, p in misses).most_common(12):
        print(f"  {n:4d}  {gv!r} -> {pv!r}")
    print(f"\n{min(a.n, len(misses))} random misses:")
    for g, p in random.Random(a.seed).sample(misses, min(a.n, len(misses))):
        ids = g.get("article_ids") or [g["article_id"]]
        art = articles.get(ids[0], {})
        text = " ".join(str(art.get("text", "")).split())[: a.chars]
        print(f"\n- {ids[0]} ({len(ids)} article(s)): gold {g[a.field]!r}, predicted {p.get(a.field)!r}")
        print(f"  title: {art.get('title')!r}")
        print(f"  text: {text}")


if __name__ == "__main__":
    main()
