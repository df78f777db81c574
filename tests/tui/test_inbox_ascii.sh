#!/bin/sh
# The inbox view under LANG=C: the detail's parts are set apart by " | "
# (" · 1 file" reached the terminal as "<U+00B7>"), the time of receipt
# with its zone, and no byte outside ASCII on the screen.
TT_LANG=C
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
inbox_mail 'Carla Contact <carla1@example.com>' 'Blank placements' 'Every placement renders blank.' | inbox_receive
tt_start
tt_wait_for 'ticketty'
tt_keys 3
tt_wait_for 'Blank placements'
tt_assert '^Customer: +Acme Media / Carla Contact \| 1 file$'
tt_assert '^State: +in the inbox \| received Wed Nov 18 10:00 EST$'
tt_refute 'U\+00B7'
if tt_screen | LC_ALL=C grep -q "$(printf '[\200-\377]')"; then
	tt_fail "non-ASCII bytes on a LANG=C screen"
fi
tt_keys Q
tt_wait_for 'tt-exit=0'
