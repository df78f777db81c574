-- sql/functions/notify.sql: agents' notifications: who hears of what, and the
-- words they read.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- session_agent_is_admin
-- True when the calling login is an active admin agent. Never raises.
CREATE OR REPLACE FUNCTION session_agent_is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
    SELECT coalesce((SELECT a.role = 'admin' FROM agents a
                      WHERE a.id = session_agent_id()), false)
$$;

--- tickets_notify_contact
-- The requesting contact hears when the ticket is acknowledged (first
-- response) and each time it is resolved.
CREATE OR REPLACE FUNCTION tickets_notify_contact() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF NEW.acknowledged_at IS NOT NULL AND OLD.acknowledged_at IS NULL THEN
        INSERT INTO notifications (recipient_contact_id, kind, ticket_id, payload)
        VALUES (NEW.contact_id, 'ticket.acknowledged', NEW.id,
                jsonb_build_object('title', NEW.title, 'at', NEW.acknowledged_at));
    END IF;
    IF NEW.resolved_at IS NOT NULL AND NEW.resolved_at IS DISTINCT FROM OLD.resolved_at THEN
        INSERT INTO notifications (recipient_contact_id, kind, ticket_id, payload)
        VALUES (NEW.contact_id, 'ticket.resolved', NEW.id,
                jsonb_build_object('title', NEW.title, 'at', NEW.resolved_at));
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tickets_notify_contact() FROM ticketty_agent, PUBLIC;

--- ticket_events_notify_collaborators
-- Collaborators hear of every event on a ticket they follow, except their
-- own, once per transaction (one step may write several events; a
-- collaborator already notified by the step itself is not told twice).
CREATE OR REPLACE FUNCTION ticket_events_notify_collaborators() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_assignee int;
    v_before   int;
BEGIN
    IF NEW.kind IN ('assign', 'ack', 'status', 'resolve', 'close', 'reopen', 'note', 'reply',
                    'escalation.raised', 'escalation.passed_up', 'escalation.acknowledged',
                    'escalation.handed', 'escalation.resolved') THEN
        SELECT t.assignee_id INTO v_assignee FROM tickets t WHERE t.id = NEW.ticket_id;
    END IF;
    -- a take-over or a reassignment: who had the ticket until then
    IF NEW.kind IN ('take', 'assign') AND NEW.details ? 'from' THEN
        SELECT a.id INTO v_before FROM agents a WHERE a.login = NEW.details ->> 'from';
    END IF;
    -- where the step ended: this event takes over what this transaction
    -- told of an earlier status change of the ticket
    IF NEW.kind IN ('ack', 'status', 'resolve', 'close', 'reopen')
       OR (NEW.kind = 'link' AND NEW.details ->> 'kind' = 'duplicate_of') THEN
        UPDATE notifications x
           SET payload = x.payload || jsonb_build_object(
                   'event', NEW.kind, 'event_id', NEW.id,
                   'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
         WHERE x.ticket_id = NEW.ticket_id AND x.kind = 'ticket.changed'
           AND x.created_at = tt_now() AND x.read_at IS NULL
           AND x.xmin = pg_current_xact_id()::xid
           AND x.payload ->> 'event' IN ('ack', 'status', 'resolve', 'close', 'reopen')
           AND x.recipient_agent_id IS DISTINCT FROM NEW.actor_id;
    END IF;
    INSERT INTO notifications (recipient_agent_id, kind, ticket_id, payload)
    SELECT r.agent_id, 'ticket.changed', NEW.ticket_id,
           jsonb_build_object('event', NEW.kind, 'event_id', NEW.id,
                              'actor', (SELECT a.login FROM agents a WHERE a.id = NEW.actor_id))
      FROM (SELECT c.agent_id FROM ticket_collaborators c WHERE c.ticket_id = NEW.ticket_id
            UNION
            SELECT v_assignee WHERE v_assignee IS NOT NULL
            UNION
            SELECT v_before WHERE v_before IS NOT NULL) r
      JOIN agents a ON a.id = r.agent_id AND a.active
     WHERE r.agent_id IS DISTINCT FROM NEW.actor_id
       AND NOT EXISTS (SELECT 1 FROM notifications x
                        WHERE x.recipient_agent_id = r.agent_id AND x.ticket_id = NEW.ticket_id
                          AND x.created_at = tt_now() AND x.read_at IS NULL);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION ticket_events_notify_collaborators() FROM ticketty_agent, PUBLIC;

--- api_notifications_pending
-- Undelivered notifications, oldest first, with the resolved address: for
-- the delivery bridge, which runs as an agent with role admin.
CREATE OR REPLACE FUNCTION api_notifications_pending(max_rows int DEFAULT 1000)
    RETURNS TABLE (id bigint, kind text, ticket_id bigint, escalation_id bigint,
                   recipient_kind text, recipient text, address text,
                   payload jsonb, created_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('admin');
    RETURN QUERY
    SELECT n.id, n.kind, n.ticket_id, n.escalation_id,
           CASE WHEN n.recipient_agent_id IS NOT NULL THEN 'agent'
                WHEN n.recipient_contact_id IS NOT NULL THEN 'contact'
                ELSE 'email' END,
           coalesce(a.login::text, ct.name, n.recipient_email),
           coalesce(a.email, ct.email, n.recipient_email),
           n.payload, n.created_at
      FROM notifications n
      LEFT JOIN agents a ON a.id = n.recipient_agent_id
      LEFT JOIN contacts ct ON ct.id = n.recipient_contact_id
     WHERE n.sent_at IS NULL
     ORDER BY n.created_at, n.id
     LIMIT greatest(coalesce(max_rows, 1000), 1);
END
$$;

--- api_notifications_mark_sent
-- Marks notifications delivered (admin only). Unknown ids are refused
-- (TT404) and nothing is marked; ids already sent are left alone. Returns
-- how many were marked now.
CREATE OR REPLACE FUNCTION api_notifications_mark_sent(ids bigint[]) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_missing bigint[];
    v_count   int;
BEGIN
    PERFORM require_role('admin');
    SELECT array_agg(i ORDER BY i) INTO v_missing
      FROM unnest(ids) AS i
     WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = i);
    IF v_missing IS NOT NULL THEN
        RAISE EXCEPTION 'no such notification: %', array_to_string(v_missing, ', ')
            USING ERRCODE = 'TT404';
    END IF;
    UPDATE notifications n SET sent_at = tt_now()
     WHERE n.id = ANY (ids) AND n.sent_at IS NULL;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

--- api_notifications_mark_read
-- Marks the caller's own notifications read: the given ids, or all of them
-- when ids is NULL. Others' ids are ignored. Returns how many changed.
CREATE OR REPLACE FUNCTION api_notifications_mark_read(ids bigint[] DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    me      int := current_agent_id();
    v_count int;
BEGIN
    UPDATE notifications n SET read_at = tt_now()
     WHERE n.recipient_agent_id = me AND n.read_at IS NULL
       AND (ids IS NULL OR n.id = ANY (ids));
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

--- notifications_not_to_the_actor
-- No escalation notification for the agent whose step it is: the
-- session's own agent (NULL for an owner's session, which is nobody's).
CREATE OR REPLACE FUNCTION notifications_not_to_the_actor() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF NEW.recipient_agent_id IS NOT NULL AND NEW.recipient_agent_id = session_agent_id() THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION notifications_not_to_the_actor() FROM ticketty_agent, PUBLIC;
