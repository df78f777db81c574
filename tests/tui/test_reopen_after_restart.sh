#!/bin/sh
# The server ends the interface's session while an internal note is
# written in $EDITOR (as a restart does): when the editor closes, the
# note is stored at once on a new session, with no "not sent" and no key
# to press again, and stored once. (The first statement used to go out
# on the ended session and fail: the note was kept and had to be sent
# again by hand.) Idle, the interface notices an ended session itself and
# reconnects (test_outage_text_kept.sh and others).
. "$(dirname "$0")/lib.sh"

editor="$TT_STATE_DIR/editor"
trap tt_cleanup EXIT

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Reopen note"
id=$(tt_val "SELECT min(id) FROM tickets")

# the editor ends the interface's session (its backend, named ticketty,
# in this test's database), then writes the note
ends="SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'ticketty'"
left="SELECT count(*) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'ticketty'"
cat >"$editor" <<EOS
#!/bin/sh
psql -qXAt -d "$TT_DB" -c "$ends" > "$TT_STATE_DIR/ended"
# gone, as after a restart (the signal is only sent above)
i=0
while [ "\$(psql -qXAt -d "$TT_DB" -c "$left")" != 0 ] && [ \$i -lt 100 ]; do
	sleep 0.05; i=\$((i + 1))
done
printf 'Checked the logs of the ad server' > "\$1"
EOS
chmod +x "$editor"

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Reopen note 0001'
tt_keys Enter
tt_wait_for '#1  Reopen note 0001'
tt_keys c
tt_wait_for 'internal note added'
[ "$(cat "$TT_STATE_DIR/ended")" = 1 ] || tt_fail "the editor ended no session: $(cat "$TT_STATE_DIR/ended")"
tt_refute 'not sent'
tt_refute 'database unavailable'
n=$(tt_sql "SELECT count(*) FROM comments WHERE ticket_id = $id AND body = 'Checked the logs of the ad server'")
[ "$n" = 1 ] || tt_fail "the note was not stored once ($n)"

tt_keys Q
tt_wait_for 'tt-exit=0'
