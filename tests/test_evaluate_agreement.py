"""`sitrep eval`'s scoring must agree with the suites' referee (score.py) on the same predictions."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED_EVAL
from sitrep.errors import SuiteError
from sitrep.evaluate.scoring import score
from sitrep.evaluate.suites import Suite, read_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "suites"
EXPECTED = json.loads((FIXTURES / "referee_expected.json").read_text())
CASES = sorted(k for k in EXPECTED if not k.startswith("_"))
REFEREE = SHARED_EVAL / "score.py"


def ours(case: str) -> dict:
    suite = Suite.load(FIXTURES / Path(case).parent)
    preds = [row for _, row in read_jsonl(FIXTURES / case)]
    try:
        return score(suite, preds)
    except SuiteError as e:
        return {"error": str(e)}


@pytest.mark.parametrize("case", CASES)
def test_evaluate_agrees_with_recorded_referee(case):
    assert ours(case) == EXPECTED[case]


@pytest.mark.skipif(not REFEREE.exists(), reason="the suites' referee (../shared/eval/score.py) is absent")
@pytest.mark.parametrize("case", CASES)
def test_evaluate_agrees_with_live_referee(case):
    suite, preds = FIXTURES / Path(case).parent, FIXTURES / case
    run = subprocess.run([sys.executable, str(REFEREE), str(suite), str(preds), "--json"],
                         capture_output=True, text=True)
    theirs = json.loads(run.stdout) if run.returncode == 0 else {"error": (run.stderr or run.stdout).strip()}
    assert ours(case) == theirs


def test_evaluate_fixtures_cover_the_hard_cases():
    # ties between predicted incidents, normalization, missing predictions and a malformed file
    assert EXPECTED["incidents/ties.predictions.jsonl"]["b3_f1"] < 1
    assert "error" in EXPECTED["incidents/malformed.predictions.jsonl"]
    assert EXPECTED["figures/good.predictions.jsonl"]["missing_predictions"] == 1
    # Kings County = kings, St. Louis = St Louis, Orleans Parish = Orleans, city_alt; the 5th is missing
    assert EXPECTED["figures/good.predictions.jsonl"]["city"] == 0.8
