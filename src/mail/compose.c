/* Composing one outgoing message with GMime from the fields the outbox
 * fixed when it built the message: the same row always gives the same
 * headers and text (Message-ID, threading, subject, Auto-Submitted), and
 * the files sent with it as attachments. */
#include "mail/mime.h"

#include <gmime/gmime.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <string.h>

#include "util/xalloc.h"

/* GMime 3.2 cannot start again once g_mime_shutdown() has run: its
 * g_mime_init() then registers its crypto protocols into the table the
 * shutdown destroyed (GLib-CRITICAL "hash_table != NULL", no protocol
 * known) and the names it registered before are lost. So GMime starts at
 * the process's first mime_init() and stays up until it exits (its tables
 * still reachable then, nothing lost); mime_done() ends a use, and the
 * next mime_init() finds GMime ready. */
static bool mime_started;

void mime_init(void)
{
	if (mime_started)
		return;
	g_mime_init();
	xmlInitParser();   /* libxml2 reads HTML-only mail (html.c) */
	mime_started = true;
}

void mime_done(void)
{
}

/* "<id@host>" -> "id@host" (GMime adds the brackets itself). */
static char *bare_id(const char *id)
{
	size_t n = strlen(id);
	if (n >= 2 && id[0] == '<' && id[n - 1] == '>')
		return g_strndup(id + 1, n - 2);
	return g_strdup(id);
}

/* A display name or a subject as one line of text: each run of control
 * characters (C0 with CR, LF and tab, DEL, C1) is one space, the ends
 * trimmed. GMime encodes a header value it is given, so a line break in
 * a contact's name or a ticket's title cannot start a header of its own;
 * without this it still reached the customer's mail program, encoded
 * (=0D=0A, ESC), and showed there as a break or an escape. g_free it. */
static gchar *one_line(const char *s)
{
	GString *out = g_string_new(NULL);
	bool gap = false;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		bool c1 = p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f;
		if (*p < 0x20 || *p == 0x7f || c1) {
			p += c1;
			gap = true;
			continue;
		}
		if (gap && out->len)
			g_string_append_c(out, ' ');
		gap = false;
		g_string_append_c(out, (char)*p);
	}
	return g_strstrip(g_string_free(out, FALSE));
}

/* Every text of the message that is not ASCII goes out in UTF-8: the
 * text part, the encoded words of the names and the subject, the RFC 2231
 * file names. Left to itself GMime labels each one with the first charset
 * of its own list that holds its characters, so one mail came in several
 * (a Spanish answer iso-8859-1, a name iso-8859-2, a file name
 * iso-8859-1 beside one in UTF-8), and a text holding no more than a
 * dash and curly quotes, as an engineer pastes them from a document,
 * went out as windows-1251, the Cyrillic code page. */
static const char *text_charset(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
		if (*p >= 0x80)
			return "utf-8";
	return "us-ascii";
}

/* A mailbox whose display name is encoded, when it needs it, in UTF-8. */
static void add_mailbox(InternetAddressList *list, const char *name, const char *address)
{
	InternetAddress *ia = internet_address_mailbox_new(name, address);
	internet_address_set_charset(ia, "utf-8");
	internet_address_list_add(list, ia);
	g_object_unref(ia);
}

/* Parameter name of list in UTF-8 when RFC 2231 encodes it. */
static void param_utf8(GMimeParamList *list, const char *name)
{
	GMimeParam *param = list ? g_mime_param_list_get_parameter(list, name) : NULL;
	if (param)
		g_mime_param_set_charset(param, "UTF-8");
}

/* One file as an attachment part: its type, its name, base64. */
static GMimePart *file_part(const struct mail_file *f)
{
	GMimeContentType *ct = g_mime_content_type_parse(NULL, f->content_type);
	GMimePart *part = g_mime_part_new_with_type(g_mime_content_type_get_media_type(ct),
						    g_mime_content_type_get_media_subtype(ct));
	g_object_unref(ct);
	g_mime_part_set_filename(part, f->filename && *f->filename ? f->filename : "attachment");
	param_utf8(g_mime_content_type_get_parameters(g_mime_object_get_content_type(GMIME_OBJECT(part))), "name");
	param_utf8(g_mime_content_disposition_get_parameters(g_mime_object_get_content_disposition(GMIME_OBJECT(part))),
		   "filename");
	g_mime_object_set_disposition(GMIME_OBJECT(part), GMIME_DISPOSITION_ATTACHMENT);
	GMimeStream *bytes = g_mime_stream_mem_new_with_buffer((const char *)f->data, f->len);
	GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(bytes, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, content);
	g_object_unref(content);
	g_object_unref(bytes);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	return part;
}

/* References: the thread's Message-IDs in order (the outbox bounded
 * them), each read by GMime (what is no Message-ID goes) and named once;
 * GMime folds the header. */
static void set_references(GMimeObject *obj, const char *const *refs, size_t n)
{
	GMimeReferences *all = g_mime_references_new();
	for (size_t i = 0; i < n; i++) {
		GMimeReferences *one = g_mime_references_parse(NULL, refs[i]);
		for (int j = 0; one && j < g_mime_references_length(one); j++) {
			const char *id = g_mime_references_get_message_id(one, j);
			bool seen = false;
			for (int k = 0; !seen && k < g_mime_references_length(all); k++)
				seen = !strcmp(g_mime_references_get_message_id(all, k), id);
			if (!seen)
				g_mime_references_append(all, id);
		}
		if (one)
			g_mime_references_free(one);
	}
	if (g_mime_references_length(all)) {
		GString *value = g_string_new(NULL);
		for (int k = 0; k < g_mime_references_length(all); k++)
			g_string_append_printf(value, "%s<%s>", k ? " " : "", g_mime_references_get_message_id(all, k));
		g_mime_object_set_header(obj, "References", value->str, NULL);
		g_string_free(value, TRUE);
	}
	g_mime_references_free(all);
}

/* The text quoted-printable, with "From " at a line's start written
 * "=46rom ": GMime's encoder leaves it as it is, and an mbox delivery
 * would then show the customer ">From" (GMimeFilterFrom's armour, on
 * the encoded text, which GMime then writes as it is). */
static void armor_from_lines(GMimePart *part, const char *body)
{
	GMimeStream *encoded = g_mime_stream_mem_new();
	GMimeStream *filtered = g_mime_stream_filter_new(encoded);
	GMimeFilter *qp = g_mime_filter_basic_new(GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE, TRUE);
	GMimeFilter *from = g_mime_filter_from_new(GMIME_FILTER_FROM_MODE_ARMOR);
	g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), qp);
	g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), from);
	g_object_unref(qp);
	g_object_unref(from);
	g_mime_stream_write(filtered, body, strlen(body));
	g_mime_stream_flush(filtered);
	g_object_unref(filtered);
	g_mime_stream_reset(encoded);
	GMimeDataWrapper *wrapper =
		g_mime_data_wrapper_new_with_stream(encoded, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
	g_mime_part_set_content(part, wrapper);
	g_object_unref(wrapper);
	g_object_unref(encoded);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
}

char *mime_compose(const struct mail_out *m, size_t *len)
{
	GMimeMessage *msg = g_mime_message_new(TRUE);
	GMimeObject *obj = GMIME_OBJECT(msg);

	gchar *from_name = one_line(m->from_name), *to_name = one_line(m->to_name);
	gchar *subject = one_line(m->subject);
	add_mailbox(g_mime_message_get_from(msg), from_name, m->from_address);
	add_mailbox(g_mime_message_get_to(msg), to_name, m->to_address);
	if (m->reply_to && *m->reply_to)
		add_mailbox(g_mime_message_get_reply_to(msg), from_name, m->reply_to);
	g_mime_message_set_subject(msg, subject, "utf-8");
	g_free(from_name);
	g_free(to_name);
	g_free(subject);
	char *id = bare_id(m->message_id);
	g_mime_message_set_message_id(msg, id);
	g_free(id);
	GDateTime *date = g_date_time_new_from_unix_utc((gint64)m->date);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	if (m->in_reply_to && *m->in_reply_to)
		g_mime_object_set_header(obj, "In-Reply-To", m->in_reply_to, NULL);
	set_references(obj, m->refs, m->nrefs);
	if (m->auto_submitted && *m->auto_submitted)
		g_mime_object_set_header(obj, "Auto-Submitted", m->auto_submitted, NULL);
	if (m->ticket && *m->ticket)
		g_mime_object_set_header(obj, "X-Ticketty-Ticket", m->ticket, NULL);

	/* the text as it is, labelled (g_mime_text_part_set_text would
	 * convert it to a charset of GMime's choosing) */
	GMimeTextPart *part = g_mime_text_part_new_with_subtype("plain");
	GMimeStream *text = g_mime_stream_mem_new_with_buffer(m->body, strlen(m->body));
	GMimeDataWrapper *wrapper = g_mime_data_wrapper_new_with_stream(text, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(GMIME_PART(part), wrapper);
	g_object_unref(wrapper);
	g_object_unref(text);
	g_mime_text_part_set_charset(part, text_charset(m->body));
	GMimeContentEncoding encoding =
		g_mime_part_get_best_content_encoding(GMIME_PART(part), GMIME_ENCODING_CONSTRAINT_7BIT);
	if (encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE)
		armor_from_lines(GMIME_PART(part), m->body);
	else
		g_mime_part_set_content_encoding(GMIME_PART(part), encoding);
	if (m->nfiles) {
		GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
		g_mime_multipart_add(mixed, GMIME_OBJECT(part));
		for (size_t i = 0; i < m->nfiles; i++) {
			GMimePart *file = file_part(&m->files[i]);
			g_mime_multipart_add(mixed, GMIME_OBJECT(file));
			g_object_unref(file);
		}
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
		g_object_unref(mixed);
	} else {
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(part));
	}
	g_object_unref(part);

	GMimeStream *mem = g_mime_stream_mem_new();
	g_mime_object_write_to_stream(obj, NULL, mem);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	char *out = xmalloc(bytes->len + 1);
	memcpy(out, bytes->data, bytes->len);
	out[bytes->len] = '\0';
	*len = bytes->len;
	g_object_unref(mem);
	g_object_unref(msg);
	return out;
}
