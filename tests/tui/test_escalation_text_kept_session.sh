#!/bin/sh
# A pass-up reason is kept as a draft under the command line's name
# (escalation-up-ID) and the escalations view and `ticketty escalation up`
# share it: one written on the command line (which then failed) shows
# in the view after a reload, as "(unsent text kept)", and `u` offers
# it; the view keeps it the moment it is given, so when the step fails
# (here on a row another session holds) the command line's editor opens
# on the view's text, and when the terminal is then gone (tmux killed, as
# an SSH session drops) a new session offers it again. Once it is sent
# nothing is kept. (The view kept such texts in its memory only.)
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
writer=$(mktemp "${TMPDIR:-/tmp}/tt-editor.XXXXXX")
reader=$(mktemp "${TMPDIR:-/tmp}/tt-editor.XXXXXX")
seen="$TT_STATE_DIR/seen"
printf 'database = { lock_timeout_ms = 1500; };\n' > "$conf"
# one editor writes the reason, the other records what it was opened on
printf '#!/bin/sh\nprintf "Beyond my authority" > "$1"\n' > "$writer"
printf '#!/bin/sh\ncat "$1" > "%s"\n' "$seen" > "$reader"
chmod +x "$writer" "$reader"
trap 'rm -f "$conf" "$writer" "$reader"; tt_cleanup' EXIT
# `ticketty escalation up ID` on a terminal (script(1) gives it one),
# failing on a database that does not exist, so what was written is kept
cli_up() {
	EDITOR=$1 script -qec "'$TICKETTY_BIN' --db='dbname=${TT_DB}_absent' escalation up $id" /dev/null
}

TT_ENV="TICKETTY_CONFIG=$conf" tt_start "--db='dbname=$TT_DB user=kept_csm'"
tt_wait_for 'Kept 0001'
tt_keys 2
tt_wait_for 'CSM \(1\)'
tt_wait_for "^#$id Kept 0001"
tt_refute '\(unsent text kept\)'

# written on the command line, which fails: the view finds it on reload
out=$(cli_up "$writer" 2>&1) && tt_fail "escalation up reached a database that does not exist"
case "$out" in *"what you wrote is kept"*) ;; *) tt_fail "the command line did not keep the text: $out" ;; esac
[ -f "$TT_STATE_DIR/ticketty/drafts/text-escalation-up-$id.draft" ] ||
	tt_fail "no draft under the command line's name: $(ls "$TT_STATE_DIR/ticketty/drafts" 2>&1)"
tt_keys R
tt_wait_for '\(unsent text kept\)'

# the view offers it; added to and refused (the row is held), it is kept
tt_hold "SELECT id FROM ticketty.tickets FOR UPDATE"
tt_keys u
tt_wait_for '^Reason to pass it up: Beyond my authority *$'
tt_keys -l ' and budget'
tt_keys Enter
tt_wait_for '^ticket [0-9]+ is (held by [^:]+|being changed in anoth)'
tt_release
# the command line's editor opens on the view's text
cli_up "$reader" >/dev/null 2>&1 && tt_fail "escalation up reached a database that does not exist"
grep -qx 'Beyond my authority and budget' "$seen" ||
	tt_fail "the editor did not open on the view's text: $(cat "$seen" 2>&1)"

# the session is gone, as an SSH connection drops
tt_hangup
TT_ENV="TICKETTY_CONFIG=$conf" tt_start "--db='dbname=$TT_DB user=kept_csm'"
tt_wait_for 'Kept 0001'
tt_keys 2
tt_wait_for "^#$id Kept 0001"
tt_wait_for '\(unsent text kept\)'
tt_keys u
tt_wait_for '^Reason to pass it up: Beyond my authority and budget *$'
tt_keys Enter
tt_wait_for "#$id: escalation passed up to COO"
[ "$(tt_val "SELECT count(*) FROM escalations WHERE ticket_id = $id AND level = 1
              AND state = 'passed_up' AND resolution_note = 'Beyond my authority and budget'")" = 1 ] ||
	tt_fail "the kept reason was not sent: $(tt_val "SELECT level, state, resolution_note FROM escalations WHERE ticket_id = $id")"
[ -z "$(ls "$TT_STATE_DIR/ticketty/drafts" 2>/dev/null)" ] ||
	tt_fail "a draft outlived the step: $(ls "$TT_STATE_DIR/ticketty/drafts")"
tt_keys Q
tt_wait_for 'tt-exit=0'
