/* Database tests for `ticketty ticket ...` run as the real binary under
 * agent login roles: the actions and their exit codes (64 usage, 65 bad
 * data / not found / a refused transition, 75 stale, 77 not an agent), messages from stdin,
 * `show` as sanitised text and as PostgreSQL-made JSON, take-next. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "ticket_fixture.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static long long setup(int n)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);   /* a Wednesday, 10:00 in New York */
	fixture_customer();
	testdb_agent("alice", "engineer");
	testdb_agent("bob", "engineer");
	return fixture_tickets(n, "app_support");
}

static int cli(const char *login, const char *input, const char *fmt, long long id, const char *rest)
{
	char *args = xasprintf(fmt, id, rest ? rest : "");
	int rc = testdb_cli(login, input, args);
	free(args);
	return rc;
}

static void assert_col(long long id, const char *expr, const char *want)
{
	char *v = fixture_col(id, expr);
	ck_assert_msg(v && !strcmp(v, want), "%s: want %s, got %s", expr, want, v ? v : "NULL");
	free(v);
}

START_TEST(actions_and_versions)
{
	long long id = setup(1);
	ck_assert_int_eq(cli("alice", NULL, "ticket ack %lld --message 'On it' --version 1%s", id, NULL), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "version 2"));
	ck_assert_int_eq(cli("alice", NULL, "ticket status %lld in_progress%s", id, NULL), 0);
	ck_assert_int_eq(cli("alice", NULL, "ticket status %lld waiting_engineering --bug ENG-7 --version 3%s",
			     id, NULL), 0);
	/* bob looked at version 2: refused with who changed what, ticket unchanged */
	ck_assert_int_eq(cli("bob", NULL, "ticket note %lld -m 'mine' --version 2%s", id, NULL), 75);
	ck_assert_msg(strstr(testdb_stderr(), "changed since version 2") &&
			      strstr(testdb_stderr(), "alice set status to in progress") &&
			      strstr(testdb_stderr(), "alice set status to waiting on engineering") &&
			      strstr(testdb_stderr(), "now version 4"),
		      "stderr: %s", testdb_stderr());
	/* when, in the desk's time with its day and zone (10:00 in New York),
	 * not the server's UTC hour alone ("at 15:00") */
	ck_assert_msg(strstr(testdb_stderr(), "alice set status to in progress at Nov 18 10:") &&
			      strstr(testdb_stderr(), " EST; alice set status to waiting on engineering at Nov 18 10:"),
		      "stderr: %s", testdb_stderr());
	ck_assert_str_eq(testdb_stdout(), "");
	assert_col(id, "version || ' ' || status", "4 waiting_engineering");
	assert_col(id, "(SELECT count(*) FROM comments WHERE ticket_id = tickets.id)", "1");
	/* the text of a reply may come from stdin */
	ck_assert_int_eq(cli("bob", "From stdin\nsecond line\n", "ticket reply %lld --version 4%s", id, NULL), 0);
	assert_col(id, "(SELECT body FROM comments WHERE ticket_id = tickets.id ORDER BY id DESC LIMIT 1)",
		   "From stdin\nsecond line\n");
	ck_assert_int_eq(cli("bob", NULL, "ticket take %lld%s", id, NULL), 0);
	ck_assert_int_eq(cli("bob", NULL, "ticket assign %lld alice%s", id, NULL), 0);
	assert_col(id, "(SELECT login FROM agents WHERE id = assignee_id)", "alice");
	ck_assert_int_eq(cli("alice", NULL, "ticket resolve %lld --message 'Fixed'%s", id, NULL), 0);
	ck_assert_int_eq(cli("alice", NULL, "ticket reopen %lld -m 'Not fixed'%s", id, NULL), 0);
	/* resolving needs a resolution message: none given, none read, nothing changes */
	ck_assert_int_ne(cli("alice", NULL, "ticket resolve %lld%s", id, NULL), 0);
	assert_col(id, "status", "in_progress");
	ck_assert_int_eq(cli("alice", "Fixed for good\n", "ticket resolve %lld%s", id, NULL), 0);
	ck_assert_int_eq(cli("alice", NULL, "ticket close %lld%s", id, NULL), 0);
	assert_col(id, "status", "closed");
	ck_assert_int_eq(cli("alice", NULL, "ticket reopen %lld%s", id, NULL), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "resolved"));
	assert_col(id, "(SELECT count(*) FROM ticket_events WHERE ticket_id = tickets.id)", "10");
}
END_TEST

START_TEST(exit_codes)
{
	long long id = setup(1);
	/* 64: usage */
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket frobnicate 1"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take abc"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take 1 2"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take 1 --version x"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take 1 --bug B"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket assign 1"), 64);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket show"), 64);
	/* a bad option is named once, in the reader's words (getopt's own
	 * English line came first for report, sla and db) */
	ck_assert_int_eq(testdb_cli("alice", NULL, "report sla --weeks 2"), 64);
	ck_assert_msg(!strstr(testdb_stderr(), "unrecognized") &&
		      strstr(testdb_stderr(), "ticketty: unknown option '--weeks'\n"),
		      "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("alice", NULL, "sla explain 1 --x"), 64);
	ck_assert_msg(!strstr(testdb_stderr(), "unrecognized") &&
		      strstr(testdb_stderr(), "unknown option '--x'\n"), "%s", testdb_stderr());
	/* an unknown status or team filter says what may be given */
	ck_assert_int_eq(testdb_cli("alice", NULL, "queue --status open"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "ticketty: unknown status 'open'\nstatus: is unknown (one of new,"
					      " acknowledged, in_progress, waiting_customer, waiting_engineering,"
					      " resolved, closed)\n"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("alice", NULL, "queue --team support"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "ticketty: unknown team 'support'\nteam: is unknown (one of ") &&
		      strstr(testdb_stderr(), "client_services"), "%s", testdb_stderr());
	/* bytes that are no UTF-8 (a script in Latin-1): said so, with what to
	 * check and which argument, exit 65, before anything is sent; not the
	 * server's bare "invalid byte sequence" */
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket assign 1 \"$(printf 'caf\\351')\""), 65);
	ck_assert_msg(strstr(testdb_stderr(), "an argument is not UTF-8 text, so nothing was sent: check the "
					      "character set of the terminal or script that gave it\n"
					      "argument 3: is not valid UTF-8\n"),
		      "%s", testdb_stderr());
	/* a message, reason or body given as an argument is one too: its
	 * option named; read from standard input, cli_message names its field */
	ck_assert_int_eq(testdb_cli("alice", NULL, "escalate 1 --reason \"$(printf 'caf\\351')\""), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\n--reason: is not valid UTF-8\n"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli_bytes("alice", "x\xff", 2, "ticket note 1"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the note was not sent\nmessage: is not valid UTF-8\n"),
		      "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket reply 1 -m \"$(printf 'caf\\351')\""), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\n-m: is not valid UTF-8\n"), "%s", testdb_stderr());
	/* an empty or blank text is invalid data (65), the field named as
	 * `ticket set` names a missing reason; the hint names the option
	 * each command takes */
	ck_assert_int_eq(testdb_cli("alice", "", "ticket note 1"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the note is empty: give --message TEXT") &&
			      strstr(testdb_stderr(), "\nmessage: is required\n"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("alice", " \n\t\n", "ticket note 1"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nmessage: is required\n"));
	/* in Spanish whatever the text's gender ("la nota está vacío" read
	 * wrong): no text in it */
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	ck_assert_int_eq(testdb_cli("alice", "", "ticket note 1"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "no hay texto en la nota: indique --message TEXTO o escríbalo"),
		      "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("alice", "", "ticket status 1 waiting_customer --message -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "no hay texto en la pregunta al cliente: indique --message"),
		      "%s", testdb_stderr());
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket resolve 1 </dev/null"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nmessage: is required\n"));
	ck_assert_int_eq(testdb_cli("alice", "", "escalate 1"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the reason is empty: give --reason TEXT") &&
			      strstr(testdb_stderr(), "\nreason: is required\n"), "%s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("alice", "", "escalation up 1"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "\nmessage: is required\n"));
	ck_assert_int_eq(testdb_cli("alice", " \n", "canned set hi --lang en --title Hi"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "the canned reply is empty: give --body TEXT") &&
			      strstr(testdb_stderr(), "\nbody: is required\n"), "%s", testdb_stderr());
	/* a NUL byte read from stdin would cut the text: refused whole, named */
	char *args = xasprintf("ticket note %lld", id);
	ck_assert_int_eq(testdb_cli_bytes("alice", "kept\0lost\n", 10, args), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "message: "));
	free(args);
	args = xasprintf("ticket reply %lld", id);
	ck_assert_int_eq(testdb_cli_bytes("alice", "kept\0lost\n", 10, args), 65);
	free(args);
	/* --message - reads stdin too, NUL and all (it was sent as the text "-") */
	args = xasprintf("ticket reply %lld --message -", id);
	ck_assert_int_eq(testdb_cli_bytes("alice", "kept\0lost\n", 10, args), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "message: "));
	free(args);
	args = xasprintf("escalate %lld", id);
	ck_assert_int_eq(testdb_cli_bytes("alice", "why\0not\n", 8, args), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
	free(args);
	args = xasprintf("escalate %lld --reason -", id);
	ck_assert_int_eq(testdb_cli_bytes("alice", "why\0not\n", 8, args), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "reason: "));
	free(args);
	char *comments = testdb_value("SELECT count(*) FROM comments", 0, NULL);
	ck_assert_str_eq(comments, "0");
	free(comments);
	args = xasprintf("ticket note %lld --message -", id);
	ck_assert_int_eq(testdb_cli_bytes("alice", "From a script.\n", 15, args), 0);
	free(args);
	testdb_expect("SELECT string_agg(body, '|') FROM comments", "From a script.\n");
	/* 65: not found, bad fields (each named) */
	ck_assert_int_eq(cli("alice", NULL, "ticket take %lld%s", id + 100, NULL), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "not found"));
	ck_assert_int_eq(cli("alice", NULL, "ticket show %lld%s", id + 100, NULL), 65);
	ck_assert_int_eq(cli("alice", NULL, "ticket show %lld --json%s", id + 100, NULL), 65);
	ck_assert_int_eq(cli("alice", NULL, "ticket assign %lld ghost%s", id, NULL), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "assignee: "));
	ck_assert_int_eq(cli("alice", NULL, "ticket status %lld nonsense%s", id, NULL), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "status: "));
	ck_assert_int_eq(cli("alice", NULL, "ticket ack %lld -m hi%s", id, NULL), 0);
	ck_assert_int_eq(cli("alice", NULL, "ticket status %lld in_progress%s", id, NULL), 0);
	ck_assert_int_eq(cli("alice", NULL, "ticket status %lld waiting_engineering%s", id, NULL), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "bug_ref: "));
	/* 65: a transition the state machine refuses (no retry makes it) */
	ck_assert_int_eq(cli("alice", NULL, "ticket close %lld%s", id, NULL), 65);
	ck_assert_msg(strstr(testdb_stderr(), "in progress -> closed is not allowed"), "%s", testdb_stderr());
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "status: "));
	/* 75: stale version */
	ck_assert_int_eq(cli("alice", NULL, "ticket take %lld --version 1%s", id, NULL), 75);
	/* 77: not an agent */
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mallory') THEN"
		   " CREATE ROLE mallory LOGIN IN ROLE ticketty_engineer; END IF; END $$");
	ck_assert_int_eq(cli("mallory", NULL, "ticket take %lld%s", id, NULL), 77);
	ck_assert_int_eq(cli("mallory", NULL, "ticket note %lld -m x%s", id, NULL), 77);
	assert_col(id, "version", "4"); /* the note read from stdin, ack, in_progress */
}
END_TEST

/* Issue 16: failures that are the environment's or the input's, never an
 * internal error (70): a read-only session (69), a conninfo libpq cannot
 * parse (78), JSON nested deeper than anything a ticket holds (65). */
START_TEST(errors_are_named_never_internal)
{
	long long id = setup(1);
	/* in this test's database only: roles are shared by the whole cluster */
	char *dbname = testdb_value("SELECT current_database()", 0, NULL);
	char *sql = xasprintf("ALTER ROLE alice IN DATABASE \"%s\" SET default_transaction_read_only = on",
			      dbname);
	testdb_sql(sql);
	free(sql);
	ck_assert_int_eq(cli("alice", NULL, "ticket note %lld -m 'kept?'%s", id, NULL), 69);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "read-only"));
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "default_transaction_read_only"));
	sql = xasprintf("ALTER ROLE alice IN DATABASE \"%s\" RESET default_transaction_read_only", dbname);
	testdb_sql(sql);
	free(sql);
	free(dbname);
	ck_assert_int_eq(cli("alice", NULL, "ticket note %lld -m 'kept'%s", id, NULL), 0);

	/* a later --db replaces the suite's own */
	static const char *const bad_conninfo[] = {
		"dbname=x bogus", "dbname=x nosuch=1", "dbname='x", "postgresql://[bad", NULL,
	};
	for (int i = 0; bad_conninfo[i]; i++) {
		char *args = xasprintf("--db \"%s\" ticket show 1", bad_conninfo[i]);
		ck_assert_msg(testdb_cli("alice", NULL, args) == 78, "%s", bad_conninfo[i]);
		ck_assert_ptr_nonnull(strstr(testdb_stderr(), "connection string"));
		free(args);
	}

	/* 100,000 levels: refused by the client, naming the field */
	struct strbuf deep;
	sb_init(&deep);
	sb_add(&deep, "{\"title\": ");
	for (int i = 0; i < 100000; i++)
		sb_addc(&deep, '[');
	for (int i = 0; i < 100000; i++)
		sb_addc(&deep, ']');
	sb_add(&deep, "}");
	char *before = testdb_value("SELECT count(*) FROM tickets", 0, NULL);
	ck_assert_int_eq(testdb_cli("alice", deep.buf, "ticket new --json -"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "title: is nested too deeply"));
	ck_assert_ptr_null(strstr(testdb_stderr(), "max_stack_depth"));
	char *after = testdb_value("SELECT count(*) FROM tickets", 0, NULL);
	ck_assert_str_eq(before, after);
	free(before);
	free(after);

	/* and by the server (any path): invalid data, without the DBA's hint */
	struct db *db = testdb_open("alice");
	struct tt_error err;
	tt_error_init(&err);
	const char *p[1] = { deep.buf + strlen("{\"title\": ") };
	deep.buf[deep.len - 1] = '\0';
	ck_assert_ptr_null(db_exec(db, "SELECT $1::jsonb", 1, p, &err));
	ck_assert_int_eq(err.code, 65);
	ck_assert_str_eq(err.sqlstate, "54001");
	ck_assert_ptr_nonnull(strstr(err.message, "nested too deeply"));
	ck_assert_ptr_null(err.hint);
	tt_error_clear(&err);
	db_close(db);
	sb_done(&deep);
}
END_TEST

/* No C0 control (JSON escapes those anyway), DEL or C1 character raw in out. */
static void no_raw_controls(const char *out, const char *what)
{
	for (const unsigned char *c = (const unsigned char *)out; *c; c++) {
		bool c1 = c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f;
		ck_assert_msg(!c1 && *c != 0x7f && (*c >= 0x20 || *c == '\n'),
			      "%s: raw control character at offset %td:\n%s", what,
			      (const char *)c - out, out);
	}
}

START_TEST(show_text_and_json)
{
	long long id = setup(1);
	testdb_sql("UPDATE tickets SET title = 'Evil \x1b]0;pwned\x07 title\x7f\xc2\x85\xc2\x9b" "2J',"
		   " description = E'line one\\nline \\u202Etwo'");
	ck_assert_int_eq(cli("alice", NULL, "ticket note %lld -m 'inside \x1b[2J job'%s", id, NULL), 0);
	ck_assert_int_eq(cli("bob", NULL, "ticket show %lld%s", id, NULL), 0);
	const char *out = testdb_stdout();
	ck_assert_msg(!strchr(out, '\x1b') && !strchr(out, '\x07'), "raw control characters in:\n%s", out);
	ck_assert_ptr_nonnull(strstr(out, "Acme Media"));
	ck_assert_ptr_nonnull(strstr(out, "App Support"));
	ck_assert_ptr_nonnull(strstr(out, "Carla Contact"));
	ck_assert_ptr_nonnull(strstr(out, "  line one\n"));
	ck_assert_ptr_null(strstr(out, "\u202E"));
	ck_assert_ptr_nonnull(strstr(out, "inside ^[[2J job"));
	ck_assert_ptr_nonnull(strstr(out, "\nFirst response        due "));

	ck_assert_int_eq(cli("bob", NULL, "ticket show %lld --json%s", id, NULL), 0);
	const char *p[1] = { testdb_stdout() };
	char *v = testdb_value(
		"SELECT ($1::jsonb ?& ARRAY['id','status','severity','customer','team','request_type',"
		" 'reason','title','created_at','first_response_due','acknowledged_at','sla_state',"
		 " 'escalation_level','assignee','version','escalations','timeline','deadlines'])"
		" || ' ' || ($1::jsonb->>'status') || ' ' || ($1::jsonb->>'customer')"
		" || ' ' || ($1::jsonb->>'team') || ' ' || ($1::jsonb->>'version')"
		" || ' ' || jsonb_array_length($1::jsonb->'timeline')"
		" || ' ' || ($1::jsonb->>'title')", 1, p);
	ck_assert_str_eq(v, "true new Acme Media app_support 2 2 Evil \x1b]0;pwned\x07 title\x7f\xc2\x85\xc2\x9b" "2J");
	free(v);
	/* ... yet the JSON text holds no raw DEL or C1 character (\uXXXX instead) */
	no_raw_controls(testdb_stdout(), "ticket show --json");
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "title\\u007f\\u0085\\u009b2J"));
	/* sla_state is the SLA module's verdict on the ticket */
	v = testdb_value("SELECT ($1::jsonb->>'sla_state') = (SELECT (ticket_sla(t)).state FROM tickets t"
			 " WHERE t.id = ($1::jsonb->>'id')::bigint)", 1, p);
	ck_assert_str_eq(v, "t");
	free(v);
	ck_assert_int_eq(testdb_cli("bob", NULL, "queue --json"), 0);
	no_raw_controls(testdb_stdout(), "queue --json");
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "title\\u007f\\u0085\\u009b2J"));
}
END_TEST

/* The line of out that starts with `start` (a static copy), or "" when none. */
static const char *line_starting(const char *out, const char *start)
{
	static char buf[4096];
	for (const char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (!strncmp(l, start, strlen(start))) {
			size_t n = strcspn(l, "\n");
			snprintf(buf, sizeof(buf), "%.*s", (int)(n < sizeof(buf) ? n : sizeof(buf) - 1), l);
			return buf;
		}
	}
	return "";
}

/* A line break in a one-line field (the title, the browser, an
 * escalation's reason) forges no line of `ticket show`: it shows on the
 * field's own line, visibly (as the queue shows it), not as a status line
 * above the real one or a row of its own. */
START_TEST(show_one_line_fields_forge_no_lines)
{
	long long id = setup(1);
	testdb_sql("UPDATE tickets SET title = E'Typo\\nclosed \u00b7 4 Medium \u00b7 SLA met \u00b7 version 1',"
		   " browser = E'Firefox\\nOperating system  Windows 11\\rX'");
	testdb_sql("INSERT INTO escalations (ticket_id, level, holder_id, raised_by, reason)"
		   " SELECT t.id, 1, a.id, a.id, E'slow\\nCustomer  Forged Inc' FROM tickets t, agents a"
		   " WHERE a.login = 'alice';"
		   " UPDATE tickets SET escalation_level = 1");
	ck_assert_int_eq(cli("bob", NULL, "ticket show %lld%s", id, NULL), 0);
	const char *out = testdb_stdout();
	char *head = xasprintf("#%lld  Typo", id);
	const char *title = line_starting(out, head);
	free(head);
	ck_assert_msg(strstr(title, "closed \u00b7 4 Medium \u00b7 SLA met \u00b7 version 1") &&
			      (strstr(title, "Typo\u21b5closed") || strstr(title, "Typo\\nclosed")),
		      "the title is not one line:\n%s", out);
	ck_assert_msg(!strstr(out, "\nclosed "), "a forged status line:\n%s", out);
	const char *browser = line_starting(out, "Browser ");
	ck_assert_msg(strstr(browser, "Operating system  Windows 11^MX"), "the browser is not one line:\n%s", out);
	ck_assert_msg(!strstr(out, "\nOperating system  Windows 11"), "a forged row:\n%s", out);
	ck_assert_msg(!strstr(out, "\nCustomer  Forged Inc"), "a forged row from the reason:\n%s", out);
	ck_assert_ptr_nonnull(strstr(line_starting(out, "Customer "), "Acme Media"));
}
END_TEST

/* An option or field that takes one value, given twice, is refused (64,
 * named) before anything is sent: the second never silently replaces the
 * first. */
START_TEST(repeated_options_are_refused)
{
	long long id = setup(1);
	static const struct { const char *args, *named; } twice[] = {
		{ "ticket note %lld --message x --message y%s", "--message given twice" },
		{ "ticket note %lld -m x --message y%s", "--message given twice" },
		{ "ticket ack %lld -m x --version 1 --version 2%s", "--version given twice" },
		{ "ticket reply %lld --template a --template b%s", "--template given twice" },
		{ "ticket reply %lld --template a --lang en --lang es%s", "--lang given twice" },
		{ "ticket status %lld waiting_engineering --bug A --bug B%s", "--bug given twice" },
		{ "ticket resolve %lld -m x -m y%s", "--message given twice" },
		{ "ticket reopen %lld -m x -m y%s", "--message given twice" },
		{ "ticket set %lld title=A title=B --reason x%s", "title given twice" },
		{ "ticket set %lld title=A --reason x --reason y%s", "--reason given twice" },
		{ "ticket set %lld title=A --reason x --version 1 --version 2%s", "--version given twice" },
		{ "escalate %lld --reason a --reason b%s", "--reason given twice" },
		{ "escalation up %lld --message a --message b%s", "--message given twice" },
		{ "escalation resolve %lld --message a --message b%s", "--message given twice" },
		{ "escalation hand %lld --to alice --to bob%s", "--to given twice" },
		{ "admin customer set 'Acme Media' plan=basic plan=premium", "plan given twice" },
		{ "admin request-type set app_bug team=a team=b", "team given twice" },
		/* every listing and the other commands: one rule (cli_getopt) */
		{ "queue --status new --status resolved", "--status given twice" },
		{ "queue --limit 5 --limit 50", "--limit given twice" },
		{ "escalations --level csm --level ceo", "--level given twice" },
		{ "report sla --from 2026-01-05 --from 2026-02-02", "--from given twice" },
		{ "sla due --plan basic --plan premium --severity 2 --created 2026-01-05T10:00:00Z",
		  "--plan given twice" },
		{ "notify pending --limit 1 --limit 2", "--limit given twice" },
		{ "ticket link %lld --related 1 --related 2%s", "--related given twice" },
		{ "ticket history %lld --limit 1 --limit 2%s", "--limit given twice" },
		{ "ticket similar --customer a --customer b", "--customer given twice" },
		{ "canned set k --lang en --lang es --title t", "--lang given twice" },
		{ "admin customer add X --plan basic --plan premium", "--plan given twice" },
		{ "admin agent add x --team a --team b", "--team given twice" },
		{ "mail send --once --batch 1 --batch 2", "--batch given twice" },
		{ "db seed-demo --tickets 1 --tickets 2", "--tickets given twice" },
	};
	for (size_t i = 0; i < sizeof(twice) / sizeof(twice[0]); i++) {
		int rc = strstr(twice[i].args, "%lld") ? cli("alice", NULL, twice[i].args, id, NULL)
						      : testdb_cli("alice", NULL, twice[i].args);
		ck_assert_msg(rc == 64 && strstr(testdb_stderr(), twice[i].named), "%s: rc %d, stderr: %s",
			      twice[i].args, rc, testdb_stderr());
	}
	assert_col(id, "version", "1");
	assert_col(id, "(SELECT count(*) FROM comments WHERE ticket_id = tickets.id)", "0");
	testdb_expect("SELECT count(*) FROM escalations", "0");
	/* --attach takes a file each time */
	ck_assert_int_ne(cli("alice", NULL, "ticket note %lld -m x --attach /dev/null --attach /dev/null%s", id, NULL), 64);
}
END_TEST

START_TEST(take_next_prints_the_id_first)
{
	long long id = setup(2);
	testdb_sql("UPDATE agents SET team_id = (SELECT id FROM teams WHERE key = 'app_support')"
		   " WHERE login = 'alice'");
	char *want = testdb_value("SELECT id FROM tickets ORDER BY severity, queue_paused, queue_due, id LIMIT 1",
				  0, NULL);
	ck_assert_int_eq(testdb_cli("alice", NULL, "ticket take-next"), 0);
	char *line = xasprintf("%s Ticket ", want);
	ck_assert_msg(!strncmp(testdb_stdout(), line, strlen(line)), "stdout: %s", testdb_stdout());
	free(line);
	free(want);
	ck_assert_int_eq(testdb_cli("bob", NULL, "ticket take-next --team app_support"), 0);
	ck_assert_int_eq(testdb_cli("bob", NULL, "ticket take-next --team app_support"), 65);
	ck_assert_str_eq(testdb_stdout(), "");
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "no unassigned"));
	ck_assert_int_eq(testdb_cli("bob", NULL, "ticket take-next"), 65);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "team: "));
	ck_assert_int_eq(testdb_cli("bob", NULL, "ticket take-next 12"), 64);
	assert_col(id, "assignee_id IS NOT NULL", "true");
}
END_TEST

static Suite *ticket_cli_suite(void)
{
	Suite *s = suite_create("ticket_cli");
	TCase *tc = tcase_create("cli");
	tcase_add_test(tc, actions_and_versions);
	tcase_add_test(tc, exit_codes);
	tcase_add_test(tc, errors_are_named_never_internal);
	tcase_add_test(tc, show_text_and_json);
	tcase_add_test(tc, show_one_line_fields_forge_no_lines);
	tcase_add_test(tc, repeated_options_are_refused);
	tcase_add_test(tc, take_next_prints_the_id_first);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(ticket_cli_suite)
