/* Database tests for intake: api_ticket_create refuses every incomplete or
 * wrong ticket naming each field, routes, audits, notifies emergencies, is
 * idempotent (also under concurrency), stores text verbatim; the client
 * catches invalid UTF-8 and NUL bytes; `ticket new` prints ids and lists
 * refused fields; the form's rules and length bounds agree with the check
 * and the table. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/intake.h"
#include "model/retriage.h"
#include "testdb.h"
#include "util/json.h"
#include "util/xalloc.h"

#define TICKET_NEW "ticket new"

static const char fixture[] =
	"INSERT INTO agents (login, display_name, role) VALUES ('csm1', 'Carla Csm', 'csm');"
	"INSERT INTO customers (name, member_id, plan, csm_id, account_rep_name, account_rep_email) VALUES"
	" ('Acme Media', 1001, 'premium', (SELECT id FROM agents WHERE login = 'csm1'),"
	"  'Rita Rep', 'rita@example.com'),"
	" ('Globex', 1002, 'basic', NULL, NULL, NULL);"
	"INSERT INTO contacts (customer_id, name, email, phone, spoc, active) VALUES"
	" ((SELECT id FROM customers WHERE name = 'Acme Media'), 'Sam Spoc', 'sam@acme.test', '+1 555 0100', true, true),"
	" ((SELECT id FROM customers WHERE name = 'Acme Media'), 'Nora Nospoc', 'nora@acme.test', NULL, false, true),"
	" ((SELECT id FROM customers WHERE name = 'Acme Media'), 'Olga Old', 'olga@acme.test', NULL, true, false),"
	" ((SELECT id FROM customers WHERE name = 'Globex'), 'Gil Globex', 'gil@globex.test', NULL, true, true);";

static struct db *db;

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);   /* a Wednesday, 10:00 in New York */
	testdb_sql(fixture);
	testdb_agent("eng1", "engineer");
	db = testdb_open("eng1");
}

static void teardown(void)
{
	db_close(db);
	db = NULL;
}

static const char *const full[][2] = {
	{ "customer", "\"Acme Media\"" },
	{ "contact", "\"sam@acme.test\"" },
	{ "request_type", "\"technical_implementation\"" },
	{ "reason", "\"bug\"" },
	{ "severity", "3" },
	{ "title", "\"Ad calls return 500\"" },
	{ "description", "\"Since Monday every ad call on placement 77 fails.\"" },
	{ "impact", "\"Campaign spend stopped.\"" },
	{ "object_ids", "[77, \"78\"]" },
	{ "member_id", "1001" },
	{ "repro_steps", "\"1. call the ad tag\\n2. see 500\"" },
	{ "browser", "\"Firefox 128.0\"" },
	{ "os", "\"Windows 11 23H2\"" },
};
#define NFULL (sizeof(full) / sizeof(full[0]))

/* A valid payload with changes: pairs (key, raw JSON value or NULL to
 * leave the key out), ended by a NULL key. Caller frees. */
static char *payload(const char *key, ...)
{
	const char *ok[32], *ov[32];
	size_t no = 0;
	va_list ap;
	va_start(ap, key);
	for (const char *k = key; k; k = va_arg(ap, const char *)) {
		ok[no] = k;
		ov[no++] = va_arg(ap, const char *);
	}
	va_end(ap);

	struct strbuf sb;
	sb_init(&sb);
	sb_addc(&sb, '{');
	bool first = true;
	for (size_t i = 0; i < NFULL + no; i++) {
		const char *k = i < NFULL ? full[i][0] : ok[i - NFULL];
		const char *v = i < NFULL ? full[i][1] : ov[i - NFULL];
		bool overridden = false;
		for (size_t j = 0; i < NFULL && j < no; j++)
			if (!strcmp(ok[j], k))
				overridden = true;
		if (overridden || !v)
			continue;
		sb_addf(&sb, "%s\"%s\":%s", first ? "" : ",", k, v);
		first = false;
	}
	sb_addc(&sb, '}');
	char *out = sb_detach(&sb);
	sb_done(&sb);
	return out;
}

/* Submits and returns the exit code; *id or err filled. Frees json. */
static int submit(char *json, long long *id, struct tt_error *err)
{
	tt_error_init(err);
	*id = 0;
	int rc = intake_submit(db, json, NULL, id, err);
	free(json);
	return rc;
}

static const struct tt_field_error *field(const struct tt_error *err, const char *name)
{
	for (size_t i = 0; i < err->nfields; i++)
		if (!strcmp(err->fields[i].field, name))
			return &err->fields[i];
	return NULL;
}

static void assert_only(const struct tt_error *err, const char *name, const char *code)
{
	ck_assert_int_eq(err->code, 65);
	ck_assert_msg(err->nfields == 1, "expected only %s, got %zu fields (first %s/%s)", name,
		      err->nfields, err->nfields ? err->fields[0].field : "-",
		      err->nfields ? err->fields[0].code : "-");
	ck_assert_str_eq(err->fields[0].field, name);
	ck_assert_str_eq(err->fields[0].code, code);
}

static char *value1(const char *sql, const char *param)
{
	const char *p[] = { param };
	return testdb_value(sql, param ? 1 : 0, p);
}

static void assert_ticket_count(const char *expected)
{
	char *n = value1("SELECT count(*) FROM tickets", NULL);
	ck_assert_str_eq(n, expected);
	free(n);
}

START_TEST(complete_ticket_is_created_routed_and_audited)
{
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload(NULL), &id, &err), 0);
	ck_assert_int_gt(id, 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *row = value1("SELECT t.status || '|' || tm.key || '|' || t.plan || '|' || t.object_ids::text"
			   " || '|' || t.member_id || '|' || a.login || '|' || t.calendar_id"
			   "  FROM tickets t JOIN teams tm ON tm.id = t.team_id JOIN agents a ON a.id = t.created_by"
			   " WHERE t.id = $1::bigint", ids);
	ck_assert_str_eq(row, "new|client_services|premium|{77,78}|1001|eng1|1");
	free(row);
	/* the SLA trigger set the deadlines from the customer's plan */
	char *due = value1("SELECT first_response_due > created_at AND resolution_due > first_response_due"
			   " FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(due, "t");
	free(due);
	char *ev = value1("SELECT kind || '|' || version || '|' || (details->>'team') FROM ticket_events"
			  " WHERE ticket_id = $1::bigint", ids);
	ck_assert_str_eq(ev, "created|1|client_services");
	free(ev);
	char *notes = value1("SELECT count(*) FROM notifications WHERE ticket_id = $1::bigint", ids);
	ck_assert_str_eq(notes, "0");
	free(notes);
	tt_error_clear(&err);
}
END_TEST

/* Each mandatory field left out alone is the one and only refusal. */
START_TEST(each_missing_field_alone)
{
	for (size_t i = 0; i < NFULL; i++) {
		long long id;
		struct tt_error err;
		ck_assert_int_eq(submit(payload(full[i][0], NULL, NULL), &id, &err), 65);
		assert_only(&err, full[i][0], "required");
		tt_error_clear(&err);
		/* blank is as good as missing */
		ck_assert_int_eq(submit(payload(full[i][0], "\"  \"", NULL), &id, &err), 65);
		ck_assert_str_eq(err.fields[0].field, full[i][0]);
		tt_error_clear(&err);
		/* so are Unicode spaces: a no-break space, an ideographic space (510) */
		ck_assert_int_eq(submit(payload(full[i][0], "\"\\u00a0\u3000\"", NULL), &id, &err), 65);
		ck_assert_str_eq(err.fields[0].field, full[i][0]);
		tt_error_clear(&err);
	}
	assert_ticket_count("0");
}
END_TEST

START_TEST(empty_ticket_lists_every_problem_at_once)
{
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(xstrdup("{}"), &id, &err), 65);
	ck_assert_uint_eq(err.nfields, NFULL);
	for (size_t i = 0; i < NFULL; i++) {
		ck_assert_str_eq(err.fields[i].field, full[i][0]); /* form order */
		ck_assert_str_eq(err.fields[i].code, "required");
	}
	tt_error_clear(&err);
	/* several different problems together */
	ck_assert_int_eq(submit(payload("contact", "\"nora@acme.test\"", "request_type", "\"billing\"",
					"object_ids", "[]", "member_id", "\"-4\"", "title", NULL,
					"severity", "\"critical\"", "colour", "\"red\"", NULL),
				&id, &err), 65);
	ck_assert_str_eq(field(&err, "contact")->code, "not_spoc");
	ck_assert_str_eq(field(&err, "request_type")->code, "account_rep");
	ck_assert_str_eq(field(&err, "object_ids")->code, "empty_list");
	ck_assert_str_eq(field(&err, "member_id")->code, "not_a_number");
	ck_assert_str_eq(field(&err, "title")->code, "required");
	ck_assert_str_eq(field(&err, "phone")->code, "required");
	ck_assert_str_eq(field(&err, "colour")->code, "unknown");
	ck_assert_uint_eq(err.nfields, 7);
	tt_error_clear(&err);
	assert_ticket_count("0");
}
END_TEST

START_TEST(contact_must_be_active_spoc_of_that_customer)
{
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload("contact", "\"nora@acme.test\"", NULL), &id, &err), 65);
	assert_only(&err, "contact", "not_spoc");
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("contact", "\"gil@globex.test\"", NULL), &id, &err), 65);
	assert_only(&err, "contact", "other_customer");
	ck_assert_ptr_nonnull(strstr(err.fields[0].message, "Globex"));
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("contact", "\"olga@acme.test\"", NULL), &id, &err), 65);
	assert_only(&err, "contact", "inactive");
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("contact", "\"nobody@acme.test\"", NULL), &id, &err), 65);
	assert_only(&err, "contact", "unknown");
	tt_error_clear(&err);
	/* by id, and the e-mail case-insensitively; customer by id */
	char *sam = value1("SELECT id FROM contacts WHERE email = 'sam@acme.test'", NULL);
	char *acme = value1("SELECT id FROM customers WHERE name = 'Acme Media'", NULL);
	ck_assert_int_eq(submit(payload("contact", sam, "customer", acme, NULL), &id, &err), 0);
	ck_assert_int_eq(submit(payload("contact", "\"SAM@Acme.Test\"", NULL), &id, &err), 0);
	free(sam);
	free(acme);
	ck_assert_int_eq(submit(payload("customer", "\"Acme\"", NULL), &id, &err), 65);
	ck_assert_str_eq(err.fields[0].field, "customer");
	ck_assert_str_eq(err.fields[0].code, "unknown");
	tt_error_clear(&err);
}
END_TEST

START_TEST(account_rep_types_are_refused_naming_the_representative)
{
	const char *types[] = { "business_question", "billing", "training", "enhancement_request",
				"product_roadmap", "general_usage", "beta_participation" };
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		long long id;
		struct tt_error err;
		char *v = xasprintf("\"%s\"", types[i]);
		ck_assert_int_eq(submit(payload("request_type", v, NULL), &id, &err), 65);
		free(v);
		assert_only(&err, "request_type", "account_rep");
		ck_assert_ptr_nonnull(strstr(err.fields[0].message, "Rita Rep"));
		ck_assert_ptr_nonnull(strstr(err.fields[0].message, "rita@example.com"));
		tt_error_clear(&err);
	}
	assert_ticket_count("0");
}
END_TEST

START_TEST(routing_of_every_request_type)
{
	const char *routes[][2] = {
		{ "anti_malvertising", "anti_malvertising" }, { "app_bug", "app_support" },
		{ "creative_audit", "ad_quality" },            { "critical_data_pull", "client_services" },
		{ "inventory_quality", "inventory_quality" },  { "technical_implementation", "client_services" },
		{ "manual_configuration", "client_services" }, { "ad_serving", "client_services" },
		{ "media_trading", "client_services" },        { "traffic_quality", "client_services" },
		{ "ui_api_bug", "client_services" },
	};
	char *n = value1("SELECT count(*) FROM request_types WHERE NOT account_rep", NULL);
	ck_assert_int_eq(atoi(n), (int)(sizeof(routes) / sizeof(routes[0])));
	free(n);
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		long long id;
		struct tt_error err;
		char *v = xasprintf("\"%s\"", routes[i][0]);
		int rc = submit(payload("request_type", v, "screenshots", "[\"https://x.test/s.png\"]", NULL),
				&id, &err);
		free(v);
		ck_assert_msg(rc == 0, "%s refused: %s", routes[i][0], err.message);
		char ids[24];
		snprintf(ids, sizeof(ids), "%lld", id);
		char *team = value1("SELECT tm.key FROM tickets t JOIN teams tm ON tm.id = t.team_id"
				    " WHERE t.id = $1::bigint", ids);
		ck_assert_str_eq(team, routes[i][1]);
		free(team);
		tt_error_clear(&err);
	}
}
END_TEST

START_TEST(screenshots_required_for_ui_related_types)
{
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload("request_type", "\"ui_api_bug\"", NULL), &id, &err), 65);
	assert_only(&err, "screenshots", "required");
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("request_type", "\"app_bug\"", "screenshots", "[]", NULL), &id, &err), 65);
	assert_only(&err, "screenshots", "empty_list");
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("request_type", "\"app_bug\"", "screenshots",
					"[\"/tmp/a b.png\", \"https://x.test/b.png\"]", NULL), &id, &err), 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *s = value1("SELECT screenshots::text FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(s, "{\"/tmp/a b.png\",https://x.test/b.png}");
	free(s);
}
END_TEST

START_TEST(emergency_needs_phone_and_notifies_csm_and_rep)
{
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload("severity", "1", NULL), &id, &err), 65);
	assert_only(&err, "phone", "required");
	/* the server's count in words that agree with it, never "field(s)" */
	ck_assert_str_eq(err.message, "the ticket was refused: 1 field needs attention");
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("severity", "\"critical\"", "phone", "\"call me\"", NULL), &id, &err), 65);
	assert_only(&err, "phone", "malformed");
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("severity", "1", "phone", "\"+1 (212) 555-0100\"", NULL), &id, &err), 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *n = value1("SELECT string_agg(coalesce(a.login, n.recipient_email) || ':' || n.kind, ',' "
			 "ORDER BY n.id) FROM notifications n LEFT JOIN agents a ON a.id = n.recipient_agent_id"
			 " WHERE n.ticket_id = $1::bigint", ids);
	ck_assert_str_eq(n, "csm1:emergency,rita@example.com:emergency");
	free(n);
	/* a phone is not needed below severity 1 */
	ck_assert_int_eq(submit(payload("severity", "2", NULL), &id, &err), 0);
}
END_TEST

START_TEST(ids_must_be_positive_integers)
{
	long long id;
	struct tt_error err;
	const char *bad_lists[] = { "[0]", "[\"12a\"]", "[-5]", "[1.5]", "[99999999999999999999]" };
	for (size_t i = 0; i < sizeof(bad_lists) / sizeof(bad_lists[0]); i++) {
		ck_assert_int_eq(submit(payload("object_ids", bad_lists[i], NULL), &id, &err), 65);
		assert_only(&err, "object_ids", "not_a_number");
		tt_error_clear(&err);
	}
	ck_assert_int_eq(submit(payload("object_ids", "{\"a\":1}", NULL), &id, &err), 65);
	assert_only(&err, "object_ids", "malformed");
	tt_error_clear(&err);
	const char *bad_ids[] = { "0", "\"x\"", "-1", "2.5", "true" };
	for (size_t i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++) {
		ck_assert_int_eq(submit(payload("member_id", bad_ids[i], "bidder_id", "7", "creative_id", "8", NULL),
					&id, &err), 65);
		assert_only(&err, "member_id", "not_a_number");
		tt_error_clear(&err);
		ck_assert_int_eq(submit(payload("bidder_id", bad_ids[i], NULL), &id, &err), 65);
		assert_only(&err, "bidder_id", "not_a_number");
		tt_error_clear(&err);
		ck_assert_int_eq(submit(payload("creative_id", bad_ids[i], NULL), &id, &err), 65);
		assert_only(&err, "creative_id", "not_a_number");
		tt_error_clear(&err);
	}
	/* a string list is split; digits are stored canonical */
	ck_assert_int_eq(submit(payload("object_ids", "\"5, 006 7\"", "bidder_id", "\"42\"", NULL), &id, &err), 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *s = value1("SELECT object_ids::text || bidder_id FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(s, "{5,6,7}42");
	free(s);
}
END_TEST

/* The browser and the OS carry their version numbers (DESIGN.md §4, the
 * Client Services guide): a value without a digit is refused, naming the
 * field and why. A re-triage reports only what it changes: an older
 * ticket without a version is re-triaged as before unless its browser or
 * OS is what changes. */
START_TEST(browser_and_os_need_a_version_number)
{
	long long id;
	struct tt_error err;
	const char *browsers[] = { "\"Firefox\"", "\"Chrome\"", "\"latest\"", "\"Safari (newest)\"" };
	for (size_t i = 0; i < sizeof(browsers) / sizeof(browsers[0]); i++) {
		ck_assert_int_eq(submit(payload("browser", browsers[i], NULL), &id, &err), 65);
		assert_only(&err, "browser", "no_version");
		ck_assert_msg(strstr(err.fields[0].message, "Browser must contain a version number (at least one digit)"),
			      "%s", err.fields[0].message);
		tt_error_clear(&err);
	}
	const char *systems[] = { "\"Windows\"", "\"macOS\"", "\"Linux\"", "\"latest\"" };
	for (size_t i = 0; i < sizeof(systems) / sizeof(systems[0]); i++) {
		ck_assert_int_eq(submit(payload("os", systems[i], NULL), &id, &err), 65);
		assert_only(&err, "os", "no_version");
		ck_assert_msg(strstr(err.fields[0].message, "Operating system must contain a version number"),
			      "%s", err.fields[0].message);
		tt_error_clear(&err);
	}
	ck_assert_int_eq(submit(payload("browser", "\"Chrome\"", "os", "\"Windows\"", NULL), &id, &err), 65);
	ck_assert_int_eq(err.nfields, 2);
	tt_error_clear(&err);
	assert_ticket_count("0");
	const char *good[][2] = { { "\"Firefox 133\"", "\"Windows 11\"" }, { "\"Chrome 131.0\"", "\"macOS 14.2\"" },
				  { "\"Safari 18\"", "\"Ubuntu 24.04 LTS\"" }, { "\"Edge 131\"", "\"Android 15\"" } };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ck_assert_msg(submit(payload("browser", good[i][0], "os", good[i][1], NULL), &id, &err) == 0,
			      "%s %s: %s", good[i][0], good[i][1], err.message ? err.message : "");
		tt_error_clear(&err);
	}

	/* an older ticket without versions: a re-triage of its title goes
	 * through; one of its browser must give a version */
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	const char *p[] = { ids };
	char *v = testdb_value("UPDATE tickets SET browser = 'Firefox', os = 'Windows' WHERE id = $1::bigint"
			       " RETURNING version::text", 1, p);
	int ver = atoi(v), now = 0;
	free(v);
	struct field_pair title[] = { { "title", "Ad calls return 500 on placement 77" } };
	ck_assert_msg(ticket_set(db, id, ver, title, 1, "clearer title", &now, &err) == 0, "%s",
		      err.message ? err.message : "");
	tt_error_clear(&err);
	struct field_pair browser[] = { { "browser", "Chrome" } };
	ck_assert_int_eq(ticket_set(db, id, now, browser, 1, "customer uses Chrome", &ver, &err), 65);
	assert_only(&err, "browser", "no_version");
	tt_error_clear(&err);
	browser[0].value = "Chrome 131";
	ck_assert_msg(ticket_set(db, id, now, browser, 1, "customer uses Chrome", &ver, &err) == 0, "%s",
		      err.message ? err.message : "");
	v = testdb_value("SELECT title || '|' || browser || '|' || os FROM tickets WHERE id = $1::bigint", 1, p);
	ck_assert_str_eq(v, "Ad calls return 500 on placement 77|Chrome 131|Windows");
	free(v);
}
END_TEST

/* The OS may be named by its release name (580): a name of
 * intake_release_names, case-insensitive, as whole words, passes like a
 * version number, at intake and at re-triage; a family without a version
 * or a word that is no release is still refused, and the browser has no
 * names. */
START_TEST(os_release_names_count_as_versions)
{
	long long id;
	struct tt_error err;
	const char *good[] = { "\"macOS Sonoma\"", "\"macOS Big Sur\"", "\"Mac OS X snow leopard\"",
			       "\"Windows XP\"", "\"windows vista\"", "\"Windows Me\"", "\"Android Pie\"",
			       "\"Android (Oreo)\"", "\"Ubuntu Jammy Jellyfish\"", "\"Debian bookworm\"",
			       "\"EL CAPITAN\"" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ck_assert_msg(submit(payload("os", good[i], NULL), &id, &err) == 0, "%s: %s", good[i],
			      err.nfields ? err.fields[0].message : err.message ? err.message : "");
		tt_error_clear(&err);
	}
	long long last = id;
	char *v = value1("SELECT string_agg(os, '|' ORDER BY id) FROM tickets", NULL);
	ck_assert_str_eq(v, "macOS Sonoma|macOS Big Sur|Mac OS X snow leopard|Windows XP|windows vista|Windows Me|"
			    "Android Pie|Android (Oreo)|Ubuntu Jammy Jellyfish|Debian bookworm|EL CAPITAN");
	free(v);
	/* no release: a family, a word, part of a name, a name run into
	 * another word, "me" without Windows */
	const char *bad[] = { "\"Windows\"", "\"macOS\"", "\"latest\"", "\"macOS newest\"", "\"Big\"",
			      "\"macOS Sonomas\"", "\"WindowsXP\"", "\"Android for me\"", "\"Ubuntu Jellyfish\"" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(submit(payload("os", bad[i], NULL), &id, &err), 65);
		assert_only(&err, "os", "no_version");
		ck_assert_msg(strstr(err.fields[0].message,
				     "Operating system must contain a version number or a release name,"
				     " e.g. Windows 11, macOS Sonoma or Ubuntu 24.04 LTS"),
			      "%s: %s", bad[i], err.fields[0].message);
		tt_error_clear(&err);
	}
	/* the browser takes no release name */
	const char *browsers[] = { "\"Firefox\"", "\"Chrome newest\"", "\"Safari Sonoma\"" };
	for (size_t i = 0; i < sizeof(browsers) / sizeof(browsers[0]); i++) {
		ck_assert_int_eq(submit(payload("browser", browsers[i], NULL), &id, &err), 65);
		assert_only(&err, "browser", "no_version");
		tt_error_clear(&err);
	}
	assert_ticket_count("11");

	/* re-triage asks the same rule */
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", last);
	const char *p[] = { ids };
	v = testdb_value("SELECT version::text FROM tickets WHERE id = $1::bigint", 1, p);
	int ver = atoi(v), now = 0;
	free(v);
	struct field_pair os[] = { { "os", "Windows" } };
	ck_assert_int_eq(ticket_set(db, last, ver, os, 1, "customer moved", &now, &err), 65);
	assert_only(&err, "os", "no_version");
	tt_error_clear(&err);
	os[0].value = "macOS Sequoia";
	ck_assert_msg(ticket_set(db, last, ver, os, 1, "customer moved", &now, &err) == 0, "%s",
		      err.nfields ? err.fields[0].message : err.message ? err.message : "");
	v = testdb_value("SELECT os FROM tickets WHERE id = $1::bigint", 1, p);
	ck_assert_str_eq(v, "macOS Sequoia");
	free(v);
}
END_TEST

/* The emergency phone is a plausible number: only digits, spaces, a
 * leading +, hyphens, dots and paired parentheses, maybe an extension,
 * 7 to 15 digits in the number. */
START_TEST(emergency_phone_must_be_plausible)
{
	long long id;
	struct tt_error err;
	const char *bad[] = { "\"(((((123456\"", "\"call me\"", "\"123456\"", "\"1234567890123456\"",
			      "\"+1 (212 555 0100\"", "\"+1 212) 555 (0100\"", "\"1+212 555 0100\"",
			      "\"((212)) 555 0100\"", "\"+1 212 555 0100 ext\"", "\"555#0100 222\"",
			      "\"+1/212/555/0100\"", "\"() 555 0100 22\"", "\"x12\"" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(submit(payload("severity", "1", "phone", bad[i], NULL), &id, &err), 65);
		ck_assert_msg(err.nfields == 1 && !strcmp(err.fields[0].field, "phone") &&
				      !strcmp(err.fields[0].code, "malformed"),
			      "%s: %zu fields, first %s", bad[i], err.nfields, err.nfields ? err.fields[0].code : "-");
		ck_assert_msg(strstr(err.fields[0].message, "Emergency phone is not a plausible phone number: 7 to 15 digits"),
			      "%s", err.fields[0].message);
		tt_error_clear(&err);
	}
	assert_ticket_count("0");
	const char *good[] = { "\"+1 (212) 555-0100\"", "\"+44 20 7946 0958\"", "\"212.555.0100\"",
			       "\"+1 212 555 0100 ext 12\"", "\"+1 212 555 0100 ext. 4\"", "\"555-0100x7\"",
			       "\"1234567\"", "\"+123 456 789 012 345\"", "\"(0)20 7946 0958\"",
			       "\" +34 91 123 45 67 \"", "\"+1 (212) 555-0100 X 123456\"" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ck_assert_msg(submit(payload("severity", "1", "phone", good[i], NULL), &id, &err) == 0,
			      "%s: %s", good[i], err.message ? err.message : "");
		tt_error_clear(&err);
	}
}
END_TEST

/* A one-line field (title, browser, OS, phone, an id) with a line break,
 * a tab or another control character is refused, naming the field; the
 * multi-line fields keep their line breaks. */
START_TEST(one_line_fields_refuse_line_breaks)
{
	long long id;
	struct tt_error err;
	const char *fields[] = { "title", "browser", "os", "phone", "member_id", "bidder_id" };
	const char *values[] = { "\"A 1\\nB 2\"", "\"A 1\\rB\"", "\"A\\t1\"", "\"A 1\\u2028B\"", "\"A 1\\u0007\"",
				 "\"A 1\\u0085\"" };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		for (size_t j = 0; j < sizeof(values) / sizeof(values[0]); j++) {
			const char *value = values[j];
			/* a number or phone is still one line's worth of digits */
			if (!strcmp(fields[i], "phone"))
				value = j % 2 ? "\"+1 212 555\\n0100\"" : "\"+1 212 555 0100\\t\"";
			else if (!strcmp(fields[i], "member_id") || !strcmp(fields[i], "bidder_id"))
				value = j % 2 ? "\"1001\\n\"" : "\"10\\r\\n01\"";
			ck_assert_int_eq(submit(payload("severity", "1", "phone", "\"+1 212 555 0100\"",
							fields[i], value, NULL), &id, &err), 65);
			ck_assert_msg(err.nfields == 1 && !strcmp(err.fields[0].field, fields[i]) &&
					      !strcmp(err.fields[0].code, "not_one_line"),
				      "%s=%s: %zu fields, first %s/%s", fields[i], value, err.nfields,
				      err.nfields ? err.fields[0].field : "-", err.nfields ? err.fields[0].code : "-");
			ck_assert_msg(strstr(err.fields[0].message,
					     " must be one line, without line breaks, tabs or other control characters"),
				      "%s", err.fields[0].message);
			tt_error_clear(&err);
		}
	assert_ticket_count("0");
	/* the multi-line fields keep their line breaks and tabs */
	ck_assert_int_eq(submit(payload("description", "\"line 1\\nline 2\\r\\n\\tindented\"", "impact", "\"a\\nb\"",
					NULL), &id, &err), 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *v = value1("SELECT description || '|' || impact || '|' || repro_steps FROM tickets WHERE id = $1::bigint",
			 ids);
	ck_assert_str_eq(v, "line 1\nline 2\r\n\tindented|a\nb|1. call the ad tag\n2. see 500");
	free(v);
}
END_TEST

START_TEST(idempotent_retry_returns_the_first_ticket)
{
	long long a, b;
	struct tt_error err;
	ck_assert_int_eq(submit(payload("idempotency_key", "\"form-1\"", NULL), &a, &err), 0);
	ck_assert_int_eq(submit(payload("idempotency_key", "\"form-1\"", NULL), &b, &err), 0);
	ck_assert_int_eq(a, b);
	assert_ticket_count("1");
	char *n = value1("SELECT count(*) FROM ticket_events WHERE kind = 'created'", NULL);
	ck_assert_str_eq(n, "1");
	free(n);
	ck_assert_int_eq(submit(payload("idempotency_key", "\"form-2\"", NULL), &b, &err), 0);
	ck_assert_int_ne(a, b);
	/* a different payload under a used key: refused with the key named */
	ck_assert_int_eq(submit(payload("idempotency_key", "\"form-1\"", "title", "\"Other text\"", NULL),
				&b, &err), 65);
	ck_assert_int_eq((int)err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "idempotency_key");
	ck_assert_str_eq(err.fields[0].code, "reused_key");
	tt_error_clear(&err);
	assert_ticket_count("2");
}
END_TEST

/* Two clients submit the same key at once: the second waits for the
 * first's transaction and then returns its ticket. */
START_TEST(idempotent_under_concurrency)
{
	char *ci = testdb_conninfo("eng1");
	PGconn *c1 = PQconnectdb(ci), *c2 = PQconnectdb(ci);
	free(ci);
	ck_assert_int_eq(PQstatus(c1), CONNECTION_OK);
	ck_assert_int_eq(PQstatus(c2), CONNECTION_OK);
	char *json = payload("idempotency_key", "\"race\"", NULL);
	const char *p[] = { json };
	const char *sql = "SELECT ticketty.api_ticket_create($1::jsonb)";
	PQclear(PQexec(c1, "BEGIN"));
	PGresult *r1 = PQexecParams(c1, sql, 1, NULL, p, NULL, NULL, 0);
	ck_assert_int_eq(PQresultStatus(r1), PGRES_TUPLES_OK);
	ck_assert_int_eq(PQsendQueryParams(c2, sql, 1, NULL, p, NULL, NULL, 0), 1);
	/* c2 is now blocked on the unique index; let c1 commit */
	PQclear(PQexec(c1, "COMMIT"));
	PGresult *last = testdb_last_result(c2);
	ck_assert_int_eq(PQresultStatus(last), PGRES_TUPLES_OK);
	ck_assert_str_eq(PQgetvalue(last, 0, 0), PQgetvalue(r1, 0, 0));
	PQclear(last);
	PQclear(r1);
	PQfinish(c1);
	PQfinish(c2);
	free(json);
	assert_ticket_count("1");
}
END_TEST

START_TEST(long_description_and_too_long_fields)
{
	/* 100 000 characters (200 KB of 'é') is the limit and is kept whole */
	struct strbuf big;
	sb_init(&big);
	for (int i = 0; i < 100000; i++)
		sb_add(&big, "\xc3\xa9");
	struct strbuf js;
	sb_init(&js);
	json_add_string(&js, big.buf, big.len);
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload("description", js.buf, NULL), &id, &err), 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *len = value1("SELECT char_length(description) || '/' || octet_length(description)"
			   " FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(len, "100000/200000");
	free(len);
	sb_reset(&js);
	sb_add(&big, "x");
	json_add_string(&js, big.buf, big.len);
	ck_assert_int_eq(submit(payload("description", js.buf, NULL), &id, &err), 65);
	assert_only(&err, "description", "too_long");
	tt_error_clear(&err);
	char title[300];
	memset(title, 'T', sizeof(title));
	title[0] = '"';
	title[202] = '"';
	title[203] = '\0';
	ck_assert_int_eq(submit(payload("title", title, NULL), &id, &err), 65);
	assert_only(&err, "title", "too_long");
	tt_error_clear(&err);
	sb_done(&js);
	sb_done(&big);
}
END_TEST

START_TEST(sql_metacharacters_are_stored_verbatim)
{
	const char *nasty = "x'); DROP TABLE tickets; -- $1 \\N E'\\x00' \"q\" %s ;\t|| chr(0)";
	/* the title is one line: the same without its tab (520) */
	const char *nasty_line = "x'); DROP TABLE tickets; -- $1 \\N E'\\x00' \"q\" %s ; || chr(0)";
	struct strbuf js, jl;
	sb_init(&js);
	sb_init(&jl);
	json_add_string(&js, nasty, strlen(nasty));
	json_add_string(&jl, nasty_line, strlen(nasty_line));
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload("title", jl.buf, "description", js.buf, NULL), &id, &err), 0);
	sb_done(&jl);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *t = value1("SELECT title FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(t, nasty_line);
	free(t);
	t = value1("SELECT description FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(t, nasty);
	free(t);
	sb_done(&js);
}
END_TEST

/* Bytes PostgreSQL cannot hold are caught by the client, named by field,
 * together with every problem the server finds; nothing is created. */
START_TEST(invalid_utf8_and_nul_bytes_are_refused_by_field)
{
	struct intake_meta meta;
	struct tt_error err, bad;
	tt_error_init(&err);
	tt_error_init(&bad);
	ck_assert_int_eq(intake_meta_load(db, &meta, &err), 0);
	struct intake_value v[] = {
		{ "customer", "Acme Media", 10 },
		{ "title", "caf\xe9", 4 },                 /* Latin-1, not UTF-8 */
		{ "description", "line\0hidden", 11 },   /* NUL inside */
		{ "impact", "\xc3\xa9t\xc3\xa9", 5 },     /* fine */
	};
	struct strbuf js;
	sb_init(&js);
	intake_payload_build(&meta, v, 4, NULL, &js, &bad);
	ck_assert_uint_eq(bad.nfields, 2);
	long long id = 0;
	ck_assert_int_eq(intake_submit(db, js.buf, &bad, &id, &err), 65);
	ck_assert_str_eq(field(&err, "title")->code, "invalid_utf8");
	ck_assert_str_eq(field(&err, "description")->code, "nul_byte");
	ck_assert_str_eq(field(&err, "contact")->code, "required");
	ck_assert_ptr_null(field(&err, "impact"));
	assert_ticket_count("0");
	/* the same from a JSON document: raw bytes and \u0000 escapes */
	tt_error_clear(&bad);
	sb_reset(&js);
	const char doc[] = "{\"title\":\"ok\\\\u0000\",\"os\":\"a\\u0000b\",\"browser\":\"\xff\",\"impact\":\"x\"}";
	ck_assert_int_eq(intake_payload_from_json(doc, sizeof(doc) - 1, &js, &bad, &err), 0);
	ck_assert_uint_eq(bad.nfields, 2);
	ck_assert_str_eq(bad.fields[0].field, "os");
	ck_assert_str_eq(bad.fields[0].code, "nul_byte");
	ck_assert_str_eq(bad.fields[1].field, "browser");
	ck_assert_str_eq(bad.fields[1].code, "invalid_utf8");
	ck_assert_str_eq(js.buf, "{\"title\":\"ok\\\\u0000\",\"impact\":\"x\"}");
	sb_done(&js);
	tt_error_clear(&bad);
	tt_error_clear(&err);
	intake_meta_done(&meta);
}
END_TEST

/* A deployment changes rows, not code: a new mandatory field is enforced
 * and stored; an optional field made mandatory is enforced. */
START_TEST(metadata_rows_drive_the_rules)
{
	testdb_sql("UPDATE intake_fields SET required = true WHERE name = 'bidder_id';"
		   "INSERT INTO intake_fields (name, label, kind, required, position, max_length, help)"
		   " VALUES ('campaign', 'Campaign name', 'text', true, 95, 50, 'The campaign concerned.')");
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload(NULL), &id, &err), 65);
	ck_assert_uint_eq(err.nfields, 2);
	ck_assert_str_eq(err.fields[0].field, "campaign");
	ck_assert_str_eq(err.fields[1].field, "bidder_id");
	tt_error_clear(&err);
	ck_assert_int_eq(submit(payload("campaign", "\"Winter sale\"", "bidder_id", "9", NULL), &id, &err), 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *x = value1("SELECT extra->>'campaign' FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(x, "Winter sale");
	free(x);
}
END_TEST

/* One reading of applies_when: for every request type and severity, the
 * fields the form is told to require (intake_form, what the TUI shows)
 * are exactly the fields the check refuses as missing (intake_resolve);
 * and the client reads the rules through the model, emergency and
 * UI-related fields appearing for the right choices. */
START_TEST(form_rules_and_check_agree)
{
	testdb_sql("UPDATE intake_fields SET required = true, applies_when = 'emergency'"
		   " WHERE name = 'bidder_id'");
	char *bad = value1(
		"SELECT left(string_agg(r.key || '/' || s.level || ': form ' || coalesce(a.want::text, '{}')"
		"                  || ' check ' || coalesce(b.got::text, '{}'), '; '), 300)"
		"  FROM request_types r CROSS JOIN severities s"
		"  CROSS JOIN LATERAL (SELECT array_agg(f.name ORDER BY f.name)"
		"          FROM intake_form(r.key, s.level::text) f"
		"         WHERE f.required AND f.name NOT IN ('request_type', 'severity')) a(want)"
		"  CROSS JOIN LATERAL (SELECT array_agg(q.f ORDER BY q.f) FROM"
		"          (SELECT split_part(l, E'\\t', 1) AS f FROM unnest((intake_resolve("
		"               jsonb_build_object('request_type', r.key, 'severity', s.level))).problems) l"
		"            WHERE split_part(l, E'\\t', 2) IN ('required', 'empty_list')) q) b(got)"
		" WHERE a.want IS DISTINCT FROM b.got", NULL);
	ck_assert_msg(bad == NULL, "form and check disagree: %s", bad);
	/* not vacuous: conditional fields are required somewhere, not everywhere */
	char *n = value1("SELECT count(*) FILTER (WHERE f.name = 'screenshots') || ' '"
			 "    || count(*) FILTER (WHERE f.name = 'phone') || ' '"
			 "    || count(*) FILTER (WHERE f.name = 'bidder_id')"
			 "  FROM request_types r CROSS JOIN severities s"
			 "  CROSS JOIN LATERAL intake_form(r.key, s.level::text) f WHERE f.required", NULL);
	ck_assert_str_eq(n, "8 18 18");
	free(n);

	/* the client's view of it, as an agent */
	struct intake_meta meta;
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(intake_meta_load(db, &meta, &err), 0);
	ck_assert(intake_meta_find(&meta, "title")->shown);
	ck_assert(intake_meta_find(&meta, "title")->required);
	ck_assert_int_eq(intake_meta_find(&meta, "title")->max_length, 200);
	ck_assert(!intake_meta_find(&meta, "phone")->shown);
	ck_assert(!intake_meta_find(&meta, "screenshots")->shown);
	ck_assert_int_eq(intake_meta_rules(db, &meta, "ui_api_bug", "3", &err), 0);
	ck_assert(intake_meta_find(&meta, "screenshots")->shown);
	ck_assert(intake_meta_find(&meta, "screenshots")->required);
	ck_assert(!intake_meta_find(&meta, "phone")->shown);
	ck_assert(!intake_meta_find(&meta, "bidder_id")->shown);
	ck_assert_int_eq(intake_meta_rules(db, &meta, "ad_serving", "1", &err), 0);
	ck_assert(!intake_meta_find(&meta, "screenshots")->shown);
	ck_assert(intake_meta_find(&meta, "phone")->shown);
	ck_assert(intake_meta_find(&meta, "phone")->required);
	ck_assert(intake_meta_find(&meta, "bidder_id")->required);
	ck_assert_int_eq(intake_meta_rules(db, &meta, NULL, "", &err), 0);
	ck_assert(!intake_meta_find(&meta, "phone")->shown);
	intake_meta_done(&meta);
	tt_error_clear(&err);
}
END_TEST

/* Field lengths are stated by intake_fields.max_length (the check and the
 * form read it) and by the tickets table's CHECK constraints (sql/001):
 * for every field with a column, the longest value the row accepts is
 * exactly max_length, and every length CHECK on an intake column has its
 * row. */
START_TEST(length_bounds_agree_with_the_table)
{
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload(NULL), &id, &err), 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	testdb_sql(
		"CREATE FUNCTION public.bound_mismatch(col text, len int, ticket bigint) RETURNS text"
		" LANGUAGE plpgsql AS $$ BEGIN"
		"  BEGIN"
		"   EXECUTE format('UPDATE ticketty.tickets SET %I = rpad('''', %s, ''7 '') WHERE id = %s', col, len, ticket);"
		"  EXCEPTION WHEN check_violation THEN RETURN col || ' refuses ' || len; END;"
		"  BEGIN"
		"   EXECUTE format('UPDATE ticketty.tickets SET %I = rpad('''', %s, ''7 '') WHERE id = %s', col, len + 1, ticket);"
		"   RETURN col || ' accepts ' || len + 1;"
		"  EXCEPTION WHEN check_violation THEN RETURN NULL; END;"
		" END $$");
	char *bad = value1("SELECT string_agg(public.bound_mismatch(f.name, f.max_length, $1::bigint), '; ')"
			   "  FROM intake_fields f"
			   " WHERE f.max_length IS NOT NULL AND EXISTS (SELECT 1 FROM information_schema.columns c"
			   "        WHERE c.table_schema = 'ticketty' AND c.table_name = 'tickets'"
			   "          AND c.column_name = f.name)", ids);
	ck_assert_msg(bad == NULL, "intake_fields.max_length and the tickets CHECKs disagree: %s", bad);
	char *n = value1("SELECT count(*) FROM intake_fields WHERE max_length IS NOT NULL", NULL);
	ck_assert_str_eq(n, "7");
	free(n);
	char *orphan = value1(
		"SELECT string_agg(c.conname, ', ') FROM pg_constraint c"
		" WHERE c.conrelid = 'ticketty.tickets'::regclass AND c.conname LIKE 'tickets\\_%\\_len'"
		"   AND c.conname <> 'tickets_bug_ref_len'"   /* not an intake field */
		"   AND substring(c.conname from '^tickets_(.*)_len$') NOT IN"
		"       (SELECT name FROM intake_fields WHERE max_length IS NOT NULL)", NULL);
	ck_assert_msg(orphan == NULL, "length CHECKs without an intake_fields bound: %s", orphan);
}
END_TEST

START_TEST(agents_cannot_bypass_the_api)
{
	PGconn *c;
	char *ci = testdb_conninfo("eng1");
	c = PQconnectdb(ci);
	free(ci);
	PGresult *r = PQexec(c, "INSERT INTO ticketty.tickets (customer_id, contact_id, request_type_id, team_id,"
				" reason_id, severity, title, description, impact, object_ids, member_id, repro_steps,"
				" browser, os, calendar_id, plan, first_response_due, resolution_due)"
				" VALUES (1, 1, 6, 4, 1, 3, 't', 'd', 'i', '{1}', 1, 'r', 'Firefox 128', 'Linux 6.1', 1, 'basic', now(), now())");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
	PQclear(r);
	r = PQexec(c, "SELECT ticketty.intake_resolve('{}')");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
	PQclear(r);
	PQfinish(c);
	/* a role that is no agent cannot call the API either */
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stranger') THEN"
		   " CREATE ROLE stranger LOGIN IN ROLE ticketty_agent; END IF; END $$");
	ci = testdb_conninfo("stranger");
	c = PQconnectdb(ci);
	free(ci);
	char *json = payload(NULL);
	const char *p[] = { json };
	r = PQexecParams(c, "SELECT ticketty.api_ticket_create($1::jsonb)", 1, NULL, p, NULL, NULL, 0);
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "TT403");
	PQclear(r);
	PQfinish(c);
	free(json);
	assert_ticket_count("0");
}
END_TEST

START_TEST(cli_set_prints_id_and_lists_refusals)
{
	int rc = testdb_cli("eng1", NULL, TICKET_NEW " --set customer='Acme Media' --set contact=sam@acme.test"
			    " --set request_type=app_bug --set reason=bug --set severity=urgent --set title='T 1'"
			    " --set description=D --set impact=I --set object_ids='11, 12,13'"
			    " --set member_id=1001 --set repro_steps=R --set browser='Chrome 126'"
			    " --set os='macOS 14.5' --set screenshots='a.png,https://x.test/b.png'");
	ck_assert_msg(rc == 0, "rc %d: %s", rc, testdb_stderr());
	long long id = strtoll(testdb_stdout(), NULL, 10);
	ck_assert_int_gt(id, 0);
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *s = value1("SELECT object_ids::text || screenshots::text || severity FROM tickets"
			 " WHERE id = $1::bigint", ids);
	ck_assert_str_eq(s, "{11,12,13}{a.png,https://x.test/b.png}2");
	free(s);

	rc = testdb_cli("eng1", NULL, TICKET_NEW " --set customer='Acme Media' --set contact=nora@acme.test"
			" --set severity=1 --set title=\"$(printf '\\377')\"");
	ck_assert_int_eq(rc, 65);
	const char *e = testdb_stderr();
	ck_assert_ptr_nonnull(strstr(e, "\ncontact: "));
	ck_assert_ptr_nonnull(strstr(e, "\nphone: "));
	ck_assert_ptr_nonnull(strstr(e, "\ntitle: "));
	ck_assert_ptr_nonnull(strstr(e, "\nrepro_steps: "));
	ck_assert_int_eq(testdb_cli("eng1", NULL, TICKET_NEW " --bogus"), 64);
	/* in Spanish the count agrees with its noun too (it read "1 campo(s)
	 * necesitan corrección": the rewrite looked for the English words) */
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	rc = testdb_cli("eng1", NULL, TICKET_NEW " --set customer='Acme Media' --set contact=sam@acme.test"
			" --set request_type=app_bug --set reason=bug --set severity=urgent --set title='T 2'"
			" --set description=D --set impact=I --set object_ids=11 --set member_id=1001"
			" --set repro_steps=R --set browser='Chrome 126' --set os='macOS 14.5'");
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	ck_assert_int_eq(rc, 65);
	ck_assert_msg(strstr(testdb_stderr(), "1 campo necesita corrección") && !strstr(testdb_stderr(), "campo(s)"),
		      "stderr: %s", testdb_stderr());
}
END_TEST

/* `ticket new` prints, per refused field, what the server says beyond
 * the bare reason: which condition makes the field required, which entry
 * is no number, what a phone or a version must look like; a line break in
 * a one-line field and a browser/OS without a version are named with
 * why. The same in Spanish. */
START_TEST(cli_field_lines_say_why)
{
	static const char cmd[] = TICKET_NEW " --set customer='Acme Media' --set contact=sam@acme.test"
		" --set request_type=app_bug --set reason=bug --set severity=1 --set title=\"$(printf 'T 1\\nT 2')\""
		" --set description=D --set impact=I --set object_ids='11, x9' --set member_id=1001"
		" --set repro_steps=R --set browser=Firefox --set os=Windows --set screenshots=a.png";
	static const char phone_cmd[] = TICKET_NEW " --set customer='Acme Media' --set contact=sam@acme.test"
		" --set request_type=app_bug --set reason=bug --set severity=1 --set title=T"
		" --set description=D --set impact=I --set object_ids=11 --set member_id=1001"
		" --set repro_steps=R --set browser='Firefox 133' --set os='Windows 11' --set screenshots=a.png"
		" --set phone='(((((123456'";
	const char *en[] = {
		"\ntitle: Title must be one line, without line breaks, tabs or other control characters\n",
		"\nbrowser: Browser must contain a version number (at least one digit), e.g. Firefox 133 or Chrome 131.0\n",
		"\nos: Operating system must contain a version number or a release name, e.g. Windows 11, macOS Sonoma or Ubuntu 24.04 LTS\n",
		"\nphone: is required (Emergency phone is required for a severity 1 (Critical) emergency)\n",
		"\nobject_ids: must be a positive whole number (Object IDs must be positive whole numbers; \"x9\" is not)\n",
	};
	const char *es[] = {
		"\ntitle: Título debe ocupar una sola línea, sin saltos de línea, tabuladores ni otros caracteres de control\n",
		"\nbrowser: Navegador debe incluir un número de versión (al menos una cifra), p. ej., Firefox 133 o Chrome 131.0\n",
		"\nos: Sistema operativo debe incluir un número o un nombre de versión, p. ej., Windows 11, macOS Sonoma o Ubuntu 24.04 LTS\n",
		"\nphone: es obligatorio (el campo Tel. de emergencia es obligatorio en una emergencia de gravedad 1 (Crítica))\n",
		"\nobject_ids: debe ser un número entero positivo (ID de objetos deben ser números enteros positivos; \"x9\" no lo es)\n",
	};
	ck_assert_int_eq(testdb_cli("eng1", NULL, cmd), 65);
	for (size_t i = 0; i < sizeof(en) / sizeof(en[0]); i++)
		ck_assert_msg(strstr(testdb_stderr(), en[i]), "lacks %s in:\n%s", en[i], testdb_stderr());
	/* the same reason with nothing more to say is said once */
	ck_assert_int_eq(testdb_cli("eng1", NULL, TICKET_NEW " --set customer='Acme Media' --set member_id=x"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\ntitle: is required\n") &&
			      strstr(testdb_stderr(), "\nmember_id: must be a positive whole number\n"),
		      "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("eng1", NULL, phone_cmd), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\nphone: is malformed (Emergency phone is not a plausible phone number:"
				      " 7 to 15 digits, with only spaces, a leading +, hyphens, dots, paired"
				      " parentheses and an extension such as ext 12)\n"), "%s", testdb_stderr());

	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	int rc = testdb_cli("eng1", NULL, cmd);
	char *out = xstrdup(testdb_stderr());
	int rc_phone = testdb_cli("eng1", NULL, phone_cmd);
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	ck_assert_int_eq(rc, 65);
	for (size_t i = 0; i < sizeof(es) / sizeof(es[0]); i++)
		ck_assert_msg(strstr(out, es[i]), "lacks %s in:\n%s", es[i], out);
	free(out);
	ck_assert_int_eq(rc_phone, 65);
	ck_assert_msg(strstr(testdb_stderr(), "\nphone: tiene un formato incorrecto (Tel. de emergencia no es un número"
				      " de teléfono plausible: de 7 a 15 dígitos, solo con espacios, un + inicial,"
				      " guiones, puntos, paréntesis emparejados y una extensión como ext 12)\n"),
		      "%s", testdb_stderr());
	assert_ticket_count("0");
}
END_TEST

START_TEST(cli_json_from_stdin_and_idempotency)
{
	char *json = payload("idempotency_key", "\"cli-1\"", NULL);
	ck_assert_int_eq(testdb_cli("eng1", json, TICKET_NEW " --json -"), 0);
	char *first = xstrdup(testdb_stdout());
	ck_assert_int_eq(testdb_cli("eng1", json, TICKET_NEW " --json -"), 0); /* a retry */
	ck_assert_str_eq(testdb_stdout(), first);
	/* the same key with different content is refused, naming the key,
	 * instead of answering with the old ticket and dropping the new text */
	ck_assert_int_eq(testdb_cli("eng1", json, TICKET_NEW " --json - --set title='a different ticket'"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "idempotency_key: "));
	char *want = xasprintf("ticket %lld", atoll(first));
	ck_assert_msg(strstr(testdb_stderr(), want), "stderr: %s", testdb_stderr());
	free(want);
	free(first);
	free(json);
	assert_ticket_count("1");
	ck_assert_int_eq(testdb_cli("eng1", "[1,2]", TICKET_NEW " --json -"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "the ticket must be a JSON object: {\"field\": value, ...}"));
	/* broken JSON is said to be broken, and where */
	ck_assert_int_eq(testdb_cli("eng1", "{\"title\": \"Año\",\n \"x\": 1,}", TICKET_NEW " --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the ticket is not valid JSON: see line 2, column 9"),
		      "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("eng1", "{\"customer\":", TICKET_NEW " --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the ticket is not valid JSON: it ends too soon (line 1, column 13)"),
		      "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("eng1", " \n", TICKET_NEW " --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the ticket is empty: give a JSON object"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("eng1", "{\"title\":\"a\\u0000\"}", TICKET_NEW " --json -"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "title: "));
	ck_assert_int_eq(testdb_cli("eng1", NULL, TICKET_NEW " --json /nonexistent/file"), 66);
}
END_TEST

/* Filing a ticket starts the customer's thread, and support engineers own
 * the conversation with the customer; a product manager or developer
 * writes internal notes only (DESIGN.md section 5). `ticket new` as
 * either is refused (77) saying so, in English and in Spanish, and so are
 * the check alone (a field refused by the client first), a retry of a key
 * an engineer used (no ticket id handed back) and `inbox accept`, of a
 * mail in the inbox or one accepted already: no ticket, event, mail or
 * notification is made. An engineer still files the same ticket. */
START_TEST(pm_and_developer_file_no_ticket)
{
	static const char valid[] = TICKET_NEW " --set customer='Acme Media' --set contact=sam@acme.test"
		" --set request_type=app_bug --set reason=bug --set severity=3 --set title='T 1'"
		" --set description=D --set impact=I --set object_ids=11 --set member_id=1001"
		" --set repro_steps=R --set browser='Chrome 126' --set os='macOS 14.5' --set screenshots=a.png";
	testdb_agent("pm1", "pm");
	testdb_agent("dev1", "developer");
	char *key = payload("idempotency_key", "\"used-key\"", NULL);
	ck_assert_int_eq(testdb_cli("eng1", key, TICKET_NEW " --json -"), 0);
	long long used = atoll(testdb_stdout());
	char *v = value1("INSERT INTO mail_inbound (message_id, raw, from_address, from_name, subject, body,"
			 "                          customer_id, contact_id)"
			 " SELECT '<in' || g || '@acme.test>', '\\x00', email, name, 'Blank ' || g, 'Nothing renders',"
			 "        customer_id, id"
			 "   FROM contacts, generate_series(1, 2) g WHERE email = 'sam@acme.test'"
			 " ORDER BY g RETURNING id", NULL);
	long long mail = atoll(v);
	free(v);
	char accept[64], accepted[64];
	snprintf(accept, sizeof(accept), "inbox accept %lld", mail);
	snprintf(accepted, sizeof(accepted), "inbox accept %lld --json -", mail + 1);
	char *mine = payload(NULL);
	ck_assert_msg(testdb_cli("eng1", mine, accepted) == 0, "%s", testdb_stderr());
	free(mine);
	snprintf(accepted, sizeof(accepted), "inbox accept %lld", mail + 1);
	testdb_expect("SELECT count(*) || '/' || count(*) FILTER (WHERE kind = 'created') FROM ticket_events", "2/2");
	testdb_expect("SELECT count(*) FROM tickets", "2");

	static const char *const logins[][2] = { { "pm1", "pm" }, { "dev1", "developer" } };
	for (int i = 0; i < 2; i++) {
		char want[200], want_es[200];
		snprintf(want, sizeof(want), "ticketty: agent \"%s\" is a %s and writes internal notes only:"
			 " support staff file tickets\n", logins[i][0], logins[i][1]);
		snprintf(want_es, sizeof(want_es), "ticketty: el agente «%s» es %s y solo escribe notas internas:"
			 " los tickets los abre el personal de soporte\n", logins[i][0],
			 i ? "desarrollador" : "responsable de producto");
		const struct { const char *args, *input; } tries[] = {
			{ valid, NULL },
			/* refused by the client first: the server's check alone */
			{ TICKET_NEW " --json -", "{\"title\": \"a\\u0000\"}" },
			/* an engineer's key again: no ticket id comes back */
			{ TICKET_NEW " --json -", key },
			{ accept, NULL },
			{ accepted, NULL },
		};
		for (size_t t = 0; t < sizeof(tries) / sizeof(tries[0]); t++) {
			int rc = testdb_cli(logins[i][0], tries[t].input, tries[t].args);
			ck_assert_msg(rc == 77 && strstr(testdb_stderr(), want) && !*testdb_stdout(),
				      "%s as %s: exit %d\nstdout: %s\nstderr: %s", tries[t].args, logins[i][0], rc,
				      testdb_stdout(), testdb_stderr());
		}
		ck_assert_msg(strstr(testdb_stderr(), "the support engineer owns the conversation with the customer"),
			      "%s", testdb_stderr());
		/* the check alone, as the form asks it */
		struct db *as = testdb_open(logins[i][0]);
		struct tt_error err;
		tt_error_init(&err);
		PGresult *r = db_exec(as, "SELECT count(*) FROM api_ticket_check('{}')", 0, NULL, &err);
		ck_assert_ptr_null(r);
		ck_assert_str_eq(err.sqlstate, "TT403");
		tt_error_clear(&err);
		db_close(as);

		char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
		setenv("LANG", "es_ES.UTF-8", 1);
		int rc = testdb_cli(logins[i][0], NULL, valid);
		if (lang)
			setenv("LANG", lang, 1);
		else
			unsetenv("LANG");
		free(lang);
		ck_assert_msg(rc == 77 && strstr(testdb_stderr(), want_es), "exit %d\nstderr: %s", rc, testdb_stderr());
	}
	testdb_expect("SELECT count(*) FROM tickets", "2");
	testdb_expect("SELECT count(*) FROM ticket_events", "2");
	testdb_expect("SELECT string_agg(state, ',' ORDER BY id) FROM mail_inbound", "inbox,accepted");
	testdb_expect("SELECT count(*) FROM notifications", "0");

	/* an engineer files the same ticket */
	int rc = testdb_cli("eng1", NULL, valid);
	ck_assert_msg(rc == 0 && atoll(testdb_stdout()) > used, "exit %d: %s", rc, testdb_stderr());
	testdb_expect("SELECT count(*) FROM tickets", "3");
	free(key);
}
END_TEST

/* A field given twice is refused, never left for the last to win: --set
 * (64, the option named), --json twice (64), a key twice in the JSON
 * document (65, the key named as a refused field, however it is escaped). */
START_TEST(repeated_fields_and_keys_are_refused)
{
	char *json = payload(NULL);
	ck_assert_int_eq(testdb_cli("eng1", json, TICKET_NEW " --json - --set title=first --set title=second"), 64);
	ck_assert_msg(strstr(testdb_stderr(), "--set title given twice"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("eng1", json, TICKET_NEW " --json - --json -"), 64);
	ck_assert_msg(strstr(testdb_stderr(), "--json given twice"), "%s", testdb_stderr());
	free(json);
	struct strbuf twice;
	sb_init(&twice);
	json = payload(NULL);
	sb_addf(&twice, "{\"title\":\"first\",%s", json + 1);
	ck_assert_int_eq(testdb_cli("eng1", twice.buf, TICKET_NEW " --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\ntitle: is given twice\n"), "%s", testdb_stderr());
	free(json);
	/* the same key escaped is the same key to the database */
	json = payload("ti\\u0074le", "\"second\"", "os", "\"a\"", "o\\u0073", "\"b\"", NULL);
	ck_assert_int_eq(testdb_cli("eng1", json, TICKET_NEW " --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\ntitle: is given twice\n") &&
			      strstr(testdb_stderr(), "\nos: is given twice\n"), "%s", testdb_stderr());
	free(json);
	sb_done(&twice);
	assert_ticket_count("0");
}
END_TEST

/* A key that is no intake field is refused by its name, even one holding
 * a tab, a line feed or a carriage return: the refusal line names it with
 * those escaped (as JSON has them), where the tab used to cut the line
 * ("x: unknown  there is ..."), the line feed to name "b" and not "a\nb";
 * and a re-triage, which matched the lines to its keys, took a key with a
 * tab and kept it in tickets.extra as null. */
START_TEST(unknown_keys_with_line_breaks_are_named)
{
	char *json = payload("x\\ty", "1", "a\\nb", "2", "c\\r", "3", NULL);
	ck_assert_int_eq(testdb_cli("eng1", json, TICKET_NEW " --json -"), 65);
	free(json);
	const char *e = testdb_stderr();
	ck_assert_msg(strstr(e, "\nx\\ty: is unknown (there is no intake field of this name)\n") &&
			      strstr(e, "\na\\nb: is unknown (there is no intake field of this name)\n") &&
			      strstr(e, "\nc\\r: is unknown (there is no intake field of this name)\n") &&
			      strstr(e, "3 fields need attention"),
		      "%s", e);
	assert_ticket_count("0");
	/* a re-triage (`ticket set`): refused as a key without the tab is */
	long long id;
	struct tt_error err;
	ck_assert_int_eq(submit(payload(NULL), &id, &err), 0);
	char *args = xasprintf("ticket set %lld \"$(printf 'x\\ty')=1\" title='New title' --reason probe", id);
	ck_assert_int_eq(testdb_cli("eng1", NULL, args), 65);
	free(args);
	ck_assert_msg(strstr(testdb_stderr(), "\nx\\ty: is unknown (there is no intake field of this name)\n"), "%s",
		      testdb_stderr());
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", id);
	char *s = value1("SELECT extra::text || ' ' || title FROM tickets WHERE id = $1::bigint", ids);
	ck_assert_str_eq(s, "{} Ad calls return 500");
	free(s);
}
END_TEST

static Suite *intake_suite(void)
{
	Suite *s = suite_create("intake");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, complete_ticket_is_created_routed_and_audited);
	tcase_add_test(tc, each_missing_field_alone);
	tcase_add_test(tc, empty_ticket_lists_every_problem_at_once);
	tcase_add_test(tc, contact_must_be_active_spoc_of_that_customer);
	tcase_add_test(tc, account_rep_types_are_refused_naming_the_representative);
	tcase_add_test(tc, routing_of_every_request_type);
	tcase_add_test(tc, screenshots_required_for_ui_related_types);
	tcase_add_test(tc, emergency_needs_phone_and_notifies_csm_and_rep);
	tcase_add_test(tc, ids_must_be_positive_integers);
	tcase_add_test(tc, browser_and_os_need_a_version_number);
	tcase_add_test(tc, os_release_names_count_as_versions);
	tcase_add_test(tc, emergency_phone_must_be_plausible);
	tcase_add_test(tc, one_line_fields_refuse_line_breaks);
	tcase_add_test(tc, idempotent_retry_returns_the_first_ticket);
	tcase_add_test(tc, idempotent_under_concurrency);
	tcase_add_test(tc, long_description_and_too_long_fields);
	tcase_add_test(tc, sql_metacharacters_are_stored_verbatim);
	tcase_add_test(tc, invalid_utf8_and_nul_bytes_are_refused_by_field);
	tcase_add_test(tc, metadata_rows_drive_the_rules);
	tcase_add_test(tc, form_rules_and_check_agree);
	tcase_add_test(tc, length_bounds_agree_with_the_table);
	tcase_add_test(tc, agents_cannot_bypass_the_api);
	tcase_add_test(tc, cli_set_prints_id_and_lists_refusals);
	tcase_add_test(tc, cli_field_lines_say_why);
	tcase_add_test(tc, cli_json_from_stdin_and_idempotency);
	tcase_add_test(tc, repeated_fields_and_keys_are_refused);
	tcase_add_test(tc, unknown_keys_with_line_breaks_are_named);
	tcase_add_test(tc, pm_and_developer_file_no_ticket);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(intake_suite)
