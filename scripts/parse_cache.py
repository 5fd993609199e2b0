"""Developer aid: parse every article of the eval suites once and keep the Docs on disk.

    python scripts/parse_cache.py ../shared/eval [--out .cache/docs]

Extractor work then loads ``.cache/docs/<suite>.spacy`` (DocBin, user_data holds the article id)
instead of re-parsing. Not used by the product; the cache is git-ignored.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from spacy.tokens import DocBin

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from sitrep import nlp  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("eval_dir")
    ap.add_argument("--out", default=".cache/docs")
    ap.add_argument("--processes", type=int, default=2)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    model = nlp.load()
    for suite in sorted(Path(a.eval_dir).iterdir()):
        f = suite / "articles.jsonl"
        if not f.exists() or (out / f"{suite.name}.spacy").exists():
            continue
        rows = [json.loads(line) for line in f.open(encoding="utf-8") if line.strip()]
        texts = ((r.get("text") or "", r["id"]) for r in rows)
        db = DocBin(store_user_data=True)
        for doc, aid in model.pipe(texts, as_tuples=True, n_process=a.processes, batch_size=8):
            doc.user_data["article_id"] = aid
            db.add(doc)
        db.to_disk(out / f"{suite.name}.spacy")
        print(suite.name, len(rows), flush=True)


if __name__ == "__main__":
    main()
