/* Database tests for a desk's own teams and request types: `admin team
 * list|add|set|deactivate` and `admin request-type add`, `set KEY
 * name=...`. A new team and a new type routed to it take tickets at
 * intake, show in the intake picker and in `queue --team`; every refusal
 * names its field (65), usage errors are 64, non-admins 77; every change
 * is audited; a team something still uses is not deactivated. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/conn.h"
#include "model/intake.h"
#include "testdb.h"
#include "ticket_fixture.h"
#include "util/xalloc.h"

static int test_seq;
static void next_test(void)
{
	test_seq++;
}

/* A login unique to this test (roles are cluster-wide): tt_<pid>_<test>_<tag>. */
static const char *login(const char *tag)
{
	static char buf[8][64];
	static int next;
	char *b = buf[next++ % 8];
	snprintf(b, sizeof(buf[0]), "tt_%d_%d_%s", (int)getpid(), test_seq, tag);
	return b;
}

static int cli(const char *as, const char *fmt, const char *a)
{
	char *args = xasprintf(fmt, a);
	int rc = testdb_cli(as, NULL, args);
	free(args);
	return rc;
}

static void assert_value(const char *sql, const char *param, const char *expected)
{
	const char *p[1] = { param };
	char *v = testdb_value(sql, param ? 1 : 0, param ? p : NULL);
	ck_assert_msg(v && !strcmp(v, expected), "%s -> %s, expected %s", sql, v ? v : "NULL", expected);
	free(v);
}

static void assert_stderr_has(const char *text)
{
	ck_assert_msg(strstr(testdb_stderr(), text), "stderr lacks \"%s\":\n%s", text, testdb_stderr());
}

static void assert_stdout_has(const char *text)
{
	ck_assert_msg(strstr(testdb_stdout(), text), "stdout lacks \"%s\":\n%s", text, testdb_stdout());
}

/* The desk: an admin and an engineer (returned), the clock pinned, Acme
 * Media with its SPOC Carla. */
static void desk(const char **adm, const char **eng)
{
	testdb_create();
	testdb_clock("2027-03-10T15:00:00Z", TESTDB_CLOCK_FROZEN);
	*adm = login("adm");
	*eng = login("eng");
	testdb_agent(*adm, "admin");
	testdb_agent(*eng, "engineer");
	fixture_customer();
}

/* Files a ticket of request type `type` as `who` through `ticket new`
 * (`more`: other arguments, "" for none); returns the exit status, the
 * new id in id (when 0). */
static int file_ticket(const char *who, const char *type, const char *more, char id[32])
{
	char *args = xasprintf("ticket new --set customer='Acme Media' --set contact=carla@acme.example"
			       " --set request_type=%s --set reason=bug --set severity=3 --set title='Seats missing'"
			       " --set description=d --set impact=i --set object_ids=1 --set member_id=4242"
			       " --set repro_steps=r --set browser='Firefox 128' --set os='Linux 6' %s", type, more);
	int rc = testdb_cli(who, NULL, args);
	free(args);
	if (rc == 0) {
		snprintf(id, 32, "%s", testdb_stdout());
		id[strcspn(id, "\n")] = '\0';
	}
	return rc;
}

START_TEST(teams_are_added_renamed_and_listed)
{
	const char *adm, *eng;
	desk(&adm, &eng);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add partner_success --name 'Partner Success'"), 0);
	char *id = testdb_value("SELECT id || E'\\n' FROM teams WHERE key = 'partner_success'", 0, NULL);
	ck_assert_str_eq(testdb_stdout(), id);
	free(id);
	assert_value("SELECT name || '/' || active FROM teams WHERE key = 'partner_success'", NULL,
		     "Partner Success/true");

	/* every agent reads the list; the reference teams are translated, the
	 * new one shows as typed */
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin team list"), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(!strncmp(out, "KEY ", 4) && strstr(out, "  TEAM ") && strstr(out, "  STATE"), "%s", out);
	ck_assert_msg(strstr(out, "\npartner_success  ") && strstr(out, "Partner Success "), "%s", out);
	ck_assert_msg(strstr(out, "\nclient_services ") && strstr(out, "Client Services "), "%s", out);
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin team list"), 0);
	assert_stdout_has("Calidad de Anuncios");
	assert_stdout_has("Partner Success ");
	assert_stdout_has("activo");
	test_lang("C.UTF-8");

	/* renamed */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team set partner_success name='Partner Care'"), 0);
	assert_value("SELECT name FROM teams WHERE key = 'partner_success'", NULL, "Partner Care");
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin team list --json"), 0);
	assert_stdout_has("\"key\" : \"partner_success\", \"name\" : \"Partner Care\", \"active\" : true, "
			  "\"request_types\" : [], \"agents\" : 0, \"open_tickets\" : 0");
	assert_stdout_has("\"key\" : \"app_support\", \"name\" : \"App Support\", \"active\" : true, "
			  "\"request_types\" : [\"app_bug\"]");

	/* refusals, each naming its field */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add partner_success --name 'Other'"), 65);
	assert_stderr_has("key: a team with this key already exists");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add Partner-2 --name 'Other'"), 65);
	assert_stderr_has("key: is malformed (lower-case letters, digits and _, starting with a letter, at most 40 characters)");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add 2nd_line --name 'Other'"), 65);
	assert_stderr_has("key: is malformed");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add other --name 'client services'"), 65);
	assert_stderr_has("name: another team has this name");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add other --name 'Two\nlines'"), 65);
	assert_stderr_has("name: must be one line, without line breaks, tabs or other control characters");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add other --name '   '"), 65);
	assert_stderr_has("name: is required");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team set partner_success "
				    "name=0123456789012345678901234567890123456789012345678901234567890 colour=red"), 65);
	assert_stderr_has("name: is too long (at most 60 characters)");
	assert_stderr_has("colour: is unknown (a team has no such field (name, active))");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team set nowhere name=X"), 65);
	assert_stderr_has("team: is unknown (one of ad_quality, anti_malvertising, app_support");
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add other --name 'Two\nlines'"), 65);
	assert_stderr_has("name: debe ser una sola línea, sin saltos de línea, tabuladores ni otros caracteres de control");
	test_lang("C.UTF-8");
	assert_value("SELECT count(*) FROM teams WHERE key = 'other' OR key LIKE 'Partner%'", NULL, "0");

	/* admins only; usage */
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin team add eng_team --name 'Eng Team'"), 77);
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin team set partner_success name=Mine"), 77);
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin team deactivate partner_success"), 77);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add lonely"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add --name Nameless"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add a b --name Two"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team set partner_success"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team list --yaml"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team"), 64);
	assert_value("SELECT name FROM teams WHERE key = 'partner_success'", NULL, "Partner Care");

	/* audited: who, what, before and after */
	char *audit = xasprintf("team.add:partner_success:->Partner Success:%s,"
				"team.set:partner_success:Partner Success>Partner Care:%s", adm, adm);
	assert_value("SELECT string_agg(e.action || ':' || e.object_name || ':' || coalesce(e.before->>'name', '-')"
		     " || '>' || (e.after->>'name') || ':' || a.login, ',' ORDER BY e.id)"
		     " FROM admin_events e JOIN agents a ON a.id = e.actor_id WHERE e.object_kind = 'team'", NULL,
		     audit);
	free(audit);
}
END_TEST

START_TEST(a_new_request_type_takes_tickets_to_its_team)
{
	const char *adm, *eng;
	desk(&adm, &eng);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add partner_success --name 'Partner Success'"), 0);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add partner_setup --name 'Partner setup'"
				    " --team partner_success --ui-related"
				    " --example 'A new partner cannot see its seats'"), 0);
	char *id = testdb_value("SELECT id || E'\\n' FROM request_types WHERE key = 'partner_setup'", 0, NULL);
	ck_assert_str_eq(testdb_stdout(), id);
	free(id);
	/* after the others on the form */
	assert_value("SELECT (r.position > (SELECT max(x.position) FROM request_types x WHERE x.key <> r.key))"
		     " || '/' || t.key || '/' || r.ui_related || '/' || r.account_rep || '/' || r.example"
		     " FROM request_types r JOIN teams t ON t.id = r.team_id WHERE r.key = 'partner_setup'", NULL,
		     "true/partner_success/true/false/A new partner cannot see its seats");
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin request-type list"), 0);
	const char *out = testdb_stdout();
	const char *last = strrchr(out, '\n');
	while (last > out && last[-1] != '\n')
		last--;
	ck_assert_msg(!strncmp(last, "partner_setup ", 14) && strstr(last, "Partner setup ") &&
		      strstr(last, "Partner Success "), "%s", out);

	/* the intake picker reads it, last, with its team */
	struct db *db = testdb_open(eng);
	struct intake_choices types = { 0 };
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(intake_request_types(db, &types, &err), 0);
	ck_assert_uint_gt(types.n, 1);
	const struct intake_choice *c = &types.items[types.n - 1];
	ck_assert_str_eq(c->value, "partner_setup");
	ck_assert_str_eq(c->label, "Partner setup");
	ck_assert_str_eq(c->note, "Partner Success");
	ck_assert_str_eq(c->help, "A new partner cannot see its seats");
	ck_assert(c->ui_related && !c->account_rep);
	intake_choices_done(&types);
	db_close(db);

	/* filed: screenshots are asked for, the ticket goes to the new team */
	char tid[32];
	ck_assert_int_eq(file_ticket(eng, "partner_setup", "", tid), 65);
	assert_stderr_has("screenshots: is required");
	ck_assert_int_eq(file_ticket(eng, "partner_setup", "--set screenshots=https://x.example/1.png", tid), 0);
	assert_value("SELECT tm.key || '/' || rt.key FROM tickets t JOIN teams tm ON tm.id = t.team_id"
		     " JOIN request_types rt ON rt.id = t.request_type_id WHERE t.id = $1::bigint", tid,
		     "partner_success/partner_setup");
	ck_assert_int_eq(testdb_cli(eng, NULL, "queue --team partner_success --json"), 0);
	char *want = xasprintf("\"id\" : %s,", tid);
	assert_stdout_has(want);
	free(want);
	ck_assert_int_eq(testdb_cli(eng, NULL, "queue --team partner_success"), 0);
	assert_stdout_has("Seats missing");

	/* renamed, and its example changed; a type the representative takes */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set partner_setup name='Partner onboarding'"
				    " example=''"), 0);
	assert_value("SELECT name || '/' || coalesce(example, '-') FROM request_types WHERE key = 'partner_setup'",
		     NULL, "Partner onboarding/-");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add reseller_billing --name 'Reseller billing'"
				    " --account-rep"), 0);
	assert_value("SELECT account_rep || '/' || (team_id IS NULL) || '/' || ui_related FROM request_types"
		     " WHERE key = 'reseller_billing'", NULL, "true/true/false");
	ck_assert_int_eq(file_ticket(eng, "reseller_billing", "", tid), 65);
	assert_stderr_has("request_type: goes to the account representative, not to support"
			  " (Reseller billing requests are not support tickets: contact the account representative"
			  " of Acme Media, Rita Rep <rita@example.com>)");

	/* refusals, each naming its field */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add app_bug --name 'App crash' --team app_support"), 65);
	assert_stderr_has("key: a request type with this key already exists");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add partner_audit --name 'Partner audit'"
				    " --team nowhere"), 65);
	assert_stderr_has("team: is unknown (one of ad_quality, anti_malvertising, app_support, client_services,"
			  " inventory_quality, partner_success)");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add 'Partner audit' --name 'Partner audit'"
				    " --team partner_success"), 65);
	assert_stderr_has("key: is malformed");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add partner_audit --name 'app BUG'"
				    " --team partner_success --example 'one\ttab'"), 65);
	assert_stderr_has("name: another request type has this name");
	assert_stderr_has("example: must be one line");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set partner_setup"
				    " name=0123456789012345678901234567890123456789012345678901234567890"), 65);
	assert_stderr_has("name: is too long (at most 60 characters)");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set partner_setup name='Ad serving issue'"), 65);
	assert_stderr_has("name: another request type has this name");
	assert_value("SELECT count(*) FROM request_types WHERE key IN ('partner_audit', 'Partner audit')", NULL, "0");
	assert_value("SELECT name FROM request_types WHERE key = 'partner_setup'", NULL, "Partner onboarding");

	/* admins only; usage */
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin request-type add mine --name Mine --team partner_success"), 77);
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin request-type set partner_setup name=Mine"), 77);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add mine --team partner_success"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add mine --name Mine"), 64);
	assert_stderr_has("--team TEAM or --account-rep");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add mine --name Mine --team partner_success"
				    " --account-rep"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add --name Mine --account-rep"), 64);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add mine --name Mine --account-rep --colour"), 64);
	assert_value("SELECT count(*) FROM request_types WHERE key = 'mine'", NULL, "0");

	/* audited */
	assert_value("SELECT string_agg(e.action || ':' || e.object_name || ':' || coalesce(e.before->>'name', '-')"
		     " || '>' || (e.after->>'name') || ':' || coalesce(e.after->>'team', 'rep'), ',' ORDER BY e.id)"
		     " FROM admin_events e WHERE e.object_kind = 'request_type'", NULL,
		     "request_type.add:partner_setup:->Partner setup:partner_success,"
		     "request_type.set:partner_setup:Partner setup>Partner onboarding:partner_success,"
		     "request_type.add:reseller_billing:->Reseller billing:rep");
}
END_TEST

/* Desks name their tiers with digits: "tier2", "l2_bug" are keys (982);
 * a key still starts with a letter. A type routed to a team without an
 * active agent is routed, and the administrator is told. */
START_TEST(keys_may_hold_digits)
{
	const char *adm, *eng;
	desk(&adm, &eng);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add tier2 --name 'Second line'"), 0);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add l2_bug --name 'Second-line bug'"
				    " --team tier2 --example 'A fault the first line could not mend'"), 0);
	/* routed to a team nobody works: said (the type is added all the same) */
	assert_stderr_has("warning: team tier2 has no active agent: its tickets wait until one joins it");
	assert_value("SELECT r.key || '/' || t.key FROM request_types r JOIN teams t ON t.id = r.team_id"
		     " WHERE r.key = 'l2_bug'", NULL, "l2_bug/tier2");
	ck_assert_int_eq(cli(adm, "admin agent set %s team=tier2", eng), 0);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set l2_bug name='Second-line fault'"), 0);
	ck_assert_str_eq(testdb_stderr(), "");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set l2_bug team=tier2"), 0);
	ck_assert_str_eq(testdb_stderr(), "");   /* staffed now */
	/* the fixture's client_services has nobody */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set l2_bug team=client_services"), 0);
	assert_stderr_has("warning: team client_services has no active agent");
	ck_assert_int_eq(testdb_cli(eng, NULL, "queue --team tier2"), 0);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add l2-bug --name 'Other' --team tier2"), 65);
	assert_stderr_has("key: is malformed (lower-case letters, digits and _, starting with a letter,");
}
END_TEST

START_TEST(a_team_in_use_is_not_deactivated)
{
	const char *adm, *eng;
	desk(&adm, &eng);
	const char *member = login("mem");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team add partner_success --name 'Partner Success'"), 0);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add partner_setup --name 'Partner setup'"
				    " --team partner_success"), 0);
	ck_assert_int_eq(cli(adm, "admin agent add %s --name 'Mia Member' --role engineer --team partner_success",
			     member), 0);
	char tid[32];
	ck_assert_int_eq(file_ticket(eng, "partner_setup", "", tid), 0);

	/* everything that still uses it is named */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team deactivate partner_success"), 65);
	assert_stderr_has("the team was not changed");
	assert_stderr_has("active: request types still go to this team (partner_setup); route them to another team first");
	char *want = xasprintf("active: tickets of this team are not closed yet (#%s); re-triage or close them first", tid);
	assert_stderr_has(want);
	free(want);
	want = xasprintf("active: active agents still belong to this team (%s); move them to another team first", member);
	assert_stderr_has(want);
	free(want);
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team set partner_success active=no"), 65);
	assert_stderr_has("todavía van a este equipo (partner_setup)");
	test_lang("C.UTF-8");
	assert_value("SELECT active::text FROM teams WHERE key = 'partner_success'", NULL, "true");

	/* moved away: the type, the agent, the ticket (re-triaged with its type) */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set partner_setup team=client_services"), 0);
	ck_assert_int_eq(cli(adm, "admin agent set %s team=client_services", member), 0);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team deactivate partner_success"), 65);
	assert_stderr_has("tickets of this team are not closed yet");
	ck_assert_int_eq(cli(eng, "ticket set %s request_type=ad_serving --reason 'an ad serving issue after all'", tid), 0);
	assert_value("SELECT tm.key FROM tickets t JOIN teams tm ON tm.id = t.team_id WHERE t.id = $1::bigint", tid,
		     "client_services");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team deactivate partner_success"), 0);
	assert_value("SELECT active::text FROM teams WHERE key = 'partner_success'", NULL, "false");
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin team list"), 0);
	const char *row = strstr(testdb_stdout(), "\npartner_success ");
	ck_assert_msg(row && strstr(row, " Partner Success ") && strstr(row, " deactivated\n") &&
		      strchr(row + 1, '\n') == row + strlen(row) - 1, "%s", testdb_stdout());

	/* a deactivated team takes no type and no agent */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set partner_setup team=partner_success"), 65);
	assert_stderr_has("team: is no longer active");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type add partner_audit --name 'Partner audit'"
				    " --team partner_success"), 65);
	assert_stderr_has("team: is no longer active");
	ck_assert_int_eq(cli(adm, "admin agent set %s team=partner_success", member), 65);
	assert_stderr_has("team: is no longer active");
	ck_assert_int_eq(cli(adm, "admin agent add %s_2 --name 'Max Member' --role engineer --team partner_success",
			     member), 65);
	assert_stderr_has("team: is no longer active");
	/* its history stays: the queue still finds the team */
	ck_assert_int_eq(testdb_cli(eng, NULL, "queue --team partner_success --all"), 0);

	/* brought back */
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin team set partner_success active=yes"), 0);
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin request-type set partner_setup team=partner_success"), 0);
	assert_value("SELECT string_agg(action || ':' || (before->>'active') || '>' || (after->>'active'), ','"
		     " ORDER BY id) FROM admin_events WHERE object_kind = 'team' AND action <> 'team.add'", NULL,
		     "team.deactivate:true>false,team.reactivate:false>true");
}
END_TEST

static Suite *admin_teams_suite(void)
{
	Suite *s = suite_create("admin_teams");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, next_test, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, teams_are_added_renamed_and_listed);
	tcase_add_test(tc, a_new_request_type_takes_tickets_to_its_team);
	tcase_add_test(tc, keys_may_hold_digits);
	tcase_add_test(tc, a_team_in_use_is_not_deactivated);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(admin_teams_suite)
