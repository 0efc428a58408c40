#!/usr/bin/env bash
# Times `patuh run` end to end, stage by stage, with peak memory.
#   benches/run.sh              # on sample_data/
#   benches/run.sh --scale 100  # on `patuh sample --scale 100` data (about 3 million messages;
#                               # generated under $TMPDIR, never in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/patuh-target}
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/patuh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=sample_data
if [[ "${1:-}" == "--scale" ]]; then
    inputs="$work/data"
    echo "generating --scale $2 into $inputs"
    "$bin" sample --scale "$2" --out "$inputs" >/dev/null
fi
start=$(date +%s.%N)
/usr/bin/time -v "$bin" --db "$work/store.duckdb" run "$inputs" --out "$work/out" \
    >"$work/stdout" 2>"$work/stderr" || { cat "$work/stderr"; exit 1; }
end=$(date +%s.%N)
grep -E '^(import|timeline|score|export|report|phases):' "$work/stderr" || true
grep -E '^phases:' "$work/stdout" || true
awk -v s="$start" -v e="$end" 'BEGIN { printf "run end to end: %.1f s\n", e - s }'
grep -E 'Maximum resident set size' "$work/stderr" | awk '{ printf "peak memory: %.2f GB\n", $6 / 1048576 }'
