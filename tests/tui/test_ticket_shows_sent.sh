#!/bin/sh
# What one just wrote is on screen at 80x24: after a note (c) or a public
# reply (r) goes, the ticket view shows it, its heading on screen, whether
# the reader was at the end of a long timeline (G) or at the top of the
# ticket. Before, the header counted the new entry but the view stayed
# where it was: the note appeared only after pressing G again.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Following"
id=$(tt_val "SELECT id FROM tickets WHERE title = 'Following 0001'")
# a timeline of 30 notes, longer than any screen
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1;
        INSERT INTO comments (ticket_id, author_id, kind, body, created_at)
        SELECT $id, a.id, 'internal', 'Earlier note ' || g, tt_now() - interval '1 hour' + g * interval '1 minute'
          FROM agents a, generate_series(1, 30) g WHERE a.login = 'olga'" >/dev/null

# the editor writes the text of the file "text" (a new one each time)
dir=$(mktemp -d "${TMPDIR:-/tmp}/tt-sent.XXXXXX")
editor="$dir/editor"
cat >"$editor" <<EOS
#!/bin/sh
cat "$dir/text" > "\$1"
EOS
chmod +x "$editor"
trap 'rm -rf "$dir"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Following 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Following 0001"

# at the end of the timeline: the note written follows, without G again
tt_keys G
tt_wait_for 'Earlier note 30'
printf 'Zebra note from the end\n' > "$dir/text"
tt_keys c
tt_wait_for 'internal note added'
tt_wait_for '  \| Zebra note from the end'
tt_assert 'INTERNAL NOTE by Pat Postgres'

# at the top of the ticket: one's own reply is shown all the same
tt_keys g
tt_wait_for "^#$id +Following 0001"
tt_refute 'Zebra note'
printf 'Dear customer,\nthe fix is live.\n' > "$dir/text"
tt_keys r
tt_send
tt_wait_for 'public reply sent'
tt_wait_for '^ +the fix is live\.'
tt_assert 'PUBLIC REPLY by Pat Postgres'
