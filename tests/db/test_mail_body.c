/* A customer's words reach the ticket whole or say where the rest is
 * (DESIGN §1.3; QA findings 5 and 6), through the real binary's `mail
 * receive`: a text longer than a comment holds is cut, and the ticket
 * says under it, in the reader's language, its length and `ticketty inbox
 * show ID`, which shows it all (the same for held mail put on its ticket
 * as a note, 370, 632); a
 * multipart whose boundary matches none of its parts, or that names
 * none, shows its words on the ticket and says that it was broken (in
 * the reader's language, a note kept with the mail, sql/632); any
 * received mail comes out whole with `inbox raw`. A held mail put on its
 * ticket as a note keeps its facts, its heading said in the reader's
 * language (and the notes stored before lose their English heading,
 * sql/730); a mail's notes are in ticket show --json, and under the
 * description of a ticket accepted from the inbox. The comment of
 * mail_inbound.notes names the notes the client says (sql/950). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/conn.h"
#include "model/mail_notes.h"
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

/* A customer's reply to ticket 1 in its thread, with message id `msgid`,
 * header lines `headers` (a subject, or none) and a blank text. */
static int cli_ticket_mail(const char *msgid, const char *headers)
{
	char *mail = xasprintf("From: Carla <carla@acme.example>\nMessage-ID: %s\n"
			       "In-Reply-To: <ticketty.1.1@desk.test>\n%s\n \n\n", msgid, headers);
	int rc = receive(testdb_mail_ids(mail));
	free(mail);
	return rc;
}

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
	/* the note's text is the mail's alone (its heading is said, 730) */
	ck_assert_msg(strlen(body) == 100000, "length %zu", strlen(body));
	ck_assert_int_eq(memcmp(body, text, 100000), 0);
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, mark), "%s", out + strlen(out) - 400);
	ck_assert_msg(strstr(out, "Mail from coo@desk.test <coo@desk.test>, Re: Down: | | log line 000001 "), "%.2000s", out);
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

/* Held mail `msgid` on ticket 1 (a CSM's answer from an address nobody
 * knew), from `name` (NULL for none), with `subject` and `body`; its id. */
static char *held(const char *msgid, const char *name, const char *subject, const char *body)
{
	const char *p[4] = { msgid, name, subject, body };
	return testdb_value("INSERT INTO mail_inbound (message_id, raw, from_name, from_address, subject, body,"
			    "                          ticket_id, state, hold_reason)"
			    " VALUES ($1, convert_to($4, 'UTF8'), $2, 'coo@desk.test', $3, $4, 1, 'held',"
			    "         'unknown_sender') RETURNING id", 4, p);
}

static void note(const char *id)
{
	char args[64];
	snprintf(args, sizeof(args), "inbox note %s", id);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 0);
}

/* A held mail put on its ticket as a note keeps its facts, not English
 * words (sql/730): the note's text is the mail's alone, and who wrote it
 * and its subject (or their absence) are said above it in the reader's
 * language, in ticket show and its JSON. */
START_TEST(held_mail_note_heading_in_the_readers_language)
{
	char *a = held("<csm1@desk>", "Cleo Coo", "Re: Down", "Calling them now\n");
	char *b = held("<csm2@desk>", NULL, "", " \n");
	note(a);
	note(b);
	testdb_expect("SELECT string_agg(replace(c.body, E'\\n', '\\n'), '|' ORDER BY c.id) FROM comments c"
		      " JOIN mail_inbound m ON m.comment_id = c.id WHERE m.message_id IN ('<csm1@desk>', '<csm2@desk>')",
		      "Calling them now|\\n");
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Mail from Cleo Coo <coo@desk.test>, Re: Down: | | Calling them now "), "%s", out);
	ck_assert_msg(strstr(out, "Mail from coo@desk.test <coo@desk.test>, (no subject): | | (no text) "), "%s", out);
	free(out);
	/* the JSON keeps the facts */
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, "ticket show 1 --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"body\": \"Calling them now\", \"mail\": {\"name\": \"Cleo Coo\","
				 " \"address\": \"coo@desk.test\", \"subject\": \"Re: Down\"}"), "%s", testdb_stdout());
	ck_assert_msg(strstr(testdb_stdout(), "\"body\": \"\\n\", \"mail\": {\"address\": \"coo@desk.test\"}"),
		      "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Correo de Cleo Coo <coo@desk.test>, Re: Down: | | Calling them now "), "%s", out);
	ck_assert_msg(strstr(out, "Correo de coo@desk.test <coo@desk.test>, (sin asunto): | | (sin texto) "), "%s", out);
	ck_assert_msg(!strstr(out, "Mail from") && !strstr(out, "(no "), "%s", out);
	free(out);
	test_lang("C.UTF-8");
	free(a);
	free(b);
}
END_TEST

/* A customer's reply with neither text nor subject keeps no English on
 * its ticket (sql/780): the message holds a newline and the reader is
 * told "(no text)" in their language; a blank reply with a subject keeps
 * the subject, the customer's words. A message stored before as
 * "(no text)" of such a mail becomes the newline at migration. */
START_TEST(blank_reply_said_in_the_readers_language)
{
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, "ticket ack 1 --message 'On it'"), 0);
	ck_assert_int_eq(cli_ticket_mail("<blank1@acme>", ""), 0);
	ck_assert_int_eq(cli_ticket_mail("<blank2@acme>", "Subject: Still broken\n"), 0);
	testdb_expect("SELECT string_agg(replace(c.body, E'\\n', '\\n'), '|' ORDER BY c.id) FROM comments c"
		      " JOIN mail_inbound m ON m.comment_id = c.id WHERE m.message_id LIKE '<blank_@acme>'",
		      "\\n|(Still broken)");
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, " (no text) ") && strstr(out, " (Still broken) "), "%s", out);
	free(out);
	test_lang("es_ES.UTF-8");
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, " (sin texto) ") && !strstr(out, "(no text)"), "%s", out);
	free(out);
	test_lang("C.UTF-8");
	/* as 370 stored it, then migrated: a subject's words stay */
	testdb_sql("UPDATE comments c SET body = '(no text)' FROM mail_inbound m"
		   " WHERE m.comment_id = c.id AND m.message_id = '<blank1@acme>';"
		   "UPDATE comments c SET body = '(no text)' FROM mail_inbound m"
		   " WHERE m.comment_id = c.id AND m.message_id = '<blank2@acme>';"
		   "DELETE FROM schema_migrations WHERE version = 780");
	int rc = testdb_cli(NULL, NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate: %d %s", rc, testdb_stderr());
	testdb_expect("SELECT string_agg(replace(c.body, E'\\n', '\\n'), '|' ORDER BY c.id) FROM comments c"
		      " JOIN mail_inbound m ON m.comment_id = c.id WHERE m.message_id LIKE '<blank_@acme>'",
		      "\\n|(no text)");
}
END_TEST

/* The notes put on tickets before 730 began with English words: the
 * migration takes off the heading exactly as 300/370 wrote it from the
 * note's own mail ("(no text)" of a mail without text becomes the
 * newline), and the customer's words stay; a note that does not begin
 * so (here a heading made up, not its mail's) is left as it is. 730 is
 * taken out (its functions) and applied again. */
START_TEST(old_held_mail_notes_lose_their_english_heading)
{
	char *a = held("<old1@desk>", "Cleo Coo", "Re: Down", "Calling them now");
	char *b = held("<old2@desk>", NULL, "", "");
	char *c = held("<old3@desk>", "Cleo Coo", "Re: Down", "Mail from me");
	note(a);
	note(b);
	note(c);
	/* in the form 300/370 stored */
	testdb_sql("UPDATE comments c SET body = v.body FROM mail_inbound m,"
		   " (VALUES ('<old1@desk>', E'Mail from Cleo Coo <coo@desk.test>, Re: Down:\n\nCalling them now\n\nok'),"
		   "         ('<old2@desk>', E'Mail from coo@desk.test <coo@desk.test>, (no subject):\n\n(no text)'),"
		   "         ('<old3@desk>', E'Mail from Cleo <coo@desk.test>, Re: Down:\n\nMail from me')) v(id, body)"
		   " WHERE m.comment_id = c.id AND m.message_id = v.id");
	testdb_sql("DROP FUNCTION api_comment_mail_head(bigint), mail_note_old_head(mail_inbound),"
		   " api_comment_mail_notes_json(bigint, jsonb), mail_notes_json(jsonb, jsonb),"
		   " api_ticket_mail_notes(bigint), api_ticket_mail_notes_json(bigint, jsonb),"
		   " ticket_mail_notes(bigint);"
		   "DELETE FROM schema_migrations WHERE version = 730");
	int rc = testdb_cli(NULL, NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate: %d %s", rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stdout(), "applied 1 migration"), "%s", testdb_stdout());
	testdb_expect("SELECT string_agg(m.message_id || '=' || replace(c.body, E'\\n', '\\n'), '|' ORDER BY c.id)"
		      " FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
		      " WHERE m.message_id LIKE '<old_@desk>'",
		      "<old1@desk>=Calling them now\\n\\nok|<old2@desk>=\\n"
		      "|<old3@desk>=Mail from Cleo <coo@desk.test>, Re: Down:\\n\\nMail from me");
	test_lang("es_ES.UTF-8");
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Correo de Cleo Coo <coo@desk.test>, Re: Down: | | Calling them now | | ok ") &&
		      strstr(out, "Correo de coo@desk.test <coo@desk.test>, (sin asunto): | | (sin texto) ") &&
		      strstr(out, " Mail from Cleo <coo@desk.test>, Re: Down: | | Mail from me "), "%s", out);
	free(out);
	test_lang("C.UTF-8");
	free(a);
	free(b);
	free(c);
}
END_TEST

/* The notes kept with a mail (632) are in ticket show --json, each with
 * its code, its facts and its words in the reader's language: under the
 * customer's message made of the mail. */
START_TEST(mail_notes_in_ticket_json)
{
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] mismatch\nMessage-ID: <mj@acme>\n"
				 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"abc\"\n\n"
				 "--xyz\nContent-Type: text/plain\n\nBroken but read.\n--xyz--\n"), 0);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, "ticket show 1 --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"body\": \"Broken but read.\", \"type\": \"customer\", \"author\": null,"
				 " \"mail_notes\": [{\"code\": \"mime_broken\", \"words\": \"" BROKEN_NOTE "\"}]"), "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, "ticket show 1 --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"mail_notes\": [{\"code\": \"mime_broken\", \"words\": \""
				 BROKEN_NOTE_ES "\"}]"), "%s", testdb_stdout());
	test_lang("C.UTF-8");
	/* a ticket made of no mail says none */
	ck_assert_msg(strstr(testdb_stdout(), "\"mail_notes\": [], "), "%s", testdb_stdout());
}
END_TEST

/* A file's name as the customer's mail gave it, made safe to keep: no
 * path separator or control character, and a name longer than 255
 * characters cut in its stem, its extension kept (it was cut at 255,
 * ".pdf" and all). */
START_TEST(attachment_names_made_safe)
{
	struct strbuf mail;
	sb_init(&mail);
	sb_add(&mail, "From: carla@acme.example\nSubject: files\nMessage-ID: <names@acme>\n"
		      "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
		      "--b\nContent-Type: text/plain\n\nThe files.\n"
		      "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"");
	for (int i = 0; i < 500; i++)
		sb_addc(&mail, 'x');
	sb_add(&mail, ".pdf\"\n\nPDF\n"
		      "--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\n\nP\n"
		      "--b\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"a\\\\b\x1b[2Jc.txt\"\n\nC\n"
		      "--b--\n");
	ck_assert_int_eq(receive(mail.buf), 0);
	sb_done(&mail);
	testdb_expect("SELECT string_agg(length(filename) || ' ' || right(filename, 6), ', ' ORDER BY a.id)"
		      "  FROM attachments a JOIN mail_inbound m ON m.id = a.inbound_id"
		      " WHERE m.message_id = '<names@acme>' AND a.content_type = 'application/pdf'",
		      "255 xx.pdf");
	testdb_expect("SELECT string_agg(filename, ' ' ORDER BY a.id)"
		      "  FROM attachments a JOIN mail_inbound m ON m.id = a.inbound_id"
		      " WHERE m.message_id = '<names@acme>' AND a.content_type = 'text/plain'",
		      ".._.._etc_passwd a_b_[2Jc.txt");
}
END_TEST

#define FILE_NOTE "[attachment \"log.txt\" (13 bytes) is larger than the limit of 4 bytes: it was not stored" \
	" separately and stays in the raw message]"
#define FILE_NOTE_ES "[el adjunto «log.txt» (13 bytes) supera el límite de 4 bytes: no se guardó por separado y" \
	" sigue en el mensaje original]"

/* A ticket accepted from the inbox says the notes of the mail its
 * description was made of under that description (ticket show, the
 * ticket screen's renderer) and in its JSON, in the reader's language. */
START_TEST(accepted_ticket_says_its_mails_notes)
{
	testdb_sql("UPDATE mail_policy SET value = '4' WHERE key = 'max_attachment_bytes'");
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Placements blank\nMessage-ID: <acc@acme>\n"
				 "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
				 "--b\nContent-Type: text/plain\n\nThe placements are blank.\n"
				 "--b\nContent-Type: text/plain; name=\"log.txt\"\nContent-Disposition: attachment;"
				 " filename=\"log.txt\"\n\nline one\nline\n--b--\n"), 0);
	char *id = val("SELECT id FROM mail_inbound WHERE message_id = '<acc@acme>'");
	testdb_expect("SELECT state || ' ' || notes::text FROM mail_inbound WHERE message_id = '<acc@acme>'",
		      "inbox [{\"file\": \"log.txt\", \"note\": \"file_too_large\", \"bytes\": 13, \"limit\": 4}]");
	char *args = xasprintf("inbox accept %s --set request_type=ad_serving --set reason=bug --set severity=3"
			       " --set impact=i --set object_ids=1 --set member_id=4242 --set repro_steps=r"
			       " --set browser='FF 1' --set os='L 1'", id);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, args), 0);
	long long t = strtoll(testdb_stdout(), NULL, 10);
	char *show = xasprintf("ticket show %lld", t);
	char *out = shown(show);
	ck_assert_msg(strstr(out, "Description The placements are blank. " FILE_NOTE " "), "%s", out);
	free(out);
	/* the ticket it was not accepted into says nothing of it */
	out = shown("ticket show 1");
	ck_assert_msg(!strstr(out, "[attachment"), "%s", out);
	free(out);
	char *json = xasprintf("ticket show %lld --json", t);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, json), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"mail_notes\": [{\"code\": \"file_too_large\", \"file\": \"log.txt\","
				 " \"bytes\": 13, \"limit\": 4, \"words\": \"[attachment \\\"log.txt\\\" (13 bytes) is larger than"
				 " the limit of 4 bytes: it was not stored separately and stays in the raw message]\"}]"), "%s", testdb_stdout());
	test_lang("es_ES.UTF-8");
	out = shown(show);
	ck_assert_msg(strstr(out, "The placements are blank. " FILE_NOTE_ES " "), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, json), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"words\": \"" FILE_NOTE_ES "\"}]"), "%s", testdb_stdout());
	test_lang("C.UTF-8");
	free(json);
	free(show);
	free(args);
	free(id);
}
END_TEST

/* A message cut to fit before 632 ended with an English line (370): 731
 * makes it what 632 makes of a cut text, the mail's first 100000
 * characters and a cut note on the mail, said in the reader's language;
 * only where the message is exactly what 370 made of the mail. A
 * threaded reply, a held mail made a note (its English heading too, 730)
 * and a reply whose line names another length (left as it is) are put
 * in 370's form; 730 and 731 are taken out and applied again. */
START_TEST(old_cut_marks_become_cut_notes)
{
	char *text = long_text();
	char *mail = xasprintf("From: Carla <carla@acme.example>\nSubject: Re: [#%lld] Ticket 1\n"
			       "Message-ID: <oc1@acme>\n\n%s\n", ticket, text);
	ck_assert_int_eq(receive(mail), 0);
	free(mail);
	mail = xasprintf("From: Carla <carla@acme.example>\nSubject: Re: [#%lld] Ticket 1\n"
			 "Message-ID: <oc2@acme>\n\n%s\n", ticket, text);
	ck_assert_int_eq(receive(mail), 0);
	char *h = held("<oc3@desk>", NULL, "Re: Down", text);
	note(h);
	char *r1 = val("SELECT id FROM mail_inbound WHERE message_id = '<oc1@acme>'");
	char *r2 = val("SELECT id FROM mail_inbound WHERE message_id = '<oc2@acme>'");
	/* 370's form: the text and the line make 100000 characters (a held
	 * mail's behind its heading); the second reply's line says 149999 */
	struct strbuf sb;
	sb_init(&sb);
	const char *head = "Mail from coo@desk.test <coo@desk.test>, Re: Down:\n\n";
	const char *id[3] = { r1, r2, h };
	for (int i = 0; i < 3; i++) {
		char *mark = xasprintf("\n\n[cut here: the mail's text is %d characters long; all of it is kept with"
				       " inbound mail %s: ticketty inbox show %s]", i == 1 ? 149999 : 150000, id[i], id[i]);
		sb_reset(&sb);
		if (i == 2)
			sb_add(&sb, head);
		size_t room = 100000 - strlen(mark) - sb.len;
		sb_addf(&sb, "%.*s%s", (int)room, text, mark);
		ck_assert_uint_eq(sb.len, 100000);
		const char *p[2] = { sb.buf, id[i] };
		free(testdb_value("UPDATE comments c SET body = $1 FROM mail_inbound m"
				  " WHERE m.comment_id = c.id AND m.id = $2::bigint RETURNING c.id", 2, p));
		free(mark);
	}
	sb_done(&sb);
	testdb_sql("UPDATE mail_inbound SET notes = '[]';"
		   "DROP FUNCTION api_comment_mail_head(bigint), mail_note_old_head(mail_inbound),"
		   " api_comment_mail_notes_json(bigint, jsonb), mail_notes_json(jsonb, jsonb),"
		   " api_ticket_mail_notes(bigint), api_ticket_mail_notes_json(bigint, jsonb),"
		   " ticket_mail_notes(bigint);"
		   "DELETE FROM schema_migrations WHERE version IN (730, 731)");
	int rc = testdb_cli(NULL, NULL, "db migrate");
	ck_assert_msg(rc == 0, "db migrate: %d %s", rc, testdb_stderr());
	ck_assert_msg(strstr(testdb_stdout(), "applied 2 migrations"), "%s", testdb_stdout());
	/* the mail's own first 100000 characters, and the note */
	char *sql = xasprintf("SELECT string_agg((c.body = left($1, 100000))::text || ' ' || length(c.body) || ' '"
			      " || m.notes::text, '|' ORDER BY m.id) FROM mail_inbound m JOIN comments c ON c.id = m.comment_id"
			      " WHERE m.id IN (%s, %s, %s)", r1, r2, h);
	const char *p[1] = { text };
	char *got = testdb_value(sql, 1, p);
	char *want = xasprintf("true 100000 [{\"mail\": %s, \"note\": \"cut\", \"length\": 150000}]"
			       "|false 100000 []"
			       "|true 100000 [{\"mail\": %s, \"note\": \"cut\", \"length\": 150000}]", r1, h);
	ck_assert_str_eq(got, want);
	/* said in the reader's language, once */
	test_lang("es_ES.UTF-8");
	char *out = shown("ticket show 1");
	char *es1 = marker_es(150000, r1), *es3 = marker_es(150000, h);
	ck_assert_msg(strstr(out, es1) && strstr(out, es3) && !strstr(out, "[cut here: the mail's text is 150000"),
		      "%.3000s", strstr(out, "Historial") ? strstr(out, "Historial") : out);
	test_lang("C.UTF-8");
	free(es1);
	free(es3);
	free(out);
	free(want);
	free(got);
	free(sql);
	free(r1);
	free(r2);
	free(h);
	free(mail);
	free(text);
}
END_TEST

/* The comment of mail_inbound.notes (632, 950) names every note the
 * client has words for (model/mail_notes.c: each note written, by the
 * mail bot or the SQL of mail_in.sql) and no other: a note added without
 * the comment, or dropped from it, fails here. */
START_TEST(notes_comment_names_every_note)
{
	char *words = mail_notes_words_json();
	const char *p[1] = { words };
	char *said = testdb_value("SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys($1::jsonb) k", 1, p);
	char *listed = val("SELECT string_agg(m[1], ',' ORDER BY m[1])"
			   "  FROM regexp_matches(col_description('ticketty.mail_inbound'::regclass,"
			   "                        (SELECT attnum FROM pg_attribute"
			   "                          WHERE attrelid = 'ticketty.mail_inbound'::regclass"
			   "                            AND attname = 'notes')),"
			   "                      '\"note\": \"([a-z_]+)\"', 'g') m");
	ck_assert_msg(said && strstr(said, "mime_broken,"), "%s", said ? said : "NULL");
	ck_assert_ptr_nonnull(listed);
	ck_assert_str_eq(listed, said);
	free(listed);
	free(said);
	free(words);
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
	tcase_add_test(tc, held_mail_note_heading_in_the_readers_language);
	tcase_add_test(tc, old_held_mail_notes_lose_their_english_heading);
	tcase_add_test(tc, blank_reply_said_in_the_readers_language);
	tcase_add_test(tc, mail_notes_in_ticket_json);
	tcase_add_test(tc, accepted_ticket_says_its_mails_notes);
	tcase_add_test(tc, attachment_names_made_safe);
	tcase_add_test(tc, old_cut_marks_become_cut_notes);
	tcase_add_test(tc, notes_comment_names_every_note);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
