/* Taking a received message apart with GMime: sender, decoded subject
 * (RFC 2047; the encoded words GMime reads wrongly mended first, words.c;
 * both one line), threading headers, automatic-sender signs (Auto-Submitted
 * and the auto-responders' own headers, Precedence, List-*, null sender,
 * mailer daemons, delivery reports), the
 * readable text (text/plain in any charset converted to UTF-8; every
 * inline HTML or enriched part turned into text when the plain text is
 * missing or blank), every other part as a file (its name mended and
 * made one safe line, names.c; a calendar invitation that is all the
 * mail says is noted as such), and what a report of a failed delivery
 * says (mail/dsn.h). Each header is cut before GMime reads it when it is
 * longer than can be read in bounded time (headers.c), and that is
 * noted. Whatever GMime
 * cannot make a message of is kept as text: nothing is refused here; a
 * multipart whose parts it cannot find (a boundary that matches none,
 * none at all, words only in the preamble) gives its words all the same,
 * and broken is set, as for a multipart cut short before its end or a
 * part whose base64 is damaged: the store notes it with the mail
 * (sql/632), said in the reader's language where the mail is shown, not
 * in its text. Parts nested deeper than GMime reads (1024 levels) are
 * read the same way, and noted as deep, not broken. */
#include "mail/mime.h"

#include <errno.h>
#include <gmime/gmime.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "mail/dsn.h"
#include "mail/part.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* What GMime's parser warned of (parser_warning). */
struct warned {
	bool cut_short;  /* the input ended inside the message */
	bool too_deep;   /* parts nested past its limit were not read as parts */
	struct mime_budget *budget; /* the mail's parses (mail/part.h) */
	unsigned stopped; /* the parse (budget->parses) ended at stop_at */
	gint64 stop_at;  /* where the part nested too deep starts (its header) */
};

struct walk {
	struct mail_in *m;
	struct strbuf plain;
	struct strbuf html; /* every inline HTML or enriched part as text, in order */
	size_t nplain;
	size_t cap;
	GMimeParserOptions *opts;
	struct mime_budget *budget; /* the mail's headers read (mail/part.h) */
	const struct warned *warned; /* what GMime's parser said */
	struct strbuf stray; /* words of broken multiparts, read as they came */
	bool mended;     /* walking a broken multipart read again (no second mend) */
	bool stopped;    /* walking a parse ended at parts nested too deep */
	bool broken;     /* a multipart held no part its boundary opens */
	bool deep;       /* one held none as it lay below GMime's depth limit */
	size_t ncalendar; /* text/calendar parts, kept as files */
};

/* Valid UTF-8 with LF line ends and no NUL (PostgreSQL text holds none). */
static char *clean_text(const char *s, size_t len)
{
	gchar *valid = g_utf8_make_valid(s, (gssize)len);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = valid; *p; p++) {
		if (*p == '\r') {
			if (p[1] != '\n')
				sb_addc(&sb, '\n');
			continue;
		}
		sb_addc(&sb, *p);
	}
	g_free(valid);
	return sb_detach(&sb);
}

/* A header's decoded value (a subject, a name) as one line of valid
 * UTF-8: each run of control characters an encoded word or the raw
 * header held (a line break, a tab, an escape, a C1 control; U+2028 and
 * U+2029) is one space, as intake reads a title (sql/520); none at
 * either end. */
static char *one_line(const char *s)
{
	char *clean = clean_text(s, strlen(s));
	struct strbuf sb;
	sb_init(&sb);
	bool gap = false;
	for (const char *p = clean; *p;) {
		gunichar c = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		if (text_is_control(c)) {
			if (!gap)
				sb_addc(&sb, ' ');
			gap = true;
		} else {
			sb_addn(&sb, p, (size_t)(next - p));
			gap = false;
		}
		p = next;
	}
	free(clean);
	char *line = sb_detach(&sb);
	g_strstrip(line);
	return line;
}

static char *dup_clean(const char *s)
{
	return s ? one_line(s) : NULL;
}

/* A message id in angle brackets, as one line of valid UTF-8: GMime hands
 * some ids out undecoded, and the database takes no invalid bytes. */
static char *bracket(const char *id)
{
	if (!id || !*id)
		return NULL;
	char *clean = clean_text(id, strlen(id));
	for (char *p = clean; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '_';
	char *out = xasprintf("<%s>", clean);
	free(clean);
	return out;
}

static void add_file(struct walk *w, const char *name, const char *type, GByteArray *bytes)
{
	struct mail_in *m = w->m;
	if (m->nfiles == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 4;
		m->files = xrealloc(m->files, w->cap * sizeof(*m->files));
	}
	struct mail_file *f = &m->files[m->nfiles++];
	f->filename = name ? clean_text(name, strlen(name)) : xstrdup("");
	f->content_type = xstrdup(type ? type : "application/octet-stream");
	f->len = bytes->len;
	f->data = xmalloc(bytes->len + 1);
	if (bytes->len)   /* an empty part's array has no data at all (NULL) */
		memcpy(f->data, bytes->data, bytes->len);
}

static void save_object(struct walk *w, GMimeObject *obj, const char *name, const char *type)
{
	GMimeStream *mem = g_mime_stream_mem_new();
	if (GMIME_IS_MESSAGE_PART(obj)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
		if (inner)
			g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, mem);
	} else {
		GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(obj));
		if (content)
			g_mime_data_wrapper_write_to_stream(content, mem);
	}
	add_file(w, name, type, g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem)));
	g_object_unref(mem);
}

GByteArray *mime_part_bytes(GMimeObject *part)
{
	GMimeStream *mem = g_mime_stream_mem_new();
	GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
	if (content)
		g_mime_data_wrapper_write_to_stream(content, mem);
	GByteArray *owned = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	GByteArray *b = g_byte_array_sized_new(owned->len);
	g_byte_array_append(b, owned->data, owned->len);
	g_object_unref(mem);   /* frees `owned` */
	return b;
}

/* True when s is UTF-8 but for NUL bytes (g_utf8_validate_len takes a NUL
 * for an error). */
static bool utf8_but_nul(const char *s, size_t len)
{
	const gchar *end;
	while (!g_utf8_validate_len(s, len, &end)) {
		if (*end)
			return false;
		len -= (size_t)(end - s) + 1;
		s = end + 1;
	}
	return true;
}

/* True when s holds at least one valid UTF-8 sequence of two bytes or
 * more: text that is UTF-8, perhaps with a few broken bytes. */
static bool has_utf8_multibyte(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if ((unsigned char)s[i] < 0x80)
			continue;
		gunichar c = g_utf8_get_char_validated(s + i, (gssize)(len - i));
		if (c != (gunichar)-1 && c != (gunichar)-2)
			return true;
	}
	return false;
}

/* len bytes in charset cs as UTF-8, each byte the converter cannot read
 * (the label lies, or the text is damaged) made U+FFFD where it stood:
 * nothing is dropped without a mark (GMime's charset filter drops such
 * bytes silently, "Caf\xc3\xa9" under a Shift_JIS label read "Caf").
 * *whole says whether every byte was read. NULL when no converter knows
 * cs; g_free the result. */
static gchar *convert_marked(const char *data, size_t len, const char *cs, size_t *n, bool *whole)
{
	iconv_t cd = g_mime_iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return NULL;
	GString *out = g_string_sized_new(len + 16);
	char *in = (char *)data;
	size_t left = len;
	char buf[4096];
	*whole = true;
	while (left > 0) {
		char *o = buf;
		size_t room = sizeof(buf);
		size_t r = iconv(cd, &in, &left, &o, &room);
		int e = errno;
		g_string_append_len(out, buf, (gssize)(o - buf));
		if (r == (size_t)-1 && e != E2BIG) {
			/* EILSEQ, or EINVAL: a sequence cut short at the end */
			*whole = false;
			g_string_append(out, "\xef\xbf\xbd");
			in++;
			left--;
		}
	}
	char *o = buf;
	size_t room = sizeof(buf);
	iconv(cd, NULL, NULL, &o, &room);   /* what a stateful charset ends with */
	g_string_append_len(out, buf, (gssize)(o - buf));
	g_mime_iconv_close(cd);
	*n = out->len;
	return g_string_free(out, FALSE);
}

/* Bytes in charset cs as clean UTF-8 (clean_text): a declared charset
 * converted by the converter of that name, a byte it cannot read marked
 * U+FFFD (convert_marked), unless the bytes are UTF-8 (a wrong label:
 * "Caf\xc3\xa9" under Shift_JIS is "Café"); with no charset (or a wrong
 * "us-ascii") and bytes that are not UTF-8, read as Windows-1252 (a
 * superset of ISO-8859-1), as mail clients do; the same for a part
 * labelled UTF-8 whose 8-bit bytes form no UTF-8 at all (Latin-1 sent
 * under a wrong label: "se\xf1or" is "señor", not "se\uFFFDor"); a
 * charset no converter knows ("unknown-8bit", a misspelt name) is read as
 * no charset at all; UTF-8 with a few broken bytes, the bytes made valid.
 * A NUL becomes U+FFFD and the text after it is kept. Text parts and the
 * encoded words of a header (words.c) are read so. */
char *mime_charset_text(const char *data, size_t len, const char *cs)
{
	bool undeclared = !cs || !g_ascii_strcasecmp(cs, "us-ascii");
	bool utf8 = cs && (!g_ascii_strcasecmp(cs, "utf-8") || !g_ascii_strcasecmp(cs, "utf8"));
	gchar *conv = NULL;
	gsize nconv = 0;
	if (!undeclared && !utf8) {
		bool whole = true;
		conv = convert_marked(data, len, cs, &nconv, &whole);
		if (!conv) {
			undeclared = true;   /* no converter from that name */
		} else if (!whole && utf8_but_nul(data, len)) {
			g_free(conv);        /* UTF-8 under a wrong label */
			conv = NULL;
		}
	}
	if (!conv && (undeclared || utf8) && len && !utf8_but_nul(data, len) &&
	    (undeclared || !has_utf8_multibyte(data, len)))
		conv = g_convert(data, (gssize)len, "UTF-8", "WINDOWS-1252", NULL, &nconv, NULL);
	char *text = conv ? clean_text(conv, nconv) : len ? clean_text(data, len) : xstrdup("");
	g_free(conv);
	return text;
}

/* A text part as clean UTF-8, in the charset it declares
 * (mime_charset_text). */
static char *part_text(GMimeObject *part)
{
	GByteArray *b = mime_part_bytes(part);
	char *text = mime_charset_text((const char *)b->data, b->len,
				       g_mime_object_get_content_type_parameter(part, "charset"));
	g_byte_array_unref(b);
	return text;
}

/* Raw bytes (a multipart's preamble or epilogue) as clean UTF-8: in the
 * charset the multipart declares when GMime can convert from it, else as
 * an undeclared text part is read (UTF-8, or Windows-1252). */
static char *raw_text(const char *data, size_t len, const char *cs)
{
	gsize n = 0;
	gchar *conv = NULL;
	if (cs && g_ascii_strcasecmp(cs, "us-ascii") && g_ascii_strcasecmp(cs, "utf-8"))
		conv = g_convert(data, (gssize)len, "UTF-8", cs, NULL, &n, NULL);
	if (!conv && len && !utf8_but_nul(data, len))
		conv = g_convert(data, (gssize)len, "UTF-8", "WINDOWS-1252", NULL, &n, NULL);
	char *text = conv ? clean_text(conv, n) : clean_text(data, len);
	g_free(conv);
	return text;
}

/* The boundary the first delimiter line of s opens ("--xyz" at a line's
 * start: 1 to 70 characters, RFC 2046), or NULL; caller frees. */
static char *delimiter_in(const char *s)
{
	for (const char *line = s; *line; ) {
		const char *next = strchr(line, '\n');
		bool dashes = line[0] == '-' && line[1] == '-';
		const char *b = dashes ? line + 2 : NULL;
		line = next ? next + 1 : line + strlen(line);
		if (!b)
			continue;
		size_t n = strcspn(b, "\r\n");
		while (n && (b[n - 1] == ' ' || b[n - 1] == '\t'))
			n--;
		if (n == 0 || n > 70 || b[n - 1] == '-')
			continue;
		bool ok = true;
		for (size_t i = 0; i < n && ok; i++)
			ok = g_ascii_isalnum(b[i]) || strchr("'()+_,-./:=? ", b[i]);
		if (ok)
			return g_strndup(b, n);
	}
	return NULL;
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data);

/* A multipart GMime found no part in (its boundary matches no delimiter
 * line, or it has none): what it holds is its preamble and epilogue.
 * When they hold delimiter lines of another boundary, they are read again
 * as a multipart of that boundary and its parts walked (text, files);
 * else, or when that finds no part either, their words are the text. */
static void empty_multipart(struct walk *w, GMimeObject *part)
{
	GMimeMultipart *mp = GMIME_MULTIPART(part);
	const char *pre = g_mime_multipart_get_prologue(mp);
	const char *epi = g_mime_multipart_get_epilogue(mp);
	struct strbuf stray;
	sb_init(&stray);
	if (pre)
		sb_add(&stray, pre);
	if (pre && epi)
		sb_addc(&stray, '\n');
	if (epi)
		sb_add(&stray, epi);
	bool blank = true;
	for (size_t i = 0; i < stray.len && blank; i++)
		blank = g_ascii_isspace(stray.buf[i]);
	if (blank) {
		sb_done(&stray);
		return;
	}
	/* GMime reads the parts of multiparts nested at most 1024 deep
	 * (GMIME_CRIT_NESTING_OVERFLOW): below that a multipart's body is its
	 * preamble, its own delimiter lines in it. That is depth, not damage:
	 * its parts are read again here as any stray ones (1024 levels more;
	 * below those, read as they came), and the note says so (deep). */
	char *boundary = delimiter_in(stray.buf);
	const char *own = g_mime_object_get_content_type_parameter(part, "boundary");
	if (w->warned->too_deep && boundary && own && !strcmp(boundary, own)) {
		w->deep = true;
		if (w->stopped) {
			/* the parse ended in it: mime_parse reads on from its
			 * header (read_deep) */
			g_free(boundary);
			sb_done(&stray);
			return;
		}
	} else {
		w->broken = true;
	}
	if (w->mended) {
		g_free(boundary);
		boundary = NULL;
	}
	bool read = false;
	if (boundary) {
		struct strbuf again;
		sb_init(&again);
		sb_add(&again, "Content-Type: multipart/mixed; boundary=\"");
		sb_add(&again, boundary);
		sb_add(&again, "\"\n\n");
		sb_addn(&again, stray.buf, stray.len);
		GMimeMessage *msg = mime_message_from(again.buf, again.len, w->opts, w->budget);
		GMimeObject *body = msg ? g_mime_message_get_mime_part(msg) : NULL;
		if (body && GMIME_IS_MULTIPART(body) && g_mime_multipart_get_count(GMIME_MULTIPART(body)) > 0) {
			w->mended = true;
			g_mime_multipart_foreach(GMIME_MULTIPART(body), visit, w);
			w->mended = false;
			read = true;
		}
		if (msg)
			g_object_unref(msg);
		sb_done(&again);
		g_free(boundary);
	}
	if (!read) {
		char *text = raw_text(stray.buf, stray.len, g_mime_object_get_content_type_parameter(part, "charset"));
		if (w->stray.len)
			sb_add(&w->stray, "\n\n");
		sb_add(&w->stray, text);
		free(text);
	}
	sb_done(&stray);
}

/* True when a part sent in base64 holds bytes that are no base64 (a
 * line a gateway added, a part damaged on the way): GMime's decoder
 * skips them, so what comes out may be garbled, and the mail is noted
 * as broken (its raw message is kept whole). */
static bool base64_damaged(GMimeObject *part)
{
	GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
	if (!content || g_mime_data_wrapper_get_encoding(content) != GMIME_CONTENT_ENCODING_BASE64)
		return false;
	GMimeStream *raw = g_mime_data_wrapper_get_stream(content);
	if (!raw || g_mime_stream_reset(raw) < 0)
		return false;
	bool damaged = false;
	char buf[4096];
	ssize_t n;
	while (!damaged && (n = g_mime_stream_read(raw, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n && !damaged; i++)
			damaged = !g_ascii_isalnum(buf[i]) && !(buf[i] && strchr("+/= \t\r\n", buf[i]));
	g_mime_stream_reset(raw);
	return damaged;
}

/* True when the part's Content-Type says nothing GMime can read as a
 * type ("text" with no subtype, a bare word, nothing at all): GMime makes
 * it application/octet-stream, and the customer's words became a nameless
 * file. RFC 2045 5.2 reads such a part as text/plain (in US-ASCII, which
 * part_text takes as undeclared). */
static bool type_unreadable(GMimeObject *part, GMimeContentType *ct)
{
	const char *raw = g_mime_object_get_header(part, "Content-Type");
	if (!raw || !ct || !g_mime_content_type_is_type(ct, "application", "octet-stream"))
		return false;
	while (g_ascii_isspace(*raw))
		raw++;
	return g_ascii_strncasecmp(raw, "application/octet-stream", 24) != 0;
}

/* True for text/enriched (RFC 1896) and text/richtext (RFC 1341, the
 * one before it): text with formatting commands, read as HTML is. */
static bool enriched(GMimeContentType *ct)
{
	return g_mime_content_type_is_type(ct, "text", "enriched") || g_mime_content_type_is_type(ct, "text", "richtext");
}

/* Enriched text made HTML by GMime's filter (its commands as tags, its
 * line breaks as <br>, "<<" as "&lt;", <param> as a comment), which
 * mime_html_to_text then reads; malloc'd. */
static char *enriched_html(const char *text, bool richtext)
{
	GMimeStream *mem = g_mime_stream_mem_new();
	GMimeStream *filtered = g_mime_stream_filter_new(mem);
	GMimeFilter *filter = g_mime_filter_enriched_new(richtext ? GMIME_FILTER_ENRICHED_IS_RICHTEXT : 0);
	g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), filter);
	g_object_unref(filter);
	g_mime_stream_write_string(filtered, text);
	g_mime_stream_flush(filtered);
	g_object_unref(filtered);
	GByteArray *b = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	char *html = xmalloc(b->len + 1);
	if (b->len)
		memcpy(html, b->data, b->len);
	html[b->len] = '\0';
	g_object_unref(mem);
	return html;
}

static void visit(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	struct walk *w = data;
	(void)parent;
	if (GMIME_IS_MULTIPART(part)) {
		if (g_mime_multipart_get_count(GMIME_MULTIPART(part)) == 0)
			empty_multipart(w, part);
		return;
	}
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	char *type = ct ? g_mime_content_type_get_mime_type(ct) : g_strdup("text/plain");
	/* the name it came with (mime_part_name), safe and mended */
	char *name = mime_part_name(part, w->opts);
	if (GMIME_IS_MESSAGE_PART(part)) {
		/* a forwarded message: "message.eml" when it has no name */
		save_object(w, part, name ? name : "message.eml", "message/rfc822");
	} else if (GMIME_IS_PART(part)) {
		if (base64_damaged(part))
			w->broken = true;
		const char *given = g_mime_part_get_filename(GMIME_PART(part));
		bool attached = g_mime_part_is_attachment(GMIME_PART(part)) || (given && *given) || name;
		if (!attached && ((GMIME_IS_TEXT_PART(part) && g_mime_content_type_is_type(ct, "text", "plain"))
				  || type_unreadable(part, ct))) {
			char *text = part_text(part);
			if (w->nplain++)
				sb_add(&w->plain, "\n\n");
			sb_add(&w->plain, text);
			free(text);
		} else if (!attached && GMIME_IS_TEXT_PART(part) && (g_mime_content_type_is_type(ct, "text", "html")
								     || enriched(ct))) {
			char *markup = part_text(part);
			if (enriched(ct)) {
				char *html = enriched_html(markup, g_mime_content_type_is_type(ct, "text", "richtext"));
				free(markup);
				markup = html;
			}
			char *text = mime_html_to_text(markup);
			if (*text && w->html.len)
				sb_add(&w->html, "\n\n");
			sb_add(&w->html, text);
			free(text);
			free(markup);
		} else if (g_mime_content_type_is_type(ct, "text", "calendar")) {
			/* an invitation: a file the engineer's calendar opens,
			 * named as one when its sender named it not */
			w->ncalendar++;
			save_object(w, part, name ? name : "invite.ics", type);
		} else {
			save_object(w, part, name, type);
		}
	}
	free(name);
	g_free(type);
}

static char *header(GMimeObject *obj, const char *name)
{
	const char *v = g_mime_object_get_header(obj, name);
	if (!v)
		return NULL;
	return g_strstrip(g_ascii_strdown(v, -1));
}

/* True when header `name` is present and its value (lower case) is one
 * of the words in `values`. */
static bool header_says(GMimeObject *obj, const char *name, const char *const *values)
{
	char *v = header(obj, name);
	bool yes = false;
	if (!v)
		return false;
	for (size_t i = 0; values[i] && !yes; i++)
		yes = !strcmp(v, values[i]);
	g_free(v);
	return yes;
}

/* True when Auto-Submitted says anything but "no". RFC 3834: only its
 * first token counts ("no (manually sent)", "no; foo" are "no"); comments
 * before it are skipped. An empty value says nothing. */
static bool auto_submitted(GMimeObject *obj)
{
	const char *v = g_mime_object_get_header(obj, "Auto-Submitted");
	if (!v)
		return false;
	for (int depth = 0; *v; v++) {
		if (*v == '(')
			depth++;
		else if (*v == ')' && depth)
			depth--;
		else if (!depth && !g_ascii_isspace(*v))
			break;
	}
	size_t n = strcspn(v, " \t\r\n;(");
	return n && !(n == 2 && !g_ascii_strncasecmp(v, "no", 2));
}

/* True when header `name` is a comma-separated list (any case, blanks
 * around its items) one of whose items is `item` (lower case). */
static bool header_lists(GMimeObject *obj, const char *name, const char *item)
{
	char *v = header(obj, name);
	bool yes = false;
	if (!v)
		return false;
	char **items = g_strsplit(v, ",", -1);
	for (size_t i = 0; items[i] && !yes; i++)
		yes = !strcmp(g_strstrip(items[i]), item);
	g_strfreev(items);
	g_free(v);
	return yes;
}

/* True when a header other than Auto-Submitted says the message is an
 * automatic reply, as the common responders that send none say it (the
 * signs RT, Zammad and the autoreply checks of mail gateways read):
 *   X-Autoreply, X-Autorespond, X-AutoReply-From, X-Mail-Autoreply: any value
 *   X-Auto-Response-Suppress: All (what Exchange puts on the replies and
 *     reports it makes; a person's mail sent through Exchange Online may
 *     carry "DR, RN, NRN, OOF, AutoReply", which asks others not to answer
 *     it automatically and says nothing of the mail itself: not taken)
 *   X-MS-Exchange-Generated-Message-Source: any value (a message an
 *     Exchange agent made: an inbox rule's reply, a journal report)
 *   X-FC-MachineGenerated: true (FirstClass)
 *   X-POST-MessageClass: 9; Autoresponder (Mailtraq)
 *   X-Autogenerated: Reply (CommuniGate Pro's auto-reply rule)
 * The subject is not read: "Out of office" may be a person's words. */
static bool auto_reply_header(GMimeObject *obj)
{
	static const char *const present[] = { "X-Autoreply", "X-Autorespond", "X-AutoReply-From", "X-Mail-Autoreply",
					       "X-MS-Exchange-Generated-Message-Source", NULL };
	static const char *const yes[] = { "true", "yes", NULL };
	static const char *const mailtraq[] = { "9; autoresponder", NULL };
	static const char *const reply[] = { "reply", NULL };
	for (size_t i = 0; present[i]; i++)
		if (g_mime_object_get_header(obj, present[i]))
			return true;
	return header_lists(obj, "X-Auto-Response-Suppress", "all") || header_says(obj, "X-FC-MachineGenerated", yes) ||
	       header_says(obj, "X-POST-MessageClass", mailtraq) || header_says(obj, "X-Autogenerated", reply);
}

/* True when the MTA says the envelope sender is null ("" or "<>"): a
 * bounce or another automatic message (RFC 5321 4.5.5). NULL: unsaid. */
static bool null_envelope(const char *envelope_sender)
{
	return envelope_sender && (!*envelope_sender || !strcmp(envelope_sender, "<>"));
}

static const char *auto_reason(GMimeMessage *msg, const char *from, const char *envelope_sender)
{
	static const char *const precedence[] = { "bulk", "junk", "list", "auto_reply", "auto-reply", NULL };
	static const char *const null_path[] = { "<>", NULL };
	/* RFC 2919 and RFC 2369: any one of them says list mail */
	static const char *const list_headers[] = { "List-Id", "List-Help", "List-Unsubscribe", "List-Subscribe",
						    "List-Post", "List-Owner", "List-Archive", NULL };
	GMimeObject *obj = GMIME_OBJECT(msg);
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;

	/* a delivery report first: Exim's also says Auto-Submitted */
	if (ct && g_mime_content_type_is_type(ct, "multipart", "report"))
		return "daemon";
	if (auto_submitted(obj) || auto_reply_header(obj))
		return "auto_submitted";
	/* X-Precedence: what some responders (cPanel's BoxTrapper) write instead */
	if (header_says(obj, "Precedence", precedence) || header_says(obj, "X-Precedence", precedence))
		return "precedence";
	for (size_t i = 0; list_headers[i]; i++)
		if (g_mime_object_get_header(obj, list_headers[i]))
			return "list";
	if (header_says(obj, "Return-Path", null_path) || !from || null_envelope(envelope_sender))
		return "null_sender";
	if (!g_ascii_strncasecmp(from, "mailer-daemon@", 14) || !g_ascii_strncasecmp(from, "postmaster@", 11))
		return "daemon";
	return NULL;
}

static void references(GMimeMessage *msg, GMimeParserOptions *opts, struct mail_in *m)
{
	const char *irt = g_mime_object_get_header(GMIME_OBJECT(msg), "In-Reply-To");
	if (irt) {
		GMimeReferences *r = g_mime_references_parse(opts, irt);
		if (r && g_mime_references_length(r) > 0)
			m->in_reply_to = bracket(g_mime_references_get_message_id(r, 0));
		if (r)
			g_mime_references_free(r);
	}
	const char *refs = g_mime_object_get_header(GMIME_OBJECT(msg), "References");
	if (refs) {
		GMimeReferences *r = g_mime_references_parse(opts, refs);
		int n = r ? g_mime_references_length(r) : 0;
		if (n > 0) {
			m->refs = xcalloc((size_t)n, sizeof(*m->refs));
			for (int i = 0; i < n; i++) {
				char *id = bracket(g_mime_references_get_message_id(r, i));
				if (id)
					m->refs[m->nrefs++] = id;
			}
		}
		if (r)
			g_mime_references_free(r);
	}
}

/* True when s (n bytes) can be a mail address as the store takes one:
 * one '@' with something either side, no space, control, quote, angle
 * bracket, comma or semicolon (sql/470's check). */
static bool address_like(const char *s, size_t n)
{
	size_t at = 0, ats = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f || strchr("\"<>,;", c))
			return false;
		if (c == '@') {
			at = i;
			ats++;
		}
	}
	return ats == 1 && at > 0 && at + 1 < n;
}

/* The sender's address, n bytes of s (-1: to its end), in lower case. */
static void take_address(struct mail_in *m, const char *s, gssize n)
{
	char *lower = g_ascii_strdown(s, n);
	m->from_address = clean_text(lower, strlen(lower));
	g_free(lower);
}

/* The sender's name from a header phrase, its encoded words decoded;
 * none when it decodes to blanks. */
static void take_name_phrase(struct mail_in *m, GMimeParserOptions *opts, const char *phrase)
{
	char *decoded = *phrase ? g_mime_utils_header_decode_phrase(opts, phrase) : NULL;
	if (decoded && *g_strstrip(decoded))
		m->from_name = dup_clean(decoded);
	g_free(decoded);
}

/* The sender from the From header's own text, when GMime's address
 * parser makes no mailbox of it: a display name with a character it
 * takes for syntax ("[External] John <john@x>", an encoded word holding
 * '[' or an escape) lost the address too, and the customer's mail was
 * held as having no sender. The address is the last one in angle
 * brackets, else a bare word that is one; the name what comes before the
 * brackets, its encoded words decoded. */
static void sender_from_text(const char *value, GMimeParserOptions *opts, struct mail_in *m)
{
	const char *lt = strrchr(value, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	if (lt && gt && address_like(lt + 1, (size_t)(gt - lt - 1))) {
		take_address(m, lt + 1, gt - lt - 1);
		char *name = g_strndup(value, (size_t)(lt - value));
		g_strstrip(name);
		size_t n = strlen(name);
		if (n >= 2 && name[0] == '"' && name[n - 1] == '"') {
			memmove(name, name + 1, n - 2);
			name[n - 2] = '\0';
		}
		take_name_phrase(m, opts, name);
		g_free(name);
		return;
	}
	for (const char *w = value; *w;) {
		size_t n = strcspn(w, " \t\r\n,;()");
		if (n && address_like(w, n)) {
			take_address(m, w, (gssize)n);
			return;
		}
		w += n ? n : 1;
	}
}

static void sender(GMimeMessage *msg, GMimeParserOptions *opts, struct mail_in *m)
{
	InternetAddressList *list = g_mime_message_get_from(msg);
	InternetAddress *ia = list && internet_address_list_length(list) > 0
				      ? internet_address_list_get_address(list, 0) : NULL;
	if (ia && INTERNET_ADDRESS_IS_GROUP(ia)) {
		InternetAddressList *members = internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia));
		ia = members && internet_address_list_length(members) > 0
			     ? internet_address_list_get_address(members, 0) : NULL;
	}
	const char *addr = ia && INTERNET_ADDRESS_IS_MAILBOX(ia)
				   ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)) : NULL;
	if (!addr || !strchr(addr, '@')) {
		const char *value = g_mime_object_get_header(GMIME_OBJECT(msg), "From");
		if (value)
			sender_from_text(value, opts, m);
		const char *name = ia ? internet_address_get_name(ia) : NULL;
		if (!m->from_name && name && *name)
			m->from_name = dup_clean(name);
		/* no address and no name at all ("From: Bob Smith"): the mail is
		 * held as having no sender, and the header's words are all the
		 * desk has to tell who wrote it, so they are its name */
		if (!m->from_address && !m->from_name && value)
			take_name_phrase(m, opts, value);
		return;
	}
	take_address(m, addr, -1);
	const char *name = internet_address_get_name(ia);
	if (name && *name)
		m->from_name = dup_clean(name);
}

/* GMime hands header values out as C strings, so a NUL in the message's
 * own header block would cut a subject or a name short: each such NUL is
 * made U+FFFD in a copy (sb, which the caller frees) before parsing.
 * False when the header block holds none and the message is used as is. */
static bool header_nul_replaced(const char *data, size_t len, struct strbuf *sb)
{
	size_t end = 0;
	while (end < len && !(data[end] == '\n' && (end + 1 == len || data[end + 1] == '\n'
						     || (data[end + 1] == '\r' && end + 2 < len && data[end + 2] == '\n'))))
		end++;
	if (!memchr(data, '\0', end))
		return false;
	for (size_t i = 0; i < end; i++) {
		if (data[i])
			sb_addc(sb, data[i]);
		else
			sb_add(sb, "\xef\xbf\xbd");
	}
	sb_addn(sb, data + end, len - end);
	return true;
}

/* GMime's parser says the input ended inside the message: for a
 * multipart, its closing delimiter never came (the mail was cut short in
 * transit or by its sender), so a file or the text in it may be
 * incomplete. A header block with no body says so too; that is no
 * damage, and mime_parse only counts it for a multipart. */
static void parser_warning(gint64 offset, GMimeParserWarning code, const gchar *item, gpointer data)
{
	struct warned *warned = data;
	struct mime_budget *b = warned->budget;
	(void)item;
	bool ours = b->reading && warned->stopped == b->parses;   /* this parse, ended here */
	if (code == GMIME_WARN_TRUNCATED_MESSAGE && !ours) {
		warned->cut_short = true;
	} else if (code == GMIME_CRIT_NESTING_OVERFLOW) {
		warned->too_deep = true;
		/* GMime would go on to look for the end of the part nested
		 * too deep among the delimiters of all 1024 multiparts above it,
		 * line by line: 480,000 levels in 32 MiB took 50 s. Its input
		 * ends here instead; mime_parse reads on from offset. */
		if (b->reading && !ours) {
			g_mime_stream_set_bounds(b->reading, 0, g_mime_stream_tell(b->reading));
			warned->stopped = b->parses;
			warned->stop_at = offset;
		}
	}
}

/* Where the last parse was ended at a part nested too deep (its header,
 * an offset in the bytes parsed); -1 when it was not. */
static gint64 stopped_at(const struct warned *warned, const struct mime_budget *budget)
{
	return warned->stopped == budget->parses ? warned->stop_at : -1;
}

/* The parts nested too deep for GMime (below 1024 levels), whose parse
 * was ended at the header of the first of them, at data (len bytes: to
 * the mail's end): read again on their own as a message, 1024 levels
 * more; what lies below those, and after them, is read as it came. The
 * parts after the deep ones at a shallower level are in that text too, or
 * (when the mail is less than 2048 deep) not read as words at all: the
 * raw message keeps them, the note (deep) says the mail was not read
 * whole. */
static void read_deep(struct walk *w, const char *data, size_t len)
{
	w->deep = true;
	GMimeMessage *msg = mime_message_from(data, len, w->opts, w->budget);
	gint64 at = stopped_at(w->warned, w->budget);
	if (msg) {
		w->mended = true;
		w->stopped = at >= 0;
		g_mime_message_foreach(msg, visit, w);
		w->stopped = false;
		w->mended = false;
		g_object_unref(msg);
	}
	if (at >= 0 && (size_t)at < len) {
		char *text = raw_text(data + at, len - (size_t)at, NULL);
		if (w->stray.len)
			sb_add(&w->stray, "\n\n");
		sb_add(&w->stray, text);
		free(text);
	}
}

void mime_parse(const char *data, size_t len, const char *envelope_sender, struct mail_in *m)
{
	struct strbuf copy;
	sb_init(&copy);
	if (header_nul_replaced(data, len, &copy)) {
		data = copy.buf;
		len = copy.len;
	}
	memset(m, 0, sizeof(*m));
	static const char *fallback[] = { "UTF-8", "windows-1252", NULL };
	GMimeParserOptions *opts = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	g_mime_parser_options_set_rfc2047_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(opts, GMIME_RFC_COMPLIANCE_LOOSE);
	struct mime_budget budget = { 0 };
	struct warned warned = { .budget = &budget };
	g_mime_parser_options_set_warning_callback(opts, parser_warning, &warned);

	GMimeMessage *msg = mime_message_from(data, len, opts, &budget);
	gint64 deep_at = stopped_at(&warned, &budget);
	if (!msg) {
		m->broken = true;
		m->long_headers = budget.cut;
		m->subject = xstrdup("");
		m->body = clean_text(data, len);
		m->auto_reason = null_envelope(envelope_sender) ? "null_sender" : NULL;
		g_mime_parser_options_free(opts);
		sb_done(&copy);
		return;
	}
	mime_mend_headers(msg);
	sender(msg, opts, m);
	const char *subject = g_mime_message_get_subject(msg);
	m->subject = one_line(subject ? subject : "");
	m->message_id = bracket(g_mime_message_get_message_id(msg));
	references(msg, opts, m);
	m->auto_reason = auto_reason(msg, m->from_address, envelope_sender);
	/* a report of a failed delivery: tied to the message that failed,
	 * else to the last message the report refers to */
	char *failed_id = NULL;
	/* a report's recipient blocks and returned headers are parsed as
	 * messages of a header alone, which GMime warns of as cut short: no
	 * damage of this mail, so what the mail's own parse said is kept */
	bool cut_short = warned.cut_short;
	bool reported = dsn_read(msg, opts, &budget, &m->bounce, &failed_id);
	warned.cut_short = cut_short;
	if (reported) {
		m->bounce.message_id = failed_id ? bracket(failed_id)
				       : m->nrefs ? xstrdup(m->refs[m->nrefs - 1]) : NULL;
		if (!m->bounce.message_id)
			dsn_done(&m->bounce);
	}
	g_free(failed_id);

	struct walk w = { .m = m, .opts = opts, .budget = &budget, .warned = &warned };
	sb_init(&w.plain);
	sb_init(&w.html);
	sb_init(&w.stray);
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	w.stopped = deep_at >= 0;
	if (top)
		g_mime_message_foreach(msg, visit, &w);
	w.stopped = false;
	if (deep_at >= 0)
		read_deep(&w, data + deep_at, len - (size_t)deep_at);
	/* a multipart that never ends: what it holds is read, and the mail
	 * is noted as broken (a file in it may be cut short) */
	if (warned.cut_short && top && GMIME_IS_MULTIPART(top))
		w.broken = true;
	/* the plain text, unless it says nothing and the HTML does */
	if (w.nplain && (!text_blank(w.plain.buf) || !w.html.len)) {
		m->body = clean_text(w.plain.buf, w.plain.len);
	} else if (w.html.len) {
		m->body = clean_text(w.html.buf, w.html.len);
	} else {
		m->body = xstrdup("");
	}
	m->deep = w.deep;
	if (w.broken || w.deep) {
		/* the words are read however the mail was built; that it was
		 * broken (or deep) is a note the store keeps with it */
		m->broken = w.broken;
		char *stray = xstrdup(w.stray.buf);
		g_strstrip(stray);
		char *body = xasprintf("%s%s%s", m->body, *m->body && *stray ? "\n\n" : "", stray);
		free(stray);
		free(m->body);
		m->body = body;
	}
	/* a calendar invitation, no other file and no words: a note says so
	 * where the mail is shown, else its message would be empty (the file
	 * is kept) */
	m->calendar_only = w.ncalendar && w.ncalendar == m->nfiles && text_blank(m->body);
	/* a header too long to read whole (mail/part.h): a note says so */
	m->long_headers = budget.cut;
	sb_done(&w.stray);
	sb_done(&w.plain);
	sb_done(&w.html);
	g_object_unref(msg);
	g_mime_parser_options_free(opts);
	sb_done(&copy);
}

void mail_in_done(struct mail_in *m)
{
	free(m->message_id);
	free(m->from_address);
	free(m->from_name);
	free(m->subject);
	free(m->in_reply_to);
	for (size_t i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->body);
	for (size_t i = 0; i < m->nfiles; i++) {
		free(m->files[i].filename);
		free(m->files[i].content_type);
		free(m->files[i].data);
	}
	free(m->files);
	dsn_done(&m->bounce);
	memset(m, 0, sizeof(*m));
}
