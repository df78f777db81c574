#!/bin/sh
# An emergency filed while the screen had no connection to the database
# is not lost (the notification went to no one): once the screen is
# connected again, the status line names it, "while disconnected", and
# the bell rings as for any emergency. An emergency whose notification
# came while connected is not said again after a reconnection.
# The screen's login is kept from connecting (NOLOGIN) after its session
# is ended, so that the emergency comes while it is away.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 2 3 "Quiet"
tt_role miss_ui engineer
tt_agent miss_ui engineer 'Mia Ui' client_services
tt_role miss_eng engineer
tt_agent miss_eng engineer 'Eli Engineer' client_services
contact=$(tt_val "SELECT ct.id FROM contacts ct JOIN customers c ON c.id = ct.customer_id WHERE c.name = 'Acme Media'")

# file SEVERITY TITLE: a ticket of the screen's team filed through the API
# by another agent
file() {
	tt_sql "SET SESSION AUTHORIZATION miss_eng;
	        SELECT api_ticket_create(jsonb_build_object(
	          'customer', 'Acme Media', 'contact', $contact, 'request_type', 'ad_serving', 'reason', 'bug',
	          'severity', $1, 'phone', '+1 212 555 0100', 'title', '$2', 'description', 'd',
	          'impact', 'i', 'object_ids', jsonb_build_array(42), 'member_id', 1001,
	          'repro_steps', 'r', 'browser', 'Firefox 128', 'os', 'Linux 6'))"
}
# away: the screen's session ends and its login cannot start another
away() {
	tt_sql "ALTER ROLE miss_ui NOLOGIN" >/dev/null
	tt_sql "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
	         WHERE usename = 'miss_ui' AND pid <> pg_backend_pid()" >/dev/null
	TT_TIMEOUT=20 tt_wait_for 'database unavailable'
}
back() {
	tt_sql "ALTER ROLE miss_ui LOGIN" >/dev/null
}

tt_start "--db='dbname=$TT_DB user=miss_ui'"
tt_wait_for 'Quiet 0002'

# an emergency while connected: said once, at once
first=$(file 1 'Checkout pages are blank')
tt_wait_for "EMERGENCY in your team: #$first Checkout pages are blank \(Acme Media\)"
tt_keys j
tt_wait_gone 'EMERGENCY'

# away and back with nothing new: it is not said again
away
back
TT_TIMEOUT=40 tt_wait_for 'reconnected to the database'
tt_refute 'EMERGENCY'

# away; a calm ticket and an emergency are filed meanwhile; back: the
# emergency is said
away
file 3 'Calm while away' >/dev/null
missed=$(file 1 'Every banner is black')
back
TT_TIMEOUT=40 tt_wait_for "EMERGENCY in your team while disconnected: #$missed Every banner is black \(Acme Media\)"
tt_wait_for 'Calm while away'
tt_messages_open
joined=$(tt_screen_text)
case "$joined" in
*"reconnected to the database"*"Every banner is black"*) ;;
*"Every banner is black"*"reconnected to the database"*) ;;
*) tt_fail "the message history lacks the reconnection or the missed emergency: $joined" ;;
esac
tt_keys q
tt_keys Q
tt_wait_for 'tt-exit=0'
