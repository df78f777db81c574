# Helpers for the re-triage tests (sourced after lib.sh).

# Fails unless the only ticket was stored with severity 2 and the creative
# audit request type, moved to the Ad Quality team, and its re-triage
# audited with reason $1.
retriage_assert_stored() {
	row=$(tt_val "SELECT t.severity || '|' || r.key || '|' || tm.key FROM tickets t
	               JOIN request_types r ON r.id = t.request_type_id JOIN teams tm ON tm.id = t.team_id")
	[ "$row" = "2|creative_audit|ad_quality" ] || tt_fail "stored: $row"
	why=$(tt_val "SELECT details->>'reason' FROM ticket_events WHERE kind = 'retriage'")
	[ "$why" = "$1" ] || tt_fail "audited reason: $why"
}
