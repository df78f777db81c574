#!/bin/sh
# A support engineer pastes a customer's 100 KB log into the intake
# form's Description: it shows within seconds, and the draft holds all of
# it. The form saved its draft (the whole form, written and renamed)
# after every key, and a paste is one key per character: 100,000 saves
# of up to 100 KB kept the form frozen for over a minute. The draft is
# now saved once the keys waiting are handled, before the screen shows
# them: a client killed right after still brings the whole paste back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'Queue'
tt_keys n
tt_wait_for 'Customer \*'
tt_keys Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 7/15'
tt_assert '^Description \*'

# 1,100 lines of 91 bytes, then the last one: 100,125 bytes
paste="$TT_STATE/paste.txt"
awk 'BEGIN { x = "x"; while (length(x) < 81) x = x "x"
             for (i = 1; i <= 1100; i++) printf "log %04d %s\n", i, x
             print "the last line of the log" }' >"$paste"
[ "$(wc -c <"$paste")" -ge 100000 ] || tt_fail "the paste is $(wc -c <"$paste") bytes, not 100 KB"
tmux_ load-buffer -b log "$paste"
tmux_ paste-buffer -p -b log -t tt
# seconds, not minutes (the default deadline is 10 s)
tt_wait_for 'the last line of the log'
tt_wait_for 'draft saved'

# killed without warning: the draft brings the whole paste back
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
tt_keys Tab Tab Tab Tab Tab Tab
tt_wait_for 'field 7/15'
tt_wait_for 'the last line of the log'
tt_assert 'log 1100'
# every line is there, in order
draft=$(ls "$TT_DRAFTS"/*.draft)
[ "$(grep -o 'log [0-9][0-9][0-9][0-9]' "$draft" | wc -l)" -eq 1100 ] ||
	tt_fail "the draft holds $(grep -o 'log [0-9][0-9][0-9][0-9]' "$draft" | wc -l) of the 1100 lines"
