#!/bin/sh
# A change that waited too long for a ticket's row says who holds it: the
# agent and the program of the session that has the row (here Olga, whose
# take runs in an open transaction on her laptop): "ticket N is held by
# Olga Other: try again" on the status line, the program and the wait in
# :messages ("(in olga-laptop) (waited 1.5 s, ...)"). Before, only "is
# being changed in another session": the engineer could not tell whom to
# ask. Once Olga's session ends, t works.
# needs: server timers (lock_timeout; skipped under libfaketime)
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_role olga engineer
tt_tickets 2 3 "Locked"
id=$(tt_val "SELECT min(id) FROM tickets")
conf="$TT_STATE_DIR/lock.conf"
printf 'database = { lock_timeout_ms = 1500; };\n' >"$conf"

# Olga's session takes the ticket and leaves its transaction open
PGAPPNAME=olga-laptop psql -qX -U olga -d "$TT_DB" \
	-c "BEGIN; SELECT ticketty.api_ticket_take($id, NULL); SELECT pg_sleep(120); COMMIT" >/dev/null 2>&1 &
TT_HOLDER=$!
tt_deadline=$(( $(date +%s) + TT_TIMEOUT )) tt_polls=0
until [ "$(tt_val "SELECT count(*) FROM pg_stat_activity
                   WHERE datname = '$TT_DB' AND wait_event = 'PgSleep'")" -ge 1 ]; do
	tt_waited && tt_fail "Olga's session never took the row"
	sleep 0.1
done

TT_ENV="TICKETTY_CONFIG=$conf" tt_start
tt_wait_for 'Locked 0002'
tt_wait_line 3 "^ +$id "
tt_keys t
tt_wait_for "^ticket $id is held by Olga Other: try again"
tt_messages_open
case "$(tt_screen_text)" in
*"ticket $id is held by Olga Other (in olga-laptop) (waited 1.5 s, database.lock_timeout_ms): try again"*) ;;
*) tt_fail "the whole refusal is not in :messages" ;;
esac
tt_keys q

# Olga's session ends without taking it: t takes it
tt_release
tt_keys t
tt_wait_for "ticket $id is yours"
[ "$(tt_val "SELECT a.login FROM tickets t JOIN agents a ON a.id = t.assignee_id WHERE t.id = $id")" = postgres ] ||
	tt_fail "the ticket is not Pat's"
