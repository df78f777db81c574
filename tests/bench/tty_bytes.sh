#!/bin/sh
# Over a slow link (issue 17): the bytes ticketty writes to its terminal
# under a pty at 80x24 and 200x60 (first paint, full repaint, moving the
# cursor one row in the queue and in the escalations view, an idle queue
# with live countdowns), and key echo in a prompt over a link that delays
# each direction by 150 ms. A throwaway cluster with the demo data
# (`db seed-demo`, TICKETS tickets) and the login as an agent; the
# measuring is tests/bench/tty_bytes.py (python3's pty module).
#   sh tests/bench/tty_bytes.sh        (BUILD=build TICKETS=2000 ROUNDS=10 IDLE_S=30)
#   BASE=/path/to/other/ticketty sh tests/bench/tty_bytes.sh   (side by side)
# Figures go to tests/bench/README (section "Over a slow link").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-2000}
BIN="$ROOT/$BUILD/ticketty"
cd "$ROOT"

make -s -j2 "$BUILD/ticketty"
eval "$(sh tests/lib/pgtmp.sh start)"
trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT
trap 'exit 1' INT TERM HUP

psql -qX -c "CREATE DATABASE tty_bench" >/dev/null
"$BIN" --db "dbname=tty_bench" db migrate >/dev/null
"$BIN" --db "dbname=tty_bench" db seed-demo --tickets "$TICKETS" >/dev/null
psql -qX -d tty_bench -c "INSERT INTO ticketty.agents (login, display_name, role, team_id)
	SELECT 'postgres', 'Pat Postgres', 'engineer', id FROM ticketty.teams WHERE key = 'client_services'
	ON CONFLICT DO NOTHING" >/dev/null
echo "$(psql -qXAt -d tty_bench -c "SELECT count(*) FILTER (WHERE is_open) || ' open tickets, '
	|| (SELECT count(*) FROM ticketty.escalations WHERE state IN ('open', 'acknowledged'))
	|| ' open escalations' FROM ticketty.tickets"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
export HOME="$PGTMP_DIR"   # no personal ticketty.conf
# BASE=other/ticketty: the same measures of that binary too, interleaved
# with this one's (each size: BASE, then BIN), on the same cluster and data
for size in "80 24" "200 60"; do
	for bin in ${BASE:+"$BASE"} "$BIN"; do
		[ -n "${BASE:-}" ] && echo "== $bin"
		# shellcheck disable=SC2086
		python3 tests/bench/tty_bytes.py "$bin" "dbname=tty_bench" $size
	done
done
for size in "80 24"; do
	for bin in ${BASE:+"$BASE"} "$BIN"; do
		[ -n "${BASE:-}" ] && echo "== $bin"
		# shellcheck disable=SC2086
		python3 tests/bench/tty_bytes.py --echo "$bin" "dbname=tty_bench" $size
	done
done
