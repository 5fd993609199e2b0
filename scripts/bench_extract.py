"""Benchmark: extraction speed and peak memory over a suite's articles, with 1 and 2 processes.

    python scripts/bench_extract.py ../shared/eval/gva-dev [--processes 1 2] [--limit N] [--ner]

Runs the same code path as `sitrep eval` (pipeline.extract_reports, no Doc cache) and reports
articles per second and peak resident memory summed over the main process and its workers
(sampled from /proc every 50 ms). ``--ner`` also times spaCy's bare NER (the model with every other
component disabled) over the same articles' texts with the same number of processes, and prints
Sitrep's rate as a share of it (issue 9's target: at least 0.7).

Each run also prints CPU seconds per article, summed over the main process and every worker
(``resource.getrusage`` of this process and of its reaped children): on a shared machine the wall
time moves with the load, CPU time much less, so ``cpu ratio`` (bare NER's CPU s/article over
Sitrep's) is the figure to compare across runs. With one process the model is loaded before the
clock starts (for both); with more, each worker's load is inside both runs' time.
"""
from __future__ import annotations

import argparse
import os
import resource
import threading
import time
from pathlib import Path

from sitrep import nlp
from sitrep.evaluate import suite_articles
from sitrep.evaluate.suites import Suite
from sitrep.nlp import MODEL
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


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its children that have ended (been waited for)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


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
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--ner", action="store_true", help="also time spaCy's bare NER on the same texts")
    a = ap.parse_args()
    articles, _, _ = suite_articles(Suite.load(a.suite))
    articles = articles[: a.limit] if a.limit else articles
    print(f"{Path(a.suite).name}: {len(articles)} articles, {sum(len(x.text) for x in articles)} chars; "
          f"load average {_loadavg()}")
    for n in a.processes:
        if n <= 1:
            nlp.load()  # in this process: loaded before the clock starts, as the bare NER's model is
        meter = PeakRSS()
        meter.start()
        t, cpu = time.perf_counter(), cpu_seconds()
        reports = extract_reports(articles, options=PipelineOptions(processes=n))
        dt, dcpu = time.perf_counter() - t, cpu_seconds() - cpu
        meter.stop()
        rate, per = len(articles) / dt, dcpu / len(articles)
        print(f"processes={n}: {len(reports)} reports in {dt:.1f} s = {rate:.1f} articles/s; "
              f"CPU {dcpu:.1f} s = {per * 1000:.1f} ms/article; "
              f"peak RSS (all processes) {meter.peak_kb / 1024 / 1024:.2f} GB")
        if a.ner:
            ner_rate, ner_per = _bare_ner([x.text for x in articles], n)
            print(f"processes={n}: spaCy's bare NER {ner_rate:.1f} articles/s, CPU {ner_per * 1000:.1f} "
                  f"ms/article; Sitrep at {rate / ner_rate:.2f} x that rate (wall), "
                  f"{ner_per / per:.2f} x (cpu ratio)")
        print(f"  load average after: {_loadavg()}")


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _bare_ner(texts: list[str], processes: int) -> tuple[float, float]:
    """Articles per second and CPU seconds per article of the spaCy model with only its NER (and the
    NER's own tok2vec) on."""
    import spacy

    model = spacy.load(MODEL)
    model = spacy.load(MODEL, disable=[p for p in model.pipe_names if p != "ner"])
    t, cpu = time.perf_counter(), cpu_seconds()
    for _doc in model.pipe(texts, n_process=processes, batch_size=32):
        pass
    dt, dcpu = time.perf_counter() - t, cpu_seconds() - cpu
    return len(texts) / dt, dcpu / len(texts)


if __name__ == "__main__":
    main()
