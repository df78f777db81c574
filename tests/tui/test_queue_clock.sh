#!/bin/sh
# On an idle screen the queue's SLA figures count down from the
# database's clock (a running clock_pin, a few seconds before a
# deadline) and the row turns breached the moment its deadline passes,
# without a key press or a notification.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
tt_sql "INSERT INTO clock_pin (pinned_at, set_at, frozen) VALUES ('2027-03-14 06:59:50+00', now(), false)"
tt_sql "
INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
                     phone, calendar_id, plan, created_at, first_response_due, resolution_due)
SELECT c.id, ct.id, rt.id, rt.team_id, 1, 1, x.title, 'd', 'i', '{42}', 1001, 'r', 'Firefox 128',
       'Linux 6', '+1 555 0100', c.calendar_id, c.plan, tt_now() + x.left_ - interval '1 hour',
       tt_now() + x.left_, tt_now() + interval '1 day'
  FROM (VALUES ('Soon 0001', interval '6 seconds'), ('Later 0001', interval '40 minutes')) x(title, left_)
  JOIN customers c ON c.name = 'Acme Media'
  JOIN contacts ct ON ct.customer_id = c.id
  JOIN request_types rt ON rt.key = 'ad_serving';"
tt_start
tt_wait_for 'Soon 0001'
line=$(tt_screen | grep 'Soon 0001')
case "$line" in
*'!!'*|*breached*) tt_fail "breached before its deadline: $line" ;;
esac
# the figure moves on its own (seconds left fall)
first=$(echo "$line" | grep -Eo '[0-9]+s' | head -1)
[ -n "$first" ] || tt_fail "no seconds figure: $line"
tt_wait_for 'Soon 0001' # still there
tt_wait_gone " $first .*Soon 0001"
# and the row turns breached at the deadline, on the idle screen (the
# narrow SLA column keeps the marker and the figure)
tt_wait_for '!! -[0-9]+s .*Soon 0001'
tt_assert ' ok 3[0-9]m .*Later 0001'
tt_keys Q
tt_wait_for 'tt-exit=0'
