/* Support for the database test suites: a fresh database per test (copied
 * from the migrated template that tests/run.sh prepares), connections as
 * any login role (the test cluster trusts its socket), agents on demand,
 * and running the real ticketty binary against the test database. */
#ifndef TICKETTY_TESTS_TESTDB_H
#define TICKETTY_TESTS_TESTDB_H

#include <check.h>
#include <libpq-fe.h>
#include <stdbool.h>

#include "db/conn.h"

/* Creates a new database from the template; returns its name (static
 * buffer, valid until the next call). Fails the test when impossible. */
const char *testdb_create(void);
/* Creates an empty database (from template0: no schema ticketty) owned
 * by `owner`, an existing role, and makes it the current test database;
 * returns its name as testdb_create() does. */
const char *testdb_create_empty(const char *owner);
/* Conninfo for the current test database as `login` (NULL = superuser). */
char *testdb_conninfo(const char *login);
/* A ticketty connection to the current database (NULL login = superuser). */
struct db *testdb_open(const char *login);
/* Runs SQL as superuser on the current database; fails the test on error. */
void testdb_sql(const char *sql);
/* Runs SQL with parameters; returns the first value of the first row (caller frees) or NULL. */
char *testdb_value(const char *sql, int n, const char *const *params);
/* A session of `login` (NULL: the superuser), application_name
 * `program`, that runs `sql` (a query: SELECT ... FOR UPDATE, say) and
 * keeps its transaction open; the caller PQfinish()es it. */
PGconn *testdb_holding(const char *login, const char *program, const char *sql);
/* Points the CLI of this test (TICKETTY_CONFIG) at a new file of
 * `contents` (libconfig: "database = { lock_timeout_ms = 500; };");
 * testdb_config_done() forgets and removes it. One at a time. */
void testdb_config(const char *contents);
/* Waits until the statement sent on `c` (PQsendQuery...) waits on a
 * lock; fails the test after 10 s, naming `what`. */
void testdb_wait_blocked(PGconn *c, const char *what);
/* The last result of the statement sent on `c` (the others cleared);
 * the caller PQclear()s it. */
PGresult *testdb_last_result(PGconn *c);
/* Ends a session testdb_holding() began: its transaction rolled back,
 * then closed. */
void testdb_release(PGconn *c);
/* testdb_cli in the language `lang` (LANG for this one run; NULL: as it
 * is). */
int testdb_cli_in(const char *lang, const char *login, const char *args);
void testdb_config_done(void);
/* Fails the test unless the first value of `sql` (run as superuser) is
 * `want`, saying the statement, what it got and what was wanted. */
void testdb_expect(const char *sql, const char *want);
/* `text` with each <ticketty.T.N@domain> that names outbox row N (as
 * tests write the desk's Message-IDs) replaced by the ID that row holds:
 * the IDs end in random bits (sql/440). A row that does not exist leaves
 * the ID as written (a guessed one). A static buffer, one of eight used
 * in turn; at most 16 KB. */
const char *testdb_mail_ids(const char *text);
/* Makes `login` an agent of `role` (PostgreSQL role + agents row); returns the agent id. */
int testdb_agent(const char *login, const char *role);
/* States the instant the test happens at: pins the current database's
 * clock (tt_now(), the one row of clock_pin) at `instant` (an ISO 8601
 * instant with its zone, e.g. "2026-11-18T15:00:00Z"). A running clock
 * moves on from there at the real pace, a frozen one stands still.
 * Fixtures that write instants read them from tt_now(). */
enum testdb_clock_mode { TESTDB_CLOCK_RUNNING, TESTDB_CLOCK_FROZEN };
void testdb_clock(const char *instant, enum testdb_clock_mode mode);

/* The binary the tests run, as a shell command prefix: TICKETTY_BIN
 * quoted, after TICKETTY_WRAPPER when set (a command line such as
 * `valgrind -q ...` that tests/run.sh sets with VALGRIND_BIN=1). Static. */
const char *testdb_bin_shell(void);
/* Runs `ticketty --db <current db as login> args...` (a shell-quoted
 * argument string), capturing stdout and stderr (static buffers until the
 * next call). Returns the exit status. `input` is fed to stdin when not NULL. */
int testdb_cli(const char *login, const char *input, const char *args);
/* The same with `len` bytes of input that may hold NUL bytes. */
int testdb_cli_bytes(const char *login, const char *input, size_t len, const char *args);
/* The same with the output of the shell command `pipe_from` on stdin
 * (`yes`, `cat /dev/zero`: input without end, or hundreds of MiB), under
 * a memory bound of about 1 GB (so the test never takes the machine's
 * memory, and a read without bound fails it quickly) and at most 60 s. */
int testdb_cli_piped(const char *login, const char *pipe_from, const char *args);
const char *testdb_stdout(void);
const char *testdb_stderr(void);

/* Switches the language of the messages to `lang` (LANG; LC_ALL,
 * LC_MESSAGES, LC_TIME and LANGUAGE unset) and reloads the catalogue:
 * for the unit tests of translated text (es_ES.UTF-8, C.UTF-8). */
void test_lang(const char *lang);

/* main() for a test program made of one suite. */
#define TEST_MAIN(suite_fn)                                                  \
	int main(void)                                                       \
	{                                                                    \
		SRunner *sr = srunner_create(suite_fn());                    \
		srunner_run_all(sr, CK_NORMAL);                              \
		int failed = srunner_ntests_failed(sr);                      \
		srunner_free(sr);                                            \
		return failed ? 1 : 0;                                       \
	}

#endif
