"""Dev measurement of event dates and places over the parsed-Doc cache and a suite's gold.

    .venv/bin/python scripts/dev_geo.py gvdb-dev [--limit 200] [--errors 5]

Reads .cache/docs/<suite>.spacy and ../shared/eval/<suite>/ (articles, gold), predicts each
article's event date and place with sitrep.extract.dates/places alone, and scores them with
the referee's own field_scores (per article; for gva each article is compared with its incident).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
FIELDS = {
    "gvdb-dev": ("city", "state", "date"),
    "gva-dev": ("city", "state", "country", "date"),
    "acled-dev": ("country", "admin1", "location", "date"),
    "gtd-dev": ("country", "admin1", "location", "date"),
    "seeds": ("city", "admin1", "country", "date"),
}


def _referee():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold(suite: str) -> dict[str, dict]:
    out = {}
    for line in open(EVAL / suite / "gold.jsonl", encoding="utf-8"):
        g = json.loads(line)
        if "article_ids" in g:
            for a in g["article_ids"]:
                out[a] = g
        else:
            out[g["article_id"]] = g
    return out


def predict(doc, published: str | None, pub_fallback: bool = False, outlet: str | None = None) -> dict:
    from sitrep.extract import dates, places

    ds = dates.extract_dates(doc, published=published)
    ev = dates.event_date(doc, ds, published=published)
    ps = places.extract_places(doc, outlet=outlet)
    pl = places.event_place(doc, ps)
    pred: dict = {"date": ev.date if ev else None, "date_text": ev.text if ev else None}
    if pred["date"] is None and pub_fallback:  # what a caller falling back to the publication date gets
        pred["date"] = published
    if pl is not None:
        loc = pl.city or pl.admin2 or pl.admin1 or pl.country
        # The locality as evaluate/predict.py codes it: the town, else the county the text names.
        locality = pl.city or (pl.admin2 if pl.precision == "admin2" else None)
        pred |= {"city": locality, "state": pl.admin1, "admin1": pl.admin1, "country": pl.country,
                 "location": loc, "lat": pl.lat, "lon": pl.lon, "place_text": pl.text}
    return pred


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("suite")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", type=int, default=0, help="print this many misses per field")
    ap.add_argument("--pub-fallback", action="store_true", help="no event date: use the publication date")
    ap.add_argument("--out", help="write each article's gold and prediction here (JSONL), to compare runs")
    args = ap.parse_args()
    from spacy.tokens import DocBin

    from sitrep import nlp
    from sitrep.gazetteer import Gazetteer
    from sitrep.ingest.text import publication_date

    t0 = time.time()
    Gazetteer.load()
    t_gaz = time.time() - t0
    with open(EVAL / args.suite / "articles.jsonl", encoding="utf-8") as fh:
        arts = {a["id"]: a for a in map(json.loads, fh)}
    gold = _gold(args.suite)
    cached = Path.cwd() / ".cache" / "docs" / f"{args.suite}.spacy"
    docs = DocBin().from_disk(cached).get_docs(nlp.blank().vocab)
    ref = _referee()
    pairs, misses, rows = [], Counter(), []
    t1 = time.time()
    for n, doc in enumerate(docs):
        if args.limit and n >= args.limit:
            break
        aid = doc.user_data.get("article_id")
        if aid not in gold:
            continue
        a = arts[aid]  # the publication date as the suite reader finds it (row, dateline, URL)
        published = publication_date(published=a.get("published"), published_from=None, url=a.get("url"),
                                     text=a["text"])[0]
        pred = predict(doc, published, args.pub_fallback, a.get("outlet"))
        g = gold[aid]
        pairs.append((g, pred))
        if args.out:
            rows.append({"article_id": aid, "gold": {f: g.get(f) for f in FIELDS[args.suite]}, "pred": pred})
        for f in FIELDS[args.suite]:
            if g.get(f) is None:
                continue
            ok = ref.field_scores([(g, pred)], (f,)).get(f)
            if not ok and misses[f] < args.errors:
                misses[f] += 1
                evidence = pred.get("date_text") if f == "date" else pred.get("place_text")
                print(f"MISS {f}: gold={g.get(f)!r} pred={pred.get(f)!r} [{evidence}] :: {doc.text[:160]!r}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    res = ref.field_scores(pairs, FIELDS[args.suite])
    print(json.dumps({"suite": args.suite, "articles": len(pairs), "gazetteer_load_s": round(t_gaz, 2),
                      "s_per_article": round((time.time() - t1) / max(1, len(pairs)), 4), **res}, indent=1))


if __name__ == "__main__":
    main()
