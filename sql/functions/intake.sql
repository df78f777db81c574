-- sql/functions/intake.sql: the intake form, its mandatory fields and rules,
-- and filing a ticket (api_ticket_create).
--
-- Each function here is defined once, in its final form (sql/README).
-- `db migrate` applies every function file again after the migrations
-- whenever these files changed; a migration that needs a function as it
-- runs names it on a "-- @function NAME" line. Each block starts with a
-- "--- NAME" line, which the build (scripts/embed-sql.sh) looks for.

SELECT set_config('search_path', 'ticketty', true);

--- intake_line
-- One refusal line of a TT400 DETAIL: field<TAB>code<TAB>message. The
-- name of a key that is no intake field is the payload's, any text: a
-- tab, line feed or carriage return in it would cut the line, so that the
-- client named another field, or none, and a re-triage matching the
-- lines' fields to its keys missed the refusal. Each is written as its
-- JSON escape (\t, \n, \r), as a --json document has it.
CREATE OR REPLACE FUNCTION intake_line(field text, code text, message text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(field,
               E'\t', E'\\t'), E'\n', E'\\n'), E'\r', E'\\r')
           || E'\t' || code || E'\t' || pg_catalog.translate(message, E'\t\n\r', '   ')
$$;
REVOKE ALL ON FUNCTION intake_line(text, text, text) FROM ticketty_agent;

--- intake_blank
-- True when a payload value counts as "not given": absent, null, a blank
-- string or an empty array.
CREATE OR REPLACE FUNCTION intake_blank(v jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT v IS NULL
        OR pg_catalog.jsonb_typeof(v) = 'null'
        OR (pg_catalog.jsonb_typeof(v) = 'string'
            AND pg_catalog.btrim(v #>> '{}', E' \t\r\n\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff') = '')
        OR (pg_catalog.jsonb_typeof(v) = 'array' AND pg_catalog.jsonb_array_length(v) = 0)
$$;
REVOKE ALL ON FUNCTION intake_blank(jsonb) FROM ticketty_agent;

--- intake_positive_id
-- A positive bigint from a JSON number or a string of digits, else NULL
-- (one expression: inlined where it is used). A number is read as one
-- (v::numeric, the value jsonb holds), not through its text.
CREATE OR REPLACE FUNCTION intake_positive_id(v jsonb) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE pg_catalog.jsonb_typeof(v)
           WHEN 'number' THEN
                CASE WHEN v::numeric = pg_catalog.trunc(v::numeric)
                          AND v::numeric BETWEEN 1 AND 9223372036854775807
                     THEN v::numeric::bigint END
           WHEN 'string' THEN
                CASE WHEN pg_catalog.btrim(v #>> '{}') ~ '^[0-9]{1,19}$'
                          AND pg_catalog.btrim(v #>> '{}')::numeric BETWEEN 1 AND 9223372036854775807
                     THEN pg_catalog.btrim(v #>> '{}')::numeric::bigint END
           END
$$;
REVOKE ALL ON FUNCTION intake_positive_id(jsonb) FROM ticketty_agent;

--- intake_list
-- The elements of a list field as text: a JSON array of scalars, or a
-- string split by `sep` (a regular expression), each piece trimmed and
-- blank ones left out; NULL when malformed. A PL/pgSQL loop rather than
-- a query (760).
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
REVOKE ALL ON FUNCTION intake_list(jsonb, text) FROM ticketty_agent;

--- intake_list_value
-- A list field's value judged (kind id_list or url_list, a value that is
-- not blank): its canonical value for the ticket (the ids as text, the
-- paths or URLs), or {"refused": code} (malformed, empty_list,
-- not_a_number, too_long), or NULL when it adds nothing (no entry, not
-- needed). `needed`: the field is required and applies. A string of blank
-- lines that intake_blank does not call blank (a vertical tab or a form
-- feed on them: the split's \s takes them, intake_blank's list does not)
-- has no entry, for a url_list as for an id_list: refused as empty when
-- needed, else nothing, as a blank value is. (It was the text itself,
-- which tickets.screenshots, a text[], could not take: 22P02 "malformed
-- array literal" naming no field.) intake_resolve takes the common shapes
-- of a list in expressions of its own and asks here for the rest: the two
-- must agree (test_intake_equiv).
CREATE OR REPLACE FUNCTION intake_list_value(v jsonb, kind ticketty.field_kind, max_length int, needed boolean)
    RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    lst text[];
    ids text[] := '{}';
    e text;
    n bigint;
    longest int;
BEGIN
    IF kind = 'id_list' THEN
        lst := ticketty.intake_list(v, '[\s,;]+');
        IF lst IS NULL THEN
            RETURN '{"refused": "malformed"}';
        ELSIF pg_catalog.cardinality(lst) = 0 THEN
            RETURN CASE WHEN needed THEN '{"refused": "empty_list"}'::jsonb END;
        END IF;
        -- the first entry that is no positive whole number is refused
        FOREACH e IN ARRAY lst LOOP
            n := ticketty.intake_positive_id(pg_catalog.to_jsonb(e));
            IF n IS NULL THEN
                RETURN '{"refused": "not_a_number"}';
            END IF;
            ids := ids || n::text;
        END LOOP;
        IF pg_catalog.cardinality(lst) > 1000 THEN
            RETURN '{"refused": "too_long"}';
        END IF;
        RETURN pg_catalog.to_jsonb(ids);
    END IF;
    lst := ticketty.intake_list(v, '\s*\n\s*');
    IF lst IS NULL THEN
        RETURN '{"refused": "malformed"}';
    END IF;
    FOREACH e IN ARRAY lst LOOP
        -- a blank entry, or one holding a control character (a path or URL
        -- has none; a tab between two names is no separator), is no path
        IF pg_catalog.btrim(e) = '' OR ticketty.text_has_control(e) THEN
            RETURN '{"refused": "malformed"}';
        END IF;
        longest := GREATEST(longest, pg_catalog.char_length(e));
    END LOOP;
    IF pg_catalog.cardinality(lst) = 0 THEN
        RETURN CASE WHEN needed THEN '{"refused": "empty_list"}'::jsonb END;
    ELSIF pg_catalog.cardinality(lst) > 100 OR longest > coalesce(max_length, 2000) THEN
        RETURN '{"refused": "too_long"}';
    END IF;
    RETURN pg_catalog.to_jsonb(lst);
END
$$;
REVOKE ALL ON FUNCTION intake_list_value(jsonb, ticketty.field_kind, int, boolean) FROM ticketty_agent;

--- intake_list_refusal
-- The refusal line of a list field (id_list, url_list) that
-- intake_list_value refused with `code` (empty_list, too_long, malformed,
-- not_a_number), in the words intake uses: the field `field`, labelled
-- `label`, its value v (the payload's: the first entry that is no number
-- is quoted) and its max_length. intake_resolve and api_object_ids (a
-- search's object IDs, read as a ticket's are) both say it here.
CREATE OR REPLACE FUNCTION intake_list_refusal(field text, label text, kind ticketty.field_kind, code text,
                                               v jsonb, max_length int) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = ticketty, pg_temp
AS $$
    SELECT CASE code
        WHEN 'empty_list' THEN intake_line(field, 'empty_list', label || ' needs at least one entry')
        WHEN 'too_long' THEN
             CASE kind WHEN 'id_list' THEN intake_line(field, 'too_long', label || ' holds more than 1000 entries')
                  ELSE intake_line(field, 'too_long',
                           label || ' holds more than 100 entries or an entry longer than '
                           || coalesce(max_length, 2000) || ' characters') END
        WHEN 'malformed' THEN
             CASE kind WHEN 'id_list' THEN intake_line(field, 'malformed', label || ' must be a list of positive whole numbers')
                  ELSE intake_line(field, 'malformed', label || ' must be a list of paths or URLs') END
        WHEN 'not_a_number' THEN
             intake_line(field, 'not_a_number',
                 format('%s must be positive whole numbers; "%s" is not', label,
                        left((SELECT e FROM unnest(intake_list(v, '[\s,;]+')) e
                               WHERE intake_positive_id(to_jsonb(e)) IS NULL LIMIT 1), 40)))
    END
$$;
REVOKE ALL ON FUNCTION intake_list_refusal(text, text, ticketty.field_kind, text, jsonb, int) FROM ticketty_agent, PUBLIC;

--- intake_applies
-- The one reading of intake_fields.applies_when: whether a field applies
-- to a ticket whose request type and severity have these flags (NULL when
-- not chosen yet). The check (intake_resolve) and the form (intake_form)
-- both ask here. Plain SQL without SET so the planner inlines it.
CREATE OR REPLACE FUNCTION intake_applies(applies_when text, ui_related boolean, emergency boolean)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT applies_when = 'always'
        OR (applies_when = 'ui_related' AND coalesce(ui_related, false))
        OR (applies_when = 'emergency' AND coalesce(emergency, false))
$$;

--- intake_form
-- The form for the current choices (request type key, severity level; NULL
-- or '' when not chosen): every intake field in form order, whether it
-- shows now, whether it must be filled, and its length bound. The client
-- shows and marks fields from this, never reading applies_when itself.
CREATE OR REPLACE FUNCTION intake_form(request_type text, severity text)
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
GRANT EXECUTE ON FUNCTION intake_form(text, text) TO ticketty_agent;

--- intake_resolve_many
-- The intake check itself, of every payload in `ps`. Returns, in their
-- order (item, from 1), the ticket row each payload describes
-- (only the intake columns filled, and the customer's calendar and plan),
-- the refusal lines in form order (the ticket is acceptable when
-- `problems` is empty) and whether its severity is an emergency. Keys that
-- are no intake field are refused first, in name order, and the
-- idempotency key last.
--
-- One statement does the work for every payload of the call (issue 19;
-- an import judges its 500 at once, each in ~0.05 ms of the ~0.14 a
-- call of its own took, tests/bench/README "Import"): it reads the reference rows the
-- other checks depend on (customer, request type, severity, contact),
-- then judges every intake field at once over intake_fields, each field's
-- verdict (NULL: taken; else the refusal's code, 'not_text' for a value
-- that is no text) and what it adds to the ticket row or to `extra` (the
-- browser and the OS checked as intake_version_ok has them), gathered by
-- aggregates. Only when a field is refused are its words written, in a
-- loop over the refused fields after the statement: a ticket taken in
-- never builds a message, and a refusal prepares only its own branch.
-- The statement is planned once a session and every expression in it is
-- prepared again on every call, so it holds no message and no sub-query
-- it does not need: the subqueries are not flattened (OFFSET 0) where an
-- expression is read more than once, and a list takes the common shapes
-- (digits separated by commas or blanks, one URL without blanks, arrays
-- of those) in expressions and asks intake_list_value for the rest. The
-- original, a PL/pgSQL loop over the fields, gave the same results for
-- every payload of tests/db/intake_equiv_corpus.sql (test_intake_equiv).
CREATE OR REPLACE FUNCTION intake_resolve_many(ps jsonb[])
    RETURNS TABLE (item int, t tickets, problems text[], emergency boolean)
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
    -- generic plans: with the payload known, a custom plan folds it into
    -- the statement and is planned again on every call (with the loop of
    -- 760 the plan cache never found the generic plan cheaper: 3.5 ms a
    -- call against 1.2 ms, pgbench; the one statement since measured the
    -- same with the plan cache left to choose, which chose the generic
    -- plan after its five custom ones, 0.178 against 0.170 ms a call: kept,
    -- so that the choice does not rest on cost estimates)
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    res     record;
    p       jsonb;
    v       jsonb;
    w       text[];
    v_name  text;
    v_label text;
BEGIN
    FOR res IN
    SELECT pl.o, pl.doc, pr.cust, pr.ct, pr.ct_customer_name, pr.rt, pr.sev, f.refused, f.row, f.extra, f.names
      FROM unnest(ps) WITH ORDINALITY AS pl (doc, o)
     CROSS JOIN LATERAL (SELECT cu.cust, rq.rt, s.sev, k.ct,
                   -- the contact's customer is read already when it is the
                   -- one given (the common case; no contact: no name either way)
                   CASE WHEN (k.ct).customer_id IS NOT DISTINCT FROM (cu.cust).id THEN (cu.cust).name
                        ELSE (SELECT c.name FROM customers c WHERE c.id = (k.ct).customer_id) END AS ct_customer_name
                   -- the payload's keys computed once (in the WHERE they
                   -- were computed again for every row scanned; 760)
              FROM (SELECT CASE WHEN jsonb_typeof(pl.doc -> 'customer') IN ('number', 'string')
                                THEN pl.doc ->> 'customer' END AS cust_name,
                           CASE WHEN jsonb_typeof(pl.doc -> 'customer') IN ('number', 'string')
                                THEN intake_positive_id(pl.doc -> 'customer') END AS cust_num,
                           CASE WHEN jsonb_typeof(pl.doc -> 'request_type') IN ('number', 'string')
                                THEN lower(btrim(pl.doc ->> 'request_type')) END AS rt_key,
                           CASE WHEN jsonb_typeof(pl.doc -> 'request_type') IN ('number', 'string')
                                THEN intake_positive_id(pl.doc -> 'request_type') END AS rt_num,
                           CASE WHEN jsonb_typeof(pl.doc -> 'severity') IN ('number', 'string')
                                THEN btrim(pl.doc ->> 'severity') END AS sev_trim,
                           CASE WHEN jsonb_typeof(pl.doc -> 'severity') IN ('number', 'string')
                                THEN lower(btrim(pl.doc ->> 'severity')) END AS sev_key,
                           CASE WHEN jsonb_typeof(pl.doc -> 'contact') IN ('number', 'string')
                                THEN lower(btrim(pl.doc ->> 'contact')) END AS ct_key,
                           CASE WHEN jsonb_typeof(pl.doc -> 'contact') IN ('number', 'string')
                                THEN intake_positive_id(pl.doc -> 'contact') END AS ct_num
                     OFFSET 0) q
              -- the customer by exact name (the name wins when a customer
              -- is literally called by digits), else by id: the second
              -- branch runs only when the first gave no row
              LEFT JOIN LATERAL (SELECT c AS cust FROM customers c WHERE c.name = q.cust_name
                                 UNION ALL
                                 SELECT c FROM customers c WHERE c.id = q.cust_num
                                 LIMIT 1) cu ON true
              LEFT JOIN LATERAL (SELECT rtype AS rt FROM request_types rtype
                                  WHERE rtype.key = q.rt_key OR rtype.id::bigint = q.rt_num
                                  LIMIT 1) rq ON true
              LEFT JOIN LATERAL (SELECT s AS sev FROM severities s
                                  WHERE s.level::text = q.sev_trim OR s.key = q.sev_key OR lower(s.name) = q.sev_key
                                  LIMIT 1) s ON true
              -- the contact by e-mail (case-insensitive) or id, the given
              -- customer's contact first when several customers know the
              -- address: looked for among the given customer's contacts
              -- first, and among all only when none of them is it (lower()
              -- of every contact's address was 0.03 ms a call at 120)
              LEFT JOIN LATERAL (SELECT y.ct
                                   FROM ((SELECT c AS ct FROM contacts c
                                           WHERE c.customer_id = (cu.cust).id
                                             AND (lower(c.email) = q.ct_key OR c.id = q.ct_num)
                                           ORDER BY c.id LIMIT 1)
                                         UNION ALL
                                         (SELECT x.ct
                                            FROM (SELECT c AS ct FROM contacts c
                                                   WHERE q.ct_key IS NOT NULL AND lower(c.email) = q.ct_key
                                                  UNION ALL
                                                  SELECT c FROM contacts c WHERE c.id = q.ct_num) x
                                           ORDER BY (x.ct).id LIMIT 1)) y
                                  LIMIT 1) k ON true
             OFFSET 0) pr
     CROSS JOIN LATERAL (
        SELECT -- each refused field: (verdict, name, label, kind, applies_when, max_length)
               array_agg(ARRAY[j.verdict, j.name, j.label, j.kind::text, j.applies_when, j.max_length::text]
                         ORDER BY j.position) FILTER (WHERE j.verdict IS NOT NULL) AS refused,
               -- the ticket row: the looked-up ids and the columns (the
               -- last of two fields of one kind wins, as before)
               coalesce(jsonb_object_agg(j.key, j.val ORDER BY j.position)
                            FILTER (WHERE j.verdict IS NULL AND j.val IS NOT NULL AND j.key IS NOT NULL),
                        '{}') AS row,
               -- a field without a column of its own goes to tickets.extra
               coalesce(jsonb_object_agg(j.name, j.val)
                            FILTER (WHERE j.verdict IS NULL AND j.val IS NOT NULL AND j.key IS NULL),
                        '{}') AS extra,
               coalesce(array_agg(j.name), '{}') AS names
          FROM (SELECT b.name, b.label, b.kind, b.applies_when, b.max_length, b.position,
                       CASE WHEN b.blank THEN
                                 -- absent, null, blank or empty: refused when
                                 -- it must be filled, else it adds nothing
                                 CASE WHEN b.required AND b.applies THEN
                                      CASE WHEN b.type = 'array' THEN 'empty_list' ELSE 'required' END END
                            WHEN b.kind IN ('text', 'multiline', 'phone') THEN
                                 CASE WHEN b.type NOT IN ('string', 'number') THEN 'not_text'
                                      WHEN char_length(b.s) > b.max_length THEN 'too_long'
                                      -- a one-line field holds one line (520): a
                                      -- line break or another control character
                                      -- (C0, DEL, C1, the Unicode line and
                                      -- paragraph separators) is refused
                                      WHEN b.kind <> 'multiline' AND text_has_control(b.s) THEN
                                           'not_one_line'
                                      WHEN b.kind = 'phone' AND NOT intake_phone_ok(b.s) THEN 'malformed'
                                      -- the browser and the OS with their version
                                      -- numbers (DESIGN.md §4; the Client Services
                                      -- guide), the OS also by a release name (580);
                                      -- a digit is enough, without a call
                                      WHEN b.name IN ('browser', 'os')
                                           AND NOT (b.s ~ '[0-9]' OR intake_version_ok(b.name, b.s)) THEN
                                           'no_version'
                                 END
                            WHEN b.kind = 'id' THEN
                                 CASE WHEN b.type = 'string' AND text_has_control(b.s) THEN
                                           'not_one_line'
                                      WHEN b.r IS NULL THEN 'not_a_number' END
                            WHEN b.kind IN ('id_list', 'url_list') THEN b.r ->> 'refused'
                            WHEN b.kind = 'customer' THEN
                                 CASE WHEN (pr.cust).id IS NULL THEN 'unknown'
                                      WHEN NOT (pr.cust).active THEN 'inactive' END
                            WHEN b.kind = 'contact' THEN
                                 CASE WHEN (pr.ct).id IS NULL THEN 'unknown'
                                      WHEN (pr.cust).id IS NOT NULL AND (pr.ct).customer_id <> (pr.cust).id THEN
                                           'other_customer'
                                      WHEN NOT (pr.ct).active THEN 'inactive'
                                      WHEN NOT (pr.ct).spoc THEN 'not_spoc' END
                            WHEN b.kind = 'request_type' THEN
                                 CASE WHEN (pr.rt).id IS NULL THEN 'unknown'
                                      WHEN (pr.rt).account_rep THEN 'account_rep' END
                            WHEN b.kind = 'reason' THEN
                                 CASE WHEN b.r IS NULL THEN 'unknown' END
                            ELSE CASE WHEN (pr.sev).level IS NULL THEN 'unknown' END
                       END AS verdict,
                       -- where a taken value goes: the ticket row's key (a
                       -- column of the field's name, or the looked-up id),
                       -- NULL for tickets.extra
                       CASE WHEN b.blank THEN NULL
                            WHEN b.kind IN ('text', 'multiline', 'phone', 'id', 'id_list', 'url_list') THEN
                                 CASE WHEN b.name IN ('title', 'description', 'impact', 'object_ids', 'member_id',
                                                      'bidder_id', 'creative_id', 'repro_steps', 'screenshots',
                                                      'browser', 'os', 'phone') THEN b.name END
                            WHEN b.kind = 'customer' THEN 'customer_id'
                            WHEN b.kind = 'contact' THEN 'contact_id'
                            WHEN b.kind = 'request_type' THEN 'request_type_id'
                            WHEN b.kind = 'reason' THEN 'reason_id'
                            ELSE 'severity' END AS key,
                       CASE WHEN b.blank THEN NULL
                            WHEN b.kind IN ('id_list', 'url_list') THEN
                                 CASE WHEN jsonb_typeof(b.r) <> 'object' THEN b.r END
                            WHEN b.kind = 'customer' THEN to_jsonb((pr.cust).id)
                            WHEN b.kind = 'contact' THEN to_jsonb((pr.ct).id)
                            WHEN b.kind = 'request_type' THEN to_jsonb((pr.rt).id)
                            WHEN b.kind = 'severity' THEN to_jsonb((pr.sev).level)
                            ELSE b.r END AS val
                  FROM (SELECT a.*, jsonb_typeof(a.v) AS type, a.v #>> '{}' AS s, intake_blank(a.v) AS blank,
                               intake_applies(a.applies_when, (pr.rt).ui_related, (pr.sev).emergency) AS applies,
                               -- what the value is: the text of a text
                               -- field, the id, the list's canonical value
                               -- (or {"refused": code}), the case reason's id
                               CASE WHEN a.v IS NULL THEN NULL
                                    WHEN a.kind IN ('text', 'multiline', 'phone') THEN
                                         CASE WHEN jsonb_typeof(a.v) = 'string' THEN a.v
                                              ELSE to_jsonb(a.v #>> '{}') END
                                    WHEN a.kind = 'id' THEN to_jsonb(intake_positive_id(a.v))
                                    -- a list in one of its common shapes, whose
                                    -- every entry is a positive whole number
                                    -- (1 to 18 digits, no leading zero: the id's
                                    -- text is the entry) or a path or URL without
                                    -- blanks, within the length bounds; anything
                                    -- else in intake_list_value
                                    WHEN a.kind = 'id_list' AND jsonb_typeof(a.v) = 'string'
                                         AND char_length(a.v #>> '{}') <= 1999
                                         AND (a.v #>> '{}') ~ '^[1-9][0-9]{0,17}([\s,;]+[1-9][0-9]{0,17})*$' THEN
                                         to_jsonb(regexp_split_to_array(a.v #>> '{}', '[\s,;]+'))
                                    WHEN a.kind = 'id_list' AND jsonb_typeof(a.v) = 'array'
                                         AND jsonb_array_length(a.v) <= 1000
                                         AND a.v::text ~ '^\["?[1-9][0-9]{0,17}"?(, "?[1-9][0-9]{0,17}"?)*\]$' THEN
                                         to_jsonb(translate(a.v::text, '[]"', '{}')::text[])
                                    WHEN a.kind = 'url_list' AND jsonb_typeof(a.v) = 'string'
                                         AND char_length(a.v #>> '{}') <= coalesce(a.max_length, 2000)
                                         AND (a.v #>> '{}') !~ ('[\s' || text_control_chars() || ']') THEN
                                         jsonb_build_array(a.v #>> '{}')
                                    WHEN a.kind = 'url_list' AND jsonb_typeof(a.v) = 'array'
                                         AND jsonb_array_length(a.v) <= 100
                                         AND char_length(a.v::text) <= coalesce(a.max_length, 2000)
                                         -- (a C0 control is a JSON escape here, refused
                                         -- by its backslash; the class folds to one pattern)
                                         AND a.v::text ~ ('^\["[^"\\\s' || text_control_chars() || ']+"(, "[^"\\\s'
                                                          || text_control_chars() || ']+")*\]$') THEN
                                         a.v
                                    WHEN a.kind IN ('id_list', 'url_list') THEN
                                         intake_list_value(a.v, a.kind, a.max_length,
                                             a.required
                                             AND intake_applies(a.applies_when, (pr.rt).ui_related, (pr.sev).emergency))
                                    -- the case reason by key or id
                                    WHEN a.kind = 'reason' AND jsonb_typeof(a.v) IN ('number', 'string') THEN
                                         (SELECT to_jsonb(cr.id) FROM case_reasons cr
                                           WHERE cr.key = lower(btrim(a.v #>> '{}'))
                                              OR cr.id::bigint = intake_positive_id(a.v)
                                           LIMIT 1)
                               END AS r
                          FROM (SELECT i.name, i.label, i.kind, i.required, i.applies_when, i.max_length,
                                       i.position, pl.doc -> i.name AS v
                                  FROM intake_fields i OFFSET 0) a OFFSET 0) b OFFSET 0) j) f
     ORDER BY pl.o
    LOOP
        item := res.o;
        p := res.doc;
        t := NULL;
        emergency := NULL;
        IF p IS NULL OR jsonb_typeof(p) <> 'object' THEN
            problems := ARRAY[intake_line('ticket', 'malformed', 'the ticket must be a JSON object')];
            RETURN NEXT;
            CONTINUE;
        END IF;


        -- the refusals in words, in form order
        problems := '{}';
        IF res.refused IS NOT NULL THEN
            FOREACH w SLICE 1 IN ARRAY res.refused LOOP
                v_name := w[2];
                v_label := w[3];
                IF w[1] = 'required' THEN
                    problems := problems || CASE w[5]
                        WHEN 'emergency' THEN
                             intake_line(v_name, 'required', v_label || ' is required for a severity 1 (Critical) emergency')
                        WHEN 'ui_related' THEN
                             intake_line(v_name, 'required', v_label || ' is required for request type ' || (res.rt).name)
                        ELSE intake_line(v_name, 'required', v_label || ' is required') END;
                ELSIF w[4] IN ('id_list', 'url_list')
                      AND w[1] IN ('empty_list', 'too_long', 'malformed', 'not_a_number') THEN
                    problems := problems || intake_list_refusal(v_name, v_label, w[4]::field_kind, w[1],
                                                                p -> v_name, w[6]::int);
                ELSIF w[1] = 'empty_list' THEN
                    problems := problems || intake_line(v_name, 'empty_list', v_label || ' needs at least one entry');
                ELSIF w[1] = 'not_text' THEN
                    problems := problems || intake_line(v_name, 'malformed', v_label || ' must be text');
                ELSIF w[1] = 'too_long' THEN
                    problems := problems || intake_line(v_name, 'too_long',
                        format('%s is %s characters long; at most %s are allowed',
                               v_label, char_length(p ->> v_name), w[6]::int));
                ELSIF w[1] = 'not_one_line' THEN
                    problems := problems || intake_line(v_name, 'not_one_line',
                        v_label || ' must be one line, without line breaks, tabs or other control characters');
                ELSIF w[1] = 'malformed' THEN
                    -- (a phone: lists are refused above)
                    problems := problems || intake_line(v_name, 'malformed',
                        v_label || ' is not a plausible phone number: 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired parentheses and an extension such as ext 12');
                ELSIF w[1] = 'no_version' THEN
                    problems := problems || CASE v_name
                        WHEN 'browser' THEN
                             intake_line(v_name, 'no_version',
                                 v_label || ' must contain a version number (at least one digit), e.g. Firefox 133 or Chrome 131.0')
                        ELSE intake_line(v_name, 'no_version',
                                 v_label || ' must contain a version number or a release name, e.g. Windows 11, macOS Sonoma or Ubuntu 24.04 LTS') END;
                ELSIF w[1] = 'not_a_number' THEN
                    -- (an id: a list's is refused above)
                    problems := problems || intake_line(v_name, 'not_a_number', v_label || ' must be a positive whole number');
                ELSIF w[1] = 'unknown' THEN
                    problems := problems || CASE w[4]
                        WHEN 'customer' THEN
                             intake_line(v_name, 'unknown', format('no customer has the name or id %s', p ->> v_name))
                        WHEN 'contact' THEN
                             intake_line(v_name, 'unknown', format('no contact has the e-mail address or id %s', p ->> v_name))
                        WHEN 'request_type' THEN
                             intake_line(v_name, 'unknown', format('no request type has the key %s', p ->> v_name))
                        WHEN 'reason' THEN
                             intake_line(v_name, 'unknown', format('no case reason has the key %s', p ->> v_name))
                        ELSE intake_line(v_name, 'unknown',
                                 format('severity %s does not exist (1 critical, 2 urgent, 3 high, 4 medium)',
                                        p ->> v_name)) END;
                ELSIF w[1] = 'inactive' THEN
                    problems := problems || CASE w[4]
                        WHEN 'customer' THEN
                             intake_line(v_name, 'inactive', format('%s is no longer an active customer', (res.cust).name))
                        ELSE intake_line(v_name, 'inactive',
                                 format('%s <%s> is no longer an active contact', (res.ct).name, (res.ct).email)) END;
                ELSIF w[1] = 'other_customer' THEN
                    problems := problems || intake_line(v_name, 'other_customer',
                        format('%s <%s> is a contact of %s, not of %s', (res.ct).name, (res.ct).email,
                               res.ct_customer_name, (res.cust).name));
                ELSIF w[1] = 'not_spoc' THEN
                    problems := problems || intake_line(v_name, 'not_spoc',
                        format('%s <%s> is not an authorised single point of contact of %s',
                               (res.ct).name, (res.ct).email, res.ct_customer_name));
                ELSE
                    -- account_rep
                    problems := problems || intake_line(v_name, 'account_rep',
                        CASE WHEN (res.cust).account_rep_email IS NOT NULL OR (res.cust).account_rep_name IS NOT NULL THEN
                            format('%s requests are not support tickets: contact the account representative of %s, %s <%s>',
                                   (res.rt).name, (res.cust).name, coalesce((res.cust).account_rep_name, 'unnamed'),
                                   coalesce((res.cust).account_rep_email, 'no address on file'))
                        ELSE
                            format('%s requests are not support tickets: contact the customer''s account representative',
                                   (res.rt).name)
                        END);
                END IF;
            END LOOP;
        END IF;

        -- keys that are no intake field come first, in name order (asked
        -- only when the payload has such a key)
        IF p - res.names - 'idempotency_key' <> '{}' THEN
            problems := ARRAY(SELECT intake_line(k, 'unknown', 'there is no intake field of this name')
                                FROM jsonb_object_keys(p) AS k
                               WHERE k <> 'idempotency_key'
                                 AND NOT EXISTS (SELECT 1 FROM intake_fields i WHERE i.name = k)
                               ORDER BY k) || problems;
        END IF;

        -- what api_ticket_create needs besides (it would read both again);
        -- the calendar first: t no longer NULL, jsonb_populate_record below
        -- reads only the columns its object names (given NULL, it runs every
        -- column of tickets through its input function)
        t.calendar_id := (res.cust).calendar_id;
        t.plan := (res.cust).plan;
        v := p -> 'idempotency_key';
        IF NOT intake_blank(v) THEN
            IF jsonb_typeof(v) <> 'string' THEN
                problems := problems || intake_line('idempotency_key', 'malformed', 'the idempotency key must be a string');
            ELSIF char_length(v #>> '{}') > 200 THEN
                problems := problems || intake_line('idempotency_key', 'too_long',
                    'the idempotency key is longer than 200 characters');
            ELSE
                t.idempotency_key := v #>> '{}';
            END IF;
        END IF;
        t := jsonb_populate_record(t, res.row || jsonb_build_object('extra', res.extra));
        -- the team comes with the request type taken
        IF t.request_type_id IS NOT NULL THEN
            t.team_id := (res.rt).team_id;
        END IF;
        emergency := (res.sev).emergency;
        RETURN NEXT;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION intake_resolve_many(jsonb[]) FROM ticketty_agent, PUBLIC;

--- intake_resolve
-- intake_resolve_many of one payload: its ticket row, refusals and
-- whether it is an emergency (api_ticket_create, api_ticket_check, the
-- re-triage). Without SET, names with their schema: a call pushes no
-- setting.
CREATE OR REPLACE FUNCTION intake_resolve(p jsonb, OUT t tickets, OUT problems text[], OUT emergency boolean)
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    m record;
BEGIN
    SELECT * INTO m FROM ticketty.intake_resolve_many(ARRAY[p]);
    t := m.t;
    problems := m.problems;
    emergency := m.emergency;
END
$$;
REVOKE ALL ON FUNCTION intake_resolve(jsonb) FROM ticketty_agent;

--- ticket_notify_emergency
-- Tells whoever must hear of an emergency on ticket `ticket` (DESIGN.md
-- §4, §7): the customer's CSM, or, when the customer has no active CSM,
-- every active COO (role coo_for_csm: nobody loses an emergency), and the
-- account representative's address. Returns how many were told.
CREATE OR REPLACE FUNCTION ticket_notify_emergency(ticket bigint) RETURNS int
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
REVOKE ALL ON FUNCTION ticket_notify_emergency(bigint) FROM ticketty_agent;

--- intake_filer
-- The calling agent's id when it may file a ticket: support staff. Filing
-- a ticket starts the customer's thread (the acknowledgement mail, the
-- first-response clock), and support engineers own the conversation with
-- the customer; a product manager or developer writes internal notes only
-- (DESIGN.md section 5): TT403 saying so. The caller's row is read once,
-- id and role together (current_agent()): api_ticket_create pays no query
-- for the check. TT403 as current_agent_id() for a login that is no
-- active agent.
CREATE OR REPLACE FUNCTION intake_filer() RETURNS int
    LANGUAGE plpgsql STABLE
AS $$
DECLARE
    me record;
BEGIN
    -- an expression, not a query over the function (760)
    me := ticketty.current_agent();
    IF me.role IN ('pm', 'developer') THEN
        RAISE EXCEPTION 'agent "%" is a % and writes internal notes only: support staff file tickets',
                        session_user, me.role
            USING ERRCODE = 'TT403',
                  HINT = 'Add an internal note; the support engineer owns the conversation with the customer.';
    END IF;
    RETURN me.id;
END
$$;
REVOKE ALL ON FUNCTION intake_filer() FROM ticketty_agent, PUBLIC;

--- api_ticket_check
-- The refusals api_ticket_create would give for this payload, without
-- creating anything (the form checks with it; the CLI merges its own
-- byte-level findings with it).
-- Support staff only, as api_ticket_create (intake_filer).
CREATE OR REPLACE FUNCTION api_ticket_check(payload jsonb)
    RETURNS TABLE (field text, code text, message text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_problems text[];
BEGIN
    PERFORM intake_filer();
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
GRANT EXECUTE ON FUNCTION api_ticket_check(jsonb) TO ticketty_agent;

--- intake_digest
-- What a payload given with an idempotency key is remembered by
-- (tickets.idempotency_digest): a later payload with that key is a retry
-- when its digest is the same. api_ticket_create and
-- api_ticket_create_many both take it from here, so a retry is known
-- whichever of them made the ticket. Plain SQL without SET, names with
-- their schema: inlined where it is used.
CREATE OR REPLACE FUNCTION intake_digest(p jsonb) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.sha256(pg_catalog.convert_to(p::text, 'UTF8'))
$$;
REVOKE ALL ON FUNCTION intake_digest(jsonb) FROM ticketty_agent, PUBLIC;

--- intake_reused_key
-- The refusal line of a payload whose idempotency key already made a
-- ticket of other content (intake_same_retry's DETAIL, and each such
-- payload of api_ticket_create_many).
CREATE OR REPLACE FUNCTION intake_reused_key() RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT ticketty.intake_line('idempotency_key', 'reused_key', 'was already used for a different ticket')
$$;
REVOKE ALL ON FUNCTION intake_reused_key() FROM ticketty_agent, PUBLIC;

--- intake_same_retry
-- A submission reused the idempotency key of ticket p_id: returns p_id
-- when it is the same payload (digest), else raises TT400 naming the key.
CREATE OR REPLACE FUNCTION intake_same_retry(p_id bigint, p_digest bytea) RETURNS bigint
    LANGUAGE plpgsql STABLE
    SET search_path = ticketty, pg_temp
AS $$
BEGIN
    IF (SELECT tk.idempotency_digest FROM tickets tk WHERE tk.id = p_id) IS DISTINCT FROM p_digest THEN
        RAISE EXCEPTION 'this idempotency key was already used for ticket % with different content', p_id
            USING ERRCODE = 'TT400',
                  DETAIL = intake_reused_key(),
                  HINT = 'Use a new key for a new ticket; a retry must send the same content.';
    END IF;
    RETURN p_id;
END
$$;
REVOKE ALL ON FUNCTION intake_same_retry(bigint, bytea) FROM ticketty_agent;

--- api_ticket_create
-- Creates the ticket the payload describes and returns its id, or raises
-- TT400 listing every refused field. A payload whose idempotency_key was
-- already used returns that ticket instead of creating a second one, when
-- it is the same payload (a retry); a different payload under a used key
-- is refused (TT400, field idempotency_key, code reused_key) rather than
-- answered with the old ticket while its new text is dropped.
-- Support staff only: a pm or developer is refused (TT403, intake_filer)
-- before anything is read or written, a retry of a used key too.
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
    v_me   int := intake_filer();   -- TT403 for pm and developer, no query more
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
        v_digest := intake_digest(payload);
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
GRANT EXECUTE ON FUNCTION api_ticket_create(jsonb) TO ticketty_agent;

--- api_ticket_create_many
-- An import: the tickets of `payloads`, a JSON array of at most 1,000
-- payloads as api_ticket_create takes them, in one call. Returns one row
-- per payload, in its order: item (from 1) and either ticket_id (the new
-- ticket, or the one an earlier payload with the same idempotency key
-- made, when the content is the same: a retry) or refusal (the lines of
-- api_ticket_create's TT400 DETAIL, "field<TAB>code<TAB>message" each).
-- A refused payload stops nothing else. The tickets taken in are
-- inserted by one statement with their 'created' events: the triggers
-- still run for each ticket, the statement's own cost is paid once
-- (tests/bench/README, "Import"). Support staff only (intake_filer).
CREATE OR REPLACE FUNCTION api_ticket_create_many(payloads jsonb)
    RETURNS TABLE (item int, ticket_id bigint, refusal text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = ticketty, pg_temp
    -- generic plans, as api_ticket_create (the triggers' too)
    SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_me      int := intake_filer();   -- TT403 for pm and developer
    v_now     timestamptz := tt_now();
    v_reused  CONSTANT text := intake_reused_key();
    v_n       int;
    v_t       tickets[];   -- the judged payloads (intake_resolve)
    v_refused text[];
    v_emerg   boolean[];
    v_key     text[];
    v_digest  bytea[];
    v_prior   bigint[];    -- the ticket a key made before this call
    v_same    boolean[];   -- ... for the same content
    v_first   int[];       -- the first taken payload of its key here
    v_ids     bigint[];
    v_fresh   boolean[];   -- to be inserted now
    v_done    bigint[];    -- inserted
    v_id      bigint;
BEGIN
    IF jsonb_typeof(payloads) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'the tickets must be a JSON array of ticket objects' USING ERRCODE = 'TT400';
    END IF;
    v_n := jsonb_array_length(payloads);
    IF v_n > 1000 THEN
        RAISE EXCEPTION 'at most 1000 tickets a call, not %', v_n
            USING ERRCODE = 'TT400', HINT = 'Send the tickets in several calls.';
    END IF;
    IF v_n = 0 THEN
        RETURN;
    END IF;

    -- every payload judged, in one statement (intake_resolve_many); a key
    -- used before answers first, as in api_ticket_create (intake_same_retry)
    SELECT array_agg(x.t ORDER BY x.o), array_agg(x.refused ORDER BY x.o),
           array_agg(coalesce(x.emergency, false) ORDER BY x.o), array_agg(x.key ORDER BY x.o),
           array_agg(x.digest ORDER BY x.o), array_agg(x.prior ORDER BY x.o),
           array_agg(x.same ORDER BY x.o), array_agg(x.first ORDER BY x.o)
      INTO v_t, v_refused, v_emerg, v_key, v_digest, v_prior, v_same, v_first
      FROM (SELECT y.*,
                   CASE WHEN y.key IS NOT NULL AND y.prior IS NULL AND y.refused IS NULL
                        THEN first_value(y.o) OVER (PARTITION BY y.key, y.prior IS NULL AND y.refused IS NULL
                                                    ORDER BY y.o) END AS first
              FROM (SELECT z.*,
                           CASE WHEN z.prior IS NULL AND cardinality(z.problems) > 0
                                THEN array_to_string(intake_problems_shown(z.problems, z.doc), E'\n')
                                END AS refused
                      FROM (SELECT e.o::int AS o, e.doc, k.key, tk.id AS prior,
                                   tk.idempotency_digest IS NOT DISTINCT FROM k.digest AS same, k.digest,
                                   r.t, r.problems, r.emergency
                              FROM jsonb_array_elements(payloads) WITH ORDINALITY AS e (doc, o)
                             CROSS JOIN LATERAL
                                   (SELECT CASE WHEN jsonb_typeof(e.doc -> 'idempotency_key') = 'string'
                                                THEN e.doc ->> 'idempotency_key' END AS key,
                                           CASE WHEN jsonb_typeof(e.doc -> 'idempotency_key') = 'string'
                                                THEN intake_digest(e.doc) END AS digest) k
                              LEFT JOIN tickets tk ON tk.idempotency_key = k.key
                              -- every payload judged by one statement
                              JOIN intake_resolve_many(ARRAY(SELECT a.doc FROM jsonb_array_elements(payloads)
                                                                  WITH ORDINALITY AS a (doc, o) ORDER BY a.o)) AS r
                                ON r.item = e.o) z) y) x;

    v_ids := array_fill(NULL::bigint, ARRAY[v_n]);
    v_fresh := array_fill(false, ARRAY[v_n]);
    FOR k IN 1 .. v_n LOOP
        IF v_prior[k] IS NOT NULL THEN
            IF v_same[k] THEN
                v_ids[k] := v_prior[k];
            ELSE
                v_refused[k] := v_reused;
            END IF;
        ELSIF v_refused[k] IS NOT NULL THEN
            NULL;
        ELSIF v_first[k] IS NOT NULL AND v_first[k] <> k THEN
            -- a later payload of a key taken here: a retry, or a reuse
            IF v_digest[v_first[k]] IS NOT DISTINCT FROM v_digest[k] THEN
                v_ids[k] := v_ids[v_first[k]];
            ELSE
                v_refused[k] := v_reused;
            END IF;
        ELSE
            v_ids[k] := nextval('tickets_id_seq');
            v_fresh[k] := true;
        END IF;
    END LOOP;

    -- created_at and updated_at given, as api_ticket_create does
    WITH ins AS (
        INSERT INTO tickets (id, customer_id, contact_id, request_type_id, team_id, reason_id, severity,
                             status, title, description, impact, object_ids, member_id, bidder_id,
                             creative_id, repro_steps, screenshots, browser, os, phone, extra,
                             created_by, calendar_id, plan, idempotency_key, idempotency_digest,
                             created_at, updated_at)
        SELECT v_ids[u.ordinality], u.customer_id, u.contact_id, u.request_type_id, u.team_id, u.reason_id,
               u.severity, 'new', u.title, u.description, u.impact, u.object_ids, u.member_id, u.bidder_id,
               u.creative_id, u.repro_steps, coalesce(u.screenshots, '{}'), u.browser, u.os, u.phone,
               u.extra, v_me, u.calendar_id, u.plan, u.idempotency_key, v_digest[u.ordinality], v_now, v_now
          FROM unnest(v_t) WITH ORDINALITY AS u
         WHERE v_fresh[u.ordinality]
         ORDER BY u.ordinality
        -- a concurrent call that took a key first wins (looked up below)
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING id, version, team_id, request_type_id, severity, customer_id, contact_id),
    ev AS (
        -- audit(id, 'created', ...) as api_ticket_create writes it
        INSERT INTO ticket_events (ticket_id, actor_id, kind, version, details)
        SELECT i.id, v_me, 'created', i.version,
               jsonb_build_object('team', (SELECT tm.key FROM teams tm WHERE tm.id = i.team_id),
                                  'request_type', (SELECT rq.key FROM request_types rq WHERE rq.id = i.request_type_id),
                                  'severity', i.severity, 'customer', i.customer_id, 'contact', i.contact_id)
          FROM ins i)
    SELECT coalesce(array_agg(i.id), '{}') INTO v_done FROM ins i;

    IF cardinality(v_done) < (SELECT count(*) FROM unnest(v_fresh) f WHERE f) THEN
        -- a key another session took meanwhile: its ticket, as a retry of it
        FOR k IN 1 .. v_n LOOP
            IF v_ids[k] IS NOT NULL AND v_key[k] IS NOT NULL AND v_prior[k] IS NULL
               AND NOT v_ids[k] = ANY (v_done) THEN
                SELECT tk.id INTO v_id FROM tickets tk
                 WHERE tk.idempotency_key = v_key[k] AND tk.idempotency_digest IS NOT DISTINCT FROM v_digest[k];
                v_ids[k] := v_id;
                IF v_id IS NULL THEN
                    v_refused[k] := v_reused;
                END IF;
                v_fresh[k] := false;
            END IF;
        END LOOP;
    END IF;
    PERFORM pg_notify('ticketty', json_build_object('ticket', d, 'kind', 'created')::text)
       FROM unnest(v_done) AS d;
    PERFORM ticket_notify_emergency(u.id)
       FROM unnest(v_ids, v_emerg, v_fresh) AS u (id, emergency, fresh)
      WHERE u.emergency AND u.fresh;
    RETURN QUERY SELECT u.o::int, u.id, u.refused
                   FROM unnest(v_ids, v_refused) WITH ORDINALITY AS u (id, refused, o);
END
$$;
GRANT EXECUTE ON FUNCTION api_ticket_create_many(jsonb) TO ticketty_agent;

--- intake_phone_ok
-- True for a plausible phone number: 7 to 15 digits, with only spaces, a
-- leading +, hyphens, dots, paired parentheses and an extension such as
-- "ext 12" or "x 12". Plain SQL without SET, names with their schema:
-- inlined where it is used.
CREATE OR REPLACE FUNCTION intake_phone_ok(v text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT v ~* '^ *\+?(?=[0-9(])([0-9 .-]|\([0-9 .-]*[0-9][0-9 .-]*\))+((ext\.?|x) *[0-9]{1,6})? *$'
       AND pg_catalog.length(pg_catalog.regexp_replace(
               pg_catalog.regexp_replace(v, '(ext\.?|x) *[0-9]+ *$', '', 'i'), '[^0-9]', '', 'g'))
           BETWEEN 7 AND 15
$$;
REVOKE ALL ON FUNCTION intake_phone_ok(text) FROM ticketty_agent, PUBLIC;

--- intake_version_ok
-- True when v names a version of field: it holds a digit, or one of the
-- field's release names as whole words (both sides lower-cased, every run
-- of other characters than letters and digits one space, padded with a
-- space). PL/pgSQL without SET, names with their schema: its plan is
-- kept for the session and no setting is pushed per call.
CREATE OR REPLACE FUNCTION intake_version_ok(field text, v text) RETURNS boolean
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
REVOKE ALL ON FUNCTION intake_version_ok(text, text) FROM ticketty_agent, PUBLIC;

--- intake_problems_shown
-- intake_resolve's refusals as the caller may read them: for a login that
-- may not read contacts (session_agent_is_support(), 049), a refusal of
-- the contact that names them (another customer's, deactivated, no
-- authorised contact) is the refusal of a contact that does not exist,
-- which is what the contacts table shows that login. Called only on a
-- refusal: a ticket taken in pays nothing for it.
CREATE OR REPLACE FUNCTION intake_problems_shown(p_problems text[], p_payload jsonb) RETURNS text[]
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
