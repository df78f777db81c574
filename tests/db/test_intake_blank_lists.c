/* Database tests for a list field given lines that are blank but for a
 * vertical tab or a form feed ("\n\u000b\n"): the lists' split takes those
 * characters for blanks and intake_blank does not, so the value is not
 * blank yet holds no entry. Each list field takes it as it takes a blank
 * value: nothing given for an optional one (the ticket is taken, without
 * screenshots), "needs at least one entry" for one that must be filled;
 * through `ticket new --json`, `ticket set` and for the lists a deployment
 * adds alike. A url_list of no entry was the text itself, which
 * tickets.screenshots (text[]) could not take: 22P02 "malformed array
 * literal", exit 65 naming no field (and the text in tickets.extra for a
 * url_list without a column).
 * And an entry holding a control character (a tab inside a line, DEL, C1,
 * U+2028) is no path or URL: refused as such, where it was stored. */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "ticket_fixture.h"
#include "util/xalloc.h"

static void setup(void)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);
	fixture_customer();
	testdb_agent("eng1", "engineer");
}

/* A ticket of request type `type` (ad_serving needs no screenshots,
 * app_bug does) with `more` (",\"key\": value..." or "") after its fields,
 * as a JSON document. Caller frees. */
static char *doc(const char *type, const char *more)
{
	return xasprintf("{\"customer\": \"Acme Media\", \"contact\": \"carla@acme.example\","
			 " \"request_type\": \"%s\", \"reason\": \"bug\", \"severity\": 3,"
			 " \"title\": \"Blank placements\", \"description\": \"Placements blank\","
			 " \"impact\": \"Lost revenue\", \"object_ids\": [123], \"member_id\": 4242,"
			 " \"repro_steps\": \"1. open the page\", \"browser\": \"Firefox 133\","
			 " \"os\": \"Windows 11\"%s}",
			 type, more);
}

/* Blank lines holding what the split takes for a blank, as JSON strings. */
static const char *const blank_lines[] = {
	"\"\\n\\u000b\\n\"", "\"\\n\\f\\n\"", "\"\\r\\n\\u000b\"", "\" \\u000b\\n \"",
	"\"\\u000b\\n\\u000b\"", "\"\\n\\f\\n\\u000b\\n\"",
};
#define NBLANK (sizeof(blank_lines) / sizeof(blank_lines[0]))

/* `ticket new --json -` with the document; exits 0 and returns the id as
 * text (caller frees), naming the value and stderr when it does not. */
static char *filed(char *json, const char *what)
{
	int rc = testdb_cli("eng1", json, "ticket new --json -");
	ck_assert_msg(rc == 0, "%s: exit %d: %s", what, rc, testdb_stderr());
	free(json);
	char *id = xstrdup(testdb_stdout());
	id[strcspn(id, "\n")] = '\0';
	return id;
}

/* Fails unless `sql` ($1 = id) gives `want`. */
static void expect_for(const char *sql, const char *id, const char *want, const char *what)
{
	const char *p[] = { id };
	char *got = testdb_value(sql, 1, p);
	ck_assert_msg(got && !strcmp(got, want), "%s: %s, not %s", what, got ? got : "(null)", want);
	free(got);
}

/* `ticket new --json -` with the document refuses it (65), saying
 * `line` (a whole line of stderr) and no SQL error, and files nothing. */
static void refused(char *json, const char *line, const char *what)
{
	int rc = testdb_cli("eng1", json, "ticket new --json -");
	free(json);
	char *want = xasprintf("\n%s\n", line);
	ck_assert_msg(rc == 65 && strstr(testdb_stderr(), want), "%s: exit %d, not 65 saying \"%s\": %s", what, rc,
		      line, testdb_stderr());
	ck_assert_msg(!strstr(testdb_stderr(), "literal"), "%s: %s", what, testdb_stderr());
	free(want);
	testdb_expect("SELECT count(*) FROM tickets", "0");
}

START_TEST(blank_lines_in_optional_screenshots_are_none_given)
{
	for (size_t i = 0; i < NBLANK; i++) {
		char *more = xasprintf(", \"screenshots\": %s", blank_lines[i]);
		char *id = filed(doc("ad_serving", more), blank_lines[i]);
		expect_for("SELECT screenshots::text FROM tickets WHERE id = $1::bigint", id, "{}", blank_lines[i]);
		expect_for("SELECT extra::text FROM tickets WHERE id = $1::bigint", id, "{}", blank_lines[i]);
		free(id);
		free(more);
	}
	/* an entry among the blank lines is taken alone, as before */
	char *id = filed(doc("ad_serving", ", \"screenshots\": \"\\n\\u000b\\na.png\\n\\f\\n\""), "a.png");
	expect_for("SELECT screenshots::text FROM tickets WHERE id = $1::bigint", id, "{a.png}", "a.png");
	free(id);
}
END_TEST

START_TEST(blank_lines_in_a_list_that_must_be_filled_need_an_entry)
{
	for (size_t i = 0; i < NBLANK; i++) {
		char *more = xasprintf(", \"screenshots\": %s", blank_lines[i]);
		refused(doc("app_bug", more), "screenshots: needs at least one entry", blank_lines[i]);
		free(more);
		/* object_ids, always required: as it was */
		char *json = doc("ad_serving", "");
		char *at = strstr(json, "[123]");
		char *bad = xasprintf("%.*s%s%s", (int)(at - json), json, blank_lines[i], at + 5);
		free(json);
		refused(bad, "object_ids: needs at least one entry", blank_lines[i]);
	}
}
END_TEST

/* `ticket set` sends each value as a string: blank lines holding a
 * vertical tab take the screenshots away where none are needed, and are
 * refused where they are. */
START_TEST(ticket_set_takes_blank_lines_as_no_screenshots)
{
	char *plain = filed(doc("ad_serving", ", \"screenshots\": \"a.png\""), "ad_serving");
	char *ui = filed(doc("app_bug", ", \"screenshots\": \"a.png\""), "app_bug");
	char *args = xasprintf("ticket set %s screenshots=\"$(printf '\\n\\v\\n')\" --reason 'no shot after all'", plain);
	ck_assert_msg(testdb_cli("eng1", NULL, args) == 0, "%s", testdb_stderr());
	free(args);
	expect_for("SELECT screenshots::text FROM tickets WHERE id = $1::bigint", plain, "{}", "ticket set");
	args = xasprintf("ticket set %s screenshots=\"$(printf '\\n\\v\\n')\" --reason 'no shot after all'", ui);
	ck_assert_int_eq(testdb_cli("eng1", NULL, args), 65);
	ck_assert_msg(strstr(testdb_stderr(), "\nscreenshots: needs at least one entry\n") &&
			      !strstr(testdb_stderr(), "literal"),
		      "%s", testdb_stderr());
	free(args);
	expect_for("SELECT screenshots::text FROM tickets WHERE id = $1::bigint", ui, "{a.png}", "refused set");
	free(plain);
	free(ui);
}
END_TEST

/* The lists a deployment adds, kept in tickets.extra: an optional one
 * given only blank lines adds nothing (the url_list kept the text itself),
 * a required one is refused as empty. */
START_TEST(lists_a_deployment_added_take_blank_lines_alike)
{
	testdb_sql("INSERT INTO ticketty.intake_fields"
		   " (name, label, kind, required, applies_when, position, max_length, help) VALUES"
		   " ('log_urls', 'Log URLs', 'url_list', false, 'always', 145, 300, 'Logs.'),"
		   " ('ticket_refs', 'Related tickets', 'id_list', false, 'always', 146, NULL, 'Tickets.'),"
		   " ('trace_urls', 'Trace URLs', 'url_list', true, 'always', 147, 300, 'Traces.'),"
		   " ('order_ids', 'Order IDs', 'id_list', true, 'always', 148, NULL, 'Orders.')");
	char *more = xasprintf(", \"log_urls\": %s, \"ticket_refs\": %s, \"trace_urls\": \"t.log\", \"order_ids\": \"7\"",
			       blank_lines[0], blank_lines[1]);
	char *id = filed(doc("ad_serving", more), "optional lists");
	free(more);
	expect_for("SELECT extra::text FROM tickets WHERE id = $1::bigint", id,
		   "{\"order_ids\": [\"7\"], \"trace_urls\": [\"t.log\"]}", "optional lists");
	free(id);
	more = xasprintf(", \"trace_urls\": %s, \"order_ids\": %s", blank_lines[0], blank_lines[2]);
	char *json = doc("ad_serving", more);
	free(more);
	ck_assert_int_eq(testdb_cli("eng1", json, "ticket new --json -"), 65);
	free(json);
	ck_assert_msg(strstr(testdb_stderr(), "\ntrace_urls: needs at least one entry\n") &&
			      strstr(testdb_stderr(), "\norder_ids: needs at least one entry\n"),
		      "%s", testdb_stderr());
	testdb_expect("SELECT count(*) FROM tickets", "1");
}
END_TEST

/* A screenshot entry holding a control character is refused by name, as a
 * string or in an array, whether or not screenshots are needed; a space
 * inside a file name is still a name. */
static const char *const control_entries[] = {
	"\"a.png\\tb.png\"", "\"a\\u0001.png\"", "[\"a\\u007f.png\"]", "[\"a\\u0085.png\"]",
	"\"https://x.example/a\\u2028.png\"", "[\"ok.png\", \"a\\tb.png\"]", "\"a.png\\n\\u001b[2Jb.png\"",
};

START_TEST(control_characters_in_a_screenshot_are_refused)
{
	for (size_t i = 0; i < sizeof(control_entries) / sizeof(control_entries[0]); i++) {
		char *more = xasprintf(", \"screenshots\": %s", control_entries[i]);
		refused(doc("ad_serving", more), "screenshots: is malformed (Screenshots must be a list of paths or URLs)",
			control_entries[i]);
		free(more);
	}
	char *id = filed(doc("ad_serving", ", \"screenshots\": [\"my shot 1.png\"]"), "a space");
	expect_for("SELECT screenshots[1] FROM tickets WHERE id = $1::bigint", id, "my shot 1.png", "a space");
	free(id);
}
END_TEST

static Suite *intake_blank_lists_suite(void)
{
	Suite *s = suite_create("intake_blank_lists");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, blank_lines_in_optional_screenshots_are_none_given);
	tcase_add_test(tc, blank_lines_in_a_list_that_must_be_filled_need_an_entry);
	tcase_add_test(tc, ticket_set_takes_blank_lines_as_no_screenshots);
	tcase_add_test(tc, lists_a_deployment_added_take_blank_lines_alike);
	tcase_add_test(tc, control_characters_in_a_screenshot_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(intake_blank_lists_suite)
