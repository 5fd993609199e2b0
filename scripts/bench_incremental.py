"""The cost of ingesting a batch of new articles into stores of growing size: incremental linking
(only the blocks the batch touches) against the full relink every ingest paid before.

    .venv/bin/python scripts/bench_incremental.py [--sizes 10000 50000 100000] [--batch 500]
    .venv/bin/python scripts/bench_incremental.py --db postgresql://...      # the same on Postgres

For each size N: a stream of N + batch articles (gva-dev's reports resampled as scripts/bench_link.py
does, from .cache/reports/gva-dev.jsonl; else the generated stream of tests/linkstream.py), the first
N stored and linked by a full pass, then the batch (the stream's latest articles) stored and linked
incrementally, timed. Extraction is not included (it costs the same per article whatever the
store: see bench_extract.py). The full relink's time for N is printed beside it, for comparison.
"""
from __future__ import annotations

import argparse
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
    args = ap.parse_args()
    rows = []
    for n in args.sizes:
        arts, reps, kind = source(n + args.batch, args.seed, Path(args.reports))
        tmp = tempfile.TemporaryDirectory()
        db = args.db or str(Path(tmp.name) / "bench.duckdb")
        with open_store(db) as store:
            if args.db:  # reuse one server database: start empty
                with store._write("reset") as con:
                    for t in ("incident_members", "incidents", "figure_claims", "event_mentions", "reports",
                              "article_ids", "articles", "link_words", "link_lines", "link_postings"):
                        con.execute(f"DELETE FROM {t}")
                    con.execute("UPDATE store_state SET value = 0 WHERE key = 'link_documents'")
            t = time.perf_counter()
            store_all(store, arts[:n], reps[:n])
            stored = time.perf_counter() - t
            t = time.perf_counter()
            Pipeline(store).relink()
            full = time.perf_counter() - t
            new_a, new_r = arts[n:], reps[n:]
            t = time.perf_counter()
            store_all(store, new_a, new_r)
            write = time.perf_counter() - t
            block = block_of(store, new_r, {a.id: a for a in new_a})
            t = time.perf_counter()
            Pipeline(store).link([r.article_id for r in new_r])
            link = time.perf_counter() - t
            rows.append((n, write + link, write, link, len(block.main_articles), len(block.ref_articles),
                         len(block.incident_ids), full, stored))
            print(f"{kind}: store of {n} articles (stored in {stored:.1f} s, full relink {full:.1f} s); "
                  f"+{len(new_r)} new: store {write:.2f} s + incremental link {link:.2f} s "
                  f"= {write + link:.2f} s; "
                  f"block {len(block.main_articles)} main + {len(block.ref_articles)} referencing articles, "
                  f"{len(block.incident_ids)} incidents", flush=True)
        tmp.cleanup()
    if len(rows) > 1:
        costs = [r[1] for r in rows]
        print(f"largest / smallest ingest cost: {max(costs) / min(costs):.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
