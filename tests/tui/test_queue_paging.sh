#!/bin/sh
# Paging through more than three screens of tickets by keyset: page down
# to the end, G and g, line scrolling past the bottom, page up to the start.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 100 3 "T"

# The first row of the list (line 3: title, header, rows).
first_row() {
	tt_screen | sed -n 3p
}
tt_start
# 80x24: title, header, 19 rows, two detail lines, status line
tt_wait_for 'T 0001'
tt_assert 'T 0019'
tt_refute 'T 0020'
tt_keys PageDown
tt_wait_for 'T 0038'
tt_assert 'T 0020'
tt_refute 'T 0019'
tt_keys PageDown
tt_wait_for 'T 0057'
tt_keys C-f
tt_wait_for 'T 0076'
tt_keys PageDown
tt_wait_for 'T 0095'
# less than a screen is left: the last screenful is shown
tt_keys PageDown
tt_wait_for 'T 0100'
tt_assert 'T 0082'
tt_assert '\(end\)'
# PageDown at the end keeps the last screenful: a key that does nothing
# follows it, and once its message shows the PageDown was handled too
tt_keys PageDown z
tt_wait_for 'key z does nothing here'
first_row | grep -q 'T 0082' || tt_fail "PageDown at the end moved the list: $(first_row)"
tt_assert 'T 0100'
tt_keys PageUp
tt_wait_for 'T 0063'
tt_refute 'T 0100'
tt_keys g
tt_wait_for 'T 0001'
tt_assert '\(top\)'
tt_keys G
tt_wait_for 'T 0100'
tt_refute 'T 0081'
tt_keys g
tt_wait_for 'T 0001'
# moving down past the last visible row scrolls by one line
for i in $(seq 1 19); do tt_keys j; done
tt_wait_for 'T 0020'
tt_refute 'T 0001'
tt_wait_for '#20( |$)'
for i in $(seq 1 19); do tt_keys k; done
tt_wait_for 'T 0001'
tt_wait_for '#1( |$)'
# back to the start page by page
tt_keys G
tt_wait_for 'T 0100'
for i in 1 2 3 4 5; do tt_keys PageUp; done
tt_wait_for 'T 0001'
tt_assert '\(top\)'
tt_keys Q
tt_wait_for 'tt-exit=0'
