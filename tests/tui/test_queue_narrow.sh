#!/bin/sh
# The queue at 80x24 (issue 17): the title gets the room the other
# columns can spare, the two waits read differently, severities 1 and 2
# have a name, the SLA column does not spend its width on "business",
# and the selected row's customer, assignee and whole title show on a
# detail line under the table.
. "$(dirname "$0")/lib.sh"

tt_db_create
tt_fixture
# Wednesday 2026-11-18 10:00 in New York, the clock standing still
tt_clock '2026-11-18 15:00+00' frozen
tt_tickets 1 1 "Ad server returns blank creatives for every placement on the homepage"
tt_tickets 1 2 "Reporting dashboard totals differ"
tt_tickets 2 3 "Slow"
tt_sql "UPDATE tickets SET status = 'waiting_customer' WHERE title = 'Slow 0001';
        UPDATE tickets SET status = 'waiting_engineering', bug_ref = 'ENG-1' WHERE title = 'Slow 0002';
        UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = 'postgres')
         WHERE severity = 1"

tt_start
tt_wait_for 'Slow 0002'
tt_screen
