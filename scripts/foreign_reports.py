"""Per-report accuracy on the non-English reports of an incidents suite (dev halves only).

    .venv/bin/sitrep eval ../shared/eval/developing-dev --out pred.jsonl
    .venv/bin/python scripts/foreign_reports.py ../shared/eval/developing-dev pred.jsonl

For each article whose language (``ingest.language.detect``) is not English: the predicted incident
holding it, its killed and injured against the gold incident's (over gold incidents that state them),
and whether it joined the English reports of its incident (the predicted incident holds at least one
English article of the same gold incident, where the gold incident has any). Prints totals per
language and the misses.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from sitrep.ingest.language import detect


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite", type=Path)
    ap.add_argument("predictions", type=Path)
    args = ap.parse_args()
    articles = {r["id"]: r for r in _rows(args.suite / "articles.jsonl")}
    lang = {i: detect(r["text"]) for i, r in articles.items()}
    gold_of = {a: g for g in _rows(args.suite / "gold.jsonl") for a in g["article_ids"]}
    pred_of = {a: p for p in _rows(args.predictions) for a in p["article_ids"]}
    stats: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    for aid, code in sorted(lang.items(), key=lambda kv: kv[1]):
        if code == "en" or aid not in gold_of:
            continue
        gold, pred = gold_of[aid], pred_of.get(aid)
        for field in ("killed", "injured"):
            if gold.get(field) is None:
                continue
            got = pred.get(field) if pred else None
            ok = got == gold[field]
            for key in (code, "all"):
                stats[key][field][0] += ok
                stats[key][field][1] += 1
            if not ok:
                misses.append(f"{aid} {code} {field}: gold {gold[field]}, predicted {got}")
        english = [a for a in gold["article_ids"] if lang.get(a) == "en"]
        if english:
            joined = bool(pred) and any(a in pred["article_ids"] for a in english)
            for key in (code, "all"):
                stats[key]["joined"][0] += joined
                stats[key]["joined"][1] += 1
            if not joined:
                misses.append(f"{aid} {code} not joined to its incident's English reports")
    print(f"{'language':<9} {'killed':>12} {'injured':>12} {'joined':>12}")
    for code in sorted(stats, key=lambda c: (c == "all", c)):
        cells = []
        for field in ("killed", "injured", "joined"):
            ok, n = stats[code][field]
            cells.append(f"{ok}/{n} {ok / n:.2f}" if n else "-")
        print(f"{code:<9} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12}")
    print()
    print("\n".join(misses))


if __name__ == "__main__":
    main()
