#!/bin/sh
# A reason refused because the ticket's escalation is someone else's
# (TT409 from api_escalate: "already escalated to level 1 (held by
# ...)") is refused for that, in words, at 80x24: the status line starts
# with the server's reason (whole in :messages: who holds it, who may
# pass it up), the text is kept for e. Before, every TT409
# the ticket view met was said as a stale edit, "ticket N was changed
# meanwhile (:messages says how)": the engineer looked for a change that
# nobody made, while the ticket waited on the escalation's holder. A
# real stale edit still says "changed meanwhile" (test_ticket_view).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role teh_csm csm
tt_agent teh_csm csm 'Cora Csm'
tt_csm_of teh_csm 'Acme Media'
tt_tickets 1 2 "Held esc"
id=$(tt_val "SELECT min(id) FROM tickets")
# the CSM escalated it: level 1 is hers
env -u TICKETTY_CONFIG "$TICKETTY_BIN" --db "dbname=$TT_DB user=teh_csm" escalate "$id" \
	--reason 'Account at risk' >/dev/null 2>&1 || tt_fail "the CSM could not escalate"

tt_start
tt_wait_for 'Held esc 0001'
tt_keys Enter
tt_wait_for '^Description'
tt_keys e
tt_wait_for 'Reason to escalate:'
tt_keys -l 'The customer threatens to leave'
tt_keys Enter
tt_wait_for "^ticket $id is already escalated to level 1.*; text kept: e sends it"
tt_refute 'changed meanwhile'
# the line still says nothing was lost (:messages has it whole)
tt_messages_open
msgs=$(tt_screen_text)
echo "$msgs" | grep -q 'already escalated to level 1 (held by Cora Csm); only its holder or a higher level may pass it up; text kept: e sends it' ||
	tt_fail "the kept text is not said: $msgs"
echo "$msgs" | grep -q 'changed meanwhile' && tt_fail "said as a stale edit: $msgs"
tt_keys q
tt_wait_for '^Description'
tt_keys e
tt_wait_for '^Reason to escalate: The customer threatens to leave'
tt_keys Escape
tt_keys Q
tt_wait_for 'tt-exit=0'
