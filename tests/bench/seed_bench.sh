#!/bin/sh
# Demo seeder benchmark: on a throwaway cluster (tests/lib/pgtmp.sh),
# migrates an empty database and times `ticketty db seed-demo` with
# TICKETS tickets (default 1,000,000), then prints the row counts it made
# and removes the cluster. Target: under two minutes for a million.
#   sh tests/bench/seed_bench.sh          (BUILD=build TICKETS=1000000 SEED=1)
# Figures go to tests/bench/README (section "Demo seeder").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
SEED=${SEED:-1}
cd "$ROOT"

make -s -j2 "$BUILD/ticketty"
eval "$(sh tests/lib/pgtmp.sh start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
psql -qX -c "CREATE DATABASE bench" >/dev/null
"$BUILD/ticketty" --db dbname=bench db migrate >/dev/null

start=$(date +%s.%N)
"$BUILD/ticketty" --db dbname=bench db seed-demo --tickets "$TICKETS" --seed "$SEED"
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)

psql -qXAt -F ' ' bench <<'SQL'
SET search_path = ticketty;
SELECT 'tickets', count(*) FROM tickets;
SELECT 'ticket_events', count(*) FROM ticket_events;
SELECT 'comments', count(*) FROM comments;
SELECT 'escalations', count(*) FROM escalations;
SELECT 'database size', pg_size_pretty(pg_database_size(current_database()));
SQL
echo "seed-demo --tickets $TICKETS: ${secs} s (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
