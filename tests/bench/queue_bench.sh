#!/bin/sh
# Queue benchmark: on a throwaway cluster, loads TICKETS tickets (default
# 1,000,000: a fifth open) and a small 1,000-ticket database, then measures
#   1. queue page queries through the real model code (tests/bench/queue_bench.c):
#      first page, page down, page up, last page, a filtered first page;
#      and the plans of the first page and page down (auto_explain, analyzed);
#   2. the TUI's peak resident memory (VmHWM) at 80x24 in tmux after paging
#      through the queue, at 1,000 vs TICKETS tickets;
#   3. `ticketty queue --limit 50 --json` vs psql running the same statement
#      (hyperfine when installed, else a timed loop).
#   sh tests/bench/queue_bench.sh            (BUILD=build TICKETS=1000000 ROUNDS=200)
# LOAD=seed uses `ticketty db seed-demo` (realistic, slower on a busy
# machine); the default LOAD=sql is one set-based INSERT with the SLA
# columns supplied (triggers off), as in ticket_bench.sh.
# Figures go to tests/bench/README (section "Queue").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
ROUNDS=${ROUNDS:-200}
LOAD=${LOAD:-sql}
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

eval "$(sh tests/lib/pgtmp.sh start)"
cleanup() {
	for s in qsmall qbig; do tmux -L "queue-bench-$$-$s" kill-server >/dev/null 2>&1 || true; done
	sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"
}
trap cleanup EXIT INT TERM

load_sql() { # load_sql DB N: N tickets, every fifth open, over 1,000 customers
	psql -qX -v ON_ERROR_STOP=1 -v tickets="$2" -d "$1" >/dev/null <<'SQL'
SET search_path = ticketty;
SET client_min_messages = warning;
ALTER TABLE tickets DISABLE TRIGGER USER;
INSERT INTO agents (login, display_name, role, team_id)
SELECT 'agent' || g, 'Agent ' || g, 'engineer', 1 + g % 5 FROM generate_series(1, 50) g;
INSERT INTO customers (name, member_id, plan, csm_id)
SELECT 'Customer ' || g, 10000 + g, (CASE WHEN g % 3 = 0 THEN 'premium' ELSE 'basic' END)::plan_kind, 1 + g % 50
  FROM generate_series(1, 1000) g;
INSERT INTO contacts (customer_id, name, email, phone, spoc)
SELECT id, 'Contact ' || id, 'c' || id || '@example.com', '+1 555 ' || id, true FROM customers;
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity, status,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os, phone,
                     bug_ref, assignee_id, calendar_id, plan, created_at, updated_at,
                     first_response_due, acknowledged_at, resolution_due, resolved_at, closed_at,
                     escalation_level)
SELECT c.id, c.id, rt.id, rt.team_id, 1 + g % 4, 1 + g % 4, s.status,
       'Ticket ' || g || ': line items stop delivering', 'Description', 'Revenue at risk.',
       ARRAY['li-' || g], 10000 + c.id, '1. open the report', 'Firefox 128.0', 'Windows 11', '+1 555 0100',
       CASE WHEN s.status = 'waiting_engineering' THEN 'ENG-' || g END,
       CASE WHEN g % 3 = 0 THEN NULL ELSE 1 + g % 50 END,
       1, c.plan, at, at,
       at + interval '4 hours', CASE WHEN s.status <> 'new' THEN at + interval '1 hour' END,
       at + interval '3 days',
       CASE WHEN s.status IN ('resolved', 'closed') THEN at + interval '2 days' END,
       CASE WHEN s.status = 'closed' THEN at + interval '3 days' END,
       (g / 7) % 4
  FROM generate_series(1, :tickets) g
  CROSS JOIN LATERAL (SELECT now() - interval '400 days' + g * (interval '400 days' / :tickets) AS at) t
  CROSS JOIN LATERAL (SELECT (CASE WHEN g % 5 <> 0 THEN (ARRAY['resolved', 'closed'])[1 + g % 2]
                              ELSE (ARRAY['new', 'acknowledged', 'in_progress', 'waiting_customer',
                                          'waiting_engineering'])[1 + (g / 5) % 5] END)::ticket_status
                      AS status) s
  JOIN customers c ON c.id = 1 + g % 1000
  JOIN LATERAL (SELECT id, team_id FROM request_types WHERE team_id IS NOT NULL
                ORDER BY position OFFSET g % 5 LIMIT 1) rt ON true;
ALTER TABLE tickets ENABLE TRIGGER USER;
SQL
}

load() { # load DB N
	psql -qX -c "CREATE DATABASE $1" >/dev/null
	"$BIN" --db "dbname=$1" db migrate >/dev/null
	t0=$(date +%s)
	if [ "$LOAD" = seed ]; then
		"$BIN" --db "dbname=$1" db seed-demo --tickets "$2" >/dev/null
	else
		load_sql "$1" "$2"
	fi
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
	grep -E 'duration:|Limit  |Index (Only )?Scan( Backward)? using tickets|Index Cond: \(ROW|Function Scan on ticket_sla' |
	sed 's/^.*LOG:  //; s/^[[:space:]]*/  /'
echo "(page down cursor used by the CLI: $next)"

echo
echo "== 2. TUI peak resident memory (80x24, 60 page downs, G, g, 30 x j)"
rss() { # rss DB -> prints VmHWM of the TUI after paging
	SOCK="queue-bench-$$-$1"   # a server per run: it exits with its last session
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
	tmux -L "$SOCK" kill-server >/dev/null 2>&1 || true
}
echo "1,000 tickets:      $(rss qsmall)"
echo "$TICKETS tickets: $(rss qbig)"

echo
echo "== 3. ticketty queue --limit 50 --json vs psql running the same statement"
stmt="$BUILD/bench/queue_stmt.sql"
# the real psql: Debian's /usr/bin/psql is a Perl wrapper (~150 ms a call)
PSQL_BIN="$(pg_config --bindir)/psql"
{ echo "SET search_path = ticketty;"; "$BUILD/bench/queue_bench" --sql 50; } >"$stmt"
export PGUSER=bencher
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 5 --runs 100 \
		"$BIN --db dbname=qbig queue --limit 50 --json" \
		"$BIN --db dbname=qbig queue --limit 50" \
		"$PSQL_BIN -X -qAt -d qbig -f $stmt" 2>&1 | grep -Ev '^ *$'
else
	for cmd in "$BIN --db dbname=qbig queue --limit 50 --json" "$PSQL_BIN -X -qAt -d qbig -f $stmt"; do
		t0=$(date +%s%N)
		i=0
		while [ $i -lt 100 ]; do $cmd >/dev/null; i=$((i + 1)); done
		echo "$cmd: $(( ($(date +%s%N) - t0) / 100000 )) us per run (mean of 100)"
	done
fi
