-- 030_ticket_api.sql: the ticket lifecycle API (acknowledge, reply, note,
-- take, assign, take-next, status changes, resolve, close, reopen).
--
-- Every api_ticket_* function is one transaction-sized change: it resolves
-- the caller (current_agent_id(), TT403 for a non-agent), locks the ticket
-- row, refuses a stale expected_version (TT409, the message saying who
-- changed what since), checks the state machine (TT409 naming from -> to),
-- validates its text (TT400, one DETAIL line per field), updates the ticket
-- (bumping version and updated_at), adds comments, and finally writes the
-- audit event with audit() AFTER the update so the event carries the new
-- version. expected_version NULL skips the version check.
--
-- Decisions (see also DESIGN.md section 5):
-- * Support staff (every role but pm and developer) may work any ticket:
--   take, assign, reply, change the status, resolve, close and reopen.
--   Product managers and developers collaborate through internal notes
--   only: every other change is refused to them (TT403,
--   ticket_require_support). Taking a ticket assigned to someone else
--   reassigns it (the event records the previous assignee).
-- * A public reply on a `new` ticket is the first response: it acknowledges
--   the ticket (same as api_ticket_ack). Otherwise a reply never changes the
--   status. Replies are refused on closed tickets; notes are accepted in
--   every state.
-- * The state machine is data: ticket_transitions. new -> acknowledged needs
--   a first public reply, so only ack/reply perform it (set_status refuses).
--   waiting_engineering needs a bug reference (given, or already on the
--   ticket); bug_ref is refused for any other target.
-- * Every message that reaches the customer is a public message: resolving
--   needs a public resolution message (TT400 on `message` without one), and
--   the first public message is the first response (a ticket resolved while
--   `new` is acknowledged by its resolution message). Reopening
--   (resolved -> in_progress) may carry an internal note saying why; it
--   clears resolved_at and resolution_outcome.
-- * Taking or assigning to the agent who already holds the ticket changes
--   nothing and returns the current version (no event).
-- * The SLA columns (deadlines, outcomes, pauses) are maintained by the
--   triggers of 010_sla.sql; these functions set only status,
--   acknowledged_at, last_public_reply_at, resolved_at, closed_at, bug_ref,
--   assignee_id, version, updated_at (and resolution_outcome on reopen).

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------ state machine --

CREATE TABLE ticket_transitions (
    from_status ticket_status,
    to_status   ticket_status,
    action      text NOT NULL CHECK (action IN ('ack', 'status', 'resolve', 'close', 'reopen')),
    PRIMARY KEY (from_status, to_status),
    CHECK (from_status <> to_status)
);
COMMENT ON TABLE ticket_transitions IS
    'Allowed ticket status changes (DESIGN.md section 5) and the action that performs each.';

INSERT INTO ticket_transitions (from_status, to_status, action) VALUES
    ('new',                 'acknowledged',        'ack'),
    ('new',                 'resolved',            'resolve'),
    ('acknowledged',        'in_progress',         'status'),
    ('acknowledged',        'resolved',            'resolve'),
    ('in_progress',         'waiting_customer',    'status'),
    ('in_progress',         'waiting_engineering', 'status'),
    ('in_progress',         'resolved',            'resolve'),
    ('waiting_customer',    'in_progress',         'status'),
    ('waiting_customer',    'resolved',            'resolve'),
    ('waiting_engineering', 'in_progress',         'status'),
    ('waiting_engineering', 'resolved',            'resolve'),
    ('resolved',            'closed',              'close'),
    ('resolved',            'in_progress',         'reopen');

-- take-next walks only the unassigned open tickets of one team, in queue order.
CREATE INDEX tickets_unassigned_queue_idx
    ON tickets (team_id, severity, queue_paused, queue_due, id)
    WHERE is_open AND assignee_id IS NULL;

-- ------------------------------------------------------------ helpers --

-- "alice set status to waiting_customer at 14:02; bob added an internal
-- note at 14:05": the audited changes of a ticket after `since_version`.
CREATE FUNCTION ticket_changes_since(p_ticket bigint, p_since int) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT string_agg(
               coalesce(a.login::text, 'the system') || ' ' ||
               CASE e.kind
                   WHEN 'status'  THEN 'set status to ' || coalesce(e.details->>'to', '?')
                   WHEN 'ack'     THEN 'acknowledged it with a public reply'
                   WHEN 'reply'   THEN 'replied to the customer'
                   WHEN 'note'    THEN 'added an internal note'
                   WHEN 'take'    THEN 'took it'
                   WHEN 'assign'  THEN 'assigned it to ' || coalesce(e.details->>'assignee', '?')
                   WHEN 'resolve' THEN 'resolved it'
                   WHEN 'close'   THEN 'closed it'
                   WHEN 'reopen'  THEN 'reopened it'
                   WHEN 'retriage' THEN 're-triaged it (' || coalesce((SELECT string_agg(k, ', ' ORDER BY k)
                                           FROM jsonb_object_keys(e.details->'changes') AS k), '?') || ')'
                   ELSE 'made a change (' || e.kind || ')'
               END || ' at ' || to_char(e.at, 'HH24:MI'),
               '; ' ORDER BY e.at, e.id)
      FROM ticket_events e
      LEFT JOIN agents a ON a.id = e.actor_id
     WHERE e.ticket_id = p_ticket AND e.version > p_since
$$;

-- Locks the ticket row for a change: TT404 when missing, TT409 when the
-- version is not the expected one (NULL = no check). The stale message
-- names the changes made since; DETAIL is "current version: N".
CREATE FUNCTION ticket_lock(p_ticket bigint, p_expected int) RETURNS tickets
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t         tickets;
    v_changes text;
BEGIN
    SELECT * INTO t FROM tickets WHERE id = p_ticket FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket % not found', p_ticket USING ERRCODE = 'TT404';
    END IF;
    IF p_expected IS NOT NULL AND t.version <> p_expected THEN
        IF p_expected < t.version THEN
            v_changes := ticket_changes_since(p_ticket, p_expected);
        END IF;
        IF v_changes IS NULL THEN
            RAISE EXCEPTION 'ticket % is at version %, not %', p_ticket, t.version, p_expected
                USING ERRCODE = 'TT409', DETAIL = 'current version: ' || t.version,
                      HINT = 'Reload the ticket and try again.';
        END IF;
        RAISE EXCEPTION 'ticket % changed since version %: % (now version %)',
                        p_ticket, p_expected, v_changes, t.version
            USING ERRCODE = 'TT409', DETAIL = 'current version: ' || t.version,
                  HINT = 'Reload the ticket and try again.';
    END IF;
    RETURN t;
END
$$;

-- Refuses a missing, blank or oversized text (TT400 on `field`).
CREATE FUNCTION ticket_check_text(p_field text, p_text text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF p_text IS NULL OR btrim(p_text, E' \t\r\n') = '' THEN
        RAISE EXCEPTION '% is required', p_field
            USING ERRCODE = 'TT400', DETAIL = p_field || E'\trequired\tis required';
    ELSIF length(p_text) > 100000 THEN
        RAISE EXCEPTION '% is too long', p_field
            USING ERRCODE = 'TT400',
                  DETAIL = p_field || E'\ttoo_long\tis longer than 100000 characters';
    END IF;
END
$$;

-- The calling agent's id when it may change a ticket's course (every role
-- but pm and developer, who write internal notes only); TT403 naming what
-- was refused otherwise.
CREATE FUNCTION ticket_require_support(p_what text) RETURNS int
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me   int := current_agent_id();
    v_role agent_role := (SELECT a.role FROM agents a WHERE a.id = v_me);
BEGIN
    IF v_role IN ('pm', 'developer') THEN
        RAISE EXCEPTION 'a % writes internal notes only: % is for the support staff', v_role, p_what
            USING ERRCODE = 'TT403',
                  HINT = 'Add an internal note; the support engineer owns the conversation with the customer.';
    END IF;
    RETURN v_me;
END
$$;

-- Adds a comment by the caller; returns its id.
CREATE FUNCTION ticket_add_comment(p_ticket bigint, p_kind comment_kind, p_body text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    INSERT INTO comments (ticket_id, author_id, kind, body)
    VALUES (p_ticket, current_agent_id(), p_kind, p_body)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

-- The one place that moves a ticket along the state machine. p_public
-- (may be NULL) becomes a public reply, p_internal an internal note.
-- p_via names the calling API ('status', 'ack', 'resolve', 'close',
-- 'reopen'); the audit kind follows the transition's action.
CREATE FUNCTION ticket_apply_status(p_ticket bigint, p_expected int, p_to ticket_status,
                                    p_bug_ref text, p_public text, p_internal text, p_via text)
    RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me      int := ticket_require_support(
                         CASE p_via WHEN 'ack' THEN 'a public reply' WHEN 'resolve' THEN 'resolving'
                                    WHEN 'close' THEN 'closing' WHEN 'reopen' THEN 'reopening'
                                    ELSE 'changing the status' END);  -- TT403 before anything else
    t         tickets;
    v_action  text;
    v_allowed text;
    v_bug     text;
    v_public  bigint;
    v_note    bigint;
    v_version int;
    v_details jsonb;
BEGIN
    t := ticket_lock(p_ticket, p_expected);
    IF t.status = p_to THEN
        RAISE EXCEPTION 'ticket % is already %', p_ticket, p_to USING ERRCODE = 'TT409';
    END IF;
    IF p_via = 'reopen' AND t.status <> 'resolved' THEN
        RAISE EXCEPTION 'ticket %: only a resolved ticket can be reopened (it is %)', p_ticket, t.status
            USING ERRCODE = 'TT409';
    END IF;
    SELECT tr.action INTO v_action
      FROM ticket_transitions tr WHERE tr.from_status = t.status AND tr.to_status = p_to;
    IF v_action IS NULL THEN
        SELECT string_agg(tr.to_status::text, ', ' ORDER BY tr.to_status) INTO v_allowed
          FROM ticket_transitions tr WHERE tr.from_status = t.status;
        RAISE EXCEPTION 'ticket %: % -> % is not allowed', p_ticket, t.status, p_to
            USING ERRCODE = 'TT409',
                  HINT = CASE WHEN v_allowed IS NULL THEN format('A %s ticket cannot change any more.', t.status)
                              ELSE format('From %s a ticket may go to: %s.', t.status, v_allowed) END;
    END IF;
    IF v_action = 'ack' AND p_public IS NULL THEN
        RAISE EXCEPTION 'ticket %: new -> acknowledged needs a first public reply (acknowledge the ticket instead)', p_ticket
            USING ERRCODE = 'TT409';
    END IF;
    IF v_action = 'resolve' AND (p_public IS NULL OR btrim(p_public, E' \t\r\n') = '') THEN
        RAISE EXCEPTION 'resolving needs a public resolution message to the customer'
            USING ERRCODE = 'TT400',
                  DETAIL = E'message\trequired\tresolving needs a public resolution message';
    END IF;

    v_bug := t.bug_ref;
    IF p_to = 'waiting_engineering' THEN
        IF p_bug_ref IS NOT NULL THEN
            v_bug := btrim(p_bug_ref);
        END IF;
        IF v_bug IS NULL OR v_bug = '' THEN
            RAISE EXCEPTION 'waiting on engineering needs the engineering bug reference'
                USING ERRCODE = 'TT400',
                      DETAIL = E'bug_ref\trequired\tis required when waiting on engineering';
        ELSIF length(v_bug) > 200 THEN
            RAISE EXCEPTION 'the bug reference is too long'
                USING ERRCODE = 'TT400', DETAIL = E'bug_ref\ttoo_long\tis longer than 200 characters';
        END IF;
    ELSIF p_bug_ref IS NOT NULL THEN
        RAISE EXCEPTION 'a bug reference is only taken with waiting_engineering'
            USING ERRCODE = 'TT400',
                  DETAIL = E'bug_ref\tunexpected\tis only taken when the ticket waits on engineering';
    END IF;
    IF p_public IS NOT NULL THEN
        PERFORM ticket_check_text('message', p_public);
    END IF;
    IF p_internal IS NOT NULL THEN
        PERFORM ticket_check_text('message', p_internal);
    END IF;

    IF p_public IS NOT NULL THEN
        v_public := ticket_add_comment(p_ticket, 'public', p_public);
    END IF;
    IF p_internal IS NOT NULL THEN
        v_note := ticket_add_comment(p_ticket, 'internal', p_internal);
    END IF;

    UPDATE tickets
       SET status               = p_to,
           bug_ref              = v_bug,
           acknowledged_at      = CASE WHEN v_public IS NOT NULL THEN coalesce(acknowledged_at, tt_now())
                                       ELSE acknowledged_at END,
           last_public_reply_at = CASE WHEN v_public IS NOT NULL THEN tt_now() ELSE last_public_reply_at END,
           resolved_at          = CASE WHEN p_to = 'resolved' THEN tt_now()
                                       WHEN v_action = 'reopen' THEN NULL
                                       ELSE resolved_at END,
           resolution_outcome   = CASE WHEN v_action = 'reopen' THEN NULL ELSE resolution_outcome END,
           closed_at            = CASE WHEN p_to = 'closed' THEN tt_now() ELSE closed_at END,
           version              = version + 1,
           updated_at           = tt_now()
     WHERE id = p_ticket
    RETURNING version INTO v_version;

    v_details := jsonb_build_object('from', t.status, 'to', p_to);
    IF p_to = 'waiting_engineering' THEN
        v_details := v_details || jsonb_build_object('bug_ref', v_bug);
    END IF;
    IF v_public IS NOT NULL THEN
        v_details := v_details || jsonb_build_object('comment', v_public);
    END IF;
    IF v_note IS NOT NULL THEN
        v_details := v_details || jsonb_build_object('note', v_note);
    END IF;
    PERFORM audit(p_ticket, v_action, v_details);
    RETURN v_version;
END
$$;

-- Assigns the locked ticket `t` to agent p_agent; returns the version.
CREATE FUNCTION ticket_apply_assignee(t tickets, p_agent int, p_kind text) RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_version int;
BEGIN
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it cannot be assigned any more', t.id
            USING ERRCODE = 'TT409';
    END IF;
    IF t.assignee_id IS NOT DISTINCT FROM p_agent THEN
        RETURN t.version;
    END IF;
    UPDATE tickets SET assignee_id = p_agent, version = version + 1, updated_at = tt_now()
     WHERE id = t.id
    RETURNING version INTO v_version;
    PERFORM audit(t.id, p_kind, jsonb_build_object(
        'from', (SELECT a.login FROM agents a WHERE a.id = t.assignee_id),
        'assignee', (SELECT a.login FROM agents a WHERE a.id = p_agent)));
    RETURN v_version;
END
$$;

-- ---------------------------------------------------------------- API --

-- The first response: a public reply that acknowledges a `new` ticket.
CREATE FUNCTION api_ticket_ack(id bigint, expected_version int, message text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN ticket_apply_status(api_ticket_ack.id, expected_version, 'acknowledged', NULL,
                               coalesce(message, ''), NULL, 'ack');
END
$$;

-- A public reply. On a `new` ticket it is the first response and
-- acknowledges it; otherwise the status stays. Refused on closed tickets.
CREATE FUNCTION api_ticket_reply(id bigint, expected_version int, body text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t         tickets;
    v_comment bigint;
    v_version int;
BEGIN
    PERFORM ticket_require_support('a public reply');
    t := ticket_lock(api_ticket_reply.id, expected_version);
    IF t.status = 'new' THEN
        RETURN ticket_apply_status(t.id, NULL, 'acknowledged', NULL, coalesce(body, ''), NULL, 'ack');
    END IF;
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it takes no more replies', t.id USING ERRCODE = 'TT409';
    END IF;
    PERFORM ticket_check_text('message', body);
    v_comment := ticket_add_comment(t.id, 'public', body);
    UPDATE tickets
       SET last_public_reply_at = tt_now(),
           acknowledged_at      = coalesce(acknowledged_at, tt_now()),
           version              = version + 1,
           updated_at           = tt_now()
     WHERE tickets.id = t.id
    RETURNING version INTO v_version;
    PERFORM audit(t.id, 'reply', jsonb_build_object('comment', v_comment));
    RETURN v_version;
END
$$;

-- An internal note, in any state, by any agent. expected_version NULL = no check.
CREATE FUNCTION api_ticket_note(id bigint, expected_version int, body text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t         tickets;
    v_comment bigint;
    v_version int;
BEGIN
    PERFORM current_agent_id();
    t := ticket_lock(api_ticket_note.id, expected_version);
    PERFORM ticket_check_text('message', body);
    v_comment := ticket_add_comment(t.id, 'internal', body);
    UPDATE tickets SET version = version + 1, updated_at = tt_now()
     WHERE tickets.id = t.id
    RETURNING version INTO v_version;
    PERFORM audit(t.id, 'note', jsonb_build_object('comment', v_comment));
    RETURN v_version;
END
$$;

-- Assigns the ticket to the caller.
CREATE FUNCTION api_ticket_take(id bigint, expected_version int) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me int := ticket_require_support('taking a ticket');
BEGIN
    RETURN ticket_apply_assignee(ticket_lock(api_ticket_take.id, expected_version), v_me, 'take');
END
$$;

-- The agent `who` names: its login, else its display name (ignoring case
-- and surrounding blanks) when exactly one agent bears it. TT400 on field
-- `field` when nobody or several agents match. Inactive agents are found
-- (the caller decides what to make of them).
CREATE FUNCTION ticket_find_agent(p_field text, who text) RETURNS agents
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    a      agents;
    v_n    int;
    v_list text;
BEGIN
    IF who IS NULL OR btrim(who) = '' THEN
        RAISE EXCEPTION '% is required', p_field
            USING ERRCODE = 'TT400', DETAIL = p_field || E'\trequired\tis required';
    END IF;
    SELECT * INTO a FROM agents x WHERE x.login = btrim(who);
    IF FOUND THEN
        RETURN a;
    END IF;
    SELECT count(*), string_agg(x.login, ', ' ORDER BY x.login) INTO v_n, v_list
      FROM agents x WHERE lower(x.display_name) = lower(btrim(who));
    IF v_n = 1 THEN
        SELECT * INTO a FROM agents x WHERE lower(x.display_name) = lower(btrim(who));
        RETURN a;
    ELSIF v_n > 1 THEN
        RAISE EXCEPTION 'several agents are called "%": %', btrim(who), v_list
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'%s\tambiguous\tseveral agents are called "%s" (%s): give the login',
                                  p_field, btrim(who), v_list);
    END IF;
    RAISE EXCEPTION 'no agent has the login or name "%"', btrim(who)
        USING ERRCODE = 'TT400',
              DETAIL = format(E'%s\tunknown\tno agent has the login or name "%s"', p_field, btrim(who));
END
$$;

-- Assigns the ticket to the active support agent `login` (a login, or a
-- display name only one agent bears). Product managers and developers
-- neither assign nor are assigned: they write internal notes only.
CREATE FUNCTION api_ticket_assign(id bigint, expected_version int, login text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t  tickets;
    a  agents;
BEGIN
    PERFORM ticket_require_support('assigning a ticket');
    t := ticket_lock(api_ticket_assign.id, expected_version);
    a := ticket_find_agent('assignee', login);
    IF NOT a.active THEN
        RAISE EXCEPTION 'agent "%" is no longer active', a.login
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'assignee\tinactive\tagent "%s" is no longer active', a.login);
    ELSIF a.role IN ('pm', 'developer') THEN
        RAISE EXCEPTION 'agent "%" is a % and writes internal notes only', a.login, a.role
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'assignee\tnot_support\t%s (%s) is a %s and writes internal notes only: add them as a collaborator instead',
                                  a.display_name, a.login, a.role);
    END IF;
    RETURN ticket_apply_assignee(t, a.id, 'assign');
END
$$;

-- Claims the most urgent open unassigned ticket of a team (the caller's
-- when team_key is NULL), in queue order (severity, queue_paused,
-- queue_due, id), skipping rows other sessions are claiming: concurrent callers never
-- get the same ticket. Returns its id, or NULL when there is none.
CREATE FUNCTION api_ticket_take_next(team_key text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me   int := ticket_require_support('taking a ticket');
    v_team smallint;
    v_id   bigint;
BEGIN
    IF team_key IS NULL THEN
        SELECT a.team_id INTO v_team FROM agents a WHERE a.id = v_me;
        IF v_team IS NULL THEN
            RAISE EXCEPTION 'you belong to no team: name the team'
                USING ERRCODE = 'TT400', DETAIL = E'team\trequired\tis required (you belong to no team)';
        END IF;
    ELSE
        SELECT tm.id INTO v_team FROM teams tm WHERE tm.key = team_key;
        IF v_team IS NULL THEN
            RAISE EXCEPTION 'unknown team "%"', team_key
                USING ERRCODE = 'TT400', DETAIL = format(E'team\tunknown\tno team has the key "%s"', team_key);
        END IF;
    END IF;
    SELECT t.id INTO v_id
      FROM tickets t
     WHERE t.is_open AND t.team_id = v_team AND t.assignee_id IS NULL
     ORDER BY t.severity, t.queue_paused, t.queue_due, t.id
     LIMIT 1
       FOR UPDATE SKIP LOCKED;
    IF v_id IS NULL THEN
        RETURN NULL;
    END IF;
    UPDATE tickets SET assignee_id = v_me, version = version + 1, updated_at = tt_now() WHERE tickets.id = v_id;
    PERFORM audit(v_id, 'take', jsonb_build_object(
        'assignee', (SELECT a.login FROM agents a WHERE a.id = v_me), 'next', true));
    RETURN v_id;
END
$$;

-- Any status change of the state machine (see ticket_transitions).
CREATE FUNCTION api_ticket_set_status(id bigint, expected_version int, status ticket_status,
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
    RETURN ticket_apply_status(api_ticket_set_status.id, expected_version, status, bug_ref,
                               NULL, NULL, 'status');
END
$$;

-- The status changes the caller may make to ticket `id` now, read from
-- ticket_transitions (the TUI's status picker): the target, the action
-- that performs it (ack, status, resolve, close, reopen), whether a bug
-- reference must be asked for (waiting_engineering on a ticket without
-- one) and which message it takes: 'public' (required: acknowledging,
-- resolving), 'internal' (optional: reopening) or 'none'. Empty for a
-- product manager or developer (notes only) and for a closed ticket.
CREATE FUNCTION api_ticket_transitions(id bigint)
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
               CASE tr.action WHEN 'ack' THEN 'public' WHEN 'resolve' THEN 'public'
                              WHEN 'reopen' THEN 'internal' ELSE 'none' END
          FROM ticket_transitions tr
         WHERE tr.from_status = t.status
         ORDER BY array_position(enum_range(NULL::ticket_status), tr.to_status);
END
$$;

-- Resolves an open ticket with `message`, the public resolution message
-- (required; on a never-answered ticket it is also the first response).
CREATE FUNCTION api_ticket_resolve(id bigint, expected_version int, message text DEFAULT NULL)
    RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN ticket_apply_status(api_ticket_resolve.id, expected_version, 'resolved', NULL,
                               message, NULL, 'resolve');
END
$$;

-- Closes a resolved ticket; closed is final.
CREATE FUNCTION api_ticket_close(id bigint, expected_version int) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN ticket_apply_status(api_ticket_close.id, expected_version, 'closed', NULL,
                               NULL, NULL, 'close');
END
$$;

-- Reopens a resolved ticket (-> in_progress); `message` (optional) is kept
-- as an internal note saying why.
CREATE FUNCTION api_ticket_reopen(id bigint, expected_version int, message text DEFAULT NULL)
    RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN ticket_apply_status(api_ticket_reopen.id, expected_version, 'in_progress', NULL,
                               NULL, message, 'reopen');
END
$$;

-- ---------------------------------------------------------- read side --

-- The SLA state shown by `ticket show`, the ticket view and the escalation
-- lists: the state of ticket_sla(t) (010_sla.sql), the worst of the open
-- deadlines (breached, at_risk, ok), or the first-response outcome when
-- none is open. It needs no clock arithmetic (only ticket_sla's time left
-- does): one SQL expression over the ticket's stored instants, with no SET
-- clause, so the planner inlines it and a list of 500 escalations costs no
-- function call per row. A list passes the instant it read once (`at`).
CREATE FUNCTION ticket_sla_state(t tickets, at timestamptz DEFAULT tt_now()) RETURNS text
    LANGUAGE sql STABLE
AS $$
    SELECT CASE greatest(
               -- first response: open, not answered
               CASE WHEN t.first_response_outcome IS NULL AND t.acknowledged_at IS NULL
                         AND t.resolved_at IS NULL AND t.status NOT IN ('resolved', 'closed')
                         AND t.first_response_due IS NOT NULL
                    THEN CASE WHEN at >= t.first_response_due THEN 2
                              WHEN at >= t.first_response_risk_at THEN 1 ELSE 0 END END,
               -- resolution: frozen at waiting_since while waiting on the customer
               CASE WHEN t.resolved_at IS NULL AND t.status NOT IN ('resolved', 'closed')
                         AND t.resolution_due IS NOT NULL
                    THEN CASE WHEN least(at, t.waiting_since) >= t.resolution_due THEN 2
                              WHEN least(at, t.waiting_since) >= t.resolution_risk_at THEN 1
                              ELSE 0 END END,
               CASE WHEN t.update_due IS NOT NULL
                    THEN CASE WHEN at >= t.update_due THEN 2
                              WHEN at >= t.update_risk_at THEN 1 ELSE 0 END END)
           WHEN 2 THEN 'breached' WHEN 1 THEN 'at_risk' WHEN 0 THEN 'ok'
           ELSE coalesce(t.first_response_outcome::text, t.resolution_outcome::text, 'met') END
$$;
-- ---------------------------------------------------------- privileges --

REVOKE ALL ON FUNCTION ticket_changes_since(bigint, int) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_lock(bigint, int) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_check_text(text, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_add_comment(bigint, comment_kind, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_apply_status(bigint, int, ticket_status, text, text, text, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_apply_assignee(tickets, int, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_require_support(text) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION ticket_find_agent(text, text) FROM ticketty_agent, PUBLIC;
REVOKE ALL ON FUNCTION ticket_changes_since(bigint, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION ticket_lock(bigint, int) FROM PUBLIC;
REVOKE ALL ON FUNCTION ticket_check_text(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION ticket_add_comment(bigint, comment_kind, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION ticket_apply_status(bigint, int, ticket_status, text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION ticket_apply_assignee(tickets, int, text) FROM PUBLIC;
GRANT SELECT ON ticket_transitions TO ticketty_agent;
