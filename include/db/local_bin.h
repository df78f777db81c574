/* The PostgreSQL server programs (initdb, pg_ctl, createdb) of the
 * private cluster: where they are, and running one as the server's user. */
#ifndef TICKETTY_DB_LOCAL_BIN_H
#define TICKETTY_DB_LOCAL_BIN_H

#include "db/local.h"
#include "util/error.h"
#include "util/strbuf.h"

/* The directory holding initdb and pg_ctl (caller frees): the version the
 * cluster was made with when it exists and is installed, else
 * `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin,
 * else $PATH. 69 with a hint to install postgresql when there is none. */
int local_find_bindir(const struct local_cluster *lc, char **bindir, struct tt_error *err);

/* Runs bindir/argv[0] with argv[1..] (at most 14) as lc->run_user, output
 * appended to `log` or captured in `out` (both NULL: discarded); the exit
 * status in *status. */
int local_run_pg(const struct local_cluster *lc, const char *bindir, const char *const *argv,
		 const char *log, struct strbuf *out, int *status, struct tt_error *err);

#endif
