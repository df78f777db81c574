-- 490_sla_retriage_pauses.sql: a re-triage that changes a ticket's
-- resolution clock (severity 2 on business hours to severity 1 round the
-- clock, or back) kept the time the customer had been waited on as the old
-- clock measured it: seven business hours for a wait from Friday noon to
-- Monday 10:00 became seven wall hours, and the ticket read breached the
-- moment it became an emergency. DESIGN §6: the paused time is added back
-- and is not lost when a policy changes. Each wait (sla_pauses) is now
-- measured again on the new clock and resolution_paused follows.
-- tickets_sla_update (010) is replaced whole; its trigger stays.

SELECT set_config('search_path', 'ticketty', true);

