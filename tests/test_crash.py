"""Crash safety as a property: a real `sitrep ingest` killed with SIGKILL while it stores, extracts or
links, then run again, leaves exactly what an uninterrupted run leaves (times aside).

A store that already holds incidents (batch A) ingests batch B; the killed run is B's. Slow: each
run loads the spaCy model; a few hundred composed articles (tests/newsgen.py).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import newsgen
from sitrep.store import Store
from storestate import content

pytestmark = pytest.mark.slow

N = 120  # per batch: 240 articles in all


def sitrep(*args: str, db: Path) -> list[str]:
    return [sys.executable, "-m", "sitrep.cli", "-v", "--db", str(db), *args]


def env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "300", "SITREP_PROCESSES": "1"}


def ingest(db: Path, folder: Path) -> None:
    r = subprocess.run(sitrep("ingest", str(folder), db=db), capture_output=True, text=True, timeout=900,
                       env=env())
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Traceback" not in r.stderr


def killed_at(db: Path, folder: Path, marker: str) -> list[str]:
    """Run `sitrep ingest` and SIGKILL it as soon as its log says ``marker``; its log lines so far."""
    proc = subprocess.Popen(sitrep("ingest", str(folder), db=db), stderr=subprocess.PIPE, text=True,
                            env=env(), stdout=subprocess.DEVNULL)
    lines = []
    deadline = time.monotonic() + 900
    try:
        for line in proc.stderr:
            lines.append(line)
            if marker in line:
                proc.send_signal(signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "the run never reached " + marker
        else:
            raise AssertionError(f"the run ended before {marker!r}: {''.join(lines)[-2000:]}")
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    return lines


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    newsgen.write(root / "a", N)
    newsgen.write(root / "b", N, start=N)
    base = root / "base.duckdb"
    ingest(base, root / "a")
    ref = root / "ref.duckdb"
    shutil.copy(base, ref)
    ingest(ref, root / "b")
    expected = content(ref)
    assert len(expected["articles"]) == 2 * N and len(expected["reports"]) == 2 * N
    assert len(expected["incidents"]) > 10
    return root, base, expected, content(base)


def _after_kill(path: Path) -> dict[str, int]:
    with Store(path) as s:  # a writer: replays what the killed process left in the WAL
        return s.stats()


@pytest.mark.parametrize("stage,marker", [
    ("storing", f"storing {N} article(s)"),
    ("extracting", f"extracted and stored 64 of {N}"),
    ("linking", "linking "),
])
def test_crash_sigkill_at_each_stage_then_rerun_equals_an_uninterrupted_run(runs, stage, marker, tmp_path):
    root, base, expected, before = runs
    db = tmp_path / f"{stage}.duckdb"
    shutil.copy(base, db)
    killed_at(db, root / "b", marker)
    left = _after_kill(db)
    assert left["articles"] in (N, 2 * N)  # storing is one transaction: all of B or none
    if stage == "extracting":
        assert 2 * N > left["reports"] >= N + 64  # the chunks done before the kill were kept
    if stage in ("storing", "extracting"):
        assert left["incidents"] == len(before["incidents"])
    if stage == "linking":
        assert left["reports"] == 2 * N
        # one transaction: the incidents are A's or the final ones, never a part
        assert left["incidents"] in (len(before["incidents"]), len(expected["incidents"]))
    ingest(db, root / "b")
    assert content(db) == expected
    with Store(db) as s:
        assert not s.link_needed() and s.health()["unextracted"] == 0
