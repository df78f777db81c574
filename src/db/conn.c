/* The connection module: the single place that talks to libpq directly
 * for connecting, executing and error mapping. Statements are sent with
 * PQsendQueryParams and their results collected with PQconsumeInput /
 * PQisBusy while the caller's waiter (or poll()) waits on the socket. */
#include "db/conn.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sysexits.h>
#include <time.h>

#include "db/listen_check.h"
#include "db/local.h"
#include "db/servermsg.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_CHANNELS 8

struct db {
	PGconn *conn;
	char *conninfo;
	char *user;
	char *channels[MAX_CHANNELS];
	int nchannels;
	struct db_options opt;
	db_wait_fn wait;
	void *wait_arg;
	bool busy;            /* a statement is in flight */
	bool cancelled;       /* the waiter asked the server to cancel it */
	bool long_ok;         /* db_allow_long_statements: no client deadline */
	bool gave_up;         /* the server did not answer in time: dropped */
	struct timespec sent_at, cancelled_at;
	bool standby;     /* the server is a hot standby (read-only, no LISTEN) */
	bool pooled;          /* behind a pooler: pg_backend_pid() is not the pid libpq was told */
	bool pool_checked;    /* whether the pooler's mode was probed (once a session) */
	bool tx_pooled;       /* the pooler hands the server connection on between transactions */
	char **prepared;      /* names this session has prepared (db_query_many) */
	size_t nprepared;
	char *private_data_dir; /* the private cluster's pgdata (owned), or NULL */
	bool reopening;       /* reopen_if_hung_up is connecting: not again */
	bool reopened;        /* reopened before a statement; db_take_reopened */
	bool ended_by_server; /* a FATAL came while idle: the session is ending */
	char *ended_why;      /* its words (owned), or NULL */
};

static PGconn *connect_start(const char *conninfo)
{
	const char *keys[] = { "connect_timeout", "fallback_application_name", "dbname", NULL };
	const char *vals[] = { "10", "ticketty", conninfo && *conninfo ? conninfo : NULL, NULL };

	if (!vals[2]) {
		keys[2] = NULL;
	}
	return PQconnectStartParams(keys, vals, 1);
}

/* Server NOTICEs ("already exists, skipping") are not for the user. An
 * error that comes while no statement runs is the server saying why it
 * ends the session (FATAL: a restart, pg_terminate_backend), sent before
 * it closes the socket: noted for reopen_if_hung_up. */
static void on_notice(void *arg, const PGresult *res)
{
	struct db *db = arg;
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	if (sev && (!strcmp(sev, "FATAL") || !strcmp(sev, "PANIC"))) {
		db->ended_by_server = true;
		free(db->ended_why);
		const char *why = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		db->ended_why = why ? xstrdup(why) : NULL;
	}
}

static PGresult *run_async(struct db *db, const char *sql, int nparams,
			   const char *const *params);
static char *trimmed_copy(const char *s);
static int send_listen(struct db *db, const char *channel, struct tt_error *err);
static void forget_prepared(struct db *db);
static long ms_since(const struct timespec *t);

/* search_path, the login, and the session's limits. JIT is off: every
 * statement ticketty sends is short, and a misestimated one (a lateral
 * function taken for 1,000 rows) cost seconds of compiling (2.5 s for
 * `admin policy show`). */
static int setup_session(struct db *db, struct tt_error *err)
{
	char lock[24], stmt[24];
	snprintf(lock, sizeof(lock), "%dms", db->opt.lock_timeout_ms);
	snprintf(stmt, sizeof(stmt), "%dms", db->opt.statement_timeout_ms);
	const char *p[2] = { lock, stmt };

	PQsetNoticeReceiver(db->conn, on_notice, db);
	db->ended_by_server = false;
	free(db->ended_why);
	db->ended_why = NULL;
	forget_prepared(db);  /* a new session has no prepared statements */
	PGresult *res = run_async(db,
		"SELECT pg_catalog.set_config('search_path', 'ticketty', false), session_user, "
		"pg_catalog.set_config('lock_timeout', $1, false), "
		"pg_catalog.set_config('statement_timeout', $2, false), "
		"pg_catalog.set_config('jit', 'off', false), "
		"pg_catalog.pg_is_in_recovery(), pg_catalog.pg_backend_pid()", 2, p);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int code = db_error_from_result(db, res, err);
		PQclear(res);
		return code;
	}
	free(db->user);
	db->user = xstrdup(PQgetvalue(res, 0, 1));
	db->standby = !strcmp(PQgetvalue(res, 0, 5), "t");
	db->pooled = atoi(PQgetvalue(res, 0, 6)) != PQbackendPID(db->conn);
	db->pool_checked = false;
	PQclear(res);
	for (int i = 0; i < db->nchannels; i++) {
		int rc = send_listen(db, db->channels[i], err);
		if (rc)
			return rc;
	}
	return 0;
}

static int connection_error(PGconn *conn, struct tt_error *err)
{
	const char *msg = conn ? PQerrorMessage(conn) : "out of memory";
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	/* authentication failures are permission problems, not outages */
	int code = (strstr(msg, "authentication failed") || strstr(msg, "password") ||
		    strstr(msg, "no pg_hba.conf entry") || strstr(msg, "does not exist"))
			   ? EX_NOPERM : EX_UNAVAILABLE;
	if (strstr(msg, "database \"") && strstr(msg, "does not exist"))
		code = EX_UNAVAILABLE;
	tt_error_set(err, code, "%s: %.*s", _("cannot connect to the database"), (int)n, msg);
	return code;
}

/* A connection string libpq cannot parse is a configuration mistake
 * (EX_CONFIG), not an unreachable server. A bare word is a database name,
 * as libpq reads it (expand_dbname): only strings with "=" or a URI
 * prefix are parsed. */
static int conninfo_check(const char *conninfo, struct tt_error *err)
{
	if (!conninfo || (!strchr(conninfo, '=') && strncmp(conninfo, "postgresql://", 13) &&
			  strncmp(conninfo, "postgres://", 11)))
		return 0;
	char *msg = NULL;
	PQconninfoOption *opts = PQconninfoParse(conninfo, &msg);
	if (opts) {
		PQconninfoFree(opts);
		return 0;
	}
	char *m = trimmed_copy(msg ? msg : "out of memory");
	PQfreemem(msg);
	tt_error_set(err, EX_CONFIG, "%s: %s", _("the connection string (--db or database.conninfo) is not valid"), m);
	free(m);
	return EX_CONFIG;
}

struct db *db_connect_start(const char *conninfo, const struct db_options *opt,
			    struct tt_error *err)
{
	if (conninfo_check(conninfo, err))
		return NULL;
	PGconn *conn = connect_start(conninfo);

	if (!conn || PQstatus(conn) == CONNECTION_BAD) {
		connection_error(conn, err);
		PQfinish(conn);
		return NULL;
	}
	struct db *db = xcalloc(1, sizeof(*db));
	db->conn = conn;
	db->conninfo = xstrdup(conninfo ? conninfo : "");
	if (opt) {
		db->opt = *opt;
	} else {
		db->opt.lock_timeout_ms = DB_LOCK_TIMEOUT_MS;
		db->opt.statement_timeout_ms = DB_STATEMENT_TIMEOUT_MS;
	}
	if (db->opt.private_data_dir)
		db->private_data_dir = xstrdup(db->opt.private_data_dir);
	db->opt.private_data_dir = db->private_data_dir;
	return db;
}

int db_connect_restart(struct db *db, struct tt_error *err)
{
	PGconn *conn = connect_start(db->conninfo);

	if (!conn || PQstatus(conn) == CONNECTION_BAD) {
		int code = connection_error(conn, err);
		PQfinish(conn);
		return code;
	}
	PQfinish(db->conn);
	db->conn = conn;
	return 0;
}

enum db_poll db_connect_poll(struct db *db, struct tt_error *err)
{
	switch (PQconnectPoll(db->conn)) {
	case PGRES_POLLING_READING:
		return DB_POLL_READ;
	case PGRES_POLLING_WRITING:
		return DB_POLL_WRITE;
	case PGRES_POLLING_OK:
		return setup_session(db, err) ? DB_POLL_FAILED : DB_POLL_OK;
	default:
		connection_error(db->conn, err);
		return DB_POLL_FAILED;
	}
}

int db_socket_any(struct db *db)
{
	return db && db->conn ? PQsocket(db->conn) : -1;
}

/* Drives an asynchronous connection to its end, waiting in poll() at
 * most limit_ms in all. */
static int connect_within(struct db *db, int limit_ms, struct tt_error *err)
{
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		enum db_poll st = db_connect_poll(db, err);
		if (st == DB_POLL_OK)
			return 0;
		if (st == DB_POLL_FAILED)
			return err->code ? err->code : EX_UNAVAILABLE;
		struct pollfd p = { .fd = PQsocket(db->conn),
				    .events = st == DB_POLL_READ ? POLLIN : POLLOUT };
		long left = limit_ms - ms_since(&start);
		int n = left > 0 ? poll(&p, 1, (int)left) : 0;
		if (n == 0)
			return tt_error_set(err, EX_UNAVAILABLE, "%s: %s", _("cannot connect to the database"),
					    _("timed out"));
		if (n < 0 && errno != EINTR)
			return tt_error_set(err, EX_UNAVAILABLE, "%s", _("cannot connect to the database"));
	}
}

/* A new session with the same parameters, connected within limit_ms. */
static int reconnect_within(struct db *db, int limit_ms, struct tt_error *err)
{
	int rc = db_connect_restart(db, err);
	return rc ? rc : connect_within(db, limit_ms, err);
}

/* connect_timeout is not enforced by PQconnectPoll: 10 s here too */
static int connect_blocking(struct db *db, struct tt_error *err)
{
	return connect_within(db, 10000, err);
}

struct db *db_open_with(const char *conninfo, const struct db_options *opt, struct tt_error *err)
{
	struct db *db = db_connect_start(conninfo, opt, err);

	if (db && connect_blocking(db, err)) {
		db_close(db);
		return NULL;
	}
	return db;
}

struct db *db_open(const char *conninfo, struct tt_error *err)
{
	return db_open_with(conninfo, NULL, err);
}

void db_set_waiter(struct db *db, db_wait_fn fn, void *arg)
{
	db->wait = fn;
	db->wait_arg = arg;
}

void db_allow_long_statements(struct db *db, bool on)
{
	db->long_ok = on;
}

bool db_busy(const struct db *db)
{
	return db && db->busy;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	PQfinish(db->conn);
	for (int i = 0; i < db->nchannels; i++)
		free(db->channels[i]);
	free(db->conninfo);
	free(db->user);
	free(db->private_data_dir);
	free(db->ended_why);
	forget_prepared(db);
	free(db);
}

PGconn *db_pgconn(struct db *db)
{
	return db->conn;
}

const char *db_user(struct db *db)
{
	return db->user ? db->user : "";
}

const char *db_conninfo(struct db *db)
{
	return db->conninfo;
}

bool db_is_standby(struct db *db)
{
	return db && db->standby;
}

bool db_connected(struct db *db)
{
	return db && db->conn && PQstatus(db->conn) == CONNECTION_OK && !db->ended_by_server;
}

int db_exit_code_for_sqlstate(const char *s)
{
	if (!s || !*s)
		return EX_UNAVAILABLE;
	if (!strcmp(s, "TT400") || !strcmp(s, "TT404"))
		return EX_DATAERR;
	if (!strcmp(s, "TT409") || !strcmp(s, "40001") || !strcmp(s, "40P01") ||
	    !strcmp(s, "55P03") || !strcmp(s, "57014"))
		return EX_TEMPFAIL;
	/* read_only_sql_transaction: a standby (or a read-only session) got a
	 * change; the writable database is not the one we reached */
	if (!strcmp(s, "25006"))
		return EX_UNAVAILABLE;
	/* statement_too_complex / stack depth: deeply nested input data */
	if (!strcmp(s, "54001"))
		return EX_DATAERR;
	if (!strcmp(s, "TT403") || !strcmp(s, "42501") || !strncmp(s, "28", 2))
		return EX_NOPERM;
	if (!strncmp(s, "08", 2) || !strncmp(s, "57P0", 4) || !strcmp(s, "53300"))
		return EX_UNAVAILABLE;
	/* insufficient resources (disk full, out of memory, a limit such as
	 * temp_file_limit): the server's state, not ticketty's fault nor the
	 * data's; the same command works once room is made (was 70, which
	 * tells a script or an MTA not to retry) */
	if (!strncmp(s, "53", 2))
		return EX_TEMPFAIL;
	if (!strncmp(s, "22", 2) || !strncmp(s, "23", 2) || !strcmp(s, "P0002"))
		return EX_DATAERR;
	return EX_SOFTWARE;
}

/* True when every word of `field_message` but an article ("the", "a",
 * "an") is a word of `message`, case aside: the server's message says
 * the field's refusal already ("ticket 5 has no open escalation" and
 * "the ticket has no open escalation"). Both are the server's English,
 * so the answer is the same in every language the client shows. */
static bool said_by(const char *message, const char *field_message)
{
	static const char *const articles[] = { "the", "a", "an" };
	const char *p = field_message;
	bool any = false;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		size_t n = 0;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		if (!n)
			break;
		bool article = false;
		for (size_t i = 0; i < sizeof(articles) / sizeof(articles[0]); i++)
			article = article || (strlen(articles[i]) == n && !strncasecmp(p, articles[i], n));
		if (!article) {
			bool found = false;
			for (const char *m = message; *m && !found; m++)
				found = !strncasecmp(m, p, n) &&
					(m == message || !(isalnum((unsigned char)m[-1]) || m[-1] == '_')) &&
					!(isalnum((unsigned char)m[n]) || m[n] == '_');
			if (!found)
				return false;
			any = true;
		}
		p += n;
	}
	return any;
}

/* DETAIL of a TT400 error: one "field\tcode\tmessage" line per field;
 * `message` is the error's own (English, as the server wrote it). */
static void parse_field_lines(struct tt_error *err, const char *detail, const char *english)
{
	const char *line = detail;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *copy = xstrndup(line, len);
		char *tab1 = strchr(copy, '\t');
		char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
		if (tab1 && tab2) {
			*tab1 = *tab2 = '\0';
			/* the English text of our migrations, in the user's language */
			char *message = servermsg_translate(tab2 + 1);
			tt_error_add_field(err, copy, tab1 + 1, message);
			err->fields[err->nfields - 1].said = english && said_by(english, tab2 + 1);
			free(message);
		}
		free(copy);
		line = end ? end + 1 : NULL;
	}
}

void db_refused_fields(struct tt_error *err, const char *detail)
{
	parse_field_lines(err, detail, NULL);
}

static char *trimmed_copy(const char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return xstrndup(s, n);
}

/* Class 58 (system error: a file the server cannot open or read) on the
 * private cluster whose data directory is no longer there: it was removed
 * while its server ran, and that server can serve nothing again. */
static bool private_files_gone(const struct db *db, const char *state)
{
	return db && db->private_data_dir && state && !strncmp(state, "58", 2) &&
	       !local_data_dir_exists(db->private_data_dir);
}

/* Why libpq says the connection broke, in one line: the first line of
 * its message without the server's severity ("FATAL:  terminating
 * connection due to administrator command"); the rest (the statement's
 * CONTEXT, "server closed the connection unexpectedly / This probably
 * means...", "invalid socket") is for a log, not a person. */
static char *lost_reason(PGconn *conn)
{
	const char *m = conn ? PQerrorMessage(conn) : "";
	while (*m == ' ' || *m == '\t' || *m == '\n')
		m++;
	/* a severity is an upper-case word and ":  " (FATAL, ERROR; PANIC) */
	const char *w = m;
	while (*w >= 'A' && *w <= 'Z')
		w++;
	if (w > m && w[0] == ':' && w[1] == ' ')
		for (m = w + 1; *m == ' ';)
			m++;
	size_t n = strcspn(m, "\n");
	while (n && (m[n - 1] == ' ' || m[n - 1] == '\t' || m[n - 1] == '.'))
		n--;
	return n ? xstrndup(m, n) : xstrdup(_("no reason given"));
}

/* The error of a connection that broke under a statement, in one line. */
static int lost_error(struct db *db, struct tt_error *err)
{
	char *why = lost_reason(db ? db->conn : NULL);
	tt_error_set(err, EX_UNAVAILABLE, "%s: %s", _("lost the connection to the database"), why);
	free(why);
	return EX_UNAVAILABLE;
}

int db_error_from_result(struct db *db, const PGresult *res, struct tt_error *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;

	tt_error_clear(err);
	if (!state && db && PQstatus(db->conn) != CONNECTION_OK)
		return lost_error(db, err);
	if (state && !strcmp(state, "25006") && db && db->standby) {
		tt_error_set(err, EX_UNAVAILABLE, "%s (%s)",
			     _("this database is a read-only standby: changes need the primary, "
			       "reached with target_session_attrs=read-write"), msg ? msg : state);
	} else if (state && !strcmp(state, "25006")) {
		tt_error_set(err, EX_UNAVAILABLE, "%s (%s)",
			     _("this database session is read-only (default_transaction_read_only is on "
			       "for this login or database): an administrator must turn it off"),
			     msg ? msg : state);
	} else if (private_files_gone(db, state)) {
		tt_error_set(err, EX_UNAVAILABLE,
			     _("private database deleted: run 'ticketty local stop', restart (%s was removed "
			       "while its server ran, which can serve nothing again; a restart makes a new one: %s)"),
			     db->private_data_dir, msg ? msg : state);
	} else if (state && !strcmp(state, "54001")) {
		/* stack depth: deeply nested data (JSON) the server cannot parse;
		 * its hint about max_stack_depth is for the administrator */
		tt_error_set(err, EX_DATAERR, "%s", _("the data is nested too deeply for the database"));
		hint = NULL;
	} else if (state && !strncmp(state, "53", 2) && strcmp(state, "53300")) {
		/* the server is short of disk, memory or a resource limit: its
		 * words name which ("could not extend file ...: No space left
		 * on device"); ours say that nothing is wrong with what was
		 * asked, and what to do */
		tt_error_set(err, EX_TEMPFAIL, "%s (%s)",
			     _("the database server is out of room (disk space, memory or a limit): "
			       "try again once an administrator has made some"),
			     msg ? msg : state);
	} else if (state && !strcmp(state, "22021")) {
		/* character_not_in_repertoire: bytes given as text that are no
		 * UTF-8 (a script or terminal in another character set); the
		 * server's words name the bytes, not what to do */
		tt_error_set(err, EX_DATAERR, "%s (%s)",
			     _("a value given is not UTF-8 text, so it was not stored: check the character "
			       "set of the terminal or script that gave it"), msg ? msg : state);
	} else if (!msg) {
		char *m = trimmed_copy(db ? PQerrorMessage(db->conn) : "unknown error");
		tt_error_set(err, state ? db_exit_code_for_sqlstate(state) : EX_UNAVAILABLE, "%s", m);
		free(m);
	} else {
		/* messages our migrations raise are shown in the user's language */
		char *m = servermsg_translate(msg);
		tt_error_set(err, db_exit_code_for_sqlstate(state), "%s", m);
		free(m);
	}
	if (state)
		snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state);
	if (detail) {
		if (state && !strcmp(state, "TT400")) {
			err->detail = xstrdup(detail);
			parse_field_lines(err, detail, msg);
		} else {
			err->detail = servermsg_translate(detail);
		}
	}
	if (hint)
		err->hint = servermsg_translate(hint);
	return err->code;
}

/* Waits for the socket: the caller's waiter, else poll(). */
static int wait_input(struct db *db)
{
	int sock = PQsocket(db->conn);
	if (db->wait)
		return db->wait(db->wait_arg, sock);
	struct pollfd p = { .fd = sock, .events = POLLIN };
	/* a second at a time, so that a server that stopped answering is noticed */
	if (poll(&p, 1, 1000) < 0 && errno != EINTR)
		return DB_WAIT_CANCEL;
	return DB_WAIT_MORE;
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* True once the server has had its chance: the statement limit and
 * DB_GRACE_MS since the statement was sent (a live server ends it at the
 * limit), or DB_CANCEL_GRACE_MS since it was cancelled. */
static bool out_of_patience(const struct db *db)
{
	if (db->cancelled && ms_since(&db->cancelled_at) > DB_CANCEL_GRACE_MS)
		return true;
	return !db->long_ok && db->opt.statement_timeout_ms > 0 &&
	       ms_since(&db->sent_at) > (long)db->opt.statement_timeout_ms + DB_GRACE_MS;
}

/* Stops waiting for a server that does not answer: the socket is shut,
 * so libpq sees the connection end (its result is an error, the
 * connection bad) and the usual reconnecting takes over. */
static void give_up(struct db *db)
{
	db->gave_up = true;
	shutdown(PQsocket(db->conn), SHUT_RDWR);
	(void)PQconsumeInput(db->conn);
}

/* Asks the server to cancel the statement in flight (once). */
static void cancel(struct db *db)
{
	char buf[256];
	PGcancel *c;

	if (db->cancelled)
		return;
	db->cancelled = true;
	clock_gettime(CLOCK_MONOTONIC, &db->cancelled_at);
	if ((c = PQgetCancel(db->conn)) != NULL) {
		PQcancel(c, buf, sizeof(buf));
		PQfreeCancel(c);
	}
}

/* Waits in the caller's wait loop (Esc cancels the statement on the
 * server) until a result can be read without blocking; false when the
 * connection broke meanwhile. */
static bool wait_for_result(struct db *db)
{
	while (PQisBusy(db->conn)) {
		if (wait_input(db) == DB_WAIT_CANCEL)
			cancel(db);
		if (out_of_patience(db)) {
			give_up(db);
			return false;
		}
		if (!PQconsumeInput(db->conn))
			return false;
	}
	return true;
}

/* Sends one statement and collects its result in the caller's wait loop.
 * Returns the last result (NULL only when not even the send worked). */
static PGresult *run_async(struct db *db, const char *sql, int nparams,
			   const char *const *params)
{
	PGresult *last = NULL, *r;

	db->cancelled = false;
	db->gave_up = false;
	clock_gettime(CLOCK_MONOTONIC, &db->sent_at);
	if (!PQsendQueryParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0))
		return NULL;
	db->busy = true;
	for (;;) {
		(void)wait_for_result(db);   /* a broken connection yields its error result */
		if ((r = PQgetResult(db->conn)) == NULL)
			break;
		PQclear(last);
		last = r;
		if (PQstatus(db->conn) != CONNECTION_OK)
			break;
	}
	db->busy = false;
	return last;
}

/* The error of a failed result in err, the session limits in the user's
 * words (see setup_session). */
static void map_error(struct db *db, const PGresult *res, struct tt_error *err)
{
	if (db->gave_up) {
		/* whole seconds, rounded: no decimal point to localise */
		char shown[24];
		snprintf(shown, sizeof(shown), "%ld", (ms_since(&db->sent_at) + 500) / 1000);
		tt_error_set(err, EX_UNAVAILABLE,
			     _("the database did not answer for %s s: ticketty stopped waiting for it "
			       "(a change it sent may or may not have been made)"),
			     shown);
		return;
	}
	db_error_from_result(db, res, err);
	if (!strcmp(err->sqlstate, "57014") || !strcmp(err->sqlstate, "55P03")) {
		/* the session limits (see setup_session), in the user's words */
		char state[6], secs[16], shown[24];
		snprintf(state, sizeof(state), "%s", err->sqlstate);
		tt_error_clear(err);
		snprintf(secs, sizeof(secs), "%.1f",
			 (!strcmp(state, "55P03") ? db->opt.lock_timeout_ms : db->opt.statement_timeout_ms) / 1000.0);
		i18n_decimal(shown, sizeof(shown), secs);
		if (!strcmp(state, "55P03"))
			tt_error_set(err, EX_TEMPFAIL,
				     _("another session is changing the same data (waited %s s, "
				       "database.lock_timeout_ms): try again"),
				     shown);
		else if (db->cancelled)
			tt_error_set(err, EX_TEMPFAIL, "%s", _("cancelled: the database stopped the request"));
		else
			tt_error_set(err, EX_TEMPFAIL,
				     _("the database did not answer within %s s "
				       "(database.statement_timeout_ms): try again"),
				     shown);
		snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state);
	}
}

/* How long a statement waits for its session to be opened again. */
#define REOPEN_MS 3000

/* Before a statement leaves: a server that ended this session while it
 * sat idle (a restart, pg_terminate_backend) has already said so on the
 * socket, its FATAL and the end of the stream. Nothing of the statement
 * has been sent, so it may go to a new session: one is opened at once
 * (within REOPEN_MS: an interface waits for it) and db_take_reopened
 * tells the caller. Only between transactions: what a transaction the
 * server ended had done is gone, and what follows must not run outside
 * it. False when the session ended and no new one opened, with err
 * saying why it ended (the next attempt is the caller's). */
static bool reopen_if_hung_up(struct db *db, struct tt_error *err)
{
	if (!db->conn || db->busy || db->reopening || PQstatus(db->conn) != CONNECTION_OK)
		return true;
	bool between = PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	/* read what came while idle: notifications stay in libpq's queue;
	 * the server's FATAL (on_notice) comes before the end of the stream,
	 * which makes the connection bad */
	for (int reads = 0; reads < 8 && !db->ended_by_server; reads++) {
		struct pollfd p = { .fd = PQsocket(db->conn), .events = POLLIN };
		if (poll(&p, 1, 0) <= 0)
			break;
		if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK)
			break;
		(void)PQisBusy(db->conn);   /* parses what came: a FATAL reaches on_notice */
	}
	if (PQstatus(db->conn) == CONNECTION_OK && !db->ended_by_server)
		return true;
	if (db->ended_why)
		tt_error_set(err, EX_UNAVAILABLE, "%s: %s", _("lost the connection to the database"), db->ended_why);
	else
		lost_error(db, err);
	if (!between)
		return false;
	struct tt_error again;
	tt_error_init(&again);
	db->reopening = true;
	int rc = reconnect_within(db, REOPEN_MS, &again);
	db->reopening = false;
	tt_error_clear(&again);
	if (rc)
		return false;
	tt_error_clear(err);
	db->reopened = true;
	return true;
}

bool db_take_reopened(struct db *db)
{
	bool was = db && db->reopened;
	if (db)
		db->reopened = false;
	return was;
}

static PGresult *exec_once(struct db *db, const char *sql, int nparams,
			   const char *const *params, struct tt_error *err, bool *lost)
{
	*lost = false;
	if (!reopen_if_hung_up(db, err)) {
		*lost = true;
		return NULL;
	}
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK) {
		*lost = true;
		tt_error_set(err, EX_UNAVAILABLE, "%s", _("not connected to the database"));
		return NULL;
	}
	if (db->busy) {
		tt_error_set(err, EX_TEMPFAIL, "%s", _("the database is still busy with the previous request"));
		return NULL;
	}
	PGresult *res = run_async(db, sql, nparams, params);
	ExecStatusType st = PQresultStatus(res);
	if (res && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK))
		return res;
	map_error(db, res, err);
	PQclear(res);
	*lost = PQstatus(db->conn) != CONNECTION_OK;
	return NULL;
}

bool db_pooler_hands_on(struct db *db, int probe_ms)
{
	if (!db->pooled || !db->conn || PQstatus(db->conn) != CONNECTION_OK)
		return false;
	if (!db->pool_checked) {
		db->pool_checked = true;
		db->tx_pooled = !db_listen_delivers(db, probe_ms);
	}
	return db->tx_pooled;
}

/* Behind a pooler in transaction mode (PgBouncer pool_mode =
 * transaction or statement) each transaction may run on another server
 * connection: the lock and statement timeouts this session set, its
 * prepared statements and its LISTEN stay behind, so a change could wait
 * on a lock forever. Changes are refused there (DESIGN.md section 9);
 * reading goes on. Every change goes through an api_* function of the
 * schema (sql/README), so a statement naming one is taken for a change.
 * A direct connection costs nothing; behind a pooler the first change of
 * a session probes it, unless db_listen_problem already did. */
static bool refuse_pooled_change(struct db *db, const char *sql, struct tt_error *err)
{
	if (!db->pooled || !strstr(sql, "api_") || !db_pooler_hands_on(db, LISTEN_PROBE_MS))
		return false;
	tt_error_set(err, EX_CONFIG, "%s",
		     _("this connection goes through a pooler in transaction mode, which loses the "
		       "session's lock timeout between statements: changes need session pooling "
		       "(PgBouncer pool_mode = session) or a direct connection"));
	return true;
}

PGresult *db_exec(struct db *db, const char *sql, int nparams,
		  const char *const *params, struct tt_error *err)
{
	bool lost;
	if (refuse_pooled_change(db, sql, err))
		return NULL;
	PGresult *res = exec_once(db, sql, nparams, params, err, &lost);
	/* with a waiter the caller's loop reconnects (without blocking) */
	if (!res && lost && !db->wait) {
		struct tt_error ignored;
		tt_error_init(&ignored);
		db_reconnect(db, &ignored);
		tt_error_clear(&ignored);
	}
	return res;
}

/* After a lost connection with no waiter (the CLI: the screen reconnects
 * on its own schedule): reconnects once so the caller may send its
 * statements again, and clears err when that worked. */
static bool reconnected_for_retry(struct db *db, struct tt_error *err)
{
	if (db->wait)
		return false;
	struct tt_error again;
	tt_error_init(&again);
	bool ok = db_reconnect(db, &again) == 0;
	if (ok)
		tt_error_clear(err);
	tt_error_clear(&again);
	return ok;
}

PGresult *db_query(struct db *db, const char *sql, int nparams,
		   const char *const *params, struct tt_error *err)
{
	bool lost;
	if (refuse_pooled_change(db, sql, err))
		return NULL;
	PGresult *res = exec_once(db, sql, nparams, params, err, &lost);
	if (!res && lost && reconnected_for_retry(db, err))
		res = exec_once(db, sql, nparams, params, err, &lost);
	return res;
}

/* Collects the results of one statement of a pipeline (up to its NULL):
 * the last one, or NULL when the connection broke. */
static PGresult *pipeline_result(struct db *db)
{
	PGresult *last = NULL, *r;
	for (;;) {
		if (!wait_for_result(db))
			return last;
		if ((r = PQgetResult(db->conn)) == NULL)
			return last;
		if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
			PQclear(last);
			return r;
		}
		PQclear(last);
		last = r;
		if (PQstatus(db->conn) != CONNECTION_OK)
			return last;
	}
}

static void forget_prepared(struct db *db)
{
	for (size_t i = 0; i < db->nprepared; i++)
		free(db->prepared[i]);
	free(db->prepared);
	db->prepared = NULL;
	db->nprepared = 0;
}

static bool is_prepared(const struct db *db, const char *name)
{
	for (size_t i = 0; i < db->nprepared; i++)
		if (!strcmp(db->prepared[i], name))
			return true;
	return false;
}

static void remember_prepared(struct db *db, const char *name)
{
	if (is_prepared(db, name))
		return;
	db->prepared = xrealloc(db->prepared, (db->nprepared + 1) * sizeof(*db->prepared));
	db->prepared[db->nprepared++] = xstrdup(name);
}

/* Queues one statement of a pipeline: a named one is prepared first, in
 * the same pipeline, when this session has not prepared it yet. */
static bool send_stmt(struct db *db, const struct db_stmt *s, bool *prepare)
{
	*prepare = s->name && !is_prepared(db, s->name);
	if (!s->name)
		return PQsendQueryParams(db->conn, s->sql, s->nparams, NULL, s->params, NULL, NULL, 0);
	if (*prepare && !PQsendPrepare(db->conn, s->name, s->sql, s->nparams, NULL))
		return false;
	return PQsendQueryPrepared(db->conn, s->name, s->nparams, s->params, NULL, NULL, 0);
}

/* The result of the BEGIN or COMMIT around a pipeline's statements:
 * true when it went through; else the error is set (the first one only)
 * and *synced says whether the pipeline's end was read already. */
static bool snapshot_step(struct db *db, struct tt_error *err, int *rc, bool *synced)
{
	PGresult *r = pipeline_result(db);
	ExecStatusType st = PQresultStatus(r);
	bool ok = r && st == PGRES_COMMAND_OK;
	if (!ok && !*rc) {
		map_error(db, st == PGRES_PIPELINE_ABORTED ? NULL : r, err);
		*rc = err->code ? err->code : EX_SOFTWARE;
	}
	*synced = r && st == PGRES_PIPELINE_SYNC;
	PQclear(r);
	return ok;
}

static int query_many_once(struct db *db, int n, const struct db_stmt *stmts, PGresult **results,
			   struct tt_error *err)
{
	int rc = 0;

	for (int i = 0; i < n; i++)
		results[i] = NULL;
	if (!reopen_if_hung_up(db, err))
		return err->code;
	if (!db->conn || PQstatus(db->conn) != CONNECTION_OK)
		return tt_error_set(err, EX_UNAVAILABLE, "%s", _("not connected to the database"));
	if (db->busy)
		return tt_error_set(err, EX_TEMPFAIL, "%s",
				    _("the database is still busy with the previous request"));
	db->cancelled = false;
	db->gave_up = false;
	clock_gettime(CLOCK_MONOTONIC, &db->sent_at);
	if (!PQenterPipelineMode(db->conn))
		return tt_error_set(err, EX_SOFTWARE, "%s", PQerrorMessage(db->conn));
	/* two or more statements outside a transaction read one snapshot:
	 * a dashboard's figures add up, a ticket's timeline is of the
	 * version its header shows (each statement of READ COMMITTED would
	 * take its own). Not behind a pooler, which in statement mode
	 * refuses a transaction block (reading must go on there). */
	bool one_snapshot = n > 1 && !db->pooled && PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	bool *prepare = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*prepare));
	bool sent = !one_snapshot ||
		    PQsendQueryParams(db->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", 0, NULL,
				      NULL, NULL, NULL, 0);
	for (int i = 0; i < n && sent; i++)
		sent = send_stmt(db, &stmts[i], &prepare[i]);
	if (sent && one_snapshot)
		sent = PQsendQueryParams(db->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0);
	if (sent)
		sent = PQpipelineSync(db->conn) && PQflush(db->conn) == 0;
	if (!sent) {
		rc = PQstatus(db->conn) != CONNECTION_OK ? lost_error(db, err)
							 : tt_error_set(err, EX_UNAVAILABLE, "%s", PQerrorMessage(db->conn));
		PQexitPipelineMode(db->conn);
		free(prepare);
		return rc;
	}
	db->busy = true;
	bool synced = false;
	if (one_snapshot && !snapshot_step(db, err, &rc, &synced))
		goto collected;
	/* each statement's results in order: its Prepare's (when sent), then its own */
	for (int i = 0; i < n; i++) {
		for (int step = prepare[i] ? 0 : 1; step < 2; step++) {
			PGresult *r = pipeline_result(db);
			ExecStatusType st = PQresultStatus(r);
			if (r && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
				if (step == 0)
					remember_prepared(db, stmts[i].name);
				if (step == 0 || rc)
					PQclear(r);
				else
					results[i] = r;
				continue;
			}
			if (!rc) {   /* the first failure names the problem; the rest were aborted */
				map_error(db, st == PGRES_PIPELINE_ABORTED ? NULL : r, err);
				rc = err->code ? err->code : EX_SOFTWARE;
			}
			synced = st == PGRES_PIPELINE_SYNC;
			PQclear(r);
			if (!r || synced || PQstatus(db->conn) != CONNECTION_OK)
				goto collected;
		}
	}
	if (one_snapshot && !rc)
		snapshot_step(db, err, &rc, &synced);   /* the COMMIT */
collected:
	/* the sync point ends the pipeline */
	while (!synced && PQstatus(db->conn) == CONNECTION_OK) {
		PGresult *r = pipeline_result(db);
		synced = !r || PQresultStatus(r) == PGRES_PIPELINE_SYNC;
		PQclear(r);
	}
	PQexitPipelineMode(db->conn);
	db->busy = false;
	/* a statement that failed left the transaction aborted, not ended */
	if (one_snapshot && PQstatus(db->conn) == CONNECTION_OK &&
	    PQtransactionStatus(db->conn) == PQTRANS_INERROR)
		db_rollback(db);
	free(prepare);
	if (rc)
		for (int i = 0; i < n; i++) {
			PQclear(results[i]);
			results[i] = NULL;
		}
	return rc;
}

int db_query_many(struct db *db, int n, const struct db_stmt *stmts, PGresult **results,
		  struct tt_error *err)
{
	int rc = query_many_once(db, n, stmts, results, err);
	/* as db_query: without a waiter, a lost connection is re-established
	 * and the statements sent once more */
	if (rc && !db->busy && (!db->conn || PQstatus(db->conn) != CONNECTION_OK) &&
	    reconnected_for_retry(db, err))
		rc = query_many_once(db, n, stmts, results, err);
	return rc;
}

char *db_scalar(struct db *db, const char *sql, int nparams,
		const char *const *params, struct tt_error *err)
{
	PGresult *res = db_exec(db, sql, nparams, params, err);
	char *value = NULL;

	if (!res)
		return NULL;
	if (PQntuples(res) > 0 && PQnfields(res) > 0 && !PQgetisnull(res, 0, 0))
		value = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return value;
}

unsigned char *db_bytea_copy(const PGresult *res, int row, int col, size_t *len)
{
	size_t n = 0;
	unsigned char *raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, row, col), &n);
	unsigned char *out = xmalloc((raw ? n : 0) + 1);
	if (raw)
		memcpy(out, raw, n);
	out[raw ? n : 0] = '\0';
	*len = raw ? n : 0;
	PQfreemem(raw);
	return out;
}

static int run_simple(struct db *db, const char *sql, struct tt_error *err)
{
	PGresult *res = db_exec(db, sql, 0, NULL, err);
	if (!res)
		return err->code;
	PQclear(res);
	return 0;
}

int db_begin(struct db *db, struct tt_error *err)
{
	return run_simple(db, "BEGIN", err);
}

int db_commit(struct db *db, struct tt_error *err)
{
	return run_simple(db, "COMMIT", err);
}

void db_rollback(struct db *db)
{
	if (db->conn && !db->busy && PQtransactionStatus(db->conn) != PQTRANS_IDLE) {
		PGresult *res = run_async(db, "ROLLBACK", 0, NULL);
		PQclear(res);
	}
}

static int send_listen(struct db *db, const char *channel, struct tt_error *err)
{
	/* a standby cannot LISTEN (and gets no NOTIFY): db_listen_problem() says so */
	if (db->standby)
		return 0;
	char *ident = PQescapeIdentifier(db->conn, channel, strlen(channel));
	if (!ident)
		return tt_error_set(err, EX_UNAVAILABLE, "%s", PQerrorMessage(db->conn));
	char *sql = xasprintf("LISTEN %s", ident);
	PQfreemem(ident);
	int rc = run_simple(db, sql, err);
	free(sql);
	return rc;
}

int db_listen(struct db *db, const char *channel, struct tt_error *err)
{
	for (int i = 0; i < db->nchannels; i++)
		if (!strcmp(db->channels[i], channel))
			return 0;
	int rc = send_listen(db, channel, err);
	if (rc == 0 && db->nchannels < MAX_CHANNELS)
		db->channels[db->nchannels++] = xstrdup(channel);
	return rc;
}

int db_socket(struct db *db)
{
	return db && db->conn && PQstatus(db->conn) == CONNECTION_OK ? PQsocket(db->conn) : -1;
}

int db_drain_notifications(struct db *db, db_notify_fn fn, void *arg)
{
	int count = 0;

	if (!db_connected(db))
		return -1;
	if (db->busy)
		return 0;   /* delivered after the statement in flight */
	if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK)
		return -1;
	PGnotify *n;
	while ((n = PQnotifies(db->conn)) != NULL) {
		if (fn)
			fn(arg, n->relname, n->extra);
		PQfreemem(n);
		count++;
	}
	return count;
}

int db_reconnect(struct db *db, struct tt_error *err)
{
	if (db->busy)
		return tt_error_set(err, EX_UNAVAILABLE, "%s", _("lost the connection to the database"));
	return reconnect_within(db, 10000, err);
}
