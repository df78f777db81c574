#!/bin/sh
# A note written in the editor that then waits on a ticket row another
# session holds: the ticket stays on screen the whole wait, with the
# "working" mark, as it does for t without the editor (before, only the
# title bar and the mark were drawn until the lock timeout). The refusal
# keeps the text, and once the row is free c sends it.
# needs: server timers (lock_timeout; skipped under libfaketime)
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Locked row"
id=$(tt_val "SELECT id FROM tickets")
tt_sql "UPDATE tickets SET description = 'The banner stays blank on the home page' WHERE id = $id" >/dev/null

editor="${TMPDIR:-/tmp}/tt-editor-lockwait-$$"
cat >"$editor" <<'EOS'
#!/bin/sh
[ -s "$1" ] || printf 'A note that waits for the row' > "$1"
EOS
chmod +x "$editor"
conf=$(mktemp)
# a short wait keeps the test brisk; long enough to look at the screen
printf 'database = { lock_timeout_ms = 3000; };\n' > "$conf"
trap 'rm -f "$editor" "$conf"; tt_cleanup' EXIT

TT_ENV="EDITOR=$editor TICKETTY_CONFIG=$conf" tt_start
tt_wait_for 'Locked row 0001'
tt_keys -l ":$id"
tt_keys Enter
tt_wait_for "^#$id +Locked row 0001"
tt_wait_for 'The banner stays blank on the home page'
# another session holds the ticket's row
tt_hold "SELECT id FROM ticketty.tickets WHERE id = $id FOR UPDATE"
tt_keys c
tt_wait_for 'working'
[ "$(tt_lock_waiters)" = 1 ] || tt_fail "the note is not waiting for the lock"
tt_assert "^#$id +Locked row 0001"
tt_assert '^Customer +Acme Media'
tt_assert 'The banner stays blank on the home page'
# and it stays there until the wait ends in the refusal, which keeps the text
tt_deadline=$(( $(date +%s) + TT_TIMEOUT )) tt_polls=0
until tt_screen_has "ticket $id is"; do
	tt_screen_has 'The banner stays blank on the home page' ||
		tt_fail "the ticket left the screen while the note waited for the lock"
	tt_waited && tt_fail "timed out waiting for the refusal"
	sleep 0.05
done
# the whole line, once drawn (the first match may catch it half written):
# at 80 columns the wait's aside gives way to the key that sends the text
tt_wait_for "^ticket $id is held by Pat Postgres: try again; text kept: c sends it *\$"
tt_assert "^#$id +Locked row 0001"
tt_assert 'The banner stays blank on the home page'
[ "$(tt_val "SELECT count(*) FROM comments WHERE ticket_id = $id")" = 0 ] || tt_fail "the note was stored"
# the row is free again: c sends the kept text
tt_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = '$TT_DB' AND wait_event = 'PgSleep'" >/dev/null
tt_keys c
tt_wait_for 'internal note added'
[ "$(tt_val "SELECT count(*) FROM comments WHERE ticket_id = $id AND kind = 'internal'
              AND body = 'A note that waits for the row'")" = 1 ] || tt_fail "the kept note was not sent"
tt_keys Q
tt_wait_for 'tt-exit=0'
