/* A scripting engineer's pass over the command line (DESIGN.md §8, "a
 * scripting CLI for everything"), run as the real binary under agent
 * login roles: a text option given as `-` reads standard input wherever a
 * text is taken (`ticket set --reason -`, `ticket reopen --message -`), and
 * what was read is kept when the step is refused; the inbox's steps say
 * what they did (`inbox ask` the items it asked for, `inbox refuse` whom
 * the sender was sent to) and `inbox show` what ask would ask for, as the
 * inbox view lists them before asking; `collaborator add|remove ID`
 * follows a ticket, or stops, as yourself; options come before the
 * number as well as after it; a policy read from stdin holding a NUL
 * byte is refused, not loaded cut at it. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ticket_fixture.h"
#include "testdb.h"
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

static int cli(const char *login, const char *input, const char *fmt, long long id)
{
	char *args = xasprintf(fmt, id, id);
	int rc = testdb_cli(login, input, args);
	free(args);
	return rc;
}

static void expect(int rc, int want, const char *what)
{
	ck_assert_msg(rc == want, "%s: exit %d, wanted %d\nstdout: %s\nstderr: %s", what, rc, want,
		      testdb_stdout(), testdb_stderr());
}

/* testdb_cli_bytes with args of the ticket's number. */
static int cli_bytes(const char *login, const char *input, size_t len, const char *fmt, long long id)
{
	char *args = xasprintf(fmt, id, id);
	int rc = testdb_cli_bytes(login, input, len, args);
	free(args);
	return rc;
}

/* The value of `sql` ($1 = the ticket) as text ("" for NULL). */
static char *value_of(const char *sql, long long id)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%lld", id);
	const char *p[1] = { buf };
	char *v = testdb_value(sql, 1, p);
	return v ? v : xstrdup("");
}

static void expect_value(const char *sql, long long id, const char *want)
{
	char *v = value_of(sql, id);
	ck_assert_msg(!strcmp(v, want), "%s: got '%s', wanted '%s'", sql, v, want);
	free(v);
}

#define LAST_RETRIAGE_REASON                                                                    \
	"SELECT coalesce((SELECT details->>'reason' FROM ticket_events WHERE ticket_id = $1"     \
	" AND kind = 'retriage' ORDER BY id DESC LIMIT 1), '')"
#define LAST_REOPEN_NOTE                                                                        \
	"SELECT coalesce((SELECT c.body FROM ticket_events e JOIN comments c"                     \
	" ON c.id = (e.details->>'note')::bigint WHERE e.ticket_id = $1 AND e.kind = 'reopen'"   \
	" ORDER BY e.id DESC LIMIT 1), '')"

/* `ticket set ID ... --reason -` took the dash as the reason (audited as
 * "-") and dropped what came on standard input; `--message -` and
 * `escalate --reason -` read it. */
START_TEST(retriage_reason_from_stdin)
{
	long long id = setup(1);
	expect(cli("alice", "Outage for every customer since 09:00\n", "ticket set %lld severity=1 --reason -", id),
	       0, "set --reason -");
	expect_value(LAST_RETRIAGE_REASON, id, "Outage for every customer since 09:00");
	expect_value("SELECT severity FROM tickets WHERE id = $1", id, "1");
	/* refused for its bytes: named, nothing changed, the text kept */
	expect(cli_bytes("alice", "a\0b", 3, "ticket set %lld severity=2 --reason -", id), 65, "NUL");
	ck_assert_msg(strstr(testdb_stderr(), "reason: contains a NUL byte") &&
			      strstr(testdb_stderr(), "what you wrote is kept"), "%s", testdb_stderr());
	expect(cli("alice", "caf\xe9\n", "ticket set %lld severity=2 --reason -", id), 65, "not UTF-8");
	ck_assert_msg(strstr(testdb_stderr(), "reason: is not valid UTF-8"), "%s", testdb_stderr());
	expect(cli("alice", " \n", "ticket set %lld severity=2 --reason -", id), 65, "blank");
	ck_assert_msg(strstr(testdb_stderr(), "reason: is required"), "%s", testdb_stderr());
	expect_value("SELECT severity FROM tickets WHERE id = $1", id, "1");
	/* a stale version: 75 in words, and what stdin gave is kept */
	expect(cli("bob", "Customer says it is cosmetic\n", "ticket set %lld severity=3 --reason - --version 1", id),
	       75, "stale");
	ck_assert_msg(strstr(testdb_stderr(), "changed since version 1") &&
			      strstr(testdb_stderr(), "what you wrote is kept"), "%s", testdb_stderr());
	expect_value("SELECT severity FROM tickets WHERE id = $1", id, "1");
	/* a reason given as it is stays as it was */
	expect(cli("bob", NULL, "ticket set %lld severity=3 --reason 'cosmetic after all'", id), 0, "set");
	expect_value(LAST_RETRIAGE_REASON, id, "cosmetic after all");
}
END_TEST

/* `ticket reopen ID --message -` stored a note of one dash. */
START_TEST(reopen_note_from_stdin)
{
	long long id = setup(1);
	expect(cli("alice", NULL, "ticket resolve %lld --message 'Fixed by the new build'", id), 0, "resolve");
	expect(cli("alice", "The customer sees it again\n", "ticket reopen %lld --message - --version 1", id), 75,
	       "stale");
	ck_assert_msg(strstr(testdb_stderr(), "what you wrote is kept"), "%s", testdb_stderr());
	expect_value("SELECT status FROM tickets WHERE id = $1", id, "resolved");
	expect(cli("alice", "The customer sees it again\n", "ticket reopen %lld --message -", id), 0, "reopen");
	expect_value(LAST_REOPEN_NOTE, id, "The customer sees it again\n");
	expect(cli("alice", NULL, "ticket resolve %lld --message 'Fixed again'", id), 0, "resolve again");
	expect(cli_bytes("alice", "x\0y", 3, "ticket reopen %lld --message -", id), 65, "NUL");
	ck_assert_msg(strstr(testdb_stderr(), "message: contains a NUL byte"), "%s", testdb_stderr());
	expect_value("SELECT status FROM tickets WHERE id = $1", id, "resolved");
	/* a note given as it is, and none at all, as before */
	expect(cli("alice", NULL, "ticket reopen %lld --message 'back'", id), 0, "reopen note");
	expect_value(LAST_REOPEN_NOTE, id, "back");
}
END_TEST

static int receive(const char *from, const char *msgid)
{
	char *mail = xasprintf("From: %s\nSubject: Placements are blank\nMessage-ID: <%s@acme>\n\n"
			       "Every placement shows a blank frame since this morning.\n", from, msgid);
	int rc = testdb_cli("bot", mail, "mail receive");
	free(mail);
	return rc;
}

static void expect_out(const char *want)
{
	ck_assert_msg(strstr(testdb_stdout(), want), "wanted '%s' in stdout: %s\nstderr: %s", want,
		      testdb_stdout(), testdb_stderr());
}

/* `inbox ask|refuse|discard ID` said nothing: a script could not tell
 * what the sender was asked for or sent to (the view lists it first). */
START_TEST(inbox_steps_say_what_they_did)
{
	setup(0);
	testdb_agent("bot", "admin");
	testdb_sql("INSERT INTO contacts (customer_id, name, email, phone, spoc)"
		   " SELECT id, 'Nico Other', 'nico@acme.example', '+1 555 0101', false"
		   " FROM customers WHERE member_id = 4242");
	expect(receive("Carla Contact <carla@acme.example>", "m1"), 0, "receive 1");
	expect(receive("Nico Other <nico@acme.example>", "m2"), 0, "receive 2");
	expect(receive("Carla Contact <carla@acme.example>", "m3"), 0, "receive 3");
	expect(receive("Carla Contact <carla@acme.example>", "m4"), 0, "receive 4");

	expect(testdb_cli("alice", NULL, "inbox show 1"), 0, "show");
	expect_out("\nMissing for a ticket (inbox ask requests it): Request type, Case reason, Severity, ");
	expect(testdb_cli("alice", NULL, "inbox ask 1"), 0, "ask");
	expect_out("mail 1: the sender was asked for: Request type, Case reason, Severity, ");
	expect(testdb_cli("alice", NULL, "inbox refuse 2 not_spoc"), 0, "refuse not_spoc");
	expect_out("mail 2 refused: the sender was told to ask Carla Contact <carla@acme.example>\n");
	expect(testdb_cli("alice", NULL, "inbox refuse 3 account_rep"), 0, "refuse account_rep");
	expect_out("mail 3 refused: the sender was sent to the account representative, Rita Rep <rita@example.com>\n");
	expect(testdb_cli("alice", NULL, "inbox discard 4"), 0, "discard");
	expect_out("mail 4 discarded\n");
	/* a step refused says so and prints nothing done */
	expect(testdb_cli("alice", NULL, "inbox discard 4"), 65, "discard again");  /* no retry mends it */
	ck_assert_str_eq(testdb_stdout(), "");
	expect(testdb_cli("alice", NULL, "inbox ask 99"), 65, "ask unknown");
	ck_assert_str_eq(testdb_stdout(), "");
	/* in Spanish, the items in Spanish */
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	expect(receive("Carla Contact <carla@acme.example>", "m5"), 0, "receive 5");
	expect(testdb_cli("alice", NULL, "inbox ask 5"), 0, "ask es");
	expect_out("correo 5: se ha pedido al remitente: Tipo de solicitud, ");
	expect_out("Gravedad");
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
}
END_TEST

#define FOLLOWERS                                                                               \
	"SELECT coalesce(string_agg(a.login, ',' ORDER BY a.login), '') FROM ticket_collaborators c" \
	" JOIN agents a ON a.id = c.agent_id WHERE c.ticket_id = $1"

/* Following a ticket from a script: `collaborator add|remove ID` needed
 * one's own login spelt out (the ticket view's + and - offer you first),
 * and `collaborator list --json ID` was refused ("'--json' is not a
 * ticket number") where every other listing takes --json anywhere. */
START_TEST(follow_a_ticket_yourself)
{
	long long id = setup(1);
	expect(cli("alice", NULL, "collaborator add %lld", id), 0, "follow");
	expect_out("alice now follows ticket");
	expect_value(FOLLOWERS, id, "alice");
	expect(cli("alice", NULL, "collaborator add %lld", id), 0, "follow again");
	expect_out("alice already follows ticket");
	expect(cli("alice", NULL, "collaborator add %lld bob", id), 0, "add bob");
	expect_value(FOLLOWERS, id, "alice,bob");
	expect(cli("alice", NULL, "collaborator list --json %lld", id), 0, "list --json first");
	expect_out("\"login\" : \"alice\"");
	expect(cli("alice", NULL, "collaborator list %lld --json", id), 0, "list --json last");
	expect_out("\"login\" : \"bob\"");
	expect(cli("bob", NULL, "collaborator remove %lld", id), 0, "stop following");
	expect_out("bob no longer follows ticket");
	expect_value(FOLLOWERS, id, "alice");
	/* mistakes are usage, named */
	expect(cli("alice", NULL, "collaborator add %lld --json", id), 64, "add --json");
	ck_assert_msg(strstr(testdb_stderr(), "add does not take --json"), "%s", testdb_stderr());
	expect(cli("alice", NULL, "collaborator add %lld bob carol", id), 64, "two logins");
	ck_assert_msg(strstr(testdb_stderr(), "unexpected argument 'carol'"), "%s", testdb_stderr());
	expect(testdb_cli("alice", NULL, "collaborator list x"), 64, "no ticket");
	ck_assert_msg(strstr(testdb_stderr(), "'x' is not a ticket number"), "%s", testdb_stderr());
	expect_value(FOLLOWERS, id, "alice");
}
END_TEST

/* The whole of a small file ("" when it cannot be read). */
static char *slurp_file(const char *path)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(buf, 1, sizeof(buf) - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	return xstrdup(buf);
}

/* Options before the number, as getopt takes them in every other command:
 * `attachment list --json 5`, `attachment get -o FILE 1`, `inbox show
 * --json 1`, `inbox raw -o FILE 1` and `admin contact list --json C` were
 * refused ("give the attachment (or ticket) number", "which inbox mail?",
 * "give exactly one CUSTOMER"). */
START_TEST(options_before_the_number)
{
	long long id = setup(1);
	testdb_agent("bot", "admin");
	char dir[] = "/tmp/tt-scripting-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *in = xasprintf("%s/notes.txt", dir), *out = xasprintf("%s/out.txt", dir),
	     *mail = xasprintf("%s/mail.eml", dir);
	FILE *f = fopen(in, "w");
	fputs("the server log\n", f);
	fclose(f);
	char *args = xasprintf("ticket note %lld --message 'log attached' --attach %s", id, in);
	expect(testdb_cli("alice", NULL, args), 0, "note with a file");
	free(args);
	char *att = value_of("SELECT min(id) FROM attachments WHERE ticket_id = $1", id);

	expect(cli("alice", NULL, "attachment list --json %lld", id), 0, "attachment list --json ID");
	expect_out("\"filename\" : \"notes.txt\"");
	args = xasprintf("attachment get -o %s %s", out, att);
	expect(testdb_cli("alice", NULL, args), 0, "attachment get -o FILE ID");
	free(args);
	char *got = slurp_file(out);
	ck_assert_str_eq(got, "the server log\n");
	free(got);
	/* a mistake is still named */
	expect(testdb_cli("alice", NULL, "attachment get -o"), 64, "-o without a file");
	expect(cli("alice", NULL, "attachment list --json %lld %lld", id), 64, "two numbers");
	ck_assert_msg(strstr(testdb_stderr(), "unexpected argument"), "%s", testdb_stderr());

	expect(receive("Carla Contact <carla@acme.example>", "m1"), 0, "receive");
	expect(testdb_cli("alice", NULL, "inbox show --json 1"), 0, "inbox show --json ID");
	expect_out("\"id\" : 1");
	args = xasprintf("inbox raw -o %s 1", mail);
	expect(testdb_cli("alice", NULL, args), 0, "inbox raw -o FILE ID");
	free(args);
	got = slurp_file(mail);
	ck_assert_msg(strstr(got, "Message-ID: <m1@acme>"), "%s", got);
	free(got);
	expect(testdb_cli("alice", NULL, "inbox accept --set severity=2 1"), 65, "accept --set before ID");
	ck_assert_msg(strstr(testdb_stderr(), "request_type: is required"), "%s", testdb_stderr());

	expect(testdb_cli("bot", NULL, "admin contact list --json 'Acme Media'"), 0, "contact list --json C");
	expect_out("\"email\" : \"carla@acme.example\"");

	unlink(in);
	unlink(out);
	unlink(mail);
	rmdir(dir);
	free(in);
	free(out);
	free(mail);
	free(att);
}
END_TEST

/* `admin policy load -` with a NUL byte in a holiday's name loaded the
 * name cut at it ("New" for "New Year's Day"), exit 0: libconfig ends a
 * string there. Refused now naming the line, as bytes that are no UTF-8
 * are (the server's refusal named no line). */
START_TEST(policy_with_a_nul_byte_is_refused)
{
	setup(0);
	testdb_agent("bot", "admin");
	expect(testdb_cli("bot", NULL, "admin policy show --conf"), 0, "policy show");
	char *conf = xstrdup(testdb_stdout());
	char *at = strstr(conf, "name = \"");
	ck_assert_msg(at, "no holiday name in: %s", conf);
	at += strlen("name = \"");
	char *name_end = strchr(at, '\"');
	char *name = xasprintf("%.*s", (int)(name_end - at), at);
	ck_assert_msg(strlen(name) > 3, "name: %s", name);
	int line = 1;
	for (const char *p = conf; p < at; p++)
		line += *p == '\n';
	char *said = xasprintf("-:%d: holds a NUL byte; nothing was changed", line);

	at[3] = '\0';   /* "New\0Year's Day" */
	expect(testdb_cli_bytes("bot", conf, strlen(conf) + strlen(at + 4) + 1, "admin policy load -"), 65, "NUL");
	ck_assert_msg(strstr(testdb_stderr(), said), "wanted '%s': %s", said, testdb_stderr());
	at[3] = '\xe9';  /* Latin-1 */
	expect(testdb_cli("bot", conf, "admin policy load -"), 65, "not UTF-8");
	ck_assert_msg(strstr(testdb_stderr(), ": not UTF-8 text"), "%s", testdb_stderr());
	/* nothing changed: the name is whole */
	expect(testdb_cli("bot", NULL, "admin policy show --conf"), 0, "policy show again");
	char *whole = xasprintf("name = \"%s\"", name);
	ck_assert_msg(strstr(testdb_stdout(), whole), "wanted %s in %s", whole, testdb_stdout());
	free(whole);
	free(said);
	free(name);
	free(conf);
}
END_TEST

static Suite *cli_scripting_suite(void)
{
	Suite *s = suite_create("cli_scripting");
	TCase *tc = tcase_create("cli");
	tcase_add_test(tc, retriage_reason_from_stdin);
	tcase_add_test(tc, reopen_note_from_stdin);
	tcase_add_test(tc, inbox_steps_say_what_they_did);
	tcase_add_test(tc, follow_a_ticket_yourself);
	tcase_add_test(tc, options_before_the_number);
	tcase_add_test(tc, policy_with_a_nul_byte_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cli_scripting_suite)
