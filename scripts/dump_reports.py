"""Developer aid: extract every article of a suite once and keep the Reports as JSONL.

    python scripts/dump_reports.py ../shared/eval/gva-dev [--doc-cache .cache/docs] [--out .cache/reports]

Each line: {"suite_ids": [...], "article": Article dict, "report": Report dict}; rebuild with
``records.article_from_dict`` / ``records.report_from_dict``. Linking work then runs without re-extraction.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.evaluate import load_doc_cache, suite_articles
from sitrep.evaluate.suites import Suite
from sitrep.pipeline import PipelineOptions, extract_reports


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("suite")
    ap.add_argument("--doc-cache", default=".cache/docs")
    ap.add_argument("--out", default=".cache/reports")
    ap.add_argument("--processes", type=int, default=1)
    a = ap.parse_args()
    suite = Suite.load(a.suite)
    articles, ids, external = suite_articles(suite)
    docs = load_doc_cache(Path(a.doc_cache), suite, ids) if a.doc_cache else None
    t = time.perf_counter()
    options = PipelineOptions(processes=a.processes)
    reports = {r.article_id: r for r in extract_reports(articles, options=options, docs=docs)}
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{Path(a.suite).name}.jsonl"
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for art in articles:
            rep = reports.get(art.id)
            f.write(json.dumps({"suite_ids": external[art.id], "article": art.to_dict(),
                                "report": rep.to_dict() if rep else None}, ensure_ascii=False) + "\n")
    tmp.replace(path)
    print(f"{path}: {len(articles)} articles in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
