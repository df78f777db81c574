/* mail/sendmail: handing a message to the MTA's sendmail command. Sent
 * only when the command read the whole message and exited 0; otherwise a
 * temporary failure (75) that says what the command did: its exit status
 * and first line, a signal, that it stopped reading early, or that it did
 * not finish in time (then it and what it started are ended and reaped). */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/monotime.h"

#include "mail/sendmail.h"
#include "util/error.h"

/* a message larger than any pipe buffer */
static char *big_message(size_t *len)
{
	*len = 1 << 20;
	char *m = malloc(*len);
	ck_assert_ptr_nonnull(m);
	memset(m, 'x', *len);
	return m;
}

START_TEST(whole_message_taken)
{
	struct tt_error err;
	size_t len;
	char *m = big_message(&len);
	tt_error_init(&err);
	ck_assert_int_eq(sendmail_pipe("cat >/dev/null", m, len, 30, &err), 0);
	tt_error_clear(&err);
	free(m);
}
END_TEST

START_TEST(refusal_names_status_and_first_line)
{
	struct tt_error err;
	tt_error_init(&err);
	int rc = sendmail_pipe("cat >/dev/null; echo 'no route to mx'; echo second; exit 3", "x\n", 2, 30, &err);
	ck_assert_int_eq(rc, 75);
	ck_assert_ptr_nonnull(strstr(err.message, "exited with status 3"));
	/* the first line it printed ends the message (the command itself
	 * is named before it) */
	const char *said = strstr(err.message, ": no route to mx");
	ck_assert_ptr_nonnull(said);
	ck_assert_str_eq(said, ": no route to mx");
	tt_error_clear(&err);
}
END_TEST

START_TEST(stopping_early_is_not_sent)
{
	struct tt_error err;
	size_t len;
	char *m = big_message(&len);
	tt_error_init(&err);
	/* exits 0 after 10 bytes: the rest of the message went nowhere */
	int rc = sendmail_pipe("head -c 10 >/dev/null", m, len, 30, &err);
	ck_assert_int_eq(rc, 75);
	ck_assert_ptr_nonnull(strstr(err.message, "before reading the whole message"));
	tt_error_clear(&err);
	free(m);
}
END_TEST

START_TEST(killed_by_a_signal)
{
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(sendmail_pipe("cat >/dev/null; kill -TERM $$", "x\n", 2, 30, &err), 75);
	ck_assert_ptr_nonnull(strstr(err.message, "signal 15"));
	tt_error_clear(&err);
}
END_TEST

/* True when a process whose command line holds needle runs (or is a
 * zombie nobody reaped). */
static bool running(const char *needle)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool found = false;
	ck_assert_ptr_nonnull(d);
	while (!found && (e = readdir(d))) {
		char path[300], buf[4096];
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		size_t n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		for (size_t i = 0; i < n; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[n] = '\0';
		found = strstr(buf, needle) != NULL;
	}
	closedir(d);
	return found;
}

/* True when no process whose command line holds needle is left within
 * ms: a SIGKILLed process that was reparented is gone a moment after the
 * signal, later on a loaded machine. */
static bool gone_within(const char *needle, int ms)
{
	long long until = monotime_ms() + ms;
	while (running(needle)) {
		if (monotime_ms() >= until)
			return false;
		usleep(10000);
	}
	return true;
}

/* A command that hangs (the shell waits for a sleep it started) is ended
 * at the deadline, the sleep too, and the attempt fails saying so. */
START_TEST(hung_command_is_ended_at_the_deadline)
{
	struct tt_error err;
	char cmd[128], mark[64];
	snprintf(mark, sizeof(mark), "sleep 5.%ld", (long)getpid());
	snprintf(cmd, sizeof(cmd), "cat >/dev/null; %s; true", mark);
	tt_error_init(&err);
	long long t0 = monotime_ms();
	int rc = sendmail_pipe(cmd, "x\n", 2, 1, &err);
	long long took = monotime_ms() - t0;
	ck_assert_int_eq(rc, 69);   /* the MTA cannot be used: the next message would hang too */
	ck_assert_int_ge(took, 900);
	ck_assert_int_lt(took, 4000);
	ck_assert_ptr_nonnull(strstr(err.message, "did not finish within 1 s (killed): cat >/dev/null;"));
	ck_assert(gone_within(mark, 2000));
	/* nothing left to reap either */
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	tt_error_clear(&err);
}
END_TEST

/* One that never reads its input cannot block the writer: a message far
 * larger than the pipe still ends at the deadline. */
START_TEST(never_reading_does_not_block_the_writer)
{
	struct tt_error err;
	size_t len;
	char *m = big_message(&len);
	tt_error_init(&err);
	long long t0 = monotime_ms();
	int rc = sendmail_pipe("exec sleep 5", m, len, 1, &err);
	long long took = monotime_ms() - t0;
	ck_assert_int_eq(rc, 69);
	ck_assert_int_lt(took, 4000);
	ck_assert_ptr_nonnull(strstr(err.message, "did not finish within 1 s"));
	tt_error_clear(&err);
	free(m);
}
END_TEST

/* A command the shell cannot find or run is no MTA at all: 69, not a
 * failure of this one message. */
START_TEST(missing_command_is_unusable)
{
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(sendmail_pipe("/nonexistent/sendmail -t -oi", "x\n", 2, 10, &err), 69);
	ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/sendmail -t -oi could not be run (status 127): "));
	tt_error_clear(&err);
	tt_error_init(&err);
	ck_assert_int_eq(sendmail_pipe("/dev/null", "x\n", 2, 10, &err), 69);
	ck_assert_ptr_nonnull(strstr(err.message, "could not be run (status 126)"));
	tt_error_clear(&err);
	/* any other status is the MTA's word on this message */
	tt_error_init(&err);
	ck_assert_int_eq(sendmail_pipe("cat >/dev/null; exit 1", "x\n", 2, 10, &err), 75);
	tt_error_clear(&err);
}
END_TEST

/* Something the command leaves running in the background with its
 * output open does not hold the hand-over once the command exited. */
START_TEST(background_child_does_not_hold_the_hand_over)
{
	struct tt_error err;
	tt_error_init(&err);
	long long t0 = monotime_ms();
	ck_assert_int_eq(sendmail_pipe("cat >/dev/null; sleep 3 &", "x\n", 2, 10, &err), 0);
	ck_assert_int_lt(monotime_ms() - t0, 2000);
	tt_error_clear(&err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sendmail");
	TCase *tc = tcase_create("sendmail");
	tcase_add_test(tc, whole_message_taken);
	tcase_add_test(tc, refusal_names_status_and_first_line);
	tcase_add_test(tc, stopping_early_is_not_sent);
	tcase_add_test(tc, killed_by_a_signal);
	tcase_add_test(tc, hung_command_is_ended_at_the_deadline);
	tcase_add_test(tc, never_reading_does_not_block_the_writer);
	tcase_add_test(tc, background_child_does_not_hold_the_hand_over);
	tcase_add_test(tc, missing_command_is_unusable);
	tcase_set_timeout(tc, 20);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
