#!/bin/sh
# The TUI's first paint, page move and peak memory at each size of the
# data sets perf_bench.sh keeps (PERF_DIR, databases t$SIZE; build each
# with `TICKETS=SIZE STOP=0 sh tests/bench/perf_bench.sh` first), all
# sizes interleaved in one run, as the benchmark login (the COO).
#
#   SIZES="1000 10000000" sh tests/bench/tui_scale.sh    (ROUNDS=15 BUILD=build)
#
# The measuring is tests/bench/tui_scale.py; figures go to
# tests/bench/README (section "Issue 19").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-15}
SIZES=${SIZES:-1000 1000000}
PERF_DIR=${PERF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ticketty-bench}
PG=$PERF_DIR/pg
PGBIN=$(pg_config --bindir)
cd "$ROOT"
make -s -j2 "$BUILD/ticketty"
[ -d "$PG/data" ] || { echo "no data set in $PERF_DIR: run tests/bench/perf_bench.sh first" >&2; exit 69; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_owner "$PGBIN/pg_ctl" -D "$PG/data" status >/dev/null 2>&1; then
	as_owner "$PGBIN/pg_ctl" -D "$PG/data" -l "$PG/server.log" -w -t 120 \
		-o "-k $PG -c listen_addresses='' -c shared_buffers=512MB" start >/dev/null
	trap 'as_owner "$PGBIN/pg_ctl" -D "$PG/data" -m fast -w stop >/dev/null 2>&1 || true' EXIT INT TERM
fi
dbs=
for n in $SIZES; do dbs="$dbs dbname=t$n"; done
export PGHOST=$PG PGUSER=bencher
export HOME="$PERF_DIR"   # no personal ticketty.conf
# shellcheck disable=SC2086
python3 tests/bench/tui_scale.py "$ROOT/$BUILD/ticketty" "$ROUNDS" $dbs
