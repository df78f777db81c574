#!/bin/sh
# The escalations view keeps the note or reason of a step that fails (here
# on a ticket row another session holds, until the lock timeout): the
# status line says first that the text is kept and which key sends it,
# then why it failed; the same key on the same escalation offers the text
# again in its prompt (after Esc too), and once the row is free Enter
# sends it. The text is kept per step and per ticket: the other
# escalation's prompts, and the other steps', start empty. Resolving and
# passing up (ask_text), and the hand-over's reason after its picker
# (hand_to_picked) are checked. Before, the prompt came back empty and
# the text was lost.
# needs: server timers (lock_timeout; skipped under libfaketime)
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
for a in "kept_csm1 csm" "kept_csm2 csm" "kept_coo coo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_csm_of kept_csm1 'Acme Media'
tt_tickets 2 2 "Kept"
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel') FROM tickets ORDER BY id" >/dev/null
first=$(tt_val "SELECT min(id) FROM tickets")
second=$(tt_val "SELECT max(id) FROM tickets")
conf=$(mktemp)
# a short wait keeps the test brisk
printf 'database = { lock_timeout_ms = 1500; };\n' > "$conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT

# the note of a resolve, the reasons of a pass-up and a hand-over
state() {
	tt_val "SELECT e.state || '|' || coalesce(e.resolution_note, '') FROM escalations e
	         WHERE e.ticket_id = $1 ORDER BY e.id DESC LIMIT 1"
}

TT_ENV="TICKETTY_CONFIG=$conf" tt_start "--db='dbname=$TT_DB user=kept_csm1'"
tt_wait_for 'Kept 0001'
tt_keys 2
tt_wait_for 'CSM \(2\)'
tt_wait_for "^#$first Kept 0001"

# another session holds both tickets' rows
tt_hold "SELECT id FROM ticketty.tickets FOR UPDATE"

# a resolution note that waits for the lock and fails is kept
tt_keys r
tt_wait_for '^Resolution note: *$'
tt_keys -l 'Customer agreed the workaround'
tt_keys Enter
tt_wait_for '^ticket [0-9]+ is (held by [^:]+|being changed in anoth)'
# in full (the status line ends in '(more: :messages)' at 80 columns):
# first why it failed, then that it is kept and the key that sends it
tt_messages_open
joined=$(tt_screen_text)
case "$joined" in
*"Messages, newest first text kept"*) tt_fail "the newest message does not say why first" ;;
*"Messages, newest first "?*"; text kept: r sends it "*) ;;
*) tt_fail "the newest message does not say why, then that the text is kept: $joined" ;;
esac
tt_keys q
tt_wait_for "^#$first Kept 0001"
[ "$(state "$first")" = "open|" ] || tt_fail "escalation of #$first: $(state "$first")"
# r offers it again; Esc leaves it kept
tt_keys r
tt_wait_for '^Resolution note: Customer agreed the workaround *$'
tt_keys Escape
tt_wait_gone '^Resolution note:'
tt_wait_for '\(unsent text kept\)'
tt_keys r
tt_wait_for '^Resolution note: Customer agreed the workaround *$'
tt_keys Escape
tt_wait_gone '^Resolution note:'

# not on the other escalation, nor for another step
tt_keys j
tt_wait_for "^#$second Kept 0002"
tt_refute '\(unsent text kept\)'
tt_keys r
tt_wait_for '^Resolution note: *$'
tt_keys Escape
tt_wait_gone '^Resolution note:'
tt_keys u
tt_wait_for '^Reason to pass it up: *$'
tt_keys -l 'Beyond my authority'
tt_keys Enter
tt_wait_for '^ticket [0-9]+ is (held by [^:]+|being changed in anoth)'
[ "$(state "$second")" = "open|" ] || tt_fail "escalation of #$second: $(state "$second")"
tt_keys u
tt_wait_for '^Reason to pass it up: Beyond my authority *$'
tt_keys Escape
tt_wait_gone '^Reason to pass it up:'
# the hand-over's reason, after its picker
tt_keys h
tt_wait_for 'Hand over to:'
tt_keys -l 'csm2'
tt_keys Enter
tt_wait_for '^Reason for the hand-over: *$'
tt_keys -l 'On leave until Monday'
tt_keys Enter
tt_wait_for '^ticket [0-9]+ is (held by [^:]+|being changed in anoth)'
tt_keys h
tt_wait_for 'Hand over to:'
tt_keys -l 'csm2'
tt_keys Enter
tt_wait_for '^Reason for the hand-over: On leave until Monday *$'
tt_keys Escape
tt_wait_gone '^Reason for the hand-over:'
tt_keys k
tt_wait_for "^#$first Kept 0001"
tt_keys u
tt_wait_for '^Reason to pass it up: *$'
tt_keys Escape
tt_wait_gone '^Reason to pass it up:'

# the rows are free again: the same key sends the kept text
tt_release
tt_keys r
tt_wait_for '^Resolution note: Customer agreed the workaround *$'
tt_keys Enter
tt_wait_for "#$first: escalation resolved at level CSM"
[ "$(state "$first")" = "resolved|Customer agreed the workaround" ] ||
	tt_fail "escalation of #$first: $(state "$first")"
tt_wait_for "^#$second Kept 0002"
tt_keys u
tt_wait_for '^Reason to pass it up: Beyond my authority *$'
tt_keys Enter
tt_wait_for "#$second: escalation passed up to COO"
[ "$(tt_val "SELECT count(*) FROM escalations WHERE ticket_id = $second AND level = 1
              AND state = 'passed_up' AND resolution_note = 'Beyond my authority'")" = 1 ] ||
	tt_fail "the pass-up reason was not stored: $(tt_val "SELECT level, state, resolution_note FROM escalations WHERE ticket_id = $second")"
tt_keys Q
tt_wait_for 'tt-exit=0'
