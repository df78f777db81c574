#!/bin/sh
# The ticket view: Enter opens it from the queue with every field, the
# deadlines, the timeline (public reply, internal note marked as such,
# audit events) sanitised; / searches with n; t takes the ticket; a note
# refused as stale (someone changed the ticket while the editor was open)
# keeps the text, says what changed, reloads, and goes through on the
# second try without retyping.
TT_COLS=160   # the refusal names who changed what: room to read all of it
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role olga engineer   # olga is an agent of the fixture
tt_tickets 1 2 "Pager ticket"
tt_sql "UPDATE tickets SET description = E'It breaks \\x1b[2J here\\nsecond line with a needle',
                           object_ids = '{li-77,cr-88}',
                           screenshots = '{https://files.example.com/support/a-long-path-of-the-customers-file-server/T1-1.png,https://files.example.com/support/a-long-path-of-the-customers-file-server/T1-2.png}'
         WHERE id = 1;
        INSERT INTO comments (ticket_id, author_id, kind, body)
        SELECT 1, id, 'public', 'We are looking into it.' FROM agents WHERE login = 'olga';
        INSERT INTO comments (ticket_id, author_id, kind, body)
        SELECT 1, id, 'internal', 'Customer is upset; keep CSM posted.' FROM agents WHERE login = 'olga';" >/dev/null

# the editor: writes a note and, the first time only, lets olga change the
# ticket meanwhile; a kept text is sent back unchanged
editor="${TMPDIR:-/tmp}/tt-editor-$$"
flag="${TMPDIR:-/tmp}/tt-editor-flag-$$"
cat >"$editor" <<EOS
#!/bin/sh
[ -s "\$1" ] && exit 0
printf 'My careful note' > "\$1"
if [ ! -f "$flag" ]; then
	touch "$flag"
	psql -qXAt -d "$TT_DB" -c "SET search_path = ticketty" -c "SET SESSION AUTHORIZATION olga" \
		-c "SELECT api_ticket_ack(1, (SELECT version FROM tickets WHERE id = 1), 'Acked by Olga')" >/dev/null
fi
EOS
chmod +x "$editor"
trap 'rm -f "$editor" "$flag"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Pager ticket'
tt_keys Enter
tt_wait_for '#1  Pager ticket 0001'
tt_assert 'Customer +Acme Media \(premium\)'
tt_assert 'First response +due'
tt_assert 'It breaks \^\[\[2J here'
tt_keys PageDown
tt_wait_for 'Object IDs +li-77, cr-88'
# a value longer than the line wraps under the value, not under the label
tt_assert '^Screenshots +https://files\.example\.com/support/a-long-path-of-the-customers-file-server/T1-1\.png,$'
tt_assert '^ {22}https://files\.example\.com/support/a-long-path-of-the-customers-file-server/T1-2\.png$'
tt_keys G
tt_wait_for 'PUBLIC REPLY by Olga Other'
tt_assert 'INTERNAL NOTE by Olga Other'
tt_assert '  \| Customer is upset'
# / finds text out of sight: back at the top the note is gone, the search
# brings it back
tt_keys g
tt_wait_gone 'keep CSM posted'
tt_keys /
tt_keys -l 'keep CSM'
tt_keys Enter
tt_wait_for 'Customer is upset; keep CSM posted'
tt_keys g
tt_wait_for '^Customer +Acme Media'

tt_keys t
tt_wait_for 'the ticket is yours'
tt_wait_for 'Assignee +Pat Postgres'
tt_wait_for '^new · 2 Urgent · SLA [^·]+$'
# the optimistic-locking counter is not shown (ticket show names it)
tt_refute 'version [0-9]|\[v[0-9]+\]| v[0-9]+ '

tt_keys c
# the line says the ticket changed, without the versions the screen does
# not show, and names the key (it was cut before "text kept" when the
# changes were long); :messages lists the changes
tt_wait_for 'ticket 1 was changed meanwhile \(:messages says how\); text kept: c sends it'
tt_messages_open
joined=$(tt_screen_text)
case "$joined" in
*"ticket 1 changed since version 2: olga acknowledged"*) ;;
*) tt_fail "the changes are not in :messages: $joined" ;;
esac
tt_keys q

tt_wait_for '^acknowledged · 2 Urgent · SLA [^·]+$'
tt_refute 'version [0-9]|\[v[0-9]+\]| v[0-9]+ '
n=$(tt_sql "SELECT count(*) FROM comments WHERE body = 'My careful note'")
[ "$n" = 0 ] || tt_fail "the stale note was stored"
tt_keys c
tt_wait_for 'internal note added'
n=$(tt_sql "SELECT count(*) FROM comments WHERE body = 'My careful note' AND kind = 'internal'")
[ "$n" = 1 ] || tt_fail "the note was not stored once ($n)"
tt_refute 'unsent text kept'
tt_keys q
tt_wait_for '\[Queue\]'
tt_keys -l ':1'
tt_keys Enter
tt_wait_for '#1  Pager ticket 0001'
tt_keys q
tt_wait_for '\[Queue\]'
# a status change asked for from the queue happens in the ticket view
tt_keys s
tt_wait_for 'New status:'
tt_keys -l 'progress'
tt_keys Enter
tt_wait_for 'status is now in progress'
tt_keys q
tt_wait_for ' in progress +Acme Media'
tt_keys Q
tt_wait_for 'tt-exit=0'
