"""How much of a report-coding suite's perpetrator field the text itself states (dev halves only).

Usage: .venv/bin/python scripts/perpetrator_ceiling.py ../shared/eval/gtd-dev [--pred PRED.jsonl]

A coded perpetrator is *stated* when its name, normalised as the referee normalises it (case and
punctuation do not count), occurs in the report's text; "Unknown" is its own class (the text may say
no group claimed it, or say nothing). Every other row is coded from outside the text (a kind of
group, "Anti-Abortion extremists", for an attack the summary leaves unattributed, or a name the text
spells another way). The ceiling of a reader that only reads what the text says is the share of
stated rows plus the Unknown rows, and at most every row but those whose text says the attacker is
unknown ("unknown perpetrators bombed...", coded "Left-Wing Militants"); the rest ("other") are rows
whose text may describe the kind of group ("striking workers") without naming it. With --pred (a
`sitrep eval --out` file) it also prints Sitrep's score on each class. Prints aggregates only;
refuses a blind suite.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path


def norm(s: str | None) -> str | None:
    """The referee's normalisation (score.py): case and punctuation do not count."""
    if s is None:
        return None
    s = "".join(c if c.isalnum() else " " for c in str(s).lower())
    return " ".join(s.split()) or None


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# The text says the attacker is not known: a coded group name for such a row comes from outside it.
SAID_UNKNOWN = re.compile(
    r"\b(unknown|unidentified) "
    r"(perpetrators?|assailants?|attackers?|individuals?|persons?|people|suspects?)\b"
    r"|\bno (group|one|individual) (has )?(claimed|took|has taken|was identified)",
    re.I,
)


def aliases(gold: str) -> set[str]:
    """'Weather Underground, Weathermen' and 'Animal Liberation Front (ALF)' name a group several ways."""
    names = {gold, re.sub(r"\s*\([^)]*\)", "", gold), *re.findall(r"\(([^)]*)\)", gold), *gold.split(", ")}
    return {n for n in map(norm, names) if n}


def row_class(gold: str | None, text: str) -> str:
    g = norm(gold)
    if g is None:
        return "none"
    if g == "unknown":
        return "unknown"
    t = f" {norm(text) or ''} "
    if any(f" {a} " in t for a in aliases(gold)):
        return "stated"
    return "said-unknown" if SAID_UNKNOWN.search(text) else "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite", type=Path, help="a dev suite folder (articles.jsonl, gold.jsonl)")
    ap.add_argument("--pred", type=Path, help="predictions from `sitrep eval SUITE --out PRED.jsonl`")
    args = ap.parse_args(argv)
    if "blind" in args.suite.resolve().parts:
        print(f"{args.suite}: a blind suite; this tool reads rows, so it runs on dev halves only",
              file=sys.stderr)
        return 2
    texts = {a["id"]: " ".join(filter(None, [a.get("title"), a.get("text")]))
             for a in load(args.suite / "articles.jsonl")}
    gold = [g for g in load(args.suite / "gold.jsonl") if "perpetrator" in g]
    pred = {p["article_id"]: p for p in load(args.pred)} if args.pred else {}
    rows, right = Counter(), Counter()
    for g in gold:
        c = row_class(g["perpetrator"], texts.get(g["article_id"], ""))
        rows[c] += 1
        if pred:
            right[c] += norm(g["perpetrator"]) == norm(pred.get(g["article_id"], {}).get("perpetrator"))
    n = sum(rows.values()) or 1
    print(f"{args.suite.name}: {n} rows with a coded perpetrator")
    for c in ("stated", "unknown", "said-unknown", "other", "none"):
        if rows[c]:
            line = f"  {c:<11} {rows[c]:>4}  {rows[c] / n:.3f}"
            if pred:
                line += f"   sitrep right {right[c]:>4}  ({right[c] / rows[c]:.3f} of the class)"
            print(line)
    low = (rows["stated"] + rows["unknown"]) / n
    print(f"  ceiling: at least {low:.3f} (named or Unknown), at most {1 - rows['said-unknown'] / n:.3f} "
          "(every row but those whose text says the attacker is not known)")
    if pred:
        print(f"  sitrep overall: {sum(right.values()) / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
