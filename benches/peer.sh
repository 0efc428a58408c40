# The peer every import figure is measured against: DuckDB's read_csv loading a store's chat
# messages, written as a CSV, into a table of a new store. Sourced by run.sh and floor.sh.
#
#   read_csv_peer SQL STORE DIR   # prints the load's seconds; DIR receives the CSV and the peer
read_csv_peer() {
    local sql=$1 store=$2 dir=$3
    "$sql" "$store" "batch:copy (select * exclude (file_id, sheet) from raw_message) to '$dir/messages.csv' (header)" >/dev/null
    "$sql" "$dir/peer.duckdb" "timed:create table message as select * from read_csv('$dir/messages.csv')" | awk '{ print $1 }'
}
