/* Tests of the private cluster (db/local.c) and `ticketty local`: first
 * start initialises, later starts reuse the running server, status and
 * stop do what they say, concurrent first starts agree, bad directories
 * are refused; as root also the normal-user path (as `nobody`). Every
 * cluster lives in a temporary directory that the fixture stops and
 * removes, whatever happened in the tests. */
#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/local.h"
#include "testdb.h"
#include "util/fs.h"
#include "util/spawn.h"
#include "util/xalloc.h"

static char topdir[] = "/tmp/ticketty-local-test.XXXXXX";

static char *dir_for(const char *name)
{
	return xasprintf("%s/%s", topdir, name);
}

/* Paths used by forked children live in static storage, so valgrind does
 * not count them as lost when a child _exit()s. */
static char child_dir[320], child_home[256];

static void init_at(struct local_cluster *lc, const char *dir)
{
	setenv("TICKETTY_DATA_DIR", dir, 1);
	local_init(lc, NULL);
}

static void setup(void)
{
	if (!mkdtemp(topdir))
		ck_abort_msg("mkdtemp: %s", strerror(errno));
	chmod(topdir, 0755);  /* the server's user must get through */
	/* nothing of the caller's configuration may leak in */
	setenv("XDG_CONFIG_HOME", topdir, 1);
	unsetenv("TICKETTY_CONFIG");
}

/* Stops every cluster the tests left behind and removes the files. */
static void teardown(void)
{
	struct tt_error err;
	DIR *d = opendir(topdir);
	struct dirent *e;
	tt_error_init(&err);
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *dir = dir_for(e->d_name);
		struct local_cluster lc;
		init_at(&lc, dir);
		if (local_exists(&lc) && local_stop(&lc, &err))
			fprintf(stderr, "teardown: %s\n", err.message);
		tt_error_clear(&err);
		local_done(&lc);
		free(dir);
	}
	if (d)
		closedir(d);
	if (fs_remove_tree(topdir, &err))
		fprintf(stderr, "teardown: %s\n", err.message);
	tt_error_clear(&err);
}

static time_t mtime_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? st.st_mtime * 1000000000L + st.st_mtim.tv_nsec : 0;
}

static char *query_one(const char *conninfo, const char *sql)
{
	PGconn *c = PQconnectdb(conninfo);
	ck_assert_msg(PQstatus(c) == CONNECTION_OK, "connect: %s", PQerrorMessage(c));
	PGresult *r = PQexec(c, sql);
	ck_assert_int_eq(PQresultStatus(r), PGRES_TUPLES_OK);
	char *v = xstrdup(PQgetvalue(r, 0, 0));
	PQclear(r);
	PQfinish(c);
	return v;
}

START_TEST(start_reuse_status_stop)
{
	struct local_cluster lc;
	struct tt_error err;
	struct strbuf out;
	bool created = false, running = false;
	char *dir = dir_for("main");

	tt_error_init(&err);
	sb_init(&out);
	init_at(&lc, dir);
	ck_assert_str_eq(lc.base_dir, dir);
	ck_assert(!local_exists(&lc));

	ck_assert_msg(local_start(&lc, &created, &err) == 0, "start: %s", err.message);
	ck_assert(created);
	ck_assert(local_exists(&lc));
	long pid = local_pid(&lc);
	ck_assert_int_gt(pid, 0);

	/* socket only, in the directory; the superuser is our login */
	char *v = query_one(lc.conninfo, "SHOW listen_addresses");
	ck_assert_str_eq(v, "");
	free(v);
	v = query_one(lc.conninfo, "SHOW unix_socket_directories");
	ck_assert_str_eq(v, dir);
	free(v);
	v = query_one(lc.conninfo, "SELECT current_database() || ' ' || session_user || ' ' || "
				   "(SELECT rolsuper FROM pg_roles WHERE rolname = session_user)");
	char *want = xasprintf("ticketty %s true", lc.login);
	ck_assert_str_eq(v, want);
	free(want);
	free(v);

	/* a second start reuses the cluster and the running server; until the
	 * demo data is marked as loaded, it still asks for it */
	char *initlog = xasprintf("%s/initdb.log", dir);
	time_t initdb_time = mtime_of(initlog);
	ck_assert(initdb_time != 0);
	struct local_cluster again;
	init_at(&again, dir);
	ck_assert_msg(local_start(&again, &created, &err) == 0, "restart: %s", err.message);
	ck_assert(created);
	ck_assert_int_eq(local_pid(&again), pid);
	ck_assert_int_eq(local_mark_seeded(&again, &err), 0);
	ck_assert_msg(local_start(&again, &created, &err) == 0, "restart: %s", err.message);
	ck_assert(!created);
	ck_assert_int_eq(local_pid(&again), pid);
	ck_assert(mtime_of(initlog) == initdb_time);
	local_done(&again);

	ck_assert_msg(local_status(&lc, &running, &out, &err) == 0, "status: %s", err.message);
	ck_assert_msg(running, "status said: %s", out.buf);
	char *line = xasprintf("running (pid %ld)", pid);
	ck_assert_msg(strstr(out.buf, line), "status said: %s", out.buf);
	ck_assert_ptr_nonnull(strstr(out.buf, lc.data_dir));
	free(line);

	ck_assert_msg(local_stop(&lc, &err) == 0, "stop: %s", err.message);
	ck_assert_int_eq(local_pid(&lc), 0);
	sb_reset(&out);
	ck_assert_int_eq(local_status(&lc, &running, &out, &err), 0);
	ck_assert(!running);
	ck_assert_ptr_nonnull(strstr(out.buf, "stopped"));
	ck_assert_int_eq(local_stop(&lc, &err), 0);  /* stopping a stopped server is fine */

	/* starting again after a stop keeps the data and does not initdb */
	ck_assert_msg(local_start(&lc, &created, &err) == 0, "start after stop: %s", err.message);
	ck_assert(!created);
	ck_assert(mtime_of(initlog) == initdb_time);
	ck_assert_int_gt(local_pid(&lc), 0);
	ck_assert_int_ne(local_pid(&lc), pid);
	ck_assert_int_eq(local_stop(&lc, &err), 0);

	free(initlog);
	sb_done(&out);
	local_done(&lc);
	free(dir);
}
END_TEST

START_TEST(missing_cluster_is_reported_not_created)
{
	struct local_cluster lc;
	struct tt_error err;
	struct strbuf out;
	bool running = true;
	char *dir = dir_for("never");

	tt_error_init(&err);
	sb_init(&out);
	init_at(&lc, dir);
	ck_assert_int_eq(local_status(&lc, &running, &out, &err), 0);
	ck_assert(!running);
	ck_assert_ptr_nonnull(strstr(out.buf, "not created yet"));
	ck_assert_int_eq(local_stop(&lc, &err), 0);
	ck_assert_int_eq(local_pid(&lc), 0);
	ck_assert(!fs_exists(dir));
	sb_done(&out);
	local_done(&lc);
	free(dir);
}
END_TEST

START_TEST(concurrent_first_starts_agree)
{
	snprintf(child_dir, sizeof(child_dir), "%s/race", topdir);
	const char *dir = child_dir;
	pid_t kids[2];
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		ck_assert_int_ge(kids[i], 0);
		if (kids[i] == 0) {
			struct local_cluster lc;
			struct tt_error err;
			bool created = false;
			tt_error_init(&err);
			init_at(&lc, dir);
			int rc = local_start(&lc, &created, &err);
			if (rc)
				fprintf(stderr, "child %d: %s\n", i, err.message);
			tt_error_clear(&err);
			local_done(&lc);
			_exit(rc ? 1 : created ? 10 : 20);
		}
	}
	for (int i = 0; i < 2; i++) {
		int st;
		ck_assert_int_eq(waitpid(kids[i], &st, 0), kids[i]);
		ck_assert(WIFEXITED(st));
		ck_assert_int_eq(WEXITSTATUS(st), 10);  /* both ok, neither saw demo data */
	}
	/* one initdb, one server */
	char *initlog = xasprintf("%s/initdb.log", dir);
	FILE *f = fopen(initlog, "r");
	ck_assert_ptr_nonnull(f);
	char line[512];
	int runs = 0;
	while (fgets(line, sizeof(line), f))
		runs += strstr(line, "The files belonging to this database system") != NULL;
	fclose(f);
	ck_assert_int_eq(runs, 1);
	free(initlog);
	struct local_cluster lc;
	init_at(&lc, dir);
	ck_assert_int_gt(local_pid(&lc), 0);
	local_done(&lc);
}
END_TEST

START_TEST(unusable_directories_are_refused)
{
	struct local_cluster lc;
	struct tt_error err;
	bool created;
	tt_error_init(&err);

	char *dollar = dir_for("a$b");
	init_at(&lc, dollar);
	ck_assert_int_eq(local_start(&lc, &created, &err), EX_CONFIG);
	ck_assert_ptr_nonnull(strstr(err.message, "may not contain"));
	ck_assert(!fs_exists(dollar));
	tt_error_clear(&err);
	local_done(&lc);
	free(dollar);

	char *longdir = xasprintf("%s/%0100d", topdir, 7);
	init_at(&lc, longdir);
	ck_assert_int_eq(local_start(&lc, &created, &err), EX_CONFIG);
	ck_assert_ptr_nonnull(strstr(err.message, "too long"));
	tt_error_clear(&err);
	local_done(&lc);
	free(longdir);

	/* a relative TICKETTY_DATA_DIR is taken from the working directory */
	init_at(&lc, "rel/dir");
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	char *want = xasprintf("%s/rel/dir", cwd);
	ck_assert_str_eq(lc.base_dir, want);
	free(want);
	local_done(&lc);

	if (geteuid() == 0) {
		/* as root: a non-empty directory of someone else's is not taken over */
		char *busy = dir_for("busy");
		char *file = xasprintf("%s/precious", busy);
		ck_assert_int_eq(mkdir(busy, 0755), 0);
		ck_assert_int_eq(fs_write_file(file, "x", 0644, (uid_t)-1, (gid_t)-1, &err), 0);
		init_at(&lc, busy);
		ck_assert_int_eq(local_start(&lc, &created, &err), EX_NOPERM);
		ck_assert_ptr_nonnull(strstr(err.message, "not empty"));
		ck_assert(fs_exists(file));
		tt_error_clear(&err);
		local_done(&lc);
		free(file);
		free(busy);
	}
}
END_TEST

/* Runs the real binary with TICKETTY_DATA_DIR=dir (PG* variables are
 * dropped by spawn_run), as `user` when not NULL; output into out. */
static int run_cli(const char *user, const char *dir, const char *cmd, struct strbuf *out)
{
	const char *bin = getenv("TICKETTY_BIN");
	const char *argv[] = { bin ? bin : "build/ticketty", "local", cmd, NULL };
	struct tt_error err;
	int status = -1;
	tt_error_init(&err);
	setenv("TICKETTY_DATA_DIR", dir, 1);
	sb_reset(out);
	if (spawn_run(argv, &(struct spawn_opts){ .run_as = user, .out = out }, &status, &err))
		ck_abort_msg("spawn: %s", err.message);
	return status;
}

/* `ticketty ARGS...` on the private cluster in `dir`, as the caller;
 * returns its exit status, stdout and stderr together in `out`. */
static int run_ticketty(const char *dir, struct strbuf *out, const char *a1, const char *a2)
{
	const char *bin = getenv("TICKETTY_BIN");
	const char *argv[] = { bin ? bin : "build/ticketty", a1, a2, NULL };
	struct tt_error err;
	int status = -1;
	tt_error_init(&err);
	setenv("TICKETTY_DATA_DIR", dir, 1);
	sb_reset(out);
	if (spawn_run(argv, &(struct spawn_opts){ .out = out }, &status, &err))
		ck_abort_msg("spawn: %s", err.message);
	return status;
}

START_TEST(cli_status_stop_start)
{
	struct local_cluster lc;
	struct tt_error err;
	struct strbuf out;
	bool created;
	char *dir = dir_for("cli");

	tt_error_init(&err);
	sb_init(&out);
	ck_assert_int_eq(run_cli(NULL, dir, "status", &out), EX_UNAVAILABLE);
	ck_assert_msg(strstr(out.buf, "not created yet"), "%s", out.buf);

	init_at(&lc, dir);
	ck_assert_msg(local_start(&lc, &created, &err) == 0, "start: %s", err.message);
	char *running = xasprintf("running (pid %ld)", local_pid(&lc));
	ck_assert_int_eq(run_cli(NULL, dir, "status", &out), 0);
	ck_assert_msg(strstr(out.buf, running), "%s", out.buf);
	ck_assert_ptr_nonnull(strstr(out.buf, "dbname=ticketty"));

	ck_assert_int_eq(run_cli(NULL, dir, "stop", &out), 0);
	ck_assert_msg(strstr(out.buf, "stopped"), "%s", out.buf);
	ck_assert_int_eq(local_pid(&lc), 0);
	ck_assert_int_eq(run_cli(NULL, dir, "status", &out), EX_UNAVAILABLE);
	ck_assert_msg(strstr(out.buf, "stopped"), "%s", out.buf);
	ck_assert_int_eq(run_cli(NULL, dir, "stop", &out), 0);
	ck_assert_msg(strstr(out.buf, "was not running"), "%s", out.buf);

	/* start: the cluster exists and its demo data is marked as loaded, so
	 * none is due (the seeder is tested elsewhere); it is migrated */
	ck_assert_int_eq(local_mark_seeded(&lc, &err), 0);
	ck_assert_msg(run_cli(NULL, dir, "start", &out) == 0, "%s", out.buf);
	ck_assert_msg(strstr(out.buf, "running (pid"), "%s", out.buf);
	char *v = query_one(lc.conninfo, "SELECT count(*) > 0 FROM ticketty.schema_migrations");
	ck_assert_str_eq(v, "t");
	free(v);
	ck_assert_int_eq(run_cli(NULL, dir, "stop", &out), 0);

	sb_done(&out);
	free(running);
	local_done(&lc);
	free(dir);
}
END_TEST

/* Two first starts at once load the demo data once and both succeed (one
 * refused with 65, "already has tickets", and a desk whose mark was lost
 * after its data went in could never start again). */
START_TEST(first_starts_seed_once)
{
	struct strbuf out;
	snprintf(child_dir, sizeof(child_dir), "%s/seedrace", topdir);
	const char *dir = child_dir;
	pid_t kids[2];
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		ck_assert_int_ge(kids[i], 0);
		if (kids[i] == 0) {
			const char *bin = getenv("TICKETTY_BIN");
			setenv("TICKETTY_DATA_DIR", dir, 1);
			execl(bin ? bin : "build/ticketty", "ticketty", "local", "start", (char *)NULL);
			_exit(127);
		}
	}
	sb_init(&out);
	for (int i = 0; i < 2; i++) {
		int st;
		ck_assert_int_eq(waitpid(kids[i], &st, 0), kids[i]);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "start %d: status %d", i, st);
	}
	struct local_cluster lc;
	init_at(&lc, dir);
	char *n = query_one(lc.conninfo, "SELECT count(*) FROM ticketty.tickets");
	ck_assert_str_eq(n, "500");
	free(n);
	/* the mark lost after the data went in: the next start goes on */
	char *mark = xasprintf("%s/demo-loaded", dir);
	ck_assert_int_eq(unlink(mark), 0);
	ck_assert_msg(run_cli(NULL, dir, "start", &out) == 0, "%s", out.buf);
	ck_assert_int_eq(access(mark, F_OK), 0);
	n = query_one(lc.conninfo, "SELECT count(*) FROM ticketty.tickets");
	ck_assert_str_eq(n, "500");
	free(n);
	/* the one login is the superuser and, by the demo data, an agent: db
	 * migrate and db version say the self-check is not for this database
	 * (they listed over a thousand lines and exited 78) */
	static const char *const schema_cmds[] = { "migrate", "version" };
	for (size_t i = 0; i < 2; i++) {
		int rc = run_ticketty(dir, &out, "db", schema_cmds[i]);
		ck_assert_msg(rc == 0 && strstr(out.buf, "security self-check: not run on the private database") &&
				      !strstr(out.buf, "problems let agents"),
			      "db %s: exit %d: %.2000s", schema_cmds[i], rc, out.buf);
	}
	ck_assert_int_eq(run_cli(NULL, dir, "stop", &out), 0);
	free(mark);
	local_done(&lc);
	sb_done(&out);
}
END_TEST

/* The data directory removed while its server runs: status names that
 * server, start refuses to make a new cluster beside it (which fought it
 * for the socket and could be wrecked by its end), stop ends it, and then
 * a start makes a new one. Before, status said "not created yet" and
 * start ran initdb and failed on the socket's lock. */
START_TEST(removed_data_directory_is_named)
{
	struct local_cluster lc;
	struct tt_error err;
	struct strbuf out;
	bool created;
	char *dir = dir_for("orphan");

	tt_error_init(&err);
	sb_init(&out);
	init_at(&lc, dir);
	ck_assert_msg(local_start(&lc, &created, &err) == 0, "start: %s", err.message);
	long pid = local_pid(&lc);
	ck_assert_int_gt(pid, 0);
	char *rm = xasprintf("rm -rf '%s'", lc.data_dir);
	ck_assert_int_eq(system(rm), 0);
	free(rm);

	ck_assert_int_eq(run_cli(NULL, dir, "status", &out), EX_UNAVAILABLE);
	char *named = xasprintf("was removed while its server (pid %ld) ran", pid);
	ck_assert_msg(strstr(out.buf, named), "%s", out.buf);
	ck_assert_int_eq(local_start(&lc, &created, &err), EX_UNAVAILABLE);
	ck_assert_msg(strstr(err.message, named), "%s", err.message);
	tt_error_clear(&err);
	ck_assert(!local_exists(&lc));   /* no initdb beside the old server */

	ck_assert_int_eq(run_cli(NULL, dir, "stop", &out), 0);
	char *stopped = xasprintf("stopped (pid %ld)", pid);
	ck_assert_msg(strstr(out.buf, stopped), "%s", out.buf);
	ck_assert_int_eq(local_pid(&lc), 0);
	ck_assert_msg(local_start(&lc, &created, &err) == 0, "start again: %s", err.message);
	ck_assert(created);
	ck_assert_int_eq(run_cli(NULL, dir, "stop", &out), 0);
	free(named);
	free(stopped);
	sb_done(&out);
	local_done(&lc);
	free(dir);
}
END_TEST

/* As root, the normal-user path: everything as `nobody`, server included. */
START_TEST(works_as_a_normal_user)
{
	struct passwd *pw = getpwnam("nobody");
	if (geteuid() != 0 || !pw) {
		fprintf(stderr, "test_local: not root (or no user nobody): normal-user path is the one "
				"tested above\n");
		return;
	}
	uid_t uid = pw->pw_uid;
	gid_t gid = pw->pw_gid;
	snprintf(child_home, sizeof(child_home), "%s/nobody", topdir);
	snprintf(child_dir, sizeof(child_dir), "%s/data", child_home);
	const char *home = child_home, *dir = child_dir;
	ck_assert_int_eq(mkdir(home, 0700), 0);
	ck_assert_int_eq(chown(home, uid, gid), 0);

	pid_t kid = fork();
	ck_assert_int_ge(kid, 0);
	if (kid == 0) {
		struct local_cluster lc;
		struct tt_error err;
		struct strbuf out;
		bool created = false, running = false;
		tt_error_init(&err);
		sb_init(&out);
		if (setgid(gid) || setuid(uid))
			_exit(2);
		init_at(&lc, dir);
		if (lc.run_user || strcmp(lc.login, "nobody"))
			_exit(3);
		if (local_start(&lc, &created, &err) || !created) {
			fprintf(stderr, "start as nobody: %s\n", err.message);
			_exit(4);
		}
		char *v = query_one(lc.conninfo, "SELECT session_user");
		if (strcmp(v, "nobody"))
			_exit(5);
		free(v);
		long pid = local_pid(&lc);
		if (local_mark_seeded(&lc, &err) || local_start(&lc, &created, &err) || created ||
		    local_pid(&lc) != pid)
			_exit(6);
		if (local_status(&lc, &running, &out, &err) || !running)
			_exit(7);
		local_done(&lc);
		sb_done(&out);
		_exit(0);
	}
	int st;
	ck_assert_int_eq(waitpid(kid, &st, 0), kid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child failed at step %d",
		      WIFEXITED(st) ? WEXITSTATUS(st) : -1);

	/* everything in the directory belongs to nobody, the server included */
	struct stat sst;
	char *pgdata = xasprintf("%s/pgdata", dir);
	ck_assert_int_eq(stat(pgdata, &sst), 0);
	ck_assert_uint_eq(sst.st_uid, uid);
	free(pgdata);

	/* the CLI as nobody, when nobody can run the binary from here */
	const char *bin = getenv("TICKETTY_BIN");
	struct strbuf out;
	sb_init(&out);
	const char *probe[] = { "/usr/bin/test", "-x", bin ? bin : "build/ticketty", NULL };
	struct tt_error err;
	int status = 1;
	tt_error_init(&err);
	ck_assert_int_eq(spawn_run(probe, &(struct spawn_opts){ .run_as = "nobody" }, &status, &err), 0);
	if (status == 0) {
		ck_assert_int_eq(run_cli("nobody", dir, "status", &out), 0);
		ck_assert_msg(strstr(out.buf, "running (pid"), "%s", out.buf);
		ck_assert_int_eq(run_cli("nobody", dir, "stop", &out), 0);
		ck_assert_int_eq(run_cli("nobody", dir, "status", &out), EX_UNAVAILABLE);
	} else {
		fprintf(stderr, "test_local: nobody cannot run %s; CLI part skipped\n", bin);
	}
	sb_done(&out);
}
END_TEST

static Suite *local_suite(void)
{
	Suite *s = suite_create("local");
	TCase *tc = tcase_create("cluster");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, start_reuse_status_stop);
	tcase_add_test(tc, missing_cluster_is_reported_not_created);
	tcase_add_test(tc, concurrent_first_starts_agree);
	tcase_add_test(tc, unusable_directories_are_refused);
	tcase_add_test(tc, cli_status_stop_start);
	tcase_add_test(tc, first_starts_seed_once);
	tcase_add_test(tc, removed_data_directory_is_named);
	tcase_add_test(tc, works_as_a_normal_user);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(local_suite)
