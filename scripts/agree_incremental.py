"""How far incremental linking agrees with a full relink: one stream into two stores, batch by batch.

    .venv/bin/python scripts/agree_incremental.py --n 3000 --batch 250

The stream is gva-dev's reports resampled (scripts/bench_link.py, from .cache/reports/gva-dev.jsonl)
or, without them, the generated stream of tests/linkstream.py. One store links each batch
incrementally (``Pipeline.link``), the other relinks everything after each batch
(``Pipeline.relink``). Prints B-cubed F1 of the incremental partition of mentions against the full
one, and the share of incidents identical in every field.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

from bench_incremental import source  # noqa: E402

from sitrep.evaluate.metrics import bcubed  # noqa: E402
from sitrep.pipeline import Pipeline  # noqa: E402
from sitrep.store import Store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reports", default=str(ROOT / ".cache" / "reports" / "gva-dev.jsonl"))
    args = ap.parse_args()
    arts, reps, kind = source(args.n, args.seed, Path(args.reports))
    inc, full = Store(":memory:"), Store(":memory:")
    t_inc = t_full = 0.0
    for lo in range(0, args.n, args.batch):
        a, r = arts[lo:lo + args.batch], reps[lo:lo + args.batch]
        for s in (inc, full):
            s.add_articles(a)
            s.save_reports(r)
        t = time.perf_counter()
        Pipeline(inc).link([x.article_id for x in r])
        t_inc += time.perf_counter() - t
        t = time.perf_counter()
        Pipeline(full).relink()
        t_full += time.perf_counter() - t
    got = {i.id: i.to_dict() for i in inc.incidents(main_only=False, limit=None)}
    want = {i.id: i.to_dict() for i in full.incidents(main_only=False, limit=None)}
    for main in (True, False):
        g = [d["mention_ids"] for d in want.values() if d["main"] == main]
        p = [d["mention_ids"] for d in got.values() if d["main"] == main]
        b = bcubed(g, p)
        same = sum(1 for k, d in want.items() if d["main"] == main and got.get(k) == d)
        print(f"{kind}, {args.n} articles in batches of {args.batch}, {'main' if main else 'referenced'} "
              f"incidents: B3 F1 {b['b3_f1']:.4f} (P {b['b3_precision']:.4f} R {b['b3_recall']:.4f}); "
              f"{same} of {len(g)} identical ({len(p)} incremental)")
    print(f"link time: incremental {t_inc:.1f} s, full relinks {t_full:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
