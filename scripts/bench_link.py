"""Linking + reconciliation speed and memory: gva-dev, and a resampled stream of N articles.

    .venv/bin/python scripts/bench_link.py [--sizes 12500 25000 50000 100000] [--seed 7]

Inputs are extraction results (no re-extraction): .cache/reports/gva-dev.jsonl when present,
else no mention at all (every article then links as a story: text and publication date).
The stream resamples gva-dev's reports with shifted dates and places swapped for other places
of the suite; the article text is shared (same object), so memory measures linking, not text
storage. The stream keeps gva-dev's articles per day (a larger stream spans more days, as a feed does).
Prints one line per run: articles, incidents, seconds, peak RSS (ru_maxrss).
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import json
import random
import resource
import sys
import time
from pathlib import Path

from sitrep.pipeline import link_incidents as link
from sitrep.records import Article, Report, article_from_dict, report_from_dict

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT.parent / "shared" / "eval" / "gva-dev"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load(cache: Path) -> tuple[dict[str, Article], dict[str, Report]]:
    articles = {}
    for line in open(SUITE / "articles.jsonl", encoding="utf-8"):
        r = json.loads(line)
        articles[r["id"]] = Article(id=r["id"], text=r["text"], title=r.get("title"),
                                    published=r.get("published"))
    reports: dict[str, Report] = {}
    if cache.exists():
        articles = {}
        for line in open(cache, encoding="utf-8"):
            d = json.loads(line)  # dump_reports.py: {"suite_ids", "article", "report"}
            art = article_from_dict(d["article"])
            articles[art.id] = art
            if d.get("report"):
                reports[art.id] = report_from_dict(d["report"])
    for aid, a in articles.items():  # an article with no incident links as a story (link does that)
        reports.setdefault(aid, Report(article_id=aid, published=a.published, relevant=False))
    return articles, reports


def _shift(iso: str | None, days: int) -> str | None:
    if not iso or len(iso) < 10:
        return iso
    try:
        return (dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return iso


def resample(articles: dict[str, Article], reports: dict[str, Report], n: int, seed: int):
    rng = random.Random(seed)
    # Keep the suite's daily volume: n articles span n / (articles per day) days, as a feed would.
    days_known = sorted(a.published[:10] for a in articles.values() if a.published and len(a.published) >= 10)
    span = 365
    if days_known:
        span = (dt.date.fromisoformat(days_known[-1]) - dt.date.fromisoformat(days_known[0])).days
    span = max(30, round(n * max(span, 1) / max(len(articles), 1)))
    ids = sorted(reports)
    places = [m.place for r in reports.values() for m in r.mentions if m.place is not None] or [None]
    out_a: dict[str, Article] = {}
    out_r: list[Report] = []
    for k in range(n):
        src = ids[rng.randrange(len(ids))]
        days = rng.randrange(0, span)
        aid = f"s{k:07d}"
        a = articles[src]
        out_a[aid] = Article(id=aid, text=a.text, title=a.title, published=_shift(a.published, days))
        rep = copy.deepcopy(reports[src])
        rep.article_id, rep.published = aid, _shift(rep.published, days)
        place = places[rng.randrange(len(places))]
        for i, m in enumerate(rep.mentions):
            m.id, m.article_id = f"{aid}#{i}", aid
            m.date = _shift(m.date, days) if m.date_precision == "day" else m.date
            if m.place is not None and m.main:
                m.place = copy.copy(place)
            for f in m.figures:
                f.article_id, f.published = aid, _shift(f.published, days)
        out_r.append(rep)
    return out_a, out_r


def run(name: str, articles: dict[str, Article], reports: list[Report]) -> None:
    gc.collect()
    before = _rss_mb()
    t = time.perf_counter()
    incidents = link(reports, articles)
    secs = time.perf_counter() - t
    print(f"{name}: {len(reports)} articles -> {len(incidents)} incidents in {secs:.1f} s "
          f"({secs / max(len(reports), 1) * 1000:.2f} ms/article); peak RSS {_rss_mb():.0f} MB "
          f"(before linking {before:.0f} MB)", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[12500, 25000, 50000, 100000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reports", default=str(ROOT / ".cache" / "reports" / "gva-dev.jsonl"),
                    help="a dump_reports.py file of gva-dev")
    args = ap.parse_args()
    articles, reports = load(Path(args.reports))
    print(f"python {sys.version.split()[0]}; reports from {args.reports}: {Path(args.reports).exists()}",
          flush=True)
    run("gva-dev", articles, list(reports.values()))
    for n in args.sizes:
        a, r = resample(articles, reports, n, args.seed)
        run(f"stream-{n}", a, r)
        del a, r


if __name__ == "__main__":
    main()
