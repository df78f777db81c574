/* Reading a delivery report (see mail/dsn.h). The report's parts are
 * GMime's; its "Name: value" blocks (RFC 3464 section 2.1) are read by
 * GMime's header parser, one block at a time, as the header of a message
 * whose body is the blocks after it. */
#include "mail/dsn.h"

#include <stdlib.h>
#include <string.h>

#include "mail/part.h"
#include "util/xalloc.h"

/* A report has one block for the report and one per recipient. */
#define DSN_BLOCKS_MAX 64
#define DSN_FIELD_MAX 300

/* A value as one line of valid UTF-8, blanks around it trimmed, at most
 * DSN_FIELD_MAX bytes (cut at a character); NULL when empty. */
static char *one_line(const char *v, size_t len)
{
	gchar *valid = g_utf8_make_valid(v, (gssize)len);
	for (gchar *p = valid; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	gchar *s = g_strstrip(valid);
	if (strlen(s) > DSN_FIELD_MAX)
		*g_utf8_find_prev_char(s, s + DSN_FIELD_MAX + 1) = '\0';
	char *out = *s ? xstrdup(s) : NULL;
	g_free(valid);
	return out;
}

/* The text after a value's type: "rfc822; bob@x" -> "bob@x". */
static char *after_type(const char *v)
{
	if (!v)
		return NULL;
	const char *semi = strchr(v, ';');
	const char *s = semi ? semi + 1 : v;
	return one_line(s, strlen(s));
}

/* The decoded content of a leaf part as a C string ("" when none). */
static char *leaf(GMimeObject *part)
{
	if (!GMIME_IS_PART(part))
		return xstrdup("");
	GByteArray *b = mime_part_bytes(part);
	char *out = xmalloc(b->len + 1);
	if (b->len)
		memcpy(out, b->data, b->len);
	out[b->len] = '\0';
	g_byte_array_unref(b);
	return out;
}

/* len bytes of text parsed as a message: its header is text's first
 * block of fields. */
static GMimeMessage *block(const char *text, size_t len, GMimeParserOptions *opts, struct mime_budget *budget)
{
	return mime_message_from(text, len, opts, budget);
}

/* The bytes of text up to and with its first blank line (a line that
 * is empty, or a CR alone): a block of fields as GMime reads one. */
static size_t block_len(const char *text)
{
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		if (!nl)
			return strlen(text);
		if (nl == p || (nl == p + 1 && *p == '\r'))
			return (size_t)(nl + 1 - text);
		p = nl + 1;
	}
}

/* The first recipient block whose Action is "failed": its address, Status
 * and Diagnostic-Code. False when no recipient failed. Each block is
 * given to GMime alone, up to its blank line (every block with the rest
 * of the fields behind it, copied and read as a body each time, took 64
 * times their length: 32 MiB of blocks, 11 s); the next starts where
 * GMime's header ended (at a line that is no field, else past the blank
 * line). */
static bool failed_recipient(const char *fields, GMimeParserOptions *opts, struct mime_budget *budget,
			     struct mail_bounce *b)
{
	const char *rest = fields;
	bool failed = false;
	for (int i = 0; i < DSN_BLOCKS_MAX && !failed && *rest; i++) {
		size_t len = block_len(rest);
		GMimeMessage *msg = block(rest, len, opts, budget);
		if (!msg)
			break;
		GMimeObject *obj = GMIME_OBJECT(msg);
		const char *action = g_mime_object_get_header(obj, "Action");
		char *act = action ? one_line(action, strlen(action)) : NULL;
		if (act && !g_ascii_strcasecmp(act, "failed")) {
			failed = true;
			b->recipient = after_type(g_mime_object_get_header(obj, "Final-Recipient"));
			if (!b->recipient)
				b->recipient = after_type(g_mime_object_get_header(obj, "Original-Recipient"));
			const char *st = g_mime_object_get_header(obj, "Status");
			b->status = st ? one_line(st, strlen(st)) : NULL;
			b->reason = after_type(g_mime_object_get_header(obj, "Diagnostic-Code"));
		}
		free(act);
		GMimeObject *body = g_mime_message_get_mime_part(msg);
		char *left = body ? leaf(body) : xstrdup("");
		size_t n = strlen(left);
		rest += n && n <= len ? len - n : len;
		free(left);
		g_object_unref(msg);
	}
	return failed;
}

/* The words a report's text sets beside or under the failed address
 * (Exim: the address, then the reason indented below it; Postfix:
 * "<address>: reason" on one line): after its first place in the text,
 * found in one pass (ASCII case ignored), where a search from each byte
 * of each line took time length * address (16 MiB of text, 5 s). */
static char *reason_in_text(const char *text, const char *address)
{
	if (!*address)
		return NULL;
	char *lower = g_ascii_strdown(text, -1), *want = g_ascii_strdown(address, -1);
	const char *at = strstr(lower, want);   /* the address is one line */
	char *said = NULL;
	if (at) {
		const char *s = text + (at - lower) + strlen(want);
		const char *end = s + strcspn(s, "\n");
		while (s < end && strchr(" \t:>", *s))
			s++;
		bool beside = s < end;
		if (beside)
			said = one_line(s, (size_t)(end - s));
		/* else the next line that says something */
		for (const char *p = *end ? end + 1 : end; !beside && !said && *p;) {
			const char *e = strchr(p, '\n');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			said = one_line(p, l);
			p += l + (e ? 1 : 0);
		}
	}
	g_free(lower);
	g_free(want);
	return said;
}

/* The Message-ID of the returned message or of its returned headers. */
static char *returned_id(GMimeObject *part, GMimeParserOptions *opts, struct mime_budget *budget)
{
	const char *id = NULL;
	char *out = NULL;
	if (GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		id = inner ? g_mime_message_get_message_id(inner) : NULL;
		return id ? g_strdup(id) : NULL;
	}
	char *headers = leaf(part);
	GMimeMessage *msg = block(headers, strlen(headers), opts, budget);
	free(headers);
	if (msg) {
		id = g_mime_message_get_message_id(msg);
		out = id ? g_strdup(id) : NULL;
		g_object_unref(msg);
	}
	return out;
}

bool dsn_read(GMimeMessage *msg, GMimeParserOptions *opts, struct mime_budget *budget, struct mail_bounce *b,
	      char **id)
{
	memset(b, 0, sizeof(*b));
	*id = NULL;
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	GMimeContentType *ct = top ? g_mime_object_get_content_type(top) : NULL;
	const char *report = ct ? g_mime_content_type_get_parameter(ct, "report-type") : NULL;
	if (!GMIME_IS_MULTIPART(top) || !g_mime_content_type_is_type(ct, "multipart", "report") || !report ||
	    g_ascii_strcasecmp(report, "delivery-status"))
		return false;
	GMimeMultipart *mp = GMIME_MULTIPART(top);
	char *text = NULL;
	bool failed = false;
	for (int i = 0; i < g_mime_multipart_get_count(mp); i++) {
		GMimeObject *part = g_mime_multipart_get_part(mp, i);
		GMimeContentType *pt = g_mime_object_get_content_type(part);
		if (!pt)
			continue;
		if (!text && g_mime_content_type_is_type(pt, "text", "plain")) {
			text = leaf(part);
		} else if (!failed && (g_mime_content_type_is_type(pt, "message", "delivery-status") ||
				       g_mime_content_type_is_type(pt, "message", "global-delivery-status"))) {
			char *fields = leaf(part);
			failed = failed_recipient(fields, opts, budget, b);
			free(fields);
		} else if (!*id && (g_mime_content_type_is_type(pt, "message", "rfc822") ||
				    g_mime_content_type_is_type(pt, "message", "global") ||
				    g_mime_content_type_is_type(pt, "text", "rfc822-headers") ||
				    g_mime_content_type_is_type(pt, "message", "global-headers"))) {
			*id = returned_id(part, opts, budget);
		}
	}
	if (failed && !b->reason && text && b->recipient)
		b->reason = reason_in_text(text, b->recipient);
	free(text);
	if (!failed) {
		dsn_done(b);
		g_free(*id);
		*id = NULL;
	}
	return failed;
}

void dsn_done(struct mail_bounce *b)
{
	free(b->message_id);
	free(b->recipient);
	free(b->status);
	free(b->reason);
	memset(b, 0, sizeof(*b));
}
