-- 710_retriage_customer_escalation.sql: a ticket moved to another customer
-- at re-triage (661) takes its live CSM level with it.
--   * The level-1 holder of an escalation is the customer's CSM. After a
--     move, the old customer's CSM still held the ticket's live CSM level,
--     a ticket no longer theirs, and the new customer's CSM never heard
--     of it. Now the level goes to the new customer's CSM, as when a
--     customer's CSM changes (250's customers_csm_hand_over): open again
--     for them to acknowledge, the hand-over audited (escalation.handed,
--     cause customer_changed: "the ticket moved to another customer") and
--     the new holder notified. A level handed to someone else by hand,
--     and a new customer without an active CSM, keep their holder.
--   * api_ticket_retriage (661's, whole) returns the ticket's version
--     after the hand-over, so the next edit with it is not stale.

SELECT set_config('search_path', 'ticketty', true);

