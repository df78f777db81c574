#!/bin/sh
# The intake form's duplicate hint: once the customer and a title close
# to an open ticket's (or a shared object ID) are in, the form names the
# likely duplicate; Ctrl-O lists them, Enter opens one instead, and back
# in the form nothing typed is lost. Another customer's ticket and closed
# tickets are never offered.
TT_COLS=120
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"

tt_db_create
tt_fixture
tt_clock '2026-11-18 15:00+00' running   # a Wednesday, 10:00 in New York
tt_tickets 3 2 "Existing"
tt_sql "UPDATE tickets SET title = 'Placements render blank since this morning' WHERE id = 1;
        UPDATE tickets SET title = 'Placements render blank since noon', status = 'closed',
                           resolved_at = created_at, closed_at = created_at WHERE id = 2;
        UPDATE tickets SET object_ids = '{78}', title = 'Budget not applied' WHERE id = 3;
        INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                             title, description, impact, object_ids, member_id, repro_steps, browser, os,
                             calendar_id, plan, created_at, first_response_due, resolution_due)
        SELECT c.id, ct.id, t.request_type_id, t.team_id, 1, 3, t.title, 'd', 'i', '{77}', 1002, 'r',
               'Firefox 128', 'Linux 6', c.calendar_id, c.plan, t.created_at, t.first_response_due,
               t.resolution_due
          FROM tickets t, customers c JOIN contacts ct ON ct.customer_id = c.id
         WHERE t.id = 1 AND c.name = 'Zeta Ads';" >/dev/null

tt_start
tt_wait_for 'Existing|Placements'
tt_keys n
tt_wait_for 'Customer \*'
intake_type "acme" 'Acme Media +premium'
tt_keys Enter
tt_wait_for 'Carla Contact <carla'
tt_refute 'Likely duplicate'
tt_keys Enter
intake_type "ad serv" 'Ad serving issue +→ Client Services'
tt_keys Enter
intake_type "bug" '^ +Bug'
tt_keys Enter
intake_type "3" '3 High'
tt_keys Enter
intake_type "Placements render blank" 'Title \* +Placements render blank'
tt_keys Enter
tt_wait_for 'Likely duplicate \(.+ lists it\): #1 Placements render blank since this morning'
tt_refute '#2 |#4 '
tt_keys Tab
tt_keys Tab
intake_type "77, 78" 'Object IDs \* +77, 78'
tt_keys Tab
tt_wait_for 'Likely duplicates \(.+ lists them\): #3 Budget not applied · #1 Placements'

tt_keys C-o
tt_wait_for '2 likely duplicates'
tt_assert '#3  new  2 Urgent  Budget not applied  \(shares 78\)'
tt_assert '#1  new  2 Urgent  Placements render blank since this morning'
tt_refute '#4  '
tt_keys j
tt_keys Enter
tt_wait_for '#1  Placements render blank since this morning'
tt_keys q
tt_wait_for '2 likely duplicates'
tt_keys q
tt_wait_for 'Title \* +Placements render blank'
tt_assert 'Object IDs \* +77, 78'
tt_keys Escape
tt_wait_for 'Keep the draft'
tt_keys n   # one key answers
tt_wait_for 'draft discarded'
tt_keys Q
tt_wait_for 'tt-exit=0'
