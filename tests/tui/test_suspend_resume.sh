#!/bin/sh
# Ctrl-Z and fg. With text typed in the intake form, Ctrl-Z hands the
# terminal back as the shell had it: the alternate screen left, the
# cursor shown, and bracketed paste off, so a paste into the shell is
# plain text (before, ncurses's own handler left the mode on and the
# shell got the paste wrapped in ESC[200~ ... ESC[201~). After fg the
# form is painted again with the typed text, which is still there to
# submit. Ctrl-Z while the editor writes a note stops ticketty with the
# editor (the shell gets the terminal back); after fg the note is sent.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Suspended"

# the editor asks on the terminal for the words of the note
editor="$TT_STATE_DIR/editor"
cat >"$editor" <<'EOS'
#!/bin/sh
printf 'editor: words? '
read -r words
printf 'Note %s' "$words" >"$1"
EOS
chmod +x "$editor"

stopped() {
	tt_wait_for 'Stopped'
	[ "$(tt_pane '#{alternate_on}')" = 0 ] || tt_fail "still on the alternate screen after Ctrl-Z"
	[ "$(tt_pane '#{cursor_flag}')" = 1 ] || tt_fail "cursor still hidden after Ctrl-Z"
}

# fg; $1 is what the screen shows again
resumed() {
	tt_keys -l 'clear; fg'
	tt_keys Enter
	tt_wait_for "$1"
	[ "$(tt_pane '#{alternate_on}')" = 1 ] || tt_fail "not on the alternate screen after fg"
}

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Suspended 0001'
tt_keys n
tt_wait_for 'Customer \*'
tt_keys Tab Tab Tab Tab Tab
tt_wait_for 'field 6/15'
intake_type "Kept across Ctrl-Z" 'Kept across Ctrl-Z'

tt_keys C-z
stopped
# a paste into the shell is the text alone
tt_keys -l 'cat -v'
tt_keys Enter
tmux_ set-buffer 'PASTED-IN-SHELL'
tmux_ paste-buffer -p -t tt
tt_keys Enter C-d
tt_wait_for '^PASTED-IN-SHELL$'
tt_refute '200~'

resumed 'Title \* +Kept across Ctrl-Z'
tt_assert 'field 6/15'
intake_type " and fg" 'Kept across Ctrl-Z and fg'

# out of the form without keeping a draft, to the ticket
tt_keys Escape
tt_wait_for 'Keep the draft for later'
tt_keys n
tt_wait_for 'Suspended 0001'
tt_keys Enter
tt_wait_for '#1  Suspended 0001'

# Ctrl-Z in the editor: both stop, the shell has the terminal
tt_keys c
tt_wait_for 'editor: words\?'
tt_keys C-z
tt_wait_for 'Stopped'
tt_wait_for 'tt-shell\$ *$'
tt_keys -l 'fg'
tt_keys Enter
tt_keys -l 'written after fg'
tt_keys Enter
tt_wait_for 'internal note added'
n=$(tt_val "SELECT count(*) FROM comments WHERE body = 'Note written after fg'")
[ "$n" = 1 ] || tt_fail "the note written after fg was not stored ($n)"

tt_keys Q
deadline=$(( $(date +%s) + TT_TIMEOUT ))
while [ -n "$(tt_pid)" ]; do
	[ "$(date +%s)" -ge "$deadline" ] && tt_fail "ticketty did not quit"
	sleep 0.1
done
[ "$(tt_pane '#{alternate_on}')" = 0 ] || tt_fail "still on the alternate screen after Q"
