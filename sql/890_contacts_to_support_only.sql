-- 890_contacts_to_support_only.sql: a contact's name and address reach
-- support staff only, through the API functions too.
--
-- Row-level security (049) shows a pm or developer no contact, and the API
-- functions that hand contacts out were to check the role themselves
-- (docs/access.md, "Who sees what"). Four did not, and a pm or developer
-- login read contacts through them from psql:
--   * api_canned_render filled {contact} in for any ticket: a canned reply
--     is a public reply, which they never write. It now refuses them as
--     api_ticket_reply does (TT403, ticket_require_support);
--   * api_inbox_refusal_names gave every inbox mail's customer's
--     authorised contacts, "Name <address>, ...", and api_inbox_missing
--     what a mail held by the inbox (support staff's only) lacks. Both
--     now need a support role, as the inbox's other functions do
--     (inbox_lock, api_mail_reader);
--   * api_ticket_check and api_ticket_create refused a contact of another
--     customer, a deactivated one or one that is no authorised contact by
--     naming them ("Ana Gil <ana@x.example> is a contact of X, not of Y"):
--     by trying contact ids one by one a pm listed every contact. For a
--     caller who may not read contacts such a refusal is now the one for
--     a contact that does not exist, as the table shows them none
--     (intake_problems_shown, new).
-- It replaces 101's api_canned_render, 062's api_inbox_missing and
-- api_inbox_refusal_names, 020's api_ticket_check and 760's
-- api_ticket_create.

SELECT set_config('search_path', 'ticketty', true);

-- The canned reply `key` filled in for ticket `ticket`, in language `lang`
-- (else English, else any language it exists in). TT400 on `template`
-- naming the keys there are when `key` is unknown; TT404 for no ticket;
-- TT403 for a pm or developer (a public reply, naming the contact).
CREATE OR REPLACE FUNCTION api_canned_render(p_key text, ticket bigint, p_lang text DEFAULT 'en') RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_me   int := ticket_require_support('a public reply');
    v_body text;
    v_keys text;
    r      record;
BEGIN
    SELECT c.body INTO v_body FROM canned_replies c
     WHERE c.key = p_key
     ORDER BY c.lang = coalesce(p_lang, 'en') DESC, c.lang = 'en' DESC, c.lang
     LIMIT 1;
    IF v_body IS NULL THEN
        SELECT string_agg(DISTINCT c.key, ', ') INTO v_keys FROM canned_replies c;
        RAISE EXCEPTION 'there is no canned reply "%"', p_key
            USING ERRCODE = 'TT400',
                  DETAIL = format(E'template\tno_such_template\tthere is no canned reply "%s" (there are: %s)',
                                  p_key, coalesce(v_keys, 'none'));
    END IF;
    SELECT t.id, t.title, k.name AS contact, c.name AS customer INTO r
      FROM tickets t JOIN contacts k ON k.id = t.contact_id JOIN customers c ON c.id = t.customer_id
     WHERE t.id = api_canned_render.ticket;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'ticket % not found', api_canned_render.ticket USING ERRCODE = 'TT404';
    END IF;
    RETURN replace(replace(replace(replace(replace(v_body,
               '{contact}', r.contact), '{ticket}', r.id::text), '{customer}', r.customer),
               '{title}', r.title), '{agent}', (SELECT a.display_name FROM agents a WHERE a.id = v_me));
END
$$;

-- The mandatory intake items an inbox mail cannot carry by itself (what
-- its own fields do not fill in), in form order, named in p_lang (es, else
-- English). Support staff only, as the inbox.
CREATE OR REPLACE FUNCTION api_inbox_missing(p_inbound bigint, p_lang text DEFAULT 'en')
    RETURNS TABLE (name text, label text, help text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    IF NOT EXISTS (SELECT 1 FROM mail_inbound m WHERE m.id = p_inbound) THEN
        RAISE EXCEPTION 'no such inbox mail: %', p_inbound USING ERRCODE = 'TT404';
    END IF;
    RETURN QUERY
    WITH pre AS (SELECT inbox_prefill(p_inbound) AS v)
    SELECT f.name, coalesce(x.label, f.label), coalesce(x.help, f.help)
      FROM intake_fields f CROSS JOIN pre
      LEFT JOIN intake_field_texts x ON x.name = f.name AND x.lang = p_lang
     WHERE f.required AND f.applies_when = 'always' AND NOT pre.v ? f.name
     ORDER BY f.position;
END
$$;

-- Whom a refusal of an inbox mail names: the customer's authorised
-- contacts ("Name <address>, ..."; NULL when none) and its account
-- representative (NULL when none). Support staff only (contacts, 049).
CREATE OR REPLACE FUNCTION api_inbox_refusal_names(p_inbound bigint, OUT customer text, OUT spoc text,
                                                   OUT rep_name text, OUT rep_email text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM require_role('engineer', 'csm', 'coo', 'ceo', 'admin');
    SELECT cu.name,
           (SELECT string_agg(k.name || ' <' || k.email || '>', ', ' ORDER BY k.name)
              FROM contacts k WHERE k.customer_id = cu.id AND k.spoc AND k.active),
           coalesce(cu.account_rep_name, cu.account_rep_email), cu.account_rep_email
      INTO customer, spoc, rep_name, rep_email
      FROM mail_inbound m JOIN customers cu ON cu.id = m.customer_id
     WHERE m.id = p_inbound;
END
$$;

-- intake_resolve's refusals as the caller may read them: for a login that
-- may not read contacts (session_agent_is_support(), 049), a refusal of
-- the contact that names them (another customer's, deactivated, no
-- authorised contact) is the refusal of a contact that does not exist,
-- which is what the contacts table shows that login. Called only on a
-- refusal: a ticket taken in pays nothing for it.
CREATE FUNCTION intake_problems_shown(p_problems text[], p_payload jsonb) RETURNS text[]
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF session_agent_is_support() THEN
        RETURN p_problems;
    END IF;
    RETURN ARRAY(
        SELECT CASE WHEN split_part(u.l, E'\t', 1) = 'contact'
                         AND split_part(u.l, E'\t', 2) IN ('other_customer', 'inactive', 'not_spoc')
                    THEN intake_line('contact', 'unknown',
                                     format('no contact has the e-mail address or id %s',
                                            p_payload -> 'contact' #>> '{}'))
                    ELSE u.l END
          FROM unnest(p_problems) WITH ORDINALITY AS u(l, o)
         ORDER BY u.o);
END
$$;
REVOKE ALL ON FUNCTION intake_problems_shown(text[], jsonb) FROM ticketty_agent, PUBLIC;

-- The refusals api_ticket_create would give for this payload, without
-- creating anything (the form checks with it; the CLI merges its own
-- byte-level findings with it).
CREATE OR REPLACE FUNCTION api_ticket_check(payload jsonb)
    RETURNS TABLE (field text, code text, message text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[];
BEGIN
    PERFORM current_agent_id();
    v_problems := (intake_resolve(payload)).problems;
    IF cardinality(v_problems) > 0 THEN
        v_problems := intake_problems_shown(v_problems, payload);
    END IF;
    RETURN QUERY
        SELECT split_part(l, E'\t', 1), split_part(l, E'\t', 2), split_part(l, E'\t', 3)
          FROM unnest(v_problems) WITH ORDINALITY AS u(l, o)
         ORDER BY o;
END
$$;

-- Creates the ticket the payload describes and returns its id, or raises
-- TT400 listing every refused field. A payload whose idempotency_key was
-- already used returns that ticket instead of creating a second one, when
-- it is the same payload (a retry); a different payload under a used key
-- is refused (TT400, field idempotency_key, code reused_key) rather than
-- answered with the old ticket while its new text is dropped.
CREATE OR REPLACE FUNCTION api_ticket_create(payload jsonb) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
    -- generic plans for its statements and for those of the triggers it
    -- fires: with the ticket's values known a custom plan is planned for
    -- every row, and the plan cache kept choosing custom ones (intake
    -- 299 -> 374 tickets/s, tests/bench/README "Third pass")
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_me   int := current_agent_id();
    v_key  text;
    v_digest bytea;
    v_id   bigint;
    v_version int;
    v_now  timestamptz;
    r      record;
    t      tickets;
BEGIN
    IF jsonb_typeof(payload -> 'idempotency_key') = 'string' THEN
        v_key := payload ->> 'idempotency_key';
        v_digest := sha256(convert_to(payload::text, 'UTF8'));
        SELECT tk.id INTO v_id FROM tickets tk WHERE tk.idempotency_key = v_key;
        IF FOUND THEN
            RETURN intake_same_retry(v_id, v_digest);
        END IF;
    END IF;

    -- an expression, not a query over the function: no executor start
    -- and no tuplestore for its one row (760)
    r := intake_resolve(payload);
    IF cardinality(r.problems) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'TT400',
            MESSAGE = format('the ticket was refused: %s field(s) need attention', cardinality(r.problems)),
            DETAIL = array_to_string(intake_problems_shown(r.problems, payload), E'\n');
    END IF;
    -- t carries the customer's calendar and plan too (intake_resolve read
    -- the customer)
    t := r.t;

    -- created_at and updated_at given (their defaults are the same clock):
    -- a column default calls tt_now() outside any plan, and so plans its
    -- query again for every row
    v_now := tt_now();
    IF t.idempotency_key IS NULL THEN
        -- no key, no conflict to arbitrate: a plain INSERT (ON CONFLICT
        -- inserts speculatively and confirms, 760)
        INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                             status, title, description, impact, object_ids, member_id, bidder_id,
                             creative_id, repro_steps, screenshots, browser, os, phone, extra,
                             created_by, calendar_id, plan, idempotency_key, idempotency_digest,
                             created_at, updated_at)
        VALUES (t.customer_id, t.contact_id, t.request_type_id, t.team_id, t.reason_id, t.severity,
                'new', t.title, t.description, t.impact, t.object_ids, t.member_id, t.bidder_id,
                t.creative_id, t.repro_steps, coalesce(t.screenshots, '{}'), t.browser, t.os, t.phone,
                t.extra, v_me, t.calendar_id, t.plan, t.idempotency_key,
                NULL, v_now, v_now)
        RETURNING id, version INTO v_id, v_version;
    ELSE
        INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                             status, title, description, impact, object_ids, member_id, bidder_id,
                             creative_id, repro_steps, screenshots, browser, os, phone, extra,
                             created_by, calendar_id, plan, idempotency_key, idempotency_digest,
                             created_at, updated_at)
        VALUES (t.customer_id, t.contact_id, t.request_type_id, t.team_id, t.reason_id, t.severity,
                'new', t.title, t.description, t.impact, t.object_ids, t.member_id, t.bidder_id,
                t.creative_id, t.repro_steps, coalesce(t.screenshots, '{}'), t.browser, t.os, t.phone,
                t.extra, v_me, t.calendar_id, t.plan, t.idempotency_key,
                CASE WHEN t.idempotency_key IS NOT NULL THEN v_digest END, v_now, v_now)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING id, version INTO v_id, v_version;
    END IF;
    IF v_id IS NULL THEN
        -- a concurrent submission with the same key won: return its ticket
        SELECT tk.id INTO v_id FROM tickets tk WHERE tk.idempotency_key = v_key;
        RETURN intake_same_retry(v_id, v_digest);
    END IF;

    -- audit(v_id, 'created', ...) written out: the ticket's version is the
    -- one just inserted and the actor is v_me (audit() reads both again)
    INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
    VALUES (v_id, v_me, 'created', v_version, jsonb_build_object(
        'team', (SELECT tm.key FROM teams tm WHERE tm.id = t.team_id),
        'request_type', (SELECT rq.key FROM request_types rq WHERE rq.id = t.request_type_id),
        'severity', t.severity, 'customer', t.customer_id, 'contact', t.contact_id));
    PERFORM pg_notify('ticketty', json_build_object('ticket', v_id, 'kind', 'created')::text);

    IF r.emergency THEN
        PERFORM ticket_notify_emergency(v_id);
    END IF;
    RETURN v_id;
END
$$;
