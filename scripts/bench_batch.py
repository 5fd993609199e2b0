"""`sitrep batch` on a local Ray cluster against the same work in one process: rate and identical reports.

    .venv/bin/python scripts/bench_batch.py ../shared/eval/gva-dev/articles.jsonl --n 2000 --cpus 2

Writes the first N articles of the input to a temporary JSONL, runs ``run_batch`` with ``--no-ray``
(one process, one shard after another) and on Ray with ``--cpus`` actors, into two fresh folders,
and compares every report. Prints each run's wall time (Ray's start and the actors' model loading
included) and its rate, and the rate once the actors are up (from the first finished shard on).
The machine's load average is printed too: on a shared machine the figures mean little when it is
above the number of CPUs.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from sitrep.batch import BatchOptions, read_shards, run_batch


def reports(folder: Path) -> dict[str, dict]:
    return {r.article_id: r.to_dict() for _a, reps in read_shards(folder) for r in reps}


def timed(inputs, out: Path, opts: BatchOptions) -> tuple[float, float | None, int]:
    """Wall seconds, seconds from the first finished shard to the end, articles."""
    marks: list[float] = []
    t = time.perf_counter()
    summary = run_batch(inputs, out, options=opts, progress=lambda n: marks.append(time.perf_counter()))
    wall = time.perf_counter() - t
    return wall, (marks[-1] - marks[0]) if len(marks) > 1 else None, summary.extracted


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="a JSONL file of articles")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--cpus", type=int, default=2)
    ap.add_argument("--shard-size", type=int, default=100)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    src = tmp / "in.jsonl"
    with open(args.input, encoding="utf-8") as f, src.open("w", encoding="utf-8") as out:
        for k, line in enumerate(f):
            if k >= args.n:
                break
            out.write(json.dumps(json.loads(line)) + "\n")
    print(f"{args.n} articles from {args.input}; shards of {args.shard_size}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
    one = timed([str(src)], tmp / "one", BatchOptions(shard_size=args.shard_size, ray=False))
    print(f"one process: {one[0]:.1f} s, {one[2] / one[0]:.2f} articles/s "
          f"(load {os.getloadavg()[0]:.1f})", flush=True)
    ray = timed([str(src)], tmp / "ray", BatchOptions(shard_size=args.shard_size, cpus=args.cpus))
    steady = ""
    if ray[1]:
        shards = -(-args.n // args.shard_size)
        steady = f"; once the actors are up {(shards - 1) * args.shard_size / ray[1]:.2f} articles/s"
    print(f"ray, {args.cpus} CPUs: {ray[0]:.1f} s, {ray[2] / ray[0]:.2f} articles/s{steady} "
          f"(load {os.getloadavg()[0]:.1f})", flush=True)
    print(f"speed-up (wall): {one[0] / ray[0]:.2f}x", flush=True)
    same = reports(tmp / "one") == reports(tmp / "ray")
    print("reports identical" if same else "REPORTS DIFFER", flush=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
