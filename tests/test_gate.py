"""The evaluation gate: pinned floors, trivial baselines, and floors that only go up."""
from __future__ import annotations

import json

import pytest

from sitrep.evaluate import gate

#: Suites whose scores FORMAT.md targets; each must have floors pinned.
SUITES = ("gvdb-dev", "gva-dev", "acled-dev", "gtd-dev", "ecbplus-dev", "case2021-dev", "seeds")


def test_gate_floors_cover_every_suite():
    pinned = gate.floors()
    for suite in SUITES:
        assert pinned.get(suite), f"no floors pinned for {suite}"


def test_gate_floors_never_below_trivial_baselines():
    pinned, base = gate.floors(), gate.trivial()
    assert base, "floors.json must carry FORMAT.md's trivial baselines"
    for suite, metrics in base.items():
        for metric, value in metrics.items():
            if metric in pinned.get(suite, {}):
                assert pinned[suite][metric] >= value, (suite, metric)


def test_gate_floors_are_scores():
    for suite, metrics in gate.floors().items():
        for metric, value in metrics.items():
            assert 0.0 < value <= 1.0, (suite, metric, value)


def test_gate_check_fails_under_a_floor_and_on_a_missing_metric():
    pinned = {"s": {"killed": 0.8, "city": 0.5}}
    verdicts = {v.metric: v for v in gate.check("s", {"killed": 0.79}, pinned)}
    assert not verdicts["killed"].ok
    assert not verdicts["city"].ok  # missing from the run
    assert all(v.ok for v in gate.check("s", {"killed": 0.8, "city": 0.9}, pinned))
    assert gate.check("other", {"killed": 0.0}, pinned) == []


@pytest.mark.parametrize(("old", "measured", "want"), [
    (None, 0.8675, 0.86),      # rounded down to the step
    (0.9, 0.8675, 0.9),        # never lowered
    (0.86, 0.8799, 0.87),      # raised
    (None, 1.0, 1.0),
])
def test_gate_raise_floors_only_goes_up(old, measured, want):
    current = {"s": {"m": old}} if old is not None else {}
    assert gate.raise_floors(current, {"s": {"m": measured}})["s"]["m"] == want


def test_gate_raise_floors_pins_b3_f1_not_its_precision_and_recall_nor_time():
    measured = {"b3_precision": 0.95, "b3_recall": 0.6, "b3_f1": 0.75, "seconds": 41.2}
    assert gate.raise_floors({}, {"s": measured}) == {"s": {"b3_f1": 0.75}}


def test_gate_raise_floors_leaves_metrics_under_their_trivial_baseline_unpinned():
    out = gate.raise_floors({}, {"s": {"country": 0.84, "killed": 0.97}}, {"s": {"country": 0.996}})
    assert "country" not in out["s"] and out["s"]["killed"] == 0.97


def test_gate_cli_fails_under_a_floor(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from sitrep.cli import app

    floors_file = tmp_path / "floors.json"
    floors_file.write_text(json.dumps({"fixture": {"b3_f1": 1.01}}), encoding="utf-8")
    monkeypatch.setattr(gate, "FLOORS_FILE", floors_file)
    gate.floors.cache_clear()
    try:
        suite = tmp_path / "fixture"
        suite.mkdir()
        (suite / "suite.json").write_text(json.dumps({"name": "fixture", "task": "clustering"}))
        (suite / "articles.jsonl").write_text(json.dumps(
            {"id": "a1", "title": None, "text": "The weather was mild.", "url": None,
             "published": None, "outlet": None}) + "\n")
        (suite / "gold.jsonl").write_text(json.dumps({"cluster_id": "c1", "article_ids": ["a1"]}) + "\n")
        result = CliRunner().invoke(app, ["--db", str(tmp_path / "g.duckdb"), "eval", str(suite), "--gate"])
        assert result.exit_code == 1, result.output
        assert "under its floor" in result.output
    finally:
        gate.floors.cache_clear()
