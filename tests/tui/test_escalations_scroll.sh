#!/bin/sh
# More escalations than fit in 80x24: the list scrolls with the cursor and
# keeps each level's header in view when moving into it, the detail pane
# follows the selection, the level filter cycles CEO -> COO -> CSM -> all,
# hostile text is shown escaped, and Enter asks for the ticket view.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role esc_tui_csm csm
tt_agent esc_tui_csm csm 'Cora Csm'
tt_agent olga_coo coo 'Otto Coo'
tt_csm_of esc_tui_csm
tt_tickets 20 3 "Esc"
tt_sql "UPDATE tickets SET title = E'Evil \\x1b[31m red' WHERE title = 'Esc 0020'"
tt_sql "SELECT api_escalate(id, 'reason ' || title) FROM tickets ORDER BY id" >/dev/null
# the CSM hands the first three to the COO (the agent postgres is an engineer)
tt_sql "SET SESSION AUTHORIZATION esc_tui_csm;
        SELECT api_escalation_up(id, 'up ' || id) FROM tickets WHERE title IN ('Esc 0001', 'Esc 0002', 'Esc 0003')" >/dev/null

tt_start
tt_wait_for 'Esc 0001'
tt_keys 2
tt_wait_for 'COO \(3\)'
tt_assert 'CSM \(17\)'
tt_assert '20 open escalations'
tt_assert 'reason Esc 0001'
# to the last one: the evil title is drawn escaped, never as an escape
tt_keys G
tt_wait_for 'Evil \^\[\[31m red'
tt_refute 'COO \(3\)'
tt_screen | grep -q "$(printf '\033')" && tt_fail "raw escape on screen"
# back to the top: the COO header is visible again
tt_keys g
tt_wait_for 'COO \(3\)'
tt_wait_for '#1 Esc 0001'
tt_keys j j j
tt_wait_for '#4 Esc 0004'
tt_assert 'CSM \(17\)'
# level filter: CEO (none), COO, CSM, all
tt_keys l
tt_wait_for '0 open escalations, level CEO'
tt_keys l
tt_wait_for '3 open escalations, level COO'
tt_refute 'CSM \('
tt_keys l
tt_wait_for '17 open escalations, level CSM'
tt_keys l
tt_wait_for '20 open escalations'
# the help lists this view's keys in its own words
tt_keys '?'
tt_wait_for 'Keys of the Escalations view'
tt_assert 'a +acknowledge the escalation$'
tt_assert 'u, e +pass the escalation up one level'
tt_assert 'l +show every level, then only CEO, COO, CSM'
tt_keys q
tt_wait_for '20 open escalations'
# Enter opens the ticket view (in a build without it, the status line says so)
tt_keys Enter
tt_wait_for 'the ticket view is not available in this build|ticketty │ Ticket'
tt_keys Q
tt_wait_for 'tt-exit=0'
