#!/bin/sh
# The status picker (s), its bug reference prompt and the assignee picker
# (@) check what is picked against the ticket as it was shown when the
# key was pressed. Another agent changes the ticket (the command line)
# while the prompt is open: the live reload repaints the view, and the
# Enter is refused, saying who changed what; the bug reference typed is
# offered again by the next prompt, and that one goes through. Before,
# the check used the version the reload brought in, so the change went
# through silently over the other agent's (here another agent assigned
# the ticket meanwhile, and was replaced without a word).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_sql "
INSERT INTO agents (login, display_name, role, team_id)
     SELECT 'dana', 'Dana Ruiz', 'engineer', id FROM teams WHERE key = 'client_services';" >/dev/null
tt_tickets 1 2 "Stale"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null
cli() {
	"$TICKETTY_BIN" --db "dbname=$TT_DB" "$@" >"$TT_STATE_DIR/cli.out" 2>&1 ||
		{ cat "$TT_STATE_DIR/cli.out" >&2; tt_fail "ticketty $* failed"; }
}

tt_start
tt_wait_for 'Stale 0001'
tt_keys Enter
tt_wait_for "^#$id +Stale 0001"
tt_wait_for '2 Urgent'

# the status and its bug reference, while the severity changes elsewhere
tt_keys s
tt_wait_for 'New status:'
tt_keys -l 'waiting on eng'
tt_keys Enter
tt_wait_for 'Engineering bug reference:'
tt_keys -l 'BUG-4242 typed'
cli ticket set "$id" severity=3 --reason "worse than said"
tt_wait_for '3 High'                          # the live reload
tt_keys Enter
tt_wait_for 'ticket 1 changed since version 2: postgres re-triaged it'
[ "$(tt_val "SELECT status FROM tickets WHERE id = $id")" = in_progress ] ||
	tt_fail "the status changed over the re-triage"
tt_keys s
tt_wait_for 'New status:'
tt_keys -l 'waiting on eng'
tt_keys Enter
tt_wait_for 'Engineering bug reference: BUG-4242 typed'
tt_keys Enter
tt_wait_for 'status is now waiting on engineering'
[ "$(tt_val "SELECT status || ' ' || bug_ref FROM tickets WHERE id = $id")" = 'waiting_engineering BUG-4242 typed' ] ||
	tt_fail "status and bug reference not stored"

# the assignee, while another agent takes it
tt_keys @
tt_wait_for 'Assign to:'
tt_keys -l 'ruiz'
tt_wait_for '^> Dana Ruiz'
cli ticket assign "$id" olga
tt_wait_for 'Assignee +Olga Other'
tt_keys Enter
tt_wait_for 'ticket 1 changed since version [0-9]+: postgres assigned it'
[ "$(tt_val "SELECT a.login FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = $id")" = olga ] ||
	tt_fail "the assignee was replaced over the other agent's change"
tt_keys Q
tt_wait_for 'tt-exit=0'
