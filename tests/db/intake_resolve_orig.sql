-- tests/db/intake_resolve_orig.sql: intake_resolve and the helpers it calls
-- as sql/functions/intake.sql had them at d865249 (before the set-based
-- rewrite, issue 19), in a schema of their own, intake_orig, for
-- tests/db/test_intake_equiv.c: that test runs this function and
-- ticketty.intake_resolve over a generated corpus of payloads and wants the
-- same (t, problems, emergency) of both. The text is the original's but
-- for the schema (CREATE FUNCTION intake_orig.NAME, search_path
-- intake_orig first so it calls the original helpers) and no privileges,
-- and for two bugs fixed in both (marked "FIXED IN BOTH" below: a url_list
-- of blank lines holding a vertical tab or a form feed raised 22P02 for
-- screenshots; a url_list entry holding a control character was stored). Do not change it to follow the current functions
-- otherwise: it is the reference.

CREATE SCHEMA intake_orig;
SET search_path = intake_orig, ticketty;

-- intake_line (original)
-- One refusal line of a TT400 DETAIL: field<TAB>code<TAB>message.
CREATE FUNCTION intake_orig.intake_line(field text, code text, message text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT field || E'\t' || code || E'\t' || pg_catalog.translate(message, E'\t\n\r', '   ') $$;

-- intake_blank (original)
-- True when a payload value counts as "not given": absent, null, a blank
-- string or an empty array.
CREATE FUNCTION intake_orig.intake_blank(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT v IS NULL
        OR pg_catalog.jsonb_typeof(v) = 'null'
        OR (pg_catalog.jsonb_typeof(v) = 'string'
            AND pg_catalog.btrim(v #>> '{}', E' \t\r\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff') = '')
        OR (pg_catalog.jsonb_typeof(v) = 'array' AND pg_catalog.jsonb_array_length(v) = 0)
$$;

-- intake_positive_id (original)
-- A positive bigint from a JSON number or a string of digits, else NULL
-- (one expression: inlined where it is used).
CREATE FUNCTION intake_orig.intake_positive_id(v jsonb) RETURNS bigint
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

-- intake_list (original)
-- The elements of a list field as text: a JSON array of scalars, or a
-- string split by `sep` (a regular expression), each piece trimmed and
-- blank ones left out; NULL when malformed. A PL/pgSQL loop rather than
-- a query (760).
CREATE FUNCTION intake_orig.intake_list(v jsonb, sep text) RETURNS text[]
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

-- intake_applies (original)
-- The one reading of intake_fields.applies_when: whether a field applies
-- to a ticket whose request type and severity have these flags (NULL when
-- not chosen yet). The check (intake_resolve) and the form (intake_form)
-- both ask here. Plain SQL without SET so the planner inlines it.
CREATE FUNCTION intake_orig.intake_applies(applies_when text, ui_related boolean, emergency boolean)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT applies_when = 'always'
        OR (applies_when = 'ui_related' AND coalesce(ui_related, false))
        OR (applies_when = 'emergency' AND coalesce(emergency, false))
$$;

-- intake_resolve (original)
-- The intake check itself. Returns the ticket row the payload describes
-- (only the intake columns filled, and the customer's calendar and plan),
-- the refusal lines in form order (the ticket is acceptable when
-- `problems` is empty) and whether its severity is an emergency. The
-- reference rows the other checks depend on (customer, request type,
-- severity, contact) are read first, by index probes, then every intake
-- field is judged in a loop over intake_fields: for each field its
-- refusal line, or what it adds to the ticket row or to `extra` (the
-- browser and the OS checked as intake_version_ok has them). Keys that
-- are no intake field are refused first, in name order, and the
-- idempotency key last.
CREATE FUNCTION intake_orig.intake_resolve(p jsonb, OUT t tickets, OUT problems text[], OUT emergency boolean)
    LANGUAGE plpgsql STABLE
    SET search_path = intake_orig, ticketty, pg_temp
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
                -- FIXED IN BOTH: an entry holding a control character
                -- (a tab, DEL, C1, U+2028) was stored as a path
                v_has_blank := v_has_blank IS TRUE OR btrim(v_e) = ''
                               OR v_e ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]';
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
            -- FIXED IN BOTH: a string of no entry that is not blank (blank
            -- lines holding a vertical tab or a form feed, which the split's
            -- \s takes and intake_blank does not) gave the text itself here
            -- ("WHEN jsonb_typeof(v) IN ('string', 'number') THEN to_jsonb(v
            -- #>> '{}')"): text in tickets.extra for a field without a column,
            -- and for screenshots, a text[], 22P02 "malformed array literal"
            -- from jsonb_populate_record below, naming no field. Now no entry
            -- adds nothing, as for an id_list (sql/functions/intake.sql,
            -- intake_list_value).
            v_canon := CASE WHEN cardinality(v_lst) > 0 THEN to_jsonb(v_lst) END;
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

-- intake_phone_ok (original)
-- True for a plausible phone number: 7 to 15 digits, with only spaces, a
-- leading +, hyphens, dots, paired parentheses and an extension such as
-- "ext 12" or "x 12". Plain SQL without SET, names with their schema:
-- inlined where it is used.
CREATE FUNCTION intake_orig.intake_phone_ok(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT v ~* '^ *\+?(?=[0-9(])([0-9 .-]|\([0-9 .-]*[0-9][0-9 .-]*\))+((ext\.?|x) *[0-9]{1,6})? *$'
       AND pg_catalog.length(pg_catalog.regexp_replace(
               pg_catalog.regexp_replace(v, '(ext\.?|x) *[0-9]+ *$', '', 'i'), '[^0-9]', '', 'g'))
           BETWEEN 7 AND 15
$$;

-- intake_version_ok (original)
-- True when v names a version of field: it holds a digit, or one of the
-- field's release names as whole words (both sides lower-cased, every run
-- of other characters than letters and digits one space, padded with a
-- space). PL/pgSQL without SET, names with their schema: its plan is
-- kept for the session and no setting is pushed per call.
CREATE FUNCTION intake_orig.intake_version_ok(field text, v text) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    IF v ~ '[0-9]' THEN
        RETURN true;
    END IF;
    -- names with their schema, as in 580: no SET (it would cost every call)
    RETURN EXISTS (SELECT 1 FROM ticketty.intake_release_names n
                    WHERE n.field = intake_version_ok.field
                      AND pg_catalog.strpos(
                              ' ' || pg_catalog.lower(pg_catalog.regexp_replace(v, '[^[:alnum:]]+', ' ', 'g')) || ' ',
                              ' ' || pg_catalog.lower(pg_catalog.regexp_replace(n.name, '[^[:alnum:]]+', ' ', 'g')) || ' ') > 0);
END
$$;


RESET search_path;
