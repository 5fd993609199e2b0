"""Developer aid: print what extraction reads from the articles of a suite's gold incidents.

    .venv/bin/python scripts/dev_read.py ../shared/eval/developing-dev [--lang en] [--incident N]

For each gold incident: its gold killed/injured/date/city, then per article the main mention's
totals, date, place, and every killed/injured claim with its attribution, scope and sentence. Dev halves
only (it prints suite text); never point it at a blind half.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from sitrep.evaluate import Suite, suite_articles
from sitrep.ingest import language
from sitrep.pipeline import PipelineOptions, extract_reports


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("suite", type=Path)
    ap.add_argument("--lang", default=None, help="only articles detected in this language")
    ap.add_argument("--incident", type=int, default=None, help="only the Nth gold incident (0-based)")
    ap.add_argument("--width", type=int, default=160)
    args = ap.parse_args()
    suite = Suite.load(args.suite)
    articles, _, _ = suite_articles(suite)
    for a in articles:
        a.language = language.detect(a.text)
    by_ext = {ext: a for a in articles for ext in (a.external_ids or [a.id])}
    gold = [json.loads(line) for line in (args.suite / "gold.jsonl").open()]
    wanted = [g for n, g in enumerate(gold) if args.incident is None or n == args.incident]
    todo = {by_ext[x].id: by_ext[x] for g in wanted for x in g["article_ids"] if x in by_ext}
    todo = {k: a for k, a in todo.items() if args.lang is None or a.language == args.lang}
    reports = {r.article_id: r for r in extract_reports(list(todo.values()),
                                                        options=PipelineOptions(include_foreign=True))}
    w = args.width
    for g in wanted:
        print(f"\n=== gold killed={g.get('killed')} injured={g.get('injured')} date={g.get('date')} "
              f"city={g.get('city')} :: {(g.get('notes') or '')[:w]}")
        for x in g["article_ids"]:
            a = by_ext.get(x)
            if a is None or a.id not in todo:
                continue
            r = reports.get(a.id)
            m = r.main if r else None
            print(f"-- [{a.language}] {a.outlet} {a.published} {(a.title or '')[:80]}")
            if m is None:
                print("   (no main mention)")
                continue
            print(f"   totals={m.totals} date={m.date} place={m.place.label() if m.place else None} "
                  f"type={m.type.label} refs={len(r.mentions) - 1}")
            for f in m.figures:
                if f.category in ("killed", "injured"):
                    print(f"   {f.category}={f.low} q={f.qualifier} scope={f.scope} by={f.attribution!r}/"
                          f"{f.attribution_kind} rev={f.revision} :: {f.sentence.strip()[:w]}")
            for ref in r.mentions[1:]:
                print(f"   REF {ref.totals} date={ref.date} :: {ref.summary[:w]}")


if __name__ == "__main__":
    main()
