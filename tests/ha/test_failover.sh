#!/bin/sh
# Failover with `host=A,B target_session_attrs=read-write` (as PGHOST and
# PGTARGETSESSIONATTRS), twice: A is stopped fast and B promoted, then A
# comes back as B's standby, B is stopped immediate and A promoted. Each
# time the TUI has a half-typed intake form; the rest is typed and
# submitted while no primary exists. The TUI reconnects to the new
# primary, the form goes in exactly once, and it LISTENs again (a change
# made on the new primary shows without a key). Meanwhile a CLI loop
# writes notes: every note it reported written is there exactly once,
# none twice, and no attempt ever exits 70.
. "$(dirname "$0")/rig.sh"
: "${TICKETTY_BIN:?run through tests/ha/run.sh}"

ha_primary a
ha_template a
ha_standby b a
ha_sync a
ha_wait_streaming a

export PGHOST="$HA_DIR/a,$HA_DIR/b" PGUSER=postgres PGTARGETSESSIONATTRS=read-write
export TICKETTY_TEST_TEMPLATE=ticketty_template
TT_TIMEOUT=${TT_TIMEOUT:-20}
. "$(dirname "$0")/../tui/lib.sh"
. "$(dirname "$0")/../tui/intake_lib.sh"
LOOP_PID=""
trap '[ -n "$LOOP_PID" ] && kill $LOOP_PID 2>/dev/null; intake_cleanup; ha_cleanup' EXIT

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' running   # a Wednesday, 10:00 in New York
tt_tickets 1 3 "Noted"
ticket=$(tt_val "SELECT id FROM tickets WHERE title = 'Noted 0001'")

# the CLI loop: one note per attempt, each with its own text
NOTES="$HA_DIR/notes.log"
: >"$NOTES"
(
	i=0
	while [ ! -f "$HA_DIR/stop-notes" ]; do
		i=$((i + 1))
		"$TICKETTY_BIN" --db "dbname=$TT_DB" ticket note "$ticket" --message "ha-note-$i" \
			>/dev/null 2>>"$HA_DIR/notes.err"
		echo "$i $?" >>"$NOTES"
		sleep 0.05
	done
) &
LOOP_PID=$!
notes_ok() { grep -c ' 0$' "$NOTES"; }
wait_notes() { # at least N more notes written
	want=$(( $(notes_ok) + $1 ))
	deadline=$(( $(date +%s) + TT_TIMEOUT ))
	until [ "$(notes_ok)" -ge "$want" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && tt_fail "the note loop is stuck: $(tail -3 "$HA_DIR/notes.err")"
		sleep 0.1
	done
}

tt_start
tt_wait_for 'Noted 0001'

# half a form: the pickers (they read the database), then the title
half_form() {
	tt_keys n
	tt_wait_for 'Customer \*'
	intake_type "acme" 'Acme Media +premium'
	tt_keys Enter
	tt_wait_for 'Carla Contact <carla'
	tt_keys Enter
	intake_type "ad serv" 'Ad serving issue +→ Client Services'
	tt_keys Enter
	intake_type "bug" '^ +Bug'
	tt_keys Enter
	intake_type "3" '3 High'
	tt_keys Enter
	intake_type "$1" "Title \* +$1"
	tt_keys Enter
}
# the other half, typed while there is no primary, then Ctrl-S
rest_of_form() {
	intake_type "Every placement is blank since 9:00." 'blank since 9:00'
	tt_keys Tab
	intake_type "Spend stopped on all campaigns" 'Spend stopped'
	tt_keys Tab
	intake_type "77, 78" 'Object IDs \* +77, 78'
	tt_keys Tab
	tt_wait_for 'Member ID \* +1001 *$'   # Acme Media's own, filled in
	tt_keys Tab Tab Tab
	intake_type "1. open the page" '1. open the page'
	tt_keys Tab
	intake_type "Firefox 128.0" 'Firefox 128.0'
	tt_keys Tab
	intake_type "Linux 6.1" 'Linux 6.1'
	tt_keys C-s
}
# psql on whichever server is the primary now (PGHOST + read-write)
count_title() {
	intake_val "SELECT count(*) FROM tickets WHERE title = '$1'"
}
wait_ticket_once() {
	deadline=$(( $(date +%s) + 60 ))
	until [ "$(count_title "$1" 2>/dev/null)" = 1 ]; do
		[ "$(date +%s)" -ge "$deadline" ] && tt_fail "'$1' was not created after the failover"
		sleep 0.2
	done
	TT_TIMEOUT=60 tt_wait_for "new +Acme Media .*$(echo "$1" | cut -c1-12)"
}

# --- round 1: A stops (fast), B is promoted
wait_notes 3
half_form "Failover fast"
ha_stop a fast
rest_of_form
tt_wait_for 'unreachable|unavailable|lost|read-only'
tt_assert 'Failover fast'
grep -rq 'Failover fast' "$TT_DRAFTS" || tt_fail "no draft of the form during the outage"
ha_promote b
wait_ticket_once "Failover fast"
wait_notes 3

# --- round 2: A comes back as B's synchronous standby; B dies (immediate), A is promoted
ha_standby a b
ha_sync b
ha_wait_streaming b
wait_notes 3
half_form "Failover immediate"
ha_stop b immediate
rest_of_form
tt_wait_for 'unreachable|unavailable|lost|read-only'
ha_promote a
wait_ticket_once "Failover immediate"
wait_notes 3

# re-LISTENed on the new primary: a change shows without a key press
tt_tickets 1 1 "After failover"
tt_sql "SELECT pg_notify('ticketty', json_build_object('ticket', max(id), 'kind', 'created')::text) FROM tickets" >/dev/null
tt_wait_for 'After failover'

touch "$HA_DIR/stop-notes"
wait "$LOOP_PID"
LOOP_PID=""
for t in "Failover fast" "Failover immediate"; do
	[ "$(count_title "$t")" = 1 ] || tt_fail "'$t' is not there exactly once"
done
bad=$(awk '$2 != 0 && $2 != 69 && $2 != 75' "$NOTES")
[ -z "$bad" ] || tt_fail "note attempts with unexpected exit codes: $bad $(tail -3 "$HA_DIR/notes.err")"
written=$(awk '$2 == 0 { printf "%s'\''ha-note-%s'\''", sep, $1; sep = "," }' "$NOTES")
[ -n "$written" ] || tt_fail "no note written"
missing=$(intake_val "SELECT string_agg(w, ' ') FROM unnest(ARRAY[$written]) w
                      WHERE (SELECT count(*) FROM comments WHERE body = w) <> 1")
[ -z "$missing" ] || tt_fail "notes reported written but not there exactly once: $missing"
twice=$(intake_val "SELECT string_agg(body, ' ') FROM (SELECT body FROM comments WHERE body LIKE 'ha-note-%'
                     GROUP BY body HAVING count(*) > 1) d")
[ -z "$twice" ] || tt_fail "notes there twice: $twice"
failed=$(awk '$2 != 0' "$NOTES" | wc -l)
echo "failover: $(notes_ok) notes written and all there once, $failed attempts refused during the outages"
tt_keys Escape
tt_keys Q
tt_wait_for 'tt-exit=0'
