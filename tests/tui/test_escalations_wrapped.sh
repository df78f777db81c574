#!/bin/sh
# Escalations at 80x24 (issue 17): the detail pane shows the reason the
# ticket reached the lead and every step of the chain in full, word-wrapped
# with a hanging indent (no word broken), in English and in Spanish.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
for a in "wrap_tui_csm csm" "wrap_tui_coo coo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_csm_of wrap_tui_csm 'Acme Media'
tt_tickets 1 2 "Blank creatives"
why='The problem blocks every campaign of the customer since Monday morning and their agency threatens to move the whole account to a competitor by Friday unless it is fixed'
up='Beyond what I may promise: they ask for a service credit covering the whole outage week'
tt_sql "SELECT api_escalate(id, '$why') FROM tickets" >/dev/null
tt_sql "SET SESSION AUTHORIZATION wrap_tui_csm; SELECT api_escalation_up(id, '$up') FROM tickets" >/dev/null ||
	tt_fail "cannot pass the escalation up"

check() {
	# the last words of both reasons are on screen: nothing is cut
	# the screen's text with its line breaks and indents as single spaces
	joined=$(tt_screen | tr -s ' \n' '  ')
	case "$joined" in
	*"$why"*) ;;
	*) tt_fail "the first reason is not shown in full" ;;
	esac
	case "$joined" in
	*"$up"*) ;;
	*) tt_fail "the reason to pass it up is not shown in full" ;;
	esac
	# no word split at the line end: every wrapped line ends on a whole word
	tt_refute 'compe$|competito$|ser$|outa$'
	width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
}

tt_start
tt_wait_for 'Blank creatives 0001'
tt_keys 2
tt_wait_for 'COO \(1\)'
tt_wait_for 'by Pat Postgres:'
check
# continuation lines hang in under the text they continue (after "CSM ")
tt_assert '^    [a-z]'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Blank creatives 0001'
tt_keys 2
tt_wait_for 'por Pat Postgres:'
check
tt_keys Q
tt_wait_for 'tt-exit=0'
