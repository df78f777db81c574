/* One dashboard first paint's database work, as the view does it:
 * connect, then dash_load (the six rollup-backed queries). Prints the
 * milliseconds of connect + load and of the load alone, and a figure so
 * the caller can check it against the raw recount.
 *   dashboard_bench CONNINFO */
#include <stdio.h>
#include <time.h>

#include "db/conn.h"
#include "model/report.h"

static double ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1, t2;
	struct tt_error err;
	struct dash d;
	struct report_filter f = { 0 };

	if (argc != 2)
		return 64;
	tt_error_init(&err);
	dash_init(&d);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct db *db = db_open(argv[1], &err);
	if (!db) {
		fprintf(stderr, "%s\n", err.message);
		return 69;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (dash_load(db, &f, &d, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t2);
	long long met = 0, missed = 0;
	for (int i = 0; i < d.nweeks; i++) {
		met += d.weeks[i].met[DASH_FIRST_RESPONSE];
		missed += d.weeks[i].missed[DASH_FIRST_RESPONSE];
	}
	printf("%.3f %.3f %lld %lld\n", ms(&t0, &t2), ms(&t1, &t2), met, missed);
	dash_done(&d);
	db_close(db);
	return 0;
}
