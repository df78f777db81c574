-- 760_intake_fewer_statements.sql: a ticket taken in through
-- api_ticket_create (issue #19, intake) runs fewer statements and
-- expressions; same checks, same refusals, same ticket, same events.
-- Each function below is replaced whole (the newest definition, changed
-- where its comments say 760):
--   * intake_resolve (580): what does not depend on a field's kind (its
--     value, blank or not, whether it applies, whether it has a column,
--     every field's name) comes with the field's row from the loop's one
--     query; the loop body runs only its kind's branch, the text kinds
--     tested first, and puts its result in place at once (~22 PL/pgSQL
--     expressions a text field before, ~8 now).
--     The id and URL lists are judged in a FOREACH instead of a query
--     each. The request type's, severity's and case reason's keys are
--     computed once before their probe (in the WHERE they were computed
--     again for every row scanned). The contact's customer is not read
--     again when it is the customer given, and the payload's keys are
--     matched against intake_fields by a query only when some key is no
--     field's name. A differential run (the 580 function installed beside
--     it) compared both on 67,824 payloads: every field absent, null,
--     blank, an empty and a bad list, objects, booleans, negative,
--     fractional and 23-digit numbers, text too long, with control
--     characters, phones, versions and release names, contacts by address,
--     upper-cased and by id, customers by name and id, every request type
--     and reason, unknown keys, idempotency keys, pairs of such changes:
--     0 differ (7,783 accepted).
--   * intake_list (020): the pieces of a string and the elements of an
--     array in a loop of simple expressions instead of a query.
--   * api_ticket_create (020): intake_resolve called as an expression
--     (no executor and no tuplestore for its one row); a ticket without
--     an idempotency key is a plain INSERT (ON CONFLICT inserts
--     speculatively and confirms; with no key nothing can conflict).
-- Measured in tests/bench/README ("Intake, 2026-12-04: fewer statements").

SELECT set_config('search_path', 'ticketty', true);

-- The elements of a list field as text: a JSON array of scalars, or a
-- string split by `sep` (a regular expression); NULL when malformed.
-- (760: a loop instead of a query; same elements in the same order.)
CREATE OR REPLACE FUNCTION intake_list(v jsonb, sep text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    r text[] := '{}';
    x text;
BEGIN
    IF pg_catalog.jsonb_typeof(v) = 'string' THEN
        -- the pieces between separators, trimmed, blank ones left out
        FOREACH x IN ARRAY pg_catalog.regexp_split_to_array(v #>> '{}', sep) LOOP
            IF pg_catalog.btrim(x) <> '' THEN
                r := r || pg_catalog.btrim(x);
            END IF;
        END LOOP;
        RETURN r;
    ELSIF pg_catalog.jsonb_typeof(v) <> 'array' THEN
        RETURN NULL;
    END IF;
    -- every element a string or a number, else no list
    FOR i IN 0 .. pg_catalog.jsonb_array_length(v) - 1 LOOP
        IF pg_catalog.jsonb_typeof(v -> i) NOT IN ('string', 'number') THEN
            RETURN NULL;
        END IF;
        r := r || (v ->> i);
    END LOOP;
    RETURN r;
END
$$;

-- The check itself. Returns the ticket row the payload describes (only the
-- intake columns filled, and the customer's calendar and plan), the refusal
-- lines in form order (the ticket is acceptable when `problems` is empty)
-- and whether its severity is an emergency. The reference rows the other
-- checks depend on are read first (one index probe each), then every
-- intake field is judged in a loop over intake_fields: for each field its
-- refusal line, or what it adds to the ticket row or to `extra`.
CREATE OR REPLACE FUNCTION intake_resolve(p jsonb, OUT t tickets, OUT problems text[], OUT emergency boolean)
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
    v_trim text;
    v_num  bigint;
    v      jsonb;
    v_row   jsonb;
    v_cols  jsonb;
    v_extra jsonb;
    f       record;
    v_line  text;
    v_canon jsonb;
    v_reason smallint;
    v_lst   text[];
    v_ids   text[];
    v_e     text;
    v_bad   text;
    v_has_blank boolean;
    v_longest int;
    v_names text[];
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
    -- the request type and the severity with their keys computed once:
    -- written into the WHERE, lower(btrim(...)) of the payload ran again
    -- for every row the scan read (18 request types, 4 severities, twice
    -- for a severity's name; 760)
    v := p -> 'request_type';
    IF jsonb_typeof(v) IN ('number', 'string') THEN
        v_key := lower(btrim(v #>> '{}'));
        v_num := intake_positive_id(v);
        SELECT r.* INTO rt FROM request_types r
         WHERE r.key = v_key OR r.id::bigint = v_num
         LIMIT 1;
    END IF;
    v := p -> 'severity';
    IF jsonb_typeof(v) IN ('number', 'string') THEN
        v_trim := btrim(v #>> '{}');
        v_key := lower(v_trim);
        SELECT s.* INTO sev FROM severities s
         WHERE s.level::text = v_trim
            OR s.key = v_key
            OR lower(s.name) = v_key
         LIMIT 1;
    END IF;
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
        -- the contact's customer is read already when it is the one given
        -- (the common case; no contact: no name either way)
        IF ct.customer_id IS NOT DISTINCT FROM cust.id THEN
            ct_customer_name := cust.name;
        ELSE
            SELECT c.name INTO ct_customer_name FROM customers c WHERE c.id = ct.customer_id;
        END IF;
    END IF;

    -- every intake field in form order: its refusal line, or what it adds
    -- to the ticket row (the looked-up ids; the canonical value of a
    -- column field) or to `extra`. What does not depend on the field's
    -- kind (its value, whether it is blank, whether it applies, whether
    -- it has a column; every known name) comes with the field's row from
    -- the one query; the loop body then runs the branch of the field's
    -- kind only, the text kinds (half the fields) tested first: ~22
    -- PL/pgSQL expressions a text field before, ~8 now (760; with the
    -- changes above, 0.183 -> 0.150 ms a call).
    problems := '{}';
    v_row := '{}';
    v_cols := '{}';
    v_extra := '{}';
    FOR f IN SELECT i.name, i.label, i.kind, i.required, i.applies_when, i.max_length,
                    p -> i.name AS v, intake_blank(p -> i.name) AS blank,
                    intake_applies(i.applies_when, rt.ui_related, sev.emergency) AS applies,
                    i.name = ANY (c_columns) AS is_column,
                    array_agg(i.name) OVER () AS names
               FROM intake_fields i ORDER BY i.position
    LOOP
        IF f.blank THEN
            -- absent, null, blank or empty: refused when it must be
            -- filled, else it adds nothing
            IF f.required AND f.applies THEN
                problems := problems
                    || CASE WHEN jsonb_typeof(f.v) = 'array' THEN
                                 intake_line(f.name, 'empty_list', f.label || ' needs at least one entry')
                            WHEN f.applies_when = 'emergency' THEN
                                 intake_line(f.name, 'required',
                                     f.label || ' is required for a severity 1 (Critical) emergency')
                            WHEN f.applies_when = 'ui_related' THEN
                                 intake_line(f.name, 'required',
                                     f.label || ' is required for request type ' || rt.name)
                            ELSE intake_line(f.name, 'required', f.label || ' is required') END;
            END IF;
            CONTINUE;
        END IF;
        v := f.v;
        IF f.kind NOT IN ('customer', 'contact', 'request_type', 'reason', 'severity',
                          'id', 'id_list', 'url_list') THEN
            -- text, multiline, phone
            v_line := CASE WHEN jsonb_typeof(v) NOT IN ('string', 'number') THEN
                                intake_line(f.name, 'malformed', f.label || ' must be text')
                           WHEN char_length(v #>> '{}') > f.max_length THEN
                                intake_line(f.name, 'too_long',
                                    format('%s is %s characters long; at most %s are allowed',
                                           f.label, char_length(v #>> '{}'), f.max_length))
                           -- a one-line field holds one line (520): a line break
                           -- or another control character (C0, DEL, C1, the
                           -- Unicode line and paragraph separators) is refused
                           WHEN f.kind <> 'multiline'
                                AND (v #>> '{}') ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]' THEN
                                intake_line(f.name, 'not_one_line',
                                    f.label || ' must be one line, without line breaks, tabs or other control characters')
                           WHEN f.kind = 'phone' AND NOT intake_phone_ok(v #>> '{}') THEN
                                intake_line(f.name, 'malformed',
                                    f.label || ' is not a plausible phone number: 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12')
                           -- the browser and the OS with their version numbers
                           -- (DESIGN.md §4; the Client Services guide), the OS
                           -- also by a release name (580)
                           WHEN f.name = 'browser' AND NOT intake_version_ok(f.name, v #>> '{}') THEN
                                intake_line(f.name, 'no_version',
                                    f.label || ' must contain a version number (at least one digit), e.g. Firefox 133 or Chrome 131.0')
                           WHEN f.name = 'os' AND NOT intake_version_ok(f.name, v #>> '{}') THEN
                                intake_line(f.name, 'no_version',
                                    f.label || ' must contain a version number or a release name, e.g. Windows 11, macOS Sonoma or Ubuntu 24.04 LTS')
                           END;
            -- accepted, it is a string or a number: its text
            v_canon := to_jsonb(v #>> '{}');
        ELSIF f.kind = 'id' THEN
            v_canon := to_jsonb(intake_positive_id(v));
            v_line := CASE WHEN jsonb_typeof(v) = 'string'
                                AND (v #>> '{}') ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]' THEN
                                intake_line(f.name, 'not_one_line',
                                    f.label || ' must be one line, without line breaks, tabs or other control characters')
                           WHEN v_canon IS NULL THEN
                                intake_line(f.name, 'not_a_number', f.label || ' must be a positive whole number') END;
        ELSIF f.kind = 'id_list' THEN
            -- a list field's entries and what is wrong with them: the first
            -- entry that is no positive whole number, the ids as text
            v_lst := intake_list(v, '[\s,;]+');
            v_bad := NULL;
            v_ids := '{}';
            FOREACH v_e IN ARRAY coalesce(v_lst, '{}') LOOP
                v_num := intake_positive_id(to_jsonb(v_e));
                IF v_num IS NULL AND v_bad IS NULL THEN
                    v_bad := v_e;
                END IF;
                v_ids := v_ids || v_num::text;
            END LOOP;
            v_canon := CASE WHEN cardinality(v_ids) > 0 THEN to_jsonb(v_ids) END;
            v_line := CASE WHEN v_lst IS NULL THEN
                                intake_line(f.name, 'malformed', f.label || ' must be a list of positive whole numbers')
                           WHEN cardinality(v_lst) = 0 THEN
                                CASE WHEN f.required AND f.applies THEN
                                     intake_line(f.name, 'empty_list', f.label || ' needs at least one entry') END
                           WHEN v_bad IS NOT NULL THEN
                                intake_line(f.name, 'not_a_number',
                                    format('%s must be positive whole numbers; "%s" is not', f.label, left(v_bad, 40)))
                           WHEN cardinality(v_lst) > 1000 THEN
                                intake_line(f.name, 'too_long', f.label || ' holds more than 1000 entries') END;
        ELSIF f.kind = 'url_list' THEN
            v_lst := intake_list(v, '\s*\n\s*');
            -- any blank entry, the longest (NULL for no entry, like
            -- bool_or and max over none)
            v_has_blank := NULL;
            v_longest := NULL;
            FOREACH v_e IN ARRAY coalesce(v_lst, '{}') LOOP
                v_has_blank := v_has_blank IS TRUE OR btrim(v_e) = '';
                v_longest := GREATEST(v_longest, char_length(v_e));
            END LOOP;
            v_line := CASE WHEN v_lst IS NULL OR v_has_blank THEN
                                intake_line(f.name, 'malformed', f.label || ' must be a list of paths or URLs')
                           WHEN cardinality(v_lst) = 0 THEN
                                CASE WHEN f.required AND f.applies THEN
                                     intake_line(f.name, 'empty_list', f.label || ' needs at least one entry') END
                           WHEN cardinality(v_lst) > 100 OR v_longest > coalesce(f.max_length, 2000) THEN
                                intake_line(f.name, 'too_long',
                                    f.label || ' holds more than 100 entries or an entry longer than '
                                    || coalesce(f.max_length, 2000) || ' characters') END;
            v_canon := CASE WHEN cardinality(v_lst) > 0 THEN to_jsonb(v_lst)
                            WHEN jsonb_typeof(v) IN ('string', 'number') THEN to_jsonb(v #>> '{}') END;
        ELSE
            -- the looked-up kinds: a refusal line, or the ids they add to
            -- the ticket row (never a column value of their own)
            IF f.kind = 'customer' THEN
                v_line := CASE WHEN cust.id IS NULL THEN
                                    intake_line(f.name, 'unknown',
                                        format('no customer has the name or id %s', v #>> '{}'))
                               WHEN NOT cust.active THEN
                                    intake_line(f.name, 'inactive',
                                        format('%s is no longer an active customer', cust.name)) END;
                IF v_line IS NULL THEN
                    v_row := v_row || jsonb_build_object('customer_id', cust.id);
                END IF;
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
                IF v_line IS NULL THEN
                    v_row := v_row || jsonb_build_object('contact_id', ct.id);
                END IF;
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
                IF v_line IS NULL THEN
                    v_row := v_row || jsonb_build_object('request_type_id', rt.id, 'team_id', rt.team_id);
                END IF;
            ELSIF f.kind = 'reason' THEN
                -- the case reason by key or id
                v_reason := NULL;
                IF jsonb_typeof(v) IN ('number', 'string') THEN
                    -- its keys computed once, as for the request type
                    v_key := lower(btrim(v #>> '{}'));
                    v_num := intake_positive_id(v);
                    SELECT r.id INTO v_reason FROM case_reasons r
                     WHERE r.key = v_key OR r.id::bigint = v_num
                     LIMIT 1;
                END IF;
                v_line := CASE WHEN v_reason IS NULL THEN
                                    intake_line(f.name, 'unknown',
                                        format('no case reason has the key %s', v #>> '{}')) END;
                IF v_line IS NULL THEN
                    v_row := v_row || jsonb_build_object('reason_id', v_reason);
                END IF;
            ELSE
                -- severity
                v_line := CASE WHEN sev.level IS NULL THEN
                                    intake_line(f.name, 'unknown',
                                        format('severity %s does not exist (1 critical, 2 urgent, 3 high, 4 medium)',
                                               v #>> '{}')) END;
                IF v_line IS NULL THEN
                    v_row := v_row || jsonb_build_object('severity', sev.level);
                END IF;
            END IF;
            IF v_line IS NOT NULL THEN
                problems := problems || v_line;
            END IF;
            CONTINUE;
        END IF;
        IF v_line IS NOT NULL THEN
            problems := problems || v_line;
        ELSIF v_canon IS NOT NULL THEN
            IF f.is_column THEN
                v_cols := v_cols || jsonb_build_object(f.name, v_canon);
            ELSE
                v_extra := v_extra || jsonb_build_object(f.name, v_canon);
            END IF;
        END IF;
    END LOOP;
    -- every field's name: the loop's last row has them all (FOUND: the
    -- loop ran; no field at all, no name)
    IF FOUND THEN
        v_names := f.names;
    ELSE
        v_names := '{}';
    END IF;
    v_row := v_row || v_cols;

    -- keys that are no intake field come first, in name order (asked
    -- only when the payload has such a key)
    IF p - v_names - 'idempotency_key' <> '{}' THEN
        problems := ARRAY(SELECT intake_line(k, 'unknown', 'there is no intake field of this name')
                            FROM jsonb_object_keys(p) AS k
                           WHERE k <> 'idempotency_key'
                             AND NOT EXISTS (SELECT 1 FROM intake_fields i WHERE i.name = k)
                           ORDER BY k) || problems;
    END IF;

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
            DETAIL = array_to_string(r.problems, E'\n');
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

