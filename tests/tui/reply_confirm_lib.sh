# A public reply is confirmed before it is mailed (sourced by
# test_ticket_reply_confirm.sh and test_es_ticket_reply_confirm.sh, which
# set the words of their language first): after the editor closes, the
# status line names the contact it goes to (a hostile name shown
# sanitised) and asks; n and Esc keep the text unsent (no comment, no
# mail in the outbox) and the next r offers it again, exactly; e opens
# it in the editor again; y sends it once. Before, r mailed the text as
# soon as the editor closed. With ui.confirm_reply = false it still does.
#
# The caller sets: ASK (ERE: the question with the recipient), ASK_SHORT
# (ERE: the same with a long address, its answers short), KEPT (ERE:
# the line after n or Esc), SENT (ERE: the line once it went) and YES (the
# key that answers yes).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Confirm"
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Confirm 0001'")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1
         WHERE id = $id;
        UPDATE contacts SET name = E'Carla\\x1b[2J' WHERE email = 'carla1@example.com'" >/dev/null

# the editor: a new text writes the file "text"; a kept one is copied to
# "seen" (what the editor was offered) and, when "more" exists, gets a
# line more
dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-confirm.XXXXXX")
editor="$dir/editor"
cat >"$editor" <<EOS
#!/bin/sh
if [ -s "\$1" ]; then
	cp "\$1" "$dir/seen"
	[ -f "$dir/more" ] && printf 'PS: tested on staging.\n' >> "\$1"
	exit 0
fi
cat "$dir/text" > "\$1"
EOS
chmod +x "$editor"
printf 'Dear Carla,\nthe fix is live.\n' > "$dir/text"
trap 'rm -rf "$dir"; tt_cleanup' EXIT

stored() {
	tt_val "SELECT (SELECT count(*) FROM comments WHERE ticket_id = $id AND kind = 'public') || ' ' ||
	               (SELECT count(*) FROM mail_outbox WHERE ticket_id = $id)"
}

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Confirm 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Confirm 0001"

# the question names the contact, sanitised, and fits 80 columns
tt_keys r
tt_wait_for "$ASK"
tt_refute 'public reply sent|respuesta pública enviada'
[ "$(stored)" = "0 0" ] || tt_fail "the reply went before it was confirmed: $(stored)"
# n keeps it unsent
tt_keys n
tt_wait_for "$KEPT"
[ "$(stored)" = "0 0" ] || tt_fail "n sent the reply: $(stored)"
# the next r offers the same text, exactly; Esc keeps it too, in the view
tt_keys r
tt_wait_for "$ASK"
cmp -s "$dir/text" "$dir/seen" || tt_fail "the kept text was not offered as written: $(cat "$dir/seen" 2>&1)"
tt_keys Escape
tt_wait_for "$KEPT"
tt_assert "^#$id +Confirm 0001"
[ "$(stored)" = "0 0" ] || tt_fail "Esc sent the reply: $(stored)"
# e edits it again (a line more), then y sends it, once
rm -f "$dir/seen"
tt_keys r
tt_wait_for "$ASK"
touch "$dir/more"
tt_keys e
tt_wait_for "$ASK"
[ -f "$dir/seen" ] || tt_fail "e did not open the editor again"
tt_keys "$YES"
tt_wait_for "$SENT"
[ "$(stored)" = "1 1" ] || tt_fail "y did not send the reply once: $(stored)"
body=$(tt_val "SELECT body FROM comments WHERE ticket_id = $id AND kind = 'public'")
[ "$body" = "$(printf 'Dear Carla,\nthe fix is live.\nPS: tested on staging.')" ] ||
	tt_fail "the reply sent is not the text written: $body"
[ "$(tt_val "SELECT to_address FROM mail_outbox WHERE ticket_id = $id")" = "carla1@example.com" ] ||
	tt_fail "the reply was not mailed to the contact named"
# nothing is kept once it went
tt_refute 'unsent text kept|texto sin enviar'
tt_keys Q
tt_wait_for 'tt-exit=0'

# ui.confirm_reply = false: the reply goes as the editor closes
printf 'ui = { confirm_reply = false; };\n' > "$dir/ticketty.conf"
printf 'Second reply.\n' > "$dir/text"
tt_shell "exec_tt --config '$dir/ticketty.conf'"
tt_wait_for 'Confirm 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Confirm 0001"
tt_keys r
tt_wait_for "$SENT"
[ "$(stored)" = "2 2" ] || tt_fail "without the question the reply did not go once: $(stored)"
tt_keys Q
tt_wait_for 'tt-exit=0'

# a long address is shown whole at 80 columns: the answers go short
# ("y/e/n") before the address would be cut (the name too when it fits)
tt_sql "UPDATE contacts SET email = 'farid.chowdhury.operations@silverbirchdsp.example'
         WHERE email = 'carla1@example.com'" >/dev/null
printf 'Third reply.\n' > "$dir/text"
tt_shell 'exec_tt'
tt_wait_for 'Confirm 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Confirm 0001"
tt_keys r
tt_wait_for "$ASK_SHORT"
tt_keys n
tt_wait_for "$KEPT"
[ "$(stored)" = "2 2" ] || tt_fail "n sent the reply to the long address: $(stored)"
tt_keys Q
tt_wait_for 'tt-exit=0'
