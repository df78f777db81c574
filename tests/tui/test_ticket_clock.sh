#!/bin/sh
# On an idle ticket view the deadline figures count down from the
# database's clock (a running clock_pin, a few seconds before the first
# response is due), the line turns "overdue" the moment the deadline
# passes, and the header's SLA state is read again then (breached),
# without a key press or a notification. The pin sits years away from the
# test machine's clock: a figure computed from the client's wall clock
# would be far off.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_sql "INSERT INTO clock_pin (pinned_at, set_at, frozen) VALUES ('2027-03-14 06:59:50+00', now(), false)"
tt_sql "
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
                     phone, calendar_id, plan, created_at, first_response_due, resolution_due)
SELECT c.id, ct.id, rt.id, rt.team_id, 1, 1, 'Clock 0001', 'd', 'i', '{42}', 1001, 'r',
       'Firefox 128', 'Linux 6', '+1 555 0100', c.calendar_id, c.plan,
       tt_now() - interval '1 hour', tt_now() + interval '8 seconds', tt_now() + interval '1 day'
  FROM customers c
  JOIN contacts ct ON ct.customer_id = c.id
  JOIN request_types rt ON rt.key = 'ad_serving'
 WHERE c.name = 'Acme Media';"
tt_start
tt_wait_for 'Clock 0001'
tt_keys Enter
tt_wait_for 'First response'
line=$(tt_screen | grep 'First response')
case "$line" in
*' in '*' s'*) ;;
*) tt_fail "no seconds left on the first response: $line" ;;
esac
tt_assert 'SLA (ok|at risk)'
first=$(echo "$line" | grep -Eo 'in [0-9]+ s')
# the figure moves on its own
tt_wait_gone "First response .*$first"
tt_wait_for 'First response .* in [0-9]+ s'
# the deadline passes on the idle screen: overdue, and the header's state
# comes from a fresh read
tt_wait_for 'First response .*overdue by [0-9]+ s'
tt_wait_for 'SLA breached'
tt_assert 'Resolution .* in 2[34] h'
tt_keys Q
tt_wait_for 'tt-exit=0'
