/* The real binary and its configuration: a malformed or missing file
 * stops every command with 78 and names the file and line; a good one is
 * read and --db still wins over database.conninfo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"
#include "util/fs.h"
#include "util/xalloc.h"

#define TEMPLATE "/tmp/ticketty-cliconf.XXXXXX"
static char dir[sizeof(TEMPLATE)];

static void setup(void)
{
	memcpy(dir, TEMPLATE, sizeof(TEMPLATE));  /* shared by the tests: distinct file names */
	if (!mkdtemp(dir))
		ck_abort_msg("mkdtemp failed");
}

static void teardown(void)
{
	struct tt_error err;
	tt_error_init(&err);
	fs_remove_tree(dir, &err);
	tt_error_clear(&err);
}

static char *write_conf(const char *name, const char *text)
{
	struct tt_error err;
	tt_error_init(&err);
	char *path = xasprintf("%s/%s", dir, name);
	ck_assert_int_eq(fs_write_file(path, text, 0600, (uid_t)-1, (gid_t)-1, &err), 0);
	return path;
}

START_TEST(malformed_config_exits_78_with_file_and_line)
{
	char *bad = write_conf("bad.conf", "ui = {\n  color = true;\n  refresh_ms = = 500;\n};\n");
	char *args = xasprintf("--config '%s' db version", bad);
	ck_assert_int_eq(testdb_cli(NULL, NULL, args), 78);
	char *want = xasprintf("ticketty: %s:3: ", bad);
	ck_assert_msg(strstr(testdb_stderr(), want), "stderr: %s", testdb_stderr());
	ck_assert_str_eq(testdb_stdout(), "");
	free(want);
	free(args);

	/* the same through $TICKETTY_CONFIG */
	args = xasprintf("db version");
	setenv("TICKETTY_CONFIG", bad, 1);
	ck_assert_int_eq(testdb_cli(NULL, NULL, args), 78);
	unsetenv("TICKETTY_CONFIG");
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), ":3: "));
	free(args);
	free(bad);
}
END_TEST

START_TEST(wrong_type_and_missing_file_exit_78)
{
	char *bad = write_conf("type.conf", "ui = { refresh_ms = \"fast\"; };\n");
	char *args = xasprintf("--config '%s' db version", bad);
	ck_assert_int_eq(testdb_cli(NULL, NULL, args), 78);
	ck_assert_msg(strstr(testdb_stderr(), ":1: ui.refresh_ms must be"), "%s", testdb_stderr());
	free(args);
	free(bad);

	args = xasprintf("--config '%s/none.conf' db version", dir);
	ck_assert_int_eq(testdb_cli(NULL, NULL, args), 78);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "none.conf"));
	free(args);
}
END_TEST

START_TEST(good_config_is_used_and_db_option_wins)
{
	testdb_create();
	char *good = write_conf("good.conf",
		"database = { conninfo = \"host=/nonexistent-socket-dir dbname=nothing\"; };\n"
		"ui = { color = false; refresh_ms = 500; };\n");
	char *args = xasprintf("--config '%s' db version", good);
	/* testdb_cli passes --db, which overrides database.conninfo */
	ck_assert_int_eq(testdb_cli(NULL, NULL, args), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "database schema"));
	free(args);
	free(good);
}
END_TEST

static Suite *cli_config_suite(void)
{
	Suite *s = suite_create("cli_config");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, setup, teardown);  /* removed even after a failure */
	tcase_add_test(tc, malformed_config_exits_78_with_file_and_line);
	tcase_add_test(tc, wrong_type_and_missing_file_exit_78);
	tcase_add_test(tc, good_config_is_used_and_db_option_wins);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cli_config_suite)
