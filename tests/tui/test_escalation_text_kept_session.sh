#!/bin/sh
# A pass-up reason typed in the escalations view outlives the session:
# it is kept as a draft the moment it is given, so when the step fails
# (here on a row another session holds) and the terminal is then gone
# (tmux killed, as an SSH session drops), a new session shows "(unsent
# text kept)" on that escalation and `u` offers the reason again; once
# it is sent nothing is kept. The draft has the command line's name
# (escalation-up-ID), so `ticketty escalation up ID` opens its editor on
# the same text. (The view kept such texts in its memory only.)
# needs: server timers (lock_timeout; skipped under libfaketime)
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role kept_csm csm
tt_agent kept_csm csm
tt_role kept_coo coo
tt_agent kept_coo coo   # the level it is passed up to
tt_csm_of kept_csm 'Acme Media'
tt_tickets 1 2 "Kept"
tt_sql "SELECT api_escalate(id, 'Customer threatens to cancel') FROM tickets" >/dev/null
id=$(tt_val "SELECT min(id) FROM tickets")
conf=$(mktemp)
editor=$(mktemp "${TMPDIR:-/tmp}/tt-editor.XXXXXX")
seen="$TT_STATE_DIR/seen"
printf 'database = { lock_timeout_ms = 1500; };\n' > "$conf"
# the editor records what it was opened on and leaves it as it is
cat >"$editor" <<EOS
#!/bin/sh
cat "\$1" > "$seen"
EOS
chmod +x "$editor"
trap 'rm -f "$conf" "$editor"; tt_cleanup' EXIT

TT_ENV="TICKETTY_CONFIG=$conf" tt_start "--db='dbname=$TT_DB user=kept_csm'"
tt_wait_for 'Kept 0001'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_wait_for "^#$id Kept 0001"
tt_refute '\(unsent text kept\)'
tt_hold "SELECT id FROM ticketty.tickets FOR UPDATE"
tt_keys u
tt_wait_for '^Reason to pass it up: *$'
tt_keys -l 'Beyond my authority'
tt_keys Enter
tt_wait_for 'your text is kept \(press u again'
tt_release
[ -f "$TT_STATE_DIR/ticketty/drafts/text-escalation-up-$id.draft" ] ||
	tt_fail "no draft under the command line's name: $(ls "$TT_STATE_DIR/ticketty/drafts" 2>&1)"

# the command line finds it: its editor opens on the same reason (the
# command then fails on a database that does not exist, and keeps it)
tt_keys Q
tt_wait_for 'tt-exit=0'
tt_keys "clear; EDITOR=$editor $TICKETTY_BIN --db='dbname=${TT_DB}_absent' escalation up $id; echo cli-exit=\$?" Enter
tt_wait_for 'cli-exit=[1-9]'
grep -qx 'Beyond my authority' "$seen" || tt_fail "the editor did not open on the kept reason: $(cat "$seen" 2>&1)"
tt_assert 'what you wrote is kept'

# the session is gone, as an SSH connection drops
tmux_ kill-server >/dev/null 2>&1
sleep 0.5
TT_ENV="TICKETTY_CONFIG=$conf" tt_start "--db='dbname=$TT_DB user=kept_csm'"
tt_wait_for 'Kept 0001'
tt_keys 2
tt_wait_for "^#$id Kept 0001"
tt_wait_for '\(unsent text kept\)'
tt_keys u
tt_wait_for '^Reason to pass it up: Beyond my authority *$'
tt_keys Enter
tt_wait_for "#$id: escalation passed up to COO"
[ "$(tt_val "SELECT count(*) FROM escalations WHERE ticket_id = $id AND level = 1
              AND state = 'passed_up' AND resolution_note = 'Beyond my authority'")" = 1 ] ||
	tt_fail "the kept reason was not sent: $(tt_val "SELECT level, state, resolution_note FROM escalations WHERE ticket_id = $id")"
[ -z "$(ls "$TT_STATE_DIR/ticketty/drafts" 2>/dev/null)" ] ||
	tt_fail "a draft outlived the step: $(ls "$TT_STATE_DIR/ticketty/drafts")"
tt_keys Q
tt_wait_for 'tt-exit=0'
