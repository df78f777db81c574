#!/bin/sh
# The database server is killed while an intake submit is in flight (the
# INSERT is waiting on a lock): the form and draft are kept, the user is
# told the database is unreachable, and once the server is back the form
# goes in exactly once (idempotency key), never twice.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
[ -n "${PGTMP_DIR:-}" ] || { echo "needs the throwaway cluster of tests/run.sh"; exit 1; }

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'Queue'
tt_keys n
tt_wait_for 'Customer \*'
intake_fill "Killed mid submit"

# another session holds the tickets table, so the submit hangs in the server
psql -qX -d "$TT_DB" -c "BEGIN; LOCK TABLE ticketty.tickets IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120);" \
	>/dev/null 2>&1 &
locker=$!
deadline=$(( $(date +%s) + TT_TIMEOUT ))
until [ "$(intake_val "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                        WHERE c.relname = 'tickets' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && tt_fail "the lock was not taken"
	sleep 0.05
done
tt_keys C-s
# wait until the submit is really waiting on the lock
deadline=$(( $(date +%s) + TT_TIMEOUT ))
until [ "$(intake_val "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = '$TT_DB'")" -ge 1 ]; do
	[ "$(date +%s)" -ge "$deadline" ] && tt_fail "the submit never reached the server"
	sleep 0.05
done

TT_PG_DOWN=1
sh "$(dirname "$0")/../lib/pgtmp.sh" kill "$PGTMP_DIR"
wait "$locker" 2>/dev/null
tt_wait_for 'unreachable|unavailable|lost'
tt_assert 'Killed mid submit'
grep -rq 'Killed mid submit' "$TT_DRAFTS" || tt_fail "the draft is gone"

sh "$(dirname "$0")/../lib/pgtmp.sh" startagain "$PGTMP_DIR"
TT_PG_DOWN=""
TT_TIMEOUT=40 tt_wait_for 'new +Acme Media .*Killed mid subm'
n=$(intake_val "SELECT count(*) FROM tickets WHERE title = 'Killed mid submit'")
[ "$n" = 1 ] || tt_fail "expected exactly one ticket, found $n"
tt_keys Q
tt_wait_for 'tt-exit=0'
