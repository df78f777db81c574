#!/bin/sh
# The dashboard (`4`) left open on an idle desk: a deadline that passes
# with nothing written sends no notification, so the dashboard went on
# showing "past due 0" for an emergency nobody had answered, until some
# other change came (it read its figures only then). It now reads them
# again at the instant the next deadline falls due.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dashboard_lib.sh"

tt_db_create
dash_fixture
# the clock runs from Friday 2027-03-12 12:00 (New York); Zeta Ads' new
# emergency (1 hour round the clock) is due 6 seconds from now
tt_clock '2027-03-12 12:00 America/New_York' running
tt_sql "INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                             title, description, impact, object_ids, member_id, repro_steps, browser, os,
                             phone, calendar_id, plan, created_at, updated_at)
        SELECT c.id, ct.id, rt.id, tm.id, 1, 1, 'Checkout down', 'd', 'i', '{42}', c.member_id, 'r',
               'Firefox 128', 'Linux 6', '+1 555 0100', c.calendar_id, c.plan,
               tt_now() - interval '1 hour' + interval '6 seconds', tt_now() - interval '1 hour' + interval '6 seconds'
          FROM customers c JOIN contacts ct ON ct.customer_id = c.id
          JOIN request_types rt ON rt.key = 'ad_serving' JOIN teams tm ON tm.key = 'client_services'
         WHERE c.name = 'Zeta Ads'" >/dev/null
tt_start
tt_wait_for 'Late answer|Old report|Checkout down'
tt_keys 4
# nothing waits for a first response yet
tt_wait_for 'first response +.*  50\.0%  66\.7% 1      0$'
# the due passes: past due without a key or a change in the database
tt_wait_for 'first response +.*  50\.0%  66\.7% 1      1$'
# the breaches by customer count it (Zeta Ads: #3's update and resolution
# past due, and now this first response), the ticket reads breached
tt_wait_for '│ Zeta Ads +3 '
tt_assert '^#4 +1 Critical +1h 00m +breached +Zeta Ads +Checkout down'
