/* mail/sendmail: handing a message to the MTA's sendmail command. Sent
 * only when the command read the whole message and exited 0; otherwise a
 * temporary failure (75) that says what the command did: its exit status
 * and first line, a signal, or that it stopped reading early. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

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
	ck_assert_int_eq(sendmail_pipe("cat >/dev/null", m, len, &err), 0);
	tt_error_clear(&err);
	free(m);
}
END_TEST

START_TEST(refusal_names_status_and_first_line)
{
	struct tt_error err;
	tt_error_init(&err);
	int rc = sendmail_pipe("cat >/dev/null; echo 'no route to mx'; echo second; exit 3", "x\n", 2, &err);
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
	int rc = sendmail_pipe("head -c 10 >/dev/null", m, len, &err);
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
	ck_assert_int_eq(sendmail_pipe("cat >/dev/null; kill -TERM $$", "x\n", 2, &err), 75);
	ck_assert_ptr_nonnull(strstr(err.message, "signal 15"));
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
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
