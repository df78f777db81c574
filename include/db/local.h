/* The private PostgreSQL cluster used when no database is configured:
 * initialised once in the data directory, reachable only through a Unix
 * socket inside it (no TCP port), run as an unprivileged user even when
 * ticketty itself runs as root.
 *
 * Layout of base_dir: pgdata/ (the cluster), .s.PGSQL.5432 (the socket),
 * server.log and initdb.log, ticketty.lock (serialises concurrent starts).
 * The superuser role is named after the client's OS login, and local
 * connections use peer authentication, so only that login gets in.
 * As root, the server runs as the owner of an existing pgdata, else as
 * `postgres`, else as a `ticketty` system user created on demand; the
 * default base_dir is then /var/lib/ticketty. */
#ifndef TICKETTY_DB_LOCAL_H
#define TICKETTY_DB_LOCAL_H

#include <stdbool.h>

#include "util/error.h"
#include "util/strbuf.h"

#define LOCAL_PORT 5432  /* names the socket file only: there is no TCP listener */

struct local_cluster {
	char *base_dir;    /* e.g. ~/.local/share/ticketty or /var/lib/ticketty; NULL when unknown */
	char *data_dir;    /* base_dir/pgdata */
	char *socket_dir;  /* where the server's socket lives (= base_dir) */
	char *conninfo;    /* "host=<socket_dir> port=5432 dbname=ticketty user=<login>" */
	char *run_user;    /* OS user running the server (NULL = ourselves) */
	char *login;       /* our OS login = the cluster's superuser role */
	char *log_file;    /* base_dir/server.log */
};

/* Works out the paths: `configured` (local.data_dir, "~/" expanded) or
 * $TICKETTY_DATA_DIR, else $XDG_DATA_HOME/ticketty (~/.local/share/ticketty),
 * or /var/lib/ticketty when running as root. All fields are owned. */
void local_init(struct local_cluster *lc, const char *configured);
void local_done(struct local_cluster *lc);

/* True when base_dir holds an initialised cluster. */
bool local_exists(const struct local_cluster *lc);
/* True when data_dir (a cluster's pgdata) holds one: its PG_VERSION. */
bool local_data_dir_exists(const char *data_dir);

/* Initialises the cluster if there is none, starts the server if it is
 * not running, waits (60 s at most) until it accepts connections and
 * creates the `ticketty` database if it is missing. *created = true when
 * the database still needs its demo data: it was just created, or an
 * earlier first start did not get as far as local_mark_seeded() (the
 * caller migrates, loads demo data, then marks it). Concurrent callers are
 * serialised by a lock in base_dir. Errors: 69 server programs missing or
 * the server did not start (the log's last line in the message), 73 the
 * directory cannot be created, 77 the directory belongs to someone else,
 * 78 unusable path. */
int local_start(struct local_cluster *lc, bool *created, struct tt_error *err);
/* Records in base_dir that the demo data is loaded. */
int local_mark_seeded(const struct local_cluster *lc, struct tt_error *err);

/* Appends a human description (running or not, pid, paths) to out;
 * *running tells which. Returns 0 unless the state could not be read. */
int local_status(struct local_cluster *lc, bool *running, struct strbuf *out, struct tt_error *err);
/* Stops the server (fast shutdown, waits up to 60 s); 0 when it was not
 * running either. */
int local_stop(struct local_cluster *lc, struct tt_error *err);
/* The server's process id from postmaster.pid, 0 when not running. */
long local_pid(const struct local_cluster *lc);

#endif
