-- 791_customer_reply_told_first.sql: the customer's reply tells its
-- assignee before its event, as 790's steps do, and the trigger loses
-- the special case that stood in for that order.
--   770 kept the assignee out of ticket_events_notify_collaborators for a
--   'retriage' and a 'customer_reply' event, and for an escalation's
--   hand-over in the same transaction as a re-triage: those steps told
--   the assignee themselves after the event. 790 made the re-triage (and
--   the bounce) write their notifications before the event, so the
--   trigger's general rule (nobody told of the ticket in this transaction
--   is told again) already leaves them out; mail_thread_onto now does the
--   same for ticket.customer_reply, and the special case (a lookup of the
--   assignee and, on every escalation.handed, of a retriage event) goes.
--   Who is told of what is unchanged (tests: db test_notify_step,
--   test_mail reply_told_once_to_an_assignee_who_follows, test_desk).
-- Replaced whole: 780's mail_thread_onto, 770's
-- ticket_events_notify_collaborators.

SELECT set_config('search_path', 'ticketty', true);

