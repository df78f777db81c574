#!/bin/sh
# Issue #19, every measure in one run: each ticketty command against the
# real psql ($(pg_config --bindir)/psql, not Debian's Perl wrapper) running
# the same statements with the same parameters, interleaved, medians of
# ROUNDS rounds, load average beside each figure, and EXPLAIN (ANALYZE,
# BUFFERS) of every statement the command sends (tests/bench/perf_bench.py).
#
#   sh tests/bench/perf_bench.sh        (TICKETS=1000000 ROUNDS=15 BUILD=build)
#
# The data set is built once and kept between runs: a PostgreSQL cluster
# in PERF_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/ticketty-bench),
# one database per TICKETS seeded with `ticketty db seed-demo` and
# VACUUM ANALYZEd, plus one ticket given a 4,000-entry timeline. The
# database is rebuilt when the schema or the seeder changes (a hash of
# sql/ and src/model/seed*.c is kept next to it), else reused as it is.
# The cluster is stopped at the end (STOP=0 leaves it running); remove
# PERF_DIR to start over. Output and plans go to PERF_DIR/out-TICKETS/.
# The disk is shared: a build is stopped and its database dropped when the
# free space of PERF_DIR's file system falls under MIN_FREE_GB (12) GB.
# The seeder's step times go to PERF_DIR/TICKETS.build.log. The 10M set
# (~55 GB) was kept on a compressed volume: tests/bench/compressed_volume.sh.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
ROUNDS=${ROUNDS:-15}
STOP=${STOP:-1}
PERF_DIR=${PERF_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ticketty-bench}
MIN_FREE_GB=${MIN_FREE_GB:-12}
PGBIN=$(pg_config --bindir)
PSQL=$PGBIN/psql
BIN="$ROOT/$BUILD/ticketty"
DB=t$TICKETS
cd "$ROOT"
make -s -j2 "$BUILD/ticketty" "$BUILD/libticketty.a"
# the dashboard's first paint, database side (connect + dash_load)
mkdir -p "$BUILD/bench"
PKGS="ncursesw libpq libconfig"
PKG_CFLAGS=$(for f in $(pkg-config --cflags $PKGS); do
	case "$f" in -D_XOPEN_SOURCE=*|-D_DEFAULT_SOURCE) ;; *) printf '%s ' "$f" ;; esac
done)
# shellcheck disable=SC2046,SC2086
cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -I"$BUILD/gen" -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	$PKG_CFLAGS -o "$BUILD/bench/dashboard_bench" tests/bench/dashboard_bench.c \
	"$BUILD/libticketty.a" $(pkg-config --libs $PKGS)

as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG=$PERF_DIR/pg
mkdir -p "$PERF_DIR"
if [ ! -d "$PG/data" ]; then
	mkdir -p "$PG"
	[ "$(id -u)" -eq 0 ] && chown -R postgres "$PERF_DIR" && chmod 755 "$PERF_DIR" "$PG"
	as_owner "$PGBIN/initdb" -D "$PG/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_owner "$PGBIN/pg_ctl" -D "$PG/data" status >/dev/null 2>&1; then
	as_owner "$PGBIN/pg_ctl" -D "$PG/data" -l "$PG/server.log" -w -t 120 \
		-o "-k $PG -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c wal_level=minimal -c max_wal_senders=0" \
		start >/dev/null
fi
[ "$STOP" = 1 ] && trap 'as_owner "$PGBIN/pg_ctl" -D "$PG/data" -m fast -w stop >/dev/null 2>&1 || true' EXIT INT TERM
export PGHOST=$PG PGUSER=postgres PSQL
psql() { "$PSQL" -X -qAt -v ON_ERROR_STOP=1 "$@"; }

hash=$(cat sql/*.sql src/model/seed*.c | sha256sum | cut -c1-16)
if [ "$(cat "$PERF_DIR/$DB.hash" 2>/dev/null)" != "$hash" ]; then
	echo "building $DB ($TICKETS tickets; kept in $PERF_DIR for later runs)"
	psql -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
	"$BIN" --db "dbname=$DB" db migrate >/dev/null
	t0=$(date +%s)
	free_gb() { df -P -BG "$PERF_DIR" | awk 'NR == 2 { sub("G", "", $4); print $4 }'; }
	echo "free space before the build: $(free_gb) GB (the build stops under $MIN_FREE_GB GB)"
	"$BIN" --db "dbname=$DB" db seed-demo --tickets "$TICKETS" --timing >/dev/null 2>"$PERF_DIR/$TICKETS.build.log" &
	seeder=$!
	while kill -0 "$seeder" 2>/dev/null; do
		if [ "$(free_gb)" -lt "$MIN_FREE_GB" ]; then
			echo "free space under $MIN_FREE_GB GB: build of $DB stopped, database dropped" >&2
			psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
			         WHERE datname = '$DB' AND pid <> pg_backend_pid()" >/dev/null
			wait "$seeder" || true
			psql -c "DROP DATABASE IF EXISTS $DB"
			exit 1
		fi
		sleep 5
	done
	wait "$seeder"
	echo "seeded in $(( $(date +%s) - t0 )) s (steps: $PERF_DIR/$TICKETS.build.log), free space $(free_gb) GB"
	# the benchmark login: the COO (sees and may act on every level),
	# and one open ticket with a 4,000-entry timeline (3,900 comments more)
	psql -d "$DB" <<'SQL'
SET search_path = ticketty;
SET client_min_messages = warning;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bencher') THEN
    CREATE ROLE bencher LOGIN IN ROLE ticketty_agent; END IF; END $$;
INSERT INTO agents (login, display_name, role, team_id) VALUES ('bencher', 'Bench COO', 'coo', 1);
CREATE TABLE public.bench_ticket AS
  SELECT id FROM tickets WHERE is_open ORDER BY id OFFSET 10 LIMIT 1;
INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
SELECT b.id, (SELECT min(id) FROM agents), 'internal',
       'Bench note ' || g || ': looked at the logs again, nothing new yet.',
       t.created_at + g * interval '1 minute'
  FROM public.bench_ticket b JOIN tickets t ON t.id = b.id, generate_series(1, 4000) g;
SQL
	psql -d "$DB" -c "VACUUM ANALYZE"
	echo "$hash" >"$PERF_DIR/$DB.hash"
	echo "built in $(( $(date +%s) - t0 )) s"
fi
OUT=$PERF_DIR/out-$TICKETS
mkdir -p "$OUT"
[ "$(id -u)" -eq 0 ] && chown postgres "$OUT"
: >"$OUT/summary.txt"
ticket=$(psql -d "$DB" -c "SELECT id FROM public.bench_ticket")
entries=$(psql -d "$DB" -c "SELECT (SELECT count(*) FROM ticketty.comments WHERE ticket_id = $ticket)
                                 + (SELECT count(*) FROM ticketty.ticket_events WHERE ticket_id = $ticket)")
echo "$DB: $(psql -d "$DB" -c "SELECT count(*) || ' tickets, ' || count(*) FILTER (WHERE is_open) || ' open, '
	|| (SELECT count(*) FROM ticketty.escalations WHERE state IN ('open', 'acknowledged')) || ' live escalations'
	FROM ticketty.tickets"); ticket #$ticket has $entries timeline entries"

export PGUSER=bencher
# the cursor of page 200 (50 rows a page), walked once with the CLI
cursor=
i=1
while [ $i -lt 200 ]; do
	cursor=$("$BIN" --db "dbname=$DB" queue --limit 50 ${cursor:+--after "$cursor"} | sed -n 's/^next: //p')
	i=$((i + 1))
done

python3 tests/bench/perf_bench.py "$BIN" "$DB" "$PG/server.log" "$ROUNDS" "$OUT" \
	"queue:queue --limit 50" \
	"queue_p200:queue --limit 50 --after $cursor" \
	"status_new:queue --limit 50 --status new" \
	"waiting:queue --limit 50 --status waiting_customer" \
	"resolved:queue --limit 50 --status resolved" \
	"mine:queue --limit 50 --mine" \
	"escalations:escalations" \
	"esc_coo:escalations --level coo" \
	"show_4000:ticket show $ticket" \
	"report_sla:report sla --format csv" \
	"report_sla_team:report sla --by team --format csv" \
	"dashboard:@$ROOT/$BUILD/bench/dashboard_bench dbname={db}"
echo "plans: $OUT/*.explain"
