#!/usr/bin/env bash
# The floor under a run: what DuckDB alone takes to write what a run writes, from tables that
# are already there. On a copy of a scored store (`patuh run --db STORE …` made it) it times
# DuckDB's read_csv of the store's messages (the import's peer), a copy of the events, their
# objects, the cases and the findings into new tables (what timeline and score write), and
# plain copies of them into the exports (findings and cases as Parquet and CSV, the lake's
# partitioned findings, cases and events) without the sorting, formatting and CSV escaping the
# real export adds. No patuh code runs: a run cannot be faster than this sum on this machine.
#
#   benches/floor.sh STORE
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 1 && -f $1 ]] || { echo "usage: benches/floor.sh STORE (a store scored by patuh run)" >&2; exit 2; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/patuh-target}
cargo build --release --quiet --example sql
sql="$CARGO_TARGET_DIR/release/examples/sql"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$1" "$work/store.duckdb"
# shellcheck source=benches/peer.sh
source benches/peer.sh
mkdir -p "$work/out"
{
    printf '%6.3f s  read_csv of the messages (benches/peer.sh)\n' \
        "$(read_csv_peer "$sql" "$work/store.duckdb" "$work")"
    "$sql" "$work/store.duckdb" "timed:create table event_copy as select * from event
;;
create table event_object_copy as select * from event_object
;;
create table case_copy as select * from \"case\"
;;
create table finding_copy as select * from finding
;;
copy (select * from finding) to '$work/out/findings.parquet' (format parquet)
;;
copy (select * from finding) to '$work/out/findings.csv' (header)
;;
copy (select * from \"case\") to '$work/out/cases.parquet' (format parquet)
;;
copy (select * from \"case\") to '$work/out/cases.csv' (header)
;;
copy (select * from finding) to '$work/out/lake_findings' (format parquet, partition_by (branch, semester))
;;
copy (select c.*, 'all' as semester from \"case\" c) to '$work/out/lake_cases' (format parquet, partition_by (branch, semester))
;;
copy (select e.*, 'all' as semester from event e) to '$work/out/lake_events' (format parquet, partition_by (branch, semester))"
} | sed "s|$work/||g" | tee "$work/times" | cut -c1-100
awk '{ s += $1 } END { printf "floor: %.2f s of DuckDB alone (each statement on all cores)\n", s }' "$work/times"
