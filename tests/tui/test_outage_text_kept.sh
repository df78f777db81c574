#!/bin/sh
# The database dies while an internal note is being written: the note is
# kept, and the status line says so at 80 columns for as long as the
# outage lasts (the banner leads with it, before the retry countdown and
# the server's words), and again when the connection is back, naming the
# key that sends it; that key then stores the note unchanged. The server
# is always started again, even when this test fails midway (other tests
# share the cluster).
. "$(dirname "$0")/lib.sh"

[ -n "${PGTMP_DIR:-}" ] || { echo "skipped: needs the test cluster (PGTMP_DIR)"; exit 0; }
PGTMP="$(cd "$(dirname "$0")/../lib" && pwd)/pgtmp.sh"
TT_PG_DOWN=""
# the editor, its flag and its log live in this test's own directory: a
# file left by another run can never stand for this one's
editor="$TT_STATE_DIR/editor"
flag="$TT_STATE_DIR/editor-killed"
killlog="$TT_STATE_DIR/editor-kill.log"
outage_cleanup() {
	[ -s "$killlog" ] && { echo "the editor's kill said:"; cat "$killlog"; } >&2
	[ -n "$TT_PG_DOWN" ] && sh "$PGTMP" startagain "$PGTMP_DIR"
	tt_cleanup
}
trap outage_cleanup EXIT

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Outage note"
# the cluster runs with synchronous_commit off: flush the fixture to disk
# before the immediate stop, or crash recovery would lose it
tt_sql "CHECKPOINT" >/dev/null

# the editor: the first time the server dies while the note is written;
# a kept text is sent back unchanged
cat >"$editor" <<EOS
#!/bin/sh
[ -s "\$1" ] && exit 0
printf 'Checked the logs of the ad server' > "\$1"
if [ ! -f "$flag" ]; then
	touch "$flag"
	sh "$PGTMP" kill "$PGTMP_DIR" 2>>"$killlog"
fi
EOS
chmod +x "$editor"

TT_ENV="EDITOR=$editor" tt_start
tt_wait_for 'Outage note 0001'
tt_keys Enter
tt_wait_for '#1  Outage note 0001'
TT_PG_DOWN=1
tt_keys c
tt_wait_for 'your text is kept; database unavailable'

sh "$PGTMP" startagain "$PGTMP_DIR" || tt_fail "cannot start the server again"
TT_PG_DOWN=""
TT_TIMEOUT=20 tt_wait_for 'reconnected to the database: your text is kept, c sends it'
n=$(tt_sql "SELECT count(*) FROM comments WHERE body = 'Checked the logs of the ad server'")
[ "$n" = 0 ] || tt_fail "the note was stored during the outage"

tt_keys c
tt_wait_for 'internal note added'
n=$(tt_sql "SELECT count(*) FROM comments WHERE body = 'Checked the logs of the ad server'")
[ "$n" = 1 ] || tt_fail "the kept note was not stored once ($n)"
tt_keys Q
tt_wait_for 'tt-exit=0'
