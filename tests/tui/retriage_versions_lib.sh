# The re-triage of a ticket filed before intake wanted version numbers
# (520), in the test's language (sourced after lib.sh; $1..: the texts the
# screen shows in that language, see the two tests): a re-triage of its
# title goes through although its browser and OS carry no version; one of
# its browser to "Chrome" is refused on the browser field saying why, and
# "Chrome 131" is then stored, the OS left as it was.
retriage_versions() {
	title_changed=$1 browser_refused=$2 one_refusal=$3 field_15=$4 field_7=$5 done_re=$6
	# field_1_re: the re-triage's reason field, set by the caller
	tt_db_create
	tt_fixture
	tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
	tt_tickets 1 3 "Blank"
	tt_sql "UPDATE tickets SET browser = 'Firefox', os = 'Windows'"
	id=$(tt_val "SELECT id FROM tickets")
	tt_start
	tt_wait_for 'Blank 0001'
	tt_keys Enter
	tt_wait_for "^#$id +Blank 0001"

	# the title alone: stored, the old browser and OS do not stand in the way
	tt_keys E
	tt_wait_for "$field_1_re"
	tt_keys -l 'clearer title'
	tt_keys Tab Tab Tab Tab Tab Tab
	tt_wait_for "$field_7"
	tt_keys C-u
	tt_keys -l 'Blank placements'
	tt_wait_for "$title_changed"
	tt_keys C-s
	tt_wait_for "$done_re"
	[ "$(tt_val "SELECT title || '|' || browser || '|' || os FROM tickets")" = "Blank placements|Firefox|Windows" ] ||
		tt_fail "the title's re-triage was not stored"

	# the browser without a version: refused on its field, saying why
	tt_keys E
	tt_wait_for "$field_1_re"
	tt_keys -l 'customer uses Chrome'
	tt_keys Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab Tab
	tt_wait_for "$field_15"
	tt_keys C-u
	tt_keys -l 'Chrome'
	tt_keys C-s
	tt_wait_for "$one_refusal"
	intake_flat | grep -qF -- "$browser_refused" || tt_fail "the browser's refusal does not say why: $(tt_screen)"
	[ "$(tt_val "SELECT browser || ' ' || version FROM tickets")" = "Firefox 2" ] ||
		tt_fail "a browser without a version was stored"
	tt_keys -l ' 131'
	tt_keys C-s
	tt_wait_for "$done_re"
	[ "$(tt_val "SELECT browser || '|' || os || '|' || version FROM tickets")" = "Chrome 131|Windows|3" ] ||
		tt_fail "the browser with a version was not stored"
	tt_keys Q
	tt_wait_for 'tt-exit=0'
}
