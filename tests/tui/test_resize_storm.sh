#!/bin/sh
# A resize storm while typing in the intake form (200x50 -> 20x8 -> 80x24,
# ten times within about two seconds) keeps every typed character and the
# focus on the same field; typing goes on where it stopped.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'Acme Media|Queue'
tt_keys n
tt_wait_for 'Customer \*'
intake_type "acme" 'Acme Media +premium'
tt_keys Enter
tt_wait_for 'Carla Contact <carla'
tt_keys Enter
intake_type "ad serv" 'Ad serving issue'
tt_keys Enter
intake_type "bug" '^ +Bug'
tt_keys Enter
intake_type "3" '3 High'
tt_keys Enter
intake_type "Stormy tïtle 日本" 'Stormy tïtle 日本'

i=0
while [ $i -lt 10 ]; do
	tt_resize 200 50
	tt_resize 20 8
	tt_resize 80 24
	i=$((i + 1))
done
tt_wait_for 'Stormy tïtle 日本'
# the focus is still on the title: more typing lands after the text
tt_keys -l " calm"
tt_wait_for 'Stormy tïtle 日本 calm'
# and the draft on disk holds the text as well
grep -rq 'Stormy tïtle 日本 calm' "$TT_DRAFTS" || tt_fail "the draft lost the typed text"
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys y   # one key answers
tt_keys Q
tt_wait_for 'tt-exit=0'
