-- sql/functions/tickets.sql: the ticket lifecycle: acknowledge, reply, note,
-- take, assign, status changes, stale-edit checks, the insert trigger.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- ticket_changes_since
-- What changed on ticket p_ticket after version p_since (its audited
-- events), oldest first, in the desk's time zone (the default
-- calendar's): "alice took it at Nov 24 16:16 EST; bob replied to the
-- customer at Nov 24 16:20 EST". The SET clause keeps the caller's
-- TimeZone: the zone set inside lasts until the function returns.
CREATE OR REPLACE FUNCTION ticket_changes_since(p_ticket bigint, p_since int) RETURNS text
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
    SET TimeZone = 'UTC'
AS $$
BEGIN
    PERFORM pg_catalog.set_config('TimeZone',
        coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC'), true);
    RETURN (
        SELECT string_agg(
                   CASE e.kind
                       WHEN 'status'  THEN format('%s set status to %s at %s', x.who,
                                                  coalesce(e.details->>'to', '?'), x.at)
                       WHEN 'ack'     THEN format('%s acknowledged it with a public reply at %s', x.who, x.at)
                       WHEN 'reply'   THEN format('%s replied to the customer at %s', x.who, x.at)
                       WHEN 'note'    THEN format('%s added an internal note at %s', x.who, x.at)
                       WHEN 'take'    THEN format('%s took it at %s', x.who, x.at)
                       WHEN 'assign'  THEN format('%s assigned it to %s at %s', x.who,
                                                  coalesce(e.details->>'assignee', '?'), x.at)
                       WHEN 'resolve' THEN format('%s resolved it at %s', x.who, x.at)
                       WHEN 'close'   THEN format('%s closed it at %s', x.who, x.at)
                       WHEN 'reopen'  THEN format('%s reopened it at %s', x.who, x.at)
                       WHEN 'retriage' THEN format('%s re-triaged it (%s) at %s', x.who,
                                                   coalesce((SELECT string_agg(k, ', ' ORDER BY k)
                                                               FROM jsonb_object_keys(e.details->'changes') AS k), '?'),
                                                   x.at)
                       ELSE format('%s made a change (%s) at %s', x.who, e.kind, x.at)
                   END,
                   '; ' ORDER BY e.at, e.id)
          FROM ticket_events e
          LEFT JOIN agents a ON a.id = e.actor_id
          CROSS JOIN LATERAL (SELECT coalesce(a.login::text, 'the system') AS who,
                                     to_char(e.at, 'Mon FMDD HH24:MI TZ') AS at) x
         WHERE e.ticket_id = p_ticket AND e.version > p_since);
END
$$;
REVOKE ALL ON FUNCTION ticket_changes_since(bigint, int) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_changes_since(bigint, int) FROM PUBLIC;

--- ticket_lock
-- Locks the ticket row for a change: TT404 when missing, TT409 when the
-- version is not the expected one (NULL = no check). The stale message
-- names the changes made since; DETAIL is "current version: N".
CREATE OR REPLACE FUNCTION ticket_lock(p_ticket bigint, p_expected int) RETURNS tickets
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
REVOKE ALL ON FUNCTION ticket_lock(bigint, int) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_lock(bigint, int) FROM PUBLIC;

--- row_lock_holders
-- The sessions in the way of a change of one row (table p_rel, the
-- version at p_ctid that the caller's snapshot sees, its xmax p_xmax),
-- for the refusal that says a change waited too long for it (55P03):
-- first those that locked or changed the row and have not ended their
-- transaction, the strongest lock first, then the oldest transaction;
-- then those queued for the row (the tuple lock a waiter holds or waits
-- for), which block a change as much. Empty when no one is found (the
-- holders ended, a prepared transaction holds it: row_lock_prepared).
-- Reads only what every
-- role may: pg_locks (the session holding a transaction's lock, a
-- subtransaction's too, which pg_stat_activity's backend_xid never
-- shows) and, when xmax is no running transaction, the members of the
-- multixact it then is (FOR SHARE / FOR KEY SHARE lockers beside
-- another: pg_get_multixact_members, which refuses a number that is no
-- multixact). The caller's own session is never one. Internal: called by
-- api_ticket_row_holder, which says who they are.
CREATE OR REPLACE FUNCTION row_lock_holders(p_rel regclass, p_ctid tid, p_xmax xid) RETURNS int[]
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_pids int[];
    v_page bigint := ((p_ctid::text)::point)[0];
    v_item bigint := ((p_ctid::text)::point)[1];
BEGIN
    IF p_xmax IS NULL OR p_xmax = '0'::xid THEN
        RETURN '{}';
    END IF;
    -- a (sub)transaction's id: the session that holds its own lock on it
    v_pids := ARRAY(SELECT DISTINCT l.pid FROM pg_locks l
                     WHERE l.locktype = 'transactionid' AND l.transactionid = p_xmax
                       AND l.mode = 'ExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid());
    IF cardinality(v_pids) = 0 THEN
        -- else a multixact's: the sessions of its members still running,
        -- the one that changed or locked it for update first
        BEGIN
            v_pids := ARRAY(
                SELECT h.pid FROM (
                    SELECT l.pid, max(CASE m.mode WHEN 'upd' THEN 6 WHEN 'nokeyupd' THEN 5 WHEN 'forupd' THEN 4
                                                  WHEN 'fornokeyupd' THEN 3 WHEN 'sh' THEN 2 ELSE 1 END) AS strength
                      FROM pg_get_multixact_members(p_xmax) m
                      JOIN pg_locks l ON l.locktype = 'transactionid' AND l.transactionid = m.xid
                     WHERE l.mode = 'ExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()
                     GROUP BY l.pid) h
                  LEFT JOIN pg_stat_activity a ON a.pid = h.pid
                 ORDER BY h.strength DESC, a.xact_start, h.pid);
        EXCEPTION WHEN internal_error THEN
            -- "MultiXactId N has not been created yet", "... no longer exists"
            RETURN '{}';
        END;
    END IF;
    IF cardinality(v_pids) = 0 THEN
        RETURN '{}';
    END IF;
    -- and those queued behind them for this row: the first holds the
    -- row's tuple lock while it waits for a holder, the next wait for it
    RETURN v_pids || ARRAY(
        SELECT l.pid FROM pg_locks l
         WHERE l.locktype = 'tuple' AND l.database = (SELECT d.oid FROM pg_database d
                                                       WHERE d.datname = current_database())
           AND l.relation = p_rel AND l.page = v_page AND l.tuple = v_item
           AND l.pid <> pg_backend_pid() AND l.pid <> ALL (v_pids)
         GROUP BY l.pid ORDER BY bool_or(l.granted) DESC, l.pid);
END
$$;
REVOKE ALL ON FUNCTION row_lock_holders(regclass, tid, xid) FROM ticketty_agent, PUBLIC;

--- row_lock_prepared
-- The prepared transaction (PREPARE TRANSACTION) that holds a row of
-- table p_rel whose xmax is p_xmax, which row_lock_holders finds no
-- session for: its gid, when it was prepared and the role that prepared
-- it; no row when none does. Its locks stay in pg_locks with no pid, all
-- under one virtual transaction, its own id's lock among them; a
-- multixact's members are looked up the same way. A subtransaction's id
-- (a row locked after a SAVEPOINT) keeps no lock of its own once
-- prepared: an id still in progress that neither a session nor a
-- prepared transaction holds by its own lock is then the prepared
-- transaction's that began before it and holds a lock on p_rel, the
-- latest such. Internal: row_holder_named.
CREATE OR REPLACE FUNCTION row_lock_prepared(p_rel regclass, p_xmax xid, OUT gid text,
                                             OUT prepared timestamptz, OUT owner text)
    RETURNS SETOF record
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_xids xid[] := ARRAY[p_xmax];
    v_next bigint := pg_snapshot_xmax(pg_current_snapshot())::text::bigint;
BEGIN
    IF p_xmax IS NULL OR p_xmax = '0'::xid THEN
        RETURN;
    END IF;
    FOR i IN 1..2 LOOP
        RETURN QUERY
            SELECT x.gid, x.prepared, x.owner::text
              FROM pg_locks l
              JOIN pg_locks p ON p.virtualtransaction = l.virtualtransaction AND p.pid IS NULL
                             AND p.locktype = 'transactionid' AND p.mode = 'ExclusiveLock'
              JOIN pg_prepared_xacts x ON x.transaction = p.transactionid
             WHERE l.locktype = 'transactionid' AND l.transactionid = ANY (v_xids)
               AND l.pid IS NULL AND l.granted AND l.mode = 'ExclusiveLock'
             ORDER BY x.prepared, x.gid
             LIMIT 1;
        IF FOUND THEN
            RETURN;
        END IF;
        -- a subtransaction's id still in progress (its full id: the
        -- epoch of the snapshot's xmax, one less when the id is more than
        -- half the id space above it: ids in use are within that of it)
        RETURN QUERY
            SELECT x.gid, x.prepared, x.owner::text
              FROM unnest(v_xids) s(xid)
              JOIN pg_prepared_xacts x ON x.database = current_database()
                                      AND age(x.transaction) > age(s.xid)
              JOIN pg_locks p ON p.pid IS NULL AND p.locktype = 'transactionid'
                             AND p.transactionid = x.transaction
             WHERE NOT EXISTS (SELECT 1 FROM pg_locks o
                                WHERE o.locktype = 'transactionid' AND o.transactionid = s.xid)
               AND pg_xact_status(((((v_next >> 32) << 32) | s.xid::text::bigint)
                                   - CASE WHEN s.xid::text::bigint > (v_next & 4294967295) + 2147483648
                                          THEN 4294967296 ELSE 0 END)::text::xid8) = 'in progress'
               AND EXISTS (SELECT 1 FROM pg_locks r
                            WHERE r.virtualtransaction = p.virtualtransaction AND r.pid IS NULL
                              AND r.locktype = 'relation' AND r.relation = p_rel)
             ORDER BY age(x.transaction), x.gid
             LIMIT 1;
        IF FOUND OR i = 2 THEN
            RETURN;
        END IF;
        -- no transaction's id: a multixact's, its members looked up
        BEGIN
            v_xids := ARRAY(SELECT m.xid FROM pg_get_multixact_members(p_xmax) m);
        EXCEPTION WHEN internal_error THEN
            RETURN;   -- "MultiXactId N has not been created yet", "... no longer exists"
        END;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION row_lock_prepared(regclass, xid) FROM ticketty_agent, PUBLIC;

--- row_holder_named
-- What the refusals on a held row say of who is in the way of a change
-- of the row of table p_rel at p_ctid, its xmax p_xmax (the row `p_what`
-- names, of ticket p_ticket when there is one): row_lock_holders' first
-- session's agent's name (or the login of a session that is no agent's)
-- and program (application_name), and how many others there are; or,
-- when no session holds it, the prepared transaction that does
-- (row_lock_prepared: its gid and since when, holder the agent or role
-- that prepared it, program ''); no row when neither is found.
-- pg_stat_activity shows any role's session's usename and
-- application_name: so an owner that is no superuser nor
-- pg_read_all_stats member names the holder too (test_lock_timeout).
-- Internal: the api_*_row_holder functions, each for the rows its
-- callers may change, return it.
CREATE OR REPLACE FUNCTION row_holder_named(p_what text, p_ticket bigint, p_rel regclass, p_ctid tid,
                                            p_xmax xid, OUT what text, OUT holder text, OUT program text,
                                            OUT others int, OUT ticket bigint, OUT gid text,
                                            OUT since timestamptz)
    RETURNS SETOF record
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_pids int[] := row_lock_holders(p_rel, p_ctid, p_xmax);
BEGIN
    IF p_ctid IS NULL THEN
        RETURN;
    END IF;
    IF cardinality(v_pids) > 0 THEN
        RETURN QUERY
            SELECT p_what, coalesce(g.display_name, a.usename::text), coalesce(a.application_name, ''),
                   cardinality(v_pids) - 1, p_ticket, ''::text, NULL::timestamptz
              FROM pg_stat_activity a
              LEFT JOIN agents g ON g.login = a.usename
             WHERE a.pid = v_pids[1];
    ELSE
        RETURN QUERY
            SELECT p_what, coalesce(g.display_name, x.owner), ''::text, 0, p_ticket, x.gid, x.prepared
              FROM row_lock_prepared(p_rel, p_xmax) x
              LEFT JOIN agents g ON g.login = x.owner;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION row_holder_named(text, bigint, regclass, tid, xid) FROM ticketty_agent, PUBLIC;

--- api_ticket_row_holder
-- Who holds ticket p_ticket's row, or else its live escalation's row
-- (esc_live's lock, which an escalation's step takes after the
-- ticket's), for the refusal that says a change waited too long for it
-- (55P03): `what` says which ('ticket' or 'escalation'); `holder` is the
-- name of the agent (or the login of a session that is no agent's) and
-- `program` the program (application_name) of the session that holds it
-- (row_lock_holders' first); `others` counts the other sessions in the
-- way (holding it beside that one, or queued for it); `ticket` is
-- p_ticket; `gid` and `since` name the prepared transaction that holds
-- it when no session does ('' and NULL otherwise): row_holder_named.
-- No row when no one is found. SECURITY DEFINER for the tickets, escalations and agents it reads;
-- only agents are told (TT403), and only the names and the program.
CREATE OR REPLACE FUNCTION api_ticket_row_holder(p_ticket bigint, OUT what text, OUT holder text,
                                                 OUT program text, OUT others int, OUT ticket bigint,
                                                 OUT gid text, OUT since timestamptz)
    RETURNS SETOF record
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN QUERY SELECT h.* FROM tickets t, row_holder_named('ticket', t.id, 'tickets'::regclass, t.ctid, t.xmax) h
                  WHERE t.id = p_ticket;
    IF NOT FOUND THEN
        RETURN QUERY SELECT h.* FROM (SELECT e.ticket_id, e.ctid, e.xmax FROM escalations e
                                       WHERE e.ticket_id = p_ticket AND e.state IN ('open', 'acknowledged')
                                       ORDER BY e.id DESC LIMIT 1) e,
                                     row_holder_named('escalation', e.ticket_id, 'escalations'::regclass,
                                                      e.ctid, e.xmax) h;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION api_ticket_row_holder(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_ticket_row_holder(bigint) TO ticketty_agent;

--- api_ticket_related_holder
-- When a change of ticket p_ticket waited too long (55P03) and no one
-- holds the ticket's row nor its live escalation's (api_ticket_row_holder
-- found no one), the wait was on a row of related data the change goes
-- on to lock or change (a dashboard rollup's, an escalation's, the
-- ticket's customer's, contact's, team's or agent's row), which the
-- waiting statement, gone with its error, no longer says. Row locks are
-- not in pg_locks; the table locks of the transactions that hold them
-- are: `holder` and `program` name the session (other than the
-- caller's) in a transaction that has a transaction id and holds a lock
-- on one of those tables (`what`, the table's name), the oldest
-- transaction first; `others`
-- counts the other such sessions. A likely holder, not a certain one:
-- the refusal says so. No row when none is found (nor when ticket
-- p_ticket is not). p_ticket NULL: a change of many tickets that skips
-- those held (api_policy_reapply). Agents only (TT403).
CREATE OR REPLACE FUNCTION api_ticket_related_holder(p_ticket bigint, OUT what text, OUT holder text,
                                                     OUT program text, OUT others int)
    RETURNS SETOF record
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN QUERY
        WITH s AS (
            -- a session holding a row lock has a transaction id (its
            -- lock in pg_locks, as every role reads it: pg_stat_activity
            -- hides another role's xact_start from an ordinary owner);
            -- the oldest first
            SELECT l.pid, min(c.relname::text) AS rel, max(age(x.transactionid)) AS age
              FROM pg_locks l
              JOIN pg_class c ON c.oid = l.relation
              JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'ticketty'
              JOIN pg_locks x ON x.pid = l.pid AND x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock'
                             AND x.granted
             WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()
               AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
               AND l.mode IN ('RowShareLock', 'RowExclusiveLock', 'ShareRowExclusiveLock',
                              'ExclusiveLock', 'AccessExclusiveLock')
               AND c.relname IN ('escalations', 'escalation_rollup', 'sla_rollup', 'sla_rollup_customer',
                                 'sla_rollup_customer_week', 'backlog_rollup', 'backlog_rollup_customer',
                                 'sla_pending', 'sla_pending_customer', 'sla_pending_hour',
                                 'sla_pending_customer_hour', 'customers', 'contacts', 'teams', 'agents')
             GROUP BY l.pid)
        SELECT s.rel, coalesce(g.display_name, a.usename::text), coalesce(a.application_name, ''),
               (SELECT count(*)::int - 1 FROM s)
          FROM s
          JOIN pg_stat_activity a ON a.pid = s.pid
          LEFT JOIN agents g ON g.login = a.usename
         WHERE p_ticket IS NULL OR EXISTS (SELECT 1 FROM tickets t WHERE t.id = p_ticket)
         ORDER BY s.age DESC, s.pid
         LIMIT 1;
END
$$;
REVOKE ALL ON FUNCTION api_ticket_related_holder(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_ticket_related_holder(bigint) TO ticketty_agent;

--- api_mail_row_holder
-- Who holds inbox mail p_mail's row (inbox_lock's lock, which accept,
-- ask, refuse, discard and note take first), for the refusal that says
-- a change waited too long for it (55P03); the answer as
-- api_ticket_row_holder's (what 'mail', ticket NULL): row_holder_named.
-- No row when no one is found. Those who may read mail only
-- (api_mail_reader).
CREATE OR REPLACE FUNCTION api_mail_row_holder(p_mail bigint, OUT what text, OUT holder text,
                                               OUT program text, OUT others int, OUT ticket bigint,
                                               OUT gid text, OUT since timestamptz)
    RETURNS SETOF record
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM api_mail_reader();
    RETURN QUERY SELECT h.* FROM mail_inbound m,
                        row_holder_named('mail', NULL, 'mail_inbound'::regclass, m.ctid, m.xmax) h
                  WHERE m.id = p_mail;
END
$$;
REVOKE ALL ON FUNCTION api_mail_row_holder(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_mail_row_holder(bigint) TO ticketty_agent;

--- ticket_check_text
-- Refuses a missing, blank (intake_blank: Unicode spaces too) or oversized
-- text (over 100000 characters): TT400 on `field`.
CREATE OR REPLACE FUNCTION ticket_check_text(p_field text, p_text text) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF intake_blank(to_jsonb(p_text)) THEN
        RAISE EXCEPTION '% is required', p_field
            USING ERRCODE = 'TT400', DETAIL = p_field || E'\trequired\tis required';
    ELSIF length(p_text) > 100000 THEN
        RAISE EXCEPTION '% is too long', p_field
            USING ERRCODE = 'TT400',
                  DETAIL = p_field || E'\ttoo_long\tis longer than 100000 characters';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION ticket_check_text(text, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_check_text(text, text) FROM PUBLIC;

--- ticket_require_support
-- The calling agent's id when it may change a ticket's course (every role
-- but pm and developer, who write internal notes only); TT403 naming what
-- was refused otherwise.
CREATE OR REPLACE FUNCTION ticket_require_support(p_what text) RETURNS int
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
REVOKE ALL ON FUNCTION ticket_require_support(text) FROM ticketty_agent, PUBLIC;

--- ticket_add_comment
-- Adds a comment by the caller; returns its id.
CREATE OR REPLACE FUNCTION ticket_add_comment(p_ticket bigint, p_kind comment_kind, p_body text) RETURNS bigint
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
REVOKE ALL ON FUNCTION ticket_add_comment(bigint, comment_kind, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_add_comment(bigint, comment_kind, text) FROM PUBLIC;

--- ticket_apply_status
-- The one place that moves a ticket along the state machine
-- (ticket_transitions), for support staff only (TT403 before anything
-- else). p_public (may be NULL) becomes a public reply, p_internal an
-- internal note; waiting_engineering needs a bug reference (p_bug_ref,
-- taken with no other status). p_via names the calling API ('status',
-- 'ack', 'resolve', 'close', 'reopen'); the audit kind follows the
-- transition's action. The state machine's refusals are TT400 (a stale
-- version stays TT409). Closing resolves the ticket's live escalation
-- (escalation_end_with_ticket, 931); the version returned is the
-- ticket's after both.
CREATE OR REPLACE FUNCTION ticket_apply_status(p_ticket bigint, p_expected int, p_to ticket_status,
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
        RAISE EXCEPTION 'ticket % is already %', p_ticket, p_to
            USING ERRCODE = 'TT400', DETAIL = E'status\tunchanged\tis already the ticket''s status';
    END IF;
    -- the ticket's status first, and no field line restating the message:
    -- the whole sentence fits an 80-column status line
    IF p_via = 'reopen' AND t.status <> 'resolved' THEN
        RAISE EXCEPTION 'ticket % is %: only a resolved ticket can be reopened', p_ticket, t.status
            USING ERRCODE = 'TT400',
                  DETAIL = E'status\tnot_allowed\tonly a resolved ticket can be reopened';
    END IF;
    SELECT tr.action INTO v_action
      FROM ticket_transitions tr WHERE tr.from_status = t.status AND tr.to_status = p_to;
    IF v_action IS NULL THEN
        SELECT string_agg(tr.to_status::text, ', ' ORDER BY tr.to_status) INTO v_allowed
          FROM ticket_transitions tr WHERE tr.from_status = t.status;
        RAISE EXCEPTION 'ticket %: % -> % is not allowed', p_ticket, t.status, p_to
            USING ERRCODE = 'TT400',
                  DETAIL = E'status\tnot_allowed\tcannot be reached from the ticket''s status',
                  HINT = CASE WHEN v_allowed IS NULL THEN format('A %s ticket cannot change any more.', t.status)
                              ELSE format('From %s a ticket may go to: %s.', t.status, v_allowed) END;
    END IF;
    IF v_action = 'ack' AND p_public IS NULL THEN
        RAISE EXCEPTION 'ticket %: new -> acknowledged needs a first public reply (acknowledge the ticket instead)', p_ticket
            USING ERRCODE = 'TT400',
                  DETAIL = E'message\trequired\tnew -> acknowledged needs a first public reply';
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
        ELSIF p_bug_ref IS NOT NULL AND text_has_control(v_bug) THEN
            RAISE EXCEPTION 'the bug reference is not one line'
                USING ERRCODE = 'TT400', DETAIL = admin_one_line_refusal('bug_ref');
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
    -- closed is final: its live escalation ends with it, by the closer,
    -- after the close in the timeline (a resolved ticket keeps its own)
    IF p_to = 'closed' THEN
        IF escalation_end_with_ticket(p_ticket, v_me) THEN
            SELECT x.version INTO v_version FROM tickets x WHERE x.id = p_ticket;
        END IF;
    END IF;
    RETURN v_version;
END
$$;
REVOKE ALL ON FUNCTION ticket_apply_status(bigint, int, ticket_status, text, text, text, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_apply_status(bigint, int, ticket_status, text, text, text, text) FROM PUBLIC;

--- ticket_apply_assignee
-- Assigns the locked ticket `t` to agent p_agent, audited as p_kind
-- (take or assign); returns the version. A closed ticket is TT400
-- (status, closed), for taking and assigning alike.
CREATE OR REPLACE FUNCTION ticket_apply_assignee(t tickets, p_agent int, p_kind text) RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_version int;
BEGIN
    IF t.status = 'closed' THEN
        RAISE EXCEPTION 'ticket % is closed: it cannot be assigned any more', t.id
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
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
REVOKE ALL ON FUNCTION ticket_apply_assignee(tickets, int, text) FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_apply_assignee(tickets, int, text) FROM PUBLIC;

--- api_ticket_ack
-- The first response: a public reply that acknowledges a `new` ticket.
CREATE OR REPLACE FUNCTION api_ticket_ack(id bigint, expected_version int, message text) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN ticket_apply_status(api_ticket_ack.id, expected_version, 'acknowledged', NULL,
                               coalesce(message, ''), NULL, 'ack');
END
$$;

--- api_ticket_reply
-- A public reply. On a `new` ticket it is the first response and
-- acknowledges it; otherwise the status stays. A closed ticket is TT400
-- (status, closed).
CREATE OR REPLACE FUNCTION api_ticket_reply(id bigint, expected_version int, body text) RETURNS int
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
        RAISE EXCEPTION 'ticket % is closed: it takes no more replies', t.id
            USING ERRCODE = 'TT400', DETAIL = E'status\tclosed\tis closed, and a closed ticket is final';
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

--- api_ticket_note
-- An internal note, in any state, by any agent. expected_version NULL = no check.
CREATE OR REPLACE FUNCTION api_ticket_note(id bigint, expected_version int, body text) RETURNS int
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

--- api_ticket_take
-- Assigns the ticket to the caller.
CREATE OR REPLACE FUNCTION api_ticket_take(id bigint, expected_version int) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me int := ticket_require_support('taking a ticket');
BEGIN
    RETURN ticket_apply_assignee(ticket_lock(api_ticket_take.id, expected_version), v_me, 'take');
END
$$;

--- ticket_find_agent
-- The agent `who` names: its login, else its display name (ignoring case
-- and surrounding blanks) when exactly one agent bears it. TT400 on field
-- `field` when nobody or several agents match. Inactive agents are found
-- (the caller decides what to make of them).
CREATE OR REPLACE FUNCTION ticket_find_agent(p_field text, who text) RETURNS agents
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
REVOKE ALL ON FUNCTION ticket_find_agent(text, text) FROM ticketty_agent, PUBLIC;

--- api_ticket_assign
-- Assigns the ticket to the active support agent `login` (a login, or a
-- display name only one agent bears). Product managers and developers
-- neither assign nor are assigned: they write internal notes only.
CREATE OR REPLACE FUNCTION api_ticket_assign(id bigint, expected_version int, login text) RETURNS int
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
    ELSIF a.role::text = 'mail' THEN
        RAISE EXCEPTION 'agent "%" is the mail gateway and takes no ticket', a.login
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'assignee\tmail_gateway\t%s (%s) is the mail gateway, which takes no ticket',
                                  a.display_name, a.login);
    END IF;
    RETURN ticket_apply_assignee(t, a.id, 'assign');
END
$$;

--- api_ticket_take_next
-- Claims the most urgent open unassigned ticket of a team (the caller's
-- when team_key is NULL) for the caller, in the queue's order (severity,
-- queue_paused, queue_paused_left: the paused tickets by their time
-- left, queue_due, id), skipping rows other sessions are claiming:
-- concurrent callers never get the same ticket. Returns its id, or NULL
-- when there is none; when every one there is is held by another
-- session (being taken or changed), TT409 says how many, to try again,
-- and who holds them where the database can tell (the holder of the
-- most urgent, and how many more sessions are in the way).
CREATE OR REPLACE FUNCTION api_ticket_take_next(team_key text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me   int := ticket_require_support('taking a ticket');
    v_team smallint;
    v_id   bigint;
    v_held bigint;
    v_pids int[];
    v_who  text;
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
     ORDER BY t.severity, t.queue_paused, t.queue_paused_left, t.queue_due, t.id
     LIMIT 1
       FOR UPDATE SKIP LOCKED;
    IF v_id IS NULL THEN
        -- none left, or every one skipped: "nothing to take" would send
        -- the engineer away from a queue that is not empty
        SELECT count(*) INTO v_held
          FROM tickets t
         WHERE t.is_open AND t.team_id = v_team AND t.assignee_id IS NULL;
        IF v_held > 0 THEN
            -- and who holds them, where the database can tell: the
            -- sessions in the way of each (row_lock_holders), the holder
            -- of the most urgent named, the others counted
            v_pids := ARRAY(
                SELECT h.pid
                  FROM (SELECT t.ctid, t.xmax,
                               row_number() OVER (ORDER BY t.severity, t.queue_paused, t.queue_paused_left,
                                                           t.queue_due, t.id) AS rn
                          FROM tickets t
                         WHERE t.is_open AND t.team_id = v_team AND t.assignee_id IS NULL
                         ORDER BY rn LIMIT 100) t
                 CROSS JOIN LATERAL unnest(row_lock_holders('tickets'::regclass, t.ctid, t.xmax))
                       WITH ORDINALITY AS h(pid, k)
                 GROUP BY h.pid ORDER BY min(t.rn), min(h.k));
            v_who := (SELECT coalesce(g.display_name, a.usename::text)
                        FROM pg_stat_activity a LEFT JOIN agents g ON g.login = a.usename
                       WHERE a.pid = v_pids[1]);
            IF v_who IS NOT NULL AND cardinality(v_pids) > 1 THEN
                RAISE EXCEPTION 'every unassigned open ticket of the team (%) is being taken or changed in other sessions, by % and % more: try again in a moment',
                                v_held, v_who, cardinality(v_pids) - 1
                    USING ERRCODE = 'TT409';
            ELSIF v_who IS NOT NULL THEN
                RAISE EXCEPTION 'every unassigned open ticket of the team (%) is being taken or changed in another session, by %: try again in a moment',
                                v_held, v_who
                    USING ERRCODE = 'TT409';
            END IF;
            RAISE EXCEPTION 'every unassigned open ticket of the team (%) is being taken or changed in another session: try again in a moment', v_held
                USING ERRCODE = 'TT409';
        END IF;
        RETURN NULL;
    END IF;
    UPDATE tickets SET assignee_id = v_me, version = version + 1, updated_at = tt_now() WHERE tickets.id = v_id;
    PERFORM audit(v_id, 'take', jsonb_build_object(
        'assignee', (SELECT a.login FROM agents a WHERE a.id = v_me), 'next', true));
    RETURN v_id;
END
$$;

--- api_ticket_set_status
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

--- api_ticket_transitions
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

--- api_ticket_resolve
-- Resolves an open ticket with `message`, the public resolution message
-- (required; on a never-answered ticket it is also the first response).
CREATE OR REPLACE FUNCTION api_ticket_resolve(id bigint, expected_version int, message text DEFAULT NULL)
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

--- api_ticket_close
-- Closes a resolved ticket; closed is final.
CREATE OR REPLACE FUNCTION api_ticket_close(id bigint, expected_version int) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN ticket_apply_status(api_ticket_close.id, expected_version, 'closed', NULL,
                               NULL, NULL, 'close');
END
$$;

--- api_ticket_reopen
-- Reopens a resolved ticket (-> in_progress); `message` (optional) is kept
-- as an internal note saying why.
CREATE OR REPLACE FUNCTION api_ticket_reopen(id bigint, expected_version int, message text DEFAULT NULL)
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

--- ticket_sla_state
-- The SLA state shown by `ticket show`, the ticket view and the escalation
-- lists: the state of ticket_sla(t) (010_sla.sql), the worst of the open
-- deadlines (breached, at_risk, ok), or the first-response outcome when
-- none is open. It needs no clock arithmetic (only ticket_sla's time left
-- does): one SQL expression over the ticket's stored instants, with no SET
-- clause, so the planner inlines it and a list of 500 escalations costs no
-- function call per row. A list passes the instant it read once (`at`).
CREATE OR REPLACE FUNCTION ticket_sla_state(t tickets, at timestamptz DEFAULT tt_now()) RETURNS text
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

--- tickets_after_insert
-- The one AFTER INSERT trigger of tickets (175): a new ticket's two
-- search rows (ticket_search, ticket_search_shared), its fields parsed
-- once for both; its place in the dashboard's rollups as dashboard_facts
-- counts it (the backlog and its pending deadlines, the update due of one
-- acknowledged at insert, as imports do, among them, 720; the outcomes
-- of a ticket inserted already decided through dashboard_add); and the
-- pause row of a ticket inserted waiting on the customer.
CREATE OR REPLACE FUNCTION tickets_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_ab       tsvector;
    v_customer text;
    v_contact  text;
    z          text;
    v_fr_due   timestamptz;
    v_res_due  timestamptz;
    v_upd_due  timestamptz;
BEGIN
    -- search (070, 650): a new ticket has no message yet, so its two
    -- vectors are its fields (search_fields_doc(NEW) and
    -- search_fields_doc(NEW, false), the same words at the same
    -- positions), each part parsed once for both rows (search_refresh()
    -- plans its chain of SQL functions on every call)
    v_ab := setweight(search_words(
                          concat_ws(' ', NEW.id, NEW.title, array_to_string(NEW.object_ids, ' '),
                                    NEW.member_id, NEW.bidder_id, NEW.creative_id, NEW.bug_ref)), 'A')
         || setweight(search_words(concat_ws(' ', NEW.description, NEW.impact, NEW.repro_steps)), 'B');
    -- 800: with report_zone() of the rollups below, read inline (a call of
    -- it is planned per transaction), in the same statement
    SELECT cu.name, (SELECT concat_ws(' ', co.name, co.email) FROM contacts co WHERE co.id = NEW.contact_id),
           coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC')
      INTO v_customer, v_contact, z
      FROM customers cu WHERE cu.id = NEW.customer_id;
    INSERT INTO ticket_search (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer, v_contact)), 'C'));
    INSERT INTO ticket_search_shared (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(search_words(concat_ws(' ', v_customer)), 'C'));

    -- dashboard (090, 700): the facts of dashboard_facts(NEW, zone, false),
    -- the backlog (kind NULL) first. Each is one met, one missed, one open
    -- or one pending, never zero. The backlog and the pending deadlines,
    -- the common case, are written here; the rare outcomes of a ticket
    -- inserted already decided go through dashboard_add.
    IF NEW.is_open THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        VALUES ((NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        VALUES (NEW.customer_id, (NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
    END IF;
    -- the pending deadlines (700, 720), as dashboard_facts counts them:
    -- one upsert per table, the three clocks in it (kinds apart, so no row
    -- twice)
    IF NEW.is_open AND NEW.resolved_at IS NULL THEN
        v_fr_due := CASE WHEN NEW.first_response_outcome IS NULL AND NEW.acknowledged_at IS NULL
                         THEN NEW.first_response_due END;
        v_res_due := CASE WHEN NEW.waiting_since IS NULL OR NEW.waiting_since >= NEW.resolution_due
                          THEN NEW.resolution_due END;
        v_upd_due := NEW.update_due;
        INSERT INTO sla_pending AS r (day, team_id, severity, plan, kind, pending)
        SELECT (d.due AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (day, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer AS r (customer_id, day, team_id, severity, plan, kind, pending)
        SELECT NEW.customer_id, (d.due AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (customer_id, day, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_hour AS r (hour, team_id, severity, plan, kind, pending)
        SELECT date_bin('1 hour', d.due, timestamptz '2000-01-01 00:00+00'), NEW.team_id, NEW.severity, NEW.plan,
               d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (hour, team_id, severity, plan, kind) DO UPDATE SET pending = r.pending + EXCLUDED.pending;
        INSERT INTO sla_pending_customer_hour AS r (hour, customer_id, team_id, severity, plan, kind, pending)
        SELECT date_bin('1 hour', d.due, timestamptz '2000-01-01 00:00+00'), NEW.customer_id, NEW.team_id,
               NEW.severity, NEW.plan, d.kind, 1
          FROM (VALUES ('first_response'::sla_kind, v_fr_due), ('resolution'::sla_kind, v_res_due),
                       ('update'::sla_kind, v_upd_due)) d (kind, due)
         WHERE d.due IS NOT NULL
        ON CONFLICT (hour, customer_id, team_id, severity, plan, kind)
        DO UPDATE SET pending = r.pending + EXCLUDED.pending;
    END IF;
    IF NEW.first_response_outcome IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'first_response',
                              (coalesce(NEW.acknowledged_at, NEW.first_response_due) AT TIME ZONE z)::date,
                              (NEW.first_response_outcome = 'met')::int,
                              (NEW.first_response_outcome = 'missed')::int, 0, 0, NULL);
    END IF;
    IF NEW.resolution_outcome IS NOT NULL AND NEW.resolved_at IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'resolution',
                              (NEW.resolved_at AT TIME ZONE z)::date,
                              (NEW.resolution_outcome = 'met')::int,
                              (NEW.resolution_outcome = 'missed')::int, 0, 0, NULL);
    END IF;

    -- SLA (010): a ticket inserted already waiting on the customer gets its
    -- pause row
    IF NEW.waiting_since IS NOT NULL THEN
        INSERT INTO sla_pauses (ticket_id, started_at, clock)
        VALUES (NEW.id, NEW.waiting_since, coalesce(NEW.resolution_clock, 'wall'));
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tickets_after_insert() FROM ticketty_agent, PUBLIC;

--- api_ticket_ask
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
GRANT EXECUTE ON FUNCTION api_ticket_ask(bigint, int, text) TO ticketty_agent;

--- ticket_step_into_work
-- The step an acknowledged ticket takes first on its way to a wait
-- (`p_to`): to in_progress, returning the version after it; any other
-- case returns `p_expected` untouched for the caller's own step.
CREATE OR REPLACE FUNCTION ticket_step_into_work(p_ticket bigint, p_expected int, p_to ticket_status) RETURNS int
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
