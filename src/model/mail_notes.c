/* The notes kept with a received mail, in words (see model/mail_notes.h). */
#include "model/mail_notes.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xalloc.h"

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
		sb_add(out, _("[this mail's MIME structure is broken: its text was read as it came; "
			      "the raw message is kept whole]"));
	} else if (!strcmp(code, "file_too_large")) {
		field(s, end, 1, file, sizeof(file));
		field(s, end, 2, bytes, sizeof(bytes));
		field(s, end, 3, limit, sizeof(limit));
		sb_addf(out, _("[attachment \"%s\" (%s bytes) is larger than the limit of %s bytes: "
			       "it was not stored separately and stays in the raw message]"),
			file, bytes, limit);
	} else if (!strcmp(code, "cut")) {
		field(s, end, 4, length, sizeof(length));
		field(s, end, 5, mail, sizeof(mail));
		sb_addf(out, _("[cut here: the mail's text is %s characters long; all of it is kept with "
			       "inbound mail %s: ticketty inbox show %s]"),
			length, mail, mail);
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
