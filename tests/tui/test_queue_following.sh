#!/bin/sh
# The "following" quick filter (`f`): only the tickets the agent follows as
# a collaborator, shown in the status line, combining with the others;
# `ticketty queue --following` lists the same tickets.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00'   # a Wednesday, 10:00 in New York
tt_tickets 4 3 "Row"
tt_sql "INSERT INTO ticket_collaborators (ticket_id, agent_id)
        SELECT t.id, a.id FROM tickets t, agents a
         WHERE t.title IN ('Row 0002', 'Row 0004') AND a.login = 'postgres'" >/dev/null
tt_start
tt_wait_for 'Row 0003'
tt_keys f
tt_wait_for 'filters: following'
tt_wait_gone 'Row 0003'
tt_assert 'Row 0002'
tt_assert 'Row 0004'
tt_refute 'Row 0001'
# combines with the text filter
tt_keys /
tt_wait_for 'Filter'
tt_keys -l '0004'
tt_keys Enter
tt_wait_for 'following.*text "0004"|text "0004".*following'
tt_wait_gone 'Row 0002'
tt_assert 'Row 0004'
# a ticket followed by another process appears without a key press
tt_keys C
tt_wait_for 'Row 0001'
tt_keys f
tt_wait_gone 'Row 0001'
tt_sql "INSERT INTO ticket_collaborators (ticket_id, agent_id)
        SELECT t.id, a.id FROM tickets t, agents a WHERE t.title = 'Row 0001' AND a.login = 'postgres';
        SELECT pg_notify('ticketty', '{\"ticket\":1,\"kind\":\"collaborator.add\"}')" >/dev/null
tt_wait_for 'Row 0001'
tt_refute 'Row 0003'
tt_keys Q
tt_wait_for 'tt-exit=0'

# the CLI twin
out=$("$TICKETTY_BIN" --db "dbname=$TT_DB" queue --following) || tt_fail "queue --following failed"
echo "$out" | grep -q 'Row 0002' || tt_fail "queue --following misses Row 0002: $out"
echo "$out" | grep -q 'Row 0003' && tt_fail "queue --following lists Row 0003: $out"
exit 0
