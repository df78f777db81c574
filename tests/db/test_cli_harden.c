/* The command line used by a hostile user or a broken script: what it is
 * given wrong is named (the argument, the field) in words of our own,
 * never PostgreSQL's ("invalid input value for enum"), a known command
 * with a stray argument is not called unknown, a text read from standard
 * input or a file is never silently cut at a NUL byte, input without
 * end (`yes |`, /dev/zero) is refused at a bound instead of taking the
 * machine's memory, a one-line value (a name, a title, a subject)
 * takes no control character, an option's value ticketty cannot use (a
 * language, object IDs) is refused naming what it takes, a command only
 * the database's owner may run says so, a file that cannot be parsed is
 * bad data (65), a password of spaces is refused, and a connection lost
 * under a command is said in one line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ticket_fixture.h"
#include "testdb.h"
#include "util/xalloc.h"

static long long first;

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("h_eng", "engineer");
	testdb_agent("h_admin", "admin");
	first = fixture_tickets(1, "app_support");
}

static int cli(const char *login, const char *input, const char *fmt, long long id)
{
	char *args = xasprintf(fmt, id);
	int rc = testdb_cli(login, input, args);
	free(args);
	return rc;
}

static void err_has(const char *what, const char *want)
{
	ck_assert_msg(strstr(testdb_stderr(), want), "%s: want '%s' in stderr:\n%s", what, want, testdb_stderr());
}

static void err_lacks(const char *what, const char *unwanted)
{
	ck_assert_msg(!strstr(testdb_stderr(), unwanted), "%s: '%s' in stderr:\n%s", what, unwanted,
		      testdb_stderr());
}

/* `ticket status ID bogus` said PostgreSQL's cast error as its summary
 * ("invalid input value for enum ticket_status: "bogus""). */
START_TEST(unknown_status_is_named_in_our_words)
{
	ck_assert_int_eq(cli("h_eng", NULL, "ticket status %lld bogus", first), 65);
	err_has("bogus", "ticketty: unknown status 'bogus'\n");
	err_has("bogus", "status: is unknown (one of new, acknowledged, in_progress, waiting_customer,");
	err_lacks("bogus", "invalid input");
	err_lacks("bogus", "enum");
	ck_assert_int_eq(cli("h_eng", NULL, "ticket status %lld ''", first), 65);
	err_has("empty", "ticketty: unknown status ''\n");
	err_lacks("empty", "invalid input");
	char *v = fixture_col(first, "status || ' ' || version");
	ck_assert_str_eq(v, "new 1");
	free(v);
}
END_TEST

/* A known command given a stray argument was called unknown ("unknown db
 * command 'migrate'"), or asked for what it had ("which ticket?"). */
START_TEST(stray_argument_of_a_known_command_is_named)
{
	static const struct {
		const char *args, *want;
	} cases[] = {
		{ "db migrate --bogus", "ticketty: unexpected argument '--bogus'\n" },
		{ "db version extra", "ticketty: unexpected argument 'extra'\n" },
		{ "admin template list extra", "ticketty: unexpected argument 'extra'\n" },
		{ "admin template list --json extra", "ticketty: unexpected argument 'extra'\n" },
		{ "admin template show acknowledgement en extra", "ticketty: unexpected argument 'extra'\n" },
		{ "admin template show", "ticketty: which template? give its KIND and LANG\n" },
		{ "admin template set acknowledgement", "ticketty: which template? give its KIND and LANG\n" },
		{ "sla explain 1 2", "ticketty: unexpected argument '2'\n" },
		{ "contacts bogus 1", "ticketty: unknown contacts command 'bogus'\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = testdb_cli("h_admin", NULL, cases[i].args);
		ck_assert_msg(rc == 64, "%s: exit %d, stderr:\n%s", cases[i].args, rc, testdb_stderr());
		err_has(cases[i].args, cases[i].want);
	}
	/* and the commands themselves still run */
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin template show acknowledgement en"), 0);
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin template list --json"), 0);
}
END_TEST

/* `admin template set` stored a body read from standard input or a file
 * only up to its first NUL byte, and said nothing (exit 0): the rest of
 * the template was lost. Now it is refused whole, naming the field, as an
 * empty body and one that is not UTF-8 are. */
START_TEST(template_body_is_never_cut_at_a_nul)
{
	const char *before_sql = "SELECT md5(body) FROM mail_templates WHERE kind = 'acknowledgement' AND lang = 'en'";
	char *before = testdb_value(before_sql, 0, NULL);
	static const char body[] = "Hello {{contact}},\n{{message}}\0 and all that follows\n-- \n{{desk}} [#{{ticket}}]\n";
	int rc = testdb_cli_bytes("h_admin", body, sizeof(body) - 1,
				  "admin template set acknowledgement en --subject 'Re [#{{ticket}}]'");
	ck_assert_msg(rc == 65, "exit %d, stderr:\n%s", rc, testdb_stderr());
	err_has("nul", "body: contains a NUL byte");
	testdb_expect(before_sql, before);

	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin template set acknowledgement en"), 65);
	err_has("empty", "body: is required");
	ck_assert_int_eq(testdb_cli("h_admin", "Caf\xe9 {{message}} [#{{ticket}}]\n",
				    "admin template set acknowledgement en"), 65);
	err_has("latin-1", "body: is not valid UTF-8");
	testdb_expect(before_sql, before);
	free(before);

	/* a whole body is stored */
	ck_assert_int_eq(testdb_cli("h_admin", "Hi {{contact}},\n{{message}}\n-- \n{{desk}} [#{{ticket}}]\n",
				    "admin template set acknowledgement en"), 0);
	testdb_expect("SELECT body FROM mail_templates WHERE kind = 'acknowledgement' AND lang = 'en'",
		      "Hi {{contact}},\n{{message}}\n-- \n{{desk}} [#{{ticket}}]\n");
}
END_TEST

/* A name, title, subject or reference is drawn on one line (lists,
 * pickers, mail headers), but agent, customer and contact names, a
 * customer's account representative, an e-mail address, a canned
 * reply's title, a mail template's subject and a bug reference took a
 * line break, a tab, ESC or another control character (exit 0), as team
 * and request type names never did. Each is refused now, naming the
 * field, and nothing changes. */
START_TEST(one_line_fields_refuse_control_characters)
{
	static const struct {
		const char *login, *args, *field;
	} cases[] = {
		{ "h_admin", "admin agent add h_ctl --name \"$(printf 'Ann\\033[2JLee')\" --role engineer", "name" },
		{ "h_admin", "admin agent set h_eng name=\"$(printf 'Ann\\nLee')\"", "name" },
		{ "h_admin", "admin customer add \"$(printf 'Bell\\007Corp')\" --member-id 77 --plan basic", "name" },
		{ "h_admin", "admin customer set 'Acme Media' name=\"$(printf 'Acme\\tMedia')\"", "name" },
		{ "h_admin", "admin customer set 'Acme Media' account_rep=\"$(printf 'Rita\\nBcc: x@y.example <r@x.example>')\"",
		  "account_rep" },
		{ "h_admin", "admin contact add 'Acme Media' --name \"$(printf 'Carl\\rOs')\" --email carl@acme.example",
		  "name" },
		{ "h_admin", "admin contact set carla@acme.example name=\"$(printf 'Carla\\302\\233C')\"", "name" },
		{ "h_admin", "canned set h_key --lang en --title \"$(printf 'Fixed\\nnow')\" --body Body", "title" },
		{ "h_admin", "admin template set acknowledgement en --subject \"$(printf 'Re [#{{ticket}}]\\nBcc: x@y.example')\"",
		  "subject" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *input = strstr(cases[i].args, "template set") ? "{{message}} [#{{ticket}}]\n" : NULL;
		int rc = testdb_cli(cases[i].login, input, cases[i].args);
		ck_assert_msg(rc == 65, "%s: exit %d, stderr:\n%s", cases[i].args, rc, testdb_stderr());
		char *want = xasprintf("%s: must be one line, without line breaks, tabs or other control characters",
				       cases[i].field);
		err_has(cases[i].args, want);
		free(want);
	}
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin contact set carla@acme.example email=\"$(printf 'carla\\033@acme.example')\""), 65);
	err_has("email", "email: is malformed");
	testdb_expect("SELECT count(*) FROM agents WHERE login = 'h_ctl' OR display_name ~ '[[:cntrl:]]'", "0");
	testdb_expect("SELECT count(*) FROM customers WHERE name ~ '[[:cntrl:]]' OR account_rep_name ~ '[[:cntrl:]]'", "0");
	testdb_expect("SELECT string_agg(name || ' ' || email, ',') FROM contacts", "Carla Contact carla@acme.example");
	testdb_expect("SELECT count(*) FROM canned_replies WHERE key = 'h_key'", "0");
	testdb_expect("SELECT count(*) FROM mail_templates WHERE subject ~ '[[:cntrl:]]'", "0");

	/* a bug reference of two lines; one line is taken */
	ck_assert_int_eq(cli("h_eng", NULL, "ticket ack %lld --message 'On it'", first), 0);
	ck_assert_int_eq(cli("h_eng", NULL, "ticket status %lld in_progress", first), 0);
	ck_assert_int_eq(cli("h_eng", NULL, "ticket status %lld waiting_engineering --bug \"$(printf 'ENG-1\\nENG-2')\"", first),
			 65);
	err_has("bug", "ticketty: the bug reference is not one line\n");
	err_has("bug", "bug_ref: must be one line, without line breaks, tabs or other control characters");
	ck_assert_int_eq(cli("h_eng", NULL, "ticket status %lld waiting_engineering --bug ENG-1", first), 0);
	char *v = fixture_col(first, "status || ' ' || bug_ref");
	ck_assert_str_eq(v, "waiting_engineering ENG-1");
	free(v);
	/* and plain names still change */
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin customer set 'Acme Media' name='Acme Media Group'"), 0);
}
END_TEST

/* `notify pending --limit 3000000000` went to the server as it was and
 * came back as "value ... is out of range for type integer" (65), and
 * `notify mine --limit 0` said "'0' is not a valid number"; the pending
 * listing stopped at its limit (1000 unless --limit) and said nothing of
 * the rest. */
START_TEST(notify_limits_are_named_and_a_cut_listing_says_so)
{
	static const char *const bad[] = { "notify pending --limit 3000000000", "notify pending --limit 0",
					   "notify pending --limit 12abc", "notify mine --limit 0",
					   "notify mine --limit 1001" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = testdb_cli("h_admin", NULL, bad[i]);
		ck_assert_msg(rc == 64, "%s: exit %d, stderr:\n%s", bad[i], rc, testdb_stderr());
		err_has(bad[i], "ticketty: --limit must be a number from 1 to ");
		err_lacks(bad[i], "out of range");
	}
	testdb_sql("INSERT INTO notifications (recipient_agent_id, kind, ticket_id)"
		   " SELECT a.id, 'assigned', t.id FROM agents a, tickets t, generate_series(1, 3)"
		   " WHERE a.login = 'h_eng'");
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "notify pending --limit 2"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "more notifications wait than the 2 shown: mark these sent, then list again"),
		      "stdout:\n%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "notify pending --limit 3"), 0);
	ck_assert_msg(!strstr(testdb_stdout(), "more notifications wait"), "stdout:\n%s", testdb_stdout());
}
END_TEST

/* Input without end was read whole before anything was checked: `yes |
 * ticketty ticket note ID`, `ticket new --json /dev/zero` and
 * `--password-stdin </dev/zero` grew by gigabytes until the machine or
 * the user stopped them. Each now stops at its bound and says so (65). */
START_TEST(endless_input_is_refused_at_a_bound)
{
	char *args = xasprintf("ticket note %lld", first);
	int rc = testdb_cli_piped("h_eng", "yes", args);
	free(args);
	const char *err = testdb_stderr();
	ck_assert_msg(rc == 65, "note: exit %d, stderr:\n%s", rc, err);
	ck_assert_msg(strstr(err, "the note was not sent, nor kept: standard input gave more than 4 MiB") &&
		      strstr(err, "message: is too long (is longer than 4 MiB)"), "note: %s", err);

	rc = testdb_cli_piped("h_eng", "true", "ticket new --json /dev/zero");
	err = testdb_stderr();
	ck_assert_msg(rc == 65, "new: exit %d, stderr:\n%s", rc, err);
	ck_assert_msg(strstr(err, "/dev/zero: larger than 16 MiB, more than any ticket can be: not read"), "new: %s",
		      err);

	rc = testdb_cli_piped("h_eng", "cat /dev/zero", "ticket new --json -");
	err = testdb_stderr();
	ck_assert_msg(rc == 65, "new -: exit %d, stderr:\n%s", rc, err);
	ck_assert_msg(strstr(err, "standard input: larger than 16 MiB"), "new -: %s", err);

	rc = testdb_cli_piped("h_admin", "cat /dev/zero",
			      "admin agent add h_new --name New --role engineer --password-stdin");
	err = testdb_stderr();
	ck_assert_msg(rc == 65, "password: exit %d, stderr:\n%s", rc, err);
	ck_assert_msg(strstr(err, "password: is too long (is longer than 4096 bytes)"), "password: %s", err);

	testdb_expect("SELECT count(*) FROM comments", "0");
	testdb_expect("SELECT count(*) FROM tickets", "1");
	testdb_expect("SELECT count(*) FROM agents WHERE login = 'h_new'", "0");
}
END_TEST

/* `admin agent add ... --lang xx` added the agent, then gave it its
 * language as a change, whose refusal said "the agent was not changed"
 * (and added nothing: the two ran in one transaction). The language is
 * checked with the add's other fields now. */
START_TEST(agent_add_names_a_wrong_language_as_an_add)
{
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin agent add h_l1 --name Lia --role engineer --lang xx"), 65);
	err_has("xx", "ticketty: the agent was not added\n");
	err_has("xx", "lang: must be en or es\n");
	err_lacks("xx", "changed");
	testdb_expect("SELECT count(*) FROM agents WHERE login = 'h_l1'", "0");
	/* every refused field at once, the language with them */
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin agent add h_l1 --name Lia --role bogus --lang xx"), 65);
	err_has("two", "role: ");
	err_has("two", "lang: must be en or es\n");
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin agent add h_l1 --name Lia --role engineer --lang ES"), 0);
	testdb_expect("SELECT lang FROM agents WHERE login = 'h_l1'", "es");
	/* one add in the audit log, with its language */
	testdb_expect("SELECT string_agg(action || ' ' || (after ->> 'lang'), ',') FROM admin_events"
		      " WHERE object_name = 'h_l1'", "agent.add es");
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "admin agent add h_l2 --name Leo --role engineer"), 0);
	testdb_expect("SELECT lang FROM agents WHERE login = 'h_l2'", "en");
}
END_TEST

/* `db migrate` and `db seed-demo` run by an agent's login got the
 * server's "permission denied for database ..." / "... for table
 * tickets" (77): it is said in our words now, naming who may. */
START_TEST(schema_commands_say_they_need_the_owner)
{
	int rc = testdb_cli("h_admin", NULL, "db migrate");
	ck_assert_msg(rc == 77, "migrate: exit %d, stderr:\n%s", rc, testdb_stderr());
	err_has("migrate", "ticketty: only the database's owner or a superuser may migrate the schema: connect as ");
	err_has("migrate", " (this session is h_admin)\n");
	err_lacks("migrate", "permission denied");
	rc = testdb_cli("h_eng", NULL, "db seed-demo --tickets 3");
	ck_assert_msg(rc == 77, "seed: exit %d, stderr:\n%s", rc, testdb_stderr());
	err_has("seed", "ticketty: only the database's owner or a superuser may load demo data: connect as ");
	err_has("seed", " (this session is h_eng)\n");
	err_lacks("seed", "permission denied");
	testdb_expect("SELECT count(*) FROM tickets", "1");
	/* the owner still may */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "db migrate"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "schema is up to date"), "stdout:\n%s", testdb_stdout());
}
END_TEST

/* `canned list --lang xx` listed nothing, as if there were no reply,
 * and said not why. */
START_TEST(canned_list_refuses_an_unknown_language)
{
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "canned list --lang xx"), 65);
	err_has("xx", "ticketty: unknown language 'xx'\n");
	err_has("xx", "lang: is unknown (one of en, es)\n");
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "canned list --lang xx --json"), 65);
	err_has("json", "lang: is unknown (one of en, es)\n");
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "canned list --lang es"), 0);
	ck_assert_msg(strstr(testdb_stdout(), " es "), "stdout:\n%s", testdb_stdout());
	/* a language a reply is written in is one to list */
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "canned set h_fr --lang fr --title Merci --body 'Merci {contact}'"), 0);
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "canned list --lang fr"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "h_fr"), "stdout:\n%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "canned list --lang de"), 65);
	err_has("de", "lang: is unknown (one of en, es, fr)\n");
}
END_TEST

/* `canned remove KEY --lang xx` said "nothing removed / key: is unknown
 * (there is no such canned reply)", blaming the key, and `canned show KEY
 * --ticket ID --lang xx` filled the reply in in English (0): neither
 * said the language was unknown, as `canned list --lang xx` does. Both
 * refuse it in the same words (65), and nothing is removed. */
START_TEST(canned_remove_and_show_refuse_an_unknown_language)
{
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "canned remove need_logs --lang xx"), 65);
	err_has("remove", "ticketty: unknown language 'xx'\n");
	err_has("remove", "lang: is unknown (one of en, es)\n");
	ck_assert_str_eq(testdb_stdout(), "");
	testdb_expect("SELECT count(*) FROM canned_replies WHERE key = 'need_logs'", "2");
	ck_assert_int_eq(cli("h_eng", NULL, "canned show need_logs --ticket %lld --lang xx", first), 65);
	err_has("show", "ticketty: unknown language 'xx'\n");
	err_has("show", "lang: is unknown (one of en, es)\n");
	ck_assert_str_eq(testdb_stdout(), "");
	/* a known language: shown in it, removed from it */
	ck_assert_int_eq(cli("h_eng", NULL, "canned show need_logs --ticket %lld --lang es", first), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Gracias por avisarnos"), "stdout:\n%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "canned remove need_logs --lang es"), 0);
	ck_assert_str_eq(testdb_stdout(), "1 canned reply removed\n");
	/* es is still a language ticketty speaks: a reply not in it falls
	 * back to English, and removing it again is refused for the reply */
	ck_assert_int_eq(cli("h_eng", NULL, "canned show need_logs --ticket %lld --lang es", first), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Thank you for reporting"), "stdout:\n%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "canned remove need_logs --lang es"), 65);
	err_has("again", "key: ");
	err_lacks("again", "lang: ");
	/* with no --lang, show reads in the reader's language as before */
	ck_assert_int_eq(cli("h_eng", NULL, "canned show need_logs --ticket %lld", first), 0);
	/* a reply from a canned one in a language asked for by name: the
	 * same check (it was sent in English) */
	ck_assert_int_eq(cli("h_eng", NULL, "ticket reply %lld --template need_logs --lang xx", first), 65);
	err_has("reply", "lang: is unknown (one of en, es)\n");
	testdb_expect("SELECT count(*) FROM comments", "0");
}
END_TEST

/* `report backlog --from DAY` counted only the tickets created from that
 * day, but its title said nothing of it, so it read as the whole backlog
 * (as it did on data all newer than the day): the title names the days
 * given, for the escalations too, as the SLA report's always has. */
START_TEST(backlog_and_escalations_name_their_days)
{
	testdb_clock("2026-11-20T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_tickets(1, "app_support");
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "report backlog --by total --format csv"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\r\n,,2,"), "all: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "report backlog --by total --format csv --from 2026-11-19"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\r\n,,1,"), "from: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "report backlog --from 2026-11-19"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Open tickets created from 2026-11-19 to today, by age (business days since created)\n"),
		      "stdout:\n%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "report backlog --to 2026-11-18"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Open tickets created from the first ticket to 2026-11-18, by age"),
		      "stdout:\n%s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "report backlog"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Open tickets by age (business days since created)\n"), "stdout:\n%s",
		      testdb_stdout());
	ck_assert_int_eq(testdb_cli("h_admin", NULL, "report escalations --from 2026-11-01 --to 2026-11-19"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "Open escalations raised from 2026-11-01 to 2026-11-19, per level"),
		      "stdout:\n%s", testdb_stdout());
}
END_TEST

/* `ticket similar --object-ids abc` looked for an ID no ticket can hold
 * and said "no open ticket of this customer looks the same" (0). The IDs
 * are read as intake reads a ticket's, and refused in its words. */
START_TEST(similar_refuses_object_ids_as_intake_does)
{
	static const char want[] =
		"object_ids: must be a positive whole number (Object IDs must be positive whole numbers; \"abc\" is not)\n";
	int rc = testdb_cli("h_eng", NULL, "ticket similar --customer 'Acme Media' --object-ids 'li-1 abc'");
	ck_assert_msg(rc == 65, "similar: exit %d, stderr:\n%s", rc, testdb_stderr());
	/* "li-1" is no number either, but the first such entry is named */
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "ticket similar --customer 'Acme Media' --object-ids '12, abc'"), 65);
	err_has("similar", want);
	err_has("similar", "ticketty: the object IDs given are not a list of IDs: nothing was looked for\n");
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "ticket similar --customer 'Acme Media' --object-ids '12, abc' --json"),
			 65);
	err_has("json", want);
	/* the same line as intake's */
	ck_assert_int_eq(testdb_cli("h_eng", "{\"customer\": \"Acme Media\", \"object_ids\": \"12, abc\"}",
				    "ticket new --json -"), 65);
	err_has("intake", want);
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "ticket similar --customer 'Acme Media' --object-ids '12; 0013'"), 0);
	ck_assert_int_eq(testdb_cli("h_eng", NULL, "ticket similar --customer 'Acme Media' --object-ids ''"), 0);
}
END_TEST

/* `admin policy load FILE` with a syntax error exited 78, the status of
 * ticketty's own configuration; the file is data given (65), named with
 * its line and what is wrong. */
START_TEST(policy_file_syntax_error_is_bad_data)
{
	char path[] = "/tmp/ticketty-harden-policy-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	static const char text[] = "policy = {\n  time_zone = \"UTC\";\n  hours = ( { day = 1 open = } );\n};\n";
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	char *args = xasprintf("admin policy load %s", path);
	int rc = testdb_cli("h_admin", NULL, args);
	free(args);
	unlink(path);
	ck_assert_msg(rc == 65, "exit %d, stderr:\n%s", rc, testdb_stderr());
	char *want = xasprintf("ticketty: %s:3: not read: syntax error; nothing was changed\n", path);
	err_has("syntax", want);
	free(want);
}
END_TEST

/* A password of spaces alone (read by --password-stdin) was encrypted
 * and set: the server sees only the verifier, so the client refuses it. */
START_TEST(blank_password_is_refused)
{
	static const char *const blank[] = { "   \n", "\t \n", "\xc2\xa0 \xc2\xa0\n" };
	for (size_t i = 0; i < sizeof(blank) / sizeof(blank[0]); i++) {
		int rc = testdb_cli("h_admin", blank[i], "admin agent add h_pw --name Pat --role engineer --password-stdin");
		ck_assert_msg(rc == 65, "case %zu: exit %d, stderr:\n%s", i, rc, testdb_stderr());
		err_has("blank", "ticketty: the agent was not added\n");
		err_has("blank", "password: is only spaces: a password must have more than blanks\n");
	}
	testdb_expect("SELECT count(*) FROM agents WHERE login = 'h_pw'", "0");
	testdb_expect("SELECT count(*) FROM pg_roles WHERE rolname = 'h_pw'", "0");
	/* spaces inside a password are fine */
	ck_assert_int_eq(testdb_cli("h_admin", " two words \n", "admin agent add h_pw --name Pat --role engineer --password-stdin"), 0);
	testdb_expect("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'h_pw'", "t");
}
END_TEST

/* Runs the shell `script` in the background, with CI set to the test
 * database's superuser conninfo (psql "$CI"). */
static void background(const char *script)
{
	char path[] = "/tmp/ticketty-harden-sh-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	char *ci = testdb_conninfo(NULL);
	char *text = xasprintf("CI='%s'\nrm -f '%s'\n%s\n", ci, path, script);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	char *cmd = xasprintf("sh '%s' >/dev/null 2>&1 &", path);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(text);
	free(ci);
}

/* A connection that broke under a command (the server ended the session:
 * pg_terminate_backend, a restart) printed libpq's whole report on
 * several lines, the statement's CONTEXT, "server closed the connection
 * unexpectedly / This probably means ..." and "invalid socket"; it is
 * one line now, with the server's reason. */
START_TEST(lost_connection_is_said_in_one_line)
{
	/* a session holds the ticket, so the note waits for it ... */
	char *holder = xasprintf("PGAPPNAME=h_holder psql \"$CI\" -c 'BEGIN; SELECT 1 FROM ticketty.tickets"
				 " WHERE id = %lld FOR UPDATE; SELECT pg_sleep(30); COMMIT'", first);
	background(holder);
	free(holder);
	char *held = NULL;
	for (int i = 0; i < 100; i++) {
		free(held);
		held = testdb_value("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'h_holder'"
				    " AND query LIKE '%pg_sleep%'", 0, NULL);
		if (held && !strcmp(held, "1"))
			break;
		usleep(50000);
	}
	ck_assert_str_eq(held, "1");
	free(held);
	/* ... and is ended by the server while it waits */
	background("for i in $(seq 200); do psql \"$CI\" -qAtc \"SELECT count(pg_terminate_backend(pid))"
		   " FROM pg_stat_activity WHERE datname = current_database() AND usename = 'h_eng'"
		   " AND wait_event_type = 'Lock'\""
		   " | grep -qx 1 && exit; sleep 0.05; done");
	int rc = cli("h_eng", NULL, "ticket note %lld --message 'Called the customer'", first);
	testdb_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'h_holder'");
	ck_assert_msg(rc == 69, "exit %d, stderr:\n%s", rc, testdb_stderr());
	ck_assert_str_eq(testdb_stderr(),
			 "ticketty: lost the connection to the database: terminating connection due to administrator command\n");
	testdb_expect("SELECT count(*) FROM comments", "0");
}
END_TEST

static Suite *cli_harden_suite(void)
{
	Suite *s = suite_create("cli_harden");
	TCase *tc = tcase_create("cli");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, unknown_status_is_named_in_our_words);
	tcase_add_test(tc, stray_argument_of_a_known_command_is_named);
	tcase_add_test(tc, template_body_is_never_cut_at_a_nul);
	tcase_add_test(tc, endless_input_is_refused_at_a_bound);
	tcase_add_test(tc, one_line_fields_refuse_control_characters);
	tcase_add_test(tc, notify_limits_are_named_and_a_cut_listing_says_so);
	tcase_add_test(tc, agent_add_names_a_wrong_language_as_an_add);
	tcase_add_test(tc, schema_commands_say_they_need_the_owner);
	tcase_add_test(tc, canned_list_refuses_an_unknown_language);
	tcase_add_test(tc, canned_remove_and_show_refuse_an_unknown_language);
	tcase_add_test(tc, backlog_and_escalations_name_their_days);
	tcase_add_test(tc, similar_refuses_object_ids_as_intake_does);
	tcase_add_test(tc, policy_file_syntax_error_is_bad_data);
	tcase_add_test(tc, blank_password_is_refused);
	tcase_add_test(tc, lost_connection_is_said_in_one_line);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cli_harden_suite)
