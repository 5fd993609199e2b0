"""Extraction speed per language: articles/s of each language's reader (CPU time, one process).

    .venv/bin/python scripts/bench_foreign.py ../shared/eval/developing-dev      # a suite's articles
    .venv/bin/python scripts/bench_foreign.py tests/data/foreign_reports.jsonl --repeat 5

A suite's articles get their language as ``sitrep eval`` gives it (``ingest.language.detect``); a
JSONL of reports (``tests/data/foreign_reports.jsonl``) names it. Each language's articles are read
once before the clock starts (pipeline, lexicon, gazetteer and word frequencies loaded: a steady
rate); English articles go through the English reader (``pipeline._extract_batch``, spaCy's full
model) for comparison. Language identification is timed apart. CPU time (``time.process_time``):
the machine is shared, wall time is noise.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from sitrep.evaluate import suite_articles
from sitrep.evaluate.suites import Suite
from sitrep.extract import foreign
from sitrep.ingest.language import detect
from sitrep.pipeline import PipelineOptions, _extract_batch, _read_foreign
from sitrep.records import Article


def _articles(path: Path) -> list[Article]:
    if path.is_dir():
        return suite_articles(Suite.load(path))[0]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Article.from_text(r["text"], title=r.get("title"), published=r.get("published"),
                              language=r["language"]) for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", type=Path, help="a suite folder or a JSONL of reports")
    ap.add_argument("--repeat", type=int, default=1, help="read each language's articles this many times")
    args = ap.parse_args()
    by_lang: dict[str, list[Article]] = defaultdict(list)
    for a in _articles(args.input):
        by_lang[a.language].append(a)
    texts = [a.text for arts in by_lang.values() for a in arts]
    detect(texts[0])  # the model loaded outside the timing
    t0 = time.process_time()
    for t in texts:
        detect(t)
    lid = (time.process_time() - t0) / max(1, len(texts))
    print(f"{args.input.name}: language id {lid * 1000:.2f} ms CPU per article ({len(texts)} articles)\n")
    print("| language | articles | chars/article | articles/s (CPU) |")
    print("|---|---|---|---|")
    batch = PipelineOptions().batch_size
    for code in sorted(by_lang, key=lambda c: (c != "en", c)):
        arts = by_lang[code]
        read = (lambda xs: _extract_batch(xs, batch)) if code == "en" else _read_foreign
        read(arts)  # models, lexicon, gazetteer and word frequencies loaded outside the timing
        t0 = time.process_time()
        for _ in range(args.repeat):
            read(arts)
        sec = time.process_time() - t0
        n = len(arts) * args.repeat
        chars = sum(len(a.text) for a in arts) // len(arts)
        rate = f"{n / sec:.1f}" if code == "en" or code in foreign.languages() else "stored, not read"
        print(f"| {code} | {len(arts)} | {chars:,} | {rate} |")


if __name__ == "__main__":
    main()
