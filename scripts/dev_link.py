"""Dev loop for linking: predictions for an incidents/clustering suite, scored by the referee.

    .venv/bin/python scripts/dev_link.py ecbplus-dev [--threshold 0.2] [--text-only] [--reports FILE]

Reads ../shared/eval/<suite>/articles.jsonl and the Reports that scripts/dump_reports.py kept in
.cache/reports/<suite>.jsonl, then runs what ``sitrep eval`` runs after extraction (the same
``link_incidents`` and ``predict.incident_rows``), so its score is the full pipeline's. With
``--text-only`` (or without a dump) every article gets one bare main mention: linking from text alone.
``--out FILE`` keeps the predictions.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitrep.evaluate import predict, suite_articles
from sitrep.evaluate.suites import Suite
from sitrep.link import LinkOptions
from sitrep.pipeline import link_incidents
from sitrep.records import EventMention, Report, report_from_dict

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("suite")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--window", type=int, default=None)
    ap.add_argument("--text-only", action="store_true")
    ap.add_argument("--chars", type=int, default=None)
    ap.add_argument("--reports", default=None, help="a dump_reports.py file (default: .cache/reports)")
    ap.add_argument("--out", default=None, help="keep the predictions here")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="any LinkOptions field, e.g. --set date_conflict=0.6")
    args = ap.parse_args()
    suite = Suite.load(EVAL / args.suite)
    articles, _, external = suite_articles(suite)
    by_id = {a.id: a for a in articles}
    cache = Path(args.reports) if args.reports else ROOT / ".cache" / "reports" / f"{args.suite}.jsonl"
    reports: dict[str, Report] = {}
    if cache.exists() and not args.text_only:
        # dump_reports.py lines: {"suite_ids", "article", "report"}, keyed by the stored article id.
        for line in open(cache, encoding="utf-8"):
            d = json.loads(line)
            if d.get("report"):
                reports[d["article"]["id"]] = report_from_dict(d["report"])
        print(f"reports from {cache.name}: {len(reports)}", file=sys.stderr)
    else:
        for aid, a in by_id.items():  # linking from text alone: one bare main mention per article
            reports[aid] = Report(article_id=aid, published=a.published,
                                  mentions=[EventMention(id=f"{aid}#0", article_id=aid, main=True)])
    opts = LinkOptions()
    given = [("threshold", args.threshold), ("text_chars", args.chars), ("window_days", args.window)]
    for name, value in given + [tuple(s.split("=", 1)) for s in args.set]:
        if value is not None:
            kind = type(getattr(opts, name))
            setattr(opts, name, kind(value) if kind is not bool else value in ("1", "true", "True"))
    t = time.perf_counter()
    incidents = link_incidents(list(reports.values()), by_id, options=opts)
    secs = time.perf_counter() - t
    rows = predict.incident_rows(incidents, reports, external)
    out = args.out or tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False).name
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    print(f"linked {len(reports)} articles into {len(incidents)} incidents in {secs:.1f}s", file=sys.stderr)
    subprocess.run([sys.executable, str(EVAL / "score.py"), str(EVAL / args.suite), out], check=False)


if __name__ == "__main__":
    main()
