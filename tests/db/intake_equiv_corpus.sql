-- tests/db/intake_equiv_corpus.sql: the payloads tests/db/test_intake_equiv.c
-- runs through the original intake_resolve (intake_resolve_orig.sql) and
-- the current one, as table public.intake_corpus (n, payload). Run as the
-- superuser on a fresh test database, after any intake_fields rows the test
-- adds: the keys it changes are read from intake_fields.
--
-- What it holds:
--   * 600 valid-looking payloads: every customer, contact, request type
--     (the account representative's too), case reason and severity, each
--     given every way the check accepts (name, id, digits, key, upper case,
--     blanks around), lists as strings and as arrays, with and without the
--     optional fields;
--   * each of them with one key changed, for every intake field and the
--     idempotency key: left out, null, blank (Unicode spaces too), every
--     JSON type, numbers that are no id (0, -1, 1.5, 1e3, 23 digits),
--     "12abc", control characters, text just within and just over its
--     length, phones, versions and release names, lists of every shape
--     (blank and bad entries, 1000 and 1001 entries, entries too long),
--     and the realistic values of the field's kind;
--   * some 6,000 payloads with two such changes at once;
--   * unknown keys, bad idempotency keys, non-object payloads and NULL.

-- the reference rows the payloads name
INSERT INTO ticketty.agents (login, display_name, role) VALUES ('csm_equiv', 'Carla Csm', 'csm');
INSERT INTO ticketty.customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email, active) VALUES
    ('Acme Media', 1001, 'premium', (SELECT id FROM ticketty.agents WHERE login = 'csm_equiv'),
     'Rita Rep', 'rita@example.com', true),
    ('Globex', 1002, 'basic', NULL, NULL, NULL, true),
    ('Initech', 1003, 'basic', NULL, NULL, 'rep@initech.example', true),
    ('Umbrella', 1004, 'basic', NULL, 'Una Rep', NULL, true),
    ('Gone Corp', 1005, 'basic', NULL, NULL, NULL, false),
    -- a customer called by digits: the name wins over the id
    ('3', 1006, 'basic', NULL, NULL, NULL, true);
INSERT INTO ticketty.contacts (customer_id, name, email, phone, spoc, active)
SELECT c.id, x.name, x.email, NULL, x.spoc, x.active
  FROM (VALUES ('Acme Media', 'Sam Spoc', 'sam@acme.test', true, true),
               ('Acme Media', 'Nora Nospoc', 'nora@acme.test', false, true),
               ('Acme Media', 'Olga Old', 'olga@acme.test', true, false),
               ('Acme Media', 'Shared Acme', 'shared@both.test', true, true),
               ('Globex', 'Gil Globex', 'gil@globex.test', true, true),
               ('Globex', 'Shared Globex', 'SHARED@both.test', true, true),
               ('Initech', 'Ivy Initech', 'ivy@initech.test', true, true),
               ('Umbrella', 'Uma Umbrella', 'uma@umbrella.test', true, true),
               ('Umbrella', 'Ulf Nospoc', 'ulf@umbrella.test', false, false),
               ('Gone Corp', 'Gary Gone', 'gary@gone.test', true, true),
               ('3', 'Tri Three', 'tri@three.test', true, true)) x(customer, name, email, spoc, active)
  JOIN ticketty.customers c ON c.name = x.customer;

CREATE TABLE public.intake_corpus (n serial PRIMARY KEY, payload jsonb);

-- the valid-looking payloads, every choice drawn by n
CREATE TEMP TABLE base AS
WITH cu AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, * FROM ticketty.customers),
     ct AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, * FROM ticketty.contacts),
     rt AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, * FROM ticketty.request_types),
     cr AS (SELECT row_number() OVER (ORDER BY id) - 1 AS i, * FROM ticketty.case_reasons),
     g AS (SELECT n FROM generate_series(0, 599) n)
SELECT g.n, jsonb_strip_nulls(jsonb_build_object(
    'customer', CASE g.n % 5
                WHEN 0 THEN to_jsonb(cu.name)
                WHEN 1 THEN to_jsonb(cu.id)
                WHEN 2 THEN to_jsonb(cu.id::text)
                WHEN 3 THEN to_jsonb(' ' || cu.id || ' ')
                ELSE to_jsonb(cu.name) END,
    -- mostly the customer's own contact, now and then any other
    'contact', CASE WHEN g.n % 11 = 0 THEN to_jsonb(oc.email)
                    ELSE CASE g.n % 4
                         WHEN 0 THEN to_jsonb(own.email)
                         WHEN 1 THEN to_jsonb(upper(own.email))
                         WHEN 2 THEN to_jsonb(own.id)
                         ELSE to_jsonb(' ' || own.email || ' ') END END,
    'request_type', CASE g.n % 4
                    WHEN 0 THEN to_jsonb(rt.key)
                    WHEN 1 THEN to_jsonb(rt.id)
                    WHEN 2 THEN to_jsonb(upper(rt.key))
                    ELSE to_jsonb(' ' || rt.key) END,
    'reason', CASE g.n % 3 WHEN 0 THEN to_jsonb(cr.key) WHEN 1 THEN to_jsonb(cr.id) ELSE to_jsonb(upper(cr.key)) END,
    'severity', (ARRAY['1', '2', '3', '4', '"1"', '" 2 "', '"critical"', '"Urgent"', '"HIGH"',
                       '"medium"', '"Medium"', '3', '4', '2'])[1 + g.n % 14]::jsonb,
    'title', 'Ad calls fail on placement ' || g.n,
    'description', E'Since Monday every ad call fails.\nIt returns 500.',
    'impact', 'Spend stopped.',
    'object_ids', (ARRAY['"77, 78"', '[77, "78"]', '"77"', '["77"]', '[77]', '"77;78 79"',
                         '" 77 , 78 "', '"0077"', '[1, 2, 3]'])[1 + g.n % 9]::jsonb,
    'member_id', CASE g.n % 3 WHEN 0 THEN to_jsonb(cu.member_id) WHEN 1 THEN to_jsonb(cu.member_id::text)
                 ELSE to_jsonb(cu.member_id + 1) END,
    'bidder_id', CASE WHEN g.n % 4 = 0 THEN to_jsonb(g.n + 1) WHEN g.n % 4 = 1 THEN to_jsonb((g.n + 1)::text) END,
    'creative_id', CASE WHEN g.n % 5 = 0 THEN to_jsonb(g.n + 7) END,
    'repro_steps', E'1. call the ad tag\n2. see 500',
    'screenshots', CASE WHEN rt.ui_related OR g.n % 7 = 0 THEN
                        (ARRAY['"https://shots.example/a.png"', '["https://shots.example/a.png"]',
                               E'"https://a.example/1.png\\nhttps://a.example/2.png"',
                               '["a.png", "b.png"]', '"shot.png"'])[1 + g.n % 5]::jsonb END,
    'browser', (ARRAY['Firefox 133.0', 'Chrome 131', 'Safari 17.1', 'Edge 120'])[1 + g.n % 4],
    'os', (ARRAY['Windows 11 23H2', 'macOS Sonoma', 'Ubuntu 24.04 LTS', 'Android Pie', 'Windows XP'])[1 + g.n % 5],
    'phone', CASE WHEN g.n % 3 <> 2 THEN (ARRAY['+1 555 0100', '(555) 010-0100 ext 12', '+44 20 7946 0958'])[1 + g.n % 3] END
    )) AS payload
  FROM g
  JOIN cu ON cu.i = g.n % (SELECT count(*) FROM cu)
  JOIN rt ON rt.i = (g.n / 2) % (SELECT count(*) FROM rt)
  JOIN cr ON cr.i = (g.n / 3) % (SELECT count(*) FROM cr)
  JOIN ct oc ON oc.i = (g.n / 5) % (SELECT count(*) FROM ct)
  LEFT JOIN LATERAL (SELECT * FROM ct WHERE ct.customer_id = cu.id ORDER BY (g.n / 7) % 3 = ct.i % 3 DESC, ct.id
                      LIMIT 1) own ON true;

-- values for the fields a deployment added (none in the baseline), left
-- out of every fourth payload
UPDATE base b SET payload = b.payload || x.added
  FROM (SELECT g.n, jsonb_object_agg(f.name, CASE f.kind
                   WHEN 'id' THEN to_jsonb(g.n + 1)
                   WHEN 'id_list' THEN to_jsonb((g.n + 1) || ', ' || (g.n + 2))
                   WHEN 'url_list' THEN to_jsonb('https://logs.example/' || g.n)
                   WHEN 'phone' THEN to_jsonb('+1 555 01' || lpad((g.n % 100)::text, 2, '0'))
                   WHEN 'reason' THEN to_jsonb((ARRAY['bug', 'feature_request', '2', 'nonsense'])[1 + g.n % 4])
                   WHEN 'customer' THEN to_jsonb((ARRAY['Globex', 'Acme Media', 'nobody'])[1 + g.n % 3])
                   ELSE to_jsonb('added ' || g.n) END) AS added
          FROM generate_series(0, 599) g(n)
         CROSS JOIN ticketty.intake_fields f
         WHERE NOT f.name = ANY (ARRAY['customer', 'contact', 'request_type', 'reason', 'severity', 'title',
                                       'description', 'impact', 'object_ids', 'member_id', 'bidder_id',
                                       'creative_id', 'repro_steps', 'screenshots', 'browser', 'os', 'phone'])
           AND g.n % 4 <> 3
         GROUP BY g.n) x
 WHERE b.n = x.n;

-- the changes: (key, value), a NULL value meaning the key left out
CREATE TEMP TABLE change (k text, v jsonb);
CREATE TEMP TABLE generic (v jsonb);
INSERT INTO generic VALUES
    (NULL), ('null'), ('""'), ('"   "'), (E'"\\t\\n"'), ('"\u00a0"'), ('"\u3000\u2003"'), ('"\u200b"'),
    ('"\ufeff "'), ('"\u000b"'), (E'" \\u000b\\n "'), ('"\f"'),
    -- blank lines holding what the lists' split takes for a blank (\s)
    -- and intake_blank does not (a vertical tab, a form feed), or neither
    -- does (U+0085), or only intake_blank (U+2028)
    (E'"\\n\\u000b\\n"'), (E'"\\n\\f\\n"'), (E'"\\r\\n\\u000b"'), (E'"\\n\\u0085\\n"'),
    (E'"\\u2028\\u000b"'), (E'"a.png\\n\\u000b\\nb.png"'), (E'"1\\u000b2"'),
    ('[]'), ('{}'), ('{"a": 1}'), ('true'), ('false'),
    ('0'), ('-1'), ('1'), ('2'), ('3'), ('1.5'), ('1.0'), ('1e3'), ('-0'), ('12345678901234567890123'),
    ('9223372036854775807'), ('9223372036854775808'), ('"9223372036854775807"'), ('"9223372036854775808"'),
    ('"12abc"'), ('" 12 "'), ('"0012"'), ('"0"'), ('"-3"'), ('"1e3"'), ('"1.0"'), ('"x"'), ('"X"'),
    ('"a\nb"'), ('"a\tb"'), ('"a\u0001b"'), ('"\u007f"'), ('"a\u0085b"'), ('"a\u2028b"'), ('"a\u2029"'),
    ('"a\r"'), ('"Firefox"'), ('"1"'), ('"sonoma"'), ('"Windows XP"'), ('"macOS Big Sur"'), ('"BigSur"'),
    ('"+1 555 0100"'), ('"555"'), ('"123-4567"'), ('"(555 0100"'), ('"+1 (555) 0100 x 123456"'),
    ('"+1 555 0100 ext. 7"'), ('"1234567890123456"'), ('"++1 555 0100"'), ('"phone"'),
    ('"77, 78"'), ('"1 2 3"'), ('[1, 2]'), ('["1", " 2"]'), ('["1", ""]'), ('[""]'), ('["  "]'), ('[null]'),
    ('[true]'), ('[[1]]'), ('[{}]'), ('[1.5]'), ('[-1]'), ('[0]'), ('["0"]'), ('["a"]'), ('"1, x"'),
    ('"1,,2"'), ('";"'), ('" , "'), ('"1\n2"'), ('["https://x.example/a.png", 5]'), ('[5]'),
    ('"a.png\n\nb.png"'), ('" a.png \n b.png "'), ('"a.png\n"'), ('"\na.png"'), ('"a b.png"'),
    ('["a.png", " "]'), ('[" a.png "]'), ('"Acme Media"'), ('"acme media"'), ('"Acme Media "'), ('"Globex"'),
    ('"Gone Corp"'), ('"sam@acme.test"'), ('"SAM@ACME.TEST"'), ('"nora@acme.test"'), ('"olga@acme.test"'),
    ('"gil@globex.test"'), ('"shared@both.test"'), ('"Shared@Both.Test"'), ('"ulf@umbrella.test"'),
    ('"tri@three.test"'), ('"nobody@nowhere.test"'), ('"billing"'), ('"app_bug"'), ('"App_Bug"'),
    ('"ui_api_bug"'), ('"training"'), ('"bug"'), ('"BUG"'), ('"feature_request"'), ('"critical"'),
    ('"urgent"'), ('"High"'), ('"5"'), ('"one"'), ('4'), ('5'), ('17'), ('18'), ('19'), ('1000'),
    (to_jsonb(repeat('x', 64))), (to_jsonb(repeat('x', 65))), (to_jsonb(repeat('y', 200))),
    (to_jsonb(repeat('y', 201))), (to_jsonb('Chrome ' || repeat('9', 194))), (to_jsonb(repeat('z', 2000))),
    (to_jsonb(repeat('z', 2001))), (to_jsonb(repeat('é', 20000))), (to_jsonb(repeat('é', 20001))),
    (to_jsonb(repeat('w', 100001))),
    (to_jsonb(repeat('+1 555 0100 ', 6))), (to_jsonb('https://x.example/' || repeat('p', 1990))),
    (to_jsonb('https://x.example/' || repeat('p', 1983))),
    (to_jsonb(array_to_string(array(SELECT g FROM generate_series(1, 1000) g), ','))),
    (to_jsonb(array_to_string(array(SELECT g FROM generate_series(1, 1001) g), ' '))),
    (to_jsonb(array(SELECT g FROM generate_series(1, 1000) g))),
    (to_jsonb(array(SELECT g::text FROM generate_series(1, 1001) g))),
    (to_jsonb(array_to_string(array(SELECT 'u' || g FROM generate_series(1, 100) g), E'\n'))),
    (to_jsonb(array_to_string(array(SELECT 'u' || g FROM generate_series(1, 101) g), E'\n'))),
    (to_jsonb(array(SELECT 'u' || g FROM generate_series(1, 100) g))),
    (to_jsonb(array(SELECT 'u' || g FROM generate_series(1, 101) g))),
    (to_jsonb(array_to_string(array(SELECT 'u' || g FROM generate_series(1, 3) g), E'\n')
              || E'\n' || repeat('v', 2001))),
    (jsonb_build_array('ok.png', repeat('v', 2001))),
    (to_jsonb('1, ' || repeat('9', 19))), (to_jsonb('1, 1' || repeat('0', 18))),
    (to_jsonb(repeat('1', 18) || ' ' || repeat('1', 19))), ('[123456789012345678, 1234567890123456789]'),
    ('["123456789012345678901"]'), ('[100000000000000000000]');
-- every key: the intake fields, the idempotency key
INSERT INTO change
SELECT k.k, g.v
  FROM (SELECT name AS k FROM ticketty.intake_fields UNION ALL SELECT 'idempotency_key') k
 CROSS JOIN generic g;
-- the realistic values of each kind, with the field's own length bound
INSERT INTO change
SELECT f.name, x.v
  FROM ticketty.intake_fields f
 CROSS JOIN LATERAL (
    SELECT to_jsonb(c.name) FROM ticketty.customers c WHERE f.kind = 'customer'
    UNION ALL SELECT to_jsonb(c.id) FROM ticketty.customers c WHERE f.kind = 'customer'
    UNION ALL SELECT to_jsonb(c.email) FROM ticketty.contacts c WHERE f.kind = 'contact'
    UNION ALL SELECT to_jsonb(c.id) FROM ticketty.contacts c WHERE f.kind = 'contact'
    UNION ALL SELECT to_jsonb(r.key) FROM ticketty.request_types r WHERE f.kind = 'request_type'
    UNION ALL SELECT to_jsonb(r.id) FROM ticketty.request_types r WHERE f.kind = 'request_type'
    UNION ALL SELECT to_jsonb(r.key) FROM ticketty.case_reasons r WHERE f.kind = 'reason'
    UNION ALL SELECT to_jsonb(r.id) FROM ticketty.case_reasons r WHERE f.kind = 'reason'
    UNION ALL SELECT to_jsonb(s.level) FROM ticketty.severities s WHERE f.kind = 'severity'
    UNION ALL SELECT to_jsonb(s.name) FROM ticketty.severities s WHERE f.kind = 'severity'
    UNION ALL SELECT to_jsonb(n.name) FROM ticketty.intake_release_names n WHERE n.field = f.name
    UNION ALL SELECT to_jsonb(lower(n.name) || ' edition') FROM ticketty.intake_release_names n WHERE n.field = f.name
    UNION ALL SELECT to_jsonb(repeat('t', f.max_length)) WHERE f.max_length IS NOT NULL
    UNION ALL SELECT to_jsonb(repeat('t', f.max_length + 1)) WHERE f.max_length IS NOT NULL
    UNION ALL SELECT to_jsonb(repeat('t', f.max_length - 1) || E'\n') WHERE f.max_length IS NOT NULL
    UNION ALL SELECT to_jsonb(repeat('u', coalesce(f.max_length, 2000))) WHERE f.kind = 'url_list'
    UNION ALL SELECT to_jsonb(repeat('u', coalesce(f.max_length, 2000) + 1)) WHERE f.kind = 'url_list'
    UNION ALL SELECT jsonb_build_array(repeat('u', coalesce(f.max_length, 2000))) WHERE f.kind = 'url_list'
    UNION ALL SELECT jsonb_build_array('a', repeat('u', coalesce(f.max_length, 2000) + 1)) WHERE f.kind = 'url_list'
    ) x(v);

-- every payload alone
INSERT INTO public.intake_corpus (payload) SELECT payload FROM base ORDER BY n;
-- each change on two payloads
INSERT INTO public.intake_corpus (payload)
SELECT CASE WHEN c.v IS NULL THEN b.payload - c.k ELSE b.payload || jsonb_build_object(c.k, c.v) END
  FROM (SELECT row_number() OVER (ORDER BY k, v::text) AS i, * FROM change) c
  JOIN base b ON b.n IN (c.i % 600, (c.i * 7 + 300) % 600);
-- two changes at once
INSERT INTO public.intake_corpus (payload)
SELECT CASE WHEN c2.v IS NULL THEN p1 - c2.k ELSE p1 || jsonb_build_object(c2.k, c2.v) END
  FROM (SELECT row_number() OVER (ORDER BY k, v::text) AS i, * FROM change) c1
  JOIN (SELECT row_number() OVER (ORDER BY k, v::text) AS i, * FROM change) c2
    ON c2.i IN ((c1.i * 37 + 11) % (SELECT count(*) FROM change) + 1,
                (c1.i * 53 + 5) % (SELECT count(*) FROM change) + 1)
   AND c2.k <> c1.k
  JOIN base b ON b.n = (c1.i * 13 + c2.i) % 600
 CROSS JOIN LATERAL (SELECT CASE WHEN c1.v IS NULL THEN b.payload - c1.k
                                 ELSE b.payload || jsonb_build_object(c1.k, c1.v) END AS p1) x;
-- unknown keys and the odd payload
INSERT INTO public.intake_corpus (payload)
SELECT b.payload || x.extra
  FROM base b
  JOIN (VALUES (0, '{"foo": 1}'::jsonb), (1, '{"Title": "x"}'), (2, '{"": null}'), (3, '{"zeta": 1, "alpha": 2}'),
               (4, '{"customer_id": 1}'), (5, '{"extra": {}}'), (6, '{"idempotency_key": "k-1", "foo": 1}'),
               (7, '{"IDEMPOTENCY_KEY": "k"}')) x(i, extra)
    ON b.n % 8 = x.i AND b.n < 80;
INSERT INTO public.intake_corpus (payload) VALUES
    (NULL), ('null'), ('[]'), ('[{"title": "x"}]'), ('"x"'), ('1'), ('true'), ('{}'),
    ('{"idempotency_key": "k"}'), ('{"foo": 1}'), ('{"title": ""}');
ANALYZE public.intake_corpus;
