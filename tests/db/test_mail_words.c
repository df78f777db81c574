/* What a received mail says reaches the desk readable, through the real
 * binary's `mail receive`: a Subject and a sender's name whose encoded
 * words GMime reads wrongly (base64 that is none: shown as written;
 * Latin-1 under a UTF-8 label) or that hold raw Latin-1 bytes, in the
 * inbox and on the ticket, the raw mail kept whole; a text/enriched mail
 * as text; a mail that is only a calendar invitation keeps it as a file
 * and says so under its empty text, in the reader's language (a note,
 * sql/632); a mail nested deeper than GMime reads says that, not that
 * it is broken; attachment names mended as the Subject is, stored as safe
 * names (by the client and by the store); a mail with headers too long
 * to read in bounded time taken in quickly all the same, saying so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/monotime.h"
#include "util/strbuf.h"
#include "util/xalloc.h"
#include "ticket_fixture.h"
#include "testdb.h"

#define CALENDAR_NOTE "[this mail holds only a calendar invitation, no text: it is kept as an attachment]"
#define CALENDAR_NOTE_ES "[este correo solo contiene una invitación de calendario, sin texto: se conserva como adjunto]"
#define DEEP_NOTE \
	"[this mail's MIME parts are nested more than 1024 levels deep: the parts below were read again on" \
	" their own, those more than 2048 levels deep as plain text; the raw message is kept whole]"
#define DEEP_NOTE_ES \
	"[las partes MIME de este correo están anidadas a más de 1024 niveles de profundidad: las de más abajo" \
	" se leyeron de nuevo por separado, las de más de 2048 niveles como texto plano; el mensaje original se" \
	" conserva completo]"

#define LONG_NOTE \
	"[some of this mail's headers are too long to read whole: only their start was read (its subject or" \
	" sender may be cut short); the raw message is kept whole]"
#define LONG_NOTE_ES \
	"[algunas cabeceras de este correo son demasiado largas para leerlas enteras: solo se leyó su comienzo" \
	" (el asunto o el remitente pueden estar cortados); el mensaje original se conserva completo]"

static void setup(void)
{
	testdb_create();
	fixture_customer();
	testdb_agent("mail_alice", "engineer");
	testdb_agent("mail_bot", "admin");
	testdb_sql("INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-14T06:59:50Z', true);"
		   "UPDATE mail_policy SET value = 'support@desk.test' WHERE key IN ('from_address', 'reply_to');"
		   "UPDATE mail_policy SET value = 'desk.test' WHERE key = 'message_id_domain';");
	fixture_tickets(1, "client_services");
}

static int receive(const char *mail)
{
	return testdb_cli("mail_bot", mail, "mail receive");
}

/* The stdout of `args` as mail_alice, runs of blanks and line breaks as
 * one space. */
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

/* The raw mail stored for `msgid` is `mail`, byte for byte. */
static void raw_is(const char *msgid, const char *mail)
{
	struct strbuf hex;
	sb_init(&hex);
	for (const unsigned char *c = (const unsigned char *)mail; *c; c++)
		sb_addf(&hex, "%02x", *c);
	const char *p[2] = { msgid, hex.buf };
	char *same = testdb_value("SELECT raw = decode($2, 'hex') FROM mail_inbound WHERE message_id = $1", 2, p);
	ck_assert_msg(same && !strcmp(same, "t"), "raw of %s: %s", msgid, same ? same : "NULL");
	free(same);
	sb_done(&hex);
}

START_TEST(subject_and_name_readable)
{
	/* (a) and (b): a reply on ticket 1 from its contact */
	const char *reply = "From: =?UTF-8?Q?Carla_Garc=EDa?= <carla@acme.example>\n"
			    "Subject: Re: [#1] =?UTF-8?Q?Caf=E9?= =?UTF-8?B?***invalid***?=\n"
			    "Message-ID: <words1@acme>\n\nThe caf\xc3\xa9 page.\n";
	ck_assert_int_eq(receive(reply), 0);
	testdb_expect("SELECT state || '|' || from_name || '|' || subject FROM mail_inbound"
		      " WHERE message_id = '<words1@acme>'",
		      "threaded|Carla García|Re: [#1] Café =?UTF-8?B?***invalid***?=");
	raw_is("<words1@acme>", reply);
	/* (c): raw Latin-1 bytes from a stranger, held in the inbox */
	const char *stranger = "From: Jos\xe9 P\xe9rez <jose@else.example>\nSubject: Caf\xe9 cr\xe8me\n"
			       "Message-ID: <words2@else>\n\nHello.\n";
	ck_assert_int_eq(receive(stranger), 0);
	testdb_expect("SELECT from_name || '|' || subject FROM mail_inbound WHERE message_id = '<words2@else>'",
		      "José Pérez|Café crème");
	raw_is("<words2@else>", stranger);
	char *id = testdb_value("SELECT id FROM mail_inbound WHERE message_id = '<words2@else>'", 0, NULL);
	char *args = xasprintf("inbox show %s", id);
	char *out = shown(args);
	ck_assert_msg(strstr(out, "José Pérez") && strstr(out, "Café crème"), "%s", out);
	free(out);
	free(args);
	free(id);
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "The café page."), "%s", out);
	free(out);
}
END_TEST

START_TEST(enriched_mail_is_text)
{
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] rich\nMessage-ID: <enr@acme>\n"
				 "MIME-Version: 1.0\nContent-Type: text/enriched\n\n"
				 "The <bold>placements</bold> are\nblank <<again>.\n\nSince <italic>Monday</italic>.\n"), 0);
	testdb_expect("SELECT c.body || '|' || (SELECT count(*) FROM attachments a WHERE a.inbound_id = m.id)"
		      " FROM comments c JOIN mail_inbound m ON m.comment_id = c.id WHERE m.message_id = '<enr@acme>'",
		      "The placements are blank <again>.\nSince Monday.|0");
}
END_TEST

START_TEST(calendar_only_mail_says_so)
{
	const char *ics = "BEGIN:VCALENDAR\nVERSION:2.0\nMETHOD:REQUEST\nBEGIN:VEVENT\nSUMMARY:Review\n"
			  "END:VEVENT\nEND:VCALENDAR\n";
	char *mail = xasprintf("From: carla@acme.example\nSubject: Re: [#1] Meeting\nMessage-ID: <cal@acme>\n"
			       "MIME-Version: 1.0\nContent-Type: text/calendar; method=REQUEST; charset=UTF-8\n\n%s", ics);
	ck_assert_int_eq(receive(mail), 0);
	testdb_expect("SELECT m.state || '|' || m.body || '|' || m.notes FROM mail_inbound m"
		      " WHERE m.message_id = '<cal@acme>'", "threaded||[{\"note\": \"calendar_only\"}]");
	/* the invitation is a file on the ticket, whole */
	const char *p[1] = { ics };
	char *file = testdb_value("SELECT a.filename || '|' || a.content_type || '|' || (a.data = convert_to($1, 'UTF8'))"
				  "       || '|' || a.ticket_id FROM attachments a JOIN mail_inbound m ON m.id = a.inbound_id"
				  " WHERE m.message_id = '<cal@acme>'", 1, p);
	ck_assert_str_eq(file ? file : "NULL", "invite.ics|text/calendar|true|1");
	free(file);
	/* said under the message on the ticket and in the inbox, in the
	 * reader's language */
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "(Re: [#1] Meeting) " CALENDAR_NOTE), "%s", out);
	free(out);
	ck_assert_int_eq(testdb_cli("mail_alice", NULL, "ticket show 1 --json"), 0);
	ck_assert_msg(strstr(testdb_stdout(), "\"mail_notes\": [{\"code\": \"calendar_only\", \"words\": \""
				 CALENDAR_NOTE "\"}]"), "%s", testdb_stdout());
	char *id = testdb_value("SELECT id FROM mail_inbound WHERE message_id = '<cal@acme>'", 0, NULL);
	char *args = xasprintf("inbox show %s", id);
	out = shown(args);
	ck_assert_msg(strstr(out, CALENDAR_NOTE), "%s", out);
	free(out);
	test_lang("es_ES.UTF-8");
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "(Re: [#1] Meeting) " CALENDAR_NOTE_ES), "%s", out);
	free(out);
	out = shown(args);
	ck_assert_msg(strstr(out, CALENDAR_NOTE_ES), "%s", out);
	free(out);
	test_lang("C.UTF-8");
	/* with words beside it, nothing to say */
	ck_assert_int_eq(receive("From: carla@acme.example\nSubject: Re: [#1] Meeting\nMessage-ID: <cal2@acme>\n"
				 "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=B\n\n"
				 "--B\nContent-Type: text/plain\n\nLet us meet.\n"
				 "--B\nContent-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\nEND:VCALENDAR\n--B--\n"), 0);
	testdb_expect("SELECT body || '|' || notes FROM mail_inbound WHERE message_id = '<cal2@acme>'",
		      "Let us meet.|[]");
	free(args);
	free(id);
	free(mail);
}
END_TEST

START_TEST(deep_mail_says_so)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "From: carla@acme.example\nSubject: Re: [#1] deep\nMessage-ID: <deep@acme>\nMIME-Version: 1.0\n"
		    "Content-Type: multipart/mixed; boundary=\"b0\"\n\n");
	for (int i = 1; i < 1100; i++)
		sb_addf(&sb, "--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n", i - 1, i);
	sb_add(&sb, "--b1099\nContent-Type: text/plain\n\nDeep words.\n");
	for (int i = 1099; i >= 0; i--)
		sb_addf(&sb, "--b%d--\n", i);
	ck_assert_int_eq(receive(sb.buf), 0);
	testdb_expect("SELECT c.body || '|' || m.notes FROM comments c JOIN mail_inbound m ON m.comment_id = c.id"
		      " WHERE m.message_id = '<deep@acme>'", "Deep words.|[{\"note\": \"mime_deep\"}]");
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Deep words. " DEEP_NOTE) && !strstr(out, "is broken"), "%s", out);
	free(out);
	test_lang("es_ES.UTF-8");
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Deep words. " DEEP_NOTE_ES), "%s", out);
	free(out);
	test_lang("C.UTF-8");
	sb_done(&sb);
}
END_TEST

START_TEST(attachment_names_readable)
{
	/* names GMime read as "Caf?.pdf", "?{?.pdf", "se\uFFFDor.txt", with
	 * controls, a bidi override, a path */
	const char *mail =
		"From: carla@acme.example\nSubject: Re: [#1] files\nMessage-ID: <names@acme>\nMIME-Version: 1.0\n"
		"Content-Type: multipart/mixed; boundary=B\n\n--B\nContent-Type: text/plain\n\nThe files.\n"
		"--B\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"=?UTF-8?Q?Caf=E9.pdf?=\"\n\nA\n"
		"--B\nContent-Type: application/pdf; name=\"=?UTF-8?B?***invalid***?=.pdf\"\n\nB\n"
		"--B\nContent-Type: text/plain\nContent-Disposition: attachment; filename*=UTF-8''se%F1or.txt\n\nC\n"
		"--B\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"=?UTF-8?Q?a=0Ab=C2=85c=E2=80=AE.txt?=\"\n\nD\n"
		"--B\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"../x.txt\"\n\nE\n"
		"--B\nContent-Type: text/plain\nContent-Disposition: attachment; filename=\"..\"\n\nF\n--B--\n";
	ck_assert_int_eq(receive(mail), 0);
	testdb_expect("SELECT string_agg(a.filename || '=' || convert_from(a.data, 'UTF8') || ':' || a.ticket_id, '|'"
		      " ORDER BY a.id) FROM attachments a JOIN mail_inbound m ON m.id = a.inbound_id"
		      " WHERE m.message_id = '<names@acme>'",
		      "Café.pdf=A:1|=?UTF-8?B?***invalid***?=.pdf=B:1|señor.txt=C:1|a_b_c_.txt=D:1|.._x.txt=E:1|attachment=F:1");
	raw_is("<names@acme>", mail);
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Café.pdf") && strstr(out, "señor.txt"), "%s", out);
	free(out);
	/* the store's own guard, whatever the client sends and whatever the
	 * cluster's locale: a C1 control, a bidi override, separators */
	char *id = testdb_value("SELECT id FROM mail_inbound WHERE message_id = '<names@acme>'", 0, NULL);
	struct db *db = testdb_open("mail_bot");
	struct tt_error err;
	tt_error_init(&err);
	const char *names[] = { "a\xc2\x85" "b\xe2\x80\xae" "c/d\\e.txt", ".." };
	for (size_t i = 0; i < 2; i++) {
		const char *p[2] = { id, names[i] };
		PGresult *r = db_exec(db, "SELECT ticketty.api_mail_attach($1::bigint, $2, 'text/plain', '\\x41')", 2, p, &err);
		ck_assert_msg(r, "%s", err.message);
		PQclear(r);
	}
	db_close(db);
	testdb_expect("SELECT string_agg(filename, '|' ORDER BY id) FROM (SELECT * FROM attachments ORDER BY id DESC LIMIT 2) a",
		      "a_b_c_d_e.txt|attachment");
	free(id);
}
END_TEST

START_TEST(long_header_mail_is_taken_in)
{
	/* a Subject of 1 MiB of encoded words that never close and a To of
	 * 256 KiB of bare names: GMime's reading of each is quadratic (30
	 * and 60 s for `mail receive` before) */
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "From: Carla <carla@acme.example>\nTo: ");
	for (int i = 0; i < (1 << 17); i++)
		sb_add(&sb, "a,");
	sb_add(&sb, "\nMessage-ID: <long@acme>\nSubject: Re: [#1] ");
	for (int i = 0; i < (1 << 20) / 14; i++)
		sb_add(&sb, "=?UTF-8?B?QUJD");
	sb_add(&sb, "\n\nStill broken.\n");
	long long t0 = monotime_ms();
	ck_assert_int_eq(receive(sb.buf), 0);
	/* divided by TT_TEST_SLOWDOWN under valgrind (tests/run.sh) */
	const char *slow = getenv("TT_TEST_SLOWDOWN");
	double by = slow && atof(slow) >= 1 ? atof(slow) : 1;
	double s = (double)(monotime_ms() - t0) / 1e3 / by;
	ck_assert_msg(s < 10, "mail receive took %.1f s", s);
	/* taken in as ever (threaded by its tag), said to be read in part,
	 * the raw mail whole */
	testdb_expect("SELECT m.state || '|' || m.from_name || '|' || left(m.subject, 23) || '|' || (length(m.subject) <= 16384)"
		      " || '|' || c.body || '|' || m.notes FROM mail_inbound m JOIN comments c ON c.id = m.comment_id"
		      " WHERE m.message_id = '<long@acme>'",
		      "threaded|Carla|Re: [#1] =?UTF-8?B?QUJD|true|Still broken.|[{\"note\": \"header_too_long\"}]");
	raw_is("<long@acme>", sb.buf);
	char *out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Still broken. " LONG_NOTE), "%s", out);
	free(out);
	test_lang("es_ES.UTF-8");
	out = shown("ticket show 1");
	ck_assert_msg(strstr(out, "Still broken. " LONG_NOTE_ES), "%s", out);
	free(out);
	test_lang("C.UTF-8");
	sb_done(&sb);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mail_words");
	TCase *tc = tcase_create("mail_words");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, subject_and_name_readable);
	tcase_add_test(tc, enriched_mail_is_text);
	tcase_add_test(tc, calendar_only_mail_says_so);
	tcase_add_test(tc, deep_mail_says_so);
	tcase_add_test(tc, attachment_names_readable);
	tcase_add_test(tc, long_header_mail_is_taken_in);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
