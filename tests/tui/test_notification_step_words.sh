#!/bin/sh
# The notifications view says where a step left the ticket (sql/770):
# another engineer acknowledges the agent's ticket, then asks the customer
# in one call, through in_progress to waiting on the customer; the agent
# has one notification of the question, "changed the status: in progress
# → waiting on customer", not the half-way "acknowledged → in progress"
# (English and Spanish). Both steps go through the API as that engineer.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role step_ana engineer
tt_agent step_ana engineer 'Ana Gil' client_services
tt_tickets 1 3 "Step"
t1=$(tt_val "SELECT id FROM tickets WHERE title = 'Step 0001'")
tt_sql "UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'postgres') WHERE id = $t1" >/dev/null
tt_sql "SET SESSION AUTHORIZATION step_ana; SELECT api_ticket_ack($t1, NULL, 'On it')" >/dev/null
tt_sql "UPDATE notifications SET read_at = tt_now()" >/dev/null
tt_sql "SET SESSION AUTHORIZATION step_ana; SELECT api_ticket_ask($t1, NULL, 'Which member?')" >/dev/null
[ "$(tt_val "SELECT status FROM tickets WHERE id = $t1")" = waiting_customer ] ||
	tt_fail "the ticket does not wait on the customer"
[ "$(tt_val "SELECT count(*) FROM notifications WHERE read_at IS NULL")" = 1 ] ||
	tt_fail "not one notification: $(tt_val "SELECT payload FROM notifications WHERE read_at IS NULL")"

tt_start
tt_wait_for 'Step 0001'
tt_keys 5
tt_wait_for '^ ticketty . Notifications'
tt_wait_for "^2026-11-18 10:00 EST +#$t1 +Step 0001"
got=$(tt_screen | grep -A1 -E -- "#$t1 +Step" | sed -n 2p)
[ "$got" = "    Ana Gil changed the status: in progress → waiting on customer" ] || tt_fail "#$t1: '$got'"
tt_assert '1 unread'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Step 0001'
tt_keys 5
tt_wait_for '^ ticketty . Notificaciones'
# the title comes before the list: wait for the row, not the queue's
tt_wait_for "^2026-11-18 10:00 EST +#$t1 +Step 0001"
got=$(tt_screen | grep -A1 -E -- "#$t1 +Step" | sed -n 2p)
[ "$got" = "    Ana Gil cambió el estado: en curso → esperando al cliente" ] || tt_fail "#$t1 (es): '$got'"
tt_keys Q
tt_wait_for 'tt-exit=0'
