#!/bin/sh
# Dashboard benchmark: on a throwaway cluster, loads TICKETS tickets with
# `ticketty db seed-demo` (default 1,000,000: realistic outcomes, escalations
# and a backlog; the rollups are counted once at the end of the load), then
# ROUNDS times, interleaved, measures wall-clock time of whole processes:
#   A. `ticketty report sla --format csv` (12 weeks by week, from the rollups)
#   B. psql computing the same 12 weekly rows from the raw rows (tickets,
#      sla_update_outcomes)
#   C. the dashboard's first paint, database side: tests/bench/dashboard_bench.c
#      (connect + dash_load, the six queries the view runs)
#   D. psql computing the same dashboard figures from the raw rows
# and prints medians and the ratios A/B and C/D. Before timing it checks
# that A and B agree row for row.
#   sh tests/bench/dashboard_bench.sh   (BUILD=build TICKETS=1000000 ROUNDS=50 RAW_ROUNDS=ROUNDS)
# DB=NAME measures a database already seeded and analysed on the running
# server PGHOST instead (as PGUSER), e.g. the one perf_bench.sh keeps:
#   PGHOST=$PERF_DIR/pg PGUSER=bencher DB=t10000000 RAW_ROUNDS=1 RAW_DASH_ROUNDS=0 sh tests/bench/dashboard_bench.sh
# (RAW_DASH_ROUNDS bounds the rounds of D apart from B: at 10M one D runs for
# about half an hour)
# Each round also times `psql -c 'SELECT 1'` (the floor: this machine's cost
# of a process and a new server session), and with POOL=CONNINFO (e.g.
# "host=/tmp/bouncer port=6432", a PgBouncer in session mode in front of the
# same server) A and C once more through it, where the server sessions are
# reused and so have their catalogs and functions loaded already.
# Figures go to tests/bench/README (section "Dashboard").
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
TICKETS=${TICKETS:-1000000}
ROUNDS=${ROUNDS:-50}
RAW_ROUNDS=${RAW_ROUNDS:-$ROUNDS}   # rounds that also time B and D (slow at scale)
RAW_DASH_ROUNDS=${RAW_DASH_ROUNDS:-$RAW_ROUNDS}   # of those, rounds that time D (at 10M one D is ~half an hour)
BIN="$ROOT/$BUILD/ticketty"
PSQL="$(pg_config --bindir)/psql"
cd "$ROOT"

make -s -j2 "$BUILD/ticketty" "$BUILD/libticketty.a"
mkdir -p "$BUILD/bench"
PKGS="ncursesw libpq libconfig"
PKG_CFLAGS=$(for f in $(pkg-config --cflags $PKGS); do
	case "$f" in -D_XOPEN_SOURCE=*|-D_DEFAULT_SOURCE) ;; *) printf '%s ' "$f" ;; esac
done)
# shellcheck disable=SC2046,SC2086
cc -std=c11 -O2 -Wall -Wextra -Werror -Iinclude -I"$BUILD/gen" -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	$PKG_CFLAGS -o "$BUILD/bench/dashboard_bench" tests/bench/dashboard_bench.c \
	"$BUILD/libticketty.a" $(pkg-config --libs $PKGS)

if [ -n "${DB:-}" ]; then
	TICKETS=$("$PSQL" -qXAt -d "$DB" -c "SELECT count(*) FROM ticketty.tickets")
	echo "measuring $DB as it is ($TICKETS tickets, server $PGHOST, login ${PGUSER:-$(id -un)})"
else
	eval "$(sh tests/lib/pgtmp.sh start)"
	trap 'sh "$ROOT/tests/lib/pgtmp.sh" stop "$PGTMP_DIR"' EXIT INT TERM
	DB=dash
	"$PSQL" -qX -d postgres -c "CREATE DATABASE $DB"
	"$BIN" --db "dbname=$DB" db migrate >/dev/null
	t0=$(date +%s)
	"$BIN" --db "dbname=$DB" db seed-demo --tickets "$TICKETS" >/dev/null
	echo "seeded $TICKETS tickets in $(( $(date +%s) - t0 )) s"
	"$PSQL" -qX -d "$DB" -c "VACUUM ANALYZE" >/dev/null
fi
"$PSQL" -qXAt -d "$DB" -c "SELECT 'rollup rows: sla ' || (SELECT count(*) FROM ticketty.sla_rollup)
  || ', sla by customer ' || (SELECT count(*) FROM ticketty.sla_rollup_customer)
  || ', backlog ' || (SELECT count(*) FROM ticketty.backlog_rollup)
  || ', backlog by customer ' || (SELECT count(*) FROM ticketty.backlog_rollup_customer)"

# The 12 weekly rows of report_sla(NULL, NULL, 'week') from the raw rows.
RAW_SLA="SET search_path = ticketty;
WITH p AS (SELECT report_zone() AS z, date_trunc('week', report_today())::date - 77 AS f, report_today() AS t),
o AS (
  SELECT date_trunc('week', coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE p.z)::date AS w,
         'first_response' AS k, t.first_response_outcome AS o
    FROM tickets t, p
   WHERE t.first_response_outcome IS NOT NULL
     AND (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE p.z)::date BETWEEN p.f AND p.t
  UNION ALL
  SELECT date_trunc('week', t.resolved_at AT TIME ZONE p.z)::date, 'resolution', t.resolution_outcome
    FROM tickets t, p
   WHERE t.resolution_outcome IS NOT NULL AND (t.resolved_at AT TIME ZONE p.z)::date BETWEEN p.f AND p.t
  UNION ALL
  -- resolutions a reopen took back stay on their day (sql/641)
  SELECT date_trunc('week', h.at AT TIME ZONE p.z)::date, 'resolution', h.outcome
    FROM sla_resolution_outcomes h, p WHERE (h.at AT TIME ZONE p.z)::date BETWEEN p.f AND p.t
  UNION ALL
  SELECT date_trunc('week', u.at AT TIME ZONE p.z)::date, 'update', u.outcome
    FROM sla_update_outcomes u, p WHERE (u.at AT TIME ZONE p.z)::date BETWEEN p.f AND p.t)
SELECT w.w::date,
       count(*) FILTER (WHERE k = 'first_response' AND o = 'met'), count(*) FILTER (WHERE k = 'first_response' AND o = 'missed'),
       count(*) FILTER (WHERE k = 'update' AND o = 'met'), count(*) FILTER (WHERE k = 'update' AND o = 'missed'),
       count(*) FILTER (WHERE k = 'resolution' AND o = 'met'), count(*) FILTER (WHERE k = 'resolution' AND o = 'missed')
  FROM p CROSS JOIN generate_series(p.f, p.t, interval '1 week') w(w) LEFT JOIN o ON o.w = w.w::date
 GROUP BY 1 ORDER BY 1"

# The dashboard's figures from the raw rows: the weeks above, the backlog
# by severity and age, breaches by team and by customer (top ten), live
# escalations per level, the ten oldest open tickets.
RAW_DASH="$RAW_SLA;
WITH p AS (SELECT report_zone() AS z, report_today() AS t)
SELECT t.severity, count(*),
       count(*) FILTER (WHERE p.t - (t.created_at AT TIME ZONE p.z)::date <= 0),
       count(*) FILTER (WHERE p.t - (t.created_at AT TIME ZONE p.z)::date BETWEEN 1 AND 2),
       count(*) FILTER (WHERE p.t - (t.created_at AT TIME ZONE p.z)::date BETWEEN 3 AND 6),
       count(*) FILTER (WHERE p.t - (t.created_at AT TIME ZONE p.z)::date BETWEEN 7 AND 27),
       count(*) FILTER (WHERE p.t - (t.created_at AT TIME ZONE p.z)::date >= 28)
  FROM tickets t, p WHERE t.is_open GROUP BY 1 ORDER BY 1;
WITH p AS (SELECT report_zone() AS z, date_trunc('week', report_today())::date - 77 AS f, report_today() AS t),
m AS (SELECT t.team_id, t.customer_id FROM tickets t, p
       WHERE t.first_response_outcome = 'missed'
         AND (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE p.z)::date BETWEEN p.f AND p.t
      UNION ALL
      SELECT t.team_id, t.customer_id FROM tickets t, p
       WHERE t.resolution_outcome = 'missed' AND (t.resolved_at AT TIME ZONE p.z)::date BETWEEN p.f AND p.t
      UNION ALL
      SELECT t.team_id, t.customer_id FROM sla_update_outcomes u JOIN tickets t ON t.id = u.ticket_id, p
       WHERE u.outcome = 'missed' AND (u.at AT TIME ZONE p.z)::date BETWEEN p.f AND p.t)
SELECT 'team', team_id, count(*) FROM m GROUP BY 2 ORDER BY 3 DESC LIMIT 10;
WITH p AS (SELECT report_zone() AS z, date_trunc('week', report_today())::date - 77 AS f, report_today() AS t),
m AS (SELECT t.customer_id FROM tickets t, p
       WHERE t.first_response_outcome = 'missed'
         AND (coalesce(t.acknowledged_at, t.first_response_due) AT TIME ZONE p.z)::date BETWEEN p.f AND p.t
      UNION ALL
      SELECT t.customer_id FROM tickets t, p
       WHERE t.resolution_outcome = 'missed' AND (t.resolved_at AT TIME ZONE p.z)::date BETWEEN p.f AND p.t
      UNION ALL
      SELECT t.customer_id FROM sla_update_outcomes u JOIN tickets t ON t.id = u.ticket_id, p
       WHERE u.outcome = 'missed' AND (u.at AT TIME ZONE p.z)::date BETWEEN p.f AND p.t)
SELECT 'customer', customer_id, count(*) FROM m GROUP BY 2 ORDER BY 3 DESC LIMIT 10;
SELECT e.level, count(*), min(e.raised_at) FROM escalations e WHERE e.state IN ('open', 'acknowledged') GROUP BY 1;
SELECT t.id, (ticket_sla(t)).state FROM tickets t WHERE t.is_open ORDER BY t.created_at, t.id LIMIT 10"

# A and B must agree before they are timed
"$BIN" --db "dbname=$DB" report sla --format csv | tail -n +2 | tr -d '\r' |
	awk -F, '{ print $1 "|" $4 "|" $5 "|" $7 "|" $8 "|" $10 "|" $11 }' >"$BUILD/bench/dash_a.txt"
"$PSQL" -qXAt -d "$DB" -c "$RAW_SLA" >"$BUILD/bench/dash_b.txt"
if ! cmp -s "$BUILD/bench/dash_a.txt" "$BUILD/bench/dash_b.txt"; then
	echo "report sla and the raw recount disagree:" >&2
	diff "$BUILD/bench/dash_a.txt" "$BUILD/bench/dash_b.txt" >&2 || true
	exit 1
fi
echo "report sla = raw recount: $(wc -l <"$BUILD/bench/dash_a.txt") weeks agree"

# run_ms [--keep] COMMAND...: milliseconds of one whole process, timed inside
# python around its fork and wait (a shell's `date` for the end stamp would
# add one more process start, 6-20 ms on this machine, to every figure);
# with --keep, the command's output follows on the same line.
run_ms() {
	python3 -c 'import subprocess, sys, time
keep = sys.argv[1] == "--keep"
t = time.perf_counter()
p = subprocess.run(sys.argv[2 if keep else 1:], stdout=subprocess.PIPE if keep else subprocess.DEVNULL, check=True)
ms = "%.3f" % ((time.perf_counter() - t) * 1000)
print(ms + " " + p.stdout.decode().strip() if keep else ms)' "$@"
}
: >"$BUILD/bench/dash_times.txt"
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	a=$(run_ms "$BIN" --db "dbname=$DB" report sla --format csv)
	b=-; d=-
	[ "$i" -lt "$RAW_ROUNDS" ] && b=$(run_ms "$PSQL" -qXAt -d "$DB" -c "$RAW_SLA")
	# whole process, then its own "connect+load load met missed" line
	c=$(run_ms --keep "$BUILD/bench/dashboard_bench" "dbname=$DB")
	inproc=$(echo "$c" | cut -d' ' -f3)
	c=${c%% *}
	[ "$i" -lt "$RAW_ROUNDS" ] && [ "$i" -lt "$RAW_DASH_ROUNDS" ] && d=$(run_ms "$PSQL" -qXAt -d "$DB" -c "$RAW_DASH")
	floor=$(run_ms "$PSQL" -qXAt -d "$DB" -c "SELECT 1")
	ap=-; cp=-
	if [ -n "${POOL:-}" ]; then
		ap=$(run_ms "$BIN" --db "$POOL dbname=$DB" report sla --format csv)
		cp=$(run_ms "$BUILD/bench/dashboard_bench" "$POOL dbname=$DB")
	fi
	echo "$a $b $c $d $inproc $floor $ap $cp" >>"$BUILD/bench/dash_times.txt"
	i=$((i + 1))
done
median() { grep -v '^-$' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ma=$(cut -d' ' -f1 "$BUILD/bench/dash_times.txt" | median)
mb=$(cut -d' ' -f2 "$BUILD/bench/dash_times.txt" | median)
mc=$(cut -d' ' -f3 "$BUILD/bench/dash_times.txt" | median)
md=$(cut -d' ' -f4 "$BUILD/bench/dash_times.txt" | median)
me=$(cut -d' ' -f5 "$BUILD/bench/dash_times.txt" | median)
echo "tickets $TICKETS, $ROUNDS rounds ($RAW_ROUNDS with the raw recounts), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "A report sla (12 weeks, rollups), whole process:  median $ma ms"
echo "B psql, same figures from raw rows:               median $mb ms   A/B = $(echo "$ma $mb" | awk '{ printf "%.3f", $1 / $2 }')"
echo "C dashboard first paint (connect + 6 queries):    median $mc ms (in process: $me ms)"
if cut -d' ' -f4 "$BUILD/bench/dash_times.txt" | grep -qv '^-$'; then
	echo "D psql, same dashboard figures from raw rows:     median $md ms   C/D = $(echo "$mc $md" | awk '{ printf "%.3f", $1 / $2 }')"
else
	echo "D psql, same dashboard figures from raw rows:     not run (RAW_DASH_ROUNDS=0)"
fi
echo "floor: psql -c 'SELECT 1', whole process:        median $(cut -d' ' -f6 "$BUILD/bench/dash_times.txt" | median) ms"
if [ -n "${POOL:-}" ]; then
	echo "through the pooler ($POOL):"
	echo "A report sla, whole process:                      median $(cut -d' ' -f7 "$BUILD/bench/dash_times.txt" | median) ms"
	echo "C dashboard first paint, whole process:           median $(cut -d' ' -f8 "$BUILD/bench/dash_times.txt" | median) ms"
fi
