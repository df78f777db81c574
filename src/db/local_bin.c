/* Finding the PostgreSQL server programs for the private cluster and
 * running them as the server's OS user (see db/local_bin.h). */
#include "db/local_bin.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "util/fs.h"
#include "util/i18n.h"
#include "util/spawn.h"
#include "util/xalloc.h"

static bool bindir_usable(const char *dir)
{
	char *initdb = xasprintf("%s/initdb", dir), *pg_ctl = xasprintf("%s/pg_ctl", dir);
	bool ok = spawn_executable(initdb) && spawn_executable(pg_ctl);
	free(initdb);
	free(pg_ctl);
	return ok;
}

static char *bindir_from_pg_config(void)
{
	const char *argv[] = { "pg_config", "--bindir", NULL };
	struct strbuf out;
	struct tt_error err;
	int status = 1;
	char *pg_config = spawn_which("pg_config");
	if (!pg_config)
		return NULL;
	free(pg_config);
	sb_init(&out);
	tt_error_init(&err);
	if (spawn_run(argv, &(struct spawn_opts){ .out = &out }, &status, &err) || status != 0) {
		tt_error_clear(&err);
		sb_done(&out);
		return NULL;
	}
	while (out.len && isspace((unsigned char)out.buf[out.len - 1]))
		sb_truncate(&out, out.len - 1);
	char *dir = sb_detach(&out);
	sb_done(&out);
	if (bindir_usable(dir))
		return dir;
	free(dir);
	return NULL;
}

/* The newest /usr/lib/postgresql/<version>/bin holding initdb. */
static char *bindir_newest_debian(void)
{
	DIR *d = opendir("/usr/lib/postgresql");
	struct dirent *e;
	double best = 0;
	char *found = NULL;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		double v = strtod(e->d_name, NULL);
		if (v <= best)
			continue;
		char *dir = xasprintf("/usr/lib/postgresql/%s/bin", e->d_name);
		if (bindir_usable(dir)) {
			free(found);
			found = dir;
			best = v;
		} else {
			free(dir);
		}
	}
	closedir(d);
	return found;
}

int local_find_bindir(const struct local_cluster *lc, char **bindir, struct tt_error *err)
{
	char *dir = NULL;
	if (local_exists(lc)) {
		char *vfile = xasprintf("%s/PG_VERSION", lc->data_dir);
		char *version = fs_read_line(vfile, 1);
		free(vfile);
		if (version && *version && !strchr(version, '/')) {
			dir = xasprintf("/usr/lib/postgresql/%s/bin", version);
			if (!bindir_usable(dir)) {
				free(dir);
				dir = NULL;
			}
		}
		free(version);
	}
	if (!dir)
		dir = bindir_from_pg_config();
	if (!dir)
		dir = bindir_newest_debian();
	if (!dir) {
		char *initdb = spawn_which("initdb");
		if (initdb) {
			*strrchr(initdb, '/') = '\0';
			if (bindir_usable(initdb))
				dir = initdb;
			else
				free(initdb);
		}
	}
	if (!dir)
		return tt_error_set(err, EX_UNAVAILABLE, "%s",
				    _("the PostgreSQL server programs (initdb, pg_ctl) were not found: "
				      "install the postgresql package (`make deps` does) or configure "
				      "database.conninfo"));
	*bindir = dir;
	return 0;
}

int local_run_pg(const struct local_cluster *lc, const char *bindir, const char *const *argv,
		  const char *log, struct strbuf *out, int *status, struct tt_error *err)
{
	const char *args[16];
	char *prog = xasprintf("%s/%s", bindir, argv[0]);
	size_t n = 0;
	args[n++] = prog;
	for (size_t i = 1; argv[i] && n < 15; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	struct spawn_opts o = { .run_as = lc->run_user, .log_path = log, .out = out };
	int rc = spawn_run(args, &o, status, err);
	free(prog);
	return rc;
}
