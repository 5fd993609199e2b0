"""Evaluation metrics, as defined in the suites' FORMAT.md (and computed by their referee).

Figures: exact match over gold rows that fill the field, plus ``<field>_when_nonzero``.
Strings: case, punctuation and administrative suffixes ignored; "CA - California" = "California";
dates match at the gold's precision. Places: within 25 km. Types: accuracy, macro and weighted F1.
Clusters: B-cubed over the gold articles; for incidents each gold incident is matched to the
predicted incident holding most of its articles (ties: the smaller, then the earlier row).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sitrep.gazetteer import distance_km  # the referee's haversine, 6,371 km radius

ADMIN_SUFFIXES = (" county", " parish", " oblast", " province", " governorate", " region", " district")
FIGURE_FIELDS = ("killed", "injured")
#: Gold fields that are never compared as strings (coordinates are scored as within_25km).
NOT_SCORED = ("lat", "lon", "geo_precision", "actor1", "actor2")


def norm(value: Any) -> str | None:
    """'Kings County' -> 'kings': lower case, punctuation to spaces, admin suffix dropped."""
    if value is None:
        return None
    s = "".join(c if c.isalnum() else " " for c in str(value).lower())
    s = " ".join(s.split())
    for suffix in ADMIN_SUFFIXES:
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    return s or None


def norm_state(value: Any) -> str | None:
    """'CA - California' -> 'california'."""
    if value is None:
        return None
    s = str(value)
    return norm(s.split(" - ", 1)[1] if " - " in s else s)


def field_match(name: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Does the prediction get one gold field right?"""
    gv, pv = gold[name], pred.get(name)
    if name == "state":
        return norm_state(gv) == norm_state(pv)
    if name == "city":
        accepted = {norm(c) for c in [gv, *(gold.get("city_alt") or [])]}
        return norm(pv) is not None and norm(pv) in accepted
    if name == "date":
        return pv is not None and str(pv)[: len(str(gv))] == str(gv)
    if isinstance(gv, str):
        return norm(gv) == norm(pv)
    return pv is not None and gv == pv


def field_scores(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]], names: Sequence[str]) -> dict:
    """Exact-match share per field over the gold rows that fill it, plus within_25km."""
    hit: Counter[str] = Counter()
    n: Counter[str] = Counter()

    def add(key: str, ok: bool) -> None:
        n[key] += 1
        hit[key] += bool(ok)

    for gold, pred in pairs:
        for name in names:
            if name in NOT_SCORED or gold.get(name) is None:
                continue
            ok = field_match(name, gold, pred)
            add(name, ok)
            gv = gold[name]
            if name in FIGURE_FIELDS and isinstance(gv, int) and gv > 0:
                add(name + "_when_nonzero", ok)
        if gold.get("lat") is not None and gold.get("lon") is not None:
            plat, plon = pred.get("lat"), pred.get("lon")
            ok = plat is not None and plon is not None and \
                distance_km(gold["lat"], gold["lon"], plat, plon) <= 25
            add("within_25km", ok)
    out: dict[str, Any] = {k: round(hit[k] / n[k], 4) for k in sorted(n)}
    out.update({f"n_{k}": n[k] for k in sorted(n)})
    return out


def classification(gold: Sequence[Any], pred: Sequence[Any]) -> dict:
    """Accuracy, macro F1 and support-weighted F1 over normalized labels."""
    g = [norm(x) for x in gold]
    p = [norm(x) for x in pred]
    support = Counter(g)
    f1: dict[str | None, float] = {}
    for label in sorted(support, key=lambda x: (x is None, x or "")):
        tp = sum(1 for a, b in zip(g, p, strict=True) if a == label and b == label)
        fp = sum(1 for a, b in zip(g, p, strict=True) if a != label and b == label)
        fn = support[label] - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "accuracy": round(sum(a == b for a, b in zip(g, p, strict=True)) / len(g), 4),
        "macro_f1": round(sum(f1.values()) / len(f1), 4),
        "weighted_f1": round(sum(f1[c] * support[c] for c in f1) / len(g), 4),
        "n": len(g),
    }


def bcubed(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict:
    """B-cubed over the gold articles; an article the prediction leaves out is its own cluster."""
    gold_of = {a: i for i, cluster in enumerate(gold) for a in cluster}
    pred_of: dict[str, Any] = {}
    for i, cluster in enumerate(pred):
        for a in cluster:
            if a in gold_of:
                pred_of[a] = i
    for a in gold_of:
        pred_of.setdefault(a, ("alone", a))
    g_members: dict[Any, set[str]] = defaultdict(set)
    p_members: dict[Any, set[str]] = defaultdict(set)
    for a in gold_of:
        g_members[gold_of[a]].add(a)
        p_members[pred_of[a]].add(a)
    total = len(gold_of)
    prec = sum(len(g_members[gold_of[a]] & p_members[pred_of[a]]) / len(p_members[pred_of[a]])
               for a in gold_of) / total
    rec = sum(len(g_members[gold_of[a]] & p_members[pred_of[a]]) / len(g_members[gold_of[a]])
              for a in gold_of) / total
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"b3_precision": round(prec, 4), "b3_recall": round(rec, 4), "b3_f1": round(f1, 4),
            "gold_clusters": len(gold), "predicted_clusters": len({pred_of[a] for a in gold_of})}


def match_incidents(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[tuple]:
    """Pair each gold incident with the predicted one holding most of its articles."""
    where: dict[str, Counter[int]] = defaultdict(Counter)
    for i, p in enumerate(pred):
        for a in p["article_ids"]:
            where[a][i] += 1
    pairs = []
    for g in gold:
        votes: Counter[int] = Counter()
        for a in g["article_ids"]:
            votes.update(where.get(a, {}))
        if votes:
            best = min(votes, key=lambda i: (-votes[i], len(pred[i]["article_ids"]), i))
            pairs.append((g, pred[best]))
        else:
            pairs.append((g, {}))
    return pairs
