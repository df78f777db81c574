/* The scripting CLI's last gaps (issue 17: every listing with a header
 * and --json, a stale edit refused wherever a ticket changes): the
 * `escalations` text, whose records are several lines each, had level
 * headings but no header naming the fields; `escalate ID` and `ticket
 * unlink ID OTHER` took no --version (a stale one is refused, 75, naming
 * the changes and the current version, and the reason read is kept), nor
 * did `escalation ack|resolve|up|hand`; `inbox discard` (ask, refuse,
 * note) of mail already discarded or accepted said 75 (retry), though no
 * retry mends it: 65, naming what became of the mail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc_fixture.h"
#include "testdb.h"
#include "util/xalloc.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

static void expect_cli(const char *login, const char *input, const char *args, int want)
{
	int rc = testdb_cli(login, input, args);
	ck_assert_msg(rc == want, "%s: exit %d, wanted %d\nstdout: %s\nstderr: %s", args, rc, want,
		      testdb_stdout(), testdb_stderr());
}

static void expect_has(const char *text, const char *want)
{
	ck_assert_msg(strstr(text, want), "wanted '%s' in:\n%s", want, text);
}

/* ticket `id`'s version, as text */
static char *version_of(long long id)
{
	char buf[24];
	snprintf(buf, sizeof(buf), "%lld", id);
	const char *p[1] = { buf };
	return testdb_value("SELECT version::text FROM tickets WHERE id = $1", 1, p);
}

#define HEADER                                                       \
	"ID  SEV  SLA  CUSTOMER  STATE HELD FOR\n"                   \
	"    TITLE\n"                                                \
	"    LEVEL  HOLDER (STATE, HELD FOR); RAISED BY: REASON\n"

/* The records of `escalations` are several lines each: a header line per
 * line of a record names its fields, once, on every page (a script reads
 * a page at a time), and nothing is cut when piped. */
START_TEST(escalations_text_has_a_header)
{
	char args[160];
	const char *reason = "The customer's whole network shows blank placements since the release"
			     " of Tuesday, and their campaign manager calls every hour about it";
	snprintf(args, sizeof(args), "escalate %lld --reason 'slow pages'", fx.t1);
	expect_cli("esc_eng", NULL, args, 0);
	snprintf(args, sizeof(args), "escalate %lld --reason -", fx.t2);
	expect_cli("esc_eng", reason, args, 0);

	expect_cli("esc_csm1", NULL, "escalations", 0);
	const char *out = testdb_stdout();
	ck_assert_msg(!strncmp(out, HEADER "\n== CSM (2)\n#", strlen(HEADER "\n== CSM (2)\n#")), "%s", out);
	ck_assert_msg(!strstr(out + 1, "ID  SEV"), "the header twice:\n%s", out);
	/* piped, the reason is whole on its line */
	expect_has(out, reason);

	/* the next page has it too */
	expect_cli("esc_csm1", NULL, "escalations --limit 1", 0);
	out = testdb_stdout();
	ck_assert_msg(!strncmp(out, HEADER, strlen(HEADER)), "%s", out);
	const char *next = strstr(out, "\nnext: ");
	ck_assert_msg(next != NULL, "%s", out);
	char cursor[96];
	ck_assert_int_eq(sscanf(next, "\nnext: %95s", cursor), 1);
	snprintf(args, sizeof(args), "escalations --limit 1 --after %s", cursor);
	expect_cli("esc_csm1", NULL, args, 0);
	out = testdb_stdout();
	ck_assert_msg(!strncmp(out, HEADER "\n== CSM (", strlen(HEADER "\n== CSM (")), "%s", out);

	/* nothing to list: no header over nothing */
	expect_cli("esc_ceo", NULL, "escalations --mine", 0);
	ck_assert_str_eq(testdb_stdout(), "nothing waits for you\n");
	/* and --json is JSON */
	expect_cli("esc_csm1", NULL, "escalations --json", 0);
	ck_assert_msg(testdb_stdout()[0] == '{', "%s", testdb_stdout());
}
END_TEST

/* `escalate ID --version N` on a ticket changed since N is refused, 75,
 * saying what changed, by whom, and the version now; nothing is
 * escalated and the reason read from stdin is kept. At the version the
 * ticket has, it escalates. */
START_TEST(escalate_refuses_a_stale_version)
{
	char args[160];
	char *v1 = version_of(fx.t1);
	snprintf(args, sizeof(args), "ticket take %lld", fx.t1);
	expect_cli("esc_eng", NULL, args, 0);
	char *v2 = version_of(fx.t1);

	snprintf(args, sizeof(args), "escalate %lld --reason - --version %s", fx.t1, v1);
	expect_cli("esc_csm2", "Blank placements everywhere\n", args, 75);
	const char *err = testdb_stderr();
	char want[96];
	snprintf(want, sizeof(want), "changed since version %s: esc_eng took it at ", v1);
	expect_has(err, want);
	snprintf(want, sizeof(want), "(now version %s)", v2);
	expect_has(err, want);
	expect_has(err, "what you wrote is kept");
	ck_assert_str_eq(testdb_stdout(), "");
	esc_expect("SELECT count(*) FROM escalations", "0");

	/* a version that is no number is a usage error, before anything */
	snprintf(args, sizeof(args), "escalate %lld --reason x --version two", fx.t1);
	expect_cli("esc_csm2", NULL, args, 64);
	expect_has(testdb_stderr(), "'two' is not a valid version");

	snprintf(args, sizeof(args), "escalate %lld --reason - --version %s", fx.t1, v2);
	expect_cli("esc_csm2", "Blank placements everywhere\n", args, 0);
	expect_has(testdb_stdout(), "escalation at level CSM");
	esc_expect("SELECT reason FROM escalations", "Blank placements everywhere");
	free(v1);
	free(v2);
}
END_TEST

/* `ticket unlink ID OTHER --version N` on a ticket changed since N is
 * refused, 75, the changes named, and the link stays. */
START_TEST(unlink_refuses_a_stale_version)
{
	char args[160];
	snprintf(args, sizeof(args), "ticket link %lld --related %lld", fx.t1, fx.t2);
	expect_cli("esc_eng", NULL, args, 0);
	char *v1 = version_of(fx.t1);
	snprintf(args, sizeof(args), "ticket take %lld", fx.t1);
	expect_cli("esc_eng", NULL, args, 0);
	char *v2 = version_of(fx.t1);

	snprintf(args, sizeof(args), "ticket unlink %lld %lld --version %s", fx.t1, fx.t2, v1);
	expect_cli("esc_csm1", NULL, args, 75);
	char want[96];
	snprintf(want, sizeof(want), "changed since version %s: esc_eng took it at ", v1);
	expect_has(testdb_stderr(), want);
	snprintf(want, sizeof(want), "(now version %s)", v2);
	expect_has(testdb_stderr(), want);
	esc_expect("SELECT count(*) FROM ticket_links", "1");

	/* the version may come first, as with the other ticket commands */
	snprintf(args, sizeof(args), "ticket unlink --version %s %lld %lld", v2, fx.t1, fx.t2);
	expect_cli("esc_csm1", NULL, args, 0);
	expect_has(testdb_stdout(), "are no longer linked");
	esc_expect("SELECT count(*) FROM ticket_links", "0");
	/* any other option is still refused */
	snprintf(args, sizeof(args), "ticket unlink %lld %lld --related 3", fx.t1, fx.t2);
	expect_cli("esc_csm1", NULL, args, 64);
	free(v1);
	free(v2);
}
END_TEST

/* Discarding mail a second time is no conflict a retry clears: 65, and
 * the message says what became of it. */
START_TEST(inbox_discard_twice_is_a_data_error)
{
	testdb_sql("INSERT INTO mail_inbound (id, message_id, raw, received_at, from_address, from_name,"
		   "                          subject, state, hold_reason)"
		   " VALUES (11, '<a@x>', 'x', tt_now(), 'carl@acme.example', 'Carl', 'Blank placements', 'inbox', NULL),"
		   "        (12, '<b@x>', 'x', tt_now(), 'carl@acme.example', 'Carl', 'Again', 'accepted', NULL)");
	expect_cli("esc_eng", NULL, "inbox discard 11", 0);
	expect_cli("esc_eng", NULL, "inbox discard 11", 65);
	ck_assert_str_eq(testdb_stderr(), "ticketty: inbox mail 11 is already discarded\n"
					  "mail: was already discarded: nothing more is done with it\n");
	ck_assert_str_eq(testdb_stdout(), "");
	expect_cli("esc_eng", NULL, "inbox discard 12", 65);
	expect_has(testdb_stderr(), "mail: was already made a ticket");
	expect_cli("esc_eng", NULL, "inbox ask 11", 65);
	expect_has(testdb_stderr(), "mail: was already discarded");
	expect_cli("esc_eng", NULL, "inbox note 11", 65);
	expect_has(testdb_stderr(), "mail: is not held: only held mail becomes an internal note");
	expect_cli("esc_eng", NULL, "inbox discard 99", 65);
	expect_has(testdb_stderr(), "no such inbox mail: 99");
}
END_TEST

/* `escalation ack|resolve|up|hand ID --version N` on a ticket changed
 * since N is refused, 75, the changes named, the escalation unchanged and
 * the text read kept; at the version now, the step is taken. */
START_TEST(escalation_steps_refuse_a_stale_version)
{
	char args[200];
	snprintf(args, sizeof(args), "escalate %lld --reason 'slow pages'", fx.t1);
	expect_cli("esc_eng", NULL, args, 0);
	char *v1 = version_of(fx.t1);
	snprintf(args, sizeof(args), "ticket take %lld", fx.t1);
	expect_cli("esc_eng", NULL, args, 0);
	char *v2 = version_of(fx.t1);
	char want[96];
	snprintf(want, sizeof(want), "changed since version %s: esc_eng took it at ", v1);

	snprintf(args, sizeof(args), "escalation ack %lld --version %s", fx.t1, v1);
	expect_cli("esc_csm1", NULL, args, 75);
	expect_has(testdb_stderr(), want);
	snprintf(args, sizeof(args), "escalation up %lld --message - --version %s", fx.t1, v1);
	expect_cli("esc_csm1", "The customer threatens to leave\n", args, 75);
	expect_has(testdb_stderr(), want);
	expect_has(testdb_stderr(), "what you wrote is kept");
	snprintf(args, sizeof(args), "escalation resolve %lld --message done --version %s", fx.t1, v1);
	expect_cli("esc_csm1", NULL, args, 75);
	snprintf(args, sizeof(args), "escalation hand %lld --to esc_csm2 --message away --version %s", fx.t1, v1);
	expect_cli("esc_csm1", NULL, args, 75);
	expect_has(testdb_stderr(), want);
	esc_expect("SELECT state || ' ' || level || ' ' || (SELECT login FROM agents WHERE id = holder_id)"
		   "  FROM escalations", "open 1 esc_csm1");

	snprintf(args, sizeof(args), "escalation ack %lld --version %s", fx.t1, v2);
	expect_cli("esc_csm1", NULL, args, 0);
	esc_expect("SELECT state FROM escalations", "acknowledged");
	snprintf(args, sizeof(args), "escalation ack %lld --version x", fx.t1);
	expect_cli("esc_csm1", NULL, args, 64);
	free(v1);
	free(v2);
}
END_TEST

static Suite *words_suite(void)
{
	Suite *s = suite_create("cli_words");
	TCase *tc = tcase_create("words");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, escalations_text_has_a_header);
	tcase_add_test(tc, escalate_refuses_a_stale_version);
	tcase_add_test(tc, unlink_refuses_a_stale_version);
	tcase_add_test(tc, escalation_steps_refuse_a_stale_version);
	tcase_add_test(tc, inbox_discard_twice_is_a_data_error);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(words_suite)
