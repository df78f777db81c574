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
#include "ticket_fixture.h"
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

/* A file libconfig cannot parse is bad data given to the command (65),
 * not ticketty's own configuration (78, what it was). */
START_TEST(unparseable_file_is_data_error)
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
	ck_assert_int_eq(policy_load_file(db, path, &err), 65);
	ck_assert_ptr_nonnull(strstr(err.message, path));
	ck_assert_ptr_nonnull(strstr(err.message, "syntax error"));
	tt_error_clear(&err);
	/* through the command too */
	struct app app;
	app_init(&app);
	char *ci = testdb_conninfo(NULL);
	app.db_arg = ci;
	app.command = "admin";   /* as dispatched by `ticketty admin policy ...` */
	char *argv[] = { "policy", "load", path, NULL };
	ck_assert_int_eq(cli_admin_policy(&app, 3, argv), 65);
	char *argv2[] = { "policy", "frobnicate", NULL };
	ck_assert_int_eq(cli_admin_policy(&app, 2, argv2), 64);
	app_done(&app);
	free(ci);
	db_close(db);
	unlink(path);
}
END_TEST

/* Under Spanish the refusal is Spanish to its end: libconfig's "syntax
 * error" and "duplicate setting name" were left in English. */
START_TEST(unparseable_file_in_spanish)
{
	testdb_create();
	char path[] = "/tmp/ticketty-policy-XXXXXX";
	int fd = mkstemp(path);
	const char text[] = "policy = {\n  time_zone = \"UTC\"\n  hours = (\n";
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	char *args = xasprintf("admin policy load '%s'", path);
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	int rc = testdb_cli(NULL, NULL, args);
	ck_assert_msg(rc == 65, "exit %d, stderr: %s", rc, testdb_stderr());
	char *want = xasprintf("ticketty: %s:4: no se ha leído: error de sintaxis; no se ha cambiado nada\n", path);
	ck_assert_msg(!strcmp(testdb_stderr(), want), "stderr: %s\nwant:   %s", testdb_stderr(), want);
	free(want);
	/* a setting named twice */
	const char twice[] = "policy = {\n  time_zone = \"UTC\";\n  time_zone = \"UTC\";\n};\n";
	FILE *f = fopen(path, "w");
	ck_assert_int_eq((int)fwrite(twice, 1, sizeof(twice) - 1, f), (int)sizeof(twice) - 1);
	fclose(f);
	ck_assert_int_eq(testdb_cli(NULL, NULL, args), 65);
	ck_assert_msg(strstr(testdb_stderr(), ":3: no se ha leído: nombre de ajuste repetido;"), "stderr: %s",
		      testdb_stderr());
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	free(args);
	unlink(path);
}
END_TEST

/* Under Spanish each refused line of the file is Spanish too: the
 * database's words for a line (format(E'%s\tcode\t...', line)) were
 * left in English, the client's catalogue holding only the words of
 * refusals whose field is a name. */
START_TEST(refused_lines_in_spanish)
{
	testdb_create();
	char path[] = "/tmp/ticketty-policy-XXXXXX";
	int fd = mkstemp(path);
	const char text[] = "policy = {\n  time_zone = \"UTC\";\n"
			    "  hours = ( { day = \"mox\"; open = \"25:00\"; close = \"18:00\"; } );\n"
			    "  holidays = ( { name = \"Bad\"; date = \"2027-02-30\"; } );\n"
			    "  targets = ( { kind = \"first_response\"; plan = \"premium\"; severity = 1;"
			    " minutes = 60; clock = \"wall\"; } );\n};\n";
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	char *args = xasprintf("admin policy load '%s'", path);
	char *lang = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	setenv("LANG", "es_ES.UTF-8", 1);
	int rc = testdb_cli(NULL, NULL, args);
	ck_assert_msg(rc == 65, "exit %d, stderr: %s", rc, testdb_stderr());
	const char *err = testdb_stderr();
	ck_assert_msg(strstr(err, ":3: día desconocido \"mox\" (mon, tue, wed, thu, fri, sat o sun)\n"), "stderr: %s", err);
	ck_assert_msg(strstr(err, ":3: open debe ser una hora HH:MM, no \"25:00\"\n"), "stderr: %s", err);
	ck_assert_msg(strstr(err, ":4: no existe la fecha 2027-02-30 (AAAA-MM-DD)\n"), "stderr: %s", err);
	ck_assert_msg(strstr(err, ":5: no hay objetivo first_response para el plan basic y la severidad 2\n"), "stderr: %s", err);
	ck_assert_msg(!strstr(err, "unknown") && !strstr(err, "must be") && !strstr(err, "target for"), "stderr: %s", err);
	if (lang)
		setenv("LANG", lang, 1);
	else
		unsetenv("LANG");
	free(lang);
	free(args);
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

/* A ticket of the fixture's premium customer, severity 3, filed on
 * Wednesday 2026-11-18 at 10:00 in New York; returns its id. */
static char *wednesday_ticket(void)
{
	return testdb_value(
		"INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id,"
		"  severity, title, description, impact, object_ids, member_id, repro_steps, browser, os,"
		"  phone, calendar_id, plan, created_at)"
		" SELECT c.id, ct.id, rt.id, rt.team_id, (SELECT min(id) FROM case_reasons), 3, 'Report empty',"
		"  'Nothing renders', 'Campaign stopped', ARRAY['li-1'], 4242, '1. open', 'Firefox 128.0',"
		"  'Windows 11 23H2', '+1 555 0100', c.calendar_id, c.plan, '2026-11-18 10:00 America/New_York'"
		"  FROM customers c JOIN contacts ct ON ct.customer_id = c.id"
		"  JOIN LATERAL (SELECT * FROM request_types r WHERE r.team_id IS NOT NULL"
		"                 ORDER BY r.position LIMIT 1) rt ON true"
		" WHERE c.member_id = 4242 RETURNING id::text", 0, NULL);
}

static void assert_ticket(const char *id, const char *expr, const char *expected)
{
	char *sql = xasprintf("SELECT (%s)::text FROM tickets t WHERE t.id = $1", expr);
	const char *p[1] = { id };
	char *v = testdb_value(sql, 1, p);
	ck_assert_msg(v && !strcmp(v, expected), "ticket %s: %s = %s, expected %s", id, expr,
		      v ? v : "NULL", expected);
	free(v);
	free(sql);
}

static void set_status(const char *id, const char *status, bool acknowledge)
{
	char *sql = xasprintf("UPDATE tickets SET status = '%s'%s WHERE id = %s", status,
			      acknowledge ? ", acknowledged_at = tt_now()" : "", id);
	testdb_sql(sql);
	free(sql);
}

/* `admin policy load` moves the running work: the undecided deadlines of
 * every open ticket are measured again from created_at under the new
 * calendar and targets, a wait on the customer measured again on the new
 * calendar; a decided first response and a resolved ticket keep theirs.
 * They kept the old policy's instants (Wednesday 14:00 in New York on a
 * calendar where Wednesday is now closed) while the countdown used the
 * new one, so the queue's order and its figures disagreed. */
START_TEST(load_moves_open_tickets_deadlines)
{
	testdb_create();
	fixture_customer();
	testdb_clock("2026-11-18 10:00 America/New_York", TESTDB_CLOCK_FROZEN);
	char *fresh = wednesday_ticket(), *acked = wednesday_ticket(), *waited = wednesday_ticket();
	char *done = wednesday_ticket();
	/* old policy: 4 business hours, Wednesday 14:00 New York */
	assert_ticket(fresh, "first_response_due = '2026-11-18 14:00 America/New_York'", "true");
	testdb_clock("2026-11-18 10:30 America/New_York", TESTDB_CLOCK_FROZEN);
	set_status(acked, "acknowledged", true);
	set_status(waited, "acknowledged", true);
	set_status(done, "acknowledged", true);
	testdb_clock("2026-11-18 11:00 America/New_York", TESTDB_CLOCK_FROZEN);
	set_status(waited, "waiting_customer", false);
	set_status(done, "in_progress", false);
	char *sql = xasprintf("UPDATE tickets SET status = 'resolved', resolved_at = tt_now() WHERE id = %s", done);
	testdb_sql(sql);
	free(sql);
	testdb_clock("2026-11-18 12:00 America/New_York", TESTDB_CLOCK_FROZEN);
	set_status(waited, "in_progress", false);
	assert_ticket(waited, "extract(epoch FROM resolution_paused)::bigint", "3600");
	char *done_due = testdb_value("SELECT resolution_due::text FROM tickets WHERE id = $1", 1,
				      (const char *const[]){ done });

	/* Europe/Berlin, Monday and Tuesday 08:00-17:00, severity 3 = 180
	 * business minutes: from Wednesday 16:00 CET the clock starts on
	 * Monday 08:00, due Monday 11:00 CET = 10:00 UTC */
	char *path = write_policy(&good);
	char *cmd = xasprintf("admin policy load %s", path);
	ck_assert_int_eq(testdb_cli(NULL, NULL, cmd), 0);
	ck_assert_msg(strstr(testdb_stdout(), "the deadlines of 3 open tickets moved to the policy"),
		      "%s", testdb_stdout());
	assert_ticket(fresh, "first_response_due = '2026-11-23 10:00:00Z'", "true");
	assert_ticket(fresh, "resolution_due = '2026-11-23 10:00:00Z'", "true");
	assert_ticket(fresh, "first_response_minutes", "180");
	/* decided: met under the old terms, its deadline stays */
	assert_ticket(acked, "first_response_outcome", "met");
	assert_ticket(acked, "first_response_due = '2026-11-18 19:00:00Z'", "true");
	assert_ticket(acked, "resolution_due = '2026-11-23 10:00:00Z'", "true");
	/* the wait was on Wednesday, closed now: nothing is added back */
	assert_ticket(waited, "extract(epoch FROM resolution_paused)::bigint", "0");
	assert_ticket(waited, "resolution_due = '2026-11-23 10:00:00Z'", "true");
	/* resolved: its deadlines were decided, nothing moves */
	char *expect = xasprintf("resolution_due = '%s'", done_due);
	assert_ticket(done, expect, "true");
	free(expect);
	/* the queue's figure agrees with the due instant */
	assert_ticket(fresh, "(ticket_sla(t, tt_now())).due = t.first_response_due", "true");
	assert_ticket(fresh, "(ticket_sla(t, tt_now())).remaining_secs", "10800");
	/* nothing is left for a second pass */
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy reapply"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "no open ticket had deadlines from an earlier policy"),
		      "%s", testdb_stdout());
	unlink(path);
	free(path);
	free(cmd);
	free(done_due);
	free(fresh);
	free(acked);
	free(waited);
	free(done);
}
END_TEST

/* A load that did not move the open tickets (interrupted, or the policy
 * replaced by the model call alone) leaves them on the earlier policy
 * until: any change to one moves its deadlines first (here a status
 * change), and `admin policy reapply` moves the others, an admin's
 * command (77 for an engineer). api_policy_reapply goes in id order from
 * the id after the last one it was given, a batch at most the limit. */
START_TEST(tickets_left_on_an_earlier_policy_move_later)
{
	struct tt_error err;
	char *path;
	testdb_create();
	fixture_customer();
	testdb_clock("2026-11-18 10:00 America/New_York", TESTDB_CLOCK_FROZEN);
	char *a = wednesday_ticket(), *b = wednesday_ticket(), *c = wednesday_ticket();
	ck_assert_int_eq(load(NULL, &good, &err, &path), 0);
	assert_ticket(a, "first_response_due = '2026-11-18 14:00 America/New_York'", "true");
	set_status(a, "acknowledged", true);
	assert_ticket(a, "first_response_due = '2026-11-23 10:00:00Z'", "true");
	assert_ticket(a, "first_response_outcome", "met");
	assert_ticket(b, "first_response_due = '2026-11-18 14:00 America/New_York'", "true");

	agent("pol_eng", "engineer");
	ck_assert_int_eq(testdb_cli("pol_eng", NULL, "admin policy reapply"), 77);
	assert_ticket(b, "first_response_due = '2026-11-18 14:00 America/New_York'", "true");
	char *v = testdb_value("SELECT r.moved || ' ' || (r.last_id = $1::bigint)"
			       "  FROM api_policy_reapply(0, 1) r", 1, (const char *const[]){ b });
	ck_assert_str_eq(v, "1 true");
	free(v);
	assert_ticket(b, "first_response_due = '2026-11-23 10:00:00Z'", "true");
	assert_ticket(c, "first_response_due = '2026-11-18 14:00 America/New_York'", "true");
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy reapply"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "the deadlines of 1 open ticket moved to the policy"),
		      "%s", testdb_stdout());
	assert_ticket(c, "first_response_due = '2026-11-23 10:00:00Z'", "true");
	v = testdb_value("SELECT r.moved || ' ' || coalesce(r.last_id::text, 'none')"
			 "  FROM api_policy_reapply(0, 10) r", 0, NULL);
	ck_assert_str_eq(v, "0 none");
	free(v);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy reapply extra"), 64);
	unlink(path);
	free(path);
	tt_error_clear(&err);
	free(a);
	free(b);
	free(c);
}
END_TEST

/* `admin policy show --conf` prints the policy in force as the section
 * `admin policy load` reads: loaded back, nothing changes, a holiday name
 * with quotes, a backslash and accents included, and a one-off working
 * day. --conf and --json together are usage (64). */
START_TEST(shown_policy_loads_back_unchanged)
{
	testdb_create();
	testdb_sql("INSERT INTO holidays (calendar_id, day, name, working) VALUES"
		   " (default_calendar_id(), '2027-10-11', 'D\xc3\xad" "a \"de\" la \\ Hispanidad', true),"
		   " (default_calendar_id(), '2027-12-24', 'Nochebuena', false)");
	char *before = policy_now();
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy show --conf"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "policy") && strstr(testdb_stdout(), "Nochebuena"),
		      "%s", testdb_stdout());
	char path[] = "/tmp/ticketty-policy-conf-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char *conf = testdb_stdout();
	ck_assert_int_eq(write(fd, conf, strlen(conf)), (ssize_t)strlen(conf));
	close(fd);
	/* the empty policy first, so that the load has something to change back */
	testdb_sql("DELETE FROM holidays; DELETE FROM holiday_rules");
	char *emptied = policy_now();
	ck_assert_str_ne(before, emptied);
	char *cmd = xasprintf("admin policy load %s", path);
	ck_assert_int_eq(testdb_cli(NULL, NULL, cmd), 0);
	char *after = policy_now();
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(testdb_cli(NULL, NULL, "admin policy show --conf --json"), 64);
	unlink(path);
	free(cmd);
	free(before);
	free(emptied);
	free(after);
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
	tcase_add_test(tc, unparseable_file_is_data_error);
	tcase_add_test(tc, unparseable_file_in_spanish);
	tcase_add_test(tc, refused_lines_in_spanish);
	tcase_add_test(tc, only_admins_may_load);
	tcase_add_test(tc, file_problems_say_why_and_dash_reads_stdin);
	tcase_add_test(tc, load_moves_open_tickets_deadlines);
	tcase_add_test(tc, tickets_left_on_an_earlier_policy_move_later);
	tcase_add_test(tc, shown_policy_loads_back_unchanged);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(policy_suite)
