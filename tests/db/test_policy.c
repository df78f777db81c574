/* Database tests for the SLA policy: loading a libconfig policy replaces
 * calendar, hours, holidays and targets at once; each kind of bad input
 * is refused with its file line and reason and leaves the old policy
 * untouched; only admins (or the schema owner/superuser) may load. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/admin_policy.h"
#include "model/policy.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

struct variant {
	const char *tz;          /* line 2 */
	const char *tue_close;   /* line 5 */
	const char *holiday2;    /* line 9 */
	const char *severity_tok; /* severity of the first target (line 12) */
	int skip_target;         /* index of a target to leave out, -1 none */
};

static const struct variant good = { "Europe/Berlin", "17:00", "2026-12-25", "1", -1 };

/* Writes a policy file; lines 12.. are the 18 targets. Returns its path. */
static char *write_policy(const struct variant *v)
{
	static const char *kinds[] = { "first_response", "resolution", "update" };
	static const char *plans[] = { "premium", "basic" };
	struct strbuf sb;
	char path[] = "/tmp/ticketty-policy-XXXXXX";
	int n = 0;

	sb_init(&sb);
	sb_addf(&sb, "policy = {\n  time_zone = \"%s\";\n  hours = (\n", v->tz);
	sb_add(&sb, "    { day = \"mon\"; open = \"08:00\"; close = \"17:00\"; },\n");
	sb_addf(&sb, "    { day = \"tue\"; open = \"08:00\"; close = \"%s\"; }\n  );\n", v->tue_close);
	sb_add(&sb, "  holidays = (\n    { date = \"2026-12-24\"; name = \"Heiligabend\"; },\n");
	sb_addf(&sb, "    { date = \"%s\"; name = \"Weihnachten\"; }\n  );\n  targets = (\n", v->holiday2);
	for (int k = 0; k < 3; k++)
		for (int p = 0; p < 2; p++)
			for (int s = 1; s <= (k == 2 ? 1 : 4); s++) {
				int i = n++;
				if (i == v->skip_target) {
					sb_add(&sb, "    # left out\n");
					continue;
				}
				char sev[16];
				snprintf(sev, sizeof(sev), "%d", s);
				sb_addf(&sb, "    { kind = \"%s\"; plan = \"%s\"; severity = %s; minutes = %d; clock = \"%s\"; }%s\n",
					kinds[k], plans[p], i == 0 ? v->severity_tok : sev, 60 * s,
					s == 1 ? "wall" : "business", n == 18 ? "" : ",");
			}
	sb_add(&sb, "  );\n};\n");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, sb.buf, sb.len), (ssize_t)sb.len);
	close(fd);
	sb_done(&sb);
	return xstrdup(path);
}

/* Makes `login` an agent of `role` (tests/lib testdb_agent() trips over
 * "inconsistent types deduced for parameter $1" on PostgreSQL 15). */
static void agent(const char *login, const char *role)
{
	char *sql = xasprintf("CREATE ROLE %s LOGIN IN ROLE ticketty_%s;"
			      "INSERT INTO agents (login, display_name, role) VALUES ('%s', '%s', '%s')",
			      login, role, login, login, role);
	testdb_sql(sql);
	free(sql);
}

static char *policy_now(void)
{
	return testdb_value("SELECT policy_json()::text", 0, NULL);
}

/* Loads a variant as `login`; returns the code, err filled. */
static int load(const char *login, const struct variant *v, struct tt_error *err, char **path)
{
	struct db *db = testdb_open(login);
	*path = write_policy(v);
	tt_error_init(err);
	int rc = policy_load_file(db, *path, err);
	db_close(db);
	return rc;
}

/* The refusal named FILE:line with a reason containing `text`. */
static void assert_refused(const struct tt_error *err, const char *path, int line, const char *text)
{
	char *field = xasprintf("%s:%d", path, line);
	bool found = false;
	for (size_t i = 0; i < err->nfields; i++)
		if (!strcmp(err->fields[i].field, field) && strstr(err->fields[i].message, text))
			found = true;
	ck_assert_msg(found, "no refusal %s: ...%s... (%zu fields, first %s: %s)", field, text,
		      err->nfields, err->nfields ? err->fields[0].field : "-",
		      err->nfields ? err->fields[0].message : "-");
	free(field);
}

static void check_bad(const struct variant *v, int line, const char *text)
{
	struct tt_error err;
	char *path;
	testdb_create();
	char *before = policy_now();
	ck_assert_int_eq(load(NULL, v, &err, &path), 65);
	assert_refused(&err, path, line, text);
	char *after = policy_now();
	ck_assert_str_eq(before, after);   /* the old policy is untouched */
	free(before);
	free(after);
	unlink(path);
	free(path);
	tt_error_clear(&err);
}

START_TEST(good_policy_replaces_everything)
{
	struct tt_error err;
	char *path;
	testdb_create();
	ck_assert_int_eq(load(NULL, &good, &err, &path), 0);
	char *tz = testdb_value("SELECT time_zone || ' ' || (SELECT count(*) FROM calendar_hours) || ' '"
				" || (SELECT count(*) FROM holidays) || ' ' || (SELECT count(*) FROM sla_targets)"
				" FROM calendars WHERE is_default", 0, NULL);
	ck_assert_str_eq(tz, "Europe/Berlin 2 2 18");
	free(tz);
	/* the clock follows at once: 30 min on Monday, then Tuesday from 08:00 */
	char *due = testdb_value("SELECT api_sla_due('premium', '2', '2026-11-23T16:30')", 0, NULL);
	ck_assert_str_eq(due, "2026-11-24T09:30:00+01:00");
	free(due);
	/* Wednesday is closed now: created Tuesday 16:30, due next Monday */
	due = testdb_value("SELECT api_sla_due('premium', '2', '2026-11-24T16:30')", 0, NULL);
	ck_assert_str_eq(due, "2026-11-30T09:30:00+01:00");
	free(due);
	unlink(path);
	free(path);
	tt_error_clear(&err);
}
END_TEST

START_TEST(unknown_time_zone)
{
	struct variant v = good;
	v.tz = "Mars/Olympus_Mons";
	check_bad(&v, 2, "unknown time zone");
}
END_TEST

START_TEST(close_before_open)
{
	struct variant v = good;
	v.tue_close = "07:30";
	check_bad(&v, 5, "must be after open");
}
END_TEST

START_TEST(malformed_time)
{
	struct variant v = good;
	v.tue_close = "5pm";
	check_bad(&v, 5, "HH:MM");
}
END_TEST

START_TEST(duplicate_holiday)
{
	struct variant v = good;
	v.holiday2 = "2026-12-24";
	check_bad(&v, 9, "listed twice");
}
END_TEST

START_TEST(missing_target)
{
	struct variant v = good;
	v.skip_target = 9;   /* resolution premium 2 */
	check_bad(&v, 11, "no resolution target for plan premium severity 2");
}
END_TEST

START_TEST(wrong_type_and_bad_severity)
{
	struct variant v = good;
	v.severity_tok = "\"1\"";
	check_bad(&v, 12, "severity must be a whole number");
	v.severity_tok = "7";
	check_bad(&v, 12, "severity must be 1, 2, 3 or 4");
}
END_TEST

START_TEST(unparseable_file_is_config_error)
{
	testdb_create();
	char path[] = "/tmp/ticketty-policy-XXXXXX";
	int fd = mkstemp(path);
	const char text[] = "policy = {\n  time_zone = \"UTC\"\n  hours = (\n";
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	struct db *db = testdb_open(NULL);
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(policy_load_file(db, path, &err), 78);
	ck_assert_ptr_nonnull(strstr(err.message, path));
	tt_error_clear(&err);
	/* through the command too */
	struct app app;
	app_init(&app);
	char *ci = testdb_conninfo(NULL);
	app.db_arg = ci;
	app.command = "admin";   /* as dispatched by `ticketty admin policy ...` */
	char *argv[] = { "policy", "load", path, NULL };
	ck_assert_int_eq(cli_admin_policy(&app, 3, argv), 78);
	char *argv2[] = { "policy", "frobnicate", NULL };
	ck_assert_int_eq(cli_admin_policy(&app, 2, argv2), 64);
	app_done(&app);
	free(ci);
	db_close(db);
	unlink(path);
}
END_TEST

START_TEST(only_admins_may_load)
{
	struct tt_error err;
	char *path;
	testdb_create();
	agent("sla_pol_engineer", "engineer");
	agent("sla_pol_admin", "admin");
	char *before = policy_now();
	ck_assert_int_eq(load("sla_pol_engineer", &good, &err, &path), 77);
	char *after = policy_now();
	ck_assert_str_eq(before, after);
	unlink(path);
	free(path);
	tt_error_clear(&err);
	ck_assert_int_eq(load("sla_pol_admin", &good, &err, &path), 0);
	unlink(path);
	free(path);
	tt_error_clear(&err);
	/* agents can read the policy */
	struct db *db = testdb_open("sla_pol_engineer");
	struct policy pol;
	tt_error_init(&err);
	ck_assert_int_eq(policy_read(db, &pol, &err), 0);
	ck_assert_str_eq(pol.time_zone, "Europe/Berlin");
	ck_assert_int_eq((int)pol.nholidays, 2);
	ck_assert_int_eq((int)pol.ntargets, 18);
	policy_done(&pol);
	db_close(db);
	free(before);
	free(after);
}
END_TEST

/* A file that cannot be read says why, with 66 (EX_NOINPUT) like every
 * other file the CLI reads: it was 78 and "cannot read the file" with no
 * reason, and a directory the same. "-" reads standard input (it was
 * taken for a file named "-"). */
START_TEST(file_problems_say_why_and_dash_reads_stdin)
{
	testdb_create();
	struct db *db = testdb_open(NULL);
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(policy_load_file(db, "/nonexistent/policy.conf", &err), 66);
	ck_assert_msg(strstr(err.message, "/nonexistent/policy.conf: No such file or directory"), "%s",
		      err.message);
	tt_error_clear(&err);
	ck_assert_int_eq(policy_load_file(db, "/tmp", &err), 66);
	ck_assert_msg(strstr(err.message, "/tmp: not a regular file"), "%s", err.message);
	tt_error_clear(&err);
	db_close(db);

	agent("sla_pol_stdin", "admin");
	char *path = write_policy(&good);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char text[8192];
	text[fread(text, 1, sizeof(text) - 1, f)] = '\0';
	fclose(f);
	unlink(path);
	free(path);
	ck_assert_int_eq(testdb_cli("sla_pol_stdin", text, "admin policy load -"), 0);
	char *now = policy_now();
	ck_assert_msg(strstr(now, "Europe/Berlin"), "policy after load -: %s", now);
	free(now);
}
END_TEST

static Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, good_policy_replaces_everything);
	tcase_add_test(tc, unknown_time_zone);
	tcase_add_test(tc, close_before_open);
	tcase_add_test(tc, malformed_time);
	tcase_add_test(tc, duplicate_holiday);
	tcase_add_test(tc, missing_target);
	tcase_add_test(tc, wrong_type_and_bad_severity);
	tcase_add_test(tc, unparseable_file_is_config_error);
	tcase_add_test(tc, only_admins_may_load);
	tcase_add_test(tc, file_problems_say_why_and_dash_reads_stdin);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(policy_suite)
