/* The live connection for the event loop (see model/live.h): a thin,
 * typed face over db/conn.c's waiter, LISTEN and notifications. */
#include "model/live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "db/listen_check.h"

#define CHANNEL "ticketty"


int live_attach(struct db *db, live_wait_fn fn, void *arg, struct tt_error *err)
{
	/* enum live_wait and enum db_wait have the same values */
	_Static_assert((int)LIVE_MORE == (int)DB_WAIT_MORE && (int)LIVE_CANCEL == (int)DB_WAIT_CANCEL, "wait values");
	db_set_waiter(db, fn, arg);
	return db_listen(db, CHANNEL, err);
}

bool live_connected(struct db *db)
{
	return db_connected(db);
}

const char *live_user(struct db *db)
{
	return db ? db_user(db) : "";
}

int live_socket(struct db *db)
{
	return db_socket(db);
}

int live_reconnect(struct db *db, struct tt_error *err)
{
	return db_reconnect(db, err);
}

bool live_take_reopened(struct db *db)
{
	return db_take_reopened(db);
}

int live_reconnect_start(struct db *db, struct tt_error *err)
{
	return db_connect_restart(db, err);
}

enum live_poll live_connect_poll(struct db *db, struct tt_error *err)
{
	_Static_assert((int)LIVE_POLL_FAILED == (int)DB_POLL_FAILED && (int)LIVE_POLL_READ == (int)DB_POLL_READ &&
		       (int)LIVE_POLL_WRITE == (int)DB_POLL_WRITE && (int)LIVE_POLL_OK == (int)DB_POLL_OK,
		       "poll values");
	return (enum live_poll)db_connect_poll(db, err);
}

int live_connect_socket(struct db *db)
{
	return db_socket_any(db);
}

void live_set_waiter(struct db *db, live_wait_fn fn, void *arg)
{
	db_set_waiter(db, fn, arg);
}

void live_parse(const char *payload, struct live_event *ev)
{
	const char *p = payload ? strstr(payload, "\"ticket\"") : NULL;

	memset(ev, 0, sizeof(*ev));
	if (p) {
		p += strlen("\"ticket\"");
		while (*p == ' ' || *p == ':')
			p++;
		ev->ticket = strtoll(p, NULL, 10);
	}
	const char *k = payload ? strstr(payload, "\"kind\"") : NULL;
	if (k && (k = strchr(k + 6, '"')) != NULL) {
		size_t n = strcspn(k + 1, "\"");
		if (n >= sizeof(ev->kind))
			n = sizeof(ev->kind) - 1;
		memcpy(ev->kind, k + 1, n);
		ev->kind[n] = '\0';
	}
}

struct drain_state {
	void (*fn)(void *arg, const struct live_event *ev);
	void *arg;
};

static void on_notify(void *arg, const char *channel, const char *payload)
{
	struct drain_state *ds = arg;
	struct live_event ev;

	if (strcmp(channel, CHANNEL))
		return;
	live_parse(payload, &ev);
	ds->fn(ds->arg, &ev);
}

int live_drain(struct db *db, void (*fn)(void *arg, const struct live_event *ev), void *arg)
{
	struct drain_state ds = { fn, arg };
	return db_drain_notifications(db, on_notify, &ds);
}

char *live_listen_problem(struct db *db)
{
	return db_listen_problem(db, LISTEN_PROBE_MS);
}
