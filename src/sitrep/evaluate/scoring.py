"""Score predictions against a suite's gold, exactly as the suites' referee does."""
from __future__ import annotations

from typing import Any

from sitrep.evaluate import metrics
from sitrep.evaluate.suites import Suite, validate_predictions

TYPE_FIELDS = ("event_type", "sub_event_type", "attack_type", "weapon_type")
INCIDENT_FIELDS = ("killed", "injured", "date", "city", "state", "country")


def score(suite: Suite, preds: list[dict[str, Any]]) -> dict[str, Any]:
    """The metrics of FORMAT.md for one suite (raises SuiteError on a malformed prediction)."""
    validate_predictions(suite.task, preds)
    out: dict[str, Any] = {"suite": suite.name, "task": suite.task}
    gold = suite.gold
    if suite.task in ("article-figures", "report-coding"):
        by_id = {p["article_id"]: p for p in preds}
        names = [f for f in suite.gold_fields if f not in metrics.NOT_SCORED]
        out |= metrics.field_scores([(g, by_id.get(g["article_id"], {})) for g in gold], names)
        for f in TYPE_FIELDS:
            if f in suite.gold_fields:
                rows = [g for g in gold if g.get(f)]
                out[f"{f}_f1"] = metrics.classification(
                    [g[f] for g in rows], [by_id.get(g["article_id"], {}).get(f) for g in rows])
        out["missing_predictions"] = sum(1 for g in gold if g["article_id"] not in by_id)
    elif suite.task == "event-type":
        by_id = {p["article_id"]: p for p in preds}
        out |= metrics.classification([g["label"] for g in gold],
                                      [by_id.get(g["article_id"], {}).get("label") for g in gold])
    else:
        out |= metrics.bcubed([g["article_ids"] for g in gold], [p["article_ids"] for p in preds])
        if suite.task == "incidents":
            names = [f for f in INCIDENT_FIELDS if f in suite.gold_fields]
            out |= metrics.field_scores(metrics.match_incidents(gold, preds), names)
    return out


def headline(result: dict[str, Any]) -> dict[str, float]:
    """The flat metric -> value view used by tables and the gate (nested F1 dicts flattened)."""
    flat: dict[str, float] = {}
    for k, v in result.items():
        if k in ("suite", "task") or k.startswith("n_") or k in ("n", "gold_clusters", "predicted_clusters"):
            continue
        if isinstance(v, dict):
            for kk in ("accuracy", "weighted_f1", "macro_f1"):
                if kk in v:
                    flat[f"{k[:-3]}.{kk}"] = v[kk]
        elif isinstance(v, int | float) and not isinstance(v, bool) and k != "missing_predictions":
            flat[k] = float(v)
    return flat
