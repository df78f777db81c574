#!/bin/sh
# Queue benchmark: on a throwaway cluster, loads TICKETS demo tickets with
# `ticketty db seed-demo` (default 1,000,000: a fifth open) and a small
# 1,000-ticket database, then measures
#   1. queue page queries through the real model code (tests/bench/queue_bench.c):
#      first page, page down, page up, last page, a filtered first page;
#      and the plans of the first page and page down (auto_explain, analyzed);
#   2. the TUI's peak resident memory (VmHWM) at 80x24 in tmux after paging
#      through the queue, at 1,000 vs TICKETS tickets;
#   3. `ticketty queue --limit 50 --json` vs psql running the same statement
#      (hyperfine when installed, else a timed loop).
#   sh tests/bench/queue_bench.sh            (BUILD=build TICKETS=1000000 ROUNDS=200)
# Figures go to tests/bench/README (section "Queue").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
ROUNDS=${ROUNDS:-200}
BIN="$ROOT/$BUILD/ticketty"
cd "$ROOT"

make -s -j2 "$BUILD/ticketty" "$BUILD/libticketty.a"
mkdir -p "$BUILD/bench"
PKGS="ncursesw libpq libconfig"
PKG_CFLAGS=$(for f in $(pkg-config --cflags $PKGS); do
	case "$f" in -D_XOPEN_SOURCE=*|-D_DEFAULT_SOURCE) ;; *) printf '%s ' "$f" ;; esac
done)
# shellcheck disable=SC2046,SC2086
cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -I"$BUILD/gen" -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	$PKG_CFLAGS -o "$BUILD/bench/queue_bench" tests/bench/queue_bench.c \
	"$BUILD/libticketty.a" $(pkg-config --libs $PKGS)

SOCK="queue-bench-$$"
eval "$(sh tests/lib/pgtmp.sh start)"
cleanup() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
	sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"
}
trap cleanup EXIT INT TERM

load() { # load DB N
	psql -qX -c "CREATE DATABASE $1" >/dev/null
	"$BIN" --db "dbname=$1" db migrate >/dev/null
	t0=$(date +%s)
	"$BIN" --db "dbname=$1" db seed-demo --tickets "$2" >/dev/null
	t1=$(date +%s)
	psql -qX -d "$1" -c "SET client_min_messages = warning" \
		-c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bencher') THEN
		      CREATE ROLE bencher LOGIN IN ROLE ticketty_engineer; END IF; END \$\$" \
		-c "INSERT INTO ticketty.agents (login, display_name, role, team_id)
		    VALUES ('bencher', 'Bench Agent', 'engineer', 1)" -c "VACUUM ANALYZE" >/dev/null
	echo "$1: $(psql -qXtA -d "$1" -c "SELECT count(*) || ' tickets, ' || count(*) FILTER (WHERE is_open) || ' open' FROM ticketty.tickets"), seeded in $((t1 - t0))s"
}

load qsmall 1000
load qbig "$TICKETS"

echo
echo "== 1. queue queries ($ROUNDS runs each, 25 rows = one 80x24 screen + read-ahead)"
"$BUILD/bench/queue_bench" "dbname=qbig user=bencher" "$ROUNDS" 25
echo
echo "-- plans (auto_explain, EXPLAIN ANALYZE of the statements ticketty queue runs)"
before=$(wc -l <"$PGTMP_DIR/server.log")
next=$(PGUSER=bencher "$BIN" --db dbname=qbig queue --limit 50 | sed -n 's/^next: //p')
# the first page and the next one, with auto_explain loaded in the session
{
	echo "LOAD 'auto_explain';"
	echo "SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;"
	echo "SET search_path = ticketty;"
	"$BUILD/bench/queue_bench" --sql 50
	echo "DEALLOCATE q;"
	"$BUILD/bench/queue_bench" --sql 50 "$next"
	echo "DEALLOCATE q;"
} | PGUSER=postgres psql -qX -d qbig >/dev/null   # LOAD needs a superuser
tail -n +"$((before + 1))" "$PGTMP_DIR/server.log" |
	grep -E 'duration:|Limit  |Index Scan using tickets|Index Cond: \(ROW|Function Scan on ticket_sla|Execution Time' |
	sed 's/^.*LOG:  //; s/^[[:space:]]*/  /'
echo "(page down cursor used by the CLI: $next)"

echo
echo "== 2. TUI peak resident memory (80x24, 60 page downs, G, g, 30 x j)"
rss() { # rss DB -> prints VmHWM of the TUI after paging
	tmux -L "$SOCK" -f /dev/null new-session -d -s "$1" -x 80 -y 24 \
		"exec env TERM=xterm-256color LANG=C.UTF-8 TZ=UTC PGUSER=bencher '$BIN' --db dbname=$1"
	deadline=$(( $(date +%s) + 30 ))
	until tmux -L "$SOCK" capture-pane -p -t "$1" | grep -q 'all open tickets'; do
		[ "$(date +%s)" -lt "$deadline" ] || { echo "TUI did not start" >&2; exit 1; }
		sleep 0.1
	done
	pid=$(tmux -L "$SOCK" display -p -t "$1" '#{pane_pid}')
	i=0
	while [ $i -lt 60 ]; do tmux -L "$SOCK" send-keys -t "$1" PageDown; i=$((i + 1)); done
	tmux -L "$SOCK" send-keys -t "$1" G
	until tmux -L "$SOCK" capture-pane -p -t "$1" | grep -q '(end)'; do sleep 0.1; done
	tmux -L "$SOCK" send-keys -t "$1" g
	until tmux -L "$SOCK" capture-pane -p -t "$1" | grep -q '(top)'; do sleep 0.1; done
	i=0
	while [ $i -lt 30 ]; do tmux -L "$SOCK" send-keys -t "$1" j; i=$((i + 1)); done
	until tmux -L "$SOCK" capture-pane -p -t "$1" | grep -Eq '#[0-9]+ *$'; do sleep 0.1; done
	grep -E 'VmHWM|VmRSS' "/proc/$pid/status" | tr -s ' \t' ' ' | tr '\n' ' '
	tmux -L "$SOCK" send-keys -t "$1" Q
}
echo "1,000 tickets:      $(rss qsmall)"
echo "$TICKETS tickets: $(rss qbig)"

echo
echo "== 3. ticketty queue --limit 50 --json vs psql running the same statement"
stmt="$BUILD/bench/queue_stmt.sql"
{ echo "SET search_path = ticketty;"; "$BUILD/bench/queue_bench" --sql 50; } >"$stmt"
export PGUSER=bencher
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 5 --runs 100 \
		"$BIN --db dbname=qbig queue --limit 50 --json" \
		"$BIN --db dbname=qbig queue --limit 50" \
		"psql -X -qAt -d qbig -f $stmt" 2>&1 | grep -Ev '^ *$'
else
	for cmd in "$BIN --db dbname=qbig queue --limit 50 --json" "psql -X -qAt -d qbig -f $stmt"; do
		t0=$(date +%s%N)
		i=0
		while [ $i -lt 100 ]; do $cmd >/dev/null; i=$((i + 1)); done
		echo "$cmd: $(( ($(date +%s%N) - t0) / 100000 )) us per run (mean of 100)"
	done
fi
