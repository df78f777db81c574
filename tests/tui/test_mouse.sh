#!/bin/sh
# The mouse (ui.mouse, on by default) in the list views, through the one
# list widget: a click selects a row, a double click opens it, the wheel
# scrolls; a click while a prompt is open leaves the typed text alone;
# with ui.mouse = false the terminal is never asked to report the mouse
# (tmux's pane flags say so). The terminal is xterm-256color
# (SGR reports, kmous=\E[<); tmux writes the reports with send-keys -l.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'
tt_tickets 40 3 "T"

esc=$(printf '\033')
# SGR reports: column and row are 1-based screen cells
click() { tt_keys -l "$esc[<0;$1;$2M$esc[<0;$1;$2m"; }
double() { tt_keys -l "$esc[<0;$1;$2M$esc[<0;$1;$2m$esc[<0;$1;$2M$esc[<0;$1;$2m"; }
wheel_down() { tt_keys -l "$esc[<65;$1;$2M"; }
wheel_up() { tt_keys -l "$esc[<64;$1;$2M"; }
# waits until the list's first row (line 3) is the one ending in TEXT: a
# scroll is seen there, not by text that may have been on screen before
first_row_is() { tt_wait_line 3 "^ +[0-9]+ .*$1 *\$"; }
id_of() { tt_val "SELECT id FROM tickets WHERE title = '$1'"; }

tt_start
tt_wait_for 'T 0001'
# the terminal was asked for SGR mouse reports
[ "$(tt_pane '#{mouse_sgr_flag}')" = 1 ] || tt_fail "mouse reporting is off with ui.mouse on"
# the queue: line 3 is its first row; a click on line 5 selects T 0003
# (the detail line under the table shows the selected ticket in full)
tt_wait_for "^#$(id_of 'T 0001') T 0001"
click 30 5
tt_wait_for "^#$(id_of 'T 0003') T 0003"
# a double click on line 6 opens T 0004
double 30 6
tt_wait_for 'ticketty │ Ticket'
tt_wait_for "#$(id_of 'T 0004') +T 0004"
tt_keys q
tt_wait_for '^ ticketty │ Queue'
tt_wait_for "^#$(id_of 'T 0004') T 0004"
# the wheel moves the window three rows by keyset, the cursor stays on its ticket
wheel_down 30 10
first_row_is 'T 0004'
tt_wait_for "^#$(id_of 'T 0004') T 0004"
# (one notch at a time, each waited for: a notch arriving while the
# window is read is dropped)
wheel_down 30 10
first_row_is 'T 0007'
wheel_down 30 10
first_row_is 'T 0010'
tt_wait_for 'T 0028'
# the cursor went off the top: it stays on the first row shown
tt_wait_for "^#$(id_of 'T 0010') T 0010"
wheel_up 30 10
first_row_is 'T 0007'
click 30 4
tt_wait_for "^#$(id_of 'T 0008') T 0008"

# a click while the filter prompt is open goes nowhere: the text typed stays whole
tt_keys /
tt_wait_for 'Filter \(title or customer\):'
tt_keys -l 'T 00'
click 30 8
tt_keys -l '12'
tt_wait_for 'Filter \(title or customer\): T 0012'
tt_wait_for "^#$(id_of 'T 0008') T 0008"
tt_keys Enter
tt_wait_for 'text "T 0012"'
tt_wait_for "^#$(id_of 'T 0012') T 0012"
tt_keys C
tt_wait_for 'T 0019'

# the escalations view: a click selects (the detail pane follows), a
# double click opens, the wheel scrolls the list
tt_agent mouse_csm csm 'Cora Csm'
tt_csm_of mouse_csm
tt_sql "SELECT api_escalate(id, 'reason ' || title) FROM tickets WHERE title <= 'T 0030'" >/dev/null
tt_keys 2
tt_wait_for '30 open escalations'
tt_wait_for '^#[0-9]+ T 0001'
# line 3 is the level header, line 4 the first escalation
click 30 6
tt_wait_for "^#$(id_of 'T 0003') T 0003"
wheel_down 30 6
first_row_is 'reason T 0003'
tt_wait_for "^#$(id_of 'T 0003') T 0003"
double 30 5
tt_wait_for 'ticketty │ Ticket'
tt_wait_for "#$(id_of 'T 0005') +T 0005"
tt_keys Q
tt_wait_for 'tt-exit=0'

# ui.mouse = false: the terminal is not asked to report the mouse, so it
# sends nothing (a click stays the terminal's own: selecting text); the
# keys work as ever
conf="${TMPDIR:-/tmp}/tt-mouse-$$.conf"
printf 'ui = { mouse = false; };\n' >"$conf"
trap 'rm -f "$conf"; tt_cleanup' EXIT
tt_keys "clear; exec_tt --config '$conf'" Enter
tt_wait_for '^ ticketty │ Queue'
tt_wait_for "^#$(id_of 'T 0001') T 0001"
for flag in mouse_sgr_flag mouse_any_flag mouse_button_flag mouse_standard_flag; do
	[ "$(tt_pane "#{$flag}")" = 0 ] || tt_fail "ui.mouse = false still asks for mouse reports ($flag)"
done
tt_keys j
tt_wait_for "^#$(id_of 'T 0002') T 0002"
tt_keys Q
tt_wait_for 'tt-exit=0'
