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

-- One refusal line of a TT400 DETAIL: field<TAB>code<TAB>message.
CREATE FUNCTION intake_line(field text, code text, message text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$ SELECT field || E'\t' || code || E'\t' || translate(message, E'\t\n\r', '   ') $$;

-- True when a payload value counts as "not given": absent, null, a blank
-- string or an empty array.
CREATE FUNCTION intake_blank(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT v IS NULL
        OR jsonb_typeof(v) = 'null'
        OR (jsonb_typeof(v) = 'string' AND btrim(v #>> '{}', E' \t\r\n') = '')
        OR (jsonb_typeof(v) = 'array' AND jsonb_array_length(v) = 0)
$$;

-- A positive bigint from a JSON number or a string of digits, else NULL.
CREATE FUNCTION intake_positive_id(v jsonb) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    s text;
    n numeric;
BEGIN
    IF jsonb_typeof(v) = 'number' THEN
        n := (v #>> '{}')::numeric;
    ELSIF jsonb_typeof(v) = 'string' THEN
        s := btrim(v #>> '{}');
        IF s !~ '^[0-9]{1,19}$' THEN
            RETURN NULL;
        END IF;
        n := s::numeric;
    ELSE
        RETURN NULL;
    END IF;
    IF n <> trunc(n) OR n < 1 OR n > 9223372036854775807 THEN
        RETURN NULL;
    END IF;
    RETURN n::bigint;
END
$$;

-- The elements of a list field as text: a JSON array of scalars, or a
-- string split by `sep` (a regular expression); NULL when malformed.
CREATE FUNCTION intake_list(v jsonb, sep text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    out text[] := '{}';
    e jsonb;
BEGIN
    IF jsonb_typeof(v) = 'string' THEN
        SELECT coalesce(array_agg(btrim(x)), '{}') INTO out
          FROM regexp_split_to_table(v #>> '{}', sep) AS x
         WHERE btrim(x) <> '';
        RETURN out;
    ELSIF jsonb_typeof(v) <> 'array' THEN
        RETURN NULL;
    END IF;
    FOR e IN SELECT x FROM jsonb_array_elements(v) AS x LOOP
        IF jsonb_typeof(e) NOT IN ('string', 'number') THEN
            RETURN NULL;
        END IF;
        out := out || (e #>> '{}');
    END LOOP;
    RETURN out;
END
$$;

-- A severity from its level (number or digits), key or English name.
CREATE FUNCTION intake_find_severity(v jsonb) RETURNS severities
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT s.* FROM severities s
     WHERE jsonb_typeof(v) IN ('number', 'string')
       AND (s.level::text = btrim(v #>> '{}')
            OR s.key = lower(btrim(v #>> '{}'))
            OR lower(s.name) = lower(btrim(v #>> '{}')))
     LIMIT 1
$$;

-- A customer from its id (number or digits) or its exact name; the name
-- wins when a customer is literally called by digits.
CREATE FUNCTION intake_find_customer(v jsonb) RETURNS customers
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT c.* FROM customers c
     WHERE jsonb_typeof(v) IN ('number', 'string')
       AND (c.name = v #>> '{}' OR c.id::bigint = intake_positive_id(v))
     ORDER BY c.name = v #>> '{}' DESC
     LIMIT 1
$$;

-- A request type or case reason from its key or id.
CREATE FUNCTION intake_find_request_type(v jsonb) RETURNS request_types
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT r.* FROM request_types r
     WHERE jsonb_typeof(v) IN ('number', 'string')
       AND (r.key = lower(btrim(v #>> '{}')) OR r.id::bigint = intake_positive_id(v))
     LIMIT 1
$$;

CREATE FUNCTION intake_find_reason(v jsonb) RETURNS case_reasons
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT r.* FROM case_reasons r
     WHERE jsonb_typeof(v) IN ('number', 'string')
       AND (r.key = lower(btrim(v #>> '{}')) OR r.id::bigint = intake_positive_id(v))
     LIMIT 1
$$;

-- A contact from its id or e-mail (case-insensitive), preferring the given
-- customer's contact when several customers know the address.
CREATE FUNCTION intake_find_contact(v jsonb, customer int) RETURNS contacts
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT k.* FROM contacts k
     WHERE jsonb_typeof(v) IN ('number', 'string')
       AND (lower(k.email) = lower(btrim(v #>> '{}')) OR k.id::bigint = intake_positive_id(v))
     ORDER BY k.customer_id IS NOT DISTINCT FROM customer DESC, k.id
     LIMIT 1
$$;

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
-- intake columns filled) and the refusal lines, in form order; the ticket
-- is acceptable when `problems` is empty.
CREATE FUNCTION intake_resolve(p jsonb, OUT t tickets, OUT problems text[])
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    -- intake fields stored in a column of the same name; any other field
    -- the metadata defines goes to tickets.extra
    c_columns CONSTANT text[] := ARRAY['title', 'description', 'impact', 'object_ids', 'member_id',
                                       'bidder_id', 'creative_id', 'repro_steps', 'screenshots',
                                       'browser', 'os', 'phone'];
    f      intake_fields;
    v      jsonb;
    s      text;
    n      bigint;
    lst    text[];
    bad    text;
    cust   customers;
    cont   contacts;
    rt     request_types;
    rs     case_reasons;
    sev    severities;
    applies boolean;
    v_row   jsonb := '{}';
    v_extra jsonb := '{}';
    canon  jsonb;
BEGIN
    problems := '{}';
    IF p IS NULL OR jsonb_typeof(p) <> 'object' THEN
        problems := ARRAY[intake_line('ticket', 'malformed', 'the ticket must be a JSON object')];
        RETURN;
    END IF;

    FOR s IN SELECT k FROM jsonb_object_keys(p) AS k
              WHERE k <> 'idempotency_key'
                AND NOT EXISTS (SELECT 1 FROM intake_fields i WHERE i.name = k)
              ORDER BY k LOOP
        problems := problems || intake_line(s, 'unknown', 'there is no intake field of this name');
    END LOOP;

    -- what the other checks depend on
    cust := intake_find_customer(p -> 'customer');
    rt := intake_find_request_type(p -> 'request_type');
    sev := intake_find_severity(p -> 'severity');

    FOR f IN SELECT * FROM intake_fields ORDER BY position LOOP
        v := p -> f.name;
        applies := intake_applies(f.applies_when, rt.ui_related, sev.emergency);
        IF intake_blank(v) THEN
            IF f.required AND applies THEN
                IF jsonb_typeof(v) = 'array' THEN
                    problems := problems || intake_line(f.name, 'empty_list', f.label || ' needs at least one entry');
                ELSIF f.applies_when = 'emergency' THEN
                    problems := problems || intake_line(f.name, 'required',
                        f.label || ' is required for a severity 1 (Critical) emergency');
                ELSIF f.applies_when = 'ui_related' THEN
                    problems := problems || intake_line(f.name, 'required',
                        f.label || ' is required for request type ' || rt.name);
                ELSE
                    problems := problems || intake_line(f.name, 'required', f.label || ' is required');
                END IF;
            END IF;
            CONTINUE;
        END IF;
        canon := NULL;

        CASE f.kind
        WHEN 'customer' THEN
            IF cust.id IS NULL THEN
                problems := problems || intake_line(f.name, 'unknown',
                    format('no customer has the name or id %s', v #>> '{}'));
            ELSIF NOT cust.active THEN
                problems := problems || intake_line(f.name, 'inactive',
                    format('%s is no longer an active customer', cust.name));
            ELSE
                v_row := v_row || jsonb_build_object('customer_id', cust.id);
            END IF;
        WHEN 'contact' THEN
            cont := intake_find_contact(v, cust.id);
            IF cont.id IS NULL THEN
                problems := problems || intake_line(f.name, 'unknown',
                    format('no contact has the e-mail address or id %s', v #>> '{}'));
            ELSIF cust.id IS NOT NULL AND cont.customer_id <> cust.id THEN
                problems := problems || intake_line(f.name, 'other_customer',
                    format('%s <%s> is a contact of %s, not of %s', cont.name, cont.email,
                           (SELECT c.name FROM customers c WHERE c.id = cont.customer_id), cust.name));
            ELSIF NOT cont.active THEN
                problems := problems || intake_line(f.name, 'inactive',
                    format('%s <%s> is no longer an active contact', cont.name, cont.email));
            ELSIF NOT cont.spoc THEN
                problems := problems || intake_line(f.name, 'not_spoc',
                    format('%s <%s> is not an authorised single point of contact of %s',
                           cont.name, cont.email,
                           (SELECT c.name FROM customers c WHERE c.id = cont.customer_id)));
            ELSE
                v_row := v_row || jsonb_build_object('contact_id', cont.id);
            END IF;
        WHEN 'request_type' THEN
            IF rt.id IS NULL THEN
                problems := problems || intake_line(f.name, 'unknown',
                    format('no request type has the key %s', v #>> '{}'));
            ELSIF rt.account_rep THEN
                problems := problems || intake_line(f.name, 'account_rep',
                    CASE WHEN cust.account_rep_email IS NOT NULL OR cust.account_rep_name IS NOT NULL THEN
                        format('%s requests are not support tickets: contact the account representative of %s, %s <%s>',
                               rt.name, cust.name, coalesce(cust.account_rep_name, 'unnamed'),
                               coalesce(cust.account_rep_email, 'no address on file'))
                    ELSE
                        format('%s requests are not support tickets: contact the customer''s account representative',
                               rt.name)
                    END);
            ELSE
                v_row := v_row || jsonb_build_object('request_type_id', rt.id, 'team_id', rt.team_id);
            END IF;
        WHEN 'reason' THEN
            rs := intake_find_reason(v);
            IF rs.id IS NULL THEN
                problems := problems || intake_line(f.name, 'unknown',
                    format('no case reason has the key %s', v #>> '{}'));
            ELSE
                v_row := v_row || jsonb_build_object('reason_id', rs.id);
            END IF;
        WHEN 'severity' THEN
            IF sev.level IS NULL THEN
                problems := problems || intake_line(f.name, 'unknown',
                    format('severity %s does not exist (1 critical, 2 urgent, 3 high, 4 medium)', v #>> '{}'));
            ELSE
                v_row := v_row || jsonb_build_object('severity', sev.level);
            END IF;
        WHEN 'id' THEN
            n := intake_positive_id(v);
            IF n IS NULL THEN
                problems := problems || intake_line(f.name, 'not_a_number',
                    f.label || ' must be a positive whole number');
            ELSE
                canon := to_jsonb(n);
            END IF;
        WHEN 'id_list' THEN
            lst := intake_list(v, '[\s,;]+');
            SELECT x INTO bad FROM unnest(lst) AS x
             WHERE intake_positive_id(to_jsonb(x)) IS NULL LIMIT 1;
            IF lst IS NULL THEN
                problems := problems || intake_line(f.name, 'malformed',
                    f.label || ' must be a list of positive whole numbers');
            ELSIF cardinality(lst) = 0 THEN
                IF f.required AND applies THEN
                    problems := problems || intake_line(f.name, 'empty_list', f.label || ' needs at least one entry');
                END IF;
            ELSIF bad IS NOT NULL THEN
                problems := problems || intake_line(f.name, 'not_a_number',
                    format('%s must be positive whole numbers; "%s" is not', f.label, left(bad, 40)));
            ELSIF cardinality(lst) > 1000 THEN
                problems := problems || intake_line(f.name, 'too_long', f.label || ' holds more than 1000 entries');
            ELSE
                SELECT jsonb_agg(intake_positive_id(to_jsonb(x))::text ORDER BY o) INTO canon
                  FROM unnest(lst) WITH ORDINALITY AS u(x, o);
            END IF;
        WHEN 'url_list' THEN
            lst := intake_list(v, '\s*\n\s*');
            IF lst IS NULL OR EXISTS (SELECT 1 FROM unnest(lst) AS x WHERE btrim(x) = '') THEN
                problems := problems || intake_line(f.name, 'malformed',
                    f.label || ' must be a list of paths or URLs');
            ELSIF cardinality(lst) = 0 THEN
                IF f.required AND applies THEN
                    problems := problems || intake_line(f.name, 'empty_list', f.label || ' needs at least one entry');
                END IF;
            ELSIF cardinality(lst) > 100
                  OR EXISTS (SELECT 1 FROM unnest(lst) AS x
                              WHERE char_length(x) > coalesce(f.max_length, 2000)) THEN
                problems := problems || intake_line(f.name, 'too_long',
                    f.label || ' holds more than 100 entries or an entry longer than '
                    || coalesce(f.max_length, 2000) || ' characters');
            ELSE
                canon := to_jsonb(lst);
            END IF;
        ELSE -- text, multiline, phone
            IF jsonb_typeof(v) NOT IN ('string', 'number') THEN
                problems := problems || intake_line(f.name, 'malformed', f.label || ' must be text');
                CONTINUE;
            END IF;
            s := v #>> '{}';
            IF char_length(s) > f.max_length THEN
                problems := problems || intake_line(f.name, 'too_long',
                    format('%s is %s characters long; at most %s are allowed',
                           f.label, char_length(s), f.max_length));
            ELSIF f.kind = 'phone'
                  AND (s !~ '^\s*\+?[0-9(][0-9 ().\-/]*((x|ext\.?)\s*[0-9]+)?\s*$'
                       OR length(regexp_replace(s, '[^0-9]', '', 'g')) NOT BETWEEN 6 AND 20) THEN
                problems := problems || intake_line(f.name, 'malformed',
                    f.label || ' is not a plausible phone number');
            ELSE
                canon := to_jsonb(s);
            END IF;
        END CASE;

        IF canon IS NOT NULL THEN
            IF f.name = ANY (c_columns) THEN
                v_row := v_row || jsonb_build_object(f.name, canon);
            ELSE
                v_extra := v_extra || jsonb_build_object(f.name, canon);
            END IF;
        END IF;
    END LOOP;

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
AS $$
DECLARE
    v_me   int := current_agent_id();
    v_key  text;
    v_digest bytea;
    v_id   bigint;
    r      record;
    t      tickets;
    c      customers;
    sev    severities;
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
    t := r.t;
    SELECT * INTO c FROM customers WHERE id = t.customer_id;
    SELECT * INTO sev FROM severities WHERE level = t.severity;

    INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                         status, title, description, impact, object_ids, member_id, bidder_id,
                         creative_id, repro_steps, screenshots, browser, os, phone, extra,
                         created_by, calendar_id, plan, idempotency_key, idempotency_digest)
    VALUES (t.customer_id, t.contact_id, t.request_type_id, t.team_id, t.reason_id, t.severity,
            'new', t.title, t.description, t.impact, t.object_ids, t.member_id, t.bidder_id,
            t.creative_id, t.repro_steps, coalesce(t.screenshots, '{}'), t.browser, t.os, t.phone,
            t.extra, v_me, c.calendar_id, c.plan, t.idempotency_key,
            CASE WHEN t.idempotency_key IS NOT NULL THEN v_digest END)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id INTO v_id;
    IF v_id IS NULL THEN
        -- a concurrent submission with the same key won: return its ticket
        SELECT tk.id INTO v_id FROM tickets tk WHERE tk.idempotency_key = v_key;
        RETURN intake_same_retry(v_id, v_digest);
    END IF;

    PERFORM audit(v_id, 'created', jsonb_build_object(
        'team', (SELECT tm.key FROM teams tm WHERE tm.id = t.team_id),
        'request_type', (SELECT rq.key FROM request_types rq WHERE rq.id = t.request_type_id),
        'severity', t.severity, 'customer', t.customer_id, 'contact', t.contact_id));

    IF sev.emergency THEN
        PERFORM ticket_notify_emergency(v_id);
    END IF;
    RETURN v_id;
END
$$;

REVOKE ALL ON FUNCTION intake_line(text, text, text)        FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_blank(jsonb)                  FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_positive_id(jsonb)            FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_list(jsonb, text)             FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_find_severity(jsonb)          FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_find_customer(jsonb)          FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_find_request_type(jsonb)      FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_find_reason(jsonb)            FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_find_contact(jsonb, int)      FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_resolve(jsonb)                FROM ticketty_agent;
REVOKE ALL ON FUNCTION intake_same_retry(bigint, bytea)     FROM ticketty_agent;
REVOKE ALL ON FUNCTION ticket_notify_emergency(bigint)      FROM ticketty_agent;
GRANT EXECUTE ON FUNCTION intake_form(text, text)    TO ticketty_agent;
GRANT EXECUTE ON FUNCTION api_ticket_check(jsonb)  TO ticketty_agent;
GRANT EXECUTE ON FUNCTION api_ticket_create(jsonb) TO ticketty_agent;
