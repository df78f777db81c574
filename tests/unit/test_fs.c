/* Unit tests for util/fs's path completion (the ticket view's A prompt):
 * one match completed, a directory with its "/", the part several names
 * share, nothing when nothing can be added, "~/" kept, and the typed
 * text matched as it is (a "*" in it is no wildcard). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testdb.h"
#include "util/fs.h"
#include "util/xalloc.h"

static char dir[sizeof("/tmp/tt-complete-XXXXXX")];

static void touch(const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	free(p);
}

static void setup(void)
{
	memcpy(dir, "/tmp/tt-complete-XXXXXX", sizeof(dir));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	touch("placements.csv");
	touch("placements-2026.csv");
	touch("report.txt");
	touch("a*b.txt");
	touch("axe.txt");
	touch(".hidden");
	for (const char *const *d = (const char *const[]){ "logs", "utf", NULL }; *d; d++) {
		char *p = xasprintf("%s/%s", dir, *d);
		ck_assert_int_eq(mkdir(p, 0700), 0);
		free(p);
	}
	touch("logs/errors.log");
	touch("logs/.keep");
	touch("utf/\xc3\xa1rbol.txt");   /* árbol: á is C3 A1 */
	touch("utf/\xc3\xa9xito.txt");   /* éxito: é is C3 A9, one byte shared */
}

static void teardown(void)
{
	struct tt_error err;
	tt_error_init(&err);
	fs_remove_tree(dir, &err);
	tt_error_clear(&err);
}

/* Completes dir/typed; returns the part after "dir/" (static), or NULL. */
static const char *complete(const char *typed)
{
	static char got[256];
	char *in = xasprintf("%s/%s", dir, typed);
	char *out = fs_complete_path(in, NULL);
	free(in);
	if (!out)
		return NULL;
	ck_assert_msg(!strncmp(out, dir, strlen(dir)), "%s is outside %s", out, dir);
	snprintf(got, sizeof(got), "%s", out + strlen(dir) + 1);
	free(out);
	return got;
}

START_TEST(completes_like_a_shell)
{
	ck_assert_str_eq(complete("rep"), "report.txt");
	ck_assert_str_eq(complete("lo"), "logs/");
	ck_assert_str_eq(complete("pla"), "placements");   /* shared by two */
	ck_assert_ptr_null(complete("placements"));        /* nothing to add */
	ck_assert_ptr_null(complete("nothing"));
	ck_assert_str_eq(complete(".hid"), ".hidden");     /* asked for by its dot */
	ck_assert_str_eq(complete("logs/"), "logs/errors.log");   /* not logs/.keep */
	ck_assert_str_eq(complete("a*"), "a*b.txt");       /* the * typed is the name's own */
	ck_assert_str_eq(complete("utf/\xc3\xa1"), "utf/\xc3\xa1rbol.txt");
	/* árbol and éxito share one byte of their first character: no half
	 * character is added */
	ck_assert_ptr_null(complete("utf/"));
}
END_TEST

START_TEST(keeps_the_home_shorthand)
{
	char *out = fs_complete_path("~/rep", dir);
	ck_assert_str_eq(out, "~/report.txt");
	free(out);
	out = fs_complete_path("~/lo", dir);
	ck_assert_str_eq(out, "~/logs/");
	free(out);
}
END_TEST

static Suite *fs_suite(void)
{
	Suite *s = suite_create("fs");
	TCase *tc = tcase_create("complete");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, completes_like_a_shell);
	tcase_add_test(tc, keeps_the_home_shorthand);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(fs_suite)
