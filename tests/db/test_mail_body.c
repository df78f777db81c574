/* A customer's words reach the ticket whole or say where the rest is
 * (DESIGN §1.3; QA findings 5 and 6), through the real binary's `mail
 * receive`: a text longer than a comment holds is cut, and the ticket
 * says under it, in the reader's language, its length and `ticketty inbox
 * show ID`, which shows it all (the same for held mail put on its ticket
 * as a note, 370, 632); a
 * multipart whose boundary matches none of its parts, or that names
 * none, shows its words on the ticket and says that it was broken (in
 * the reader's language, a note kept with the mail, sql/632); any
 * received mail comes out whole with `inbox raw`. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/conn.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "ticket_fixture.h"
#include "testdb.h"

static long long ticket;

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("mail_alice", "engineer");
	testdb_agent("mail_bot", "admin");
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true);"
		   "UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');"
		   "UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain';");
	ticket = fixture_tickets(1, "client_services");
}

static char *val(const char *sql)
{
	return testdb_value(sql, 0, NULL);
}

static int receive(const char *mail)
{
	return testdb_cli("mail_bot", mail, "mail receive");
}

/* The note said under a cut text of `len` characters of inbound mail
 * `id` (sql/632), as `shown` reads it, in English and in Spanish. */
static char *marker(long len, const char *id)
{
	return xasprintf("[cut here: the mail's text is %ld characters long; all of it is kept with"
			 " inbound mail %s: ticketty inbox show %s]", len, id, id);
}

static char *marker_es(long len, const char *id)
{
	return xasprintf("[corte aquí: el texto del correo tiene %ld caracteres; se conserva entero con el"
			 " correo recibido %s: ticketty inbox show %s]", len, id, id);
}

static char *shown(const char *args);

/* 150000 characters of a pasted log: numbered lines of 50 characters
 * (the last is the end of the mail). */
static char *long_text(void)
{
	struct strbuf sb;
	sb_init(&sb);
	for (int i = 1; i < 3000; i++)
		sb_addf(&sb, "log line %06d ........................ level=ok\n", i);
	sb_add(&sb, "THE END OF THE CUSTOMER'S LOG, FINAL LINE 3000....");
	ck_assert_uint_eq(sb.len, 150000);
	return sb_detach(&sb);
}

START_TEST(long_reply_ends_with_where_the_rest_is)
{
	char *text = long_text();
	char *mail = xasprintf("From: Carla <carla@acme.example>\nSubject: Re: [#%lld] Ticket 1\n"
			       "Message-ID: <long1@acme>\n\n%s\n", ticket, text);
	ck_assert_int_eq(receive(mail), 0);
	char *id = val("SELECT id FROM mail_inbound WHERE message_id = '<long1@acme>'");
	testdb_expect("SELECT state FROM mail_inbound WHERE message_id = '<long1@acme>'", "threaded");
	/* the comment is as long as a comment may be, the mail's first
	 * words; under it the ticket says where the rest is, in the reader's
	 * language (a note kept with the mail, 632) */
	char *body = val("SELECT c.body FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
			 " WHERE m.message_id = '<long1@acme>'");
	ck_assert_ptr_nonnull(body);
	ck_assert_msg(strlen(body) == 100000, "length %zu", strlen(body));
	ck_assert_int_eq(memcmp(body, text, 100000), 0);
	char *mark = marker(150000, id), *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, mark), "%s", out + strlen(out) - 400);
	free(out);
	free(mark);
	test_lang("es_ES.UTF-8");
	mark = marker_es(150000, id);
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, mark), "%s", out + strlen(out) - 400);
	free(out);
	test_lang("C.UTF-8");
	/* what the note says to run shows the whole text, its end too, and
	 * no note: the mail is whole */
	char args[64];
	snprintf(args, sizeof(args), "inbox show %s", id);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 0);
	ck_assert_msg(strstr(testdb_stdout(), "FINAL LINE 3000"), "stdout ends: %s",
		      testdb_stdout() + (strlen(testdb_stdout()) > 300 ? strlen(testdb_stdout()) - 300 : 0));
	ck_assert_msg(!strstr(testdb_stdout(), "[cut here"), "%s", testdb_stdout());
	/* a text that fits is put on the ticket as it came, no marker */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] Ticket 1\nMessage-ID: <short1@acme>\n\n"
				 "Short and whole.\n"), 0);
	testdb_expect("SELECT c.body FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
	       " WHERE m.message_id = '<short1@acme>'", "Short and whole.");
	free(body);
	free(mark);
	free(id);
	free(mail);
	free(text);
}
END_TEST

START_TEST(long_held_mail_note_ends_with_where_the_rest_is)
{
	char *text = long_text();
	const char *p[2] = { text, NULL };
	char tbuf[24];
	snprintf(tbuf, sizeof(tbuf), "%lld", ticket);
	p[1] = tbuf;
	char *id = testdb_value("INSERT INTO mail_inbound (message_id, raw, from_address, subject, body, ticket_id,"
				"                          state, hold_reason)"
				" VALUES ('<held1@desk>', convert_to($1, 'UTF8'), 'coo@desk.test', 'Re: Down', $1,"
				"         $2::bigint, 'held', 'unknown_sender') RETURNING id", 2, p);
	char args[64];
	snprintf(args, sizeof(args), "inbox note %s", id);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 0);
	char *mark = marker(150000, id);
	char *body = val("SELECT c.body FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
			 " WHERE m.message_id = '<held1@desk>'");
	ck_assert_ptr_nonnull(body);
	const char *head = "Mail from coo@desk.test <coo@desk.test>, Re: Down:\n\n";
	ck_assert_msg(strlen(body) == 100000, "length %zu", strlen(body));
	ck_assert_int_eq(strncmp(body, head, strlen(head)), 0);
	ck_assert_int_eq(memcmp(body + strlen(head), text, 100000 - strlen(head)), 0);
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, mark), "%s", out + strlen(out) - 400);
	free(out);
	free(body);
	free(mark);
	free(id);
	free(text);
}
END_TEST

#define BROKEN_NOTE \
	"[this mail's MIME structure is broken: its text was read as it came; the raw message is kept whole]"
#define BROKEN_NOTE_ES \
	"[la estructura MIME de este correo está rota: su texto se leyó tal como llegó; el mensaje original se" \
	" conserva completo]"

/* The words of `ticket show 1` and `inbox show ID`, as mail_alice, one
 * line (the text is wrapped to the terminal: line ends and indents are
 * read as one space). */
static char *shown(const char *args)
{
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 0);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *c = testdb_stdout(); *c; c++) {
		if (*c == '\n' || *c == ' ') {
			while (c[1] == '\n' || c[1] == ' ')
				c++;
			sb_addc(&sb, ' ');
		} else {
			sb_addc(&sb, *c);
		}
	}
	return sb_detach(&sb);
}

/* A broken multipart's words reach the ticket as they came, and the note
 * that it was broken is kept with the mail (sql/632), not in the text:
 * the ticket and the inbox say it under the text in the reader's
 * language, English or Spanish. */
START_TEST(broken_multipart_words_on_the_ticket)
{
	/* the boundary named is not the one the body uses */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] mismatch\nMessage-ID: <mis@acme>\n"
				 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"abc\"\n\n"
				 "--xyz\nContent-Type: text/plain\n\nImportant text with mismatched boundary.\n--xyz--\n"), 0);
	testdb_expect("SELECT m.state || '|' || c.body || '|' || m.body || '|' || m.notes FROM comments c"
	       " JOIN mail_inbound m ON m.comment_id = c.id WHERE m.message_id = '<mis@acme>'",
	       "threaded|Important text with mismatched boundary.|Important text with mismatched boundary."
	       "|[{\"note\": \"mime_broken\"}]");
	/* no boundary at all */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: [#1] no boundary\nMessage-ID: <nob@acme>\n"
				 "MIME-Version: 1.0\nContent-Type: multipart/mixed\n\n"
				 "--zz\nContent-Type: text/plain\n\nText inside missing-boundary multipart.\n--zz--\n"), 0);
	testdb_expect("SELECT c.body || '|' || m.notes FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
	       " WHERE m.message_id = '<nob@acme>'",
	       "Text inside missing-boundary multipart.|[{\"note\": \"mime_broken\"}]");
	/* words only in the preamble */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: [#1] preamble\nMessage-ID: <pre@acme>\n"
				 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"abc\"\n\n"
				 "The site is down again since 9:00.\n--abc--\n"), 0);
	testdb_expect("SELECT c.body FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
	       " WHERE m.message_id = '<pre@acme>'",
	       "The site is down again since 9:00.");
	/* a well-formed mail has no note */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: [#1] fine\nMessage-ID: <ok@acme>\n\nAll fine.\n"), 0);
	testdb_expect("SELECT notes FROM mail_inbound WHERE message_id = '<ok@acme>'", "[]");
	/* said under the text on the ticket, in English */
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Important text with mismatched boundary. " BROKEN_NOTE), "%s", out);
	ck_assert_msg(strstr(out, "The site is down again since 9:00. " BROKEN_NOTE), "%s", out);
	ck_assert_msg(!strstr(out, "All fine. [this"), "%s", out);
	free(out);
	/* to a developer too, who reads the customer's mail on tickets */
	testdb_agent("mail_dev", "developer");
	ck_assert_int_eq(testdb_cli("mail_dev", NULL, "ticket show 1"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "[this mail's MIME structure is broken:"), "%s", testdb_stdout());
	/* and in Spanish */
	test_lang("es_ES.UTF-8");
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Important text with mismatched boundary. " BROKEN_NOTE_ES), "%s", out);
	ck_assert_msg(!strstr(out, "MIME structure"), "%s", out);
	free(out);
	char *id = val("SELECT id FROM mail_inbound WHERE message_id = '<mis@acme>'");
	char *cmd = xasprintf("inbox show %s", id);
	out = shown(cmd);
	ck_assert_msg(strstr(out, "Important text with mismatched boundary. " BROKEN_NOTE_ES), "%s", out);
	free(out);
	test_lang("C.UTF-8");
	out = shown(cmd);
	ck_assert_msg(strstr(out, "Important text with mismatched boundary. " BROKEN_NOTE), "%s", out);
	free(out);
	free(cmd);
	free(id);
}
END_TEST

/* Any received mail, held or threaded too, comes out as it came with
 * `inbox raw` (a file, or a pipe; never a terminal), for support staff
 * only. */
START_TEST(raw_mail_comes_out_as_it_came)
{
	const char *mail = "From: robot@elsewhere.test\r\nSubject: =?iso-8859-1?q?Se=F1or?=\r\n"
			   "Auto-Submitted: auto-replied\r\nMessage-ID: <raw1@x>\r\n\r\nAway\xf1\r\n";
	ck_assert_int_eq(receive(mail), 0);
	char *id = val("SELECT id FROM mail_inbound WHERE message_id = '<raw1@x>'");
	testdb_expect("SELECT state FROM mail_inbound WHERE message_id = '<raw1@x>'", "held");
	char dir[] = "/tmp/tt-raw-XXXXXX", path[64], args[128];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/m.eml", dir);
	snprintf(args, sizeof(args), "inbox raw %s -o %s", id, path);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 0);
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	char got[512];
	size_t n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	remove(path);
	ck_assert_str_eq(got, mail);
	/* into a pipe */
	snprintf(args, sizeof(args), "inbox raw %s", id);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 0);
	ck_assert_str_eq(testdb_stdout(), mail);
	/* a file that cannot be made, a mail that is not there, a reader who may not */
	snprintf(args, sizeof(args), "inbox raw %s -o %s/no/such/dir/m.eml", id, dir);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 73);
	/* a file that takes nothing (a full disk): said, not taken for written */
	char full[128];
	snprintf(full, sizeof(full), "inbox raw %s -o /dev/full", id);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, full), 73);
	ck_assert_msg(strstr(testdb_stderr(), "/dev/full: No space left on device"), "stderr: %s",
		      testdb_stderr());
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, "inbox raw 999999"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "no such mail: 999999"), "stderr: %s", testdb_stderr());
	testdb_agent("mail_pm", "pm");
	ck_assert_int_eq(testdb_cli("mail_pm", NULL, args), 77);
	rmdir(dir);
	free(id);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_body");
	TCase *tc = tcase_create("mail_body");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, long_reply_ends_with_where_the_rest_is);
	tcase_add_test(tc, long_held_mail_note_ends_with_where_the_rest_is);
	tcase_add_test(tc, broken_multipart_words_on_the_ticket);
	tcase_add_test(tc, raw_mail_comes_out_as_it_came);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
