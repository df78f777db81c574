#!/bin/sh
# An emergency arriving in the agent's team (issue 14): another agent
# files a severity 1 ticket routed to the agent's team, and the status
# line says so at once, without a key press; the terminal bell rings
# (tmux's window bell flag; the session is detached, so tmux keeps it)
# unless ui.bell = false. An emergency of another team, a severity 3 of
# the agent's team and the agent's own emergency bring no alert; a
# re-triage that makes a ticket of the team severity 1 does.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 2 3 "Quiet"
tt_role alert_eng engineer
tt_agent alert_eng engineer 'Eli Engineer' client_services
tt_agent alert_csm csm 'Cora Csm'
tt_csm_of alert_csm
contact=$(tt_val "SELECT ct.id FROM contacts ct JOIN customers c ON c.id = ct.customer_id WHERE c.name = 'Acme Media'")

# file AS SEVERITY TYPE TITLE: a ticket filed through the API by login AS
file() {
	tt_sql "SET SESSION AUTHORIZATION $1;
	        SELECT api_ticket_create(jsonb_build_object(
	          'customer', 'Acme Media', 'contact', $contact, 'request_type', '$3', 'reason', 'bug',
	          'severity', $2, 'phone', '+1 212 555 0100', 'title', '$4', 'description', 'd',
	          'impact', 'i', 'object_ids', jsonb_build_array(42), 'member_id', 1001,
	          'repro_steps', 'r', 'browser', 'Firefox 128', 'os', 'Linux 6'))"
}
bell() { tt_pane '#{window_bell_flag}'; }

# ui.bell = false first: tmux's bell flag stays set once raised
conf="${TMPDIR:-/tmp}/tt-alert-$$.conf"
printf 'ui = { bell = false; };\n' >"$conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT
tt_start --config "'$conf'"
tt_wait_for 'Quiet 0002'
[ "$(bell)" = 0 ] || tt_fail "the bell flag was set before anything happened"

# not for us: another team's emergency, our team's severity 3, our own emergency
file alert_eng 1 creative_audit 'Other team burning' >/dev/null
file alert_eng 3 ad_serving 'Ours but calm' >/dev/null
file postgres 1 ad_serving 'My own emergency' >/dev/null
tt_wait_for 'Ours but calm'
tt_wait_for 'My own emergency'
# (each notification's alert is decided before the queue it reloads is painted)
tt_refute 'EMERGENCY'
# and then ours: the alert names it without a key press
id=$(file alert_eng 1 ad_serving 'Every placement is blank')
tt_wait_for "EMERGENCY in your team: #$id Every placement is blank \(Acme Media\)"
[ "$(bell)" = 0 ] || tt_fail "the bell rang with ui.bell = false"
# the next key takes the alert away like any message
tt_keys j
tt_wait_gone 'EMERGENCY in your team'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the bell on (the default): the alert rings it, and a re-triage that
# makes a calm ticket of the team severity 1 alerts too
tt_keys "clear; exec_tt" Enter
tt_wait_for 'Quiet 0002'
tt_wait_for 'Every placement is blank'
[ "$(bell)" = 0 ] || tt_fail "the bell flag was set before the alert"
calm=$(tt_val "SELECT id FROM tickets WHERE title = 'Ours but calm'")
tt_sql "SET SESSION AUTHORIZATION alert_eng;
        SELECT api_ticket_set($calm, (SELECT version FROM tickets WHERE id = $calm),
                              '{\"severity\": 1}', 'worse than reported')" >/dev/null
tt_wait_for "EMERGENCY in your team: #$calm Ours but calm \(Acme Media\)"
tt_wait_until '[ "$(bell)" = 1 ]' "no bell with ui.bell on"
tt_keys Q
tt_wait_for 'tt-exit=0'
