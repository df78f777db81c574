#!/bin/sh
# Typed text is never lost: a resize in the middle of typing keeps it, a
# killed client's draft comes back on the next n, Esc offers to keep the
# draft, and a submit during a database outage keeps the form and goes
# through once the server is back, without a duplicate.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'ticketty'
tt_keys n
tt_wait_for 'Customer \*'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/15'
intake_type "Résumé 日本 half" 'Résumé 日本 half'
tt_resize 100 30
tt_wait_for 'field 6/15'
intake_type " and the rest" 'Résumé 日本 half and the rest'
tt_resize 70 18
tt_wait_for 'Title \* +Résumé 日本 half and the rest'
tt_resize 80 24
tt_keys Tab
intake_type "Line one ünïcode" 'Line one ünïcode'

# kill the client without warning: the draft must bring everything back
pid=$(tt_pid)
[ -n "$pid" ] || tt_fail "no ticketty process"
kill -KILL "$pid"
deadline=$(( $(date +%s) + TT_TIMEOUT ))
while [ -n "$(tt_pid)" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && tt_fail "the killed client is still there"
	sleep 0.05
done
tt_wait_for 'tt-shell'
tt_keys "stty sane; clear; exec_tt" C-j
tt_wait_for 'Queue'
tt_keys n
tt_wait_for 'restored the unsent draft'
tt_wait_for 'Résumé 日本 half and the rest'   # the status line may be painted before the fields
tt_assert 'Line one ünïcode'

# Esc asks; keeping it brings it back again
tt_keys Escape
tt_wait_for 'Keep the draft for later'
tt_keys Enter
tt_wait_for 'draft kept'
tt_keys n
tt_wait_for 'restored the unsent draft'
tt_wait_for 'Résumé 日本 half and the rest'   # the status line may be painted before the fields

# complete the form, then submit while the database is down
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys n   # one key answers
tt_wait_for 'draft discarded'
[ -z "$(ls "$TT_DRAFTS" 2>/dev/null)" ] || tt_fail "discarded draft still on disk"
tt_keys n
tt_wait_for 'Customer \*'
tt_refute 'restored'
intake_fill "Outage ticket"
if [ -n "${PGTMP_DIR:-}" ]; then
	TT_PG_DOWN=1
	sh "$(dirname "$0")/../lib/pgtmp.sh" kill "$PGTMP_DIR"
	tt_keys C-s
	tt_wait_for 'unreachable|unavailable'
	tt_assert 'New ticket'
	tt_assert 'Linux 6.1'
	sh "$(dirname "$0")/../lib/pgtmp.sh" startagain "$PGTMP_DIR"
	TT_PG_DOWN=""
	# the client reconnects on its own and sends the held-back form
	TT_TIMEOUT=40 tt_wait_for 'new +Acme Media .*Outage ticket'
	tt_assert 'Queue'
	# a second submit of the same form would not create a second ticket either
	n=$(intake_val "SELECT count(*) FROM tickets WHERE title = 'Outage ticket'")
	[ "$n" = 1 ] || tt_fail "expected one ticket, found $n"
else
	tt_keys C-s
	tt_wait_for 'ticket #[0-9]+ created'
fi
tt_keys Q
tt_wait_for 'tt-exit=0'
