-- 045_notify.sql: the notifications outbox.
--
-- Every event somebody must hear about becomes a notifications row; a mail
-- or chat bridge (an agent with role admin) lists the undelivered ones and
-- marks them sent; agents read their own in the TUI and mark them read.
-- Rows are written by:
--   * the escalation API (040): the new holder on raise / pass up, the
--     raiser on acknowledgement, raiser and assignee on resolution;
--   * intake (020, api_ticket_create): an emergency notifies the customer's
--     CSM and account representative (kind emergency);
--   * trigger tickets_notify_contact: acknowledged_at or resolved_at being
--     set notifies the requesting contact (ticket.acknowledged,
--     ticket.resolved), whichever API function sets them;
--   * trigger ticket_events_notify_collaborators: every audit event of a
--     ticket notifies its collaborators other than the actor (ticket.changed),
--     at most once per collaborator and transaction.
-- Row-level security: an agent sees only the notifications addressed to
-- them; admins (the bridge) see all.

SELECT set_config('search_path', 'ticketty', true);

-- @function session_agent_is_admin (sql/functions/notify.sql)

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY notifications_visible ON notifications FOR SELECT TO ticketty_agent
    USING (recipient_agent_id = (SELECT session_agent_id()) OR (SELECT session_agent_is_admin()));

-- ------------------------------------------------------------- triggers --

-- @function tickets_notify_contact (sql/functions/notify.sql)
CREATE TRIGGER tickets_notify_contact
    AFTER UPDATE OF acknowledged_at, resolved_at ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_notify_contact();

-- @function ticket_events_notify_collaborators (sql/functions/notify.sql)
CREATE TRIGGER ticket_events_notify_collaborators
    AFTER INSERT ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION ticket_events_notify_collaborators();

-- ------------------------------------------------------------------ API --

-- @function api_notifications_pending (sql/functions/notify.sql)

-- @function api_notifications_mark_sent (sql/functions/notify.sql)

-- @function api_notifications_mark_read (sql/functions/notify.sql)

