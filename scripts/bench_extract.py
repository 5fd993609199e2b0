"""Benchmark: extraction speed and peak memory over a suite's articles, with 1 and 2 processes.

    python scripts/bench_extract.py ../shared/eval/gva-dev [--processes 1 2] [--limit N] [--ner]

Runs the same code path as `sitrep eval` (pipeline.extract_reports, no Doc cache) and reports
articles per second and peak resident memory summed over the main process and its workers
(sampled from /proc every 50 ms). ``--ner`` also times spaCy's bare NER (the model with every other
component disabled) over the same articles' texts with the same number of processes, and prints
Sitrep's rate as a share of it (issue 9's target: at least 0.7).
"""
from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path

from sitrep.evaluate import suite_articles
from sitrep.evaluate.suites import Suite
from sitrep.pipeline import PipelineOptions, extract_reports


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                kids = [int(x) for x in f.read().split()]
        except OSError:
            kids = []
        out.extend(kids)
        todo.extend(kids)
    return out


class PeakRSS(threading.Thread):
    """Samples the summed RSS of this process tree until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kb = 0
        self._halt = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._halt.is_set():
            total = sum(_rss_kb(p) for p in [me, *_children(me)])
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(0.05)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("suite")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--ner", action="store_true", help="also time spaCy's bare NER on the same texts")
    a = ap.parse_args()
    articles, _, _ = suite_articles(Suite.load(a.suite))
    articles = articles[: a.limit] if a.limit else articles
    print(f"{Path(a.suite).name}: {len(articles)} articles, {sum(len(x.text) for x in articles)} chars")
    for n in a.processes:
        meter = PeakRSS()
        meter.start()
        t = time.perf_counter()
        reports = extract_reports(articles, options=PipelineOptions(processes=n))
        dt = time.perf_counter() - t
        meter.stop()
        rate = len(articles) / dt
        print(f"processes={n}: {len(reports)} reports in {dt:.1f} s = {rate:.1f} articles/s; "
              f"peak RSS (all processes) {meter.peak_kb / 1024 / 1024:.2f} GB")
        if a.ner:
            ner_rate = _bare_ner_rate([x.text for x in articles], n)
            print(f"processes={n}: spaCy's bare NER {ner_rate:.1f} articles/s; Sitrep at "
                  f"{rate / ner_rate:.2f} x that rate")


def _bare_ner_rate(texts: list[str], processes: int) -> float:
    """Articles per second of the spaCy model with only its NER (and the NER's own tok2vec) on."""
    import spacy

    from sitrep.nlp import MODEL

    nlp = spacy.load(MODEL)
    nlp = spacy.load(MODEL, disable=[p for p in nlp.pipe_names if p != "ner"])
    t = time.perf_counter()
    for _doc in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    return len(texts) / (time.perf_counter() - t)


if __name__ == "__main__":
    main()
