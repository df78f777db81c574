/* The private cluster's directory: refusing unusable paths, creating it,
 * handing it to the server's user when we are root, and the lock that
 * serialises concurrent starts (see db/local_dir.h). */
#include "db/local_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "util/fs.h"
#include "util/i18n.h"
#include "util/spawn.h"
#include "util/xalloc.h"

int local_check_path(const struct local_cluster *lc, struct tt_error *err)
{
	if (!lc->base_dir)
		return tt_error_set(err, EX_CONFIG, "%s",
				    _("cannot work out where to keep the private database: set "
				      "local.data_dir in the configuration or $TICKETTY_DATA_DIR"));
	if (!lc->login)
		return tt_error_set(err, EX_NOUSER, "%s", _("cannot find the name of the current OS user"));
	/* pg_ctl passes the data directory and log file to /bin/sh inside
	 * double quotes: refuse the characters that are special there. */
	if (strpbrk(lc->base_dir, "\"\\$`\n"))
		return tt_error_set(err, EX_CONFIG,
				    _("the private database directory %s may not contain \", \\, $, ` or a "
				      "line break"), lc->base_dir);
	struct sockaddr_un sa;
	if (strlen(lc->socket_dir) + sizeof("/.s.PGSQL.65535") > sizeof(sa.sun_path))
		return tt_error_set(err, EX_CONFIG,
				    _("the private database directory %s is too long to hold a Unix "
				      "socket (at most %zu characters)"),
				    lc->socket_dir, sizeof(sa.sun_path) - sizeof("/.s.PGSQL.65535"));
	return 0;
}

static int create_system_user(const char *name, const char *home, struct tt_error *err)
{
	const char *argv[] = { "useradd", "--system", "--user-group", "--no-create-home",
			       "--home-dir", home, "--shell", "/usr/sbin/nologin",
			       "--comment", "ticketty private database", name, NULL };
	struct strbuf out;
	int status = 1, rc;
	char *useradd = spawn_which("useradd");
	if (!useradd)
		useradd = xstrdup("/usr/sbin/useradd");
	argv[0] = useradd;
	sb_init(&out);
	rc = spawn_run(argv, &(struct spawn_opts){ .out = &out }, &status, err);
	if (!rc && status != 0)
		rc = tt_error_set(err, EX_NOUSER, _("cannot create the system user %s: %s"), name,
				  out.len ? out.buf : _("useradd failed"));
	sb_done(&out);
	free(useradd);
	return rc;
}

/* True when `pw` may search (x) directory `dir`. */
static bool can_search(const char *dir, const struct passwd *pw)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return false;
	if (st.st_uid == pw->pw_uid)
		return st.st_mode & S_IXUSR;
	if (st.st_gid == pw->pw_gid)
		return st.st_mode & S_IXGRP;
	return st.st_mode & S_IXOTH;
}

/* As root: every directory above base_dir must let the server's user through. */
static int check_ancestors(const char *base_dir, const struct passwd *pw, struct tt_error *err)
{
	char *p = xstrdup(base_dir);
	int rc = 0;
	for (char *slash = strrchr(p, '/'); slash; slash = strrchr(p, '/')) {
		*slash = '\0';
		const char *dir = *p ? p : "/";
		if (!can_search(dir, pw)) {
			rc = tt_error_set(err, EX_NOPERM,
					  _("the server user %s cannot reach %s (no search permission on "
					    "%s): choose another local.data_dir"),
					  pw->pw_name, base_dir, dir);
			break;
		}
		if (!*p)
			break;
	}
	free(p);
	return rc;
}

int local_prepare_dir(struct local_cluster *lc, uid_t *uid, gid_t *gid, struct tt_error *err)
{
	struct passwd *server = NULL;
	struct stat st;
	int rc;

	*uid = (uid_t)-1;
	*gid = (gid_t)-1;
	if (lc->run_user) {
		if (!getpwnam(lc->run_user) &&
		    (rc = create_system_user(lc->run_user, lc->base_dir, err)))
			return rc;
		server = getpwnam(lc->run_user);
		if (!server)
			return tt_error_set(err, EX_NOUSER, _("there is no OS user %s"), lc->run_user);
		*uid = server->pw_uid;
		*gid = server->pw_gid;
	}
	if (!fs_is_dir(lc->base_dir)) {
		char *parent = xstrdup(lc->base_dir);
		*strrchr(parent, '/') = '\0';
		rc = *parent ? fs_mkdir_p(parent, lc->run_user ? 0755 : 0700, err) : 0;
		free(parent);
		if (rc)
			return rc;
		if (mkdir(lc->base_dir, 0700) != 0 && errno != EEXIST)
			return tt_error_set(err, EX_CANTCREAT, _("cannot create the directory %s: %s"),
					    lc->base_dir, strerror(errno));
	}
	if (stat(lc->base_dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return tt_error_set(err, EX_CANTCREAT, _("%s is not a directory"), lc->base_dir);
	if (!server) {
		if (st.st_uid != geteuid())
			return tt_error_set(err, EX_NOPERM, _("%s belongs to another user"), lc->base_dir);
		return 0;
	}
	if (st.st_uid != *uid) {
		/* Not empty: it is someone else's, unless a concurrent first start
		 * has just taken it (it hands the directory over before it writes
		 * anything in it), which a second look shows. */
		if (!fs_dir_empty(lc->base_dir) &&
		    (stat(lc->base_dir, &st) != 0 || st.st_uid != *uid))
			return tt_error_set(err, EX_NOPERM,
					    _("%s is not empty and does not belong to %s, who runs the "
					      "database server: choose a new or empty local.data_dir"),
					    lc->base_dir, lc->run_user);
		if (st.st_uid != *uid && chown(lc->base_dir, *uid, *gid) != 0)
			return tt_error_set(err, EX_NOPERM, "%s: %s", lc->base_dir, strerror(errno));
	}
	if ((st.st_mode & 07777) != 0700 && chmod(lc->base_dir, 0700) != 0)
		return tt_error_set(err, EX_NOPERM, "%s: %s", lc->base_dir, strerror(errno));
	return check_ancestors(lc->base_dir, server, err);
}

int local_lock(const struct local_cluster *lc, int *fd, struct tt_error *err)
{
	char *path = xasprintf("%s/ticketty.lock", lc->base_dir);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0) {
		int rc = tt_error_set(err, EX_CANTCREAT, "%s: %s", path, strerror(errno));
		free(path);
		return rc;
	}
	free(path);
	while (flock(*fd, LOCK_EX) != 0)
		if (errno != EINTR)
			return tt_error_set(err, EX_OSERR, "flock: %s", strerror(errno));
	return 0;
}
