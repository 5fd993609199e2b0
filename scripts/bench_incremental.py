"""The cost of ingesting a batch of new articles into stores of growing size: incremental linking
(only the blocks the batch touches) against the full relink every ingest paid before.

    .venv/bin/python scripts/bench_incremental.py [--sizes 10000 50000 100000] [--batch 500]
    .venv/bin/python scripts/bench_incremental.py --db postgresql://...      # the same on Postgres

For each size N: a stream of N + batch articles (gva-dev's reports resampled as scripts/bench_link.py
does, from .cache/reports/gva-dev.jsonl; else the generated stream of tests/linkstream.py), the first
N stored and linked by a full pass, then the batch (the stream's latest articles) stored and linked
incrementally, timed. Extraction is not included (it costs the same per article whatever the
store: see bench_extract.py). The full relink's time for N is printed beside it, for comparison.
Each ingest is timed in wall seconds and in this process's CPU seconds (``time.process_time``, all
its threads): on a machine shared with other work the CPU figure moves much less with the load.

    --keep DIR      leave each size's store, stored and fully linked, as DIR/N.duckdb
    --reuse DIR     start from those stores instead (only the ingest of the batch is run, on a copy)
    --repeat K      ingest the batch K times (each into a fresh copy of the store; with --reuse)
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from sitrep.blocks import block_of  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.store import open_store  # noqa: E402


def source(n: int, seed: int, reports: Path):
    """n articles and reports in publication order."""
    if reports.exists():
        import bench_link

        arts, reps = bench_link.load(reports)
        a, r = bench_link.resample(arts, reps, n, seed)
        order = sorted(r, key=lambda x: (a[x.article_id].published or "", x.article_id))
        return [a[x.article_id] for x in order], order, "gva-dev resampled"
    from linkstream import stream

    arts, reps = stream(n, seed=seed)
    return arts, reps, "generated (tests/linkstream.py)"


def store_all(store, arts, reps, chunk: int = 5000) -> None:
    for lo in range(0, len(arts), chunk):
        store.add_articles(arts[lo:lo + chunk])
        store.save_reports(reps[lo:lo + chunk])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[10000, 50000, 100000])
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", help="a postgresql:// URL to an empty database (default: a DuckDB file per size)")
    ap.add_argument("--reports", default=str(ROOT / ".cache" / "reports" / "gva-dev.jsonl"))
    ap.add_argument("--keep", help="leave each size's linked store as DIR/N.duckdb")
    ap.add_argument("--reuse", help="start from the stores --keep left in DIR")
    ap.add_argument("--repeat", type=int, default=1, help="ingest the batch this many times (with --reuse)")
    args = ap.parse_args()
    if args.db and (args.keep or args.reuse):
        ap.error("--keep and --reuse are for DuckDB files (no --db)")
    rows = []
    for n in args.sizes:
        arts, reps, kind = source(n + args.batch, args.seed, Path(args.reports))
        new_a, new_r = arts[n:], reps[n:]
        walls, cpus = [], []
        for _ in range(args.repeat if args.reuse else 1):
            tmp = tempfile.TemporaryDirectory()
            db = args.db or str(Path(tmp.name) / "bench.duckdb")
            stored = full = 0.0
            if args.reuse:
                shutil.copy(Path(args.reuse) / f"{n}.duckdb", db)
            else:
                with open_store(db) as store:
                    if args.db:  # reuse one server database: start empty
                        with store._write("reset") as con:
                            for t in ("incident_members", "incidents", "figure_claims", "event_mentions",
                                      "reports", "article_ids", "articles", "link_words", "link_lines",
                                      "link_postings"):
                                con.execute(f"DELETE FROM {t}")
                            con.execute("UPDATE store_state SET value = 0 WHERE key = 'link_documents'")
                    t = time.perf_counter()
                    store_all(store, arts[:n], reps[:n])
                    stored = time.perf_counter() - t
                    t = time.perf_counter()
                    Pipeline(store).relink()
                    full = time.perf_counter() - t
                if args.keep:
                    Path(args.keep).mkdir(parents=True, exist_ok=True)
                    shutil.copy(db, Path(args.keep) / f"{n}.duckdb")
            with open_store(db) as store:
                t, c = time.perf_counter(), time.process_time()
                store_all(store, new_a, new_r)
                write, write_cpu = time.perf_counter() - t, time.process_time() - c
                block = block_of(store, new_r, {a.id: a for a in new_a})
                t, c = time.perf_counter(), time.process_time()
                Pipeline(store).link([r.article_id for r in new_r])
                link, link_cpu = time.perf_counter() - t, time.process_time() - c
            tmp.cleanup()
            walls.append(write + link)
            cpus.append(write_cpu + link_cpu)
            made = "" if args.reuse else f" (stored in {stored:.1f} s, full relink {full:.1f} s)"
            print(f"{kind}: store of {n} articles{made}; "
                  f"+{len(new_r)} new: store {write:.2f} s + incremental link {link:.2f} s "
                  f"= {write + link:.2f} s (CPU {write_cpu + link_cpu:.2f} s); "
                  f"block {len(block.main_articles)} main + {len(block.ref_articles)} referencing articles, "
                  f"{len(block.incident_ids)} incidents", flush=True)
        rows.append((n, statistics.median(walls), statistics.median(cpus)))
    if len(rows) > 1:
        for what, k in (("wall", 1), ("CPU", 2)):
            costs = [r[k] for r in rows]
            print(f"largest / smallest ingest cost ({what}{', medians' if args.repeat > 1 else ''}): "
                  f"{max(costs) / min(costs):.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
