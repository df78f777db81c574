#!/bin/sh
# Quick filters (mine, unassigned, my team, breached, waiting, all states)
# and the / text filter combine and show in the status line.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' frozen   # a Wednesday, 10:00 in New York
tt_tickets 4 3 "Row"
# created a month ago: every deadline has passed
tt_tickets 1 3 "Row 000" "30 days"
tt_sql "UPDATE tickets SET title = 'Row 0005' WHERE title = 'Row 000 0001'" >/dev/null
tt_tickets 1 3 "Row 000" "1 hour"
tt_sql "UPDATE tickets SET title = 'Row 0006' WHERE title = 'Row 000 0001'" >/dev/null
tt_sql "
UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'postgres') WHERE title IN ('Row 0001', 'Row 0002');
UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'olga') WHERE title = 'Row 0003';
UPDATE tickets SET status = 'waiting_customer', waiting_since = tt_now() WHERE title IN ('Row 0002', 'Row 0004');
UPDATE tickets SET status = 'closed', closed_at = tt_now(), resolved_at = tt_now(), title = 'Old needle' WHERE title = 'Row 0006';
UPDATE tickets SET team_id = (SELECT id FROM teams WHERE key = 'ad_quality'), title = 'Needle in AQ' WHERE title = 'Row 0003';
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity, title, description,
                     impact, object_ids, member_id, repro_steps, browser, os, calendar_id, plan,
                     first_response_due, resolution_due)
SELECT c.id, ct.id, 8, 4, 1, 4, 'Zeta problem', 'd', 'i', '{1}', 1002, 'r', 'Firefox 128', 'Linux 6.1', c.calendar_id, c.plan,
       tt_now() + interval '3 hours', tt_now() + interval '9 days'
  FROM customers c JOIN contacts ct ON ct.customer_id = c.id WHERE c.name = 'Zeta Ads';"
tt_start
tt_wait_for 'Row 0001'
tt_assert 'all open tickets'
tt_refute 'Old needle'

tt_keys m
tt_wait_for 'filters: mine'
tt_assert 'Row 0001'
tt_assert 'Row 0002'
tt_refute 'Row 0004'
tt_refute 'Needle in AQ'

tt_keys w
tt_wait_for 'filters: mine, waiting'
tt_assert 'Row 0002'
tt_refute 'Row 0001'
tt_keys m
tt_wait_for 'filters: waiting'
tt_assert 'Row 0004'
tt_assert 'Row 0002'
tt_refute 'Row 0001'
tt_keys w

tt_keys u
tt_wait_for 'filters: unassigned'
tt_assert 'Row 0004'
tt_assert 'Zeta problem'
tt_refute 'Row 0001'
tt_refute 'Needle in AQ'
tt_keys u

tt_keys b
tt_wait_for 'filters: breached'
tt_assert 'Row 0005'
# SLA marker and business time past the deadline, readable without colour
tt_assert '^ +5 3 High +!! -[0-9][0-9dhm]* +new +Acme Media +Row 0005'
tt_refute 'Row 0004'
tt_keys b

tt_keys T
tt_wait_for 'filters: my team'
tt_assert 'Row 0001'
tt_refute 'Needle in AQ'
tt_keys T
tt_wait_for 'all open tickets'

tt_keys /
tt_wait_for 'Filter \(title or customer\)'
tt_keys -l 'needle'
tt_keys Enter
tt_wait_for 'filters: text "needle"'
tt_assert 'Needle in AQ'
tt_refute 'Old needle'
tt_refute 'Row 0001'
tt_keys A
tt_wait_for 'filters: text "needle", all states'
tt_assert 'Old needle'
tt_assert 'closed'
tt_keys C
tt_wait_for 'all open tickets'

tt_keys /
tt_keys -l 'zeta'
tt_keys Enter
tt_wait_for 'filters: text "zeta"'
tt_assert 'Zeta problem'
tt_refute 'Row 0001'
# the text filter combines with a quick filter; nothing matches both
tt_keys m
tt_wait_for 'no ticket matches the filters'
tt_keys Q
tt_wait_for 'tt-exit=0'
