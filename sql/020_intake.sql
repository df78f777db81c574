-- 020_intake.sql: taking a ticket in. api_ticket_create(payload jsonb)
-- checks a new ticket against the intake_fields metadata and the reference
-- tables, and either creates it (routed to its request type's team, plan and
-- calendar copied from the customer, audited, emergencies notified) or
-- refuses it with SQLSTATE TT400 naming every offending field at once.
-- api_ticket_check(payload) runs the same check without creating anything.
--
-- Payload: a JSON object keyed by intake field name (plus idempotency_key).
-- customer: id or exact name; contact: id or e-mail; request_type, reason:
-- key (or id); severity: level, key or name; id fields: positive integers
-- (numbers or digit strings); list fields: JSON arrays (a string is also
-- accepted: split on commas/blanks for ids, on line breaks for screenshots).
--
-- The due times of the new ticket are filled by the SLA trigger (010_sla).
-- Applied by the migration runner in one transaction; never edit once applied.

SELECT set_config('search_path', 'ticketty', true);

COMMENT ON COLUMN tickets.extra IS
    'Values of intake fields that a deployment added to intake_fields and that have no column of their own.';

-- The helpers below carry no SET clause and name everything they use with
-- its schema (pg_catalog comes first anyway): a SET clause turns every call
-- into a full function call that saves and restores the setting, and keeps
-- the planner from inlining the function. They run per field and per list
-- entry of every ticket (intake_positive_id used to run ~160 times per
-- ticket, once per customer and contact row scanned); their callers pin
-- the path.

-- One refusal line of a TT400 DETAIL: field<TAB>code<TAB>message.
CREATE FUNCTION intake_line(field text, code text, message text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT field || E'\t' || code || E'\t' || pg_catalog.translate(message, E'\t\n\r', '   ') $$;

-- True when a payload value counts as "not given": absent, null, a blank
-- string or an empty array.
CREATE FUNCTION intake_blank(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT v IS NULL
        OR pg_catalog.jsonb_typeof(v) = 'null'
        OR (pg_catalog.jsonb_typeof(v) = 'string' AND pg_catalog.btrim(v #>> '{}', E' \t\r\n') = '')
        OR (pg_catalog.jsonb_typeof(v) = 'array' AND pg_catalog.jsonb_array_length(v) = 0)
$$;

-- A positive bigint from a JSON number or a string of digits, else NULL
-- (one expression: inlined where it is used).
CREATE FUNCTION intake_positive_id(v jsonb) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE pg_catalog.jsonb_typeof(v)
           WHEN 'number' THEN
                CASE WHEN (v #>> '{}')::numeric = pg_catalog.trunc((v #>> '{}')::numeric)
                          AND (v #>> '{}')::numeric BETWEEN 1 AND 9223372036854775807
                     THEN (v #>> '{}')::numeric::bigint END
           WHEN 'string' THEN
                CASE WHEN pg_catalog.btrim(v #>> '{}') ~ '^[0-9]{1,19}$'
                          AND pg_catalog.btrim(v #>> '{}')::numeric BETWEEN 1 AND 9223372036854775807
                     THEN pg_catalog.btrim(v #>> '{}')::numeric::bigint END
           END
$$;

-- The elements of a list field as text: a JSON array of scalars, or a
-- string split by `sep` (a regular expression); NULL when malformed.
CREATE FUNCTION intake_list(v jsonb, sep text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
    IF pg_catalog.jsonb_typeof(v) = 'string' THEN
        RETURN (SELECT coalesce(pg_catalog.array_agg(pg_catalog.btrim(x) ORDER BY o), '{}')
                  FROM pg_catalog.regexp_split_to_table(v #>> '{}', sep) WITH ORDINALITY AS s(x, o)
                 WHERE pg_catalog.btrim(x) <> '');
    ELSIF pg_catalog.jsonb_typeof(v) <> 'array' THEN
        RETURN NULL;
    END IF;
    RETURN (SELECT CASE WHEN pg_catalog.bool_and(pg_catalog.jsonb_typeof(e) IN ('string', 'number'))
                             IS NOT FALSE
                        THEN coalesce(pg_catalog.array_agg(e #>> '{}' ORDER BY o), '{}') END
              FROM pg_catalog.jsonb_array_elements(v) WITH ORDINALITY AS a(e, o));
END
$$;

-- A contact is looked up by its address (case-insensitive) at every intake.
CREATE INDEX contacts_email_lower_idx ON contacts (lower(email));

-- The one reading of intake_fields.applies_when: whether a field applies
-- to a ticket whose request type and severity have these flags (NULL when
-- not chosen yet). The check (intake_resolve) and the form (intake_form)
-- both ask here. Plain SQL without SET so the planner inlines it.
CREATE FUNCTION intake_applies(applies_when text, ui_related boolean, emergency boolean)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT applies_when = 'always'
        OR (applies_when = 'ui_related' AND coalesce(ui_related, false))
        OR (applies_when = 'emergency' AND coalesce(emergency, false))
$$;

-- The form for the current choices (request type key, severity level; NULL
-- or '' when not chosen): every intake field in form order, whether it
-- shows now, whether it must be filled, and its length bound. The client
-- shows and marks fields from this, never reading applies_when itself.
CREATE FUNCTION intake_form(request_type text, severity text)
    RETURNS TABLE (name text, shown boolean, required boolean, max_length int)
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT f.name, a.applies, f.required AND a.applies, f.max_length
      FROM intake_fields f
     CROSS JOIN LATERAL (SELECT intake_applies(f.applies_when,
                (SELECT r.ui_related FROM request_types r WHERE r.key = intake_form.request_type),
                (SELECT s.emergency FROM severities s WHERE s.level::text = intake_form.severity))
            AS applies) a
     ORDER BY f.position
$$;

-- The check itself. Returns the ticket row the payload describes (only the
-- intake columns filled, and the customer's calendar and plan), the refusal
-- lines in form order (the ticket is acceptable when `problems` is empty)
-- and whether its severity is an emergency. The reference rows the other
-- checks depend on are read first (one index probe each), then every
-- intake field is judged in a loop over intake_fields: for each field its
-- refusal line, or what it adds to the ticket row or to `extra`.
CREATE FUNCTION intake_resolve(p jsonb, OUT t tickets, OUT problems text[], OUT emergency boolean)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
    -- generic plans: with the payload known, a custom plan folds it (and
    -- calls intake_positive_id while planning), so the plan cache never
    -- found the generic plan cheaper and planned the field statement
    -- again on every call (3.5 ms a call against 1.2 ms, pgbench)
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    -- intake fields stored in a column of the same name; any other field
    -- the metadata defines goes to tickets.extra
    c_columns CONSTANT text[] := ARRAY['title', 'description', 'impact', 'object_ids', 'member_id',
                                       'bidder_id', 'creative_id', 'repro_steps', 'screenshots',
                                       'browser', 'os', 'phone'];
    cust   customers;
    rt     request_types;
    sev    severities;
    ct     contacts;
    ct_customer_name text;
    v_key  text;
    v_num  bigint;
    v      jsonb;
    v_row   jsonb;
    v_cols  jsonb;
    v_extra jsonb;
    f       record;
    v_applies boolean;
    v_line  text;
    v_sets  jsonb;
    v_canon jsonb;
    v_reason smallint;
    v_lst   text[];
    v_bad   text;
    v_has_blank boolean;
    v_longest int;
BEGIN
    IF p IS NULL OR jsonb_typeof(p) <> 'object' THEN
        problems := ARRAY[intake_line('ticket', 'malformed', 'the ticket must be a JSON object')];
        RETURN;
    END IF;

    -- what the other checks depend on: the customer by exact name (the
    -- name wins when a customer is literally called by digits), else by id
    v := p -> 'customer';
    IF jsonb_typeof(v) IN ('number', 'string') THEN
        SELECT c.* INTO cust FROM customers c WHERE c.name = v #>> '{}';
        IF NOT FOUND THEN
            SELECT c.* INTO cust FROM customers c WHERE c.id = intake_positive_id(v);
        END IF;
    END IF;
    v := p -> 'request_type';
    SELECT r.* INTO rt FROM request_types r
     WHERE jsonb_typeof(v) IN ('number', 'string')
       AND (r.key = lower(btrim(v #>> '{}')) OR r.id::bigint = intake_positive_id(v))
     LIMIT 1;
    v := p -> 'severity';
    SELECT s.* INTO sev FROM severities s
     WHERE jsonb_typeof(v) IN ('number', 'string')
       AND (s.level::text = btrim(v #>> '{}')
            OR s.key = lower(btrim(v #>> '{}'))
            OR lower(s.name) = lower(btrim(v #>> '{}')))
     LIMIT 1;
    -- the contact by e-mail (case-insensitive) or id, the given customer's
    -- contact first when several customers know the address: two index
    -- probes (as one OR in the field statement, its generic plan read
    -- every contact, 0.4 ms at 120 contacts and growing with them)
    v := p -> 'contact';
    IF jsonb_typeof(v) IN ('number', 'string') THEN
        -- the keys computed once (in the WHERE they were computed per row scanned)
        v_key := lower(btrim(v #>> '{}'));
        v_num := intake_positive_id(v);
        SELECT x.* INTO ct
          FROM (SELECT c.* FROM contacts c WHERE lower(c.email) = v_key
                UNION ALL
                SELECT c.* FROM contacts c WHERE c.id = v_num) x
         ORDER BY x.customer_id IS NOT DISTINCT FROM cust.id DESC, x.id
         LIMIT 1;
        SELECT c.name INTO ct_customer_name FROM customers c WHERE c.id = ct.customer_id;
    END IF;

    -- every intake field in form order: its refusal line, or what it adds
    -- to the ticket row (sets: the looked-up ids; canon: the canonical
    -- value of a column field) or to `extra`. A loop of simple expressions:
    -- as one statement (17 fields, each with its CASE of every kind) its
    -- executor start alone cost more than the judging (0.5 ms a ticket).
    problems := '{}';
    v_row := '{}';
    v_cols := '{}';
    v_extra := '{}';
    FOR f IN SELECT i.name, i.label, i.kind, i.required, i.applies_when, i.max_length
               FROM intake_fields i ORDER BY i.position
    LOOP
        v := p -> f.name;
        v_line := NULL;
        v_sets := NULL;
        v_canon := NULL;
        v_applies := intake_applies(f.applies_when, rt.ui_related, sev.emergency);
        IF intake_blank(v) THEN
            IF f.required AND v_applies THEN
                v_line := CASE WHEN jsonb_typeof(v) = 'array' THEN
                                    intake_line(f.name, 'empty_list', f.label || ' needs at least one entry')
                               WHEN f.applies_when = 'emergency' THEN
                                    intake_line(f.name, 'required',
                                        f.label || ' is required for a severity 1 (Critical) emergency')
                               WHEN f.applies_when = 'ui_related' THEN
                                    intake_line(f.name, 'required',
                                        f.label || ' is required for request type ' || rt.name)
                               ELSE intake_line(f.name, 'required', f.label || ' is required') END;
            END IF;
        ELSIF f.kind = 'customer' THEN
            v_line := CASE WHEN cust.id IS NULL THEN
                                intake_line(f.name, 'unknown',
                                    format('no customer has the name or id %s', v #>> '{}'))
                           WHEN NOT cust.active THEN
                                intake_line(f.name, 'inactive',
                                    format('%s is no longer an active customer', cust.name)) END;
            v_sets := jsonb_build_object('customer_id', cust.id);
        ELSIF f.kind = 'contact' THEN
            v_line := CASE WHEN ct.id IS NULL THEN
                                intake_line(f.name, 'unknown',
                                    format('no contact has the e-mail address or id %s', v #>> '{}'))
                           WHEN cust.id IS NOT NULL AND ct.customer_id <> cust.id THEN
                                intake_line(f.name, 'other_customer',
                                    format('%s <%s> is a contact of %s, not of %s', ct.name, ct.email,
                                           ct_customer_name, cust.name))
                           WHEN NOT ct.active THEN
                                intake_line(f.name, 'inactive',
                                    format('%s <%s> is no longer an active contact', ct.name, ct.email))
                           WHEN NOT ct.spoc THEN
                                intake_line(f.name, 'not_spoc',
                                    format('%s <%s> is not an authorised single point of contact of %s',
                                           ct.name, ct.email, ct_customer_name)) END;
            v_sets := jsonb_build_object('contact_id', ct.id);
        ELSIF f.kind = 'request_type' THEN
            v_line := CASE WHEN rt.id IS NULL THEN
                                intake_line(f.name, 'unknown',
                                    format('no request type has the key %s', v #>> '{}'))
                           WHEN rt.account_rep THEN
                                intake_line(f.name, 'account_rep',
                                    CASE WHEN cust.account_rep_email IS NOT NULL OR cust.account_rep_name IS NOT NULL THEN
                                        format('%s requests are not support tickets: contact the account representative of %s, %s <%s>',
                                               rt.name, cust.name, coalesce(cust.account_rep_name, 'unnamed'),
                                               coalesce(cust.account_rep_email, 'no address on file'))
                                    ELSE
                                        format('%s requests are not support tickets: contact the customer''s account representative',
                                               rt.name)
                                    END) END;
            v_sets := jsonb_build_object('request_type_id', rt.id, 'team_id', rt.team_id);
        ELSIF f.kind = 'reason' THEN
            -- the case reason by key or id
            v_reason := NULL;
            IF jsonb_typeof(v) IN ('number', 'string') THEN
                SELECT r.id INTO v_reason FROM case_reasons r
                 WHERE r.key = lower(btrim(v #>> '{}')) OR r.id::bigint = intake_positive_id(v)
                 LIMIT 1;
            END IF;
            v_line := CASE WHEN v_reason IS NULL THEN
                                intake_line(f.name, 'unknown',
                                    format('no case reason has the key %s', v #>> '{}')) END;
            v_sets := jsonb_build_object('reason_id', v_reason);
        ELSIF f.kind = 'severity' THEN
            v_line := CASE WHEN sev.level IS NULL THEN
                                intake_line(f.name, 'unknown',
                                    format('severity %s does not exist (1 critical, 2 urgent, 3 high, 4 medium)',
                                           v #>> '{}')) END;
            v_sets := jsonb_build_object('severity', sev.level);
        ELSIF f.kind = 'id' THEN
            v_canon := to_jsonb(intake_positive_id(v));
            v_line := CASE WHEN v_canon IS NULL THEN
                                intake_line(f.name, 'not_a_number', f.label || ' must be a positive whole number') END;
        ELSIF f.kind = 'id_list' THEN
            -- a list field's entries and what is wrong with them
            v_lst := intake_list(v, '[\s,;]+');
            SELECT (SELECT e FROM unnest(v_lst) AS e WHERE intake_positive_id(to_jsonb(e)) IS NULL LIMIT 1),
                   (SELECT jsonb_agg(intake_positive_id(to_jsonb(e))::text ORDER BY o)
                      FROM unnest(v_lst) WITH ORDINALITY AS u(e, o))
              INTO v_bad, v_canon;
            v_line := CASE WHEN v_lst IS NULL THEN
                                intake_line(f.name, 'malformed', f.label || ' must be a list of positive whole numbers')
                           WHEN cardinality(v_lst) = 0 THEN
                                CASE WHEN f.required AND v_applies THEN
                                     intake_line(f.name, 'empty_list', f.label || ' needs at least one entry') END
                           WHEN v_bad IS NOT NULL THEN
                                intake_line(f.name, 'not_a_number',
                                    format('%s must be positive whole numbers; "%s" is not', f.label, left(v_bad, 40)))
                           WHEN cardinality(v_lst) > 1000 THEN
                                intake_line(f.name, 'too_long', f.label || ' holds more than 1000 entries') END;
        ELSIF f.kind = 'url_list' THEN
            v_lst := intake_list(v, '\s*\n\s*');
            SELECT bool_or(btrim(e) = ''), max(char_length(e)) INTO v_has_blank, v_longest FROM unnest(v_lst) AS e;
            v_line := CASE WHEN v_lst IS NULL OR v_has_blank THEN
                                intake_line(f.name, 'malformed', f.label || ' must be a list of paths or URLs')
                           WHEN cardinality(v_lst) = 0 THEN
                                CASE WHEN f.required AND v_applies THEN
                                     intake_line(f.name, 'empty_list', f.label || ' needs at least one entry') END
                           WHEN cardinality(v_lst) > 100 OR v_longest > coalesce(f.max_length, 2000) THEN
                                intake_line(f.name, 'too_long',
                                    f.label || ' holds more than 100 entries or an entry longer than '
                                    || coalesce(f.max_length, 2000) || ' characters') END;
            v_canon := CASE WHEN cardinality(v_lst) > 0 THEN to_jsonb(v_lst)
                            WHEN jsonb_typeof(v) IN ('string', 'number') THEN to_jsonb(v #>> '{}') END;
        ELSE
            -- text, multiline, phone
            v_line := CASE WHEN jsonb_typeof(v) NOT IN ('string', 'number') THEN
                                intake_line(f.name, 'malformed', f.label || ' must be text')
                           WHEN char_length(v #>> '{}') > f.max_length THEN
                                intake_line(f.name, 'too_long',
                                    format('%s is %s characters long; at most %s are allowed',
                                           f.label, char_length(v #>> '{}'), f.max_length))
                           WHEN f.kind = 'phone'
                                AND ((v #>> '{}') !~ '^\s*\+?[0-9(][0-9 ().\-/]*((x|ext\.?)\s*[0-9]+)?\s*$'
                                     OR length(regexp_replace(v #>> '{}', '[^0-9]', '', 'g')) NOT BETWEEN 6 AND 20) THEN
                                intake_line(f.name, 'malformed', f.label || ' is not a plausible phone number')
                           END;
            v_canon := CASE WHEN jsonb_typeof(v) IN ('string', 'number') THEN to_jsonb(v #>> '{}') END;
        END IF;
        IF v_line IS NOT NULL THEN
            problems := problems || v_line;
        ELSE
            v_row := v_row || coalesce(v_sets, '{}');
            IF v_canon IS NOT NULL THEN
                IF f.name = ANY (c_columns) THEN
                    v_cols := v_cols || jsonb_build_object(f.name, v_canon);
                ELSE
                    v_extra := v_extra || jsonb_build_object(f.name, v_canon);
                END IF;
            END IF;
        END IF;
    END LOOP;
    v_row := v_row || v_cols;

    -- keys that are no intake field come first, in name order
    problems := ARRAY(SELECT intake_line(k, 'unknown', 'there is no intake field of this name')
                        FROM jsonb_object_keys(p) AS k
                       WHERE k <> 'idempotency_key'
                         AND NOT EXISTS (SELECT 1 FROM intake_fields i WHERE i.name = k)
                       ORDER BY k) || problems;

    v := p -> 'idempotency_key';
    IF NOT intake_blank(v) THEN
        IF jsonb_typeof(v) <> 'string' THEN
            problems := problems || intake_line('idempotency_key', 'malformed', 'the idempotency key must be a string');
        ELSIF char_length(v #>> '{}') > 200 THEN
            problems := problems || intake_line('idempotency_key', 'too_long',
                'the idempotency key is longer than 200 characters');
        ELSE
            v_row := v_row || jsonb_build_object('idempotency_key', v #>> '{}');
        END IF;
    END IF;

    t := jsonb_populate_record(NULL::tickets, v_row || jsonb_build_object('extra', v_extra));
    -- what api_ticket_create needs besides (it would read both again)
    t.calendar_id := cust.calendar_id;
    t.plan := cust.plan;
    emergency := sev.emergency;
END
$$;

-- Tells whoever must hear of an emergency on ticket `ticket` (DESIGN.md
-- §4, §7): the customer's CSM, or, when the customer has no active CSM,
-- every active COO (role coo_for_csm: nobody loses an emergency), and the
-- account representative's address. Returns how many were told.
CREATE FUNCTION ticket_notify_emergency(ticket bigint) RETURNS int
    LANGUAGE plpgsql VOLATILE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    t       tickets;
    c       customers;
    v_csm   int;
    v_count int;
BEGIN
    SELECT * INTO t FROM tickets x WHERE x.id = ticket_notify_emergency.ticket;
    SELECT * INTO c FROM customers x WHERE x.id = t.customer_id;
    SELECT a.id INTO v_csm FROM agents a WHERE a.id = c.csm_id AND a.active;
    INSERT INTO notifications (recipient_agent_id, recipient_email, kind, ticket_id, payload)
    SELECT x.agent, x.email, 'emergency', t.id,
           jsonb_build_object('ticket', t.id, 'customer', c.name, 'title', t.title,
                              'severity', t.severity, 'phone', t.phone, 'role', x.role)
      FROM (SELECT v_csm AS agent, NULL::text AS email, 'csm' AS role WHERE v_csm IS NOT NULL
            UNION ALL
            SELECT a.id, NULL, 'coo_for_csm' FROM agents a
             WHERE v_csm IS NULL AND a.role = 'coo' AND a.active
            UNION ALL
            SELECT NULL, c.account_rep_email, 'account_rep' WHERE c.account_rep_email IS NOT NULL) x;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;

-- The refusals api_ticket_create would give for this payload, without
-- creating anything (the form checks with it; the CLI merges its own
-- byte-level findings with it).
CREATE FUNCTION api_ticket_check(payload jsonb)
    RETURNS TABLE (field text, code text, message text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    PERFORM current_agent_id();
    RETURN QUERY
        SELECT split_part(l, E'\t', 1), split_part(l, E'\t', 2), split_part(l, E'\t', 3)
          FROM unnest((intake_resolve(payload)).problems) WITH ORDINALITY AS u(l, o)
         ORDER BY o;
END
$$;

-- A submission reused the idempotency key of ticket p_id: returns p_id
-- when it is the same payload (digest), else raises TT400 naming the key.
CREATE FUNCTION intake_same_retry(p_id bigint, p_digest bytea) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF (SELECT tk.idempotency_digest FROM tickets tk WHERE tk.id = p_id) IS DISTINCT FROM p_digest THEN
        RAISE EXCEPTION 'this idempotency key was already used for ticket % with different content', p_id
            USING ERRCODE = 'TT400',
                  DETAIL = intake_line('idempotency_key', 'reused_key',
                                       'was already used for a different ticket'),
                  HINT = 'Use a new key for a new ticket; a retry must send the same content.';
    END IF;
    RETURN p_id;
END
$$;

-- Creates the ticket the payload describes and returns its id, or raises
-- TT400 listing every refused field. A payload whose idempotency_key was
-- already used returns that ticket instead of creating a second one, when
-- it is the same payload (a retry); a different payload under a used key
-- is refused (TT400, field idempotency_key, code reused_key) rather than
-- answered with the old ticket while its new text is dropped.
CREATE FUNCTION api_ticket_create(payload jsonb) RETURNS bigint
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

    SELECT * INTO r FROM intake_resolve(payload);
    IF cardinality(r.problems) > 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'TT400',
            MESSAGE = format('the ticket was refused: %s field(s) need attention', cardinality(r.problems)),
            DETAIL = array_to_string(r.problems, E'\n');
    END IF;
    -- t carries the customer's calendar and plan too (intake_resolve read
    -- the customer)
    t := r.t;

    -- created_at and updated_at given (their defaults are the same clock):
    -- a column default calls tt_now() outside any plan, and so plans its
    -- query again for every row
    v_now := tt_now();
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

REVOKE ALL ON FUNCTION intake_line(text, text, text)        FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_blank(jsonb)                  FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_positive_id(jsonb)            FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_list(jsonb, text)             FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_resolve(jsonb)                FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_same_retry(bigint, bytea)     FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_notify_emergency(bigint)      FROM ticketty_agent;
GRANT EXECUTE ON FUNCTION intake_form(text, text)    TO ticketty_agent;
GRANT EXECUTE ON FUNCTION api_ticket_check(jsonb)  TO ticketty_agent;
GRANT EXECUTE ON FUNCTION api_ticket_create(jsonb) TO ticketty_agent;
