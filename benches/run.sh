#!/usr/bin/env bash
# Speed of patuh, stage by stage, beside DuckDB's own CSV reader on the same rows.
#
#   benches/run.sh                # `patuh run` on sample_data/
#   benches/run.sh --scale 10     # on `patuh sample --scale 10` (generated under $TMPDIR)
#   benches/run.sh --chat [MB]    # import of one Android export of MB (default 171) made from
#                                 # the chats of `patuh sample --scale 10`
#   benches/run.sh --all          # --scale 1, 10, 100 and --chat
#   benches/run.sh FOLDER         # on a folder of inputs (a sample generated before)
#   benches/run.sh --repeat 3 …   # each run three times, then its fastest, median and slowest
#                                 # (a shared 2-core machine varies by 15-40 % between hours:
#                                 # one run is a sample, not a figure)
#
# For a run it prints each stage's seconds with MB/s of chat text (import), events/s
# (timeline) and findings/s (score), the run's wall time, CPU % and peak memory, and DuckDB's
# read_csv loading the run's messages as a CSV into a table (the same rows, measured in the
# same minute): the import's speed ratio to it. Generated data never goes into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/patuh-target}
cargo build --release --quiet --bin patuh --example sql --example bench_chat
bin="$CARGO_TARGET_DIR/release/patuh"
sql="$CARGO_TARGET_DIR/release/examples/sql"
chat_bench="$CARGO_TARGET_DIR/release/examples/bench_chat"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=benches/peer.sh
source benches/peer.sh
repeat=1
if [[ ${1:-} == --repeat ]]; then
    repeat=${2:-}
    [[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "--repeat: a count of 1 or more, not $repeat" >&2; exit 2; }
    shift 2
fi

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }

# `patuh run` on the folder $1, described as $2, $repeat times; with several, their end-to-end
# seconds are summed up at the end (fastest, median, slowest).
bench_run() {
    local times=() k label=$2
    for ((k = 1; k <= repeat; k++)); do
        if ((repeat > 1)); then label="$2 (run $k of $repeat)"; fi
        bench_once "$1" "$label"
        times+=("$last_seconds")
    done
    if ((repeat > 1)); then
        printf '%s\n' "${times[@]}" | sort -n | awk -v label="$2" '
            { t[NR] = $1 }
            END { printf "== %s over %d runs: end to end fastest %.2f s, median %.2f s, slowest %.2f s\n",
                  label, NR, t[1], (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[NR] }'
    fi
}

# One `patuh run` on the folder $1, described as $2; sets last_seconds.
bench_once() {
    local inputs=$1 label=$2 out="$work/run"
    rm -rf "$out" && mkdir -p "$out"
    local chat_bytes
    chat_bytes=$(find "$inputs" -name '*.txt' -path '*whatsapp*' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f 'time: %e %P %M' "$bin" --db "$out/store.duckdb" run "$inputs" --out "$out/out" \
        >"$out/stdout" 2>"$out/stderr" || { tail -5 "$out/stderr"; exit 1; }
    end=$(date +%s.%N)
    echo "== $label"
    awk -v mb="$(awk -v b="$chat_bytes" 'BEGIN { print b / 1e6 }')" '
        # The seconds follow the last "in" of a stage line.
        function secs(   i, s) { for (i = 1; i < NF; i++) if ($i == "in") s = $(i + 1); return s }
        /^import: done in/ { s = secs(); printf "import    %6.2f s  %7.1f MB/s of chat text (%.0f MB)\n", s, mb / s, mb }
        /^timeline: /      { s = secs(); printf "timeline  %6.2f s  %9.0f events/s\n", s, $4 / s }
        /^score: /         { s = secs(); printf "score     %6.2f s  %9.0f findings/s (judged and written)\n", s, $2 / s }
        /^export: /        { printf "export    %6.2f s  (CSV, Parquet and the lake)\n", secs() }
        /^report: /        { printf "report    %6.2f s\n", secs() }
        /^time: /          { printf "run       %6.2f s wall, %s CPU, peak memory %.2f GB\n", $2, $3, $4 / 1048576 }
    ' "$out/stderr"
    cat "$out/stdout" "$out/stderr" | grep -E '^phases:' | sed 's/^/          /' || true
    local import_s duck_s
    import_s=$(awk '/^import: done in/ { print $4 }' "$out/stderr")
    duck_s=$(read_csv_peer "$sql" "$out/store.duckdb" "$out")
    awk -v d="$duck_s" -v p="$import_s" -v b="$chat_bytes" 'BEGIN {
        printf "read_csv  %6.2f s  %7.1f MB/s of chat text; import/read_csv speed ratio %.2f (messages only: the import also reads the sheets)\n", d, b / 1e6 / d, d / p }'
    last_seconds=$(seconds "$start" "$end")
    echo "end to end: $last_seconds s"
}

bench_scale() {
    local scale=$1
    local data="$work/scale$scale"
    [[ -d $data ]] || "$bin" sample --scale "$scale" --out "$data" >/dev/null
    bench_run "$data" "--scale $scale"
}

bench_chat() {
    local mb=${1:-171}
    local data="$work/scale10"
    [[ -d $data ]] || "$bin" sample --scale 10 --out "$data" >/dev/null
    mkdir -p "$work/chat"
    "$chat_bench" --make "$data" "$mb" "$work/chat/WhatsApp Chat with Budi.txt"
    echo "== one Android export of $mb MB"
    "$chat_bench" "$work/chat/WhatsApp Chat with Budi.txt"
    /usr/bin/time -f 'patuh import: %e s wall, %P CPU, peak memory %M KB' \
        "$bin" --db "$work/chat.duckdb" import "$work/chat" >/dev/null 2>"$work/chat.err"
    tail -1 "$work/chat.err"
}

case "${1:-}" in
    --scale) bench_scale "$2" ;;
    --chat) bench_chat "${2:-171}" ;;
    --all)
        for s in 1 10 100; do bench_scale "$s"; done
        bench_chat 171
        ;;
    "") bench_run sample_data "sample_data" ;;
    *) if [[ -d $1 ]]; then bench_run "$1" "$1"; else
        echo "usage: benches/run.sh [--repeat N] [--scale N | --chat [MB] | --all | FOLDER]" >&2; exit 2; fi ;;
esac
