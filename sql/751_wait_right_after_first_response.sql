-- 751_wait_right_after_first_response.sql: asking the customer (or
-- waiting on engineering) right after the first response took two status
-- changes: acknowledged -> in_progress, then in_progress -> waiting_*
-- (DESIGN.md section 5), though asking for what is missing is the most
-- common thing to do once a ticket is acknowledged.
--   * api_ticket_set_status and api_ticket_ask now take an acknowledged
--     ticket to waiting_customer or waiting_engineering in one call,
--     through in_progress: the state machine is kept (two status events,
--     two versions, each audited and notified as before), all or nothing
--     (a refusal of the second step, such as a missing bug reference,
--     leaves the ticket acknowledged). The caller's expected version is
--     checked by the first step.
--   * api_ticket_transitions offers those two waits for an acknowledged
--     ticket, so the TUI's status picker shows them.
-- ticket_transitions is unchanged. api_ticket_set_status (030),
-- api_ticket_ask and api_ticket_transitions (560) are replaced whole.

SELECT set_config('search_path', 'ticketty', true);

-- The step an acknowledged ticket takes first on its way to a wait
-- (`p_to`): to in_progress, returning the version after it; any other
-- case returns `p_expected` untouched for the caller's own step.
CREATE FUNCTION ticket_step_into_work(p_ticket bigint, p_expected int, p_to ticket_status) RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF p_to IN ('waiting_customer', 'waiting_engineering')
       AND (SELECT t.status FROM tickets t WHERE t.id = p_ticket) = 'acknowledged' THEN
        RETURN ticket_apply_status(p_ticket, p_expected, 'in_progress', NULL, NULL, NULL, 'status');
    END IF;
    RETURN p_expected;
END
$$;
REVOKE ALL ON FUNCTION ticket_step_into_work(bigint, int, ticket_status) FROM ticketty_agent, PUBLIC;

-- Any status change of the state machine (see ticket_transitions); an
-- acknowledged ticket reaches a wait through in_progress.
CREATE OR REPLACE FUNCTION api_ticket_set_status(id bigint, expected_version int, status ticket_status,
                                                 bug_ref text DEFAULT NULL) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    IF status IS NULL THEN
        RAISE EXCEPTION 'the status is required'
            USING ERRCODE = 'TT400', DETAIL = E'status\trequired\tis required';
    END IF;
    RETURN ticket_apply_status(api_ticket_set_status.id,
                               ticket_step_into_work(api_ticket_set_status.id, expected_version, status),
                               status, bug_ref, NULL, NULL, 'status');
END
$$;

-- Moves ticket `id` to waiting_customer and asks the customer `message`
-- (required, a public comment mailed as request_info); an acknowledged
-- ticket goes through in_progress. Returns the new version.
CREATE OR REPLACE FUNCTION api_ticket_ask(id bigint, expected_version int, message text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM ticket_require_support('changing the status');
    PERFORM ticket_check_text('message', message);
    RETURN ticket_apply_status(api_ticket_ask.id,
                               ticket_step_into_work(api_ticket_ask.id, expected_version, 'waiting_customer'),
                               'waiting_customer', NULL, message, NULL, 'status');
END
$$;

-- The status changes the caller may make to ticket `id` now (the TUI's
-- status picker), read from ticket_transitions, and for an acknowledged
-- ticket also the waits of in_progress (reached through it): the target,
-- the action that performs it (ack, status, resolve, close, reopen),
-- whether a bug reference must be asked for (waiting_engineering on a
-- ticket without one) and which message it takes: 'public' (required:
-- acknowledging, resolving), 'question' (optional, public: waiting on the
-- customer, api_ticket_ask), 'internal' (optional: reopening) or 'none'.
-- Empty for a product manager or developer (notes only) and for a closed
-- ticket.
CREATE OR REPLACE FUNCTION api_ticket_transitions(id bigint)
    RETURNS TABLE (to_status text, action text, needs_bug_ref boolean, message text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me int := current_agent_id();
    t    tickets;
BEGIN
    SELECT * INTO t FROM tickets x WHERE x.id = api_ticket_transitions.id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket % not found', api_ticket_transitions.id USING ERRCODE = 'TT404';
    END IF;
    IF (SELECT a.role FROM agents a WHERE a.id = v_me) IN ('pm', 'developer') THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT tr.to_status::text, tr.action,
               tr.to_status = 'waiting_engineering' AND coalesce(btrim(t.bug_ref), '') = '',
               CASE WHEN tr.action IN ('ack', 'resolve') THEN 'public'
                    WHEN tr.to_status = 'waiting_customer' THEN 'question'
                    WHEN tr.action = 'reopen' THEN 'internal' ELSE 'none' END
          FROM ticket_transitions tr
         WHERE tr.from_status = t.status
            OR (t.status = 'acknowledged' AND tr.from_status = 'in_progress'
                AND tr.to_status IN ('waiting_customer', 'waiting_engineering'))
         ORDER BY array_position(enum_range(NULL::ticket_status), tr.to_status);
END
$$;
