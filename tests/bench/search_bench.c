/* Search benchmark driver (see search_bench.sh), through the real model
 * code (src/model/search.c):
 *   search_bench CONNINFO search FILE   one line "KIND<TAB>ms" per query of
 *                                        FILE (lines "KIND<TAB>QUERY"), first page of 20
 *   search_bench CONNINFO duplicates N  "dup<TAB>ms" for the duplicate hint of N
 *                                        open tickets (their customer, title, object IDs)
 *   search_bench CONNINFO writes N      median cost of api_ticket_create and
 *                                        api_ticket_note with the search triggers on and off,
 *                                        interleaved in batches (connects as an agent too);
 *                                        a new ticket's search rows are written by
 *                                        tickets_after_insert (sql/175), which also adds
 *                                        its backlog rollup rows: "off" skips both */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "model/search.h"
#include "util/error.h"
#include "util/xalloc.h"

static double ms_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what, struct tt_error *err)
{
	fprintf(stderr, "search_bench: %s: %s\n", what, err->message ? err->message : "?");
	exit(1);
}

static int run_search(struct db *db, const char *file)
{
	FILE *f = fopen(file, "r");
	char line[2048];
	struct tt_error err;
	tt_error_init(&err);
	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = 0;
		struct search_opts o = { tab + 1, false, NULL, 20 };
		struct search_list l;
		search_list_init(&l);
		double t0 = ms_now();
		if (search_run(db, &o, &l, &err))
			die(tab + 1, &err);
		printf("%s\t%.3f\n", line, ms_now() - t0);
		search_list_done(&l);
	}
	fclose(f);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int run_duplicates(struct db *db, int n)
{
	struct tt_error err;
	tt_error_init(&err);
	char lim[16];
	snprintf(lim, sizeof(lim), "%d", n);
	const char *p[1] = { lim };
	PGresult *res = db_query(db,
		"SELECT c.name, t.title, array_to_string(t.object_ids, ',')"
		"  FROM ticketty.tickets t JOIN ticketty.customers c ON c.id = t.customer_id"
		" WHERE t.is_open AND t.id % 997 = 5 ORDER BY t.id LIMIT $1::int", 1, p, &err);
	if (!res)
		die("duplicates", &err);
	for (int i = 0; i < PQntuples(res); i++) {
		struct search_list l;
		search_list_init(&l);
		double t0 = ms_now();
		if (search_duplicates(db, PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
				      PQgetvalue(res, i, 2), 5, &l, &err))
			die("duplicates", &err);
		printf("dup\t%.3f\n", ms_now() - t0);
		search_list_done(&l);
	}
	PQclear(res);
	return 0;
}

static void exec_ok(struct db *db, const char *sql, int n, const char *const *p)
{
	struct tt_error err;
	tt_error_init(&err);
	PGresult *res = db_exec(db, sql, n, p, &err);
	if (!res)
		die(sql, &err);
	PQclear(res);
}

/* Times `n` calls of one statement as the agent; returns the median. */
static double batch(struct db *agent, const char *sql, int n, const char *const *p, int np)
{
	double *t = xcalloc((size_t)n, sizeof(double));
	for (int i = 0; i < n; i++) {
		double t0 = ms_now();
		exec_ok(agent, sql, np, p);
		t[i] = ms_now() - t0;
	}
	qsort(t, (size_t)n, sizeof(double), cmp_double);
	double m = t[n / 2];
	free(t);
	return m;
}

static int run_writes(struct db *owner, const char *conninfo, int n)
{
	struct tt_error err;
	tt_error_init(&err);
	char *login = db_scalar(owner,
		"SELECT login FROM ticketty.agents WHERE role = 'engineer' AND active ORDER BY id LIMIT 1",
		0, NULL, &err);
	char *payload = db_scalar(owner,
		"SELECT jsonb_build_object('customer', c.name, 'contact', k.email, 'request_type', 'ad_serving',"
		"  'reason', 'bug', 'severity', 3, 'title', 'Placements render blank on the sports pages',"
		"  'description', 'Since this morning placement 1234567 shows empty frames; the auction has a winner.',"
		"  'impact', 'A fifth of the home page impressions are lost.', 'object_ids', '1234567 7654321',"
		"  'member_id', c.member_id, 'repro_steps', E'1. Open the page.\\n2. Look at the slot.',"
		"  'browser', 'Firefox 133.0', 'os', 'Windows 11 23H2')::text"
		"  FROM ticketty.customers c JOIN ticketty.contacts k ON k.customer_id = c.id AND k.spoc AND k.active"
		" ORDER BY c.id LIMIT 1", 0, NULL, &err);
	if (!login || !payload)
		die("writes setup", &err);
	char *ci = xasprintf("%s user=%s", conninfo, login);
	struct db *agent = db_open(ci, &err);
	if (!agent)
		die("agent login", &err);
	char *ticket = db_scalar(agent, "SELECT ticketty.api_ticket_create($1::jsonb)", 1,
				 (const char *const *)&payload, &err);
	if (!ticket)
		die("create", &err);
	const char *note[2] = { ticket, "Checked the placement again with the customer's steps: "
				"still blank in Firefox, fine in Chrome. Logs attached to the engineering channel." };
	static const char *const toggles[2][2] = {
		{ "ALTER TABLE ticketty.tickets ENABLE TRIGGER tickets_after_insert",
		  "ALTER TABLE ticketty.comments ENABLE TRIGGER search_comments_changed" },
		{ "ALTER TABLE ticketty.tickets DISABLE TRIGGER tickets_after_insert",
		  "ALTER TABLE ticketty.comments DISABLE TRIGGER search_comments_changed" } };
	double create[2][8], notes[2][8];
	int rounds = 6, per = n / rounds > 0 ? n / rounds : 1;
	for (int r = 0; r < rounds; r++) {
		for (int on = 0; on < 2; on++) {
			exec_ok(owner, toggles[on][0], 0, NULL);
			exec_ok(owner, toggles[on][1], 0, NULL);
			create[on][r] = batch(agent, "SELECT ticketty.api_ticket_create($1::jsonb)", per,
					      (const char *const *)&payload, 1);
			notes[on][r] = batch(agent, "SELECT ticketty.api_ticket_note($1::bigint, NULL, $2)",
					     per, note, 2);
		}
	}
	exec_ok(owner, toggles[0][0], 0, NULL);
	exec_ok(owner, toggles[0][1], 0, NULL);
	for (int on = 0; on < 2; on++) {
		qsort(create[on], (size_t)rounds, sizeof(double), cmp_double);
		qsort(notes[on], (size_t)rounds, sizeof(double), cmp_double);
	}
	printf("api_ticket_create: %.2f ms with the search triggers, %.2f ms without (median of %d batch medians of %d)\n",
	       create[0][rounds / 2], create[1][rounds / 2], rounds, per);
	printf("api_ticket_note:   %.2f ms with the search triggers, %.2f ms without (ticket with %d+ notes)\n",
	       notes[0][rounds / 2], notes[1][rounds / 2], rounds * per);
	/* the search table is left behind the tickets made with triggers off */
	exec_ok(owner, "SELECT ticketty.search_refresh(t.id) FROM ticketty.tickets t"
		       " WHERE t.id >= $1::bigint", 1, (const char *const *)&ticket);
	db_close(agent);
	free(ci);
	free(ticket);
	free(login);
	free(payload);
	return 0;
}

int main(int argc, char **argv)
{
	struct tt_error err;
	tt_error_init(&err);
	if (argc < 4) {
		fprintf(stderr, "usage: search_bench CONNINFO search FILE | duplicates N | writes N\n");
		return 64;
	}
	struct db *db = db_open(argv[1], &err);
	if (!db)
		die("connect", &err);
	int rc;
	if (!strcmp(argv[2], "search"))
		rc = run_search(db, argv[3]);
	else if (!strcmp(argv[2], "duplicates"))
		rc = run_duplicates(db, atoi(argv[3]));
	else
		rc = run_writes(db, argv[1], atoi(argv[3]));
	db_close(db);
	return rc;
}
