/* Benchmark driver for the ticket view's reads: loads one ticket's detail
 * (ticket_detail_load) and its first timeline page of 200 entries
 * (ticket_timeline_load) through the real model code, N times, and prints
 * the median, 95th percentile and maximum wall time of one full load.
 * Built and run by tests/bench/ticket_bench.sh; not part of the suites.
 *   ticket_bench CONNINFO TICKET_ID [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "db/conn.h"
#include "model/ticket.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: ticket_bench CONNINFO TICKET_ID [ROUNDS]\n");
		return 64;
	}
	long long id = strtoll(argv[2], NULL, 10);
	int rounds = argc > 3 ? atoi(argv[3]) : 200;
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = db_open(argv[1], &err);
	if (!db) {
		fprintf(stderr, "%s\n", err.message);
		return 69;
	}
	double *ms = calloc((size_t)rounds, sizeof(*ms));
	double *md = calloc((size_t)rounds, sizeof(*md));
	size_t entries = 0;
	for (int i = -5; i < rounds; i++) { /* 5 warm-up rounds */
		struct ticket_detail *t = NULL;
		struct timeline_page page;
		double t0 = now_ms(), t1 = 0;
		if (ticket_detail_load(db, id, &t, &err) || (t1 = now_ms()) < 0 ||
		    ticket_timeline_load(db, id, NULL, 200, &page, &err)) {
			fprintf(stderr, "%s\n", err.message);
			return 70;
		}
		double dt = now_ms() - t0;
		entries = page.n;
		timeline_page_done(&page);
		ticket_detail_free(t);
		if (i >= 0) {
			ms[i] = dt;
			md[i] = t1 - t0;
		}
	}
	qsort(ms, (size_t)rounds, sizeof(*ms), cmp);
	qsort(md, (size_t)rounds, sizeof(*md), cmp);
	printf("ticket %lld: detail + %zu timeline entries, %d rounds: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
	       id, entries, rounds, ms[rounds / 2], ms[(rounds * 95) / 100], ms[rounds - 1]);
	printf("  of which the detail (fields, lists, escalations): median %.2f ms\n", md[rounds / 2]);
	free(ms);
	free(md);
	db_close(db);
	return 0;
}
