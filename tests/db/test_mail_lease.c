/* Two senders never hand the same message over twice while the MTA is
 * slow (src/mailer/send.c claim_size): a claim takes no more messages
 * than can all be handed over, each taking up to the sendmail deadline,
 * within the lease the outbox gives them (sql/380 api_mail_claim), so no
 * other `mail send` claims a message this one still means to send. The
 * slow MTA is a script that moves the pinned clock on by the deadline
 * at each hand-over and, meanwhile, runs a second `mail send`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ticket_fixture.h"
#include "testdb.h"
#include "util/xalloc.h"

static long long first;

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("lease_alice", "engineer");
	testdb_agent("lease_bot", "admin");
	testdb_clock("2027-03-10T15:00:00Z", TESTDB_CLOCK_FROZEN);
	first = fixture_tickets(5, "client_services");
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(a_slow_mta_and_a_second_sender_send_each_message_once)
{
	char args[200];
	for (long long id = first; id < first + 5; id++) {
		snprintf(args, sizeof(args), "ticket ack %lld --message 'Looking at it.'", id);
		ck_assert_int_eq(testdb_cli("lease_alice", NULL, args), 0);
	}
	/* the acknowledgements, and the emergency notice of the ticket of
	 * severity 1 to the account representative */
	char *queued = testdb_value("SELECT count(*) FROM mail_outbox WHERE state = 'queued'", 0, NULL);
	int n = atoi(queued);
	ck_assert_int_ge(n, 5);
	free(queued);

	char dir[] = "/tmp/ticketty-lease-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	const char *bin = getenv("TICKETTY_BIN");
	char *owner = testdb_conninfo(NULL), *bot = testdb_conninfo("lease_bot");
	/* the second sender's MTA: takes the message at once */
	char *b = xasprintf("t=$(cat)\nprintf '%%s\\n' \"$t\" | sed -n 's/^Message-Id: /B /p' >> '%s/log'\n", dir);
	/* the first sender's MTA: each hand-over takes the whole deadline
	 * (100 s on the pinned clock), and the second sender runs meanwhile */
	char *a = xasprintf("t=$(cat)\nprintf '%%s\\n' \"$t\" | sed -n 's/^Message-Id: /A /p' >> '%s/log'\n"
			    "psql -qXAt '%s' -c \"UPDATE ticketty.clock_pin SET pinned_at = pinned_at + interval '100 seconds'\""
			    " >/dev/null\n"
			    "'%s' --db '%s' mail send --sendmail-timeout 100 --sendmail 'sh %s/b.sh' >/dev/null 2>&1\n"
			    "exit 0\n", dir, owner, bin ? bin : "build/ticketty", bot, dir);
	char *apath = xasprintf("%s/a.sh", dir), *bpath = xasprintf("%s/b.sh", dir), *log = xasprintf("%s/log", dir);
	write_file(apath, a);
	write_file(bpath, b);
	write_file(log, "");
	snprintf(args, sizeof(args), "mail send --sendmail-timeout 100 --sendmail 'sh %s'", apath);
	ck_assert_int_eq(testdb_cli("lease_bot", NULL, args), 0);

	/* every message went out once, by one sender or the other */
	char *cmd = xasprintf("cut -d' ' -f2 '%s' | sort | uniq -d | wc -l", log);
	FILE *p = popen(cmd, "r");
	int dups = -1;
	ck_assert_int_eq(fscanf(p, "%d", &dups), 1);
	pclose(p);
	free(cmd);
	cmd = xasprintf("wc -l < '%s'", log);
	p = popen(cmd, "r");
	int lines = -1;
	ck_assert_int_eq(fscanf(p, "%d", &lines), 1);
	pclose(p);
	free(cmd);
	ck_assert_msg(dups == 0 && lines == n, "%d hand-overs of %d messages, %d handed over twice", lines, n, dups);
	testdb_expect("SELECT count(*) FILTER (WHERE state = 'sent') = count(*) FROM mail_outbox", "t");

	unlink(apath);
	unlink(bpath);
	unlink(log);
	rmdir(dir);
	free(a);
	free(b);
	free(apath);
	free(bpath);
	free(log);
	free(owner);
	free(bot);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_lease");
	TCase *tc = tcase_create("lease");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, a_slow_mta_and_a_second_sender_send_each_message_once);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
