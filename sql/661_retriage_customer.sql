-- 661_retriage_customer.sql: a ticket filed under the wrong customer (a
-- frequent intake error) is re-triaged to the right one (DESIGN.md §5:
-- re-triage changes the intake fields; the customer is one of them).
--   * api_ticket_retriage takes `customer` (name or id, as intake does)
--     like any other field. The contact must then be that customer's
--     active authorised single point of contact, the rule intake applies
--     (intake_resolve on the merged ticket): a contact kept from the old
--     customer is refused on `contact` (other_customer), naming the
--     single points of contact to choose ("...; choose one of its
--     authorised contacts: Bob Buyer <bob@x>, Carla <carla@x>"); an
--     unknown or inactive customer is refused on `customer`. Before, `customer` was refused as fixed at intake.
--   * The calendar and the plan follow the customer. The SLA trigger
--     treats a change of calendar as a change of terms, as it treats one
--     of severity or plan: every undecided deadline is measured again from
--     created_at on the new calendar and plan, the customer's waits too;
--     stored outcomes stay. The update cadence is re-read on a change of
--     plan or calendar as well (it was only on severity and status).
--   * The audit event (retriage) shows the customer by name, from and to
--     ({"customer": {"from": "Acme Corp", "to": "Globex"}}), the contact
--     by name and address, as the timeline says them.
--   * An emergency moved to another customer tells that customer's CSM
--     and account representative, as at intake.
--   * Replaced whole: 480's api_ticket_retriage, 100's retriage_shown,
--     660's tickets_sla_update.
--   * Not changed: a live escalation keeps its holder (a level-1 holder
--     is the old customer's CSM until it is passed up or resolved).

SELECT set_config('search_path', 'ticketty', true);

