"""Ablation: switch each rule family off in turn and print its effect on the dev and the blind halves.

    .venv/bin/python scripts/ablate.py                                  # every family, every suite
    .venv/bin/python scripts/ablate.py --families casualty-patterns attribution-parse --suites gvdb gtd
    .venv/bin/python scripts/ablate.py --no-blind --processes 2 --json out/bench/ablation.json

For the baseline (every family on) and for each family F, it runs ``sitrep eval`` on the dev halves
(``../shared/eval/SUITE-dev``) and ``../shared/eval/blind/validate SUITE`` on the blind halves, with
``SITREP_DISABLE_RULES=F``, and prints, per family and metric, the score with F off minus the score with
every family on: a negative number is what the family is worth. Only aggregate metrics are read from the
blind run (validate prints nothing else). Families are declared in src/sitrep/data/rules.tsv.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SITREP = ROOT / ".venv" / "bin" / "sitrep"
#: The metrics worth a column per suite (the targeted ones of FORMAT.md).
METRICS = {
    "gvdb": ["killed", "killed_when_nonzero", "injured", "injured_when_nonzero", "city"],
    "gva": ["b3_f1", "killed", "injured", "date", "city", "state"],
    "acled": ["killed", "killed_when_nonzero", "event_type", "sub_event_type", "country", "admin1",
              "within_25km"],
    "gtd": ["killed", "killed_when_nonzero", "injured", "injured_when_nonzero", "attack_type_f1.weighted_f1",
            "perpetrator", "claimed", "date"],
    "case2021": ["weighted_f1"],
    "developing": ["b3_f1", "killed", "injured", "date", "city", "country"],
}


def _families() -> list[str]:
    text = (ROOT / "src" / "sitrep" / "data" / "rules.tsv").read_text(encoding="utf-8")
    return [ln.split("\t", 1)[0].strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _flatten(metrics: dict) -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in metrics.items():
        if isinstance(v, int | float) and not isinstance(v, bool):
            out[k] = float(v)
        elif isinstance(v, dict):
            out.update({f"{k}.{k2}": float(v2) for k2, v2 in v.items() if isinstance(v2, int | float)})
    return out


def _dev(suite: str, disabled: str, processes: int, work: Path) -> dict[str, float]:
    env = {**os.environ, "SITREP_DISABLE_RULES": disabled, "SITREP_DB": str(work / f"{suite}.duckdb")}
    pred = work / f"{suite}.pred.jsonl"
    subprocess.run([str(SITREP), "eval", str(EVAL / f"{suite}-dev"), "--out", str(pred), "--processes",
                    str(processes)], env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    scored = subprocess.run([sys.executable, str(EVAL / "score.py"), str(EVAL / f"{suite}-dev"), str(pred),
                             "--json"], check=True, capture_output=True, text=True)
    return _flatten(json.loads(scored.stdout))


def _blind(suites: list[str], disabled: str, processes: int, work: Path) -> dict[str, dict[str, float]]:
    out = work / "blind.json"
    env = {**os.environ, "SITREP_DISABLE_RULES": disabled}
    subprocess.run([str(EVAL / "blind" / "validate"), *suites, "--processes", str(processes), "--json",
                    str(out)], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    data = json.loads(out.read_text())
    return {name.removesuffix("-val"): {k: float(v) for k, v in m.items()} for name, m in data.items()}


def _run(suites: list[str], disabled: str, *, processes: int, blind: bool) -> dict[str, dict[str, dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dev = {s: _dev(s, disabled, processes, work) for s in suites if (EVAL / f"{s}-dev").is_dir()}
        bl = _blind(suites, disabled, processes, work) if blind else {}
    return {"dev": dev, "blind": bl}


def _delta(before: float | None, after: float | None) -> str:
    return f"{after - before:+.4f}" if before is not None and after is not None else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--families", nargs="*", default=None, help="default: every family in rules.tsv")
    ap.add_argument("--suites", nargs="*", default=list(METRICS), help="short names: gvdb gva acled ...")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--no-blind", action="store_true", help="dev halves only")
    ap.add_argument("--json", type=Path, default=None, help="write every score here")
    args = ap.parse_args()
    families = args.families if args.families is not None else _families()
    blind = not args.no_blind
    runs = {"(all on)": _run(args.suites, "", processes=args.processes, blind=blind)}
    for fam in families:
        print(f"... {fam} off", file=sys.stderr, flush=True)
        runs[fam] = _run(args.suites, fam, processes=args.processes, blind=blind)
    base = runs["(all on)"]
    print("| family off | suite | metric | dev (all on) | dev delta | blind (all on) | blind delta |")
    print("|---|---|---|---|---|---|---|")
    for fam in families:
        for suite in args.suites:
            for metric in METRICS.get(suite, []):
                d0 = base["dev"].get(suite, {}).get(metric)
                d1 = runs[fam]["dev"].get(suite, {}).get(metric)
                b0 = base["blind"].get(suite, {}).get(metric)
                b1 = runs[fam]["blind"].get(suite, {}).get(metric)
                if d0 == d1 and b0 == b1:
                    continue  # the family changes nothing here
                print(f"| {fam} | {suite} | {metric} | {d0 if d0 is not None else ''} | {_delta(d0, d1)} | "
                      f"{b0 if b0 is not None else ''} | {_delta(b0, b1)} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
