#!/bin/sh
# The escalations pane at 80x24 puts each step's reason on lines of its
# own, under who holds it (a reason then starts at the same column for
# every escalation, which keeps a cursor move's bytes down over a slow
# link), but only when the whole chain fits that way: a chain of three
# long reasons would lose the last lines, so each step's reason then
# follows its holder on the same line, and every reason still reads in
# full (issue 17).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
for a in "fits_csm csm" "fits_coo coo" "fits_ceo ceo"; do
	set -- $a
	tt_role "$1" "$2"
	tt_agent "$1" "$2"
done
tt_csm_of fits_csm 'Acme Media'
tt_tickets 2 2 "Pane"
first=$(tt_val "SELECT min(id) FROM tickets")
second=$(tt_val "SELECT max(id) FROM tickets")
r1='Placements of the whole account stay blank since Monday and the agency counts the lost revenue'
r2='Engineering gives no date and the customer asks for a service credit beyond what a CSM may offer'
r3='The customer announced a move of the whole budget to a competitor at the end of the month unless'
tt_sql "SELECT api_escalate($first, '$r1')" >/dev/null
tt_sql "SET SESSION AUTHORIZATION fits_csm; SELECT api_escalation_up($first, '$r2')" >/dev/null ||
	tt_fail "cannot pass the escalation up to the COO"
tt_sql "SET SESSION AUTHORIZATION fits_coo; SELECT api_escalation_up($first, '$r3')" >/dev/null ||
	tt_fail "cannot pass the escalation up to the CEO"
tt_sql "SELECT api_escalate($second, 'Short reason')" >/dev/null

tt_start
tt_wait_for 'Pane 0001'
tt_keys 2
tt_wait_for 'CEO \(1\)'
tt_wait_for "^#$first Pane 0001"
# three steps of two-line reasons do not fit apart: each reason follows
# its holder, and all three read in full
joined=$(tt_screen | tr -s ' \n' '  ')
for r in "$r1" "$r2" "$r3"; do
	case "$joined" in
	*"$r"*) ;;
	*) tt_fail "a reason is not shown in full: $r" ;;
	esac
done
tt_assert '^CEO +Fits Ceo: The customer announced'
tt_assert '^CSM +Fits Csm \[[^],]+\] by [^:]+: Placements'
# one short step fits apart: the reason on the line below its holder
tt_keys G
tt_wait_for "^#$second Pane 0002"
tt_screen | grep -A1 -E '^CSM +Fits Csm by [^:]+:$' | tail -n 1 | grep -Eq '^ +Short reason$' ||
	tt_fail "the short chain's reason is not on the line below its holder"
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
