-- 520_intake_rules.sql: intake refuses what DESIGN.md §4 and the Client
-- Services guide do not accept ("Browser and Operating System used
-- (including version numbers)").
--   * The browser and the OS must carry a version number: at least one
--     digit ("Firefox 133", "Windows 11", "macOS 14.2", "Ubuntu 24.04 LTS");
--     "Firefox", "Windows" or "latest" is refused (code no_version).
--     Re-triage (api_ticket_retriage, 480) reports only the fields it
--     changes (and those a change makes required), so an older ticket
--     without a version is re-triaged as before unless browser or os is
--     what changes. Mail does not fill either field (inbox_prefill): what
--     the customer wrote stays in the description, and a refused accept
--     leaves the mail in the inbox to be accepted with the versions.
--   * A phone is plausible (intake_phone_ok, one definition for the
--     emergency phone at intake and for a contact's phone, admin contact
--     add/set): digits, spaces, a leading +, hyphens, dots and paired
--     (not nested) parentheses, optionally an extension ("ext 12", "x12",
--     up to 6 digits), and 7 to 15 digits in the number itself (E.164
--     allows 15; the extension is not part of it). "(((((123456" and
--     "call me" are refused.
--   * A one-line field (kind text, phone, id: title, browser, os, phone,
--     member id ...) holding a line break, a tab or another control
--     character (C0, DEL, C1, U+2028, U+2029) is refused (code
--     not_one_line); multi-line fields keep their line breaks. The title
--     a mail's subject gives (inbox_prefill) has its control characters
--     made spaces, so accepting a mail is not refused for them.
-- intake_resolve (020), api_admin_contact_add (005),
-- api_admin_contact_set (210) and inbox_prefill (430) are replaced whole.
-- The checks are expressions in the statements that were there
-- (intake_phone_ok is an inlinable SQL function): no new query at intake.

SELECT set_config('search_path', 'ticketty', true);

-- True for a plausible phone number (see above). No SET clause, names
-- with their schema: inlined where it is used (020's helpers say why).
CREATE FUNCTION intake_phone_ok(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT v ~* '^ *\+?(?=[0-9(])([0-9 .-]|\([0-9 .-]*[0-9][0-9 .-]*\))+((ext\.?|x) *[0-9]{1,6})? *$'
       AND pg_catalog.length(pg_catalog.regexp_replace(
               pg_catalog.regexp_replace(v, '(ext\.?|x) *[0-9]+ *$', '', 'i'), '[^0-9]', '', 'g'))
           BETWEEN 7 AND 15
$$;

-- 020's intake_resolve, whole: the checks above in its field loop.
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
            v_line := CASE WHEN jsonb_typeof(v) = 'string'
                                AND (v #>> '{}') ~ '[\x01-\x1f\x7f-\x9f\u2028\u2029]' THEN
                                intake_line(f.name, 'not_one_line',
                                    f.label || ' must be one line, without line breaks, tabs or other control characters')
                           WHEN v_canon IS NULL THEN
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
                           -- (DESIGN.md §4; the Client Services guide)
                           WHEN f.name = 'browser' AND (v #>> '{}') !~ '[0-9]' THEN
                                intake_line(f.name, 'no_version',
                                    f.label || ' must contain a version number (at least one digit), e.g. Firefox 133 or Chrome 131.0')
                           WHEN f.name = 'os' AND (v #>> '{}') !~ '[0-9]' THEN
                                intake_line(f.name, 'no_version',
                                    f.label || ' must contain a version number (at least one digit), e.g. Windows 11, macOS 14.2 or Ubuntu 24.04 LTS')
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

-- 005's api_admin_contact_add, whole: the phone as intake_phone_ok has it.
-- Adds a contact to a customer (by id or name); spoc = authorised to open
-- tickets. Returns the contact id.
CREATE OR REPLACE FUNCTION api_admin_contact_add(p_customer text, p_name text, p_email text,
                                      p_phone text DEFAULT NULL,
                                      p_spoc boolean DEFAULT false,
                                      p_lang text DEFAULT 'en') RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_customer int := admin_find_customer(p_customer);
    v_name     text := btrim(p_name);
    v_email    text := btrim(p_email);
    v_phone    text := nullif(btrim(p_phone), '');
    v_id       int;
BEGIN
    PERFORM admin_caller();

    IF v_customer IS NULL THEN
        v_problems := v_problems || admin_problem('customer', 'unknown',
                                                  'no customer has this name or id');
    END IF;
    IF v_name IS NULL OR v_name = '' THEN
        v_problems := v_problems || admin_problem('name', 'required', 'a contact name is required');
    ELSIF char_length(v_name) > 200 THEN
        v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
    END IF;
    IF v_email IS NULL OR v_email = '' THEN
        v_problems := v_problems || admin_problem('email', 'required', 'an e-mail address is required');
    ELSIF NOT admin_email_ok(v_email) THEN
        v_problems := v_problems || admin_problem('email', 'malformed',
                                                  'expected an address like name@example.com');
    ELSIF EXISTS (SELECT 1 FROM contacts k
                   WHERE k.customer_id = v_customer AND lower(k.email) = lower(v_email)) THEN
        v_problems := v_problems || admin_problem('email', 'duplicate',
                                                  'this customer already has a contact with this address');
    END IF;
    IF v_phone IS NOT NULL AND NOT intake_phone_ok(v_phone) THEN
        v_problems := v_problems || admin_problem('phone', 'malformed',
            'expected a phone number: 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12');
    END IF;
    IF coalesce(p_lang, 'en') NOT IN ('en', 'es') THEN
        v_problems := v_problems || admin_problem('lang', 'not_a_language',
                                                  'the language of mail to the contact: en or es');
    END IF;

    PERFORM admin_refuse_if(v_problems, 'the contact was not added');

    INSERT INTO contacts (customer_id, name, email, phone, spoc, lang)
    VALUES (v_customer, v_name, v_email, v_phone, coalesce(p_spoc, false), coalesce(p_lang, 'en'))
    RETURNING id INTO v_id;
    PERFORM admin_audit('contact.add', 'contact', v_id, v_email, NULL, admin_contact_json(v_id));
    RETURN v_id;
END
$$;

-- 210's api_admin_contact_set, whole: the phone as intake_phone_ok has it.
-- Changes a contact (by id or e-mail address). `changes`: name, email,
-- phone ("" removes it), lang (en, es: the language of the mail it gets),
-- spoc (yes/no: grants or revokes the right to open tickets), active.
-- Returns the contact id.
CREATE OR REPLACE FUNCTION api_admin_contact_set(p_contact text, changes jsonb) RETURNS int
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[] := '{}';
    v_id       int;
    c          contacts;
    n          contacts;
    v_before   jsonb;
    k          text;
    v          text;
    v_action   text := 'contact.set';
BEGIN
    PERFORM admin_caller();
    v_id := admin_find_contact(p_contact);
    IF changes IS NULL OR jsonb_typeof(changes) <> 'object' OR changes = '{}'::jsonb THEN
        PERFORM admin_refuse_if(ARRAY[admin_problem('changes', 'required',
                                'name at least one field to change (FIELD=VALUE)')], 'nothing to change');
    END IF;
    SELECT * INTO c FROM contacts x WHERE x.id = v_id FOR UPDATE;
    n := c;
    v_before := admin_contact_json(v_id);
    FOR k IN SELECT x FROM jsonb_object_keys(changes) AS x ORDER BY x LOOP
        v := changes ->> k;
        CASE k
        WHEN 'name' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('name', 'required', 'a contact name is required');
            ELSIF char_length(v) > 200 THEN
                v_problems := v_problems || admin_problem('name', 'too_long', 'at most 200 characters');
            ELSE
                n.name := v;
            END IF;
        WHEN 'email' THEN
            v := btrim(v);
            IF v IS NULL OR v = '' THEN
                v_problems := v_problems || admin_problem('email', 'required', 'an e-mail address is required');
            ELSIF NOT admin_email_ok(v) THEN
                v_problems := v_problems || admin_problem('email', 'malformed',
                                                          'expected an address like name@example.com');
            ELSIF EXISTS (SELECT 1 FROM contacts x WHERE x.customer_id = c.customer_id
                             AND lower(x.email) = lower(v) AND x.id <> v_id) THEN
                v_problems := v_problems || admin_problem('email', 'duplicate',
                                                          'this customer already has a contact with this address');
            ELSE
                n.email := v;
            END IF;
        WHEN 'phone' THEN
            v := nullif(btrim(v), '');
            IF v IS NOT NULL AND NOT intake_phone_ok(v) THEN
                v_problems := v_problems || admin_problem('phone', 'malformed',
                    'expected a phone number: 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12');
            ELSE
                n.phone := v;
            END IF;
        WHEN 'lang' THEN
            v := lower(btrim(v));
            IF mail_language_problem(v) IS NOT NULL THEN
                v_problems := v_problems || mail_language_problem(v);
            ELSE
                n.lang := v;
            END IF;
        WHEN 'spoc', 'active' THEN
            IF admin_bool(changes -> k) IS NULL THEN
                v_problems := v_problems || admin_problem(k, 'malformed', 'must be yes or no');
            ELSIF k = 'spoc' THEN
                n.spoc := admin_bool(changes -> k);
            ELSE
                n.active := admin_bool(changes -> k);
            END IF;
        ELSE
            v_problems := v_problems || admin_problem(k, 'unknown',
                'a contact has no such field (name, email, phone, lang, spoc, active)');
        END CASE;
    END LOOP;
    PERFORM admin_refuse_if(v_problems, 'the contact was not changed');

    UPDATE contacts x SET name = n.name, email = n.email, phone = n.phone, lang = n.lang,
                          spoc = n.spoc, active = n.active
     WHERE x.id = v_id;
    IF n.spoc AND NOT c.spoc THEN
        v_action := 'contact.spoc_granted';
    ELSIF c.spoc AND NOT n.spoc THEN
        v_action := 'contact.spoc_revoked';
    ELSIF c.active AND NOT n.active THEN
        v_action := 'contact.deactivate';
    END IF;
    IF admin_contact_json(v_id) IS DISTINCT FROM v_before THEN
        PERFORM admin_audit(v_action, 'contact', v_id, n.email, v_before, admin_contact_json(v_id));
    END IF;
    RETURN v_id;
END
$$;

-- 430's inbox_prefill, whole (the title one line): what the conversation
-- gives the intake form: customer (the sender's, also when they became a
-- contact after the mail came), contact, the first mail's title, every
-- mail's text oldest first, the screenshots of all (image attachments),
-- the idempotency key.
CREATE OR REPLACE FUNCTION inbox_prefill(p_inbound bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    WITH c AS (SELECT f.*, u.n
                 FROM unnest(inbox_conversation(p_inbound)) WITH ORDINALITY AS u(id, n)
                 JOIN mail_inbound f ON f.id = u.id)
    SELECT jsonb_strip_nulls(jsonb_build_object(
        'customer', coalesce((SELECT cu.name FROM customers cu WHERE cu.id = m.customer_id),
                             (SELECT cu.name FROM contacts k JOIN customers cu ON cu.id = k.customer_id
                               WHERE lower(k.email) = m.from_address AND k.active
                               ORDER BY k.spoc DESC, k.id LIMIT 1)),
        'contact', m.from_address,
        -- one line (520): a control character the subject's encoded
        -- words decoded to (an escape, a bell) reads as a space, so the
        -- title the form starts from is one intake takes
        'title', (SELECT nullif(left(btrim(regexp_replace(
                             regexp_replace(c.subject, '[\x01-\x1f\x7f-\x9f\u2028\u2029]+', ' ', 'g'),
                             '^\s*((re|fwd?|aw|rv)\s*:\s*)+', '', 'i')), 200), '')
                    FROM c ORDER BY c.n LIMIT 1),
        'description', (SELECT nullif(string_agg(btrim(c.body, E' \t\r\n'), E'\n\n---\n\n' ORDER BY c.n)
                                      FILTER (WHERE btrim(c.body, E' \t\r\n') <> ''), '')
                          FROM c),
        'screenshots', (SELECT jsonb_agg('attachment:' || a.id ORDER BY a.id) FROM attachments a
                         WHERE a.inbound_id IN (SELECT c.id FROM c)
                           AND a.content_type LIKE 'image/%'),
        'idempotency_key', 'mail:' || m.id))
      FROM mail_inbound m WHERE m.id = p_inbound
$$;

REVOKE ALL ON FUNCTION intake_phone_ok(text) FROM ticketty_agent, PUBLIC;
