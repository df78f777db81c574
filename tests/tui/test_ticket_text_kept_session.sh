#!/bin/sh
# A reply refused in the interface (the ticket changed meanwhile) is kept
# past the session: after the terminal is gone (tmux killed, as an SSH
# session drops) a new session shows "(unsent text kept)" on the ticket,
# r opens the editor on the written text, and once it is sent nothing is
# kept any more. (The kept text lived in the view's memory only.) A text
# the command line keeps while the ticket is open shows after a reload.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 1 3 "Session"
id=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "UPDATE tickets SET status = 'acknowledged', acknowledged_at = created_at WHERE id = $id" >/dev/null
editor=$(mktemp "${TMPDIR:-/tmp}/tt-editor.XXXXXX")
seen="$TT_STATE_DIR/seen"
# the first time the ticket changes while the reply is written (another
# note lands), so the reply is refused as stale; a kept text goes back as
# it is
cat >"$editor" <<EOS
#!/bin/sh
cat "\$1" >> "$seen"; printf '\n--\n' >> "$seen"
[ -s "\$1" ] && exit 0
printf 'The fix is deployed; please check the placement again.' > "\$1"
"$TICKETTY_BIN" --db "dbname=$TT_DB" ticket note $id --message 'meanwhile' >/dev/null 2>&1
EOS
chmod +x "$editor"
trap 'rm -f "$editor"; tt_cleanup' EXIT INT TERM

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Session 0001'
tt_keys Enter
tt_wait_for "#$id +Session 0001"
tt_keys r
tt_send
tt_wait_for 'ticket [0-9]+ was changed meanwhile \(:messages says how\); text kept: r sends it'
[ "$(tt_val "SELECT count(*) FROM comments WHERE kind = 'public'")" = 0 ] || tt_fail "the stale reply was stored"

# the session is gone, as an SSH connection drops
tt_hangup
TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Session 0001'
tt_keys Enter
tt_wait_for "#$id +Session 0001"
tt_wait_for 'unsent text kept'
tt_keys r
tt_send
tt_wait_for 'public reply sent'
[ "$(tt_val "SELECT body FROM comments WHERE kind = 'public'")" = \
  "The fix is deployed; please check the placement again." ] || tt_fail "the kept reply was not sent as written"
# the second editor opened on the written text
grep -q '^The fix is deployed; please check the placement again\.$' "$seen" ||
	tt_fail "the editor did not open on the kept text: $(cat "$seen")"
[ -z "$(ls "$TT_STATE_DIR/ticketty/drafts" 2>/dev/null)" ] ||
	tt_fail "a draft outlived the sent reply: $(ls "$TT_STATE_DIR/ticketty/drafts")"

# a note the command line keeps meanwhile (its editor wrote it, then the
# database was not there) shows on the open ticket once it is reloaded
tt_refute 'unsent text kept'
writer=$(mktemp "${TMPDIR:-/tmp}/tt-editor.XXXXXX")
printf '#!/bin/sh\nprintf "Checked the logs with the customer" > "$1"\n' > "$writer"
chmod +x "$writer"
EDITOR=$writer script -qec "'$TICKETTY_BIN' --db='dbname=${TT_DB}_absent' ticket note $id" /dev/null \
	>/dev/null 2>&1 && tt_fail "ticket note reached a database that does not exist"
rm -f "$writer"
[ -n "$(ls "$TT_STATE_DIR/ticketty/drafts" 2>/dev/null)" ] || tt_fail "the command line kept no draft"
tt_keys R
tt_wait_for 'unsent text kept'
tt_keys Q
tt_wait_for 'tt-exit=0'
