/* Mail templates and mail settings are checked before they are saved
 * (360): `admin template set` refuses a template whose kind needs a
 * placeholder it lacks ({{message}} in a reply: answers would reach the
 * customer without the engineer's text), one that uses a placeholder its
 * kind does not have, and one with a malformed "{{"/"}}", naming the kind,
 * the language, the placeholder and the ones allowed, exit 65, nothing
 * saved or audited; a good one is saved and its mail carries the answer.
 * A template stored before the check still sends the answer (appended).
 * `mail policy` refuses control characters (CR, LF, ESC) naming the key.
 * Every template shipped, English and Spanish, passes the check. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/conn.h"
#include "util/xalloc.h"
#include "ticket_fixture.h"
#include "testdb.h"

static long long ticket;

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("tpl_alice", "engineer");
	testdb_agent("tpl_bot", "admin");
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true);"
		   "UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');"
		   "UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain';");
	ticket = fixture_tickets(1, "client_services");
}

static char *val(const char *sql)
{
	return testdb_value(sql, 0, NULL);
}

static int cli(const char *login, const char *input, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int cli(const char *login, const char *input, const char *fmt, ...)
{
	char args[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	return testdb_cli(login, input, args);
}

static void stderr_has(const char *want)
{
	ck_assert_msg(strstr(testdb_stderr(), want), "stderr:\n%s\nwant: %s", testdb_stderr(), want);
}

/* The reply template (en) as stored, "subject|body". */
static char *reply_en(void)
{
	return val("SELECT subject || '|' || body FROM mail_templates WHERE kind = 'reply' AND lang = 'en'");
}

/* Nothing saved and nothing audited since `before` was read. */
static void reply_unchanged(const char *before)
{
	char *now = reply_en();
	ck_assert_str_eq(now, before);
	free(now);
	testdb_expect("SELECT count(*) FROM admin_events WHERE action = 'template.set'", "0");
}

START_TEST(template_without_its_message_is_refused)
{
	char *before = reply_en();
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}},\n\nThanks for contacting us.\n",
			     "admin template set reply en --subject '{{title}}' --body-file -"), 65);
	stderr_has("ticketty: the template was refused\n");
	stderr_has("body: the reply template (en) must contain {{message}} in its body: without it, "
		   "the text the engineer wrote to the customer would not be in the mail\n");
	reply_unchanged(before);
	/* the other kinds that carry what was said to the customer */
	ck_assert_int_eq(cli("tpl_bot", "Hola, {{contact}}:\n\nYa está.\n",
			     "admin template set resolution es --subject '{{title}}'"), 65);
	stderr_has("body: the resolution template (es) must contain {{message}}");
	ck_assert_int_eq(cli("tpl_bot", "{{customer}} got an update on #{{ticket}}.\n",
			     "admin template set emergency_update en --subject '{{title}}'"), 65);
	stderr_has("body: the emergency_update template (en) must contain {{message}}");
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}}, we need more details.\n",
			     "admin template set inbox_ask en --subject 'Re: {{subject}}'"), 65);
	stderr_has("body: the inbox_ask template (en) must contain {{missing}}");
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}}, ask your account representative.\n",
			     "admin template set inbox_refuse_account_rep en --subject 'Re: {{subject}}'"), 65);
	stderr_has("body: the inbox_refuse_account_rep template (en) must contain {{rep_email}}");
	/* in the subject only is not enough: the body carries the text */
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}}.\n",
			     "admin template set reply en --subject '{{title}}: {{message}}'"), 65);
	stderr_has("must contain {{message}} in its body");
	reply_unchanged(before);
	free(before);
}
END_TEST

START_TEST(unknown_placeholder_is_refused)
{
	char *before = reply_en();
	/* QA finding 3, as it was typed */
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}} {{nosuch}} {{message}\n",
			     "admin template set reply en --subject '{{title}} {{bogus}}' --body-file -"), 65);
	stderr_has("subject: unknown placeholder {{bogus}}: the reply template (en) knows {{agent}}, {{contact}}, "
		   "{{customer}}, {{desk}}, {{message}}, {{phone}}, {{ticket}}, {{title}}\n");
	stderr_has("body: unknown placeholder {{nosuch}}: the reply template (en) knows {{agent}}");
	reply_unchanged(before);
	/* unknown in the subject alone, the body good */
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}},\n\n{{message}}\n",
			     "admin template set reply en --subject '{{title}} {{bogus}}'"), 65);
	stderr_has("subject: unknown placeholder {{bogus}}");
	ck_assert_ptr_null(strstr(testdb_stderr(), "body:"));
	/* in the body alone */
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}},\n\n{{message}}\n{{nosuch}}\n",
			     "admin template set reply en --subject '{{title}}'"), 65);
	stderr_has("body: unknown placeholder {{nosuch}}");
	ck_assert_ptr_null(strstr(testdb_stderr(), "subject:"));
	/* a placeholder of another kind: the inbox answers have no ticket */
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}},\n\n{{missing}}\n",
			     "admin template set inbox_ask en --subject 'Re: {{subject}} [#{{ticket}}]'"), 65);
	stderr_has("subject: unknown placeholder {{ticket}}: the inbox_ask template (en) knows {{contact}}, "
		   "{{desk}}, {{missing}}, {{subject}}\n");
	reply_unchanged(before);
	free(before);
}
END_TEST

START_TEST(malformed_placeholder_is_refused)
{
	char *before = reply_en();
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}},\n\n{{message}\n",
			     "admin template set reply en --subject '{{title}}'"), 65);
	stderr_has("body: malformed placeholder \"{{message}\": a placeholder is a name between {{ and }}; "
		   "the reply template (en) knows {{agent}}");
	/* {{message} is no {{message}}: the answer would not be in the mail */
	stderr_has("body: the reply template (en) must contain {{message}}");
	ck_assert_int_eq(cli("tpl_bot", "Hello {{ contact }},\n\n{{message}}\n",
			     "admin template set reply en --subject '{{title}}'"), 65);
	stderr_has("body: malformed placeholder \"{{ contact }}\"");
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}},\n\n{{message}}\n",
			     "admin template set reply en --subject 'title}} now'"), 65);
	stderr_has("subject: malformed placeholder \"title}}\"");
	ck_assert_int_eq(cli("tpl_bot", "Hello {{contact}},\n\n{{{message}}}\n",
			     "admin template set reply en --subject '{{title}}'"), 65);
	stderr_has("body: malformed placeholder \"{{{message}}\"");
	reply_unchanged(before);
	free(before);
}
END_TEST

START_TEST(good_template_is_saved_and_mail_carries_the_answer)
{
	ck_assert_int_eq(cli("tpl_bot", "Dear {{contact}}:\n{{message}}\n-- {{desk}} ({{agent}})\n",
			     "admin template set reply en --subject 'About {{title}}'"), 0);
	ck_assert_str_eq(testdb_stderr(), "");
	testdb_expect("SELECT count(*) FROM admin_events WHERE action = 'template.set' AND object_name = 'reply/en'", "1");
	ck_assert_int_eq(cli("tpl_alice", NULL, "ticket ack %lld --message 'Looking into it.'", ticket), 0);
	ck_assert_int_eq(cli("tpl_alice", NULL, "ticket reply %lld --message 'The fix is: clear the cache.'",
			     ticket), 0);
	testdb_expect("SELECT subject || '|' || body FROM mail_outbox WHERE kind = 'reply'",
	       "[#1] About Ticket 1|Dear Carla Contact:\nThe fix is: clear the cache.\n"
	       "-- Client Services (Tpl_Alice)\n");
	/* and as handed to sendmail */
	char dir[] = "/tmp/tt-tpl-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	testdb_sql("DELETE FROM mail_outbox WHERE kind <> 'reply'");
	ck_assert_int_eq(cli("tpl_bot", NULL, "mail send --sendmail 'cat >%s/mail'", dir), 0);
	char *path = xasprintf("%s/mail", dir);
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	char buf[8192];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	ck_assert_msg(strstr(buf, "The fix is: clear the cache.") && strstr(buf, "Dear Carla Contact:"), "mail:\n%s", buf);
	unlink(path);
	rmdir(dir);
	free(path);
	/* a notification may leave out what was said (often nothing) */
	ck_assert_int_eq(cli("tpl_bot", "Ticket #{{ticket}}: {{event}}.\n",
			     "admin template set notification es --subject '{{event}}: {{title}}'"), 0);
}
END_TEST

/* A template stored before the check (as a migration or psql left it):
 * not rewritten, but the answer is still in its mail. */
START_TEST(stored_template_without_message_still_sends_the_answer)
{
	testdb_sql("UPDATE mail_templates SET body = E'Hello {{contact}},\\n\\nThanks.\\n' WHERE kind = 'reply'");
	ck_assert_int_eq(cli("tpl_alice", NULL, "ticket ack %lld --message 'Looking into it.'", ticket), 0);
	ck_assert_int_eq(cli("tpl_alice", NULL, "ticket reply %lld --message 'Clear the cache.'", ticket), 0);
	testdb_expect("SELECT body FROM mail_outbox WHERE kind = 'reply'",
	       "Hello Carla Contact,\n\nThanks.\n\nClear the cache.\n");
	/* a template that has it: the text once, where the template puts it */
	testdb_sql("UPDATE mail_templates SET body = E'{{message}}\\n-- \\n{{desk}}\\n' WHERE kind = 'reply'");
	ck_assert_int_eq(cli("tpl_alice", NULL, "ticket reply %lld --message 'Second.'", ticket), 0);
	testdb_expect("SELECT body FROM mail_outbox WHERE kind = 'reply' ORDER BY id DESC LIMIT 1",
	       "Second.\n-- \nClient Services\n");
}
END_TEST

START_TEST(policy_refuses_control_characters)
{
	ck_assert_int_eq(cli("tpl_bot", NULL, "mail policy from_name \"$(printf 'X\\r\\nBcc: y@x.test')\""), 65);
	stderr_has("ticketty: the value of from_name is not valid\n");
	stderr_has("value: the from_name setting may not contain line breaks, tabs or other control characters\n");
	ck_assert_int_eq(cli("tpl_bot", NULL, "mail policy from_name \"$(printf 'Evil\\nname')\""), 65);
	ck_assert_int_eq(cli("tpl_bot", NULL, "mail policy from_name \"$(printf 'Esc \\033[2J')\""), 65);
	ck_assert_int_eq(cli("tpl_bot", NULL, "mail policy from_address \"$(printf 'a\\001b@desk.test')\""), 65);
	stderr_has("the from_address setting may not contain");
	testdb_expect("SELECT value FROM mail_policy WHERE key = 'from_name'", "Client Services");
	testdb_expect("SELECT count(*) FROM admin_events WHERE action = 'mail_policy.set'", "0");
	/* a plain name is taken */
	ck_assert_int_eq(cli("tpl_bot", NULL, "mail policy from_name 'Acme Support'"), 0);
	testdb_expect("SELECT value FROM mail_policy WHERE key = 'from_name'", "Acme Support");
}
END_TEST

/* A body file that cannot be read says why with 66, as every command that
 * reads a file does (a directory was read until it failed: 74 "read
 * error"); the template is unchanged. */
START_TEST(body_file_problems_say_why)
{
	char *before = reply_en();
	ck_assert_int_eq(cli("tpl_bot", NULL, "admin template set reply en --subject S --body-file /tmp"), 66);
	stderr_has("/tmp: not a regular file");
	ck_assert_int_eq(cli("tpl_bot", NULL, "admin template set reply en --subject S --body-file /nonexistent/body"),
			 66);
	stderr_has("/nonexistent/body: No such file or directory");
	reply_unchanged(before);
	free(before);
}
END_TEST

START_TEST(shipped_templates_pass)
{
	testdb_expect("SELECT count(*) FROM mail_templates", "20");
	testdb_expect("SELECT coalesce(string_agg(kind || '/' || lang || ': ' || array_to_string(p, '; '), E'\\n'), 'none')"
	       "  FROM (SELECT kind, lang, mail_template_problems(kind, lang, subject, body) AS p"
	       "          FROM mail_templates) x WHERE p <> '{}'", "none");
	/* every kind has its placeholders listed */
	testdb_expect("SELECT count(DISTINCT m.kind) FROM mail_templates m"
	       "  JOIN mail_template_placeholders p ON p.kind = m.kind", "10");
	/* and each one set again as it is, through the check, in English and Spanish */
	char *rows = val("SELECT string_agg(kind || ' ' || lang, ',' ORDER BY kind, lang) FROM mail_templates");
	for (char *save = NULL, *kl = strtok_r(rows, ",", &save); kl; kl = strtok_r(NULL, ",", &save)) {
		char sql[512];
		char *sp = strchr(kl, ' ');
		*sp = '\0';
		snprintf(sql, sizeof(sql), "SELECT api_mail_template_set(kind, lang, subject, body)::text IS NULL"
			 "  FROM mail_templates WHERE kind = '%s' AND lang = '%s'", kl, sp + 1);
		struct db *db = testdb_open("tpl_bot");
		struct tt_error err;
		tt_error_init(&err);
		char *v = db_scalar(db, sql, 0, NULL, &err);
		ck_assert_msg(v, "%s %s: %s %s", kl, sp + 1, err.message ? err.message : "?",
			      err.nfields ? err.fields[0].message : "");
		free(v);
		tt_error_clear(&err);
		db_close(db);
	}
	free(rows);
}
END_TEST

/* Every shipped template's text after its greeting line begins a
 * sentence with a capital letter, in English as in Spanish: the
 * customer read "Hello Carla Contact,\n\nwe have received your
 * request" (956); an acknowledgement as it is mailed. */
START_TEST(shipped_templates_begin_sentences_with_a_capital)
{
	testdb_expect("SELECT coalesce(string_agg(kind || '/' || lang, ',' ORDER BY kind, lang), 'none')"
	       "  FROM mail_templates WHERE body ~ '^(Hello|Hola)[^\\n]*\\n\\n[[:lower:]]'", "none");
	ck_assert_int_eq(cli("tpl_alice", NULL, "ticket ack %lld --message 'We are on it.'", ticket), 0);
	testdb_expect("SELECT body LIKE E'Hello Carla Contact,\\n\\nWe have received your request and are working on it.\\n\\nWe are on it.\\n%'"
	       "  FROM mail_outbox WHERE kind = 'acknowledgement'", "t");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_templates");
	TCase *tc = tcase_create("mail_templates");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, template_without_its_message_is_refused);
	tcase_add_test(tc, unknown_placeholder_is_refused);
	tcase_add_test(tc, malformed_placeholder_is_refused);
	tcase_add_test(tc, good_template_is_saved_and_mail_carries_the_answer);
	tcase_add_test(tc, stored_template_without_message_still_sends_the_answer);
	tcase_add_test(tc, policy_refuses_control_characters);
	tcase_add_test(tc, shipped_templates_pass);
	tcase_add_test(tc, shipped_templates_begin_sentences_with_a_capital);
	tcase_add_test(tc, body_file_problems_say_why);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
