#!/bin/sh
# SLA figures in words at 80x24 (issue 17): business time in business
# days and hours of the calendar's 9-hour opening day ("5 business days",
# "2 d 3 h business", never "1d21h"), round-the-clock time (severity 1)
# saying so, on the queue's detail line and in the ticket view's
# deadlines; the same in Spanish.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
# Wednesday 2026-11-18 20:00 in New York, after closing: business clocks
# stand still, round-the-clock ones run (the pin is frozen; the client
# counts down by its monotonic clock)
tt_clock '2026-11-19 01:00+00' frozen
# severity 1, created 19:15: first response in 15 minutes round the clock
tt_ticket_at 1 'Emergency words' '2026-11-19 00:15+00'
# severity 3, created Wed 12:00 and acknowledged: resolution (3 business
# days = 27 business hours) has 27 - 6 = 21 left = 2 d 3 h business
tt_ticket_at 3 'High words' '2026-11-18 17:00+00'
# severity 4, created 19:00 and acknowledged: resolution 5 business days
# from Thursday's opening (45 business hours, which read "1d21h" before)
tt_ticket_at 4 'Medium words' '2026-11-19 00:00+00'
tt_sql "UPDATE tickets SET acknowledged_at = created_at + interval '1 minute', status = 'in_progress'
         WHERE severity IN (3, 4)"

fits80() {
	width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
}

tt_start
tt_wait_for 'Medium words'
# the narrow column: business days of the calendar, compact
tt_assert '^ +2 3 High +ok 2d3h +working .*High words'
tt_assert '^ +3 4 Med +ok 5d +working .*Medium words'
tt_refute '1d21h|45h'
# the selected row's figure in words on the detail line
tt_assert '^new · SLA ok 1[45] minutes round the clock · Acme Media'
tt_keys j
tt_wait_for '^in progress · SLA ok 2 d 3 h business · Acme Media'
tt_keys j
tt_wait_for '^in progress · SLA ok 5 business days · Acme Media'
fits80
# the ticket view's deadlines on their own clocks
tt_keys Enter
tt_wait_for '^Resolution +due Wed Nov 25 18:00 EST · in 5 business days$'
fits80
tt_keys q
tt_wait_for '^in progress · SLA ok 5 business days'
tt_keys k k Enter
tt_wait_for 'Emergency words'
tt_wait_for '^First response +due Wed Nov 18 20:15 EST · in 1[45] minutes round the clock'
tt_assert '^Resolution +due Thu Nov 19 03:15 EST · in 7 h [0-9]+ min round the clock'
fits80
tt_keys Q
tt_wait_for 'tt-exit=0'

# Spanish
tt_keys "clear; (LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; export LANG LC_ALL; exec_tt)" Enter
tt_wait_for 'Medium words'
tt_assert '^ +2 3 Alta +2d3h +en curso .*High words'
tt_assert '^ +3 4 Media +5d +en curso .*Medium words'
tt_assert '^nuevo · ANS en plazo 1[45] minutos naturales · Acme Media'
tt_keys j
tt_wait_for '^en curso · ANS en plazo 2 d 3 h hábiles · Acme Media'
tt_keys j
tt_wait_for '^en curso · ANS en plazo 5 días hábiles · Acme Media'
fits80
tt_keys Enter
tt_wait_for '^Resolución +vence .* · en 5 días hábiles$'
fits80
tt_keys Q
tt_wait_for 'tt-exit=0'
