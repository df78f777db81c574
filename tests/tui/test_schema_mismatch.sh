#!/bin/sh
# A schema this ticketty cannot use is no network outage (80x24): the
# status line says briefly which case it is and when it is checked again
# (every 30 s, not the outage's backoff from 1 s), the view shows the
# whole problem wrapped, with what to do, and :messages holds it whole.
# Newer than the binary: install the new ticketty; R checks at once once
# it is mended. Older: ask an administrator to run 'ticketty db migrate';
# once migrated, the TUI reconnects by itself at the next check. So are
# SQL functions of another build (the function files differ). A real
# outage meanwhile is still one: retried with the outage's banner. A
# database made before the baseline is said whole too. The
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

# ---- newer than this ticketty
schema_newer
tt_start
tt_wait_for 'this ticketty is too old \(:messages\), next check in (30|2[0-9])s'
schema_shown "this ticketty is older than the database (schema 9999, this program knows $SCHEMA_KNOWN): install the new version of ticketty"
tt_assert 'Checked again every 30 seconds; R checks now\.'
tt_refute 'unavailable|retrying'
# no attempt every 2 s: seconds later the same check is still ahead
tt_wait_for 'next check in 2[0-6]s'
tt_refute 'unavailable|retrying|connecting'
tt_messages_open
msgs=$(tt_screen_text)
echo "$msgs" | grep -Fq "this ticketty is older than the database (schema 9999, this program knows $SCHEMA_KNOWN): install the new version of ticketty" ||
	tt_fail ":messages does not hold the whole problem: $msgs"
tt_keys q
tt_wait_gone 'Messages, newest first'
# the server goes away: that is an outage again, retried as one
tt_sql "CHECKPOINT" >/dev/null
TT_PG_DOWN=1
sh "$PGTMP" kill "$PGTMP_DIR"
tt_keys R
tt_wait_for 'database unavailable, retrying in'
tt_refute 'too old'
sh "$PGTMP" startagain "$PGTMP_DIR" || tt_fail "cannot start the server again"
TT_PG_DOWN=""
TT_TIMEOUT=20 tt_wait_for 'this ticketty is too old \(:messages\), next check in'
schema_mended
tt_keys R
tt_wait_for 'reconnected to the database'
tt_wait_for 'Usable 0001'
tt_refute 'ticketty is older|too old|Checked again'
tt_keys Q
tt_wait_for 'tt-exit=0'

# ---- older than this ticketty
schema_older
tt_shell 'exec_tt'
tt_wait_for 'database needs migrating \(:messages\), next check in (30|2[0-9])s'
schema_shown "the database schema is version $SCHEMA_BEFORE but this ticketty needs $SCHEMA_KNOWN: ask an administrator to run 'ticketty db migrate'"
tt_refute 'unavailable|retrying'
tt_messages_open
msgs=$(tt_screen_text)
echo "$msgs" | grep -Fq "the database schema is version $SCHEMA_BEFORE but this ticketty needs $SCHEMA_KNOWN: ask an administrator to run 'ticketty db migrate'" ||
	tt_fail ":messages does not hold the whole problem: $msgs"
tt_keys q
tt_wait_gone 'Messages, newest first'
# an administrator migrates: no key pressed, the next check connects
schema_mended
TT_TIMEOUT=40 tt_wait_for 'reconnected to the database'
tt_wait_for 'Usable 0001'
tt_refute 'migrating|Checked again'
tt_keys Q
tt_wait_for 'tt-exit=0'

# ---- its functions are another build's (the function files differ)
schema_other_functions
tt_shell 'exec_tt'
tt_wait_for 'database needs migrating \(:messages\), next check in (30|2[0-9])s'
schema_shown "the database's SQL functions are not this ticketty's: ask an administrator to run 'ticketty db migrate'"
tt_refute 'unavailable|retrying'
schema_functions_mended
tt_keys R
tt_wait_for 'reconnected to the database'
tt_wait_for 'Usable 0001'
tt_refute 'migrating|Checked again'
tt_keys Q
tt_wait_for 'tt-exit=0'

# ---- made before the schema baseline (it records 041, folded into 040)
tt_sql "INSERT INTO schema_migrations (version, name) VALUES (41, 'escalation_checks')" >/dev/null
tt_shell 'exec_tt'
tt_wait_for 'unusable database \(:messages\), next check in (30|2[0-9])s'
schema_shown "the database was made by a pre-release ticketty, before the schema baseline, and cannot be upgraded in place"
tt_refute 'unavailable|retrying'
tt_messages_open
msgs=$(tt_screen_text)
echo "$msgs" | grep -Fq "cannot be upgraded in place: create a new database" ||
	tt_fail ":messages does not hold the whole problem: $msgs"
tt_keys Q
tt_wait_for 'tt-exit=0'
