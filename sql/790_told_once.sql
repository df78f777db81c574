-- 790_told_once.sql: a step that tells people itself writes its own
-- notifications before its event, so each person hears of it once.
--   ticket_events_notify_collaborators (770) tells a ticket's followers
--   (and, for some kinds, its assignee) of every event, except anyone
--   already told of the ticket in this transaction (an unread notification
--   of it at tt_now()). Two steps wrote their own notifications AFTER
--   their event, so a recipient who also follows the ticket heard twice:
--     * mail_undelivered (420): a bounced or given-up answer told the
--       answer's author and the assignee (ticket.mail_bounced) after the
--       event mail_bounced; a follower among them also got ticket.changed;
--     * api_ticket_retriage (710): a member of the new team who follows
--       the ticket got ticket.changed besides ticket.rerouted (the
--       assignee was already kept out by 770's rule for 'retriage').
--   Now both write their notifications first and the event after; the
--   trigger finds those people told. Payloads, recipients, return values
--   and the order of a re-triage's escalation hand-over (after the
--   retriage event, as 710) are unchanged; no payload needs anything
--   only known after the event. The trigger's assignee rule (770) stays:
--   it is now redundant for a re-triage, still right.
--   Looked at and left: mail_thread_onto (780) tells the assignee
--   (ticket.customer_reply) after its event, but 770 keeps the trigger
--   from telling the assignee of a customer_reply: nobody hears twice;
--   api_ticket_link (540) writes its contact's ticket.duplicate after the
--   status events, but the trigger tells agents only.
-- Replaced whole: 420's mail_undelivered, 710's api_ticket_retriage.

SELECT set_config('search_path', 'ticketty', true);

