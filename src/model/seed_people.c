/* Demo data, part 1: agents for every role (real PostgreSQL login roles),
 * about forty ad-tech customers on both plans with CSMs and account
 * representatives, and their contacts; then the small lookup tables the
 * ticket statements pick from. All names are invented; addresses use the
 * reserved .example domain and 555-01xx phone numbers. */
#include "model/seed_steps.h"

#include <stddef.h>

#include "util/i18n.h"

const struct seed_step seed_people_steps[] = {
	{ N_("preparing the random source"), SEED_P_NONE,
	  /* A uniform number in [0, 1) for (seed, i, salt): a hash, so any row
	   * can be computed alone, set-based, and the same seed gives the same
	   * data. IMMUTABLE SQL, so the planner inlines it. */
	  "CREATE OR REPLACE FUNCTION pg_temp.seed_r(s bigint, i bigint, salt int)"
	  " RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS"
	  " $$ SELECT (pg_catalog.hashint8extended(i, s * 1000 + salt) & 4503599627370495)::float8"
	  "           / 4503599627370496.0 $$" },

	{ N_("listing the demo agents"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_agents ON COMMIT DROP AS"
	  " SELECT * FROM (VALUES"
	  "  ('dana_ruiz',        'Dana Ruiz',        'engineer',  'client_services'),"
	  "  ('omar_haddad',      'Omar Haddad',      'engineer',  'client_services'),"
	  "  ('lena_fischer',     'Lena Fischer',     'engineer',  'client_services'),"
	  "  ('tariq_mensah',     'Tariq Mensah',     'engineer',  'client_services'),"
	  "  ('kenji_mori',       'Kenji Mori',       'engineer',  'ad_quality'),"
	  "  ('claire_dubois',    'Claire Dubois',    'engineer',  'ad_quality'),"
	  "  ('priya_nair',       'Priya Nair',       'engineer',  'anti_malvertising'),"
	  "  ('tom_baker',        'Tom Baker',        'engineer',  'app_support'),"
	  "  ('ines_duarte',      'Ines Duarte',      'engineer',  'app_support'),"
	  "  ('lucas_silva',      'Lucas Silva',      'engineer',  'inventory_quality'),"
	  "  ('rhea_castillo',    'Rhea Castillo',    'csm',       NULL),"
	  "  ('jonas_weber',      'Jonas Weber',      'csm',       NULL),"
	  "  ('amara_osei',       'Amara Osei',       'csm',       NULL),"
	  "  ('helen_brooks',     'Helen Brooks',     'coo',       NULL),"
	  "  ('victor_lindqvist', 'Victor Lindqvist', 'ceo',       NULL),"
	  "  ('sofia_marquez',    'Sofia Marquez',    'pm',        NULL),"
	  "  ('arjun_rao',        'Arjun Rao',        'developer', NULL),"
	  "  ('mei_tanaka',       'Mei Tanaka',       'developer', NULL),"
	  "  ('sam_porter',       'Sam Porter',       'admin',     NULL)"
	  " ) AS v(login, name, role, team)" },

	{ N_("creating the agents' login roles"), SEED_P_NONE,
	  "SELECT count(admin_ensure_login(a.login, a.role::agent_role)) FROM seed_agents a" },

	{ N_("creating the agents"), SEED_P_NONE,
	  "INSERT INTO agents (login, display_name, email, role, team_id)"
	  " SELECT a.login, a.name, replace(lower(a.name), ' ', '.') || '@adplatform.example',"
	  "        a.role::agent_role, t.id"
	  "   FROM seed_agents a LEFT JOIN teams t ON t.key = a.team"
	  " ORDER BY a.role, a.login"
	  " ON CONFLICT (login) DO NOTHING" },

	{ N_("giving the local user a login role"), SEED_P_ME,
	  "SELECT admin_ensure_login($1::text, 'engineer')" },

	{ N_("adding the local user as an agent"), SEED_P_ME,
	  "INSERT INTO agents (login, display_name, role, team_id)"
	  " SELECT $1::text, $1::text, 'engineer', t.id FROM teams t WHERE t.key = 'client_services'"
	  " ON CONFLICT (login) DO NOTHING" },

	{ N_("listing the demo customers"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_customer_names ON COMMIT DROP AS"
	  " SELECT (v.n - 1)::int AS k, v.name,"
	  "        lower(regexp_replace(v.name, '[^A-Za-z]', '', 'g')) || '.example' AS domain"
	  "   FROM (VALUES"
	  "  (1, 'Brightwave Media'), (2, 'Northpeak Digital'), (3, 'Lumen Exchange'),"
	  "  (4, 'Copperline Ads'), (5, 'Bluefjord Publishing'), (6, 'Harbor & Finch Agency'),"
	  "  (7, 'Quillstream News'), (8, 'Redkite Performance'), (9, 'Sablewood Games'),"
	  "  (10, 'Tidewater Radio Group'), (11, 'Orchard Lane Retail'), (12, 'Polaris Mobile Apps'),"
	  "  (13, 'Meridian Travel Network'), (14, 'Fernhill Outdoor'), (15, 'Granite Peak Sports'),"
	  "  (16, 'Velvet Owl Streaming'), (17, 'Kestrel Commerce'), (18, 'Ironbridge Finance Media'),"
	  "  (19, 'Saltmarsh Weather'), (20, 'Lanternfish Podcasts'), (21, 'Cobalt Arcade'),"
	  "  (22, 'Juniper Health Publishing'), (23, 'Wildrose Recipes'), (24, 'Atlas Auto Classifieds'),"
	  "  (25, 'Silverbirch DSP'), (26, 'Marigold Kids Media'), (27, 'Ember & Oak Agency'),"
	  "  (28, 'Driftwood Travel Deals'), (29, 'Parallax Video'), (30, 'Beacon Local News'),"
	  "  (31, 'Thistle Fashion Group'), (32, 'Summit Ridge Real Estate'), (33, 'Crescent Bay Telecom'),"
	  "  (34, 'Hollowpine Education'), (35, 'Starling Music'), (36, 'Pinewood Home & Garden'),"
	  "  (37, 'Riverbend Sports Network'), (38, 'Oakmont Trading Desk'), (39, 'Glasshouse Tech Review'),"
	  "  (40, 'Moonrise Entertainment')"
	  " ) AS v(n, name)" },

	{ N_("creating the customers"), SEED_P_SEED,
	  /* plans vary with the seed, but the first two are one of each */
	  "INSERT INTO customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email)"
	  " SELECT c.name, 1200 + c.k * 37,"
	  "        CASE WHEN c.k = 0 THEN 'premium' WHEN c.k = 1 THEN 'basic'"
	  "             WHEN pg_temp.seed_r($1, c.k, 101) < 0.45 THEN 'premium' ELSE 'basic' END::plan_kind,"
	  "        (SELECT a.id FROM agents a"
	  "          WHERE a.login = (ARRAY['rhea_castillo', 'jonas_weber', 'amara_osei'])[1 + c.k % 3]),"
	  "        r.name, r.email"
	  "   FROM seed_customer_names c"
	  "   JOIN (VALUES (0, 'Nora Patel', 'nora.patel@adplatform.example'),"
	  "                (1, 'Marcus Greene', 'marcus.greene@adplatform.example'),"
	  "                (2, 'Elif Yilmaz', 'elif.yilmaz@adplatform.example'),"
	  "                (3, 'Daniel Okoro', 'daniel.okoro@adplatform.example'),"
	  "                (4, 'Grace Liu', 'grace.liu@adplatform.example')) AS r(k, name, email)"
	  "     ON r.k = c.k % 5"
	  "  ORDER BY c.k"
	  " ON CONFLICT DO NOTHING" },

	{ N_("creating the contacts"), SEED_P_SEED,
	  /* 2-4 per customer: the first is an authorised SPOC, the second is
	   * not, the others are SPOCs half of the time. */
	  "WITH c AS ("
	  "  SELECT n.k, n.domain, cu.id,"
	  "         2 + floor(pg_temp.seed_r($1, n.k, 102) * 3)::int AS how_many,"
	  "         floor(pg_temp.seed_r($1, n.k, 103) * 20)::int AS first0,"
	  "         floor(pg_temp.seed_r($1, n.k, 104) * 20)::int AS last0"
	  "    FROM seed_customer_names n JOIN customers cu ON cu.name = n.name)"
	  " INSERT INTO contacts (customer_id, name, email, phone, spoc)"
	  " SELECT c.id, f.first || ' ' || l.last,"
	  "        lower(f.first || '.' || l.last) || '@' || c.domain,"
	  "        CASE WHEN pg_temp.seed_r($1, c.k * 10 + i, 105) < 0.7"
	  "             THEN '+1 ' || (ARRAY['212', '646', '415', '312', '617', '206'])"
	  "                              [1 + floor(pg_temp.seed_r($1, c.k * 10 + i, 106) * 6)::int]"
	  "                  || ' 555 01' || lpad(((c.k * 7 + i * 13) % 100)::text, 2, '0') END,"
	  "        i = 0 OR (i >= 2 AND pg_temp.seed_r($1, c.k * 10 + i, 107) < 0.5)"
	  "   FROM c CROSS JOIN LATERAL generate_series(0, c.how_many - 1) AS i"
	  "   JOIN (SELECT row_number() OVER () - 1 AS n, first FROM unnest(ARRAY["
	  "           'Alice', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ivy', 'Jamal',"
	  "           'Kira', 'Liam', 'Maya', 'Nikhil', 'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Stefan', 'Tanya'"
	  "        ]) AS first) f ON f.n = (c.first0 + i * 7) % 20"
	  "   JOIN (SELECT row_number() OVER () - 1 AS n, last FROM unnest(ARRAY["
	  "           'Anders', 'Bianchi', 'Chowdhury', 'Delgado', 'Eriksen', 'Fontaine', 'Gupta', 'Hoffmann',"
	  "           'Ibarra', 'Jansen', 'Kowalski', 'Lambert', 'Moreau', 'Nakamura', 'Oyelaran', 'Petrov',"
	  "           'Quintero', 'Rossi', 'Schneider', 'Tremblay'"
	  "        ]) AS last) l ON l.n = (c.last0 + i * 3) % 20"
	  "  ORDER BY c.k, i"
	  " ON CONFLICT DO NOTHING" },

	/* ---- lookup tables for the ticket statements ---- */

	{ N_("indexing the customers"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_cust ON COMMIT DROP AS"
	  " SELECT (row_number() OVER (ORDER BY n.k) - 1)::int AS k, cu.id, cu.name, n.domain, cu.plan,"
	  "        cu.member_id, cu.calendar_id, cal.time_zone AS tz,"
	  "        coalesce(cu.csm_id, (SELECT min(a.id) FROM agents a WHERE a.role = 'csm')) AS csm_id,"
	  "        (SELECT count(*) FROM contacts k WHERE k.customer_id = cu.id AND k.spoc AND k.active)::int"
	  "            AS nspoc"
	  "   FROM seed_customer_names n"
	  "   JOIN customers cu ON cu.name = n.name"
	  "   JOIN calendars cal ON cal.id = cu.calendar_id"
	  "  WHERE EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = cu.id AND k.spoc AND k.active)" },

	{ N_("indexing the contacts"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_spoc ON COMMIT DROP AS"
	  " SELECT c.k AS ck, (row_number() OVER (PARTITION BY c.k ORDER BY k.id) - 1)::int AS n,"
	  "        k.id AS contact_id, split_part(k.name, ' ', 1) AS first_name, k.phone"
	  "   FROM seed_cust c JOIN contacts k ON k.customer_id = c.id AND k.spoc AND k.active" },

	{ N_("indexing the engineers"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_eng ON COMMIT DROP AS"
	  " SELECT a.team_id, (row_number() OVER (PARTITION BY a.team_id ORDER BY a.id) - 1)::int AS n,"
	  "        a.id AS agent_id"
	  "   FROM agents a WHERE a.role = 'engineer' AND a.active AND a.team_id IS NOT NULL" },

	{ N_("indexing the request types"), SEED_P_NONE,
	  /* support request types only (never account_rep ones), weighted by
	   * how often each comes in; types this list does not know get a small
	   * weight so they still appear */
	  "CREATE TEMP TABLE seed_rt ON COMMIT DROP AS"
	  " SELECT (row_number() OVER (ORDER BY rt.position) - 1)::int AS k, rt.id, rt.key, rt.team_id,"
	  "        rt.ui_related,"
	  "        (SELECT count(*) FROM seed_eng e WHERE e.team_id = rt.team_id)::int AS neng,"
	  "        coalesce(w.weight, 2) AS weight"
	  "   FROM request_types rt"
	  "   LEFT JOIN (VALUES ('ad_serving', 18), ('media_trading', 16), ('ui_api_bug', 16),"
	  "                     ('technical_implementation', 10), ('creative_audit', 9),"
	  "                     ('traffic_quality', 7), ('inventory_quality', 6),"
	  "                     ('manual_configuration', 6), ('app_bug', 5), ('critical_data_pull', 4),"
	  "                     ('anti_malvertising', 3)) AS w(key, weight) ON w.key = rt.key"
	  "  WHERE NOT rt.account_rep AND rt.team_id IS NOT NULL" },

	{ N_("weighting the request types"), SEED_P_NONE,
	  /* 1000 buckets, each pointing at one request type */
	  "CREATE TEMP TABLE seed_rt_bucket ON COMMIT DROP AS"
	  " WITH c AS (SELECT k, sum(weight) OVER (ORDER BY k) - weight AS lo,"
	  "                  sum(weight) OVER (ORDER BY k) AS hi, sum(weight) OVER () AS total"
	  "              FROM seed_rt)"
	  " SELECT b, c.k FROM generate_series(0, 999) AS b"
	  "   JOIN c ON b >= floor(c.lo * 1000 / c.total) AND b < floor(c.hi * 1000 / c.total)" },

	{ N_("indexing the case reasons"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_reason ON COMMIT DROP AS"
	  " SELECT (row_number() OVER (ORDER BY r.id) - 1)::int AS k, r.id, r.key FROM case_reasons r" },

	{ NULL, SEED_P_NONE, NULL },
};
