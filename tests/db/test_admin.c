/* Database tests for `ticketty admin`: adding customers, contacts and
 * agents (with their PostgreSQL login roles), every refusal naming its
 * field with exit 65, usage errors (64), and who may do it (77). Role
 * names are cluster-wide, so each test makes its own with the pid in it. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/conn.h"
#include "testdb.h"
#include "ticket_fixture.h"
#include "util/xalloc.h"

/* Which test of this process is running: roles are cluster-wide, and
 * without fork (CK_FORK=no, as under valgrind) every test shares the pid. */
static int test_seq;
static void next_test(void)
{
	test_seq++;
}

/* A login unique to this test: ta_<pid>_<test>_<tag>. */
static const char *login(const char *tag)
{
	static char buf[16][64];
	static int next;
	char *b = buf[next++ % 16];
	snprintf(b, sizeof(buf[0]), "ta_%d_%d_%s", (int)getpid(), test_seq, tag);
	return b;
}

static int cli(const char *as, const char *input, const char *fmt, const char *a, const char *b)
{
	char *args = xasprintf(fmt, a, b);
	int rc = testdb_cli(as, input, args);
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

/* Adds a csm agent and a customer through the CLI as superuser. */
static void add_csm_and_customer(const char *csm)
{
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name 'Carol Csm' --role %s", csm, "csm"), 0);
	ck_assert_int_eq(cli(NULL, NULL, "admin customer add 'Acme Media' --member-id 4242 --plan premium "
			     "--csm %s --account-rep %s", csm, "'Rita Rep <rita@sales.example>'"), 0);
}

START_TEST(agent_add_creates_login_role_and_row)
{
	testdb_create();
	const char *eng = login("eng");
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name 'Eve Engineer' --role engineer "
			     "--team %s --email eve@desk.example", eng, "client_services"), 0);
	char *id = testdb_value("SELECT max(id)::text FROM agents", 0, NULL);
	char *expected = xasprintf("%s\n", id);
	ck_assert_str_eq(testdb_stdout(), expected);
	free(expected);
	free(id);
	assert_value("SELECT rolcanlogin::text FROM pg_roles WHERE rolname = $1", eng, "true");
	assert_value("SELECT pg_has_role($1, 'ticketty_engineer', 'MEMBER')::text", eng, "true");
	assert_value("SELECT (rolpassword IS NULL)::text FROM pg_authid WHERE rolname = $1", eng, "true");
	assert_value("SELECT a.role || '/' || t.key || '/' || a.display_name || '/' || a.email || '/' || a.active"
		     "  FROM agents a JOIN teams t ON t.id = a.team_id WHERE a.login = $1", eng,
		     "engineer/client_services/Eve Engineer/eve@desk.example/true");
	/* the new agent can log in (no password: the socket is trusted) and read */
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin agent list"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), eng));
}
END_TEST

START_TEST(agent_add_password_from_stdin)
{
	testdb_create();
	const char *dev = login("dev");
	/* with every statement logged, the password must not reach the server
	 * at all: the client sends a SCRAM verifier (PQencryptPasswordConn) */
	char *dbname = testdb_value("SELECT current_database()", 0, NULL);
	char *logall = xasprintf("ALTER DATABASE \"%s\" SET log_statement = 'all';"
				 "ALTER DATABASE \"%s\" SET log_min_duration_statement = 0", dbname, dbname);
	testdb_sql(logall);
	free(logall);
	free(dbname);
	ck_assert_int_eq(cli(NULL, "s3cret-Pa55\n", "admin agent add %s --name Dev --role %s --password-stdin",
			     dev, "developer"), 0);
	ck_assert_ptr_null(strstr(testdb_stdout(), "s3cret"));
	ck_assert_ptr_null(strstr(testdb_stderr(), "s3cret"));
	assert_value("SELECT (rolpassword LIKE 'SCRAM-SHA-256$%' AND rolpassword NOT LIKE '%s3cret%')::text"
		     "  FROM pg_authid WHERE rolname = $1", dev, "true");
	char *logpath = xasprintf("%s/server.log", getenv("PGHOST"));
	FILE *f = fopen(logpath, "r");
	ck_assert_msg(f != NULL, "cannot read %s", logpath);
	char line[4096];
	bool logged_call = false;
	while (fgets(line, sizeof(line), f)) {
		ck_assert_msg(!strstr(line, "s3cret-Pa55"), "the server log holds the password: %s", line);
		logged_call = logged_call || (strstr(line, "parameters:") && strstr(line, dev));
	}
	fclose(f);
	free(logpath);
	ck_assert_msg(logged_call, "the call was not logged, so the log proves nothing");
	/* a clear-text password sent straight to the API is refused */
	struct db *db = testdb_open(NULL);
	struct tt_error err;
	tt_error_init(&err);
	const char *p[] = { login("dev3"), "Dev", "developer", "s3cret-Pa55" };
	PGresult *r = db_exec(db, "SELECT api_admin_agent_add($1, $2, $3, $4)", 4, p, &err);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.code, 65);
	ck_assert_int_eq((int)err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "password");
	ck_assert_str_eq(err.fields[0].code, "not_encrypted");
	tt_error_clear(&err);
	db_close(db);
	assert_value("SELECT count(*)::text FROM pg_roles WHERE rolname = $1", p[0], "0");
	/* a NUL byte in the line would cut the password: refused, nothing created */
	const char *dev4 = login("dev4");
	char *args = xasprintf("admin agent add %s --name Dev --role developer --password-stdin", dev4);
	ck_assert_int_eq(testdb_cli_bytes(NULL, "ab\0cd\n", 6, args), 65);
	free(args);
	assert_stderr_has("password: ");
	assert_value("SELECT count(*)::text FROM pg_roles WHERE rolname = $1", dev4, "0");
	/* an empty line is refused, no role is created */
	const char *dev2 = login("dev2");
	ck_assert_int_eq(cli(NULL, "\n", "admin agent add %s --name Dev --role %s --password-stdin",
			     dev2, "developer"), 65);
	assert_stderr_has("password:");
	assert_value("SELECT count(*)::text FROM pg_roles WHERE rolname = $1", dev2, "0");
	/* no line at all is a usage error */
	ck_assert_int_eq(cli(NULL, "", "admin agent add %s --name Dev --role %s --password-stdin",
			     dev2, "developer"), 64);
}
END_TEST

START_TEST(customer_fields_are_stored)
{
	testdb_create();
	const char *csm = login("csm");
	add_csm_and_customer(csm);
	char *expected = xasprintf("premium/4242/%s/Rita Rep/rita@sales.example", csm);
	assert_value("SELECT c.plan || '/' || c.member_id || '/' || a.login || '/' || c.account_rep_name"
		     "       || '/' || c.account_rep_email"
		     "  FROM customers c JOIN agents a ON a.id = c.csm_id WHERE c.name = $1", "Acme Media",
		     expected);
	free(expected);

	/* contacts by customer name (any case) and by id, SPOC or not */
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name 'Sam Spoc' --email sam@acme.example "
			     "--phone '+1 212 555 0100' %s", "'acme media'", "--spoc"), 0);
	char *cid = testdb_value("SELECT id::text FROM customers WHERE name = 'Acme Media'", 0, NULL);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name 'Nina Other' --email %s", cid,
			     "nina@acme.example"), 0);
	char *hash_id = xasprintf("'#%s'", cid);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name 'Hal Hash' --email %s", hash_id,
			     "hal@acme.example"), 0);
	free(hash_id);
	free(cid);
	assert_value("SELECT string_agg(name || ':' || spoc || ':' || coalesce(phone, '-'), ',' ORDER BY id)"
		     "  FROM contacts WHERE customer_id = (SELECT id FROM customers WHERE name = $1)",
		     "Acme Media",
		     "Sam Spoc:true:+1 212 555 0100,Nina Other:false:-,Hal Hash:false:-");

	/* the listing shows it, and --json is valid JSON built by PostgreSQL */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer list"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Acme Media"));
	ck_assert_msg(!strncmp(testdb_stdout(), "ID  NAME ", 9) && strstr(testdb_stdout(), "  CONTACTS\n"),
		      "stdout: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer list --json"), 0);
	const char *p[1] = { testdb_stdout() };
	char *n = testdb_value("SELECT json_array_length($1::json)::text", 1, p);
	ck_assert_str_eq(n, "1");
	free(n);
}
END_TEST

/* A contact's language (the language mail to them is written in) is set
 * with --lang or `admin contact set ... lang=`, shown by `admin contact
 * list`, and refused when it is neither en nor es. */
START_TEST(contact_language)
{
	testdb_create();
	const char *csm = login("csm");
	add_csm_and_customer(csm);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name 'Elena Es' --email elena@acme.example "
			     "--spoc %s", "'Acme Media'", "--lang es"), 0);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name 'Ed En' --email %s", "'Acme Media'",
			     "ed@acme.example"), 0);
	assert_value("SELECT string_agg(name || ':' || lang, ',' ORDER BY id) FROM contacts", NULL,
		     "Elena Es:es,Ed En:en");
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name 'Fay Fr' --email fay@acme.example "
			     "--lang %s", "'Acme Media'", "fr"), 65);
	assert_stderr_has("lang: ");
	assert_value("SELECT count(*)::text FROM contacts", NULL, "2");

	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact list 'acme media'"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "elena@acme.example"));
	/* a header names the columns; each is as wide as its widest cell */
	ck_assert_msg(!strncmp(testdb_stdout(), "ID  NAME", 8), "stdout: %s", testdb_stdout());
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "  LANG  SPOC  STATE"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "  es    SPOC  active"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "  en    -     active"));
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact list 'Acme Media' --json"), 0);
	const char *p[1] = { testdb_stdout() };
	char *langs = testdb_value("SELECT string_agg(x->>'lang', ',') FROM json_array_elements($1::json) x", 1, p);
	ck_assert_str_eq(langs, "es,en");
	free(langs);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact list Nobody"), 65);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact list"), 64);
	/* and changed later, audited; a language mail is not written in is refused */
	ck_assert_int_eq(cli(NULL, NULL, "admin contact set %s %s", "ed@acme.example", "lang=ES"), 0);
	assert_value("SELECT lang FROM contacts WHERE email = $1", "ed@acme.example", "es");
	assert_value("SELECT (before ->> 'lang') || '>' || (after ->> 'lang') FROM admin_events"
		     " WHERE action = 'contact.set' AND object_name = $1", "ed@acme.example", "en>es");
	ck_assert_int_eq(cli(NULL, NULL, "admin contact set %s %s", "ed@acme.example", "lang=fr"), 65);
	assert_stderr_has("lang: must be en or es");
	assert_value("SELECT lang FROM contacts WHERE email = $1", "ed@acme.example", "es");
}
END_TEST

/* A contact's phone follows the emergency phone's rule (intake_phone_ok,
 * 520): "(((((123456" is refused at add and at set, naming the field and
 * the form expected; a number with an extension is taken. */
START_TEST(contact_phone_is_plausible)
{
	testdb_create();
	add_csm_and_customer(login("csm"));
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name Zed --email zed@acme.example --phone %s",
			     "'Acme Media'", "'(((((123456'"), 65);
	assert_stderr_has("phone: is malformed (expected a phone number: 7 to 15 digits");
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name Zed --email zed@acme.example --phone %s",
			     "'Acme Media'", "'+1 (212) 555-0100 ext. 12'"), 0);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact set %s %s", "zed@acme.example", "phone=12-34-56"), 65);
	assert_stderr_has("phone: is malformed (expected a phone number: 7 to 15 digits");
	ck_assert_int_eq(cli(NULL, NULL, "admin contact set %s %s", "zed@acme.example", "'phone=(212) 555 0100'"), 0);
	assert_value("SELECT phone FROM contacts WHERE email = $1", "zed@acme.example", "(212) 555 0100");
}
END_TEST

START_TEST(customer_refusals_name_each_field)
{
	testdb_create();
	const char *csm = login("csm");
	const char *eng = login("eng");
	add_csm_and_customer(csm);
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name Eng --role %s", eng, "engineer"), 0);

	/* duplicate name (case-insensitive) and member id, unknown plan, malformed rep */
	ck_assert_int_eq(cli(NULL, NULL, "admin customer add %s --member-id 4242 --plan gold "
			     "--account-rep %s", "'ACME MEDIA'", "'Rita rita@sales.example'"), 65);
	/* what is wrong, not "is given twice" (the words of an option or
	 * field given twice on one command line) */
	assert_stderr_has("name: a customer with this name already exists");
	assert_stderr_has("member_id: another customer has this member ID");
	ck_assert_msg(!strstr(testdb_stderr(), "given twice"), "%s", testdb_stderr());
	assert_stderr_has("plan: ");
	assert_stderr_has("account_rep: ");
	/* CSM: unknown login, then a login whose role is not csm */
	ck_assert_int_eq(cli(NULL, NULL, "admin customer add Other --member-id 7 --plan basic --csm %s%s",
			     "nobody_here", ""), 65);
	assert_stderr_has("csm: ");
	ck_assert_int_eq(cli(NULL, NULL, "admin customer add Other --member-id 7 --plan basic --csm %s%s",
			     eng, ""), 65);
	assert_stderr_has("csm: ");
	ck_assert_int_eq(cli(NULL, NULL, "admin customer add Other --member-id %s --plan basic%s", "12x", ""), 65);
	assert_stderr_has("member_id: ");
	assert_value("SELECT count(*)::text FROM customers", NULL, "1");
	/* missing options and arguments are usage errors */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add Other --plan basic"), 64);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add --member-id 8 --plan basic"), 64);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add X --member-id 8 --plan basic --bogus"), 64);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer frobnicate"), 64);
}
END_TEST

START_TEST(contact_refusals_name_each_field)
{
	testdb_create();
	add_csm_and_customer(login("csm"));
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name Zed --email %s", "'No Such Customer'",
			     "not-an-address"), 65);
	assert_stderr_has("customer: ");
	assert_stderr_has("email: ");
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name Zed --email zed@acme.example --phone %s",
			     "'Acme Media'", "call-me"), 65);
	assert_stderr_has("phone: ");
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name Zed --email %s", "'Acme Media'",
			     "zed@acme.example"), 0);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name 'Zed Again' --email %s", "'Acme Media'",
			     "ZED@acme.example"), 65);
	assert_stderr_has("email: this customer already has a contact with this address");
	/* one address at two customers: which contact is meant is said by
	 * its id (a contact's name is no reference) */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add 'Beta Co' --member-id 4343 --plan basic"), 0);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name Zed --email %s", "'Beta Co'",
			     "zed@acme.example"), 0);
	ck_assert_int_eq(cli(NULL, NULL, "admin contact set %s spoc=%s", "zed@acme.example", "yes"), 65);
	assert_stderr_has("contact: several customers have a contact with this address: give the contact id");
	ck_assert_msg(!strstr(testdb_stderr(), "give the name or number"), "%s", testdb_stderr());
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add %s --name %s --email z2@acme.example", "'Acme Media'",
			     "'   '"), 65);
	assert_stderr_has("name: ");
	assert_value("SELECT count(*)::text FROM contacts", NULL, "2");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact add 'Acme Media' --name Zed"), 64);
}
END_TEST

/* The first admin on a new database is a person's own login: the
 * superuser's or the schema owner's login made an agent (the natural
 * "admin agent add postgres" of a first day) let every agent act as it,
 * and every later `db migrate` and `db version` failed the security
 * self-check (78) with a line for each object. Refused, naming the fix;
 * nothing is granted. */
START_TEST(agent_add_refuses_the_superuser_and_the_owner)
{
	testdb_create();
	next_test();
	const char *super = login("super");
	char *sql = xasprintf("CREATE ROLE %s LOGIN SUPERUSER", super);
	testdb_sql(sql);
	free(sql);
	char *me = testdb_value("SELECT session_user", 0, NULL);
	char *owner = testdb_value("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'ticketty'",
				   0, NULL);
	const char *who[] = { super, me, owner };
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name 'First Admin' --role %s", who[i], "admin"), 65);
		assert_stderr_has("login: is a superuser or the owner of the ticketty schema");
		assert_stderr_has("give each person a login of their own");
	}
	assert_value("SELECT count(*)::text FROM agents", NULL, "0");
	assert_value("SELECT count(*)::text FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member"
		     " WHERE u.rolname = $1", super, "0");
	/* a person's own login is added */
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name 'First Admin' --role %s", login("adm"), "admin"), 0);
	free(me);
	free(owner);
}
END_TEST

/* A SPOC replaced in the wrong order (the old one revoked or deactivated
 * before the new one is named) leaves the customer with nobody who may
 * file a ticket: the change is made (exit 0) but a warning on stderr
 * names the customer and the fix; a change that leaves a SPOC says
 * nothing. */
START_TEST(leaving_a_customer_without_a_spoc_is_said)
{
	testdb_create();
	next_test();
	add_csm_and_customer(login("csm"));
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact add 'Acme Media' --name Old --email old@acme.example --spoc"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact add 'Acme Media' --name New --email new@acme.example"), 0);
	/* the right order: the new one first, then the old one goes */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact set new@acme.example spoc=yes"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact set old@acme.example spoc=no"), 0);
	ck_assert_msg(!strstr(testdb_stderr(), "warning"), "%s", testdb_stderr());
	/* the last one deactivated, then revoked: said each time */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact deactivate new@acme.example"), 0);
	assert_stderr_has("warning: Acme Media has no authorised single point of contact now");
	assert_stderr_has("admin contact set REF spoc=yes");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact set new@acme.example active=yes"), 0);
	ck_assert_msg(!strstr(testdb_stderr(), "warning"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin contact set new@acme.example spoc=no --json"), 0);
	assert_stderr_has("warning: Acme Media has no authorised single point of contact now");
	ck_assert_msg(strstr(testdb_stdout(), "\"spoc\":false"), "%s", testdb_stdout());
}
END_TEST

START_TEST(agent_refusals_name_each_field)
{
	testdb_create();
	const char *eng = login("eng");
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name Eng --role %s", eng, "engineer"), 0);
	/* malformed login, unknown role, unknown team, bad email */
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name X --role wizard --team %s --email x",
			     "Bad-Login", "nowhere"), 65);
	assert_stderr_has("login: ");
	assert_stderr_has("role: ");
	assert_stderr_has("team: ");
	assert_stderr_has("email: ");
	/* reserved prefixes are not logins either */
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name X --role %s", "pg_sneaky", "engineer"), 65);
	assert_stderr_has("login: ");
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name X --role %s", "ticketty_admin", "admin"), 65);
	assert_stderr_has("login: ");
	/* an existing agent */
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name Again --role %s", eng, "engineer"), 65);
	assert_stderr_has("login: ");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin agent add someone --role engineer"), 64);
}
END_TEST

START_TEST(only_admins_and_superusers_may_administer)
{
	testdb_create();
	const char *eng = login("eng"), *adm = login("adm");
	testdb_agent(eng, "engineer");
	testdb_agent(adm, "admin");

	/* an engineer is refused every admin command */
	ck_assert_int_eq(cli(eng, NULL, "admin customer add %s --member-id 5 --plan %s", "Nope", "basic"), 77);
	ck_assert_int_eq(cli(eng, NULL, "admin agent add %s --name X --role %s", login("x1"), "engineer"), 77);
	ck_assert_int_eq(cli(eng, NULL, "admin contact add %s --name X --email %s", "Nope", "x@y.example"), 77);
	ck_assert_int_eq(cli(eng, NULL, "admin agent deactivate %s%s", adm, ""), 77);
	assert_value("SELECT count(*)::text FROM customers", NULL, "0");

	/* an admin agent (not a superuser) may */
	const char *csm = login("csm");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Csm --role %s", csm, "csm"), 0);
	assert_value("SELECT pg_has_role($1, 'ticketty_csm', 'MEMBER')::text", csm, "true");
	ck_assert_int_eq(cli(adm, NULL, "admin customer add Yes --member-id 5 --plan basic --csm %s%s", csm, ""), 0);

	/* but it may not adopt a database role that exists outside ticketty */
	const char *outsider = login("out");
	char *sql = xasprintf("CREATE ROLE %s LOGIN", outsider);
	testdb_sql(sql);
	free(sql);
	ck_assert_int_eq(cli(adm, "pw\n", "admin agent add %s --name Out --role %s --password-stdin", outsider,
			     "admin"), 65);
	assert_stderr_has("login: ");
	assert_value("SELECT (rolpassword IS NULL)::text FROM pg_authid WHERE rolname = $1", outsider, "true");
	/* and that outsider, not an agent, is refused */
	ck_assert_int_eq(cli(outsider, NULL, "admin customer add %s --member-id 6 --plan %s", "Nope", "basic"), 77);
	/* a superuser may adopt it */
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name Out --role %s", outsider, "pm"), 0);
	assert_value("SELECT pg_has_role($1, 'ticketty_pm', 'MEMBER')::text", outsider, "true");
}
END_TEST

START_TEST(deactivate_agent)
{
	testdb_create();
	const char *adm = login("adm"), *eng = login("eng");
	testdb_agent(adm, "admin");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Eng --role %s", eng, "engineer"), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", eng, ""), 0);
	assert_value("SELECT active::text FROM agents WHERE login = $1", eng, "false");
	assert_value("SELECT pg_has_role($1, 'ticketty_engineer', 'MEMBER')::text", eng, "false");
	/* twice is fine; yourself and unknown logins are not */
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", eng, ""), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", adm, ""), 65);
	assert_stderr_has("login: you cannot deactivate yourself");
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", "nobody_at_all", ""), 65);
	assert_stderr_has("login: ");
	ck_assert_int_eq(testdb_cli(adm, NULL, "admin agent list --json"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"active\" : false"));
}
END_TEST

/* A deactivated agent's tickets go back to their team's queue: every one
 * not closed is unassigned (take-next and the queue's unassigned filter
 * skipped them, left with someone who could no longer act), each with an
 * event naming who had it and why, the admin audit listing them; a
 * closed one keeps its assignee. Also from a superuser, who is no agent. */
/* An agent leaving (deactivate, agent set active=no, or moved to another
 * team) who was the last active one of a team with open tickets: done,
 * but said on stderr, with
 * the team and how many tickets wait in a queue nobody works (its request
 * types still route new ones there); while another agent of the team is
 * active, nothing is said. */
START_TEST(last_agent_of_a_team_leaving_is_said)
{
	testdb_create();
	next_test();
	const char *adm = login("adm"), *eng = login("eng"), *eng2 = login("eng2");
	testdb_agent(adm, "admin");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Eng --role engineer --team %s", eng,
			     "client_services"), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Eng2 --role engineer --team %s", eng2,
			     "client_services"), 0);
	fixture_customer();
	fixture_tickets(2, "client_services");
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", eng, ""), 0);
	ck_assert_msg(!strstr(testdb_stderr(), "warning"), "%s", testdb_stderr());
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s active=%s", eng2, "no"), 0);
	assert_stderr_has("warning: team Client Services has no active agent now, and 2 open tickets");
	assert_stderr_has("admin agent set LOGIN team=KEY");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s active=%s", eng2, "yes"), 0);
	ck_assert_msg(!strstr(testdb_stderr(), "warning"), "%s", testdb_stderr());
	/* moved to another team: the team it left is the one said */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s team=%s", eng2, "ad_quality"), 0);
	assert_stderr_has("warning: team Client Services has no active agent now, and 2 open tickets");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s team=%s", eng2, "client_services"), 0);
	ck_assert_msg(!strstr(testdb_stderr(), "warning"), "%s", testdb_stderr());
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", eng2, ""), 0);
	assert_stderr_has("warning: team Client Services has no active agent now, and 2 open tickets");
}
END_TEST

START_TEST(deactivated_agents_tickets_return_to_the_queue)
{
	testdb_create();
	const char *adm = login("adm"), *eng = login("eng"), *eng2 = login("eng2");
	testdb_agent(adm, "admin");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Eng --role %s", eng, "engineer"), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Eng2 --role %s", eng2, "engineer"), 0);
	fixture_customer();
	long long first = fixture_tickets(5, "client_services");
	char ids[64];
	snprintf(ids, sizeof(ids), "%lld", first);
	const char *p[2] = { eng, ids };
	/* tickets 1-3 are eng's (the third resolved), 4 is closed and eng's, 5 nobody's */
	free(testdb_value("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = $1)"
			  " WHERE id BETWEEN $2::bigint AND $2::bigint + 3", 2, p));
	testdb_sql("ALTER TABLE tickets DISABLE TRIGGER USER");
	free(testdb_value("UPDATE tickets SET status = (CASE id - $2::bigint WHEN 2 THEN 'resolved' ELSE 'closed' END)::ticket_status,"
			  " resolved_at = tt_now(), closed_at = CASE id - $2::bigint WHEN 2 THEN NULL ELSE tt_now() END"
			  " WHERE id IN ($2::bigint + 2, $2::bigint + 3) AND $1 <> ''", 2, p));
	testdb_sql("ALTER TABLE tickets ENABLE TRIGGER USER");
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", eng, ""), 0);
	char *want = xasprintf("-,-,-,%s,-", eng);
	assert_value("SELECT string_agg(coalesce(a.login, '-'), ',' ORDER BY t.id) FROM tickets t"
		     " LEFT JOIN agents a ON a.id = t.assignee_id WHERE t.id >= $1::bigint", ids, want);
	free(want);
	want = xasprintf("0:%s:deactivated:true,1:%s:deactivated:true,2:%s:deactivated:true", eng, eng, eng);
	assert_value("SELECT string_agg(e.ticket_id - $1::bigint || ':' || (e.details->>'from') || ':' || (e.details->>'why')"
		     "  || ':' || (e.version = t.version)::text, ',' ORDER BY e.ticket_id)"
		     "  FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind = 'unassign'",
		     ids, want);
	free(want);
	assert_value("SELECT jsonb_array_length(after->'returned_tickets')::text FROM admin_events"
		     " WHERE action = 'agent.deactivate' AND $1 <> ''", ids, "3");
	/* the timeline says so, with the agent's name */
	ck_assert_int_eq(cli(adm, NULL, "ticket show %s%s", ids, ""), 0);
	ck_assert_msg(strstr(testdb_stdout(), "returned the ticket to the queue: Eng was deactivated"), "%s",
		      testdb_stdout());
	/* a superuser, no agent, does it too: the event has no actor */
	free(testdb_value("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = $1)"
			  " WHERE id = $2::bigint + 4", 2, (const char *[]){ eng2, ids }));
	ck_assert_int_eq(cli(NULL, NULL, "admin agent deactivate %s%s", eng2, ""), 0);
	assert_value("SELECT (assignee_id IS NULL)::text FROM tickets WHERE id = $1::bigint + 4", ids, "true");
	assert_value("SELECT (actor_id IS NULL)::text FROM ticket_events WHERE kind = 'unassign'"
		     " AND ticket_id = $1::bigint + 4", ids, "true");
}
END_TEST

/* `admin agent set LOGIN active=no` deactivates as `admin agent
 * deactivate` does: the agent's tickets that are not closed go back to
 * their team's queue (they stayed with someone who could no longer log
 * in), each with its unassign event, the audit row listing them; a
 * closed one keeps its assignee. */
START_TEST(agent_set_inactive_returns_tickets_to_the_queue)
{
	testdb_create();
	const char *adm = login("adm"), *eng = login("eng");
	testdb_agent(adm, "admin");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Eng --role %s", eng, "engineer"), 0);
	fixture_customer();
	long long first = fixture_tickets(3, "client_services");
	char ids[64];
	snprintf(ids, sizeof(ids), "%lld", first);
	const char *p[2] = { eng, ids };
	/* tickets 1-3 are eng's, the third closed */
	free(testdb_value("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = $1)"
			  " WHERE id BETWEEN $2::bigint AND $2::bigint + 2", 2, p));
	testdb_sql("ALTER TABLE tickets DISABLE TRIGGER USER");
	free(testdb_value("UPDATE tickets SET status = 'closed', resolved_at = tt_now(), closed_at = tt_now()"
			  " WHERE id = $2::bigint + 2 AND $1 <> ''", 2, p));
	testdb_sql("ALTER TABLE tickets ENABLE TRIGGER USER");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s active=no%s", eng, ""), 0);
	char *want = xasprintf("-,-,%s", eng);
	assert_value("SELECT string_agg(coalesce(a.login, '-'), ',' ORDER BY t.id) FROM tickets t"
		     " LEFT JOIN agents a ON a.id = t.assignee_id WHERE t.id >= $1::bigint", ids, want);
	free(want);
	want = xasprintf("0:%s:deactivated,1:%s:deactivated", eng, eng);
	assert_value("SELECT string_agg(e.ticket_id - $1::bigint || ':' || (e.details->>'from') || ':'"
		     "  || (e.details->>'why'), ',' ORDER BY e.ticket_id)"
		     "  FROM ticket_events e WHERE e.kind = 'unassign'", ids, want);
	free(want);
	want = xasprintf("[%lld, %lld]", first, first + 1);
	assert_value("SELECT (after->'returned_tickets')::text FROM admin_events"
		     " WHERE action = 'agent.deactivate' AND $1 <> ''", ids, want);
	free(want);
	/* back again, it gets nothing back and nothing more is unassigned */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s active=yes%s", eng, ""), 0);
	assert_value("SELECT count(*)::text FROM ticket_events WHERE kind = 'unassign' AND $1 <> ''", ids, "2");
}
END_TEST

/* An agent's record changes after it was added: name, address, team and
 * the language of its mail, each change audited; `active` takes the login
 * out of its group and brings it back; every refused field is named and
 * nothing of a refused change is kept; the listing shows the language. */
START_TEST(agent_set_changes_the_record)
{
	testdb_create();
	const char *adm = login("adm"), *eng = login("eng");
	testdb_agent(adm, "admin");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Eng --role %s", eng, "engineer"), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng,
			     "name='Eva Engineer' email=eva@desk.example team=client_services lang=es --json"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "\"lang\":\"es\""));
	assert_value("SELECT display_name || '|' || email || '|' || t.key || '|' || lang"
		     "  FROM agents a JOIN teams t ON t.id = a.team_id WHERE login = $1", eng,
		     "Eva Engineer|eva@desk.example|client_services|es");
	assert_value("SELECT (before ->> 'lang') || '>' || (after ->> 'lang') || ',' || (after ->> 'email')"
		     "  FROM admin_events WHERE action = 'agent.set' AND object_name = $1", eng, "en>es,eva@desk.example");
	ck_assert_int_eq(cli(adm, NULL, "admin agent list%s%s", "", ""), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "LANG"));

	/* every refused field at once, the agent unchanged */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng,
			     "name= email=nope team=nowhere lang=fr role=boss"), 65);
	assert_stderr_has("name: is required");
	assert_stderr_has("email: is malformed");
	assert_stderr_has("team: is unknown (one of ");
	assert_stderr_has("lang: must be en or es");
	assert_stderr_has("role: is unknown (one of engineer, csm, ");
	assert_value("SELECT display_name || '|' || lang FROM agents WHERE login = $1", eng, "Eva Engineer|es");
	/* an address is kept while its agent gets notifications by mail */
	ck_assert_int_eq(cli(eng, NULL, "mail notifications on%s%s", "", ""), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "email="), 65);
	assert_stderr_has("email: ");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", "nobody_at_all", "lang=es"), 65);
	assert_stderr_has("login: is unknown");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s%s", eng, ""), 64);

	/* out and back in: the login leaves its group and returns to it */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "active=no"), 0);
	assert_value("SELECT active || ',' || pg_has_role($1, 'ticketty_engineer', 'MEMBER')"
		     "  FROM agents WHERE login = $1", eng, "false,false");
	ck_assert_int_eq(cli(eng, NULL, "queue%s%s", "", ""), 77);
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "active=yes"), 0);
	assert_value("SELECT active || ',' || pg_has_role($1, 'ticketty_engineer', 'MEMBER')"
		     "  FROM agents WHERE login = $1", eng, "true,true");
	ck_assert_int_eq(cli(eng, NULL, "queue%s%s", "", ""), 0);
	assert_value("SELECT string_agg(action, ',' ORDER BY id) FROM admin_events WHERE object_name = $1", eng,
		     "agent.add,agent.set,agent.deactivate,agent.reactivate");
	/* yourself: named in words, not "the ticket itself" */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", adm, "active=no"), 65);
	assert_stderr_has("active: you cannot deactivate yourself");
	/* only admins */
	ck_assert_int_eq(cli(eng, NULL, "admin agent set %s %s", eng, "lang=en"), 77);

	/* added with its language; with one mail is not written in, not added at all */
	const char *csm = login("csm"), *bad = login("bad");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Csm --role csm --lang %s", csm, "es"), 0);
	assert_value("SELECT lang FROM agents WHERE login = $1", csm, "es");
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Bad --role csm --lang %s", bad, "fr"), 65);
	assert_stderr_has("lang: must be en or es");
	assert_value("SELECT (SELECT count(*) FROM agents WHERE login = $1) || ','"
		     "    || (SELECT count(*) FROM pg_roles WHERE rolname = $1)", bad, "0,0");
}
END_TEST

/* The groups of ticketty's roles `who` is a member of, comma-separated. */
static void assert_groups(const char *who, const char *expected)
{
	assert_value("SELECT coalesce(string_agg(g.rolname, ',' ORDER BY g.rolname), '-')"
		     "  FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
		     "  JOIN pg_roles u ON u.oid = m.member"
		     " WHERE u.rolname = $1 AND g.rolname LIKE 'ticketty\\_%'", who, expected);
}

/* A ticket of Acme Media filed by `eng` (an engineer), its id (the
 * caller frees it). */
static char *file_ticket(const char *eng)
{
	struct db *db = testdb_open(eng);
	struct tt_error err;
	tt_error_init(&err);
	char *id = db_scalar(db,
		"SELECT ticketty.api_ticket_create(jsonb_build_object("
		" 'customer', 'Acme Media', 'contact', 'carl@acme.example', 'request_type', 'ad_serving',"
		" 'reason', 'bug', 'severity', 3, 'title', 'Placements render blank',"
		" 'description', 'Blank since noon', 'impact', 'Revenue lost', 'object_ids', '4711',"
		" 'member_id', 4242, 'repro_steps', '1. open the page', 'browser', 'Firefox 128.0',"
		" 'os', 'Windows 11 23H2', 'screenshots', 'https://x.example/1.png'))", 0, NULL, &err);
	ck_assert_msg(id, "intake refused: %s", err.message ? err.message : "?");
	tt_error_clear(&err);
	db_close(db);
	return id;
}

START_TEST(agent_role_changes)
{
	testdb_create();
	const char *adm = login("adm"), *csm = login("csm"), *csm2 = login("csm2"), *eng = login("eng");
	testdb_agent(adm, "admin");
	add_csm_and_customer(csm);
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name 'Cleo Csm' --role %s", csm2, "csm"), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name 'Eli Eng' --role %s", eng, "engineer"), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin contact add 'Acme Media' --name Carl --email %s --spoc%s",
			     "carl@acme.example", ""), 0);
	/* a ticket the engineer files and is assigned, escalated to the CSM */
	char *id = file_ticket(eng);
	const char *p[2] = { eng, id };
	char *v = testdb_value("UPDATE tickets SET assignee_id = (SELECT id FROM agents WHERE login = $1)"
			       " WHERE id = $2::bigint RETURNING id", 2, p);
	free(v);
	ck_assert_int_eq(cli(eng, NULL, "escalate %s --reason %s", id, "'Revenue at stake'"), 0);
	char *want = xasprintf("resolve them or pass them up first (tickets #%s)\n", id);

	/* still the CSM of a customer and the holder of its escalation, which
	 * no other CSM of the customer could take: both named */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", csm, "role=coo"), 65);
	assert_stderr_has("role: is still a Customer Success Manager; give the customers another CSM first"
			  " (the CSM of Acme Media)");
	assert_stderr_has("role: holds open escalations that nobody else of their level can take;"
			  " add an agent for that level, resolve them or pass them up first");
	assert_stderr_has(want);
	free(want);
	assert_value("SELECT role::text FROM agents WHERE login = $1", csm, "csm");
	assert_groups(csm, "ticketty_csm");
	/* the customer gets another CSM, who takes the escalation along: the
	 * CSM becomes the COO, its login moves group at once */
	ck_assert_int_eq(cli(adm, NULL, "admin customer set 'Acme Media' csm=%s%s", csm2, ""), 0);
	const char *q[1] = { id };
	v = testdb_value("SELECT a.login || ' ' || e.state FROM escalations e JOIN agents a ON a.id = e.holder_id"
			 " WHERE e.ticket_id = $1::bigint", 1, q);
	char *holder = xasprintf("%s open", csm2);
	ck_assert_str_eq(v, holder);
	free(holder);
	free(v);
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", csm, "role=coo"), 0);
	assert_value("SELECT role::text FROM agents WHERE login = $1", csm, "coo");
	assert_groups(csm, "ticketty_coo");
	assert_value("SELECT action || ':' || (before ->> 'role') || '>' || (after ->> 'role')"
		     "  FROM admin_events WHERE object_name = $1 ORDER BY id DESC LIMIT 1", csm, "agent.role:csm>coo");
	ck_assert_int_eq(cli(csm, NULL, "escalations --level %s%s", "coo", ""), 0);

	/* an engineer with an open ticket is never a developer, who is never assigned */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "role=developer"), 65);
	assert_stderr_has("role: is never assigned tickets in that role; reassign them first (tickets #");
	assert_groups(eng, "ticketty_engineer");
	/* but may become a CSM, tickets and all */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "role=csm"), 0);
	assert_groups(eng, "ticketty_csm");
	/* a deactivated agent's new role waits for it: no group until it is back */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "active=no"), 0);
	assert_groups(eng, "-");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "role=engineer"), 0);
	assert_groups(eng, "-");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", eng, "active=yes"), 0);
	assert_groups(eng, "ticketty_engineer");

	/* nobody changes their own role (in Spanish too); only admins change any */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", adm, "role=engineer"), 65);
	assert_stderr_has("role: you cannot change your own role");
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", adm, "role=engineer"), 65);
	assert_stderr_has("role: no puede cambiar su propio rol");
	test_lang("C.UTF-8");
	assert_groups(adm, "ticketty_admin");
	ck_assert_int_eq(cli(eng, NULL, "admin agent set %s %s", csm2, "role=ceo"), 77);
	assert_value("SELECT role::text FROM agents WHERE login = $1", csm2, "csm");
	free(id);
}
END_TEST

START_TEST(policy_is_dispatched)
{
	testdb_create();
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy show --json"), 0);
	const char *p[1] = { testdb_stdout() };
	char *v = testdb_value("SELECT ($1::json IS NOT NULL)::text", 1, p);
	ck_assert_str_eq(v, "true");
	free(v);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy frobnicate"), 64);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin"), 64);
}
END_TEST

/* Where a request type goes is the admins' to change, for the next
 * intake: `admin request-type list` for every agent, `set` refused for
 * the rest (77), each refusal naming its field, each change audited. */
START_TEST(request_types_are_routed_by_admins)
{
	next_test();
	const char *eng = login("eng");
	add_csm_and_customer(login("csm"));
	ck_assert_int_eq(cli(NULL, NULL, "admin contact add 'Acme Media' --name Carla --email %s --spoc%s",
			     "carla@acme.example", ""), 0);
	ck_assert_int_eq(cli(NULL, NULL, "admin agent add %s --name 'Eve Eng' --role engineer%s", eng, ""), 0);
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin request-type list"), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(!strncmp(out, "KEY ", 4) && strstr(out, "  GOES TO ") && strstr(out, "\napp_bug ") &&
		      strstr(out, "App Support ") && strstr(out, "\nbilling ") &&
		      strstr(out, "the account representative"), "%s", out);
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin request-type list --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"key\" : \"billing\"") &&
		      strstr(testdb_stdout(), "\"account_rep\" : true"), "%s", testdb_stdout());
	/* only admins route */
	ck_assert_int_eq(testdb_cli(eng, NULL, "admin request-type set billing team=client_services"), 77);
	/* every refusal names its field */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin request-type set app_bug team=nope ui_related=maybe"), 65);
	assert_stderr_has("team: is unknown (one of ad_quality, anti_malvertising, app_support");
	assert_stderr_has("ui_related: is malformed");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin request-type set billing account_rep=no"), 65);
	assert_stderr_has("account_rep: name the team the type goes to instead (team=KEY)");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin request-type set billing team=client_services account_rep=yes"), 65);
	assert_stderr_has("not both");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin request-type set nosuch team=client_services"), 65);
	assert_stderr_has("request_type: is unknown (one of anti_malvertising, app_bug");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin request-type set billing"), 64);
	/* routed: billing to a team, ad serving to the representative */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin request-type set billing team=client_services"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin request-type set ad_serving account_rep=yes"), 0);
	const char *intake = "ticket new --set customer='Acme Media' --set contact=carla@acme.example"
			     " --set request_type=%s --set reason=bug --set severity=3 --set title=T --set description=d"
			     " --set impact=i --set object_ids=1 --set member_id=4242 --set repro_steps=r"
			     " --set browser='FF 1' --set os='L 1'%s";
	ck_assert_int_eq(cli(eng, NULL, intake, "billing", ""), 0);
	char *id = xstrdup(testdb_stdout());
	id[strcspn(id, "\n")] = '\0';
	assert_value("SELECT tm.key FROM tickets t JOIN teams tm ON tm.id = t.team_id WHERE t.id = $1::bigint",
		     id, "client_services");
	free(id);
	ck_assert_int_eq(cli(eng, NULL, intake, "ad_serving", ""), 65);
	assert_stderr_has("request_type: goes to the account representative");
	assert_stderr_has("Rita Rep <rita@sales.example>");
	/* audited, before and after */
	assert_value("SELECT string_agg(action || ':' || object_name || ':' || coalesce(before->>'team', 'rep') || '>'"
		     " || coalesce(after->>'team', 'rep'), ',' ORDER BY id) FROM admin_events"
		     " WHERE object_kind = 'request_type'", NULL,
		     "request_type.set:billing:rep>client_services,request_type.set:ad_serving:client_services>rep");
}
END_TEST

/* The representative's language can be given when the customer is added
 * (it could only be set afterwards): en by default, refused unless en or es. */
START_TEST(customer_add_takes_the_representatives_language)
{
	next_test();
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add 'Fr Co' --member-id 7101 --plan basic"
				    " --account-rep 'Rémi Rep <remi@sales.example>' --account-rep-lang fr"), 65);
	assert_stderr_has("account_rep_lang:");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add 'Es Co' --member-id 7102 --plan basic"
				    " --account-rep 'Rosa Rep <rosa@sales.example>' --account-rep-lang es"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add 'En Co' --member-id 7103 --plan basic"), 0);
	assert_value("SELECT string_agg(name || ':' || account_rep_lang, ',' ORDER BY member_id) FROM customers"
		     " WHERE member_id > 7100", NULL, "Es Co:es,En Co:en");
	assert_value("SELECT after->>'account_rep_lang' FROM admin_events WHERE action = 'customer.add'"
		     " AND object_name = 'Es Co'", NULL, "es");
}
END_TEST

/* Who holds the live escalations and in which state, "login state" per
 * ticket in ticket order. */
static void assert_live_holders(const char *expected)
{
	assert_value("SELECT string_agg(a.login || ' ' || e.state, ',' ORDER BY e.ticket_id)"
		     "  FROM escalations e JOIN agents a ON a.id = e.holder_id"
		     " WHERE e.state IN ('open', 'acknowledged')", NULL, expected);
}

/* Deactivating an agent runs the checks of leaving its role: the only CEO,
 * holding escalations nobody else of the level can take, is refused with
 * the role change's code and words, naming the tickets, by `agent
 * deactivate` and by `agent set active=no`, and stays as it was; with
 * another CEO the levels go to that one, as they do on a role change. */
START_TEST(deactivating_the_only_ceo_holding_escalations_is_refused)
{
	testdb_create();
	const char *adm = login("adm"), *csm = login("csm"), *eng = login("eng"), *coo = login("coo"),
		   *ceo = login("ceo"), *ceo2 = login("ceo2");
	testdb_agent(adm, "admin");
	add_csm_and_customer(csm);
	testdb_agent(eng, "engineer");
	testdb_agent(coo, "coo");
	testdb_agent(ceo, "ceo");
	ck_assert_int_eq(cli(adm, NULL, "admin contact add 'Acme Media' --name Carl --email %s --spoc%s",
			     "carl@acme.example", ""), 0);
	char *t1 = file_ticket(eng), *t2 = file_ticket(eng);
	const char *ids[2] = { t1, t2 };
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(cli(eng, NULL, "escalate %s --reason %s", ids[i], "'Revenue at stake'"), 0);
		ck_assert_int_eq(cli(csm, NULL, "escalation up %s --message %s", ids[i], "'needs operations'"), 0);
		ck_assert_int_eq(cli(coo, NULL, "escalation up %s --message %s", ids[i], "'needs the CEO'"), 0);
	}
	char *holders = xasprintf("%s open,%s open", ceo, ceo);
	assert_live_holders(holders);
	free(holders);
	char *tickets = xasprintf("nobody else of their level can take; add an agent for that level,"
				  " resolve them or pass them up first (tickets #%s, #%s)\n", t1, t2);

	/* the model: the role change is refused */
	int role_rc = cli(adm, NULL, "admin agent set %s %s", ceo, "role=coo");
	ck_assert_int_eq(role_rc, 65);
	assert_stderr_has("role: holds open escalations that ");
	assert_stderr_has(tickets);
	/* and so is deactivating it, both ways, with the same code */
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", ceo, ""), role_rc);
	assert_stderr_has("ticketty: agent not deactivated\n");
	assert_stderr_has("login: holds open escalations that ");
	assert_stderr_has(tickets);
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", ceo, "active=no"), role_rc);
	assert_stderr_has("active: holds open escalations that ");
	assert_stderr_has(tickets);
	free(tickets);
	/* nothing changed: the CEO still works and holds both */
	assert_value("SELECT active::text FROM agents WHERE login = $1", ceo, "true");
	assert_groups(ceo, "ticketty_ceo");
	holders = xasprintf("%s open,%s open", ceo, ceo);
	assert_live_holders(holders);
	free(holders);
	assert_value("SELECT count(*)::text FROM admin_events WHERE object_name = $1", ceo, "0");
	ck_assert_int_eq(cli(ceo, NULL, "escalations --level %s%s", "ceo", ""), 0);

	/* with another CEO the levels go to that one and the first may leave */
	testdb_agent(ceo2, "ceo");
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", ceo, ""), 0);
	assert_value("SELECT active::text FROM agents WHERE login = $1", ceo, "false");
	assert_groups(ceo, "-");
	holders = xasprintf("%s open,%s open", ceo2, ceo2);
	assert_live_holders(holders);
	free(holders);
	assert_value("SELECT string_agg(details->>'cause', ',' ORDER BY id) FROM ticket_events"
		     " WHERE kind = 'escalation.handed' AND details->>'from' = $1", ceo, "deactivated,deactivated");
	assert_value("SELECT string_agg(action, ',' ORDER BY id) FROM admin_events WHERE object_name = $1", ceo,
		     "agent.deactivate");
	/* the new CEO resolves what the first left */
	ck_assert_int_eq(cli(ceo2, NULL, "escalation resolve %s --message %s", t1, "'settled'"), 0);
	free(t1);
	free(t2);
}
END_TEST

/* A customer's CSM is deactivated only once the customer has another CSM
 * (who takes its escalations along): refused before, by `agent deactivate`
 * and by `agent set active=no`, naming the customer and the tickets; the
 * customer can then still be escalated to its CSM. */
START_TEST(deactivating_a_customers_csm_is_refused)
{
	testdb_create();
	const char *adm = login("adm"), *csm = login("csm"), *csm2 = login("csm2"), *eng = login("eng");
	testdb_agent(adm, "admin");
	add_csm_and_customer(csm);
	testdb_agent(csm2, "csm");
	testdb_agent(eng, "engineer");
	ck_assert_int_eq(cli(adm, NULL, "admin contact add 'Acme Media' --name Carl --email %s --spoc%s",
			     "carl@acme.example", ""), 0);
	char *t1 = file_ticket(eng);
	ck_assert_int_eq(cli(eng, NULL, "escalate %s --reason %s", t1, "'Revenue at stake'"), 0);
	char *held = xasprintf("nobody else of their level can take; add an agent for that level,"
			       " resolve them or pass them up first (tickets #%s)\n", t1);
	const char *customer = "is still a Customer Success Manager; give the customers another CSM first"
			       " (the CSM of Acme Media)\n";

	/* the model: the role change is refused, naming both */
	int role_rc = cli(adm, NULL, "admin agent set %s %s", csm, "role=engineer");
	ck_assert_int_eq(role_rc, 65);
	/* deactivating it alike, both ways */
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", csm, ""), role_rc);
	char *want = xasprintf("login: %s", customer);
	assert_stderr_has(want);
	free(want);
	assert_stderr_has("login: holds open escalations that ");
	assert_stderr_has(held);
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", csm, "active=no"), role_rc);
	want = xasprintf("active: %s", customer);
	assert_stderr_has(want);
	free(want);
	assert_stderr_has("active: holds open escalations that ");
	assert_stderr_has(held);
	free(held);
	/* along with another change, nothing of it is kept */
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", csm, "active=no lang=es"), role_rc);
	assert_value("SELECT active || ',' || lang FROM agents WHERE login = $1", csm, "true,en");
	assert_groups(csm, "ticketty_csm");
	char *holder = xasprintf("%s open", csm);
	assert_live_holders(holder);
	free(holder);
	assert_value("SELECT count(*)::text FROM admin_events WHERE action LIKE 'agent.%' AND object_name = $1",
		     csm, "1");   /* agent.add */

	/* the customer gets another CSM, who takes the escalation; then the
	 * first may go */
	ck_assert_int_eq(cli(adm, NULL, "admin customer set 'Acme Media' csm=%s%s", csm2, ""), 0);
	holder = xasprintf("%s open", csm2);
	assert_live_holders(holder);
	free(holder);
	ck_assert_int_eq(cli(adm, NULL, "admin agent set %s %s", csm, "active=no"), 0);
	assert_value("SELECT active::text FROM agents WHERE login = $1", csm, "false");
	assert_groups(csm, "-");
	assert_value("SELECT string_agg(action, ',' ORDER BY id) FROM admin_events WHERE object_name = $1", csm,
		     "agent.add,agent.deactivate");
	/* the customer is still escalated to its (new) CSM */
	char *t2 = file_ticket(eng);
	ck_assert_int_eq(cli(eng, NULL, "escalate %s --reason %s", t2, "'Again'"), 0);
	holder = xasprintf("%s open,%s open", csm2, csm2);
	assert_live_holders(holder);
	free(holder);
	/* a CSM of no customer holding nothing is deactivated at once */
	ck_assert_int_eq(cli(adm, NULL, "admin agent add %s --name Cid --role %s", login("csm3"), "csm"), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin agent deactivate %s%s", login("csm3"), ""), 0);
	free(t1);
	free(t2);
}
END_TEST

/* The desk's mail settings and templates are audited like every other
 * admin change: `mail policy KEY VALUE` as mail_policy.set, `admin
 * template set` as template.set, each with the value before and after,
 * shown by `admin audit`; an unchanged or refused value writes nothing. */
START_TEST(mail_policy_and_templates_are_audited)
{
	testdb_create();
	const char *adm = login("adm");
	testdb_agent(adm, "admin");
	char *subject = testdb_value("SELECT subject FROM mail_templates WHERE kind = 'reply' AND lang = 'en'", 0,
				     NULL);
	char *body = testdb_value("SELECT body FROM mail_templates WHERE kind = 'reply' AND lang = 'en'", 0, NULL);

	ck_assert_int_eq(cli(adm, NULL, "mail policy %s %s", "from_address", "desk@example.com"), 0);
	assert_value("SELECT action || ' ' || object_kind || ' ' || object_name || ' ' || before::text || ' > '"
		     "    || after::text FROM admin_events WHERE actor_login = $1", adm,
		     "mail_policy.set mail_policy from_address {\"from_address\": \"support@ticketty.invalid\"}"
		     " > {\"from_address\": \"desk@example.com\"}");
	/* the same value again, or one refused: no row */
	ck_assert_int_eq(cli(adm, NULL, "mail policy %s %s", "from_address", "desk@example.com"), 0);
	ck_assert_int_eq(cli(adm, NULL, "mail policy %s %s", "from_address", "not-an-address"), 65);
	assert_value("SELECT count(*)::text FROM admin_events WHERE actor_login = $1", adm, "1");

	ck_assert_int_eq(cli(adm, "Hello {{contact}},\n\n{{message}}\n", "admin template set reply en --subject %s%s",
			     "'Re: {{title}}'", ""), 0);
	assert_value("SELECT action || ' ' || object_kind || ' ' || object_name FROM admin_events"
		     " WHERE actor_login = $1 ORDER BY id DESC LIMIT 1", adm, "template.set mail_template reply/en");
	assert_value("SELECT before->>'subject' FROM admin_events WHERE action = 'template.set'", NULL, subject);
	assert_value("SELECT before->>'body' FROM admin_events WHERE action = 'template.set'", NULL, body);
	assert_value("SELECT (after->>'subject') || '|' || (after->>'body') FROM admin_events"
		     " WHERE action = 'template.set'", NULL, "Re: {{title}}|Hello {{contact}},\n\n{{message}}\n");
	ck_assert_int_eq(cli(adm, "Hello {{contact}},\n\n{{message}}\n", "admin template set reply en --subject %s%s",
			     "'Re: {{title}}'", ""), 0);
	ck_assert_int_eq(cli(adm, "x", "admin template set nosuch en --subject %s%s", "s", ""), 65);
	assert_value("SELECT count(*)::text FROM admin_events WHERE actor_login = $1", adm, "2");

	/* `admin audit` shows both, newest first, before and after */
	ck_assert_int_eq(cli(adm, NULL, "admin audit%s%s", "", ""), 0);
	const char *out = testdb_stdout();
	const char *tpl = strstr(out, "template.set");
	const char *pol = strstr(out, "mail_policy.set");
	ck_assert_msg(tpl && pol && tpl < pol, "admin audit:\n%s", out);
	ck_assert_msg(strstr(tpl, "reply/en\n    before: {\"body\": ") &&
		      strstr(tpl, "\n    after: {\"body\": \"Hello {{contact}},\\n\\n{{message}}\\n\"") &&
		      strstr(tpl, "\"subject\": \"Re: {{title}}\"}"), "admin audit:\n%s", out);
	ck_assert_msg(strstr(pol, "from_address\n    before: {\"from_address\": \"support@ticketty.invalid\"}\n"
				  "    after: {\"from_address\": \"desk@example.com\"}\n"), "admin audit:\n%s", out);
	ck_assert_int_eq(cli(adm, NULL, "admin audit --json%s%s", "", ""), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"action\" : \"mail_policy.set\"") &&
		      strstr(testdb_stdout(), "\"action\" : \"template.set\""), "%s", testdb_stdout());
	free(subject);
	free(body);
}
END_TEST

/* `admin audit` shows of a change the fields it changed, before and
 * after, not the whole record twice: a customer's plan, an agent's team,
 * a policy load that moves the calendar to another zone (which printed
 * every hour, holiday rule and SLA target of the policy twice, 2,000
 * characters a line); an add keeps the whole new record. --json keeps
 * both records whole. */
START_TEST(audit_shows_what_changed)
{
	testdb_create();
	next_test();
	const char *adm = login("adm");
	testdb_agent(adm, "admin");
	ck_assert_int_eq(cli(adm, NULL, "admin customer add 'Plan Co' --member-id 78 --plan %s%s", "premium", ""), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin customer set 'Plan Co' plan=%s%s", "basic", ""), 0);
	ck_assert_int_eq(cli(adm, NULL, "admin policy show --conf%s%s", "", ""), 0);
	char *conf = xstrdup(testdb_stdout());
	char *zone = strstr(conf, "America/New_York");
	ck_assert_ptr_nonnull(zone);
	memcpy(zone, "America/Chicago\"", 16);
	memmove(zone + 16, zone + 17, strlen(zone + 17) + 1);
	ck_assert_int_eq(cli(adm, conf, "admin policy load -%s%s", "", ""), 0);
	free(conf);

	ck_assert_int_eq(cli(adm, NULL, "admin audit%s%s", "", ""), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(strstr(out, "policy.load             default\n"
				  "    before: {\"time_zone\": \"America/New_York\"}\n"
				  "    after: {\"time_zone\": \"America/Chicago\"}\n"), "admin audit:\n%.1500s", out);
	ck_assert_msg(strstr(out, "customer.set            Plan Co\n"
				  "    before: {\"plan\": \"premium\"}\n"
				  "    after: {\"plan\": \"basic\"}\n"), "admin audit:\n%.1500s", out);
	ck_assert_msg(strstr(out, "customer.add            Plan Co\n    before: -\n"
				  "    after: {\"csm\": null, \"name\": \"Plan Co\", \"plan\": \"premium\""),
		      "admin audit:\n%.1500s", out);
	ck_assert_msg(!strstr(out, "first_response"), "admin audit:\n%.1500s", out);
	/* the JSON keeps the records whole */
	ck_assert_int_eq(cli(adm, NULL, "admin audit --json%s%s", "", ""), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"first_response\"") &&
		      strstr(testdb_stdout(), "\"member_id\": 78"), "%.1500s", testdb_stdout());
}
END_TEST

/* `admin customer list` says which customers are deactivated, as the
 * agent and contact lists do: a note line under the row (the JSON has
 * "active"). A deactivated customer read exactly like a live one. */
START_TEST(customer_list_shows_deactivated)
{
	testdb_create();
	next_test();
	const char *csm = login("csm");
	add_csm_and_customer(csm);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer add 'Basic Co' --member-id 77 --plan basic"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer deactivate 'Basic Co'"), 0);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer list"), 0);
	const char *out = testdb_stdout();
	const char *basic = strstr(out, "Basic Co"), *acme = strstr(out, "Acme Media");
	ck_assert_msg(basic && acme, "stdout: %s", out);
	const char *after_basic = strchr(basic, '\n'), *after_acme = strchr(acme, '\n');
	ck_assert_msg(after_basic && !strncmp(after_basic, "\n    deactivated\n", 17), "stdout: %s", out);
	ck_assert_msg(after_acme && strncmp(after_acme, "\n    deactivated", 16), "stdout: %s", out);
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin customer list"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\n    desactivado\n"), "stdout: %s", testdb_stdout());
	test_lang("C.UTF-8");
}
END_TEST

static Suite *admin_suite(void)
{
	Suite *s = suite_create("admin");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, next_test, NULL);
	tcase_add_test(tc, agent_add_creates_login_role_and_row);
	tcase_add_test(tc, agent_add_password_from_stdin);
	tcase_add_test(tc, customer_fields_are_stored);
	tcase_add_test(tc, contact_language);
	tcase_add_test(tc, customer_refusals_name_each_field);
	tcase_add_test(tc, contact_refusals_name_each_field);
	tcase_add_test(tc, contact_phone_is_plausible);
	tcase_add_test(tc, agent_refusals_name_each_field);
	tcase_add_test(tc, only_admins_and_superusers_may_administer);
	tcase_add_test(tc, deactivate_agent);
	tcase_add_test(tc, deactivated_agents_tickets_return_to_the_queue);
	tcase_add_test(tc, agent_set_inactive_returns_tickets_to_the_queue);
	tcase_add_test(tc, agent_set_changes_the_record);
	tcase_add_test(tc, agent_role_changes);
	tcase_add_test(tc, policy_is_dispatched);
	tcase_add_test(tc, request_types_are_routed_by_admins);
	tcase_add_test(tc, customer_add_takes_the_representatives_language);
	tcase_add_test(tc, deactivating_the_only_ceo_holding_escalations_is_refused);
	tcase_add_test(tc, deactivating_a_customers_csm_is_refused);
	tcase_add_test(tc, mail_policy_and_templates_are_audited);
	tcase_add_test(tc, customer_list_shows_deactivated);
	tcase_add_test(tc, audit_shows_what_changed);
	tcase_add_test(tc, agent_add_refuses_the_superuser_and_the_owner);
	tcase_add_test(tc, leaving_a_customer_without_a_spoc_is_said);
	tcase_add_test(tc, last_agent_of_a_team_leaving_is_said);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(admin_suite)
