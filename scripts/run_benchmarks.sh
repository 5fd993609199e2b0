#!/usr/bin/env bash
# Every figure in BENCHMARKS.md, in one run: scores, extraction speed and memory, linking at scale,
# web latency under load, paraphrase rates, the scale tools (step 6: needs the scale extra). Needs
# ../shared/eval (the suites) and a quiet machine (speed figures are only as good as the machine is idle). Outputs go to out/bench/ (git-ignored).
#
#     bash scripts/run_benchmarks.sh            # about 35 minutes on 2 cores
#     STEPS="2 3" bash scripts/run_benchmarks.sh  # only some steps
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL:-../shared/eval}
OUT=out/bench
PY=.venv/bin/python
SITREP=.venv/bin/sitrep
mkdir -p "$OUT"
rm -f "$OUT"/*.duckdb "$OUT"/*.duckdb.wal
STEPS=${STEPS:-1 2 3 4 5 6}
log() { echo "== $(date -u +%FT%TZ) $*" | tee -a "$OUT/run.log"; }
step() { [[ " $STEPS " == *" $1 "* ]]; }

if step 1; then
  log "1. scores on every dev suite (the gate's run), 2 processes"
  TIMEFORMAT="eval --all: %R s wall"
  time $SITREP --db "$OUT/eval.duckdb" eval --all "$EVAL" --processes 2 --out "$OUT/predictions" --json \
    > "$OUT/metrics.json" 2> >(tee "$OUT/eval.err" >&2)
  for s in "$EVAL"/*/; do  # the referee on the same predictions
    name=$(basename "$s")
    [ -f "$OUT/predictions/$name.predictions.jsonl" ] && \
      python3 "$EVAL/score.py" "$s" "$OUT/predictions/$name.predictions.jsonl" > "$OUT/referee-$name.json"
  done
fi

if step 2; then
  log "2. extraction speed and peak memory on gva-dev, 1 and 2 processes"
  $PY scripts/bench_extract.py "$EVAL/gva-dev" --processes 1 2 | tee "$OUT/bench_extract.txt"
fi

if step 3; then
  log "3. linking and reconciliation: gva-dev reports, then resampled streams up to 100,000 articles"
  $PY scripts/dump_reports.py "$EVAL/gva-dev" --doc-cache "" --processes 2 --out "$OUT/reports" | tee "$OUT/dump.txt"
  $PY scripts/bench_link.py --reports "$OUT/reports/gva-dev.jsonl" | tee "$OUT/bench_link.txt"
fi

if step 4; then
  log "4. web latency: a store built from gva-dev, 2,000 requests per page kind, 20 concurrent"
  $SITREP -q --db "$OUT/gva.duckdb" ingest "$EVAL/gva-dev/articles.jsonl" --processes 2 > "$OUT/ingest.txt" 2>&1 || true
  $PY scripts/load_test.py --db "$OUT/gva.duckdb" --requests 2000 --concurrency 20 | tee "$OUT/load_test.txt"
fi

if step 5; then
  log "5. machine-paraphrase signal: false positives on human text, detection on a synthetic set"
  [ -d .cache/docs ] || $PY scripts/parse_cache.py "$EVAL" --processes 2
  $PY scripts/dev_types.py paraphrase | tee "$OUT/paraphrase_fp.txt"
  $PY scripts/paraphrase_synth.py | tee "$OUT/paraphrase_synth.txt"
  $PY scripts/paraphrase_synth.py --held-out | tee -a "$OUT/paraphrase_synth.txt"
fi

if step 6; then
  log "6. at scale: batch on Ray vs one process, incremental ingest vs store size, agreement with a full relink, Postgres under load"
  $PY scripts/bench_batch.py "$EVAL/gva-dev/articles.jsonl" --n 1500 --cpus 2 | tee "$OUT/bench_batch.txt"
  [ -f .cache/reports/gva-dev.jsonl ] || cp "$OUT/reports/gva-dev.jsonl" .cache/reports/gva-dev.jsonl 2>/dev/null || true
  $PY scripts/bench_incremental.py --sizes 10000 50000 100000 --batch 500 | tee "$OUT/bench_incremental.txt"
  $PY scripts/agree_incremental.py --n 3000 --batch 250 | tee "$OUT/agree_incremental.txt"
  eval "$(bash scripts/pg_throwaway.sh start)"
  $PY scripts/load_test.py --db "$OUT/gva.duckdb" --copy-to "$SITREP_TEST_POSTGRES" --requests 2000 --concurrency 20 \
    | tee "$OUT/load_test_pg.txt" || true
  bash scripts/pg_throwaway.sh stop "$SITREP_TEST_POSTGRES_DIR"
fi

log "done"
