#!/bin/sh
# `ticket status ID waiting_customer --message -` on a terminal writes the
# question to the customer in $EDITOR; a refusal (here a stale --version)
# keeps it (draft text-ask-ID), the same command opens the editor on it,
# and once it is sent the ticket waits on the customer, the question
# mailed as request_info, and the draft is gone.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 1 3 "Ask"
id=$(tt_val "SELECT min(id) FROM tickets")
tt_sql "UPDATE tickets SET status = 'in_progress', acknowledged_at = tt_now(), version = version + 1" >/dev/null
state=$(mktemp -d "${TMPDIR:-/tmp}/tt-state.XXXXXX")
editor=$(mktemp "${TMPDIR:-/tmp}/tt-editor.XXXXXX")
seen="$state/seen"
cat >"$editor" <<EOS
#!/bin/sh
# what the editor opened on, then the agent's question
cat "\$1" >> "$seen"
echo '--' >> "$seen"
printf 'Which browser do you use?\n' > "\$1"
EOS
chmod +x "$editor"
trap 'rm -rf "$editor" "$state"; tt_cleanup' EXIT INT TERM

TT_ENV="EDITOR=$editor XDG_STATE_HOME=$state" tt_start ticket status "$id" waiting_customer --message - --version 99
tt_wait_for 'tt-exit=75'
tt_assert 'what you wrote is kept'
[ -f "$state/ticketty/drafts/text-ask-$id.draft" ] || tt_fail "no draft was kept"
[ "$(tt_val "SELECT status FROM tickets WHERE id = $id")" = in_progress ] || tt_fail "the refused question changed the status"

tt_shell "exec_tt ticket status $id waiting_customer -m -"
tt_wait_for 'tt-exit=0'
# the editor opened on the kept question, not on an empty file
[ "$(sed -n 2p "$seen")" = "Which browser do you use?" ] ||
	tt_fail "the editor did not open on the kept text: $(cat "$seen")"
[ "$(tt_val "SELECT status || ' ' || (SELECT string_agg(kind, ',') FROM mail_outbox WHERE ticket_id = $id)
              FROM tickets WHERE id = $id")" = "waiting_customer request_info" ] ||
	tt_fail "the ticket is not waiting on the customer with the question mailed"
[ ! -f "$state/ticketty/drafts/text-ask-$id.draft" ] || tt_fail "the draft outlived the sent question"
