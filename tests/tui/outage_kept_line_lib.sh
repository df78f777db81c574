# The status line at 80x24 when a text is kept because the database is
# unavailable (sourced by test_outage_kept_line.sh and
# test_es_outage_kept_line.sh, which set the words of their language
# first). Two ways: the editor closes on a note while the server is down
# (nothing can be sent), and the server dies under a note that waits on
# a row another session holds (the statement breaks). Both times the line
# says "not sent" beside the whole banner, which leads with "your text is
# kept" and ends with the retry countdown. Before, the message said the
# banner's news again ("not connected: your text is kept, try again
# later", or why the statement broke) and was cut to "not connec…",
# "sin conexió…", "lost the connection to…", while the banner lost its
# countdown to the unread badge (English) or its last cells (Spanish).
# Why the statement broke is in :messages. Once the server is back the
# line names the key that sends the kept text, whole at 80 columns
# (the Spanish line lost it: "... su texto se conserva (más:
# :messages)"), and that key stores the note once. The server is always started again,
# even when this test fails midway (other tests share the cluster).
#
# The caller sets: LINE (ERE: the status line while the server is down),
# WHY (ERE: the broken statement's reason in :messages), BACK (ERE: the
# message once the server is back), DONE (ERE: the note stored).
. "$(dirname "$0")/lib.sh"

tt_needs_cluster

editor="$TT_STATE_DIR/editor"
flag="$TT_STATE_DIR/editor-kill"
# the editor writes the note; the first time, the server dies while it
# is open
cat >"$editor" <<EOS
#!/bin/sh
[ -s "\$1" ] && exit 0
printf 'Checked the logs of the ad server' > "\$1"
if [ -f "$flag" ]; then
	rm -f "$flag"
	sh "$TT_PGTMP" kill "$PGTMP_DIR" >/dev/null 2>&1
fi
EOS
chmod +x "$editor"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 2 3 "Kept line"
tt_sql "INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload, created_at)
        SELECT a.id, 'ticket.changed', t.id, '{}', timestamptz '2026-11-18 14:00+00'
          FROM agents a, tickets t WHERE a.login = 'postgres'" >/dev/null
first=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "CHECKPOINT" >/dev/null

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Kept line 0002'
tt_keys Enter
tt_wait_for "^#$first +Kept line 0001"

# 1. the editor closes while the server is down
touch "$flag"
TT_PG_DOWN=1
tt_keys c
tt_wait_for "$LINE"
tt_server_back
TT_TIMEOUT=20 tt_wait_for "$BACK"
tt_keys c
tt_wait_for "$DONE"
[ "$(tt_val "SELECT count(*) FROM comments WHERE body = 'Checked the logs of the ad server'")" = 1 ] ||
	tt_fail "the kept note was not stored once"

# 2. the server dies under the statement (the note waits on the row)
tt_sql "CHECKPOINT" >/dev/null
tt_hold "SELECT id FROM ticketty.tickets WHERE id = $first FOR UPDATE"
tt_keys c
tt_wait_for '(working|trabajando) [0-9]+ s'
tt_server_kill
tt_wait_for "$LINE"
tt_keys :
tt_keys -l messages
tt_keys Enter
tt_wait_for '^(Messages, newest first|Mensajes, los más recientes primero)'
msgs=$(tt_screen | tr -s ' \n' '  ')
echo "$msgs" | grep -Eq "$WHY" || tt_fail "the broken statement's reason is not in :messages: $msgs"
tt_keys q
tt_server_back
TT_HOLDER=""
TT_TIMEOUT=20 tt_wait_for "$BACK"
tt_keys c
tt_wait_for "$DONE"
[ "$(tt_val "SELECT count(*) FROM comments WHERE body = 'Checked the logs of the ad server'")" = 2 ] ||
	tt_fail "the kept note was not stored once more"
tt_keys Q
tt_wait_for 'tt-exit=0'
