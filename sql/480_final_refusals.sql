-- 480_final_refusals.sql: a refusal that no retry can mend is no conflict,
-- the pass 400 made for the state machine carried to the rest of the
-- ticket and escalation API.
--   * These refusals raised TT409, which clients map to "try again" (75,
--     EX_TEMPFAIL): a script retried them for ever. Only a different
--     action (by the caller or by someone else) changes the state they
--     refuse, never the same command sent again, so they are TT400 (65)
--     with a DETAIL line naming the field, in the form the others use
--     (field<TAB>code<TAB>message); their messages and hints stay:
--       - a closed ticket is final (status, closed): a public reply
--         (api_ticket_reply), a re-triage (api_ticket_retriage), taking
--         or assigning it (ticket_apply_assignee), escalating it or
--         passing its escalation up (api_escalate, api_escalation_up),
--         closing it as a duplicate (api_ticket_link);
--       - a resolved ticket is not escalated (status, resolved): reopening
--         it is what lets it be. "Reopen the ticket first." is now said
--         only then: it was said for a closed ticket too, which can never
--         be reopened;
--       - nothing above the CEO (level, no_higher: escalation_pass_up);
--       - a level nobody can hold (escalation_open_level): the customer
--         has no active CSM (csm, none) or no active agent has the level's
--         role (role, none). The same command succeeds once an
--         administrator assigns or adds one, but nothing the caller can
--         retry brings that about, as reopening a resolved ticket is what
--         lets it be escalated: it is the desk's data that must change,
--         so 65, naming who must change it as before;
--       - an escalation step with nothing to act on: no live escalation
--         to acknowledge, resolve, pass up or hand over (escalation, none:
--         api_escalation_ack, _resolve, _up, _hand; someone resolved it
--         first, or there never was one: escalate is what raises one), one
--         acknowledged already (escalation, unchanged) or handed to its
--         holder (login, unchanged), which would change nothing, as a
--         re-triage that changes nothing (400);
--       - a link that cannot be made (api_ticket_link): the tickets are
--         already linked (other, linked), the survivor is not open (other,
--         not_open), is another customer's (other, other_customer) or is
--         itself a duplicate (other, duplicate), the ticket is already a
--         duplicate (ticket, duplicate).
--     What a retry can mend stays TT409: a stale version (ticket_lock),
--     raising a live escalation someone else holds (api_escalate: it is
--     theirs until they resolve it, and then the same command opens the
--     next round), and the order guard on escalations (a writer's bug).
--   Replaced whole, as sql/README requires: 030's api_ticket_reply and
--   ticket_apply_assignee, 400's api_ticket_retriage, 040's
--   escalation_open_level, escalation_pass_up, api_escalate,
--   api_escalation_up, api_escalation_ack and api_escalation_resolve,
--   250's api_escalation_hand, 270's api_ticket_link. Privileges are kept
--   (CREATE OR REPLACE keeps the grants and revokes of 030, 040, 071, 250).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------ ticket (030) --

-- ------------------------------------------------- escalations (040) --

-- ------------------------------------------------------- links (270) --

