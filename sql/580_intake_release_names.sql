-- 580_intake_release_names.sql: the operating system may be named by its
-- release name instead of a version number.
--   * 520 refused an OS without a digit, so "macOS Sonoma", "Windows XP"
--     or "Android Pie" were refused although they name a release exactly
--     as a support desk takes it. A value now passes when it holds a digit
--     or a known release name of its field: intake_release_names, data
--     (field, name), seeded with the common macOS, Windows, Android,
--     Ubuntu and Debian names (iOS is numbered). A name matches
--     case-insensitively as a whole word or words ("big sur" in "macOS Big
--     Sur", not "Sonoma" in "Sonomas"); punctuation separates words like a
--     space. The browser has no names: "Firefox", "Chrome newest" are
--     refused, as are "Windows", "macOS" and "latest" for the OS.
--   * intake_version_ok is the one definition of the rule; intake_resolve
--     (520, whole) asks it for the browser and the OS, at intake and so at
--     re-triage (api_ticket_retriage, 480, resolves through it). The OS
--     refusal says "a version number or a release name".
--   * intake_fields.rule: what the check wants of a field beyond being
--     filled, in one sentence ("Must contain a version number ...", "7 to
--     15 digits ..."), stated once for the form: the field's own help
--     ends with it and the form's help screen lists every field's rule
--     (the English reference text, translated by the client like help).

SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE intake_release_names (
    field text NOT NULL REFERENCES intake_fields (name) ON DELETE CASCADE,
    name  text NOT NULL CHECK (name ~ '[[:alpha:]]' AND name = btrim(name)),
    PRIMARY KEY (field, name)
);
COMMENT ON TABLE intake_release_names IS
    'Release names an intake field takes instead of a version number (macOS Sonoma, Windows XP), matched case-insensitively as whole words.';

INSERT INTO intake_release_names (field, name)
SELECT 'os', n FROM unnest(ARRAY[
    -- macOS, Mac OS X
    'Cheetah', 'Puma', 'Jaguar', 'Panther', 'Tiger', 'Leopard', 'Snow Leopard', 'Lion',
    'Mountain Lion', 'Mavericks', 'Yosemite', 'El Capitan', 'Sierra', 'High Sierra', 'Mojave',
    'Catalina', 'Big Sur', 'Monterey', 'Ventura', 'Sonoma', 'Sequoia', 'Tahoe',
    -- Windows ("Me" alone is an ordinary word)
    'XP', 'Vista', 'Windows Me',
    -- Android
    'Cupcake', 'Donut', 'Eclair', 'Froyo', 'Gingerbread', 'Honeycomb', 'Ice Cream Sandwich',
    'Jelly Bean', 'KitKat', 'Lollipop', 'Marshmallow', 'Nougat', 'Oreo', 'Pie',
    'Quince Tart', 'Red Velvet Cake', 'Snow Cone', 'Tiramisu', 'Upside Down Cake',
    'Vanilla Ice Cream', 'Baklava',
    -- Ubuntu (the first word names the release: "Jammy", "Jammy Jellyfish")
    'Precise', 'Trusty', 'Xenial', 'Bionic', 'Focal', 'Jammy', 'Kinetic', 'Lunar', 'Mantic',
    'Noble', 'Oracular', 'Plucky', 'Questing',
    -- Debian
    'Squeeze', 'Wheezy', 'Jessie', 'Stretch', 'Buster', 'Bullseye', 'Bookworm', 'Trixie',
    'Forky', 'Sid']) AS n;

-- What the check (intake_resolve) wants of each field beyond being filled:
-- the form shows it with the field's help and lists them all in its help.
ALTER TABLE intake_fields ADD COLUMN rule text CHECK (rule <> '');
COMMENT ON COLUMN intake_fields.rule IS
    'What intake_resolve wants of the field beyond being filled, one sentence shown with its help (NULL: nothing more).';
UPDATE intake_fields SET rule = 'At least one; positive whole numbers, separated by commas or spaces.'
 WHERE name = 'object_ids';
UPDATE intake_fields SET rule = 'A positive whole number.' WHERE name = 'member_id';
UPDATE intake_fields SET rule = 'A positive whole number, when given.' WHERE name IN ('bidder_id', 'creative_id');
UPDATE intake_fields SET rule = 'Needed when the request type concerns the user interface: at least one path or URL.'
 WHERE name = 'screenshots';
UPDATE intake_fields SET rule = 'Must contain a version number, e.g. Firefox 133 or Chrome 131.0.'
 WHERE name = 'browser';
UPDATE intake_fields SET rule = 'Must contain a version number or a release name, e.g. Windows 11, macOS Sonoma or Ubuntu 24.04 LTS.'
 WHERE name = 'os';
UPDATE intake_fields SET rule = 'Needed for severity 1 (Critical): 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12.'
 WHERE name = 'phone';

-- True when v names a version of field: it holds a digit, or one of the
-- field's release names as whole words (both sides lower-cased, every run
-- of other characters than letters and digits one space, padded with a
-- space). Plain SQL without SET, names with their schema: inlined where
-- it is used, like intake_phone_ok (520).
CREATE FUNCTION intake_version_ok(field text, v text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT v ~ '[0-9]'
        OR EXISTS (SELECT 1 FROM ticketty.intake_release_names n
                    WHERE n.field = intake_version_ok.field
                      AND pg_catalog.strpos(
                              ' ' || pg_catalog.lower(pg_catalog.regexp_replace(v, '[^[:alnum:]]+', ' ', 'g')) || ' ',
                              ' ' || pg_catalog.lower(pg_catalog.regexp_replace(n.name, '[^[:alnum:]]+', ' ', 'g')) || ' ') > 0)
$$;

-- 520's intake_resolve, whole: the browser and the OS as intake_version_ok
-- has them.
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
                           -- (DESIGN.md §4; the Client Services guide), the OS
                           -- also by a release name (580)
                           WHEN f.name = 'browser' AND NOT intake_version_ok(f.name, v #>> '{}') THEN
                                intake_line(f.name, 'no_version',
                                    f.label || ' must contain a version number (at least one digit), e.g. Firefox 133 or Chrome 131.0')
                           WHEN f.name = 'os' AND NOT intake_version_ok(f.name, v #>> '{}') THEN
                                intake_line(f.name, 'no_version',
                                    f.label || ' must contain a version number or a release name, e.g. Windows 11, macOS Sonoma or Ubuntu 24.04 LTS')
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

REVOKE ALL ON FUNCTION intake_version_ok(text, text) FROM ticketty_agent, PUBLIC;
