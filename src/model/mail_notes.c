/* The notes kept with a received mail, in words (see model/mail_notes.h). */
#include "model/mail_notes.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/json.h"
#include "util/xalloc.h"

/* The words of each note, as formats (SQL's mail_notes_json formats them
 * alike: file, bytes, limit; length, mail, mail). Macros, so the
 * compiler checks each use against its format. */
#define MIME_BROKEN_WORDS \
	_("[this mail's MIME structure is broken: its text was read as it came; " \
	  "the raw message is kept whole]")
#define MIME_DEEP_WORDS \
	_("[this mail's MIME parts are nested more than 1024 levels deep: the parts below " \
	  "were read again on their own, those more than 2048 levels deep as plain text; " \
	  "the raw message is kept whole]")
#define CALENDAR_ONLY_WORDS \
	_("[this mail holds only a calendar invitation, no text: it is kept as an attachment]")
#define HEADER_TOO_LONG_WORDS \
	_("[some of this mail's headers are too long to read whole: only their start was read " \
	  "(its subject or sender may be cut short); the raw message is kept whole]")
#define FILE_TOO_LARGE_WORDS \
	_("[attachment \"%s\" (%s bytes) is larger than the limit of %s bytes: " \
	  "it was not stored separately and stays in the raw message]")
#define CUT_WORDS \
	_("[cut here: the mail's text is %s characters long; all of it is kept with " \
	  "inbound mail %s: ticketty inbox show %s]")

/* Field n (0-based, split by US) of the note [s, end), into buf. */
static void field(const char *s, const char *end, int n, char *buf, size_t size)
{
	for (; n > 0 && s < end; s++)
		if (*s == '\x1f')
			n--;
	const char *e = s;
	while (e < end && *e != '\x1f')
		e++;
	size_t len = (size_t)(e - s) < size - 1 ? (size_t)(e - s) : size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
}

/* The words of one note [s, end), or nothing when it is none ticketty
 * knows. */
static void note_words(const char *s, const char *end, struct strbuf *out)
{
	char code[32], file[1100], bytes[32], limit[32], length[32], mail[32]; /* a name: 255 characters, up to 4 bytes each */
	field(s, end, 0, code, sizeof(code));
	if (!strcmp(code, "mime_broken")) {
		sb_add(out, MIME_BROKEN_WORDS);
	} else if (!strcmp(code, "mime_deep")) {
		sb_add(out, MIME_DEEP_WORDS);
	} else if (!strcmp(code, "calendar_only")) {
		sb_add(out, CALENDAR_ONLY_WORDS);
	} else if (!strcmp(code, "header_too_long")) {
		sb_add(out, HEADER_TOO_LONG_WORDS);
	} else if (!strcmp(code, "file_too_large")) {
		field(s, end, 1, file, sizeof(file));
		field(s, end, 2, bytes, sizeof(bytes));
		field(s, end, 3, limit, sizeof(limit));
		sb_addf(out, FILE_TOO_LARGE_WORDS, file, bytes, limit);
	} else if (!strcmp(code, "cut")) {
		field(s, end, 4, length, sizeof(length));
		field(s, end, 5, mail, sizeof(mail));
		sb_addf(out, CUT_WORDS, length, mail, mail);
	}
}

void mail_notes_words(const char *flat, struct strbuf *out)
{
	struct strbuf one;
	sb_init(&one);
	for (const char *s = flat; s && *s;) {
		const char *end = strchr(s, '\x1e');
		if (!end)
			end = s + strlen(s);
		sb_reset(&one);
		note_words(s, end, &one);
		if (one.len) {
			if (out->len)
				sb_addc(out, '\n');
			sb_add(out, one.buf);
		}
		s = *end ? end + 1 : end;
	}
	sb_done(&one);
}

void mail_notes_append(char **text, const char *flat)
{
	if (!*text || !flat || !*flat)
		return;
	struct strbuf words;
	sb_init(&words);
	mail_notes_words(flat, &words);
	if (words.len) {
		size_t n = strlen(*text);
		while (n && strchr(" \t\r\n", (*text)[n - 1]))
			n--;
		char *joined = xasprintf("%.*s%s%s", (int)n, *text, n ? "\n\n" : "", words.buf);
		free(*text);
		*text = joined;
	}
	sb_done(&words);
}

char *mail_notes_words_json(void)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "{\"mime_broken\": ");
	json_add_string(&sb, MIME_BROKEN_WORDS, strlen(MIME_BROKEN_WORDS));
	sb_add(&sb, ", \"mime_deep\": ");
	json_add_string(&sb, MIME_DEEP_WORDS, strlen(MIME_DEEP_WORDS));
	sb_add(&sb, ", \"calendar_only\": ");
	json_add_string(&sb, CALENDAR_ONLY_WORDS, strlen(CALENDAR_ONLY_WORDS));
	sb_add(&sb, ", \"header_too_long\": ");
	json_add_string(&sb, HEADER_TOO_LONG_WORDS, strlen(HEADER_TOO_LONG_WORDS));
	sb_add(&sb, ", \"file_too_large\": ");
	json_add_string(&sb, FILE_TOO_LARGE_WORDS, strlen(FILE_TOO_LARGE_WORDS));
	sb_add(&sb, ", \"cut\": ");
	json_add_string(&sb, CUT_WORDS, strlen(CUT_WORDS));
	sb_addc(&sb, '}');
	return sb_detach(&sb);
}

void mail_note_heading(struct strbuf *out, const char *name, const char *address, const char *subject)
{
	sb_addf(out, _("Mail from %s <%s>, %s:"), name && *name ? name : address, address,
		subject && *subject ? subject : _("(no subject)"));
}
