#!/bin/sh
# Colour is optional: with --no-color (or NO_COLOR) no colour escape
# sequences reach the terminal, the selection is in reverse video and the
# severity/SLA state still read as text; with colour, colours are used.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_tickets 3 1 "Mono"
# colour codes: SGR 30-37/40-47/90-97/100-107 or 38;5/48;5 (256 colours)
colour_re='\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'

tt_start --no-color
tt_wait_for 'Mono 0001'
tmux_ capture-pane -e -p -t tt >"${TMPDIR:-/tmp}/tt-mono-$$"
if grep -Eq "$colour_re" "${TMPDIR:-/tmp}/tt-mono-$$"; then
	rm -f "${TMPDIR:-/tmp}/tt-mono-$$"
	tt_fail "colour escapes with --no-color"
fi
grep -q "$(printf '\033')\[7m" "${TMPDIR:-/tmp}/tt-mono-$$" || tt_fail "no reverse video selection"
rm -f "${TMPDIR:-/tmp}/tt-mono-$$"
# severity and SLA state as text: first response due in 1 h, past 80%
tt_assert '^ +1 1 Crit +! 1h +new +Acme Media +Mono 0001'
tt_assert '^new · SLA ! at risk 1 hour round the clock · Acme Media'
tt_keys Q
tt_wait_for 'tt-exit=0'

tt_keys -l "clear; exec_tt"
tt_keys Enter
tt_wait_for 'Mono 0001'
tmux_ capture-pane -e -p -t tt | grep -Eq "$colour_re" || tt_fail "no colours by default"
tt_keys Q
tt_wait_for 'tt-exit=0'
