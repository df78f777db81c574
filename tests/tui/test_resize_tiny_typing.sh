#!/bin/sh
# Typing on while the terminal is too small (a split pane squeezed to
# 20x5 or 40x10 for a moment): the keys go to the open prompt or form
# once the terminal is big enough again, in the order typed, and a q or
# Q among them is a letter. Before, every key typed on the "terminal too
# small" screen was dropped and a q or Q quit ticketty at once, so the
# escalation reason being typed ("... quite upset") was lost with the
# session. The small screen says which: "what you type is kept" with
# text open, "press Q to quit" without.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 2 "Tiny"
tt_sql "INSERT INTO agents (login, display_name, role) VALUES ('csm1', 'Cass Csm', 'csm');
        UPDATE customers SET csm_id = (SELECT id FROM agents WHERE login = 'csm1')"
tt_start
tt_wait_for 'Tiny 0001'

# a prompt: the reason to escalate
tt_keys Enter
tt_wait_for '#1 +Tiny 0001'
tt_keys e
tt_wait_for 'Reason to escalate:'
tt_keys -l "The customer is"
tt_wait_for 'Reason to escalate: The customer is'
tt_resize 20 5
tt_wait_for 'too small'
tt_keys -l " quite upset: Q1"
tt_resize 80 10
tt_wait_for 'enlarge the window: what you type is kept'
tt_keys -l " now"
tt_refute 'tt-exit='
tt_resize 80 24
tt_wait_for 'Reason to escalate: The customer is quite upset: Q1 now$'
tt_keys Enter
tt_wait_for 'escalated to level 1'
[ "$(tt_val "SELECT reason FROM escalations WHERE ticket_id = 1")" = "The customer is quite upset: Q1 now" ] ||
	tt_fail "the reason stored is not the one typed: $(tt_val "SELECT reason FROM escalations")"

# a form: the intake form's customer choice and title
tt_keys q
tt_wait_for '\[Queue\]'
tt_keys n
tt_wait_for 'Customer \*'
tt_resize 40 10
tt_wait_for 'too small'
tt_keys -l "acme"
tt_resize 80 24
tt_wait_for 'Acme Media +premium'
tt_keys Enter
tt_wait_for 'Carla Contact <carla'
tt_keys Enter
intake_type "ad serv" 'Ad serving issue'
tt_keys Enter
intake_type "bug" '^ +Bug'
tt_keys Enter
intake_type "3" '3 High'
tt_keys Enter
intake_type "Quiet" 'Title \* +Quiet'
tt_resize 20 5
tt_wait_for 'too small'
tt_keys -l " queue, quick Q"
tt_resize 80 24
tt_wait_for 'Title \* +Quiet queue, quick Q'
grep -rq 'Quiet queue, quick Q' "$TT_DRAFTS" || tt_fail "the draft lost the typed text"

# with nothing being typed, Q on the small screen still quits
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys y
tt_wait_for '\[Queue\]'
tt_resize 80 10
tt_wait_for 'enlarge the window, or press Q to quit'
tt_keys Q
tt_wait_for 'tt-exit=0'
exit 0
