/* The private PostgreSQL cluster (see db/local.h): paths, first-time
 * initdb, start/stop/status through pg_ctl run as the right OS user, and
 * creation of the `ticketty` database. Programs are run with argv vectors
 * (util/spawn.h), never through a shell. The directory is prepared by
 * local_dir.c, the server programs are found by local_bin.c. */
#include "db/local.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/local_bin.h"
#include "db/local_dir.h"
#include "util/fs.h"
#include "util/i18n.h"
#include "util/spawn.h"
#include "util/xalloc.h"

#define START_TIMEOUT "60"   /* seconds pg_ctl waits for start and stop */
#define READY_TIMEOUT_MS 60000
#define LOCAL_CONF "ticketty-local.conf"
#define SEEDED_MARK "demo-loaded"  /* in base_dir once the demo data is in */

static bool running_as_root(void)
{
	return geteuid() == 0;
}

/* Quotes a conninfo value: 'value' with ' and \ escaped. */
static void add_conninfo_value(struct strbuf *sb, const char *v)
{
	sb_addc(sb, '\'');
	for (; *v; v++) {
		if (*v == '\'' || *v == '\\')
			sb_addc(sb, '\\');
		sb_addc(sb, *v);
	}
	sb_addc(sb, '\'');
}

static char *make_conninfo(const struct local_cluster *lc, const char *dbname)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "host=");
	add_conninfo_value(&sb, lc->socket_dir);
	sb_addf(&sb, " port=%d dbname=%s user=", LOCAL_PORT, dbname);
	add_conninfo_value(&sb, lc->login ? lc->login : "");
	char *ci = sb_detach(&sb);
	sb_done(&sb);
	return ci;
}

/* The directory to use, before making it absolute (owned). */
static char *choose_base_dir(const char *configured, const struct passwd *pw)
{
	const char *env = getenv("TICKETTY_DATA_DIR");
	const char *home = getenv("HOME");
	if (!home || !*home)
		home = pw ? pw->pw_dir : NULL;
	if (env && *env)
		return xstrdup(env);
	if (configured && *configured)
		return fs_expand_home(configured, home);
	if (running_as_root())
		return xstrdup("/var/lib/ticketty");
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/ticketty", xdg);
	if (home && *home)
		return xasprintf("%s/.local/share/ticketty", home);
	return NULL;
}

static char *absolute(char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (path[0] == '/')
		return path;
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd)))
		return path;
	char *abs = xasprintf("%s/%s", cwd, path);
	free(path);
	return abs;
}

/* As root: the owner of an existing cluster, else postgres, else ticketty. */
static char *choose_run_user(const char *data_dir)
{
	struct stat st;
	if (stat(data_dir, &st) == 0 && st.st_uid != 0) {
		struct passwd *owner = getpwuid(st.st_uid);
		if (owner)
			return xstrdup(owner->pw_name);
	}
	if (getpwnam("postgres"))
		return xstrdup("postgres");
	return xstrdup("ticketty");
}

void local_init(struct local_cluster *lc, const char *configured)
{
	struct passwd *pw = getpwuid(geteuid());

	memset(lc, 0, sizeof(*lc));
	if (pw)
		lc->login = xstrdup(pw->pw_name);
	char *base = choose_base_dir(configured, pw);
	if (!base)
		return;
	lc->base_dir = absolute(base);
	lc->data_dir = xasprintf("%s/pgdata", lc->base_dir);
	lc->socket_dir = xstrdup(lc->base_dir);
	lc->log_file = xasprintf("%s/server.log", lc->base_dir);
	lc->conninfo = make_conninfo(lc, "ticketty");
	if (running_as_root())
		lc->run_user = choose_run_user(lc->data_dir);
}

void local_done(struct local_cluster *lc)
{
	free(lc->base_dir);
	free(lc->data_dir);
	free(lc->socket_dir);
	free(lc->conninfo);
	free(lc->run_user);
	free(lc->login);
	free(lc->log_file);
	memset(lc, 0, sizeof(*lc));
}

bool local_data_dir_exists(const char *data_dir)
{
	char *v = xasprintf("%s/PG_VERSION", data_dir);
	bool ok = fs_exists(v);
	free(v);
	return ok;
}

bool local_exists(const struct local_cluster *lc)
{
	return lc->data_dir && local_data_dir_exists(lc->data_dir);
}

/* True when process pid lives and is a PostgreSQL server (Linux: its
 * /proc name), so a stale lock file's recycled pid is never taken for one. */
static bool is_postgres(long pid)
{
	if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
		return false;
	char *comm = xasprintf("/proc/%ld/comm", pid);
	char *name = fs_read_line(comm, 1);
	bool yes = name && !strcmp(name, "postgres");
	free(name);
	free(comm);
	return yes;
}

/* True when pid's command line is a server started on data_dir: its
 * arguments hold "-D" and then exactly that directory (how local_start
 * starts it; a server's child processes rewrite their command line). */
static bool started_on(long pid, const char *data_dir)
{
	char *path = xasprintf("/proc/%ld/cmdline", pid);
	char buf[4096];
	bool yes = false;
	FILE *f = fopen(path, "r");
	free(path);
	if (!f)
		return false;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i += strlen(buf + i) + 1) {
		if (!strcmp(buf + i, "-D") && i + 3 < n) {
			yes = !strcmp(buf + i + 3, data_dir);
			break;
		}
	}
	return yes;
}

/* The server whose whole base_dir went, socket and lock file with it:
 * found among the running PostgreSQL servers by its -D argument. */
static long server_started_on(const char *data_dir)
{
	DIR *proc = opendir("/proc");
	long found = 0;
	if (!proc)
		return 0;
	for (struct dirent *e; !found && (e = readdir(proc));) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		if (pid > 0 && !*end && is_postgres(pid) && started_on(pid, data_dir))
			found = pid;
	}
	closedir(proc);
	return found;
}

/* A server of this base_dir whose data directory was removed while it
 * ran: the pid in its socket's lock file, or when that went too, the
 * server started on the data directory; 0 when there is none. */
static long orphan_pid(const struct local_cluster *lc)
{
	if (local_exists(lc))
		return 0;
	char *lock = xasprintf("%s/.s.PGSQL.%d.lock", lc->socket_dir, LOCAL_PORT);
	char *line = fs_read_line(lock, 1);
	long pid = line ? strtol(line, NULL, 10) : 0;
	free(line);
	free(lock);
	if (is_postgres(pid))
		return pid;
	return lc->data_dir ? server_started_on(lc->data_dir) : 0;
}

long local_pid(const struct local_cluster *lc)
{
	if (!lc->data_dir)
		return 0;
	char *pidfile = xasprintf("%s/postmaster.pid", lc->data_dir);
	char *line = fs_read_line(pidfile, 1);
	long pid = line ? strtol(line, NULL, 10) : 0;
	free(line);
	free(pidfile);
	if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM))
		return pid;
	return orphan_pid(lc);
}

/* ---- initdb ---- */

static bool have_c_utf8(void)
{
	locale_t l = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	if (!l)
		return false;
	freelocale(l);
	return true;
}

static int log_failure(const char *what, const char *log, struct tt_error *err)
{
	char *last = fs_last_line(log);
	int rc = tt_error_set(err, EX_UNAVAILABLE, _("%s failed: %s (see %s)"), what,
			      last ? last : _("no message"), log);
	free(last);
	return rc;
}

static int initialise(struct local_cluster *lc, const char *bindir, struct tt_error *err)
{
	char *tmp = xasprintf("%s.new", lc->data_dir);
	char *log = xasprintf("%s/initdb.log", lc->base_dir);
	char *user = xasprintf("--username=%s", lc->login);
	char *conf = xasprintf("%s/postgresql.conf", tmp);
	int rc, status = 1;

	if (fs_exists(lc->data_dir)) {
		rc = tt_error_set(err, EX_CANTCREAT,
				  _("%s exists but holds no PostgreSQL cluster: move it away"), lc->data_dir);
		goto out;
	}
	if ((rc = fs_remove_tree(tmp, err)))  /* left over from an interrupted initdb */
		goto out;
	const char *argv[] = { "initdb", "--pgdata", tmp, "--encoding=UTF8",
			       have_c_utf8() ? "--locale=C.UTF-8" : "--no-locale",
			       "--auth-local=peer", "--auth-host=reject", user, NULL };
	if ((rc = local_run_pg(lc, bindir, argv, log, NULL, &status, err)))
		goto out;
	if (status != 0) {
		rc = log_failure("initdb", log, err);
		goto out;
	}
	if ((rc = fs_append(conf, "\n# ticketty: settings of the private database\n"
				  "include_if_exists = '" LOCAL_CONF "'\n", err)))
		goto out;
	if (rename(tmp, lc->data_dir) != 0)
		rc = tt_error_set(err, EX_CANTCREAT, "%s: %s", lc->data_dir, strerror(errno));
out:
	free(tmp);
	free(log);
	free(user);
	free(conf);
	return rc;
}

/* Rewritten before every start so the cluster follows its directory. */
static int write_local_conf(const struct local_cluster *lc, uid_t uid, gid_t gid,
			    struct tt_error *err)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "# Written by ticketty before each start of its private database.\n"
		    "# Changes made here are overwritten.\n"
		    "listen_addresses = ''\n");
	sb_addf(&sb, "port = %d\nunix_socket_directories = '", LOCAL_PORT);
	for (const char *p = lc->socket_dir; *p; p++) {
		if (*p == '\'' || *p == '\\')
			sb_addc(&sb, *p);
		sb_addc(&sb, *p);
	}
	sb_add(&sb, "'\n");
	char *path = xasprintf("%s/%s", lc->data_dir, LOCAL_CONF);
	int rc = fs_write_file(path, sb.buf, 0600, uid, gid, err);
	free(path);
	sb_done(&sb);
	return rc;
}

/* ---- start, readiness, database ---- */

static int pg_ctl_status(const struct local_cluster *lc, const char *bindir, int *status,
			 struct tt_error *err)
{
	const char *argv[] = { "pg_ctl", "status", "--pgdata", lc->data_dir, NULL };
	struct strbuf out;
	sb_init(&out);
	int rc = local_run_pg(lc, bindir, argv, NULL, &out, status, err);
	sb_done(&out);
	return rc;
}

static int start_server(struct local_cluster *lc, const char *bindir, struct tt_error *err)
{
	const char *argv[] = { "pg_ctl", "start", "--pgdata", lc->data_dir, "--log", lc->log_file,
			       "--wait", "--timeout=" START_TIMEOUT, "--silent", NULL };
	int status = 1, rc;
	if ((rc = local_run_pg(lc, bindir, argv, lc->log_file, NULL, &status, err)))
		return rc;
	if (status == 0)
		return 0;
	/* another client may have started it meanwhile */
	if (!pg_ctl_status(lc, bindir, &status, err) && status == 0)
		return 0;
	tt_error_clear(err);
	return log_failure(_("starting the private database"), lc->log_file, err);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Polls until the server answers (it may still be recovering). A server
 * that pg_ctl took for running but that is gone meanwhile (killed, and
 * its pid only now reaped) is started again. */
static int wait_ready(struct local_cluster *lc, const char *bindir, uid_t uid, gid_t gid,
		      struct tt_error *err)
{
	char *ci = make_conninfo(lc, "postgres");
	long deadline = now_ms() + READY_TIMEOUT_MS, next_check = now_ms() + 500;
	PGPing ping;
	while ((ping = PQping(ci)) != PQPING_OK && now_ms() < deadline) {
		if (now_ms() >= next_check) {
			next_check = now_ms() + 500;
			if (local_pid(lc) == 0 &&
			    (write_local_conf(lc, uid, gid, err) || start_server(lc, bindir, err)))
				tt_error_clear(err);  /* retried until the deadline */
		}
		sleep_ms(50);
	}
	free(ci);
	if (ping != PQPING_OK)
		return tt_error_set(err, EX_UNAVAILABLE,
				    _("the private database did not accept connections within %d "
				      "seconds (see %s)"), READY_TIMEOUT_MS / 1000, lc->log_file);
	return 0;
}

static int connection_failure(PGconn *c, struct tt_error *err)
{
	const char *msg = PQerrorMessage(c);
	size_t n = strlen(msg);
	while (n && isspace((unsigned char)msg[n - 1]))
		n--;
	int code = strstr(msg, "authentication") || strstr(msg, "role") ? EX_NOPERM : EX_UNAVAILABLE;
	return tt_error_set(err, code, "%s: %.*s", _("cannot connect to the private database"), (int)n, msg);
}

/* Creates the `ticketty` database when it is missing. */
static int ensure_database(const struct local_cluster *lc, const char *bindir, bool *created,
			   struct tt_error *err)
{
	PGconn *c = PQconnectdb(lc->conninfo);
	int rc = 0;
	if (PQstatus(c) == CONNECTION_OK) {
		PQfinish(c);
		return 0;
	}
	PQfinish(c);
	char *ci = make_conninfo(lc, "postgres");
	c = PQconnectdb(ci);
	free(ci);
	if (PQstatus(c) != CONNECTION_OK) {
		rc = connection_failure(c, err);
		PQfinish(c);
		return rc;
	}
	PQfinish(c);
	char *prog = xasprintf("%s/createdb", bindir);
	char *port = xasprintf("%d", LOCAL_PORT);
	const char *argv[] = { prog, "--host", lc->socket_dir, "--port", port,
			       "--username", lc->login, "ticketty", NULL };
	struct strbuf out;
	int status = 1;
	sb_init(&out);
	rc = spawn_run(argv, &(struct spawn_opts){ .out = &out }, &status, err);
	if (!rc && status != 0)
		rc = tt_error_set(err, EX_UNAVAILABLE, _("cannot create the database ticketty: %s"),
				  out.len ? out.buf : _("createdb failed"));
	if (!rc)
		*created = true;
	sb_done(&out);
	free(prog);
	free(port);
	return rc;
}

int local_start(struct local_cluster *lc, bool *created, struct tt_error *err)
{
	char *bindir = NULL;
	int rc, lockfd = -1, status = 1;
	uid_t uid;
	gid_t gid;

	*created = false;
	if ((rc = local_check_path(lc, err)) || (rc = local_prepare_dir(lc, &uid, &gid, err)) ||
	    (rc = local_lock(lc, &lockfd, err)))
		goto out;
	if ((rc = local_find_bindir(lc, &bindir, err)))
		goto out;
	long orphan = orphan_pid(lc);
	if (orphan) {
		/* a new cluster beside it would fight for the socket, and its
		 * end could wreck the new one's first checkpoint */
		rc = tt_error_set(err, EX_UNAVAILABLE,
				  _("the private database's directory %s was removed while its server (pid %ld) "
				    "ran: 'ticketty local stop' ends that server, then start again (with a new, "
				    "empty database)"),
				  lc->data_dir, orphan);
		goto out;
	}
	if (!local_exists(lc) && (rc = initialise(lc, bindir, err)))
		goto out;
	if ((rc = pg_ctl_status(lc, bindir, &status, err)))
		goto out;
	if (status != 0) {
		if ((rc = write_local_conf(lc, uid, gid, err)) || (rc = start_server(lc, bindir, err)))
			goto out;
	}
	if (!(rc = wait_ready(lc, bindir, uid, gid, err)))
		rc = ensure_database(lc, bindir, created, err);
	if (!rc && !*created) {
		char *mark = xasprintf("%s/%s", lc->base_dir, SEEDED_MARK);
		*created = !fs_exists(mark);
		free(mark);
	}
out:
	if (lockfd >= 0)
		close(lockfd);
	free(bindir);
	return rc;
}

int local_mark_seeded(const struct local_cluster *lc, struct tt_error *err)
{
	char *mark = xasprintf("%s/%s", lc->base_dir, SEEDED_MARK);
	int rc = fs_write_file(mark, "The demo data of this private database is loaded.\n", 0600,
			       (uid_t)-1, (gid_t)-1, err);
	free(mark);
	return rc;
}

int local_status(struct local_cluster *lc, bool *running, struct strbuf *out, struct tt_error *err)
{
	char *bindir = NULL;
	int rc, status = 1;

	*running = false;
	if ((rc = local_check_path(lc, err)))
		return rc;
	long orphan = orphan_pid(lc);
	if (orphan) {
		sb_addf(out, _("private database: its directory %s was removed while its server (pid %ld) "
			       "ran; 'ticketty local stop' ends that server\n"), lc->data_dir, orphan);
		return 0;
	}
	if (!local_exists(lc)) {
		sb_addf(out, _("private database: not created yet (it will be in %s)\n"), lc->base_dir);
		return 0;
	}
	if ((rc = local_find_bindir(lc, &bindir, err)) || (rc = pg_ctl_status(lc, bindir, &status, err))) {
		free(bindir);
		return rc;
	}
	free(bindir);
	/* pg_ctl status: 0 running, 3 not running; anything else (4, no
	 * readable data directory, or a crash) is no answer at all */
	if (status != 0 && status != 3)
		return tt_error_set(err, EX_UNAVAILABLE, _("pg_ctl status failed (exit status %d) for %s"),
				    status, lc->data_dir);
	*running = status == 0;
	if (*running)
		sb_addf(out, _("private database: running (pid %ld)\n"), local_pid(lc));
	else
		sb_addf(out, "%s\n", _("private database: stopped"));
	sb_addf(out, _("data directory: %s\n"), lc->data_dir);
	sb_addf(out, _("connection: %s\n"), lc->conninfo);
	sb_addf(out, _("server log: %s\n"), lc->log_file);
	if (lc->run_user)
		sb_addf(out, _("server runs as: %s\n"), lc->run_user);
	return 0;
}

int local_stop(struct local_cluster *lc, struct tt_error *err)
{
	char *bindir = NULL;
	int rc, status = 1;

	if ((rc = local_check_path(lc, err)))
		return rc;
	long orphan = orphan_pid(lc);
	if (orphan) {
		/* its data is gone: nothing to shut down cleanly (immediate) */
		kill((pid_t)orphan, SIGQUIT);
		for (int i = 0; i < 100 && is_postgres(orphan); i++)
			usleep(100000);
		if (is_postgres(orphan))
			return tt_error_set(err, EX_UNAVAILABLE, _("cannot stop the private database server (pid %ld)"),
					    orphan);
		return 0;
	}
	if (!local_exists(lc))
		return 0;
	if ((rc = local_find_bindir(lc, &bindir, err)) || (rc = pg_ctl_status(lc, bindir, &status, err)))
		goto out;
	if (status != 0)
		goto out;
	const char *argv[] = { "pg_ctl", "stop", "--pgdata", lc->data_dir, "--mode=fast", "--wait",
			       "--timeout=" START_TIMEOUT, "--silent", NULL };
	struct strbuf msg;
	sb_init(&msg);
	if (!(rc = local_run_pg(lc, bindir, argv, NULL, &msg, &status, err)) && status != 0) {
		while (msg.len && isspace((unsigned char)msg.buf[msg.len - 1]))
			sb_truncate(&msg, msg.len - 1);
		rc = tt_error_set(err, EX_UNAVAILABLE, _("cannot stop the private database: %s"),
				  msg.len ? msg.buf : _("pg_ctl stop failed"));
	}
	sb_done(&msg);
out:
	free(bindir);
	return rc;
}
