/* Many TUI-like sessions through one conninfo (a PgBouncer in the HA
 * tests): each opens a ticketty connection, LISTENs on the ticketty
 * channel, reads a queue page, then all wait while one of them writes
 * notes; every session must see every note's notification. Prints the
 * figures docs/sizing.md quotes. Also answers, per conninfo, whether
 * db_listen_problem() finds that notifications cannot arrive.
 *   listeners CONNINFO CLIENTS ROUNDS TICKET   -> 0 when all were delivered
 *   listeners --problem CONNINFO               -> prints "ok" or the problem */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "db/listen_check.h"
#include "model/queue.h"
#include "model/ticket.h"
#include "util/xalloc.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n ? v[n / 2] : 0;
}

static void count_one(void *arg, const char *channel, const char *payload)
{
	(void)channel;
	(void)payload;
	(*(int *)arg)++;
}

static int problem(const char *conninfo)
{
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = db_open(conninfo, &err);
	if (!db || db_listen(db, "ticketty", &err)) {
		fprintf(stderr, "listeners: %s\n", err.message);
		return 1;
	}
	char *p = db_listen_problem(db, LISTEN_PROBE_MS);
	printf("%s\n", p ? p : "ok");
	free(p);
	db_close(db);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--problem"))
		return problem(argv[2]);
	if (argc != 5) {
		fprintf(stderr, "usage: listeners CONNINFO CLIENTS ROUNDS TICKET | listeners --problem CONNINFO\n");
		return 64;
	}
	const char *conninfo = argv[1];
	int n = atoi(argv[2]), rounds = atoi(argv[3]);
	long long ticket = atoll(argv[4]);
	struct db **dbs = xcalloc((size_t)n, sizeof(*dbs));
	int *seen = xcalloc((size_t)n, sizeof(*seen));
	double *lat = xcalloc((size_t)(n > rounds ? n : rounds), sizeof(*lat));
	struct tt_error err;
	tt_error_init(&err);

	double t0 = now_ms();
	for (int i = 0; i < n; i++) {
		dbs[i] = db_open(conninfo, &err);
		if (!dbs[i] || db_listen(dbs[i], "ticketty", &err)) {
			fprintf(stderr, "listeners: client %d: %s\n", i, err.message);
			return 1;
		}
	}
	double connect_ms = now_ms() - t0;

	/* every session reads the first page of the queue, as the TUI does */
	for (int i = 0; i < n; i++) {
		struct queue_filter f;
		struct queue_page page;
		queue_filter_init(&f);
		queue_page_init(&page);
		double q0 = now_ms();
		if (queue_fetch(dbs[i], &f, QUEUE_FIRST, NULL, 20, &page, &err)) {
			fprintf(stderr, "listeners: client %d: queue: %s\n", i, err.message);
			return 1;
		}
		lat[i] = now_ms() - q0;
		queue_page_done(&page);
		queue_filter_done(&f);
	}
	double queue_median = median(lat, n);

	/* rounds: client 0 writes a note, every client waits for its NOTIFY */
	struct pollfd *fds = xcalloc((size_t)n, sizeof(*fds));
	int missed = 0;
	for (int r = 0; r < rounds && !missed; r++) {
		memset(seen, 0, (size_t)n * sizeof(*seen));
		char body[64];
		snprintf(body, sizeof(body), "fan-out %d", r);
		double w0 = now_ms();
		if (ticket_note(dbs[0], ticket, TICKET_ANY_VERSION, body, NULL, &err)) {
			fprintf(stderr, "listeners: note: %s\n", err.message);
			return 1;
		}
		int pending = n;
		double deadline = w0 + 10000;
		while (pending > 0) {
			pending = 0;
			for (int i = 0; i < n; i++) {
				if (!seen[i] && db_drain_notifications(dbs[i], count_one, &seen[i]) < 0) {
					fprintf(stderr, "listeners: client %d lost its connection\n", i);
					return 1;
				}
				fds[i] = (struct pollfd){ .fd = seen[i] ? -1 : db_socket(dbs[i]), .events = POLLIN };
				pending += !seen[i];
			}
			double left = deadline - now_ms();
			if (pending && left <= 0) {
				missed = pending;
				break;
			}
			if (pending)
				poll(fds, (nfds_t)n, (int)left);
		}
		lat[r] = now_ms() - w0;
	}
	double fan_median = median(lat, rounds);
	double fan_max = rounds ? lat[rounds - 1] : 0;
	printf("clients=%d connect_listen_ms=%.0f queue_page_median_ms=%.2f "
	       "note_to_all_median_ms=%.1f note_to_all_max_ms=%.1f rounds=%d missed=%d\n",
	       n, connect_ms, queue_median, fan_median, fan_max, rounds, missed);
	/* LISTENERS_HOLD_MS: keep the sessions open a while (to measure them) */
	const char *hold = getenv("LISTENERS_HOLD_MS");
	if (hold) {
		fflush(stdout);
		poll(NULL, 0, atoi(hold));
	}
	for (int i = 0; i < n; i++)
		db_close(dbs[i]);
	free(dbs);
	free(seen);
	free(lat);
	free(fds);
	tt_error_clear(&err);
	return missed ? 1 : 0;
}
