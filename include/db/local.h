/* The private PostgreSQL cluster used when no database is configured:
 * initialised once in the data directory, reachable only through a Unix
 * socket inside it (no TCP port), run as an unprivileged user even when
 * ticketty itself runs as root. */
#ifndef TICKETTY_DB_LOCAL_H
#define TICKETTY_DB_LOCAL_H

#include <stdbool.h>

#include "util/error.h"
#include "util/strbuf.h"

struct local_cluster {
	char *base_dir;    /* e.g. ~/.local/share/ticketty or /var/lib/ticketty */
	char *data_dir;    /* base_dir/pgdata */
	char *socket_dir;  /* where the server's socket lives */
	char *conninfo;    /* "host=<socket_dir> dbname=ticketty user=..." */
	char *run_user;    /* OS user running the server (NULL = ourselves) */
};

/* Works out the paths: `configured` (local.data_dir) or $TICKETTY_DATA_DIR,
 * else $XDG_DATA_HOME/ticketty (~/.local/share/ticketty), or
 * /var/lib/ticketty when running as root. */
void local_init(struct local_cluster *lc, const char *configured);
void local_done(struct local_cluster *lc);

/* Initialises the cluster if there is none (*created = true), starts the
 * server if it is not running, and waits until it accepts connections. */
int local_start(struct local_cluster *lc, bool *created, struct tt_error *err);
/* Appends a human description (running or not, pid, paths) to out;
 * *running tells which. */
int local_status(struct local_cluster *lc, bool *running, struct strbuf *out, struct tt_error *err);
/* Stops the server (fast shutdown); 0 when it was not running either. */
int local_stop(struct local_cluster *lc, struct tt_error *err);

#endif
