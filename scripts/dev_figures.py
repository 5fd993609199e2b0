"""Dev check of figures on the parsed eval suites: killed/injured EM of the main mention vs gold.

Usage: .venv/bin/python scripts/dev_figures.py [suite ...] [--limit N] [--errors N]
Reads .cache/docs/<suite>.spacy (scripts/parse_cache.py) and ../shared/eval/<suite>/.
Prints metrics and error examples to the terminal only; nothing is written.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from spacy.tokens import DocBin

from sitrep import nlp
from sitrep.extract.figures import extract_figures
from sitrep.extract.mentions import background_sentences, split_share
from sitrep.extract.totals import totals

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main_totals(doc, published):
    figs = extract_figures(doc, published=published)
    try:
        from sitrep.extract import dates as dates_mod

        dates = dates_mod.extract_dates(doc, published=published)
        main_date = dates_mod.event_date(doc, dates, published=published)
    except (ImportError, AttributeError):
        dates, main_date = [], None
    bg = background_sentences(doc, dates=dates, main_date=main_date, published=published)
    sents = list(doc.sents)
    spans = [(sents[i].start_char, sents[i].end_char) for i in bg]
    main = [f for f in figs if not any(s <= f.start < e for s, e in spans)]
    tot = totals(main, main=True)
    tot["killed"] = split_share(doc.text, tot["killed"])
    return tot, figs, main


def run(suite: str, limit: int | None, n_err: int) -> None:
    gold = {r["article_id"]: r for r in map(json.loads, open(EVAL / suite / "gold.jsonl"))}
    arts = {r["id"]: r for r in map(json.loads, open(EVAL / suite / "articles.jsonl"))}
    docs = list(DocBin().from_disk(ROOT / ".cache" / "docs" / f"{suite}.spacy").get_docs(nlp.load().vocab))
    docs = docs[:limit] if limit else docs
    stats: dict[str, list[int]] = {}
    errors: dict[str, list[str]] = {}
    for doc in docs:
        aid = doc.user_data["article_id"]
        g = gold.get(aid)
        if g is None:
            continue
        tot, figs, main = main_totals(doc, arts[aid].get("published"))
        for field in ("killed", "injured"):
            if g.get(field) is None:
                continue
            pred = tot.get(field, 0)
            ok = int(pred == g[field])
            stats.setdefault(field, []).append(ok)
            if g[field] > 0:
                stats.setdefault(field + "_nonzero", []).append(ok)
            if not ok:
                shown = "; ".join(f"{f.category}/{f.scope}:{f.low} '{f.text}'" for f in main)[:300]
                errors.setdefault(field, []).append(
                    f"  {aid} gold={g[field]} pred={pred} figs=[{shown}]\n    {doc.text[:300]!r}")
    print(f"== {suite} ({len(docs)} docs)")
    for k, v in stats.items():
        print(f"  {k:18s} EM {sum(v) / len(v):.3f}  (n={len(v)})")
    for field, errs in errors.items():
        print(f"-- {field} errors ({len(errs)}), first {n_err}:")
        for e in errs[:n_err]:
            print(e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("suites", nargs="*", default=["gvdb-dev", "acled-dev", "gtd-dev"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", type=int, default=8)
    args = ap.parse_args()
    for suite in args.suites:
        run(suite, args.limit, args.errors)


if __name__ == "__main__":
    main()
