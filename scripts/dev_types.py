"""Measure event types, actors and paraphrase signals on the dev suites from the parsed-Doc cache.

    .venv/bin/python scripts/dev_types.py case2021-dev [--limit N] [--errors 5]
    .venv/bin/python scripts/dev_types.py acled-dev
    .venv/bin/python scripts/dev_types.py gtd-dev
    .venv/bin/python scripts/dev_types.py paraphrase          # false positives on gva-dev, acled-dev, seeds

Reads ``.cache/docs/<suite>.spacy`` and ``../shared/eval/<suite>`` (relative to the repo root);
prints accuracy, weighted F1 and the largest confusions with one example each.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def load(suite: str, limit: int | None = None):
    from spacy.tokens import DocBin

    from sitrep import nlp

    arts = {}
    with open(EVAL / suite / "articles.jsonl") as f:
        for line in f:
            a = json.loads(line)
            arts[a["id"]] = a
    gold = {}
    with open(EVAL / suite / "gold.jsonl") as f:
        for line in f:
            g = json.loads(line)
            gold[g.get("article_id") or g.get("incident_id") or len(gold)] = g
    docs = DocBin().from_disk(ROOT / ".cache" / "docs" / f"{suite}.spacy").get_docs(nlp.load().vocab)
    out = []
    for doc in docs:
        aid = doc.user_data.get("article_id")
        out.append((aid, doc, arts.get(aid, {}), gold.get(aid, {})))
        if limit and len(out) >= limit:
            break
    return out


def f1_report(pairs: list[tuple[str, str | None]]) -> dict[str, float]:
    """Accuracy, macro and weighted F1 over (gold, predicted) label pairs (case-insensitive)."""
    norm = [(g.lower(), (p or "").lower()) for g, p in pairs]
    labels = Counter(g for g, _ in norm)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    for g, p in norm:
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
    f1s = {}
    for lab, n in labels.items():
        prec = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rec = tp[lab] / n
        f1s[lab] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    total = sum(labels.values())
    return {
        "n": total,
        "accuracy": round(sum(tp.values()) / total, 4) if total else 0.0,
        "macro_f1": round(sum(f1s.values()) / len(f1s), 4) if f1s else 0.0,
        "weighted_f1": round(sum(f1s[k] * labels[k] for k in f1s) / total, 4) if total else 0.0,
    }


def confusions(rows: list[tuple[str, str | None, str]], top: int) -> None:
    errs: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for g, p, text in rows:
        if (p or "").lower() != g.lower():
            errs[(g, p)].append(text)
    for (g, p), texts in sorted(errs.items(), key=lambda kv: -len(kv[1]))[:top]:
        print(f"  {len(texts):4d}  gold={g!r:40} pred={p!r}")
        print(f"        e.g. {texts[0][:220]!r}")


def run_types(suite: str, fields: list[tuple[str, str]], limit: int | None, top: int) -> None:
    from sitrep.extract import types

    rows: dict[str, list[tuple[str, str | None, str]]] = defaultdict(list)
    for _aid, doc, art, g in load(suite, limit):
        t = types.classify(doc, title=art.get("title"))
        for gold_field, attr in fields:
            if g.get(gold_field):
                rows[gold_field].append((g[gold_field], getattr(t, attr), doc.text))
    for gold_field, r in rows.items():
        print(gold_field, json.dumps(f1_report([(g, p) for g, p, _ in r])))
        confusions(r, top)


def run_actors(suite: str, limit: int | None, top: int) -> None:
    from sitrep.extract import actors

    perp, claim = [], []
    for _aid, doc, _art, g in load(suite, limit):
        found = actors.extract_actors(doc)
        name = actors.primary_perpetrator(found) or "Unknown"
        perp.append((g.get("perpetrator") or "Unknown", name, doc.text))
        if g.get("claimed") is not None:
            claim.append((str(g["claimed"]), str(actors.claimed(found)), doc.text))
    for field, r in (("perpetrator", perp), ("claimed", claim)):
        print(field, json.dumps(f1_report([(g, p) for g, p, _ in r])))
        confusions(r, top)


def run_paraphrase(limit: int | None) -> None:
    from sitrep.extract import signals

    for suite in ("seeds", "gva-dev", "acled-dev"):
        scores = []
        for aid, doc, _art, _g in load(suite, limit):
            score, ev = signals.paraphrase(doc)
            scores.append((score, aid, ev))
            if suite == "seeds":
                print(f"  {aid}: {score:.3f} {ev[:8]}")
        flagged = [s for s in scores if s[0] >= signals.PARAPHRASE_THRESHOLD]
        print(
            f"{suite}: {len(flagged)}/{len(scores)} flagged "
            f"(rate {len(flagged) / max(1, len(scores)):.4f}) at threshold {signals.PARAPHRASE_THRESHOLD}"
        )
        for s in sorted(flagged, reverse=True)[:3]:
            print(f"   {s[0]:.3f} {s[1]} {s[2][:8]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", type=int, default=5, help="largest confusions to print")
    a = ap.parse_args()
    if a.suite == "paraphrase":
        run_paraphrase(a.limit)
    elif a.suite.startswith("case2021"):
        run_types(a.suite, [("label", "case_label")], a.limit, a.errors)
    elif a.suite.startswith("acled"):
        run_types(
            a.suite,
            [("event_type", "acled_event_type"), ("sub_event_type", "acled_sub_event_type")],
            a.limit,
            a.errors,
        )
    elif a.suite.startswith("gtd"):
        run_types(
            a.suite,
            [
                ("attack_type", "gtd_attack_type"),
                ("weapon_type", "gtd_weapon_type"),
                ("target_type", "gtd_target_type"),
            ],
            a.limit,
            a.errors,
        )
        run_actors(a.suite, a.limit, a.errors)
    elif a.suite == "seeds":
        from sitrep.extract import actors, signals, types

        for aid, doc, art, _g in load(a.suite, a.limit):
            print(aid, types.classify(doc, title=art.get("title")))
            print("  ", [(x.role, x.name, x.how) for x in actors.extract_actors(doc)])
            print("  ", signals.article_kind(doc), signals.paraphrase(doc))


if __name__ == "__main__":
    main()
