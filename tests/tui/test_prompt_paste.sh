#!/bin/sh
# Pasting into a prompt (issue 16): ticketty asks the terminal for
# bracketed paste, and text pasted between ESC [200~ and ESC [201~ is
# text, whatever it holds: an ESC inside it (alone, or an arrow key's
# sequence) neither cancels the prompt nor loses what was typed; it shows
# as ^[ and Enter searches for it all. A real Esc still cancels. Both
# ways a terminal delivers a paste: the marks typed by send-keys -l, and
# tmux's own paste-buffer -p, which adds them only when the program asked
# for bracketed paste. A form field (the intake form) takes a paste as
# typed text, an ESC inside it shown as the picture U+241B: the form stays.
TT_COLS=100
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_start
tt_wait_for 'Queue'

tt_keys F
tt_wait_for 'Search:'
tt_keys -l 'typed '
tt_wait_for 'Search: typed'
tt_keys -l "$(printf '\033[200~zebra\033 crossing\033[Aup q\033[201~')"
tt_wait_for 'Search: typed zebra\^\[ crossing\^\[\[Aup q'
tt_keys -l ' more'
tt_wait_for 'Search: typed zebra\^\[ crossing\^\[\[Aup q more'
# a real Esc still cancels
tt_keys Escape
tt_wait_gone 'Search:'
tt_assert 'Queue'

# tmux pastes with the marks only when the program asked for them
tt_keys F
tt_wait_for 'Search:'
tmux_ set-buffer -b ttpaste "$(printf 'pasted\033 kumquat')"
tmux_ paste-buffer -p -b ttpaste -t tt
tt_wait_for 'Search: pasted\^\[ kumquat'
tt_keys Enter
tt_wait_for 'no ticket|0 tickets'
tt_refute 'Search:'

# the intake form: the pasted ESC is shown, the form stays
tt_keys n
tt_wait_for 'Customer \*'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/15'
tt_keys -l "$(printf '\033[200~Pasted\033 title q\033[201~')"
tt_wait_for 'Title \* +Pasted␛ title q'
tt_assert 'field 6/15'
