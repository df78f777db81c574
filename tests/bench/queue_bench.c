/* Queue page timings through the real model code (src/model/queue.c), as
 * the queue view issues them: the first page, page down (keyset after the
 * last row), page up (reversed keyset before the first row) and the last
 * page (G), each `rounds` times. Prints median, 95th percentile and
 * maximum in milliseconds.
 *   queue_bench CONNINFO ROUNDS PAGE_ROWS
 * With --sql LIMIT [CURSOR] instead, prints the statement `ticketty queue
 * --json --limit LIMIT [--after CURSOR]` runs as a PREPARE/EXECUTE pair,
 * for psql to run the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "model/queue.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp);
	printf("%-44s median %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%d runs)\n", what, t[n / 2],
	       t[(int)(n * 0.95)], t[n - 1], n);
}

static void die(const struct tt_error *err)
{
	fprintf(stderr, "queue_bench: %s\n", err->message);
	exit(1);
}

int main(int argc, char **argv)
{
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "--sql")) {
		struct queue_filter none;
		struct queue_key after;
		struct strbuf sql;
		char **params;
		queue_filter_init(&none);
		sb_init(&sql);
		if (argc == 4 && !queue_key_parse(argv[3], &after)) {
			fprintf(stderr, "queue_bench: bad cursor\n");
			return 64;
		}
		int n = queue_json_statement(&none, argc == 4 ? &after : NULL, atoi(argv[2]), &sql, &params);
		printf("PREPARE q AS %s;\nEXECUTE q(", sql.buf);
		for (int i = 0; i < n; i++) {
			printf("%s'%s'", i ? ", " : "", params[i]); /* numbers only here */
			free(params[i]);
		}
		printf(");\n");
		free(params);
		sb_done(&sql);
		return 0;
	}
	if (argc != 4) {
		fprintf(stderr, "usage: queue_bench CONNINFO ROUNDS PAGE_ROWS\n");
		return 64;
	}
	int rounds = atoi(argv[2]), rows = atoi(argv[3]);
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = db_open(argv[1], &err);
	if (!db)
		die(&err);
	struct queue_filter f, mine;
	struct queue_page page;
	queue_filter_init(&f);
	queue_filter_init(&mine);
	mine.my_team = true;
	mine.unassigned = true;
	queue_page_init(&page);
	double *t = calloc((size_t)rounds, sizeof(double));

	/* warm-up */
	for (int i = 0; i < 5; i++)
		if (queue_fetch(db, &f, QUEUE_FIRST, NULL, rows, &page, &err))
			die(&err);
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (queue_fetch(db, &f, QUEUE_FIRST, NULL, rows, &page, &err))
			die(&err);
		t[i] = now_ms() - t0;
	}
	report("first page", t, rounds);

	/* page down `rounds` times from the top: every page a fresh keyset */
	struct queue_key k = page.rows[page.n - 1].key;
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (queue_fetch(db, &f, QUEUE_AFTER, &k, rows, &page, &err))
			die(&err);
		t[i] = now_ms() - t0;
		if (page.n == 0)
			break;
		k = page.rows[page.n - 1].key;
	}
	report("page down (consecutive pages)", t, rounds);

	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (queue_fetch(db, &f, QUEUE_BEFORE, &k, rows, &page, &err))
			die(&err);
		t[i] = now_ms() - t0;
		k = page.rows[0].key;
	}
	report("page up (reversed keyset)", t, rounds);

	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (queue_fetch(db, &f, QUEUE_LAST, NULL, rows, &page, &err))
			die(&err);
		t[i] = now_ms() - t0;
	}
	report("last page (G)", t, rounds);

	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		if (queue_fetch(db, &mine, QUEUE_FIRST, NULL, rows, &page, &err))
			die(&err);
		t[i] = now_ms() - t0;
	}
	report("first page, filters my team + unassigned", t, rounds);

	free(t);
	queue_page_done(&page);
	queue_filter_done(&f);
	queue_filter_done(&mine);
	db_close(db);
	return 0;
}
