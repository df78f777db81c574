#!/bin/sh
# PgBouncer (Debian's pgbouncer) in front of the primary, on a Unix socket:
# - session pooling: 200 concurrent sessions each LISTEN, read a queue page,
#   and every one of them gets the notification of every note written
#   (tests/ha/listeners); the figures are printed next to the same run
#   without the pooler;
# - transaction pooling (a second database entry with pool_mode =
#   transaction): db_listen_problem() finds that LISTEN cannot work, and
#   the TUI says so in its status line; a change through it is refused
#   (exit 78, naming the pooler) while reading goes on; through session
#   pooling it does not, and a change goes through and shows live.
. "$(dirname "$0")/rig.sh"
: "${TICKETTY_BIN:?run through tests/ha/run.sh}"
: "${HA_BUILD:?run through tests/ha/run.sh}"
LISTENERS="$HA_BUILD/tests/ha/listeners"
[ -x "$LISTENERS" ] || ha_fail "build $LISTENERS first (make check-ha)"
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
[ -x "$PGBOUNCER" ] || ha_fail "pgbouncer is not installed (make deps)"
CLIENTS=${HA_CLIENTS:-200}
export PGUSER=postgres

HA_MAX_CONNECTIONS=$((CLIENTS + 40))
ha_primary a
ha_template a
ha_psql a postgres "CREATE DATABASE ha TEMPLATE ticketty_template" >/dev/null || ha_fail "create database"
"$TICKETTY_BIN" --db "host=$HA_DIR/a dbname=ha" db seed-demo --tickets 200 --seed 3 >/dev/null || ha_fail "seed"
ha_psql a ha "INSERT INTO ticketty.agents (login, display_name, role) VALUES ('postgres', 'Pat Postgres', 'engineer')" \
	>/dev/null || ha_fail "agent"
# the ticket at the top of the queue (shown on the TUI's first screen)
ticket=$("$TICKETTY_BIN" --db "host=$HA_DIR/a dbname=ha" queue --limit 1 | awk 'NR == 2 { print $1 }')
[ -n "$ticket" ] || ha_fail "no ticket in the queue"

B="$HA_DIR/bouncer"
ha_mkdir bouncer
cat >"$B/pgbouncer.ini" <<EOF
[databases]
ha = host=$HA_DIR/a dbname=ha
ha_tx = host=$HA_DIR/a dbname=ha pool_mode=transaction
[pgbouncer]
unix_socket_dir = $B
listen_port = 6432
auth_type = trust
auth_file = $B/users.txt
pool_mode = session
max_client_conn = $((CLIENTS + 50))
default_pool_size = $((CLIENTS + 10))
logfile = $B/pgbouncer.log
pidfile = $B/pgbouncer.pid
EOF
echo '"postgres" ""' >"$B/users.txt"
[ "$(id -u)" -eq 0 ] && chown -R postgres "$B"
ha_as_owner "$PGBOUNCER" -d "$B/pgbouncer.ini" >"$B/start.log" 2>&1 || ha_fail "pgbouncer: $(cat "$B/start.log")"
bouncer_stop() {
	[ -f "$B/pgbouncer.pid" ] && kill "$(cat "$B/pgbouncer.pid")" 2>/dev/null
	return 0
}
trap 'bouncer_stop; ha_cleanup' EXIT
ha_until "[ -S '$B/.s.PGSQL.6432' ]" "the pgbouncer socket"

POOL="host=$B port=6432 dbname=ha user=postgres"
TX="host=$B port=6432 dbname=ha_tx user=postgres"
DIRECT="host=$HA_DIR/a dbname=ha user=postgres"

# session pooling: every session gets every notification
# (direct first: the pooler keeps its server connections open afterwards)
direct=$("$LISTENERS" "$DIRECT" "$CLIENTS" 20 "$ticket") || ha_fail "direct: $direct"
echo "direct:            $direct"
pooled=$("$LISTENERS" "$POOL" "$CLIENTS" 20 "$ticket") || ha_fail "through PgBouncer (session): $pooled"
echo "pgbouncer session: $pooled"
echo "pgbouncer RSS: $(ps -o rss= -p "$(cat "$B/pgbouncer.pid")") kB"

# which configurations can deliver notifications
[ "$("$LISTENERS" --problem "$POOL")" = ok ] || ha_fail "session pooling reported as unable to LISTEN"
[ "$("$LISTENERS" --problem "$DIRECT")" = ok ] || ha_fail "a direct connection reported as unable to LISTEN"
tx=$("$LISTENERS" --problem "$TX")
echo "$tx" | grep -q 'pooler in transaction mode' || ha_fail "transaction pooling not detected: $tx"

# a change through transaction pooling is refused, naming the pooler (the
# session's lock timeout would not follow it); reading goes on; through
# session pooling the same change goes through
rc=0; out=$("$TICKETTY_BIN" --db "$TX" ticket note "$ticket" --message 'through the transaction pool' 2>&1) || rc=$?
[ "$rc" -eq 78 ] && echo "$out" | grep -q 'pooler in transaction mode' ||
	ha_fail "a change through transaction pooling: exit $rc, $out"
"$TICKETTY_BIN" --db "$TX" queue --limit 1 >/dev/null || ha_fail "reading through transaction pooling"
"$TICKETTY_BIN" --db "$POOL" ticket note "$ticket" --message 'through the session pool' >/dev/null ||
	ha_fail "a change through session pooling"
[ "$(ha_psql a ha "SELECT count(*) FROM ticketty.comments WHERE body LIKE 'through the % pool'")" = 1 ] ||
	ha_fail "exactly the note through session pooling should be stored"

# the TUI through each
export PGHOST="$B" PGPORT=6432 TICKETTY_TEST_TEMPLATE=unused
. "$(dirname "$0")/../tui/lib.sh"
trap 'tt_cleanup; bouncer_stop; ha_cleanup' EXIT
TT_DB=ha_tx
tt_start
tt_wait_for 'pooler in transaction mode'
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_keys "clear; exec_tt --db 'dbname=ha'" Enter
tt_wait_for 'ID +SEV'
tt_refute 'pooler in transaction mode'
ha_psql a ha "UPDATE ticketty.tickets SET title = 'Pooled and live' WHERE id = $ticket;
              SELECT pg_notify('ticketty', json_build_object('ticket', $ticket, 'kind', 'updated')::text)" >/dev/null
tt_wait_for 'Pooled and live'
tt_keys Q
tt_wait_for 'tt-exit=0'
