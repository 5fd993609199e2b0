"""Dev loop for linking: predictions for an incidents/clustering suite, scored by the referee.

    .venv/bin/python scripts/dev_link.py ecbplus-dev [--threshold 0.2] [--text-only] [--reports FILE]

Reads ../shared/eval/<suite>/articles.jsonl; uses .cache/reports/<suite>.jsonl when present
(else, or with --text-only, one bare main mention per article, so linking runs from text alone).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitrep.link import LinkOptions, link
from sitrep.records import Article, EventMention, Report, article_from_dict, report_from_dict

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
    args = ap.parse_args()
    rows = [json.loads(line) for line in open(EVAL / args.suite / "articles.jsonl", encoding="utf-8")]
    articles = {r["id"]: Article(id=r["id"], text=r["text"], title=r.get("title"), url=r.get("url"),
                                 outlet=r.get("outlet"), published=r.get("published")) for r in rows}
    cache = Path(args.reports) if args.reports else ROOT / ".cache" / "reports" / f"{args.suite}.jsonl"
    reports: dict[str, Report] = {}
    suite_ids = {aid: [aid] for aid in articles}
    if cache.exists() and not args.text_only:
        # dump_reports.py lines: {"suite_ids", "article", "report"}, keyed by the stored article id.
        articles, suite_ids = {}, {}
        for line in open(cache, encoding="utf-8"):
            d = json.loads(line)
            art = article_from_dict(d["article"])
            articles[art.id], suite_ids[art.id] = art, d["suite_ids"]
            if d.get("report"):
                reports[art.id] = report_from_dict(d["report"])
        print(f"reports from {cache.name}: {len(reports)}", file=sys.stderr)
    for aid, a in articles.items():  # every article gets a main mention, bare if extraction gave none
        rep = reports.setdefault(aid, Report(article_id=aid, published=a.published))
        if rep.main is None:
            rep.mentions.insert(0, EventMention(id=f"{aid}#0", article_id=aid, main=True))
    opts = LinkOptions()
    if args.threshold is not None:
        opts.threshold = args.threshold
    if args.chars is not None:
        opts.text_chars = args.chars
    if args.window is not None:
        opts.window_days = args.window
    t = time.perf_counter()
    incidents = link(list(reports.values()), articles, options=opts)
    secs = time.perf_counter() - t
    main_of = {r.main.id: aid for aid, r in reports.items()}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for inc in incidents:
            if not inc.main:
                continue
            ids = [sid for m in inc.mention_ids if m in main_of for sid in suite_ids[main_of[m]]]
            if not ids:
                continue
            place = inc.place
            f.write(json.dumps({"incident_id": inc.id, "article_ids": ids,
                                "killed": inc.best("killed") or 0, "injured": inc.best("injured") or 0,
                                "date": inc.date, "city": place.city if place else None,
                                "state": place.admin1 if place else None,
                                "country": place.country if place else None}) + "\n")
    print(f"linked {len(reports)} articles into {len(incidents)} incidents in {secs:.1f}s", file=sys.stderr)
    subprocess.run([sys.executable, str(EVAL / "score.py"), str(EVAL / args.suite), f.name], check=False)


if __name__ == "__main__":
    main()
