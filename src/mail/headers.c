/* A received mail parsed by GMime with its headers given to it within
 * bounds, so that taking the mail in takes a bounded time whatever its
 * headers hold. GMime decodes every header as it builds the message (the
 * warning callback parse.c sets has it check each one; Subject, address
 * headers and each part's Content-Type and Content-Disposition it reads
 * anyway), and some of its readings take time quadratic in a header's
 * length: the encoded words of a header full of "=?UTF-8?B?" that never
 * close (each one is looked for an end up to the header's end), an
 * address list of bare names ("To: a,a,a,..." is read again from each
 * name to its end), the words of a phrase. `mail receive` of a 1 MiB
 * Subject of such words took 29 s, of a 256 KiB To 66 s (tests/bench/
 * README, "Huge mail headers"). So each header's value is cut, before
 * GMime reads it, to
 *   - HEADER_MAX bytes (ADDRESS_HEADER_MAX for From, Sender, Reply-To,
 *     To, Cc and Bcc, whose reading is the slowest),
 *   - and once the mail's header values (every header block's: the
 *     mail's, its parts', enclosed messages') come to HEADERS_MAX bytes,
 *     each further one to one line (HEADER_LINE_MAX: a part's
 *     Content-Type is still read) and a part's Content-Type and
 *     Content-Disposition to PARAMS_LINE_MAX parameters (GMime makes a
 *     GObject of each and checks it against those before it: 32 MiB of
 *     parts with 100 parameters each took 14 s), and once its address
 *     headers come to ADDRESSES_MAX bytes, each further one to nothing.
 * Cut at a blank near the bound when there is one, never inside a UTF-8
 * sequence, its line end kept. The budget is the mail's, over every
 * parse of it (a broken multipart read again, a delivery report's
 * fields), and says whether anything was cut: the store notes it with
 * the mail (header_too_long); the raw message is kept whole. */
#include "mail/part.h"

#include <string.h>

enum {
	HEADER_MAX = 16384,
	ADDRESS_HEADER_MAX = 4096,
	HEADERS_MAX = 262144,
	HEADER_LINE_MAX = 998,   /* RFC 5322 2.1.1 */
	ADDRESSES_MAX = 32768,
	PARAMS_LINE_MAX = 16,
};

static bool address_header(const char *name)
{
	static const char *const names[] = { "From", "Sender", "Reply-To", "To", "Cc", "Bcc" };
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (!g_ascii_strcasecmp(name, names[i]))
			return true;
	return false;
}

/* value (n bytes before its line end, if it has one) ended at max: no
 * blank or line break left at its end (a fold there would end the header
 * block when GMime writes the header out again, as it does an enclosed
 * message), its line end kept. */
static void end_at(char *value, size_t n, size_t max)
{
	bool eol = value[n] == '\n';
	while (max > 0 && strchr(" \t\r\n", value[max - 1]))
		max--;
	if (eol)
		value[max++] = '\n';
	value[max] = '\0';
}

/* value (n bytes before its line end) cut to at most max of them: at a
 * blank among the last 64 when there is one, else not inside a UTF-8
 * sequence (end_at). */
static void cut(char *value, size_t n, size_t max)
{
	size_t k = max;
	while (k > 0 && max - k < 64 && !strchr(" \t\n", value[k]))
		k--;
	if (k > 0 && max - k < 64)
		max = k;
	else
		while (max > 0 && ((unsigned char)value[max] & 0xc0) == 0x80)
			max--;
	end_at(value, n, max);
}

/* Where the parameter after the first max of value (n bytes) starts: its
 * ';' outside a quoted string; n when it has no more. */
static size_t params_end(const char *value, size_t n, int max)
{
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		if (value[i] == '"') {
			for (i++; i < n && value[i] != '"'; i++)
				if (value[i] == '\\' && i + 1 < n)
					i++;
		} else if (value[i] == ';' && ++seen > max) {
			return i;
		}
	}
	return n;
}

/* Called by GMime's parser for each header it reads, in every header
 * block, before anything decodes it, with the value in the parser's own
 * buffer: GMime goes on to read (and keep) what is left in it there, so
 * a value is cut in place (GMime 3.2 builds the header from that buffer;
 * test_mime's long_headers_are_cut fails if a later one does not). */
static void bound_header(GMimeParser *parser, const char *name, const char *value, gint64 offset,
			 gpointer data)
{
	struct mime_budget *b = data;
	(void)parser, (void)offset;
	bool address = address_header(name);
	size_t max = b->all < HEADERS_MAX ? HEADER_MAX : HEADER_LINE_MAX;
	if (address)
		max = b->addresses < ADDRESSES_MAX ? ADDRESS_HEADER_MAX : 0;
	size_t len = strlen(value);
	size_t n = len && value[len - 1] == '\n' ? len - 1 : len;
	if (n > max) {
		cut((char *)value, n, max);
		len = strlen(value);
		n = len && value[len - 1] == '\n' ? len - 1 : len;
		b->cut = true;
	}
	size_t k = b->all >= HEADERS_MAX && (!g_ascii_strcasecmp(name, "Content-Type") ||
					    !g_ascii_strcasecmp(name, "Content-Disposition"))
			   ? params_end(value, n, PARAMS_LINE_MAX) : n;
	if (k < n) {
		end_at((char *)value, n, k);
		len = strlen(value);
		b->cut = true;
	}
	b->all += len;
	if (address)
		b->addresses += len;
}

GMimeMessage *mime_message_from(const char *data, size_t len, GMimeParserOptions *opts, struct mime_budget *budget)
{
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(data, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_header_regex(parser, "^", bound_header, budget);
	budget->parses++;
	budget->reading = stream;
	GMimeMessage *msg = g_mime_parser_construct_message(parser, opts);
	budget->reading = NULL;
	g_object_unref(parser);
	g_object_unref(stream);
	return msg;
}
