/* Unit tests for util/fs's path completion (the ticket view's A prompt):
 * one match completed, a directory with its "/", the part several names
 * share, nothing when nothing can be added, "~/" kept, the typed text
 * matched as it is (a "*" in it is no wildcard), and the names listed
 * when several match and nothing can be added. */
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
	char *out = fs_complete_path(in, NULL, NULL);
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
	char *out = fs_complete_path("~/rep", dir, NULL);
	ck_assert_str_eq(out, "~/report.txt");
	free(out);
	out = fs_complete_path("~/lo", dir, NULL);
	ck_assert_str_eq(out, "~/logs/");
	free(out);
}
END_TEST

/* Lists dir/typed's matches (NULL when none are listed); checks that the
 * completion itself added nothing when it lists. */
static char *matches(const char *typed)
{
	char *list = NULL, *in = xasprintf("%s/%s", dir, typed);
	char *out = fs_complete_path(in, NULL, &list);
	free(in);
	if (list)
		ck_assert_ptr_null(out);
	free(out);
	return list;
}

START_TEST(lists_the_matches_when_nothing_can_be_added)
{
	char *list = matches("placements");
	ck_assert_ptr_nonnull(list);
	/* the names alone, two spaces apart, in glob's order */
	ck_assert_msg(!strcmp(list, "placements-2026.csv  placements.csv") ||
		      !strcmp(list, "placements.csv  placements-2026.csv"), "listed: %s", list);
	free(list);
	/* every name of the folder, a directory with its "/", no hidden one */
	list = matches("");
	ck_assert_ptr_nonnull(list);
	for (const char *const *n = (const char *const[]){ "a*b.txt", "axe.txt", "logs/", "report.txt",
							   "utf/", NULL }; *n; n++)
		ck_assert_msg(strstr(list, *n), "%s not in: %s", *n, list);
	ck_assert_msg(!strstr(list, ".hidden") && !strstr(list, dir), "listed: %s", list);
	free(list);
	list = matches("utf/");
	ck_assert_str_eq(list, "\xc3\xa1rbol.txt  \xc3\xa9xito.txt");
	free(list);
	/* one match, something added, nothing matching: no list */
	ck_assert_ptr_null(matches("rep"));
	ck_assert_ptr_null(matches("pla"));
	ck_assert_ptr_null(matches("nothing"));
}
END_TEST

static Suite *fs_suite(void)
{
	Suite *s = suite_create("fs");
	TCase *tc = tcase_create("complete");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, completes_like_a_shell);
	tcase_add_test(tc, keeps_the_home_shorthand);
	tcase_add_test(tc, lists_the_matches_when_nothing_can_be_added);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(fs_suite)
