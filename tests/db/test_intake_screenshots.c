/* Database tests for the screenshots typed as one text (`ticket new
 * --set screenshots=...`, the form's field): one per line or separated by
 * commas, but a comma inside a URL is part of it (RFC 3986 allows it), so
 * "https://x.example/a,b.png" is stored whole, not as the wrong URL
 * "https://x.example/a" and a stray "b.png". */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "ticket_fixture.h"

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("eng1", "engineer");
}

#define TICKET_NEW                                                                                 \
	"ticket new --set customer='Acme Media' --set contact=carla@acme.example"                  \
	" --set request_type=ui_api_bug --set reason=bug --set severity=3 --set title=T"           \
	" --set description=D --set impact=I --set object_ids=11 --set member_id=4242"             \
	" --set repro_steps=R --set browser='Chrome 131' --set os='macOS 14.5' --set screenshots="

/* Files a ticket with `shots` (shell-quoted) and fails unless its
 * screenshots, joined by " | ", are `want`. */
static void assert_stored(const char *shots, const char *want)
{
	char args[1024];
	snprintf(args, sizeof(args), "%s%s", TICKET_NEW, shots);
	ck_assert_msg(testdb_cli("eng1", NULL, args) == 0, "%s: %s", shots, testdb_stderr());
	const char *p[] = { testdb_stdout() };
	char *got = testdb_value("SELECT array_to_string(screenshots, ' | ') FROM tickets WHERE id = $1::bigint",
				 1, p);
	ck_assert_msg(got && !strcmp(got, want), "%s: stored %s, not %s", shots, got ? got : "(null)", want);
	free(got);
}

START_TEST(a_comma_inside_a_url_is_part_of_it)
{
	assert_stored("'https://x.example/a,b.png'", "https://x.example/a,b.png");
	assert_stored("'https://res.example/w_300,h_200/shot.png'", "https://res.example/w_300,h_200/shot.png");
	assert_stored("'https://grafana.example/d?var=1,2&from=now'", "https://grafana.example/d?var=1,2&from=now");
	/* a comma followed by a blank or by another URL still separates */
	assert_stored("'https://x.example/a.png, https://x.example/b.png'",
		      "https://x.example/a.png | https://x.example/b.png");
	assert_stored("'https://x.example/a.png,https://x.example/b.png'",
		      "https://x.example/a.png | https://x.example/b.png");
	assert_stored("'https://x.example/a,b.png, shot 1.png'", "https://x.example/a,b.png | shot 1.png");
	/* paths as before: commas and lines separate */
	assert_stored("'a.png,https://x.test/b.png'", "a.png | https://x.test/b.png");
	assert_stored("\"$(printf 'one.png\\nhttps://x.example/p?a=1,2\\n two.png ')\"",
		      "one.png | https://x.example/p?a=1,2 | two.png");
}
END_TEST

static Suite *intake_screenshots_suite(void)
{
	Suite *s = suite_create("intake_screenshots");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, a_comma_inside_a_url_is_part_of_it);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(intake_screenshots_suite)
