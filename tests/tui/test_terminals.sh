#!/bin/sh
# The TUI starts and is usable on every common TERM, leaves the terminal
# sane after Q, and an unknown TERM exits with a one-line hint.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 5 3 "Term"

base_sock=$TT_SOCK
for term in xterm xterm-256color screen screen-256color tmux-256color linux vt100; do
	TT_TERM=$term
	TT_SOCK="$base_sock-$term"
	# on the Linux console ncurses opens the GPM mouse library and closes
	# it again; under LeakSanitizer what it keeps is recognised
	# (tests/lsan.supp) only with full stacks
	TT_ENV=""
	[ "$term" = linux ] && [ -n "${LSAN_OPTIONS:-}" ] &&
		TT_ENV="LSAN_OPTIONS=$LSAN_OPTIONS:fast_unwind_on_malloc=0"
	tt_start
	tt_wait_for 'Term 0001'
	tt_keys j
	tt_keys Enter
	# the ticket view of the second row (both titles show in the queue too)
	tt_wait_for '^#2 +Term 0002'
	tt_keys q
	tt_wait_for 'Term 0005'
	tt_keys Q
	tt_wait_for 'tt-exit=0'
	[ "$(tt_pane '#{alternate_on}')" = 0 ] || tt_fail "$term: still on the alternate screen"
	[ "$(tt_pane '#{cursor_flag}')" = 1 ] || tt_fail "$term: cursor hidden after exit"
	tmux_ kill-server >/dev/null 2>&1
done

TT_ENV=""
TT_TERM=no-such-terminal-xyz
TT_SOCK="$base_sock-unknown"
tt_start
tt_wait_for 'tt-exit=78'
# one message (wrapped at 80 columns) naming the TERM and what to do; the
# shell's own `clear` complains on its line before it, which is not ours
tt_assert "ticketty: unknown terminal type 'no-such-terminal-xyz': set TERM"
msg=$(tt_screen | sed -n '/^ticketty: unknown terminal/,/^tt-exit/p' | grep -vc '^tt-exit')
[ "$msg" -le 2 ] || tt_fail "the hint is more than one line ($msg screen rows)"
[ "$(tt_pane '#{alternate_on}')" = 0 ] || tt_fail "unknown TERM left the alternate screen on"
tt_keys -l 'echo sane-$((1 + 1))'
tt_keys Enter
tt_wait_for 'sane-2'
