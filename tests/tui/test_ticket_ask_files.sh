#!/bin/sh
# The files chosen with A go with the question to the customer as they go
# with a reply, at 80x24: a file waits (counted on the status line), s,
# "waiting on customer", y writes the question; the ticket changed while
# it was written, so the change is refused as stale: the question is kept
# and the file still waits, nothing stored. s again sends both: the file
# is stored with the question, the very message mail_outbox mails as
# request_info, the timeline says it was sent, and nothing waits any more.
# Before, the question went alone and the file stayed for the next message.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 1 3 "Asking"
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Asking 0001'")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null

dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-ask-files.XXXXXX")
editor="$dir/editor"
printf 'placement,impressions\n4313526,0\n' > "$dir/placements.csv"
# the editor writes the question into an empty file (a kept one is sent
# back as it is); the first time the ticket changes behind the view's back
cat >"$editor" <<EOS
#!/bin/sh
[ -s "\$1" ] || printf 'Are these the placements?' > "\$1"
if [ ! -f "$dir/flag" ]; then
	touch "$dir/flag"
	psql -qXAt -d "$TT_DB" -c "UPDATE ticketty.tickets SET version = version + 1 WHERE id = $id" >/dev/null
fi
EOS
chmod +x "$editor"
trap 'rm -rf "$dir"; tt_cleanup' EXIT
# pick "waiting on customer" in the status picker and answer y
ask() {
	tt_keys s
	tt_wait_for '^> waiting on customer'
	tt_keys Enter
	tt_wait_for '^Ask the customer something\? y: write the question, n: just wait \[Y/n\]'
	tt_keys y
	tt_send
}

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Asking 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Asking"
tt_keys A
tt_wait_for 'File for your next message, public or a note \(empty: none\):'
tt_keys -l "$dir/placements.csv"
tt_keys Enter
tt_wait_for 'placements\.csv \(32 bytes\) goes with your next message'
tt_keys j   # the message gives way to the view's status line
tt_wait_for '1 file to send'

# refused as stale: the question kept, the file still waiting, nothing stored
ask
tt_wait_for "ticket $id was changed meanwhile \\(:messages says how\\); text kept: s sends it"
tt_keys j
tt_wait_for '1 file to send'
[ "$(tt_val "SELECT status || ' ' || (SELECT count(*) FROM attachments) || ' '
              || (SELECT count(*) FROM mail_outbox WHERE ticket_id = $id) FROM tickets WHERE id = $id")" = \
  'in_progress 0 0' ] || tt_fail "the refused question changed the ticket or stored its file"

# sent: the file is on the question, the message mailed as request_info
ask
tt_wait_for 'asked the customer; status is now waiting on customer'
tt_wait_gone 'file to send'
got=$(tt_val "SELECT string_agg(o.kind || '|' || a.filename || '|' || a.size || '|' || c.body, ';')
                FROM mail_outbox o JOIN comments c ON c.id = o.comment_id
                JOIN attachments a ON a.comment_id = c.id WHERE o.ticket_id = $id")
[ "$got" = 'request_info|placements.csv|32|Are these the placements?' ] ||
	tt_fail "the file is not on the request for information: $got"
tt_keys G
tt_wait_for '^    sent with the message: placements\.csv \(32 bytes\)'
width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
[ "$width" -le 80 ] || tt_fail "a line is $width cells wide"
tt_keys Q
tt_wait_for 'tt-exit=0'
