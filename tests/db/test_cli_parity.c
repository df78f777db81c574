/* What a key of the interface does, a command line does too (DESIGN.md §8,
 * "a scripting CLI for everything"): the notifications view's m/M
 * (`notify mark-read`), the queue's quick filters (`queue --unassigned
 * ...`), the inbox's and the notifications' / filter (`inbox list
 * --filter`, `notify mine --filter`), the ticket view's canned reply put
 * in the editor (`canned show KEY --ticket ID`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc_fixture.h"
#include "testdb.h"

static struct esc_fixture fx;

static void setup(void)
{
	esc_fixture_setup(&fx);
}

static void expect_cli(const char *login, const char *args, int want)
{
	int rc = testdb_cli(login, NULL, args);
	ck_assert_msg(rc == want, "%s: exit %d, wanted %d\nstdout: %s\nstderr: %s", args, rc, want,
		      testdb_stdout(), testdb_stderr());
}

/* The unread notifications of `login`, by id. */
static char *unread_of(const char *login)
{
	const char *p[1] = { login };
	return testdb_value("SELECT coalesce(string_agg(n.id::text, ',' ORDER BY n.id), '')"
			    "  FROM notifications n JOIN agents a ON a.id = n.recipient_agent_id"
			    " WHERE a.login = $1 AND n.read_at IS NULL", 1, p);
}

static void expect_unread(const char *login, const char *want)
{
	char *v = unread_of(login);
	ck_assert_msg(v && !strcmp(v, want), "unread of %s: %s, wanted %s", login, v ? v : "NULL", want);
	free(v);
}

/* The notifications view marks one read (m) or every one (M); `notify
 * mine --mark-read` could only mark a whole page, so a script could not
 * mark the one it had dealt with. */
START_TEST(notifications_marked_read_one_by_one_or_all)
{
	char args[128], want[64];
	expect_cli("esc_eng", "escalate 1 --reason 'one'", 0);
	expect_cli("esc_eng", "escalate 2 --reason 'two'", 0);
	expect_cli("esc_eng", "escalate 3 --reason 'three'", 0);
	char *ids = unread_of("esc_csm1");
	long long a, b, c;
	ck_assert_msg(sscanf(ids, "%lld,%lld,%lld", &a, &b, &c) == 3, "unread: %s", ids);
	free(ids);

	snprintf(args, sizeof(args), "notify mark-read %lld", b);
	expect_cli("esc_csm1", args, 0);
	ck_assert_str_eq(testdb_stdout(), "marked 1 notification read\n");
	snprintf(want, sizeof(want), "%lld,%lld", a, c);
	expect_unread("esc_csm1", want);
	/* read already: no error, nothing changes */
	expect_cli("esc_csm1", args, 0);
	ck_assert_str_eq(testdb_stdout(), "marked 0 notifications read\n");
	/* someone else's, or none at all: refused by number, none marked */
	snprintf(args, sizeof(args), "notify mark-read %lld", a);
	expect_cli("esc_coo", args, 65);
	ck_assert_msg(strstr(testdb_stderr(), "you have no notification"), "stderr: %s", testdb_stderr());
	snprintf(args, sizeof(args), "notify mark-read %lld 999999", a);
	expect_cli("esc_csm1", args, 65);
	expect_unread("esc_csm1", want);
	expect_cli("esc_csm1", "notify mark-read x", 64);
	expect_cli("esc_csm1", "notify mark-read", 64);
	snprintf(args, sizeof(args), "notify mark-read %lld --all", a);
	expect_cli("esc_csm1", args, 64);
	expect_unread("esc_csm1", want);

	expect_cli("esc_csm1", "notify mark-read --all", 0);
	ck_assert_str_eq(testdb_stdout(), "marked 2 notifications read\n");
	expect_unread("esc_csm1", "");
	/* the others' stay as they were */
	esc_expect("SELECT count(*) FROM notifications WHERE read_at IS NOT NULL", "3");
}
END_TEST

/* The ids `queue ARGS --json` lists, in order of id, "" when none. */
static void expect_queue(const char *args, const char *want)
{
	char full[256];
	snprintf(full, sizeof(full), "queue %s --json", args);
	expect_cli("esc_eng", full, 0);
	const char *p[1] = { testdb_stdout() };
	char *v = testdb_value("SELECT coalesce(string_agg(e->>'id', ',' ORDER BY (e->>'id')::bigint), '')"
			       "  FROM jsonb_array_elements($1::jsonb->'tickets') e", 1, p);
	ck_assert_msg(v && !strcmp(v, want), "%s: %s, wanted %s", full, v ? v : "NULL", want);
	free(v);
}

/* The queue view's quick filters (u T b w A) and its / text filter:
 * `queue` had only --status, --team, --mine and --following, so a script
 * could not list the unassigned tickets, the breached ones, those waiting
 * on someone, or a resolved one. */
START_TEST(queue_takes_the_views_filters)
{
	ck_assert_int_eq(fx.t1, 1);
	expect_cli("esc_eng", "ticket take 1", 0);
	expect_cli("esc_eng", "ticket ack 2 --message 'looking'", 0);
	expect_cli("esc_eng", "ticket status 2 waiting_customer --message 'which page?'", 0);
	expect_cli("esc_eng", "ticket resolve 3 --message 'fixed'", 0);
	expect_queue("", "1,2");
	expect_queue("--unassigned", "2");
	expect_queue("--waiting", "2");
	expect_queue("--all", "1,2,3");
	expect_queue("--all --unassigned", "2,3");
	expect_queue("--filter 'BLANK 2'", "2");
	expect_queue("--filter acme --all", "1,2,3");
	expect_queue("--breached", "");
	/* the engineer has no team: none of them is his team's */
	expect_queue("--my-team", "");
	/* three hours on, the first response to 1 (due in two) is late; 2
	 * was answered and waits on the customer */
	testdb_clock("2026-11-18T18:00:00Z", TESTDB_CLOCK_FROZEN);
	expect_queue("--breached", "1");
	/* the plain table lists the same */
	expect_cli("esc_eng", "queue --all --unassigned", 0);
	ck_assert_msg(strstr(testdb_stdout(), "ID SEV") && strstr(testdb_stdout(), "blank 3\n") &&
		      !strstr(testdb_stdout(), "blank 1\n"), "stdout: %s", testdb_stdout());
	expect_cli("esc_eng", "queue --unassigned --unassigned", 0);
	expect_cli("esc_eng", "queue --filter a --filter b", 64);
}
END_TEST

/* The ids of the array `key` of the JSON document on stdout, in order. */
static char *json_ids(const char *key)
{
	const char *p[2] = { testdb_stdout(), key };
	char *v = testdb_value("SELECT coalesce(string_agg(e->>'id', ',' ORDER BY o), '')"
			       "  FROM jsonb_array_elements($1::jsonb->$2) WITH ORDINALITY AS x(e, o)", 2, p);
	return v;
}

/* The inbox view's / keeps the mail whose sender or subject holds a
 * piece of text; `inbox list` listed every mail. */
START_TEST(inbox_list_filters_as_the_view_does)
{
	testdb_sql("INSERT INTO mail_inbound (id, message_id, raw, received_at, from_address, from_name,"
		   "                          subject, state, hold_reason)"
		   " VALUES (11, '<a@x>', 'x', tt_now(), 'carl@acme.example', 'Carl', 'Blank placements', 'inbox', NULL),"
		   "        (12, '<b@x>', 'x', tt_now(), 'rita@zeta.example', 'Rita', 'Invoice question', 'inbox', NULL),"
		   "        (13, '<c@x>', 'x', tt_now(), 'bot@spam.example', 'Invoice Bot', 'Pay now', 'held', 'unknown_sender')");
	expect_cli("esc_eng", "inbox list --json", 0);
	char *v = json_ids("mail");
	ck_assert_str_eq(v, "11,12");
	free(v);
	expect_cli("esc_eng", "inbox list --filter INVOICE --json", 0);
	v = json_ids("mail");
	ck_assert_str_eq(v, "12");
	free(v);
	expect_cli("esc_eng", "inbox list --filter acme.example --json", 0);
	v = json_ids("mail");
	ck_assert_str_eq(v, "11");
	free(v);
	expect_cli("esc_eng", "inbox list --held --filter invoice --json", 0);
	v = json_ids("mail");
	ck_assert_str_eq(v, "13");
	free(v);
	expect_cli("esc_eng", "inbox list --filter zeta", 0);
	ck_assert_msg(strstr(testdb_stdout(), "Invoice question") && !strstr(testdb_stdout(), "Blank"),
		      "stdout: %s", testdb_stdout());
	expect_cli("esc_eng", "inbox list --filter nothing-like-it", 0);
	ck_assert_str_eq(testdb_stdout(), "no mail matches the filter\n");
	expect_cli("esc_eng", "inbox list --filter a --filter b", 64);
}
END_TEST

/* The notifications view's / keeps those whose ticket, actor or words
 * hold each word; `notify mine` listed every one. */
START_TEST(own_notifications_filter_as_the_view_does)
{
	expect_cli("esc_eng", "escalate 1 --reason 'printer on fire'", 0);
	expect_cli("esc_eng", "escalate 2 --reason 'blank pages'", 0);
	expect_cli("esc_csm1", "notify mine --json", 0);
	char *all = json_ids("notifications");
	long long n2, n1;
	ck_assert_msg(sscanf(all, "%lld,%lld", &n2, &n1) == 2, "ids: %s", all);
	free(all);
	char want[32];
	expect_cli("esc_csm1", "notify mine --filter FIRE --json", 0);
	char *v = json_ids("notifications");
	snprintf(want, sizeof(want), "%lld", n1);
	ck_assert_str_eq(v, want);
	free(v);
	/* marking read what the filter shows leaves the other unread */
	expect_cli("esc_csm1", "notify mine --filter 'blank 2' --mark-read", 0);
	ck_assert_msg(strstr(testdb_stdout(), "blank pages"), "stdout: %s", testdb_stdout());
	expect_cli("esc_csm1", "notify mine --json", 0);
	v = json_ids("notifications");
	ck_assert_str_eq(v, want);
	free(v);
	expect_cli("esc_csm1", "notify mine --filter nothing-like-it", 0);
	ck_assert_str_eq(testdb_stdout(), "no unread notification matches the filter\n");
	expect_cli("esc_csm1", "notify pending --filter x", 64);
}
END_TEST

/* The notifications view's M with a filter marks read every one the
 * filter keeps; `notify mark-read` took numbers or --all only, and `notify
 * mine --filter --mark-read` marks one page (at most 1000) of them. */
START_TEST(notifications_marked_read_by_filter)
{
	expect_cli("esc_eng", "escalate 1 --reason 'printer on fire'", 0);
	expect_cli("esc_eng", "escalate 2 --reason 'blank pages'", 0);
	expect_cli("esc_eng", "escalate 3 --reason 'fire drill'", 0);
	char *ids = unread_of("esc_csm1");
	long long a, b, c;
	ck_assert_msg(sscanf(ids, "%lld,%lld,%lld", &a, &b, &c) == 3, "unread: %s", ids);
	free(ids);
	char want[64];
	snprintf(want, sizeof(want), "%lld", b);
	/* mistakes are usage, nothing marked: no words (an empty variable
	 * would have marked every one), numbers too, --filter twice */
	expect_cli("esc_csm1", "notify mark-read --filter ''", 64);
	ck_assert_msg(strstr(testdb_stderr(), "--filter needs the words to keep"), "stderr: %s", testdb_stderr());
	expect_cli("esc_csm1", "notify mark-read --filter", 64);
	expect_cli("esc_csm1", "notify mark-read 1 --filter fire", 64);
	ck_assert_msg(strstr(testdb_stderr(), "numbers or --filter, not both"), "stderr: %s", testdb_stderr());
	expect_cli("esc_csm1", "notify mark-read --filter fire --filter blank", 64);
	esc_expect("SELECT count(*) FROM notifications WHERE read_at IS NOT NULL", "0");

	expect_cli("esc_csm1", "notify mark-read --filter FIRE", 0);
	ck_assert_str_eq(testdb_stdout(), "marked 2 notifications read\n");
	expect_unread("esc_csm1", want);
	expect_cli("esc_csm1", "notify mark-read --all --filter fire", 0);
	ck_assert_str_eq(testdb_stdout(), "marked 0 notifications read\n");
	expect_unread("esc_csm1", want);
	/* the others' stay as they were */
	esc_expect("SELECT count(*) FROM notifications WHERE read_at IS NOT NULL", "2");
}
END_TEST

/* The ticket view's T puts a canned reply, filled in for the ticket, in
 * the reply's editor, to be changed before it goes; `ticket reply
 * --template` sends it as it is, and nothing showed it filled in. */
START_TEST(canned_reply_read_filled_in_before_sending)
{
	expect_cli("esc_adm", "canned set ack --lang en --title Ack --body 'Hello {contact},\n\nabout #{ticket}: {title}.'", 0);
	expect_cli("esc_adm", "canned set ack --lang es --title Ack --body 'Hola, {contact}:'", 0);
	expect_cli("esc_eng", "canned show ack --ticket 2", 0);
	ck_assert_str_eq(testdb_stdout(), "Hello Carl Contact,\n\nabout #2: Placements render blank 2.\n");
	expect_cli("esc_eng", "canned show ack --ticket 2 --lang es", 0);
	ck_assert_str_eq(testdb_stdout(), "Hola, Carl Contact:\n");
	/* the same text the reply sends */
	expect_cli("esc_eng", "ticket reply 2 --template ack", 0);
	esc_expect("SELECT string_agg(body, '|') FROM comments WHERE ticket_id = 2",
		   "Hello Carl Contact,\n\nabout #2: Placements render blank 2.");
	expect_cli("esc_eng", "canned show nope --ticket 2", 65);
	expect_cli("esc_eng", "canned show ack --ticket 999999", 65);
	expect_cli("esc_eng", "canned show ack", 64);
	expect_cli("esc_eng", "canned show ack --ticket x", 64);
	expect_cli("esc_eng", "canned list --ticket 2", 64);
}
END_TEST

/* `mail notifications` and `mail language` say the agent's own mail in
 * a sentence; --json gives it to a program as one object, before or
 * after the value set, and anything else is usage (64). */
START_TEST(own_mail_settings_as_json)
{
	testdb_sql("UPDATE agents SET email = 'eng@desk.example' WHERE login = 'esc_eng'");
	expect_cli("esc_eng", "mail notifications on --json", 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"notifications\" : true") &&
		      strstr(testdb_stdout(), "\"lang\" : \"en\"") &&
		      strstr(testdb_stdout(), "\"email\" : \"eng@desk.example\"") && testdb_stdout()[0] == '{',
		      "%s", testdb_stdout());
	expect_cli("esc_eng", "mail language --json es", 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"lang\" : \"es\""), "%s", testdb_stdout());
	expect_cli("esc_eng", "mail notifications --json", 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"notifications\" : true"), "%s", testdb_stdout());
	expect_cli("esc_eng", "mail notifications off", 0);
	ck_assert_msg(strstr(testdb_stdout(), "do not go by mail"), "%s", testdb_stdout());
	expect_cli("esc_eng", "mail notifications maybe --json", 64);
	expect_cli("esc_eng", "mail language es --json --json", 64);
	expect_cli("esc_eng", "mail language es en", 64);
}
END_TEST

static Suite *parity_suite(void)
{
	Suite *s = suite_create("cli_parity");
	TCase *tc = tcase_create("parity");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, notifications_marked_read_one_by_one_or_all);
	tcase_add_test(tc, queue_takes_the_views_filters);
	tcase_add_test(tc, inbox_list_filters_as_the_view_does);
	tcase_add_test(tc, own_notifications_filter_as_the_view_does);
	tcase_add_test(tc, notifications_marked_read_by_filter);
	tcase_add_test(tc, canned_reply_read_filled_in_before_sending);
	tcase_add_test(tc, own_mail_settings_as_json);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(parity_suite)
