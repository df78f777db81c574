/* libFuzzer harness for the receive path's parsing (mail/parse.c and the
 * HTML reader): whatever bytes an MTA hands `ticketty mail receive`, the
 * parse never fails, and every text it yields for the database (sender,
 * name, subject, body, ids, file names) is valid UTF-8 without NUL, the
 * subject and the sender's name one line without a control character,
 * file names safe (mail/part.h, mime_part_name), ids in angle brackets,
 * file sizes as declared. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mime.h"
#include "util/text.h"

static void check_text(const char *s, bool one_line)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (!utf8_valid(s, n))
		abort();
	if (one_line && (strchr(s, '\n') || strchr(s, '\r')))
		abort();
}

/* No C0 or C1 control, no DEL (s is valid UTF-8). */
static void check_no_controls(const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();
}

/* A file name as the store takes it: one line with no control, bidi or
 * line separator character, no path separator, no blank at either end,
 * not "." or ".." ("" for none). */
static void check_file_name(const char *s)
{
	check_text(s, true);
	size_t n = strlen(s);
	if (strchr(s, '/') || strchr(s, '\\') || !strcmp(s, ".") || !strcmp(s, ".."))
		abort();
	if (n && (s[0] == ' ' || s[n - 1] == ' '))
		abort();
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (text_is_unsafe(cp))
			abort();
	}
}

static void check_id(const char *s)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (n < 2 || s[0] != '<' || s[n - 1] != '>')
		abort();
	check_text(s, true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		mime_init();
		ready = 1;
	}
	struct mail_in m;
	mime_parse((const char *)data, size, NULL, &m);
	if (!m.body || !m.subject)
		abort();
	check_text(m.body, false);
	check_text(m.subject, true);
	check_text(m.from_address, true);
	check_text(m.from_name, true);
	check_no_controls(m.subject);
	check_no_controls(m.from_name);
	check_id(m.message_id);
	check_id(m.in_reply_to);
	for (size_t i = 0; i < m.nrefs; i++)
		check_id(m.refs[i]);
	for (size_t i = 0; i < m.nfiles; i++) {
		check_file_name(m.files[i].filename);
		if (!m.files[i].content_type || (m.files[i].len && !m.files[i].data))
			abort();
	}
	mail_in_done(&m);

	/* the HTML reader on the raw bytes as well (NUL-terminated copy) */
	char *html = malloc(size + 1);
	memcpy(html, data, size);
	html[size] = '\0';
	char *text = mime_html_to_text(html);
	if (!text)
		abort();
	free(text);
	free(html);
	return 0;
}
