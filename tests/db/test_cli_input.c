/* The command line used as a careless script uses it: a text read from
 * standard input that could not be stored is kept and said where, a
 * document read from standard input that was not stored is said to be
 * gone, `inbox accept` refuses its argument mistakes as usage (64) before
 * connecting and never lets a second --json or --set silently win, and
 * output that could not be written is an error, not a success. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/conn.h"
#include "ticket_fixture.h"
#include "testdb.h"
#include "util/text.h"
#include "util/xalloc.h"

static char state_dir[] = "/tmp/ticketty-cli-input-XXXXXX";
static long long first;

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("in_alice", "engineer");
	testdb_agent("in_bot", "admin");
	first = fixture_tickets(1, "app_support");
	/* the texts this test keeps go to a directory of its own */
	strcpy(state_dir, "/tmp/ticketty-cli-input-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(state_dir));
	setenv("XDG_STATE_HOME", state_dir, 1);
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", state_dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

/* True when a text is kept as `name` ("reply-1") in this test's drafts
 * directory. */
static bool kept_file_exists(const char *name)
{
	char *path = xasprintf("%s/ticketty/drafts/text-%s.draft", state_dir, name);
	struct stat st;
	bool there = stat(path, &st) == 0;
	free(path);
	return there;
}

static bool file_holds(const char *path, const char *text)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char buf[4096];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

static int cli(const char *login, const char *input, const char *fmt, long long id)
{
	char *args = xasprintf(fmt, id);
	int rc = testdb_cli(login, input, args);
	free(args);
	return rc;
}

/* A reply read from standard input and refused (a stale version, a
 * database that is gone) is kept, and stderr says where; once a reply is
 * sent nothing stays kept. */
START_TEST(text_from_stdin_is_kept_when_it_cannot_be_stored)
{
	char name[32];
	snprintf(name, sizeof(name), "reply-%lld", first);
	ck_assert_int_eq(cli("in_alice", "Words a script sent\n", "ticket reply %lld --version 7", first), 75);
	ck_assert_msg(kept_file_exists(name), "nothing kept; stderr: %s", testdb_stderr());
	char *where = xasprintf("%s/ticketty/drafts/text-%s.draft", state_dir, name);
	ck_assert_msg(strstr(testdb_stderr(), where), "stderr does not say where: %s", testdb_stderr());
	ck_assert_msg(file_holds(where, "Words a script sent"), "the kept file lacks the text");
	free(where);

	/* the database gone: 69, and the note is kept too */
	snprintf(name, sizeof(name), "note-%lld", first);
	ck_assert_int_eq(cli("in_alice", "A note for later\n", "--db 'host=/nonexistent dbname=x' ticket note %lld",
			     first), 69);
	ck_assert_msg(kept_file_exists(name) && strstr(testdb_stderr(), "is kept ("),
		      "stderr: %s", testdb_stderr());
	/* so is an escalation's reason (--reason -) */
	snprintf(name, sizeof(name), "escalate-%lld", first);
	ck_assert_int_eq(cli("in_alice", "Why it is urgent\n",
			     "--db 'host=/nonexistent dbname=x' escalate %lld --reason -", first), 69);
	ck_assert_msg(kept_file_exists(name), "stderr: %s", testdb_stderr());

	/* sent: nothing kept, nothing said */
	ck_assert_int_eq(cli("in_alice", "Words a script sent\n", "ticket reply %lld", first), 0);
	snprintf(name, sizeof(name), "reply-%lld", first);
	ck_assert(!kept_file_exists(name));
	ck_assert_ptr_null(strstr(testdb_stderr(), "kept"));
	testdb_expect("SELECT string_agg(body, '|' ORDER BY id) FROM comments", "Words a script sent\n");
}
END_TEST

/* A text read from standard input and refused for its bytes (not UTF-8,
 * a NUL) names the field and is kept too, said where: it was refused and
 * gone, and a script cannot read its standard input twice. */
START_TEST(text_from_stdin_refused_for_its_bytes_is_kept)
{
	char name[32];
	snprintf(name, sizeof(name), "reply-%lld", first);
	ck_assert_int_eq(cli("in_alice", "Caf\xe9 from a Latin-1 script\n", "ticket reply %lld --message -", first), 65);
	ck_assert_msg(strstr(testdb_stderr(), "message: is not valid UTF-8") && strstr(testdb_stderr(), "is kept ("),
		      "stderr: %s", testdb_stderr());
	ck_assert_msg(kept_file_exists(name), "nothing kept; stderr: %s", testdb_stderr());

	/* a NUL: kept with U+FFFD where it was */
	char *ci = testdb_conninfo("in_alice");
	char *errfile = xasprintf("%s/stderr", state_dir);
	char *cmd = xasprintf("printf 'Before\\000after\\n' | %s --db '%s' ticket note %lld >/dev/null 2>'%s'",
			      testdb_bin_shell(), ci, first, errfile);
	int status = system(cmd);
	ck_assert_int_eq(WIFEXITED(status) ? WEXITSTATUS(status) : 128, 65);
	ck_assert(file_holds(errfile, "message: contains a NUL byte"));
	ck_assert(file_holds(errfile, "is kept ("));
	char *where = xasprintf("%s/ticketty/drafts/text-note-%lld.draft", state_dir, first);
	ck_assert_msg(file_holds(where, "Before\xef\xbf\xbd" "after"), "the kept note lacks the text");
	free(where);
	free(cmd);
	free(errfile);
	free(ci);
	testdb_expect("SELECT count(*) FROM comments", "0");
}
END_TEST

/* A ticket read with --json - that was not made says that nothing was
 * saved and what was read is gone (it cannot be read again); from a file
 * it stays where it is, and nothing is said. */
START_TEST(document_from_stdin_not_stored_is_said_gone)
{
	const char *doc = "{\"title\": \"Blank placements\"}";
	ck_assert_int_eq(testdb_cli("in_alice", doc, "ticket new --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "customer: is required") &&
		      strstr(testdb_stderr(), "nothing was saved, and the JSON read from standard input is not kept"),
		      "stderr: %s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("in_alice", doc, "--db 'host=/nonexistent dbname=x' ticket new --json -"), 69);
	ck_assert_msg(strstr(testdb_stderr(), "is not kept"), "stderr: %s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("in_alice", NULL, "ticket new --json /dev/null"), 65);
	ck_assert_ptr_null(strstr(testdb_stderr(), "is not kept"));
	/* a directory is no document: 66, said so (it was 74, "read error") */
	ck_assert_int_eq(testdb_cli("in_alice", NULL, "ticket new --json /tmp"), 66);
	ck_assert_msg(strstr(testdb_stderr(), "/tmp: not a regular file"), "stderr: %s", testdb_stderr());

	ck_assert_int_eq(testdb_cli("in_bot", "From: Carla <carla@acme.example>\nSubject: Blank\n"
				    "Message-ID: <m1@acme>\n\nEverything is blank.\n", "mail receive"), 0);
	ck_assert_int_eq(testdb_cli("in_alice", doc, "inbox accept 1 --json -"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "is not kept"), "stderr: %s", testdb_stderr());
	/* the same reading of a document as ticket new's: a directory is 66 */
	ck_assert_int_eq(testdb_cli("in_alice", NULL, "inbox accept 1 --json /tmp"), 66);
	ck_assert_msg(strstr(testdb_stderr(), "/tmp: not a regular file"), "stderr: %s", testdb_stderr());
	testdb_expect("SELECT count(*) FROM tickets", "1");
}
END_TEST

/* `inbox accept` argument mistakes: usage (64, it was 70, an internal
 * error), said before connecting (64 with the database gone, not 69), and
 * a second --json or a field --set twice is refused, not silently the
 * one that wins. */
START_TEST(inbox_accept_argument_mistakes_are_usage)
{
	ck_assert_int_eq(testdb_cli("in_bot", "From: Carla <carla@acme.example>\nSubject: Blank\n"
				    "Message-ID: <m1@acme>\n\nEverything is blank.\n", "mail receive"), 0);
	static const struct { const char *args, *said; } bad[] = {
		{ "inbox accept 1 --bogus x", "unexpected argument '--bogus'" },
		{ "inbox accept 1 --set", "--set needs a value" },
		{ "inbox accept 1 --set title", "--set needs FIELD=VALUE" },
		{ "inbox accept 1 --json /dev/null --json /dev/null", "--json given twice" },
		{ "inbox accept 1 --set title=A --set severity=3 --set title=B", "--set title given twice" },
		{ "--db 'host=/nonexistent dbname=x' inbox accept 1 --set title=A --set title=B",
		  "--set title given twice" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = testdb_cli("in_alice", NULL, bad[i].args);
		ck_assert_msg(rc == 64 && strstr(testdb_stderr(), bad[i].said), "%s: rc %d, stderr: %s",
			      bad[i].args, rc, testdb_stderr());
	}
	testdb_expect("SELECT state FROM mail_inbound WHERE id = 1", "inbox");
}
END_TEST

/* admin template set: an unknown argument is a usage error (64; it was
 * 70, an internal error), and so is a second --subject or --body-file
 * (ticketty(1): an option that takes one value given twice), never the
 * last one silently winning; the template is left as it was. */
START_TEST(template_set_option_twice_is_usage)
{
	testdb_expect("SELECT count(*) FROM mail_templates WHERE subject IN ('A', 'B')", "0");
	static const struct { const char *args, *said; } bad[] = {
		{ "admin template set reply en --subject A --subject B --body-file /dev/null",
		  "--subject given twice" },
		{ "admin template set reply en --body-file /dev/null --subject A --body-file /dev/null",
		  "--body-file given twice" },
		{ "admin template set reply en --bogus", "unexpected argument '--bogus'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = testdb_cli("in_alice", NULL, bad[i].args);
		ck_assert_msg(rc == 64 && strstr(testdb_stderr(), bad[i].said), "%s: rc %d, stderr: %s",
			      bad[i].args, rc, testdb_stderr());
	}
	testdb_expect("SELECT count(*) FROM mail_templates WHERE subject IN ('A', 'B')", "0");
}
END_TEST

/* -m is --message in the escalation steps as in the ticket commands (it
 * was "unknown option '-m'", 64); `escalate` takes --reason only. */
START_TEST(escalation_steps_take_dash_m)
{
	static const char *const steps[] = { "escalation resolve %lld -m Done",
					     "escalation up %lld -m Higher", NULL };
	for (int i = 0; steps[i]; i++) {
		int rc = cli("in_alice", NULL, steps[i], first);
		/* no live escalation: refused by the database, not by the parser */
		ck_assert_msg(rc == 65 && !strstr(testdb_stderr(), "unknown option"), "%s: rc %d, stderr: %s",
			      steps[i], rc, testdb_stderr());
	}
	ck_assert_int_eq(cli("in_alice", NULL, "escalate %lld -m Why", first), 64);
	ck_assert_msg(strstr(testdb_stderr(), "unknown option '-m'"), "stderr: %s", testdb_stderr());
}
END_TEST

/* An option's mistake is said as it is, naming the option: a value
 * missing at the end of the command line is not an unknown option (queue,
 * escalate, notify and inbox said "unknown option '--limit'"), an option
 * of the shared table that this command does not take is named, not the
 * value after it (it was "unknown option 'x'", "note: ... missing
 * value: x"), and a value given to a flag is refused as such. */
START_TEST(option_mistakes_are_named)
{
	static const struct { const char *args, *said; } bad[] = {
		{ "queue --limit", "option '--limit' needs a value" },
		{ "escalate 1 --reason", "option '--reason' needs a value" },
		{ "escalations --level", "option '--level' needs a value" },
		{ "notify mine --limit", "option '--limit' needs a value" },
		{ "inbox list --after", "option '--after' needs a value" },
		{ "ticket note 1 -m", "option '-m' needs a value" },
		{ "ticket reply 1 --message", "option '--message' needs a value" },
		{ "ticket set 1 severity=2 --reason", "option '--reason' needs a value" },
		{ "search Blank --customer", "option '--customer' needs a value" },
		{ "sla due --plan", "option '--plan' needs a value" },
		{ "admin customer add --plan", "option '--plan' needs a value" },
		{ "queue --bogus", "unknown option '--bogus'" },
		{ "ticket note 1 -x", "unknown option '-x'" },
		{ "queue --json=yes", "option '--json' takes no value" },
		{ "ticket note 1 --template x", "note does not take --template" },
		{ "notify pending --filter x", "pending does not take --filter" },
		{ "escalation ack 1 --to someone", "ack does not take --to" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = testdb_cli("in_bot", NULL, bad[i].args);
		ck_assert_msg(rc == 64 && strstr(testdb_stderr(), bad[i].said), "%s: rc %d, stderr: %s",
			      bad[i].args, rc, testdb_stderr());
	}
}
END_TEST

/* Runs ticketty as `login` with `args`, its output into /dev/full (a
 * disk with no room left); returns the exit status, stderr in *err. */
static int cli_to_full_disk(const char *login, const char *args, char **err)
{
	char *ci = testdb_conninfo(login);
	char *errfile = xasprintf("%s/stderr", state_dir);
	char *cmd = xasprintf("%s --db '%s' %s </dev/null >/dev/full 2>'%s'", testdb_bin_shell(), ci, args, errfile);
	int status = system(cmd);
	FILE *f = fopen(errfile, "r");
	char buf[2048] = "";
	if (f) {
		buf[fread(buf, 1, sizeof(buf) - 1, f)] = '\0';
		fclose(f);
	}
	*err = xstrdup(buf);
	free(cmd);
	free(errfile);
	free(ci);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* Output that could not be written is no success: 74 (EX_IOERR), said
 * on stderr; it was 0, and a script took the missing listing for an
 * empty one. */
START_TEST(output_that_cannot_be_written_fails)
{
	static const char *const listings[] = { "queue", "queue --json", "ticket show 1", "ticket history 1",
						"search Ticket", "help ticket", NULL };
	for (int i = 0; listings[i]; i++) {
		char *err;
		int rc = cli_to_full_disk("in_alice", listings[i], &err);
		ck_assert_msg(rc == 74 && strstr(err, "the output could not be written whole"),
			      "%s: rc %d, stderr: %s", listings[i], rc, err);
		free(err);
	}
	/* so do the global --help and --version (they exited 0) */
	static const char *const globals[] = { "--help", "--version", NULL };
	for (int i = 0; globals[i]; i++) {
		char *gerr;
		int rc = cli_to_full_disk("in_alice", globals[i], &gerr);
		ck_assert_msg(rc == 74 && strstr(gerr, "the output could not be written whole"),
			      "%s: rc %d, stderr: %s", globals[i], rc, gerr);
		free(gerr);
	}
	/* a command that failed keeps its own status */
	char *err;
	ck_assert_int_eq(cli_to_full_disk("in_alice", "ticket show 99", &err), 65);
	free(err);
}
END_TEST

/* A value pasted by the kilobyte into an argument is not echoed whole:
 * `ticket show` of a 100,000-character word says it is no ticket id in a
 * few hundred bytes, its two ends around an ellipsis (it printed all
 * 100,000 back on stderr). */
START_TEST(pasted_value_is_shown_by_its_ends)
{
	testdb_create();
	char *word = xcalloc(100001, 1);
	memset(word, 'x', 100000);
	char *args = xasprintf("ticket show %s", word);
	ck_assert_int_eq(testdb_cli(NULL, NULL, args), 64);
	const char *err = testdb_stderr();
	ck_assert_msg(strlen(err) < 1000, "%zu bytes on stderr", strlen(err));
	ck_assert_msg(strstr(err, "' is not a ticket id") && (strstr(err, "x \xe2\x80\xa6 x") || strstr(err, "x ... x")),
		      "%.400s", err);
	ck_assert_ptr_nonnull(strstr(err, "Usage: ticketty ticket show ID"));
	free(args);
	free(word);
}
END_TEST

/* A server refusal that quotes a pasted value back (no agent of that
 * login) shows it by its ends too: `ticket assign` of a 100,000-character
 * login printed it whole, twice (200 KB on stderr). */
START_TEST(refusal_quoting_a_pasted_value_is_short)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("paste_eng", "engineer");
	long long id = fixture_tickets(1, "app_support");
	char *word = xcalloc(100001, 1);
	memset(word, 'q', 100000);
	char *args = xasprintf("ticket assign %lld %s", id, word);
	int rc = testdb_cli("paste_eng", NULL, args);
	ck_assert_int_ne(rc, 0);
	const char *err = testdb_stderr();
	ck_assert_msg(strlen(err) < 4000, "%zu bytes on stderr: %.300s", strlen(err), err);
	ck_assert_msg(strstr(err, "qq \xe2\x80\xa6 qq") || strstr(err, "qq ... qq"), "%.600s", err);
	free(args);
	free(word);
}
END_TEST

/* True when `s` holds no byte that is not UTF-8: nothing of a refused
 * argument reached the terminal raw. */
static bool clean_utf8(const char *s)
{
	return utf8_valid(s, strlen(s));
}

/* The count of ticket events, to see that a refused command changed
 * nothing (caller frees). */
static char *events_now(void)
{
	return testdb_value("SELECT count(*) FROM ticket_events", 0, NULL);
}

/* An argument that is not UTF-8 (a Latin-1 script) is refused before
 * anything is sent, 65, named as it was given and never shown raw: it
 * reached the server, which refused some value with "invalid byte
 * sequence" naming none. Here an option's value, named by the option. */
START_TEST(option_not_utf8_is_named)
{
	ck_assert_int_eq(testdb_cli("in_bot", NULL, "admin agent add latin1 --name \"$(printf 'Jos\\351')\""
				    " --role engineer"), 65);
	const char *err = testdb_stderr();
	ck_assert_msg(strstr(err, "ticketty: an argument is not UTF-8 text, so nothing was sent")
		      && strstr(err, "\n--name: is not valid UTF-8\n") && clean_utf8(err), "%s", err);
	testdb_expect("SELECT count(*) FROM agents WHERE login = 'latin1'", "0");
}
END_TEST

/* A positional argument: named by its place after the command's name. */
START_TEST(positional_not_utf8_is_named)
{
	char *events = events_now();
	ck_assert_int_eq(cli("in_alice", NULL, "ticket assign %lld \"$(printf 'caf\\351')\"", first), 65);
	const char *err = testdb_stderr();
	ck_assert_msg(strstr(err, "\nargument 3: is not valid UTF-8\n") && clean_utf8(err), "%s", err);
	ck_assert_int_eq(testdb_cli("in_alice", NULL, "search \"$(printf '\\377')\""), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\nargument 1: is not valid UTF-8\n") && clean_utf8(testdb_stderr()),
		      "%s", testdb_stderr());
	char *after = events_now();
	ck_assert_str_eq(after, events);
	free(after);
	free(events);
}
END_TEST

/* A FIELD=VALUE pair: named by its FIELD; every bad word on a line. */
START_TEST(pair_not_utf8_is_named)
{
	char *events = events_now();
	ck_assert_int_eq(cli("in_alice", NULL, "ticket set %lld title=\"$(printf 'caf\\351')\" severity=3"
			     " --reason \"$(printf '\\303')\"", first), 65);
	const char *err = testdb_stderr();
	ck_assert_msg(strstr(err, "\ntitle: is not valid UTF-8\n--reason: is not valid UTF-8\n") && clean_utf8(err),
		      "%s", err);
	char *after = events_now();
	ck_assert_str_eq(after, events);
	free(after);
	free(events);
	ck_assert_int_eq(testdb_cli("in_bot", NULL, "admin team set client_services name=\"$(printf '\\303')\""), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\nname: is not valid UTF-8\n") && clean_utf8(testdb_stderr()),
		      "%s", testdb_stderr());
}
END_TEST

/* A file's name is no text (a missing file is 66, whatever its bytes),
 * but the name of a file sent with a note goes with it: that part of
 * --attach is checked, the directory it is in is not. */
START_TEST(file_names_are_checked_only_where_sent)
{
	ck_assert_int_eq(testdb_cli("in_alice", NULL, "ticket new --json \"$(printf '/nonexistent/caf\\351.json')\""),
			 66);
	ck_assert_int_eq(cli("in_alice", NULL, "ticket note %lld -m x --attach \"$(printf '/nonexistent\\351/x')\"",
			     first), 66);
	ck_assert_int_eq(cli("in_alice", NULL, "ticket note %lld -m x --attach \"$(printf '/nonexistent/caf\\351')\"",
			     first), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\n--attach: is not valid UTF-8\n") && clean_utf8(testdb_stderr()),
		      "%s", testdb_stderr());
}
END_TEST

/* A file whose name holds a line break (or another control character)
 * is refused before anything is sent, as the ticket view's A refuses it
 * (util/file_read.c): named with the break shown, not the server's
 * "the file was not attached" after the note was written; the text given
 * on standard input is kept. */
START_TEST(file_name_with_a_control_is_refused_before_sending)
{
	char *path = xasprintf("%s/two\nlines.csv", state_dir);
	FILE *out = fopen(path, "w");
	ck_assert_ptr_nonnull(out);
	fputs("x\n", out);
	fclose(out);
	char *events = events_now();
	char *args = xasprintf("ticket note %lld -m - --attach \"$(printf '%s/two\\nlines.csv')\"", first,
			       state_dir);
	ck_assert_int_eq(testdb_cli("in_alice", "Logs attached.", args), 65);
	const char *err = testdb_stderr();
	char *want = xasprintf("ticketty: %s/two\xe2\x86\xb5lines.csv: the file's name holds control character"
			       " U+000A: rename the file\n", state_dir);
	ck_assert_msg(strstr(err, want) && clean_utf8(err), "%s", err);
	char *after = events_now();
	ck_assert_str_eq(after, events);
	char name[32];
	snprintf(name, sizeof(name), "note-%lld", first);
	ck_assert(kept_file_exists(name));
	free(after);
	free(events);
	free(want);
	free(args);
	free(path);
}
END_TEST

/* Writes `len` bytes to a file of this test's directory (caller frees
 * the path). */
static char *file_of(const char *name, size_t len)
{
	char *path = xasprintf("%s/%s", state_dir, name);
	FILE *out = fopen(path, "w");
	ck_assert_ptr_nonnull(out);
	for (size_t i = 0; i < len; i++)
		fputc('x', out);
	fclose(out);
	return path;
}

/* --attach is held to the desk's limits (max_attachment_bytes a file,
 * 3/4 of max_message_bytes together) before anything is sent, as the
 * ticket view's A holds a file when it is chosen: 65, the file, its size
 * and the limit named, nothing written, the text from standard input
 * kept. Before, the note was written first and the database refused
 * the file after it ("file: ... (max_attachment_bytes)", all rolled
 * back), so a stale --version was what the agent heard of first. */
START_TEST(files_over_the_desks_limits_are_refused_before_sending)
{
	testdb_sql("UPDATE mail_policy SET value = '9' WHERE key = 'max_attachment_bytes'");
	testdb_sql("UPDATE mail_policy SET value = '20' WHERE key = 'max_message_bytes'");  /* 15 together */
	char *big = file_of("big.csv", 10), *a = file_of("a.csv", 8), *b = file_of("b.csv", 8);
	char name[32];
	snprintf(name, sizeof(name), "note-%lld", first);
	char *events = events_now();

	char *args = xasprintf("ticket note %lld -m - --attach '%s'", first, big);
	ck_assert_int_eq(testdb_cli("in_alice", "Logs attached.", args), 65);
	const char *err = testdb_stderr();
	ck_assert_msg(strstr(err, "ticketty: big.csv: 10 bytes, more than the 9 a file may have\n") &&
		      strstr(err, "is kept ("), "%s", err);
	ck_assert(kept_file_exists(name));
	char *after = events_now();
	ck_assert_str_eq(after, events);
	free(after);
	free(args);

	/* together: the file that passes the limit is named */
	args = xasprintf("ticket note %lld -m x --attach '%s' --attach '%s'", first, a, b);
	ck_assert_int_eq(testdb_cli("in_alice", NULL, args), 65);
	ck_assert_msg(strstr(testdb_stderr(), "ticketty: b.csv: the files of a message may have 15 bytes together;"
					      " with this one they would have 16\n"), "%s", testdb_stderr());
	after = events_now();
	ck_assert_str_eq(after, events);
	free(after);
	free(args);

	/* the file is what is wrong first, before a stale version */
	char id[24];
	snprintf(id, sizeof(id), "%lld", first);
	const char *p[] = { id };
	char *v = testdb_value("SELECT version FROM tickets WHERE id = $1", 1, p);
	args = xasprintf("ticket note %lld -m x --version %d --attach '%s'", first, atoi(v) + 5, big);
	ck_assert_int_eq(testdb_cli("in_alice", NULL, args), 65);
	ck_assert_msg(strstr(testdb_stderr(), "big.csv: 10 bytes, more than the 9"), "%s", testdb_stderr());
	free(args);

	/* within the limits it goes, and nothing stays kept */
	args = xasprintf("ticket note %lld -m - --attach '%s'", first, a);
	ck_assert_int_eq(testdb_cli("in_alice", "Logs attached.", args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "1 file is kept with the note"), "%s", testdb_stdout());
	ck_assert(!kept_file_exists(name));
	free(args);
	free(v);
	free(events);
	free(big);
	free(a);
	free(b);
}
END_TEST

/* A file's name with a bidi control (U+202E, which draws
 * "invoice<U+202E>fdp.exe" as "invoiceexe.pdf") or a line separator is
 * refused by the database whatever the client let through: the client
 * refuses control characters only, and api_message_attach refused '/',
 * '\' and [[:cntrl:]], which holds neither, and stored such a name a
 * received file would have lost (file_name_mended). Through the command
 * line, where the client now refuses it before sending (the note not
 * written, its text kept), and through the API for every one of them,
 * as an older or other client would send them. */
static void expect_attach_refused(struct db *db, const char *name)
{
	struct tt_error err;
	tt_error_init(&err);
	char *sql = xasprintf("SELECT ticketty.api_message_attach(%lld, $1, 'text/csv', 'x'::bytea)", first);
	const char *p[] = { name };
	ck_assert_int_eq(db_begin(db, &err), 0);
	char *note = xasprintf("SELECT ticketty.api_ticket_note(%lld, NULL, 'Logs attached.')", first);
	PGresult *r = db_exec(db, note, 0, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.message ? err.message : "?");
	PQclear(r);
	r = db_exec(db, sql, 1, p, &err);
	ck_assert_msg(r == NULL, "stored a file named %s", name);
	ck_assert_str_eq(err.sqlstate, "TT400");
	ck_assert_msg(err.detail && !strcmp(err.detail, "filename\tmalformed\t"
					    "a bare file name, without /, \\, control or bidi characters"),
		      "%s", err.detail ? err.detail : "(no detail)");
	db_rollback(db);
	tt_error_clear(&err);
	free(note);
	free(sql);
}

START_TEST(file_name_with_bidi_or_separator_is_refused_by_the_database)
{
	char *path = xasprintf("%s/invoice\xe2\x80\xae" "fdp.exe", state_dir);
	FILE *out = fopen(path, "w");
	ck_assert_ptr_nonnull(out);
	fputs("x\n", out);
	fclose(out);
	char *events = events_now();
	char *args = xasprintf("ticket note %lld -m - --attach '%s'", first, path);
	ck_assert_int_eq(testdb_cli("in_alice", "Logs attached.", args), 65);
	const char *err = testdb_stderr();
	/* the client refuses it before sending (file_read.c, text_is_unsafe) */
	ck_assert_msg(strstr(err, "the file's name holds invisible formatting character U+202E")
		      && clean_utf8(err), "%s", err);
	char *after = events_now();
	ck_assert_str_eq(after, events);
	testdb_expect("SELECT count(*) FROM attachments", "0");
	char name[32];
	snprintf(name, sizeof(name), "note-%lld", first);
	ck_assert(kept_file_exists(name));

	struct db *db = testdb_open("in_alice");
	expect_attach_refused(db, "invoice\xe2\x80\xae" "fdp.exe");   /* U+202E */
	expect_attach_refused(db, "report\xc2\x85" "2026.csv");        /* U+0085, a C1 control */
	expect_attach_refused(db, "report\xe2\x80\xa8" "2026.csv");    /* U+2028 */
	expect_attach_refused(db, "\xef\xbb\xbf" "report.csv");        /* U+FEFF */
	db_close(db);
	testdb_expect("SELECT count(*) FROM attachments", "0");
	/* what 951 made of the names stored before: a received file's mending */
	testdb_expect("SELECT ticketty.file_name_mended(E'invoice\\u202efdp.exe')", "invoice_fdp.exe");
	testdb_expect("SELECT ticketty.file_name_mended(E' report\\u0085 2026\\u2028.csv ')", "report_ 2026_.csv");
	testdb_expect("SELECT ticketty.file_name_mended('placements.csv')", "placements.csv");
	free(after);
	free(events);
	free(args);
	free(path);
}
END_TEST

static Suite *cli_input_suite(void)
{
	Suite *s = suite_create("cli_input");
	TCase *tc = tcase_create("cli");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, text_from_stdin_is_kept_when_it_cannot_be_stored);
	tcase_add_test(tc, document_from_stdin_not_stored_is_said_gone);
	tcase_add_test(tc, inbox_accept_argument_mistakes_are_usage);
	tcase_add_test(tc, template_set_option_twice_is_usage);
	tcase_add_test(tc, escalation_steps_take_dash_m);
	tcase_add_test(tc, output_that_cannot_be_written_fails);
	tcase_add_test(tc, option_mistakes_are_named);
	tcase_add_test(tc, text_from_stdin_refused_for_its_bytes_is_kept);
	tcase_add_test(tc, pasted_value_is_shown_by_its_ends);
	tcase_add_test(tc, refusal_quoting_a_pasted_value_is_short);
	tcase_add_test(tc, option_not_utf8_is_named);
	tcase_add_test(tc, positional_not_utf8_is_named);
	tcase_add_test(tc, pair_not_utf8_is_named);
	tcase_add_test(tc, file_names_are_checked_only_where_sent);
	tcase_add_test(tc, file_name_with_a_control_is_refused_before_sending);
	tcase_add_test(tc, files_over_the_desks_limits_are_refused_before_sending);
	tcase_add_test(tc, file_name_with_bidi_or_separator_is_refused_by_the_database);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cli_input_suite)
