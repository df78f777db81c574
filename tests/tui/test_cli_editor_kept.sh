#!/bin/sh
# What an agent writes in $EDITOR for `ticket reply` on a terminal is not
# lost when the reply is refused (here a stale --version): the CLI says
# where it is kept, the same command opens the editor on it, and once the
# reply is sent the draft is gone. (The text was thrown away with the
# refusal.)
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 1 3 "Kept"
id=$(tt_val "SELECT min(id) FROM tickets")
state=$(mktemp -d "${TMPDIR:-/tmp}/tt-state.XXXXXX")
editor=$(mktemp "${TMPDIR:-/tmp}/tt-editor.XXXXXX")
seen="$state/seen"
cat >"$editor" <<EOS
#!/bin/sh
# what the editor opened on, then the agent's answer
cat "\$1" >> "$seen"
echo '--' >> "$seen"
printf 'A careful answer the customer waits for.\n' > "\$1"
EOS
chmod +x "$editor"
trap 'rm -rf "$editor" "$state"; tt_cleanup' EXIT INT TERM

TT_ENV="EDITOR=$editor XDG_STATE_HOME=$state" tt_start ticket reply "$id" --version 99
tt_wait_for 'tt-exit=75'
tt_assert 'what you wrote is kept'
[ -f "$state/ticketty/drafts/text-reply-$id.draft" ] || tt_fail "no draft was kept"
[ "$(tt_val "SELECT count(*) FROM comments WHERE ticket_id = $id")" = 0 ] || tt_fail "the refused reply was stored"

tt_shell "exec_tt ticket reply $id"
tt_wait_for 'tt-exit=0'
# the editor opened on the kept answer, not on an empty file
[ "$(sed -n 2p "$seen")" = "A careful answer the customer waits for." ] ||
	tt_fail "the editor did not open on the kept text: $(cat "$seen")"
[ "$(tt_val "SELECT body FROM comments WHERE ticket_id = $id")" = "A careful answer the customer waits for." ] ||
	tt_fail "the reply was not stored"
[ ! -f "$state/ticketty/drafts/text-reply-$id.draft" ] || tt_fail "the draft outlived the sent reply"
