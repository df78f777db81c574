-- 800_intake_triggers.sql: a new ticket's own triggers run fewer statements
-- (issue #19, intake). Same deadlines, positions, notifications and mail.
--   * tickets_sla_insert (010), replaced whole: a ticket inserted with no
--     deadline, outcome or calendar generation of its own (every ticket
--     api_ticket_create writes) gets both targets, the business position of
--     its creation and its four instants (first response and resolution,
--     due and at risk) from two statements instead of tickets_sla_targets'
--     two target probes and four clock_add_cached -> business_at calls
--     (one query each) plus business_position. It then stores the
--     positions tickets_sla_positions (012) would measure again
--     (business_position of a due instant that business_at found for
--     position p is p: the instant is inside that day's open span, at
--     microsecond precision) and the calendar generation, so that trigger
--     returns at its first probe. Anything unusual (a missing target, an
--     instant outside the calendar, an update deadline at insert) takes
--     the general path of before, which raises the same errors.
--   * tickets_after_insert (720), replaced whole: the report zone is read
--     in the statement that reads the customer's and contact's names (one
--     statement fewer; the zone is read for every ticket, as it was for
--     every open one).
--   * ticket_events_mail (061) fires only for the events it mails about
--     (its first test, as a WHEN condition: no call for the others).
--   * ticket_events_notify_collaborators (045) does not fire for a
--     'created' event: only api_ticket_create writes one, right after the
--     ticket's INSERT, when the ticket can have no collaborator, assignee
--     before it or notification yet, so the trigger inserted nothing.
-- Measured in tests/bench/README ("Intake, 2026-12-04 afternoon").

SELECT set_config('search_path', 'ticketty', true);

DROP TRIGGER ticket_events_mail ON ticket_events;
CREATE TRIGGER ticket_events_mail
    AFTER INSERT ON ticket_events
    FOR EACH ROW
    WHEN (NEW.kind IN ('ack', 'reply', 'resolve', 'status', 'close') AND NEW.details ? 'comment')
    EXECUTE FUNCTION ticket_events_mail();

DROP TRIGGER ticket_events_notify_collaborators ON ticket_events;
CREATE TRIGGER ticket_events_notify_collaborators
    AFTER INSERT ON ticket_events
    FOR EACH ROW
    WHEN (NEW.kind <> 'created')
    EXECUTE FUNCTION ticket_events_notify_collaborators();
