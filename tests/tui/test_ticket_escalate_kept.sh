#!/bin/sh
# The ticket view's escalate prompt (e) keeps a reason whose escalation
# fails (here on the ticket row another session holds, until the lock
# timeout): the status line says it is kept and that e sends it; e offers
# it again, and once the row is free Enter escalates with it. Before, the
# reason was lost.
# needs: server timers (lock_timeout; skipped under libfaketime)
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role tke_csm csm
tt_agent tke_csm csm
tt_csm_of tke_csm 'Acme Media'
tt_tickets 1 2 "Esc"
id=$(tt_val "SELECT min(id) FROM tickets")
conf=$(mktemp)
printf 'database = { lock_timeout_ms = 1500; };\n' > "$conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT

TT_ENV="TICKETTY_CONFIG=$conf" tt_start
tt_wait_for 'Esc 0001'
tt_keys Enter
tt_wait_for '^Description'
tt_hold "SELECT id FROM ticketty.tickets FOR UPDATE"
tt_keys e
tt_wait_for 'Reason to escalate:'
tt_keys -l 'The customer threatens to leave'
tt_keys Enter
tt_wait_for '^ticket [0-9]+ is (held by [^:]+|being changed in anoth)'
tt_release
tt_keys e
tt_wait_for '^Reason to escalate: The customer threatens to leave'
tt_keys Enter
tt_wait_for 'escalated to level 1'
[ "$(tt_val "SELECT reason FROM escalations WHERE ticket_id = $id")" = "The customer threatens to leave" ] ||
	tt_fail "the escalation's reason is: $(tt_val "SELECT reason FROM escalations WHERE ticket_id = $id")"
tt_keys Q
tt_wait_for 'tt-exit=0'
