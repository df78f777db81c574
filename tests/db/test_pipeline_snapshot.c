/* db_query_many: the statements of one pipeline read one snapshot, so a
 * dashboard's figures add up and a ticket's timeline is of the version
 * its header shows. Before, each statement of the pipeline (READ
 * COMMITTED) took its own: a change committed between two of them showed
 * in the second only. Here another session commits a row while the
 * pipeline's second statement waits for its advisory lock, so the
 * commit falls between the first and third statements whatever the
 * machine's speed; inside a transaction the caller opened, the
 * statements keep its rules (and its transaction is not ended). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/session.h"
#include "testdb.h"
#include "util/xalloc.h"

/* In a child: takes advisory lock 4242, says so on `ready`, waits until
 * a session waits for it, commits a row into snap, lets the lock go. */
static void commit_meanwhile(int ready)
{
	char *ci = testdb_conninfo(NULL);
	PGconn *c = PQconnectdb(ci);
	free(ci);
	if (PQstatus(c) != CONNECTION_OK)
		_exit(2);
	PQclear(PQexec(c, "SELECT pg_advisory_lock(4242)"));
	if (write(ready, "x", 1) != 1)
		_exit(3);
	for (int i = 0; i < 2000; i++) {   /* 20 s at most */
		PGresult *r = PQexec(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
		bool waiting = PQresultStatus(r) == PGRES_TUPLES_OK && strcmp(PQgetvalue(r, 0, 0), "0");
		PQclear(r);
		if (waiting)
			break;
		usleep(10000);
	}
	PQclear(PQexec(c, "INSERT INTO public.snap VALUES (2)"));
	PQclear(PQexec(c, "SELECT pg_advisory_unlock(4242)"));
	PQfinish(c);
	_exit(0);
}

/* The three statements' counts, "a b c", with another session's commit
 * between the first and the third. */
static char *counts_across_a_commit(struct db *db)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		close(fds[0]);
		commit_meanwhile(fds[1]);
	}
	close(fds[1]);
	char b;
	ck_assert_int_eq((int)read(fds[0], &b, 1), 1);
	close(fds[0]);

	const struct db_stmt stmts[3] = {
		{ "SELECT count(*) FROM public.snap", 0, NULL, NULL },
		{ "SELECT pg_advisory_xact_lock_shared(4242)", 0, NULL, NULL },
		{ "SELECT count(*) FROM public.snap", 0, NULL, "snap_count" },
	};
	PGresult *res[3];
	struct tt_error err;
	tt_error_init(&err);
	int rc = db_query_many(db, 3, stmts, res, &err);
	int status = -1;
	ck_assert_int_eq((int)waitpid(child, &status, 0), (int)child);
	ck_assert_msg(rc == 0, "%s", err.message);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	char *out = xasprintf("%s %s", PQgetvalue(res[0], 0, 0), PQgetvalue(res[2], 0, 0));
	for (int i = 0; i < 3; i++)
		PQclear(res[i]);
	return out;
}

START_TEST(pipeline_reads_one_snapshot)
{
	testdb_create();
	testdb_sql("CREATE TABLE public.snap (x int); INSERT INTO public.snap VALUES (1)");
	struct db *db = testdb_open(NULL);
	char *counts = counts_across_a_commit(db);
	ck_assert_str_eq(counts, "1 1");   /* before: "1 2" */
	free(counts);
	/* the pipeline's transaction ended: the session reads the row now */
	struct tt_error err;
	tt_error_init(&err);
	char *v = db_scalar(db, "SELECT count(*) || ' ' || current_setting('transaction_isolation')"
				" FROM public.snap", 0, NULL, &err);
	ck_assert_str_eq(v, "2 read committed");
	free(v);
	db_close(db);
}
END_TEST

/* In the caller's own transaction the statements follow its rules (READ
 * COMMITTED here: the commit shows), and the transaction stays open. */
START_TEST(pipeline_in_a_transaction_keeps_it)
{
	testdb_create();
	testdb_sql("CREATE TABLE public.snap (x int); INSERT INTO public.snap VALUES (1)");
	struct db *db = testdb_open(NULL);
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(db_begin(db, &err), 0);
	char *counts = counts_across_a_commit(db);
	ck_assert_str_eq(counts, "1 2");
	free(counts);
	char *v = db_scalar(db, "SELECT count(*)::text FROM pg_stat_activity WHERE pid = pg_backend_pid()"
				" AND state = 'active' AND xact_start IS NOT NULL AND xact_start < statement_timestamp()",
			    0, NULL, &err);
	ck_assert_str_eq(v, "1");   /* the transaction began before this statement */
	free(v);
	ck_assert_int_eq(db_commit(db, &err), 0);
	db_close(db);
}
END_TEST

static Suite *snapshot_suite(void)
{
	Suite *s = suite_create("pipeline_snapshot");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, pipeline_reads_one_snapshot);
	tcase_add_test(tc, pipeline_in_a_transaction_keeps_it);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(snapshot_suite)
