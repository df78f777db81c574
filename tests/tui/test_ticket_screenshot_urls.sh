#!/bin/sh
# Screenshot URLs in the ticket view at 80x24: a URL too long for the
# value's column starts a line of its own at the margin, whole (it broke
# at a hyphen under the value before, and a terminal then saw two
# halves); one longer than the whole line is cut only where the line is
# full, never at its hyphens; a short one stays under the value.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 1 3 "Shots"
long='https://cdn.example.com/tickets/acme/ad-render-broken-on-the-sports-page-1.png'
huge='https://cdn.example.com/tickets/acme-media/screens/ad-render-broken-on-the-sports-section-front-page-2.png'
short='https://x.example/a-b.png'
tt_sql "UPDATE tickets SET screenshots = ARRAY['$long', '$huge', '$short']" >/dev/null
[ ${#long} -gt 58 ] && [ ${#long} -le 79 ] || tt_fail "the long URL is ${#long} characters"
[ ${#huge} -gt 80 ] || tt_fail "the huge URL is ${#huge} characters"

tt_start
tt_wait_for 'Shots 0001'
tt_keys Enter
tt_wait_for '^Description'
tt_keys /
tt_keys -l 'Screenshots'
tt_keys Enter
tt_wait_for '^Screenshots'
screen=$(tt_screen)
# the label alone, then the long URL whole at the margin with its comma
printf '%s\n' "$screen" | grep -qx 'Screenshots' || tt_fail "the label does not stand alone"
printf '%s\n' "$screen" | grep -qx "$long," || tt_fail "the long URL is not whole on its own line"
# the huge one: cut where the line is full (80 cells), the rest below
first=$(printf '%s' "$huge," | cut -c1-80)
rest=$(printf '%s' "$huge," | cut -c81-)
printf '%s\n' "$screen" | grep -qx "$first" || tt_fail "the huge URL is not cut at 80 cells"
printf '%s\n' "$screen" | grep -qx "$rest" || tt_fail "the huge URL's rest is not on the next line"
# the short one under the value
printf '%s\n' "$screen" | grep -qx " \{22\}$short" || tt_fail "the short URL is not under the value"
# no line of the section ends at a hyphen
printf '%s\n' "$screen" | grep -q -- '-$' && tt_fail "a line ends at a hyphen"
width=$(printf '%s\n' "$screen" | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
