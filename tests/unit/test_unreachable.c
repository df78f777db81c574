/* A database that cannot be reached: every command that needs it exits 69
 * with a message that says so, and nothing hangs. No server is needed (the
 * point is that there is none). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "testdb.h"

static int run(const char *args, char *out, size_t outsz)
{
	const char *bin = getenv("TICKETTY_BIN");
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "'%s' --db 'host=/nonexistent/ticketty-socket-dir dbname=x' %s 2>&1 </dev/null",
		 bin ? bin : "build/ticketty", args);
	FILE *p = popen(cmd, "r");
	size_t n = fread(out, 1, outsz - 1, p);
	out[n] = '\0';
	int status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(commands_exit_69_when_unreachable)
{
	static const char *const commands[] = {
		"queue", "ticket show 1", "escalations", "db version", "sla due --plan basic --severity 3 --created 2026-11-20T16:00:00-05:00",
		"ticket new --set title=x",
	};
	char out[4096];
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		int rc = run(commands[i], out, sizeof(out));
		ck_assert_msg(rc == 69, "'%s' exited %d: %s", commands[i], rc, out);
		ck_assert_msg(strstr(out, "cannot connect to the database") != NULL,
			      "'%s' said: %s", commands[i], out);
	}
}
END_TEST

static Suite *unreachable_suite(void)
{
	Suite *s = suite_create("unreachable");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, commands_exit_69_when_unreachable);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(unreachable_suite)
