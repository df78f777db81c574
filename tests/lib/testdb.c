/* Database test support: see testdb.h. */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static char current_db[64];
static struct strbuf out_buf, err_buf;
static int counter;

static PGconn *admin_conn(const char *dbname)
{
	char *ci = xasprintf("dbname=%s", dbname);
	PGconn *c = PQconnectdb(ci);
	free(ci);
	if (PQstatus(c) != CONNECTION_OK)
		ck_abort_msg("cannot connect to test cluster: %s", PQerrorMessage(c));
	return c;
}

/* Creates a database named PREFIX_<pid>_<n>, `options` after its name in
 * the CREATE DATABASE, into current_db. Check forks each test, and a busy
 * machine reuses process ids: a name taken by an earlier test program of
 * the same run is skipped. */
static const char *create_database(const char *prefix, const char *options)
{
	PGconn *c = admin_conn("postgres");
	for (int tries = 0;; tries++) {
		snprintf(current_db, sizeof(current_db), "%s_%d_%d", prefix, (int)getpid(), ++counter);
		char *sql = xasprintf("CREATE DATABASE %s %s", current_db, options);
		PGresult *r = PQexec(c, sql);
		free(sql);
		const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
		bool taken = state && !strcmp(state, "42P04");   /* duplicate_database */
		if (PQresultStatus(r) == PGRES_COMMAND_OK) {
			PQclear(r);
			break;
		}
		PQclear(r);
		if (!taken || tries >= 100)
			ck_abort_msg("CREATE DATABASE failed: %s", PQerrorMessage(c));
	}
	PQfinish(c);
	return current_db;
}

const char *testdb_create(void)
{
	const char *tmpl = getenv("TICKETTY_TEST_TEMPLATE");
	if (!tmpl)
		ck_abort_msg("TICKETTY_TEST_TEMPLATE not set: run through tests/run.sh");
	/* FILE_COPY: the template is small and the server runs with fsync
	 * off, so copying its files beats WAL-logging every block (about 0.2 s
	 * less per database, a few hundred per run) */
	char *options = xasprintf("TEMPLATE %s STRATEGY FILE_COPY", tmpl);
	const char *name = create_database("t", options);
	free(options);
	return name;
}

const char *testdb_create_empty(const char *owner)
{
	char *options = xasprintf("OWNER \"%s\" TEMPLATE template0", owner);
	const char *name = create_database("e", options);
	free(options);
	return name;
}

char *testdb_conninfo(const char *login)
{
	if (!current_db[0])
		testdb_create();
	if (login)
		return xasprintf("dbname=%s user=%s", current_db, login);
	return xasprintf("dbname=%s user=postgres", current_db);
}

struct db *testdb_open(const char *login)
{
	struct tt_error err;
	char *ci = testdb_conninfo(login);
	tt_error_init(&err);
	struct db *db = db_open(ci, &err);
	free(ci);
	if (!db)
		ck_abort_msg("db_open(%s) failed: %s", login ? login : "superuser", err.message);
	return db;
}

/* The superuser connection testdb_sql() and testdb_value() share: one per
 * test process and database, opened on first use (a fresh connection per
 * statement made connecting most of what a database test cost). Check
 * forks each test, so one inherited from the parent is never used. */
static PGconn *su_conn;
static pid_t su_pid;
static char su_db[sizeof(current_db)];

static PGconn *su(void)
{
	if (!current_db[0])
		testdb_create();
	if (su_conn && su_pid == getpid() && !strcmp(su_db, current_db) && PQstatus(su_conn) == CONNECTION_OK)
		return su_conn;
	if (su_conn && su_pid == getpid())
		PQfinish(su_conn);
	char *ci = testdb_conninfo(NULL);
	su_conn = PQconnectdb(ci);
	free(ci);
	if (PQstatus(su_conn) != CONNECTION_OK)
		ck_abort_msg("cannot connect to the test database: %s", PQerrorMessage(su_conn));
	su_pid = getpid();
	snprintf(su_db, sizeof(su_db), "%s", current_db);
	PGresult *r = PQexec(su_conn, "SET search_path = ticketty; SET client_min_messages = warning");
	PQclear(r);
	return su_conn;
}

void testdb_sql(const char *sql)
{
	PGconn *c = su();
	PGresult *r = PQexec(c, sql);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		ck_abort_msg("SQL failed: %s\n%s", PQerrorMessage(c), sql);
	PQclear(r);
}

char *testdb_value(const char *sql, int n, const char *const *params)
{
	PGconn *c = su();
	PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		ck_abort_msg("SQL failed: %s\n%s", PQerrorMessage(c), sql);
	char *v = NULL;
	if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
		v = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	return v;
}

void testdb_expect(const char *sql, const char *want)
{
	char *v = testdb_value(sql, 0, NULL);
	ck_assert_msg(v && !strcmp(v, want), "%s\n  got:  %s\n  want: %s", sql, v ? v : "NULL", want);
	free(v);
}

const char *testdb_mail_ids(const char *text)
{
	static char ring[8][16384];
	static int next;
	char *out = ring[next++ % 8];
	struct strbuf sb;
	sb_init(&sb);
	const char *p = text;
	for (const char *at; (at = strstr(p, "<ticketty."));) {
		char *end;
		long long t = strtoll(at + 10, &end, 10);
		long long n = *end == '.' ? strtoll(end + 1, &end, 10) : -1;
		const char *close = strchr(end, '>');
		char *id = NULL;
		if (t >= 0 && n > 0 && *end == '@' && close) {
			char num[24];
			const char *param[1] = { num };
			snprintf(num, sizeof(num), "%lld", n);
			id = testdb_value("SELECT message_id FROM ticketty.mail_outbox WHERE id = $1::bigint", 1, param);
		}
		sb_addn(&sb, p, (size_t)(at - p));
		if (id) {
			sb_add(&sb, id);
			p = close + 1;
		} else {
			sb_addn(&sb, at, 10);
			p = at + 10;
		}
		free(id);
	}
	sb_add(&sb, p);
	ck_assert_msg(sb.len < sizeof(ring[0]), "testdb_mail_ids: text over 16 KB");
	memcpy(out, sb.buf, sb.len + 1);
	sb_done(&sb);
	return out;
}

int testdb_agent(const char *login, const char *role)
{
	const char *p[2] = { login, role };
	char *exists = testdb_value("SELECT count(*) FROM pg_roles WHERE rolname = $1", 1, p);
	if (!strcmp(exists, "0")) {
		char *sql = xasprintf("CREATE ROLE \"%s\" LOGIN IN ROLE ticketty_%s", login, role);
		testdb_sql(sql);
		free(sql);
	} else {
		char *sql = xasprintf("GRANT ticketty_%s TO \"%s\"", role, login);
		testdb_sql(sql);
		free(sql);
	}
	free(exists);
	char *id = testdb_value(
		"INSERT INTO agents (login, display_name, role) VALUES ($1::text, initcap($1::text), $2::agent_role) "
		"ON CONFLICT (login) DO UPDATE SET role = EXCLUDED.role RETURNING id", 2, p);
	int v = atoi(id);
	free(id);
	return v;
}

void testdb_clock(const char *instant, enum testdb_clock_mode mode)
{
	const char *p[2] = { instant, mode == TESTDB_CLOCK_FROZEN ? "true" : "false" };
	char *v = testdb_value(
		"INSERT INTO clock_pin (pinned_at, set_at, frozen) VALUES ($1::timestamptz, now(), $2::boolean)"
		" ON CONFLICT (only_row) DO UPDATE SET pinned_at = EXCLUDED.pinned_at,"
		" set_at = EXCLUDED.set_at, frozen = EXCLUDED.frozen RETURNING tt_now()::text", 2, p);
	ck_assert_msg(v != NULL, "cannot pin the clock at %s", instant);
	free(v);
}

static void slurp(int fd, struct strbuf *sb)
{
	char buf[4096];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sb_addn(sb, buf, (size_t)n);
}

const char *testdb_bin_shell(void)
{
	static char *cmd;
	if (!cmd) {
		const char *bin = getenv("TICKETTY_BIN");
		const char *wrapper = getenv("TICKETTY_WRAPPER");
		cmd = xasprintf("%s%s'%s'", wrapper ? wrapper : "", wrapper && *wrapper ? " " : "",
				bin ? bin : "build/ticketty");
	}
	return cmd;
}

int testdb_cli(const char *login, const char *input, const char *args)
{
	return testdb_cli_bytes(login, input, input ? strlen(input) : 0, args);
}

/* Runs the shell command `cmd` (which writes stdout to `out`, stderr to
 * `er`) and keeps what it wrote for testdb_stdout/testdb_stderr; returns
 * the exit status (128 when it did not exit). */
static int run_captured(const char *cmd, const char *out, const char *er)
{
	int status = system(cmd);
	int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	if (!out_buf.buf) {
		sb_init(&out_buf);
		sb_init(&err_buf);
	}
	sb_reset(&out_buf);
	sb_reset(&err_buf);
	FILE *fo = fopen(out, "r"), *fe = fopen(er, "r");
	if (fo) { slurp(fileno(fo), &out_buf); fclose(fo); }
	if (fe) { slurp(fileno(fe), &err_buf); fclose(fe); }
	return rc;
}

int testdb_cli_bytes(const char *login, const char *input, size_t len, const char *args)
{
	char *ci = testdb_conninfo(login);
	char dir[] = "/tmp/ticketty-cli-XXXXXX";
	if (!mkdtemp(dir))
		ck_abort_msg("mkdtemp failed");
	char *in = xasprintf("%s/in", dir), *out = xasprintf("%s/out", dir), *er = xasprintf("%s/err", dir);
	FILE *f = fopen(in, "w");
	if (input && len)
		fwrite(input, 1, len, f);
	fclose(f);
	char *cmd = xasprintf("%s --db '%s' %s <'%s' >'%s' 2>'%s'", testdb_bin_shell(), ci, args, in, out, er);
	int rc = run_captured(cmd, out, er);
	unlink(in); unlink(out); unlink(er); rmdir(dir);
	free(in); free(out); free(er); free(cmd); free(ci);
	return rc;
}

/* The memory bound of testdb_cli_piped: a 1 GB address space (ulimit
 * -v); under AddressSanitizer, whose shadow memory alone needs terabytes
 * of address space, ASan's own limit on the process's resident memory
 * instead. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifdef UNDER_ASAN
#define MEMORY_LIMIT ""
#define MEMORY_LIMIT_ENV "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=1000\" "
#else
#define MEMORY_LIMIT "ulimit -v 1000000; "
#define MEMORY_LIMIT_ENV ""
#endif

int testdb_cli_piped(const char *login, const char *pipe_from, const char *args)
{
	char *ci = testdb_conninfo(login);
	char dir[] = "/tmp/ticketty-cli-XXXXXX";
	if (!mkdtemp(dir))
		ck_abort_msg("mkdtemp failed");
	char *out = xasprintf("%s/out", dir), *er = xasprintf("%s/err", dir);
	/* under a wrapper (valgrind reserves far more than 1 GB of address
	 * space for itself) the bound is the wrapper's business */
	const char *wrapper = getenv("TICKETTY_WRAPPER");
	int wrapped = wrapper && *wrapper;
	char *cmd = xasprintf("%s%s | " MEMORY_LIMIT_ENV "timeout %d %s --db '%s' %s >'%s' 2>'%s'",
			      wrapped ? "" : MEMORY_LIMIT, pipe_from, wrapped ? 600 : 60, testdb_bin_shell(), ci,
			      args, out, er);
	int rc = run_captured(cmd, out, er);
	unlink(out); unlink(er); rmdir(dir);
	free(out); free(er); free(cmd); free(ci);
	return rc;
}

const char *testdb_stdout(void) { return out_buf.buf ? out_buf.buf : ""; }
const char *testdb_stderr(void) { return err_buf.buf ? err_buf.buf : ""; }

void test_lang(const char *lang)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LC_TIME");
	unsetenv("LANGUAGE");
	setenv("LANG", lang, 1);
	i18n_init(NULL);
}

static char config_path[] = "/tmp/ticketty-test-conf-XXXXXX";

void testdb_config(const char *contents)
{
	strcpy(config_path, "/tmp/ticketty-test-conf-XXXXXX");
	int fd = mkstemp(config_path);
	ck_assert_int_ge(fd, 0);
	size_t n = strlen(contents);
	ck_assert_int_eq((int)write(fd, contents, n), (int)n);
	close(fd);
	setenv("TICKETTY_CONFIG", config_path, 1);
}

void testdb_wait_blocked(PGconn *c, const char *what)
{
	char pid[16];
	snprintf(pid, sizeof(pid), "%d", PQbackendPID(c));
	const char *p[] = { pid };
	for (int i = 0;; i++) {
		char *w = testdb_value("SELECT coalesce(wait_event_type, '') FROM pg_stat_activity WHERE pid = $1::int",
				       1, p);
		bool waiting = w && !strcmp(w, "Lock");
		free(w);
		if (waiting)
			return;
		ck_assert_msg(i < 1000, "%s never waited on a lock", what);
		usleep(10000);
	}
}

PGresult *testdb_last_result(PGconn *c)
{
	PGresult *r, *last = NULL;
	while ((r = PQgetResult(c)) != NULL) {
		PQclear(last);
		last = r;
	}
	return last;
}

void testdb_release(PGconn *c)
{
	PQclear(PQexec(c, "ROLLBACK"));
	PQfinish(c);
}

int testdb_cli_in(const char *lang, const char *login, const char *args)
{
	char *was = getenv("LANG") ? xstrdup(getenv("LANG")) : NULL;
	if (lang)
		setenv("LANG", lang, 1);
	int rc = testdb_cli(login, NULL, args);
	if (was)
		setenv("LANG", was, 1);
	else
		unsetenv("LANG");
	free(was);
	return rc;
}

void testdb_config_done(void)
{
	unsetenv("TICKETTY_CONFIG");
	unlink(config_path);
}

PGconn *testdb_holding(const char *login, const char *program, const char *sql)
{
	char *ci = testdb_conninfo(login);
	char *full = xasprintf("%s application_name=%s", ci, program);
	PGconn *c = PQconnectdb(full);
	free(full);
	free(ci);
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "%s", PQerrorMessage(c));
	PGresult *res = PQexec(c, sql);
	ck_assert_msg(PQresultStatus(res) == PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage(c));
	PQclear(res);
	return c;
}
