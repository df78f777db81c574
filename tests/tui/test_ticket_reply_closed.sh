#!/bin/sh
# A reply refused because the ticket was closed while it was written
# (here the editor closes it) says why first, then that the text is kept
# and which key sends it, all of it on an 80-column status line, in
# English and in Spanish. Before, the line led with "your text is kept
# (press r again to send it): " and the reason was cut ("ticket 1 is c…").
# Once the view knows the ticket is closed, r, a and T say so at once and
# no editor opens (before, the text was written and then refused). A
# resolved ticket still takes a reply (it reopens it): r opens the editor.
. "$(dirname "$0")/lib.sh"

locale -a 2>/dev/null | grep -qix 'es_ES.utf-\{0,1\}8' || tt_fail "es_ES.UTF-8 is not installed (scripts/locales.sh)"
tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 3 3 "Closing"
id1=$(tt_val "SELECT id FROM tickets WHERE title = 'Closing 0001'")
id2=$(tt_val "SELECT id FROM tickets WHERE title = 'Closing 0002'")
id3=$(tt_val "SELECT id FROM tickets WHERE title = 'Closing 0003'")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null
tt_sql "UPDATE tickets SET status = 'resolved', resolved_at = tt_now(), version = version + 1
         WHERE id = $id3" >/dev/null

# the editor: counts its runs, writes a text into an empty file; when
# asked (the file "close" names a ticket) it closes that ticket while the
# text is written, behind the view's back (the version stays, so the
# database refuses the reply for the ticket's state, not as stale)
dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-reply-closed.XXXXXX")
editor="$dir/editor"
cat >"$editor" <<EOS
#!/bin/sh
echo run >> "$dir/runs"
[ -s "\$1" ] || printf 'Written in the editor' > "\$1"
if [ -f "$dir/close" ]; then
	psql -qXAt -d "$TT_DB" -c "UPDATE ticketty.tickets SET status = 'closed',
	      resolved_at = ticketty.tt_now(), closed_at = ticketty.tt_now()
	      WHERE id = \$(cat "$dir/close")" >/dev/null
	rm -f "$dir/close"
fi
EOS
chmod +x "$editor"
trap 'rm -rf "$dir"; tt_cleanup' EXIT
# the status line: the view's name in brackets when the message leaves room
mode='(\[[^]]*\] )?'
editor_runs() {
	[ -f "$dir/runs" ] && wc -l < "$dir/runs" | tr -d ' ' || echo 0
}

echo "$id1" > "$dir/close"
TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Closing 0001'
tt_keys -l ":$id1"
tt_keys Enter
tt_wait_for "^#$id1 +Closing 0001"
tt_keys r
tt_send
# the whole message, the reason first
tt_wait_for "^${mode}ticket $id1 is closed: it takes no more replies; text kept: r sends it *$"
[ "$(editor_runs)" = 1 ] || tt_fail "r did not open the editor once"
[ "$(tt_val "SELECT count(*) FROM comments WHERE ticket_id = $id1")" = 0 ] || tt_fail "the reply was stored"
# read again: the view knows it is closed, and no editor opens
tt_wait_for '^closed · '
tt_keys r
tt_wait_for "^${mode}ticket $id1 is closed: it takes no more replies *$"
tt_keys j
tt_wait_gone 'it takes no more replies'
tt_keys a
tt_wait_for "^${mode}ticket $id1 is closed: it takes no more replies *$"
tt_keys j
tt_wait_gone 'it takes no more replies'
tt_keys T
tt_wait_for "^${mode}ticket $id1 is closed: it takes no more replies *$"
tt_refute 'Canned reply:'
tt_keys j
tt_wait_gone 'it takes no more replies'
tt_keys x
tt_wait_for "^${mode}ticket $id1 is closed: it takes no more replies *$"
[ "$(editor_runs)" = 1 ] || tt_fail "a key of a public message opened the editor on a closed ticket"
# a resolved ticket takes a reply: the editor opens, the reply goes
tt_keys q
tt_wait_for '\[Queue\]'
tt_keys -l ":$id3"
tt_keys Enter
tt_wait_for "^#$id3 +Closing 0003"
tt_wait_for '^resolved · '
tt_keys r
tt_send
tt_wait_for 'public reply sent'
[ "$(editor_runs)" = 2 ] || tt_fail "r did not open the editor on a resolved ticket"
tt_keys Q
tt_wait_for 'tt-exit=0'

# in Spanish
echo "$id2" > "$dir/close"
tt_keys "export LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8; clear; exec_tt" Enter
tt_wait_for 'Closing 0002'
tt_keys -l ":$id2"
tt_keys Enter
tt_wait_for "^#$id2 +Closing 0002"
tt_keys r
tt_send
tt_wait_for "^${mode}el ticket $id2 está cerrado: ya no admite respuestas; texto guardado: r lo envía *$"
[ "$(editor_runs)" = 3 ] || tt_fail "r did not open the editor"
tt_wait_for '^cerrado · '
tt_keys a
tt_wait_for "^${mode}el ticket $id2 está cerrado: ya no admite respuestas *$"
[ "$(editor_runs)" = 3 ] || tt_fail "a opened the editor on a closed ticket"
tt_keys Q
tt_wait_for 'tt-exit=0'
