/* mime_init()/mime_done() bracket each use of GMime, any number of times
 * in one process (the db tests parse mail twice in one process under
 * valgrind, CK_FORK=no): GMime 3.2 cannot start again after
 * g_mime_shutdown() (GLib-CRITICAL in g_mime_init, its crypto protocol
 * table gone), so the second use must find GMime as the first left it. */
#include <check.h>
#include <glib.h>
#include <string.h>

#include "mail/mime.h"

static int warnings;

/* Counts GLib's criticals and warnings instead of printing them. */
static void count_warnings(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(void)domain; (void)message; (void)data;
	if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
		warnings++;
}

START_TEST(two_uses_in_one_process)
{
	const char raw[] = "From: Carla <carla@acme.test>\nSubject: Hola\nMIME-Version: 1.0\n"
			   "Content-Type: multipart/mixed; boundary=B\n\n"
			   "--B\nContent-Type: text/plain; charset=iso-8859-1\n\nCaf\xe9\n"
			   "--B\nContent-Type: text/csv; name=\"a.csv\"\nContent-Transfer-Encoding: base64\n\nYWJj\n--B--\n";
	g_log_set_default_handler(count_warnings, NULL);
	for (int use = 0; use < 3; use++) {
		struct mail_in m;
		mime_init();
		mime_parse(raw, sizeof(raw) - 1, NULL, &m);
		ck_assert_str_eq(m.from_address, "carla@acme.test");
		ck_assert_ptr_nonnull(strstr(m.body, "Caf\xc3\xa9"));
		ck_assert_uint_eq(m.nfiles, 1);
		ck_assert_str_eq(m.files[0].filename, "a.csv");
		mail_in_done(&m);
		mime_done();
		ck_assert_msg(warnings == 0, "use %d: %d GLib warnings", use + 1, warnings);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mime_init");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, two_uses_in_one_process);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
