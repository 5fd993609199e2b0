"""Language identification: fastText lid.176 (``ingest.language.detect``) against the former
function-word guess (``function_word_guess``), accuracy on short and on mixed texts written for this
benchmark (``scripts/data/language_id.tsv``), and the time per text.

    .venv/bin/python scripts/bench_language.py
"""
from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from sitrep.ingest.language import detect, function_word_guess

DATA = Path(__file__).with_name("data") / "language_id.tsv"


def _rows() -> list[tuple[str, str, str]]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 2)) for line in lines if line.strip() and not line.startswith("#")]


def main() -> None:
    rows = _rows()
    methods = {"fastText lid.176": detect, "function-word guess": function_word_guess}
    for guess in methods.values():  # load each model once, outside the timing
        guess(rows[0][2])
    print("| set | texts | " + " | ".join(methods) + " |")
    print("|---|---|" + "---|" * len(methods))
    per_set: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for kind, lang, text in rows:
        per_set[kind].append((lang, text))
    per_set["all"] = [(lang, text) for _, lang, text in rows]
    times = {}
    wrong: dict[str, list[str]] = defaultdict(list)
    for kind, items in per_set.items():
        cells = []
        for name, guess in methods.items():
            t0 = time.process_time()
            answers = [guess(text) for _, text in items]
            times[name] = (time.process_time() - t0) / len(items)
            ok = sum(a == lang for a, (lang, _) in zip(answers, items, strict=True))
            cells.append(f"{ok}/{len(items)} {ok / len(items):.2f}")
            if kind != "all":
                wrong[name] += [f"{kind} {lang}->{a}: {text[:50]}" for a, (lang, text)
                                in zip(answers, items, strict=True) if a != lang]
        print(f"| {kind} | {len(items)} | " + " | ".join(cells) + " |")
    print("| CPU ms per text | | " + " | ".join(f"{times[n] * 1000:.2f}" for n in methods) + " |")
    for name, misses in wrong.items():
        print(f"\n{name}: {len(misses)} wrong")
        for m in misses:
            print("  " + m)


if __name__ == "__main__":
    main()
