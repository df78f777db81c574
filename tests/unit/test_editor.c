/* Unit tests for util/editor.c: what is said, and what is left in the
 * temporary directory, when the editor works, cannot be started, or
 * fails with or without having changed the text. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdb.h"
#include "util/editor.h"
#include "util/xalloc.h"

static char tmpdir[] = "/tmp/ticketty-editor-test-XXXXXX";

static void setup(void)
{
	strcpy(tmpdir, "/tmp/ticketty-editor-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	setenv("TMPDIR", tmpdir, 1);
	unsetenv("EDITOR");
}

/* The files left in the temporary directory (and removes them). */
static int files_left(void)
{
	int n = 0;
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", tmpdir, e->d_name);
		unlink(p);
		free(p);
		n++;
	}
	closedir(d);
	return n;
}

static void teardown(void)
{
	files_left();
	rmdir(tmpdir);
}

START_TEST(an_editor_that_works_gives_the_text_back)
{
	setenv("VISUAL", "f() { printf ' more' >> \"$1\"; }; f", 1);
	struct tt_error err;
	tt_error_init(&err);
	char *text = editor_edit("some", &err);
	ck_assert_str_eq(text, "some more");
	free(text);
	ck_assert_int_eq(files_left(), 0);
}
END_TEST

START_TEST(an_editor_not_found_is_said_and_leaves_no_file)
{
	setenv("VISUAL", "/nonexistent/ticketty-no-editor", 1);
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_ptr_null(editor_edit("draft words", &err));
	ck_assert_msg(strstr(err.message, "the editor /nonexistent/ticketty-no-editor could not be started"
				      " (not found or not executable): set VISUAL or EDITOR"),
		      "%s", err.message);
	ck_assert_int_eq(files_left(), 0);
	tt_error_clear(&err);
}
END_TEST

START_TEST(a_failed_editor_keeps_only_changed_text)
{
	struct tt_error err;
	tt_error_init(&err);
	/* failed without a change: nothing of the user's is in the file */
	setenv("VISUAL", "false", 1);
	ck_assert_ptr_null(editor_edit("draft words", &err));
	ck_assert_msg(strstr(err.message, "the editor false failed; nothing was changed"), "%s", err.message);
	ck_assert_int_eq(files_left(), 0);
	tt_error_clear(&err);
	/* failed after the user wrote: the file is kept and named */
	setenv("VISUAL", "f() { printf ' typed' >> \"$1\"; exit 3; }; f", 1);
	ck_assert_ptr_null(editor_edit("draft words", &err));
	ck_assert_msg(strstr(err.message, "failed; the text is kept in ") && strstr(err.message, tmpdir),
		      "%s", err.message);
	ck_assert_int_eq(files_left(), 1);
	tt_error_clear(&err);
}
END_TEST

static Suite *editor_suite(void)
{
	Suite *s = suite_create("editor");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, an_editor_that_works_gives_the_text_back);
	tcase_add_test(tc, an_editor_not_found_is_said_and_leaves_no_file);
	tcase_add_test(tc, a_failed_editor_keeps_only_changed_text);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(editor_suite)
