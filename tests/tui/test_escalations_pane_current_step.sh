#!/bin/sh
# The escalations pane at 80x24 when even a step a line cannot hold the
# whole chain (three reasons of three lines each in eight rows): the
# current step, the one the CEO acts on, reads in full and the steps
# before it are cut with an ellipsis. (The pane drew the chain oldest
# first until its rows ran out, so the CEO's own step was not shown at
# all, and nothing said that anything was missing.)
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
for a in "cut_csm csm" "cut_coo coo" "cut_ceo ceo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_csm_of cut_csm 'Acme Media'
tt_tickets 1 2 "Long chain"
id=$(tt_val "SELECT min(id) FROM tickets")
long='the agency counts the lost revenue every hour, has told its board and asks for a written plan with dates from engineering and a service credit for the whole outage week'
tt_sql "SELECT api_escalate($id, 'Placements stay blank since Monday; $long')" >/dev/null
tt_sql "SET SESSION AUTHORIZATION cut_csm; SELECT api_escalation_up($id, 'No date from engineering; $long')" \
	>/dev/null || tt_fail "cannot pass the escalation up to the COO"
tt_sql "SET SESSION AUTHORIZATION cut_coo; SELECT api_escalation_up($id, 'Budget moves to a competitor; $long; the CEO must call them today')" \
	>/dev/null || tt_fail "cannot pass the escalation up to the CEO"

tt_start
tt_wait_for 'Long chain 0001'
tt_keys 2
tt_wait_for 'CEO \(1\)'
tt_wait_for "^#$id Long chain 0001"
# the current step, whole: from its holder to the last words of its reason
tt_assert '^CEO +Cut Ceo: Budget moves to a competitor'
joined=$(tt_screen | tr -s ' \n' '  ')
case "$joined" in
*"Budget moves to a competitor; $long; the CEO must call them today"*) ;;
*) tt_fail "the CEO's step is not shown in full" ;;
esac
# the steps before it: each named, its reason cut with an ellipsis
tt_assert '^CSM +Cut Csm \[[^],]+\] by [^:]+: Placements stay blank'
tt_assert '^COO +Cut Coo \[[^]]+\]: No date from engineering'
tt_screen | grep -Eq '…$' || tt_fail "a cut reason does not say it is cut"
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
