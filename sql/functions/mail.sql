-- sql/functions/mail.sql: mail settings and who may read mail in and out.
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- mail_setting
-- The policy value for key (NULL when unset). PL/pgSQL without SET, so
-- its plan is kept for the session (as SQL with a SET clause it was parsed
-- and planned on every call, six calls per mail queued).
CREATE OR REPLACE FUNCTION mail_setting(p_key text) RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN (SELECT m.value FROM ticketty.mail_policy m WHERE m.key = p_key);
END
$$;
REVOKE ALL ON FUNCTION mail_setting(text) FROM ticketty_agent;

--- mail_from_name
-- The desk's display name in mail in p_lang: the policy's from_name_es
-- for Spanish when it is set (981), else from_name. PL/pgSQL without SET,
-- as mail_setting.
CREATE OR REPLACE FUNCTION mail_from_name(p_lang text) RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN coalesce(CASE WHEN p_lang = 'es' THEN nullif(btrim(ticketty.mail_setting('from_name_es')), '') END,
                    ticketty.mail_setting('from_name'));
END
$$;
REVOKE ALL ON FUNCTION mail_from_name(text) FROM ticketty_agent;

--- api_mail_reader
-- The calling agent's id when it may read mail in and out: support staff
-- (engineer, csm, coo, ceo, admin). TT403 for any other role, and as
-- current_agent_id() for a login that is no active agent.
CREATE OR REPLACE FUNCTION api_mail_reader() RETURNS int
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    RETURN require_role('engineer', 'csm', 'coo', 'ceo', 'admin');  -- 060's policies, 049
END
$$;

--- api_mail_next_due
-- Seconds until the outbox's next queued message falls due (0 when one is
-- due now, NULL when none is queued): when `mail send --watch` wakes. The
-- mail gateway (role mail) or an admin, who read the outbox through the
-- mail functions only.
CREATE OR REPLACE FUNCTION api_mail_next_due() RETURNS double precision
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('mail', 'admin');
    RETURN (SELECT greatest(extract(epoch FROM min(o.next_attempt_at) - tt_now()), 0)
              FROM mail_outbox o WHERE o.state = 'queued');
END
$$;
GRANT EXECUTE ON FUNCTION api_mail_next_due() TO ticketty_agent;

--- api_mail_has_files
-- True when queued message p_id goes out with files (those sent with its
-- public message), which api_mail_files gives. The mail gateway or an
-- admin.
CREATE OR REPLACE FUNCTION api_mail_has_files(p_id bigint) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('mail', 'admin');
    RETURN EXISTS (SELECT 1 FROM mail_outbox o JOIN attachments a ON a.comment_id = o.comment_id
                    WHERE o.id = p_id AND o.state = 'queued');
END
$$;
GRANT EXECUTE ON FUNCTION api_mail_has_files(bigint) TO ticketty_agent;

--- api_mail_files
-- The files queued message p_id goes out with, in the order they were
-- added: what `mail send` attaches. Nothing for a message no longer
-- queued. The mail gateway or an admin.
CREATE OR REPLACE FUNCTION api_mail_files(p_id bigint)
    RETURNS TABLE (filename text, content_type text, data bytea)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('mail', 'admin');
    RETURN QUERY
    SELECT a.filename, a.content_type, a.data
      FROM mail_outbox o JOIN attachments a ON a.comment_id = o.comment_id
     WHERE o.id = p_id AND o.state = 'queued'
     ORDER BY a.id;
END
$$;
GRANT EXECUTE ON FUNCTION api_mail_files(bigint) TO ticketty_agent;

--- api_mail_notification_event
-- The event that the notification mailed by queued message p_id tells
-- of, in the columns of a timeline entry (src/model/ticket_timeline.c
-- TIMELINE_COLUMNS and the notification's event as src/model/notify.c
-- finds it, repeated here: tests/db/test_mail_gateway.c
-- `notification_event_as_the_client_reads_it` fails when they differ),
-- all as text, then the notification's kind and its recipient's login
-- and name: what `mail send` says the notification in words with
-- (notify_words), as the recipient reads it in ticketty. No row when
-- p_id is no queued notification mail. The mail gateway (role mail),
-- which reads no table, or an admin.
CREATE OR REPLACE FUNCTION api_mail_notification_event(p_id bigint)
    RETURNS TABLE (
                   at_text text,
                   at text,
                   src text,
                   id text,
                   kind text,
                   author text,
                   author_login text,
                   body text,
                   event text,
                   version text,
                   from_ text,
                   to_ text,
                   target text,
                   details text,
                   delivery text,
                   level text,
                   level_key text,
                   who text,
                   said text,
                   team text,
                   severity_name text,
                   request_type text,
                   severity text,
                   size text,
                   cause text,
                   link_kind text,
                   other text,
                   changes text,
                   files text,
                   n_kind text,
                   me_login text,
                   me_name text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM require_role('mail', 'admin');
    RETURN QUERY
    SELECT q.at_text::text, q.at::text, q.src::text, q.id::text, q.kind::text,
           q.author::text, q.author_login::text, q.body::text, q.event::text,
           q.version::text, q.from_::text, q.to_::text, q.target::text, q.details::text,
           q.delivery::text, q.level::text, q.level_key::text, q.who::text, q.said::text,
           q.team::text, q.severity_name::text, q.request_type::text, q.severity::text,
           q.size::text, q.cause::text, q.link_kind::text, q.other::text, q.changes::text,
           q.files::text, q.n_kind::text, q.me_login::text, q.me_name::text
      FROM (
            SELECT x.at::text AS at_text, extract(epoch FROM x.at)::bigint AS at, x.src, x.id, x.kind,
                   CASE WHEN x.event = 'customer_reply' THEN
                     (SELECT coalesce(c.name, i.from_name || ' <' || i.from_address || '>', i.from_address)
                        FROM mail_inbound i LEFT JOIN contacts c ON c.id = i.contact_id
                       WHERE i.id = CASE WHEN x.details->>'mail' ~ '^[0-9]{1,18}$' THEN (x.details->>'mail')::bigint END)
                   ELSE coalesce(a.display_name, CASE WHEN x.kind = 'customer' THEN
                     (SELECT coalesce(c.name, i.from_name || ' <' || i.from_address || '>', i.from_address)
                        FROM mail_inbound i LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.comment_id = x.id) END) END
                     AS author, a.login AS author_login, x.body, x.event, x.version,
                   CASE WHEN x.event IN ('escalation.handed', 'take', 'assign', 'unassign') THEN coalesce((SELECT ag.display_name
                       FROM agents ag WHERE ag.login = x.details->>'from'), x.details->>'from')
                       ELSE x.details->>'from' END AS from_,
                   x.details->>'to' AS to_,
                   CASE WHEN x.event = 'assign' THEN coalesce((SELECT ag.display_name FROM agents ag
                       WHERE ag.login = x.details->>'assignee'), x.details->>'assignee')
                       ELSE coalesce(x.details->>'assignee', x.details->>'bug_ref', x.details->>'filename') END AS target,
                   x.details::text AS details,
                   CASE WHEN x.kind IN ('public', 'question') THEN (SELECT mail_delivery(o) FROM mail_outbox o
                       WHERE o.comment_id = x.id AND o.auto_submitted IS NULL ORDER BY o.id LIMIT 1) END AS delivery,
                   nullif(x.details->>'level', '')::int AS level, x.details->>'level_key' AS level_key,
                   CASE WHEN x.src = 1 THEN coalesce((SELECT ag.display_name FROM agents ag
                       WHERE ag.login = coalesce(x.details->>'holder', x.details->>'agent')),
                       x.details->>'holder', x.details->>'agent') END AS who,
                   coalesce(x.details->>'reason', x.details->>'note') AS said,
                   CASE WHEN x.src = 1 THEN (SELECT tm.name FROM teams tm WHERE tm.key = x.details->>'team') END AS team,
                   CASE WHEN x.src = 1 THEN (SELECT s.name FROM severities s
                                              WHERE s.level::text = x.details->>'severity') END AS severity_name,
                   CASE WHEN x.src = 1 THEN (SELECT rq.name FROM request_types rq
                                              WHERE rq.key = x.details->>'request_type') END AS request_type,
                   nullif(x.details->>'severity', '')::int AS severity,
                   CASE WHEN x.event IN ('file_sent', 'file_noted') THEN x.details->>'size' END AS size,
                   x.details->>'cause' AS cause,
                   CASE WHEN x.event IN ('link', 'unlink') THEN x.details->>'kind' END AS link_kind,
                   CASE WHEN x.event IN ('link', 'unlink') THEN x.details->>'other' END AS other,
                   CASE WHEN x.event = 'retriage' THEN
                     (SELECT string_agg(coalesce(f.label, initcap(replace(c.key, '_', ' '))) || E'\x1f'
                                        || coalesce(v.old, '') || E'\x1f' || coalesce(v.new, ''), E'\x1e'
                                        ORDER BY f.position NULLS FIRST, c.key)
                        FROM jsonb_each(CASE WHEN jsonb_typeof(x.details->'changes') = 'object'
                                             THEN x.details->'changes' ELSE '{}' END) c
                        LEFT JOIN intake_fields f ON f.name = c.key
                        CROSS JOIN LATERAL (SELECT max(w.txt) FILTER (WHERE w.side = 'from') AS old,
                                                   max(w.txt) FILTER (WHERE w.side = 'to') AS new
                           FROM (SELECT d.side, CASE c.key
                                   WHEN 'request_type' THEN (SELECT rq.name FROM request_types rq WHERE rq.key = c.value->>d.side)
                                   WHEN 'reason' THEN (SELECT cr.name FROM case_reasons cr WHERE cr.key = c.value->>d.side)
                                   WHEN 'team' THEN (SELECT tm.name FROM teams tm WHERE tm.key = c.value->>d.side)
                                   ELSE CASE WHEN jsonb_typeof(c.value->d.side) = 'array'
                                             THEN (SELECT string_agg(a, ', ') FROM jsonb_array_elements_text(c.value->d.side) a)
                                             ELSE c.value->>d.side END END AS txt
                                   FROM (VALUES ('from'), ('to')) d(side)) w) v) END AS changes,
                   CASE WHEN x.src = 0 THEN (SELECT string_agg(f.filename || E'\x1f' || f.size, E'\x1e' ORDER BY f.id)
                       FROM attachments f WHERE f.comment_id = x.id) END AS files,
                   n.kind AS n_kind, me.login AS me_login, me.display_name AS me_name
              FROM mail_outbox mo
              JOIN notifications n ON n.id = mo.notification_id
              LEFT JOIN agents me ON me.id = n.recipient_agent_id
              LEFT JOIN LATERAL (
                SELECT v.at, 1 AS src, v.id, 'event'::text AS kind, v.actor_id AS actor,
                       NULL::text AS body, v.kind AS event, v.version, v.details
                  FROM ticket_events v
                 WHERE v.ticket_id = n.ticket_id AND v.at = n.created_at
                   AND CASE WHEN n.payload ? 'event_id' THEN v.id = (n.payload->>'event_id')::bigint
                            ELSE v.kind = ANY (CASE n.kind
                              WHEN 'ticket.customer_reply' THEN ARRAY['customer_reply']
                              WHEN 'ticket.retriaged' THEN ARRAY['retriage']
                              WHEN 'ticket.rerouted' THEN ARRAY['retriage']
                              WHEN 'ticket.mail_bounced' THEN ARRAY['mail_bounced']
                              WHEN 'escalation.raised' THEN ARRAY['escalation.raised', 'escalation.passed_up']
                              WHEN 'escalation.passed_up' THEN ARRAY['escalation.raised', 'escalation.passed_up']
                              WHEN 'escalation.acknowledged' THEN ARRAY['escalation.acknowledged']
                              WHEN 'escalation.resolved' THEN ARRAY['escalation.resolved']
                              WHEN 'escalation.handed' THEN ARRAY['escalation.handed']
                              WHEN 'emergency' THEN ARRAY['created']
                              ELSE ARRAY[]::text[] END) END
                 ORDER BY v.id DESC LIMIT 1) x ON true
              LEFT JOIN agents a ON a.id = x.actor
             WHERE mo.id = p_id AND mo.state = 'queued' AND mo.kind = 'notification') q;
END
$$;
GRANT EXECUTE ON FUNCTION api_mail_notification_event(bigint) TO ticketty_agent;
