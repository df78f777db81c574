/* Does LISTEN work on this connection? A standby never delivers NOTIFY;
 * a transaction-mode pooler delivers it to whichever client holds the
 * server connection at that moment. Probe with our own notification. */
#include "db/listen_check.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/i18n.h"
#include "util/xalloc.h"

static long long mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool run(PGconn *c, const char *sql, int n, const char *const *params)
{
	PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(r);
	PQclear(r);
	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/* True when the notification on `channel` arrived within ms. */
static bool wait_for(PGconn *c, const char *channel, int ms)
{
	long long deadline = mono_ms() + ms;
	for (;;) {
		if (!PQconsumeInput(c))
			return false;
		PGnotify *n;
		bool seen = false;
		while ((n = PQnotifies(c)) != NULL) {
			seen = seen || !strcmp(n->relname, channel);
			PQfreemem(n);
		}
		long long left = deadline - mono_ms();
		if (seen || left <= 0)
			return seen;
		struct pollfd fd = { .fd = PQsocket(c), .events = POLLIN };
		poll(&fd, 1, (int)left);
	}
}

/* Behind a pooler: LISTEN on a channel of our own, let a second client
 * NOTIFY it, and see whether it reaches us. */
bool db_listen_delivers(struct db *db, int ms)
{
	PGconn *c = db_pgconn(db);
	char channel[64];
	snprintf(channel, sizeof(channel), "ticketty_probe_%d_%lld", PQbackendPID(c), mono_ms());
	char *ident = PQescapeIdentifier(c, channel, strlen(channel));
	if (!ident)
		return true;
	char *listen = xasprintf("LISTEN %s", ident);
	char *unlisten = xasprintf("UNLISTEN %s", ident);
	PQfreemem(ident);
	bool ok = true;
	if (run(c, listen, 0, NULL)) {
		struct tt_error err;
		tt_error_init(&err);
		struct db *other = db_open(db_conninfo(db), &err);
		const char *params[] = { channel };
		if (other && run(db_pgconn(other), "SELECT pg_catalog.pg_notify($1, 'probe')", 1, params)) {
			db_close(other);
			ok = wait_for(c, channel, ms);
		} else {
			db_close(other);
		}
		tt_error_clear(&err);
		run(c, unlisten, 0, NULL);
	}
	free(listen);
	free(unlisten);
	return ok;
}

char *db_listen_problem(struct db *db, int probe_ms)
{
	if (!db_connected(db))
		return NULL;
	if (db_is_standby(db))
		return xstrdup(_("read-only standby: no live refresh, changes need the primary"));
	if (!db_pooler_hands_on(db, probe_ms))
		return NULL;
	return xstrdup(_("no live refresh: pooler in transaction mode (use session pooling)"));
}
