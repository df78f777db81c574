#!/bin/sh
# A ticket's keys while the database is unavailable say why they do
# nothing: t answers "take the ticket: needs the database", e "escalate
# one level: needs the database" (before, "... not available in this
# view", as if the ticket view had no such key). Once the server is back
# t takes the ticket.
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Outage"
tt_start
tt_wait_for 'Outage 0001'
tt_keys Enter
# the ticket view with the ticket read (the queue's own detail line also
# reads '#1 Outage 0001': waiting on that alone, the server could go
# before the ticket was read, and the view had nothing to keep)
tt_wait_for 'ticketty │ Ticket'
tt_wait_for 'Carla Contact <carla'

tt_server_kill
tt_wait_for 'database unavailable, retrying in'
tt_keys t
tt_wait_for 'take the ticket: needs the database'
tt_refute 'not available in this view'
tt_keys e
tt_wait_for 'escalate one level: needs the database'
# the ticket read before stays on screen
tt_wait_for '#1 +Outage 0001'

tt_server_back
TT_TIMEOUT=20 tt_wait_gone 'database unavailable'
tt_keys t
tt_wait_for 'the ticket is yours'
[ "$(tt_val "SELECT a.login FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = 1")" = "$(tt_val "SELECT session_user")" ] ||
	tt_fail "the ticket was not taken"
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
