#!/bin/sh
# A ticket created or changed by another process appears without a key
# press (LISTEN/NOTIFY), the cursor stays on the same ticket, and after the
# database server restarts the TUI reconnects and listens again.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 5 3 "Live"
tt_start
tt_wait_for 'Live 0005'
tt_keys j j
tt_wait_for '#3( |$)'
# another process: a new critical ticket, announced the way audit() does
tt_tickets 1 1 "Urgent news"
tt_sql "SELECT pg_notify('ticketty', json_build_object('ticket', max(id), 'kind', 'created')::text) FROM tickets" >/dev/null
tt_wait_for 'Urgent news 0001'
# the cursor stayed on ticket 3 although it moved down one row
tt_assert '#3 '
tt_sql "UPDATE tickets SET title = 'Live renamed' WHERE title = 'Live 0004';
        SELECT pg_notify('ticketty', '{\"ticket\":4,\"kind\":\"updated\"}')" >/dev/null
tt_wait_for 'Live renamed'

if [ -n "${PGTMP_DIR:-}" ]; then
	sh "$(dirname "$0")/../lib/pgtmp.sh" restart "$PGTMP_DIR"
	# the next notification must still arrive: reconnected and re-LISTENed
	deadline=$(( $(date +%s) + TT_TIMEOUT ))
	n=0
	until tt_screen | grep -q 'After restart'; do
		n=$((n + 1))
		tt_sql "UPDATE tickets SET title = 'After restart $n' WHERE id = 1;
		        SELECT pg_notify('ticketty', '{\"ticket\":1,\"kind\":\"updated\"}')" >/dev/null
		[ "$(date +%s)" -ge "$deadline" ] && tt_fail "no refresh after the server restart"
		tt_wait_for 'ticketty' # screen still alive
		sleep 0.2
	done
fi
tt_keys Q
tt_wait_for 'tt-exit=0'
