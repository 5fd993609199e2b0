"""What each non-English report of an incidents suite reads by itself (dev halves only): its own date,
town, country, killed and injured against its gold incident's, per language.

    .venv/bin/python scripts/foreign_reading.py ../shared/eval/developing-dev [--misses]

Each article is read as ``sitrep eval`` reads it (``evaluate.suite_articles``: language and
publication date), alone, with no linking: a report's reading before any incident reconciles it. A
figure counts only where the gold incident states it; a report's figure may rightly be an early count.
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from sitrep.evaluate import suite_articles
from sitrep.evaluate.suites import Suite
from sitrep.gazetteer.aliases import norm
from sitrep.pipeline import _read_foreign

FIELDS = ("date", "city", "country", "killed", "injured")


def _got(report, field):
    m = report.main
    if m is None:
        return None
    if field == "date":
        return m.date
    if field in ("city", "country"):
        return getattr(m.place, field, None) if m.place else None
    return m.totals.get(field)


def _ok(field, got, gold) -> bool:
    if field == "date":
        return bool(got) and got[: len(gold["date"])] == gold["date"]
    if field == "city":
        return bool(got) and norm(got) in {norm(c) for c in [gold["city"], *gold.get("city_alt", [])]}
    if field == "country":
        return bool(got) and norm(got) == norm(gold["country"])
    return got == gold[field]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite", type=Path)
    ap.add_argument("--misses", action="store_true", help="print each miss")
    args = ap.parse_args()
    suite = Suite.load(args.suite)
    articles, _, _ = suite_articles(suite)
    gold_of = {a: g for g in suite.gold for a in g["article_ids"]}
    stats: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses = []
    for art in sorted((a for a in articles if a.language != "en"), key=lambda a: a.language):
        gold = next((gold_of[i] for i in art.external_ids if i in gold_of), None)
        if gold is None:
            continue
        (report,) = _read_foreign([art])
        for field in FIELDS:
            if gold.get(field) is None:
                continue
            got = _got(report, field)
            ok = _ok(field, got, gold)
            for key in (art.language, "all"):
                stats[key][field][0] += ok
                stats[key][field][1] += 1
            if not ok:
                misses.append(f"{art.external_ids[0]} {art.language} {field}: gold {gold[field]}, read {got}")
    print("| language | " + " | ".join(FIELDS) + " |")
    print("|---|" + "---|" * len(FIELDS))
    for code in sorted(stats, key=lambda c: (c == "all", c)):
        cells = [f"{ok}/{n}" if n else "-" for ok, n in (stats[code][f] for f in FIELDS)]
        print(f"| {code} | " + " | ".join(cells) + " |")
    if args.misses:
        print("\n" + "\n".join(misses))


if __name__ == "__main__":
    main()
