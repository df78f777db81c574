#!/bin/sh
# The status and assignee pickers of the ticket view: `s` lists only the
# changes the database allows now (api_ticket_transitions), by their
# names; waiting on engineering asks for the bug reference, other changes
# do not; `@` lists active agents by display name with their team, never
# product managers, developers or deactivated agents, and type-to-filter
# picks one; the status line then names the agent as the ticket does
# ("assigned to Dana Ruiz"; it said the login, "assigned to dana").
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_sql "
INSERT INTO agents (login, display_name, role, team_id)
     SELECT 'dana', 'Dana Ruiz', 'engineer', id FROM teams WHERE key = 'client_services';
INSERT INTO agents (login, display_name, role) VALUES ('paula', 'Paula Product', 'pm'),
                                                      ('devon', 'Devon Dev', 'developer');
INSERT INTO agents (login, display_name, role, active) VALUES ('gone', 'Gina Gone', 'engineer', false);"
tt_tickets 1 2 "Pick"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null
tt_start
tt_wait_for 'Pick 0001'
tt_keys Enter
tt_wait_for "^#$id +Pick 0001"

# s: the changes allowed from in progress, by name
tt_keys s
tt_wait_for 'New status:'
tt_wait_for '^> waiting on customer +may ask the customer a question'
tt_assert '^  waiting on engineering +asks for the engineering bug reference'
tt_assert '^  resolved +writes a public message to the customer'
tt_refute '^  (new|acknowledged|in progress) '
tt_refute 'waiting_'
# type to filter, move, and Enter: waiting on engineering asks for a bug
tt_keys -l 'waiting'
tt_wait_gone '^  resolved'
tt_keys -l ' on eng'
tt_wait_for '^> waiting on engineering'
tt_keys Enter
tt_wait_for 'Engineering bug reference:'
tt_keys -l 'BUG-77'
tt_keys Enter
tt_wait_for 'status is now waiting on engineering'
[ "$(tt_val "SELECT status || ' ' || bug_ref FROM tickets WHERE id = $id")" = 'waiting_engineering BUG-77' ] ||
	tt_fail "status and bug reference not stored"

# a change that needs no bug reference asks for none; Down and Up move
tt_keys s
tt_wait_for 'New status:'
tt_wait_for '^> in progress'
tt_keys Down
tt_wait_for '^> resolved'
tt_keys Up
tt_wait_for '^> in progress'
tt_keys Enter
tt_wait_for 'status is now in progress'
tt_refute 'bug reference'
[ "$(tt_val "SELECT status FROM tickets WHERE id = $id")" = in_progress ] ||
	tt_fail "status not changed to in_progress"

# Esc leaves the picker and changes nothing
tt_keys s
tt_wait_for 'New status:'
tt_keys Escape
tt_wait_gone 'New status:'
[ "$(tt_val "SELECT status FROM tickets WHERE id = $id")" = in_progress ] ||
	tt_fail "Esc changed the status"

# @: agents by display name, with their team; no pm, developer or inactive
tt_keys @
tt_wait_for 'Assign to:'
tt_wait_for '^> Dana Ruiz +Client Services'
tt_assert '^  Olga Other '
tt_assert '^  Pat Postgres '
tt_refute 'Paula Product|Devon Dev|Gina Gone'
tt_keys -l 'ruiz'
tt_keys Enter
tt_wait_for 'assigned to Dana Ruiz'
tt_refute 'assigned to dana'
tt_wait_for 'Assignee +Dana Ruiz'
[ "$(tt_val "SELECT a.login FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = $id")" = dana ] ||
	tt_fail "ticket not assigned to dana"
tt_keys Q
tt_wait_for 'tt-exit=0'
