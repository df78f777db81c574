#!/bin/sh
# Read-only work on a streaming standby (pg_basebackup -R): the CLI's
# escalations, report, queue and ticket show print on the standby exactly
# what they print on the primary; `target_session_attrs=prefer-standby`
# (the documented set-up for read-only terminals) lands on the standby; a
# write reaching the standby is refused with a message naming it, exit 69,
# never 70; the TUI on the standby shows the escalations view and says that
# it is a standby without live refresh.
. "$(dirname "$0")/rig.sh"
: "${TICKETTY_BIN:?run through tests/ha/run.sh}"
export PGUSER=postgres
T=$TICKETTY_BIN

ha_primary a
ha_template a
ha_standby b a
ha_sync a
ha_wait_streaming a
ha_psql a postgres "CREATE DATABASE ha TEMPLATE ticketty_template" >/dev/null || ha_fail "create database"
A="host=$HA_DIR/a dbname=ha"
B="host=$HA_DIR/b dbname=ha"
"$T" --db "$A" db seed-demo --tickets 300 --seed 7 >/dev/null || ha_fail "seed-demo"
# the clock frozen at the end of the seed, so both servers answer for the
# same instant (the demo data is laid out relative to it)
ha_psql a ha "INSERT INTO ticketty.clock_pin (pinned_at, set_at, frozen) VALUES (now(), now(), true);
              INSERT INTO ticketty.agents (login, display_name, role) VALUES ('postgres', 'Pat Lead', 'coo')" \
	>/dev/null || ha_fail "clock pin / agent"
ha_caught_up a b

out="$HA_DIR/out"
mkdir -p "$out"
# same answers from both servers
for cmd in "escalations" "report sla" "queue --limit 20" \
           "ticket show 3" "escalations --json"; do
	f=$(echo "$cmd" | tr -c 'a-z0-9\n' '_')
	"$T" --db "$A" $cmd >"$out/$f.a" 2>&1 || ha_fail "on the primary: $cmd: $(cat "$out/$f.a")"
	"$T" --db "$B" $cmd >"$out/$f.b" 2>&1 || ha_fail "on the standby: $cmd: $(cat "$out/$f.b")"
	[ -s "$out/$f.a" ] || ha_fail "$cmd printed nothing"
	cmp -s "$out/$f.a" "$out/$f.b" || ha_fail "$cmd differs on the standby: $(diff "$out/$f.a" "$out/$f.b" | head)"
done
grep -q 'CSM\|csm' "$out/escalations.a" || ha_fail "no escalation in the demo data: $(head -5 "$out/escalations.a")"

# prefer-standby picks the standby while both are up (libpq also opens and
# drops a connection to the primary on the way; the refused note below
# proves the session itself is on the standby)
conns() { grep -c 'connection authorized: user=postgres database=ha' "$HA_DIR/$1/server.log"; }
before_b=$(conns b)
"$T" --db "host=$HA_DIR/a,$HA_DIR/b dbname=ha target_session_attrs=prefer-standby" escalations >"$out/pref" 2>&1 ||
	ha_fail "escalations with prefer-standby: $(cat "$out/pref")"
cmp -s "$out/pref" "$out/escalations.a" || ha_fail "prefer-standby answered differently"
[ "$(conns b)" -gt "$before_b" ] || ha_fail "prefer-standby did not reach the standby"

# writes that reach the standby: refused, clearly, 69
for cmd in "ticket note 3 --message standby-note" "ticket take 3" "db migrate"; do
	"$T" --db "$B" $cmd >"$out/w" 2>&1
	rc=$?
	[ "$rc" = 69 ] || ha_fail "$cmd on the standby: exit $rc (want 69): $(cat "$out/w")"
	grep -q 'a read-only standby: changes need the primary' "$out/w" ||
		ha_fail "$cmd on the standby: unclear message: $(cat "$out/w")"
done
"$T" --db "host=$HA_DIR/a,$HA_DIR/b dbname=ha target_session_attrs=prefer-standby" \
	ticket note 3 --message pref-note >"$out/w" 2>&1
[ $? = 69 ] || ha_fail "a note through prefer-standby was not refused with 69: $(cat "$out/w")"
[ "$(ha_psql a ha "SELECT count(*) FROM ticketty.comments WHERE body LIKE '%-note'")" = 0 ] ||
	ha_fail "a note refused on the standby reached the database"
# the same note through read-write lands on the primary, once
"$T" --db "host=$HA_DIR/b,$HA_DIR/a dbname=ha target_session_attrs=read-write" \
	ticket note 3 --message rw-note >"$out/w" 2>&1 || ha_fail "note through read-write: $(cat "$out/w")"
[ "$(ha_psql a ha "SELECT count(*) FROM ticketty.comments WHERE body = 'rw-note'")" = 1 ] ||
	ha_fail "the read-write note is not there once"

# the TUI on the standby: escalations view, and it says it is a standby
export PGHOST="$HA_DIR/b" TICKETTY_TEST_TEMPLATE=unused
. "$(dirname "$0")/../tui/lib.sh"
TT_DB=ha
trap 'tt_cleanup; ha_cleanup' EXIT
tt_start
tt_wait_for 'read-only standby'
tt_keys 2
tt_wait_for 'CSM \([0-9]+\)'
tt_keys a
# the status line keeps what explains the refusal at 80 columns
tt_wait_for 'this database is a read-only standby: changes need the'
tt_keys Q
tt_wait_for 'tt-exit=0'
echo "standby: reads identical, prefer-standby on the standby, writes refused (69)"
