-- 740_escalation_csm_assigned.sql: a customer given a CSM takes the live
-- CSM levels of its tickets.
--   * A ticket moved at re-triage to a customer without an active CSM
--     keeps its live CSM level with the old customer's CSM (710: there is
--     nobody to hand it to; that CSM, active, still holds and acts on it,
--     and the COO, who ranks above, may act on it too). When the customer
--     was later given a CSM, 250's rule moved only what the customer's
--     previous CSM held, so the level stayed for good with someone who had
--     nothing more to do with the customer. The same held for a customer
--     whose CSM was taken away and another given later. Now, when a customer
--     gets an active CSM (assigned or changed), every live CSM level of its
--     tickets goes to that CSM unless the new CSM holds it already or it
--     was handed by hand to its holder (its last hand-over had a reason,
--     not a cause: escalation_handed_by_hand); what the previous CSM held
--     goes as before (cause csm_changed), the rest with cause csm_assigned
--     ("the customer has a CSM now"), audited and notified as 250 and 710
--     do. 250's customers_csm_hand_over is replaced whole.
--   * Meanwhile the level shows the holder it has, the old customer's
--     CSM, who is active and still acts on it (nothing is lost). DESIGN
--     section 7 sends a CSM-less customer's emergencies to the COO: a
--     moved emergency already reaches every active COO at the move (661's
--     ticket_notify_emergency, role coo_for_csm; now tested). The rules
--     route nothing else there (escalating a customer without a CSM is
--     refused naming who must assign one, not sent to the COO), so a
--     moved non-emergency level is not announced to the COO.

SELECT set_config('search_path', 'ticketty', true);

-- @function escalation_handed_by_hand (sql/functions/escalation.sql)

