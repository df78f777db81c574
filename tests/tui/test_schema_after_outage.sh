#!/bin/sh
# The schema is checked again after an outage, on the connection the TUI
# already had (80x24): the database was upgraded by a newer ticketty
# while the session was open, then the server went down and came back.
# Reconnecting must not carry on as if nothing changed: the status line
# says this ticketty is too old, the view shows the whole problem, and
# once the schema is mended R reconnects and the queue comes back. The
# server is always started again, even when this test fails midway.
. "$(dirname "$0")/lib.sh"

[ -n "${PGTMP_DIR:-}" ] || { echo "skipped: needs the test cluster (PGTMP_DIR)"; exit 0; }
PGTMP="$(dirname "$0")/../lib/pgtmp.sh"
TT_PG_DOWN=""
schema_cleanup() {
	[ -n "$TT_PG_DOWN" ] && sh "$PGTMP" startagain "$PGTMP_DIR"
	tt_cleanup
}
trap schema_cleanup EXIT
. "$(dirname "$0")/schema_lib.sh"

tt_start
tt_wait_for 'Usable 0001'
# a newer ticketty migrates the database while this session is open
schema_newer
tt_sql "CHECKPOINT" >/dev/null
TT_PG_DOWN=1
sh "$PGTMP" kill "$PGTMP_DIR"
tt_keys R
tt_wait_for 'database unavailable, retrying in'
sh "$PGTMP" startagain "$PGTMP_DIR" || tt_fail "cannot start the server again"
TT_PG_DOWN=""
TT_TIMEOUT=20 tt_wait_for 'this ticketty is too old \(:messages\), next check in'
schema_shown "this ticketty is older than the database (schema 9999, this program knows $SCHEMA_KNOWN): install the new version of ticketty"
tt_refute 'reconnected to the database'
schema_mended
tt_keys R
tt_wait_for 'reconnected to the database'
tt_wait_for 'Usable 0001'
tt_refute 'too old|Checked again'
tt_keys Q
tt_wait_for 'tt-exit=0'
