#!/bin/sh
# Over a slow link (issue 17): at 80x24 a cursor move writes at most 300
# bytes to the terminal in the queue, and a full repaint of every view
# (queue, escalations, inbox, dashboard, notifications, ticket, intake
# form, search, help) at most 8 KB.
# The real binary runs under a pty of the harness tests/bench/tty_bytes.py
# (--check exits 1 above a goal), on the demo data (300 tickets, a few
# escalations on every level) at a frozen instant, so no countdown moves
# while it counts. Before, the selected row was reverse video over its
# whole width and a move rewrote both rows (~200 bytes; ~390 in all).
# The escalations view is held to the same 300 bytes a move, and its
# pane, which shows the selected escalation's title, reasons and chain in
# full, to 1 KB once the cursor rests on it. Every live escalation's
# reason is made three times the demo's here, so that a pane drawn on
# every move would pass 300 bytes on every move (it did, before the pane
# waited for the cursor to rest: ~30 bytes of list marks, then the pane).
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
"$TICKETTY_BIN" --db "dbname=$TT_DB" db seed-demo --tickets 300 >/dev/null ||
	tt_fail "cannot load the demo data"
tt_sql "INSERT INTO agents (login, display_name, role, team_id)
        SELECT 'postgres', 'Pat Postgres', 'engineer', id FROM teams WHERE key = 'client_services'
        ON CONFLICT DO NOTHING" >/dev/null
tt_sql "UPDATE escalations SET reason = reason || ' Again: ' || reason || ' Once more: ' || reason
        WHERE state IN ('open', 'acknowledged')" >/dev/null
tt_client_script   # ticketty at the database's frozen instant
out="${TMPDIR:-/tmp}/tt-bytes-$$"
home=$(mktemp -d "${TMPDIR:-/tmp}/tt-bytes-home.XXXXXX")   # no personal ticketty.conf
if HOME="$home" IDLE_S=0 ROUNDS=8 \
	timeout 90 python3 "$(dirname "$0")/../bench/tty_bytes.py" --check "$TT_CLIENT" "dbname=$TT_DB" 80 24 >"$out" 2>&1; then
	rc=0
else
	rc=$?
fi
grep -q 'queue cursor one row' "$out" && grep -q 'escalations cursor one row' "$out" ||
	{ cat "$out" >&2; rm -rf "$out" "$home"; tt_fail "the harness did not measure both views (exit $rc)"; }
for v in inbox dashboard notifications ticket intake search help; do
	grep -q "^80x24 $v full repaint (Ctrl-L): [0-9]* bytes" "$out" ||
		{ cat "$out" >&2; rm -rf "$out" "$home"; tt_fail "the harness did not repaint the $v view (exit $rc)"; }
done
[ "$rc" -eq 0 ] || { cat "$out" >&2; rm -rf "$out" "$home"; tt_fail "bytes over the goals (exit $rc)"; }
rm -rf "$out" "$home"
