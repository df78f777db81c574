/* Every `--json` output is safe on a terminal (issue 16): hostile text
 * planted in the database (DEL, a C1 control that some terminals obey as
 * CSI, a bidirectional override, a line separator) comes out of the
 * escalations, notify, sla, admin, contacts, report, canned, mail,
 * inbox, search, ticket history and ticket similar commands as \uXXXX escapes,
 * never raw, for the role that runs each command. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "esc_fixture.h"
#include "testdb.h"
#include "util/xalloc.h"

static struct esc_fixture fx;

/* DEL, U+009B (CSI), U+202E (RIGHT-TO-LEFT OVERRIDE), U+2028, U+061C
 * (ARABIC LETTER MARK), U+FEFF (BYTE ORDER MARK) */
#define HOSTILE "x\x7f" "y\xc2\x9b" "2Jz\xe2\x80\xae" "w\xe2\x80\xa8" "v\xd8\x9c" "u\xef\xbb\xbf" "t"

static void setup(void)
{
	esc_fixture_setup(&fx);
	const char *p[1] = { "Hostile " HOSTILE };
	free(testdb_value("UPDATE customers SET name = $1, account_rep_name = $1", 1, p));
	free(testdb_value("UPDATE contacts SET name = $1", 1, p));
	free(testdb_value("UPDATE agents SET display_name = $1 WHERE login = 'esc_eng'", 1, p));
	free(testdb_value("UPDATE tickets SET title = $1", 1, p));
	free(testdb_value("UPDATE calendars SET name = $1", 1, p));
	free(testdb_value("INSERT INTO canned_replies (key, lang, title, body) VALUES ('hostile', 'en', $1, $1)", 1, p));
	free(testdb_value("UPDATE mail_templates SET subject = $1", 1, p));
	free(testdb_value("INSERT INTO admin_events (action, object_kind, object_name) VALUES ('customer.set', 'customer', $1)",
			  1, p));
	free(testdb_value("INSERT INTO mail_inbound (message_id, raw, subject, body, state, from_address)"
			  " VALUES ('<h@x>', '\\x00', $1, $1, 'inbox', 'h@example.com')", 1, p));
}

/* out holds no raw DEL, C1, bidi control or line separator, and does
 * hold the escapes of the planted text. */
static void safe(const char *login, const char *args)
{
	int rc = testdb_cli(login, NULL, args);
	const char *out = testdb_stdout();
	ck_assert_msg(rc == 0, "%s as %s: exit %d\n%s", args, login, rc, testdb_stderr());
	for (const unsigned char *c = (const unsigned char *)out; *c; c++) {
		bool c1 = c[0] == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f;
		bool bidi = c[0] == 0xe2 && c[1] == 0x80 && (c[2] == 0x8e || c[2] == 0x8f ||
							   (c[2] >= 0xa8 && c[2] <= 0xae));
		bool isolate = c[0] == 0xe2 && c[1] == 0x81 && c[2] >= 0xa6 && c[2] <= 0xa9;
		bool alm = c[0] == 0xd8 && c[1] == 0x9c;
		bool bom = c[0] == 0xef && c[1] == 0xbb && c[2] == 0xbf;
		ck_assert_msg(!c1 && !bidi && !isolate && !alm && !bom && *c != 0x7f,
			      "%s as %s: raw control at offset %td:\n%s", args, login,
			      (const char *)c - out, out);
	}
	ck_assert_msg(strstr(out, "x\\u007fy\\u009b2Jz\\u202ew\\u2028v\\u061cu\\ufefft"),
		      "%s as %s: the planted text is not there, escaped:\n%s", args, login, out);
}

START_TEST(every_json_output_escapes_hostile_text)
{
	char *args;
	/* escalations and the notifications they make */
	args = xasprintf("escalate %lld --reason \"$(printf 'reason x\\177y\\302\\2332Jz\\342\\200\\256w\\342\\200\\250v\\330\\234u\\357\\273\\277t')\"",
			 fx.t1);
	ck_assert_int_eq(testdb_cli("esc_eng", NULL, args), 0);
	free(args);
	safe("esc_eng", "escalations --json");
	safe("esc_csm1", "notify mine --json");
	safe("esc_adm", "notify pending --json");
	args = xasprintf("sla explain %lld --json", fx.t1);
	safe("esc_eng", args);
	free(args);
	/* admin */
	safe("esc_adm", "admin customer list --json");
	safe("esc_adm", "admin agent list --json");
	safe("esc_adm", "admin audit --json");
	safe("esc_adm", "admin template list --json");
	/* the rest */
	safe("esc_eng", "contacts list \"$(printf 'Hostile x\\177y\\302\\2332Jz\\342\\200\\256w\\342\\200\\250v\\330\\234u\\357\\273\\277t')\" --json");
	safe("esc_eng", "canned list --json");
	safe("esc_eng", "inbox list --json");
	safe("esc_eng", "report escalations --by customer --format json --to 2100-01-01");
	/* a ticket's other tickets, the likely duplicates, a customer's
	 * contacts as the admin sees them */
	args = xasprintf("ticket history %lld --json", fx.t1);
	safe("esc_eng", args);
	free(args);
	safe("esc_eng", "ticket similar --customer \"$(printf 'Hostile x\\177y\\302\\2332Jz\\342\\200\\256w\\342\\200\\250v\\330\\234u\\357\\273\\277t')\""
			" --title Hostile --json");
	/* the search's results name the customer and the ticket's title
	 * (search --json printed them with the DEL, C1 and bidi raw) */
	safe("esc_eng", "search Hostile --all --json");
	char *customer = testdb_value("SELECT id FROM customers WHERE member_id = 1001", 0, NULL);
	args = xasprintf("admin contact list %s --json", customer);
	safe("esc_adm", args);
	free(args);
	free(customer);
	esc_expect("SELECT count(*) FROM escalations", "1");
}
END_TEST

static Suite *json_safe_suite(void)
{
	Suite *s = suite_create("json_safe");
	TCase *tc = tcase_create("cli");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, every_json_output_escapes_hostile_text);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(json_safe_suite)
