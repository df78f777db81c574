/* The name a received part gives its file (Content-Disposition's
 * filename, else Content-Type's name), read from the header's raw value
 * and mended as words.c mends a Subject (see mail/part.h), then made a
 * safe name. GMime's own reading (g_mime_part_get_filename) goes wrong
 * in ways words.c knows and a few of its own:
 *   - it decodes the encoded words of the whole header before it splits
 *     it into parameters, so Latin-1 under a UTF-8 label is '?' ("Caf?.pdf"),
 *     base64 that is none is garbage ("?{?.pdf"), and a word holding a
 *     quote ends the name there ("=?UTF-8?Q?a=22b?=" reads "a");
 *   - an RFC 2231 value (filename*=UTF-8''Caf%E9.pdf) whose bytes are not
 *     text in the charset it names is read in the charset of the process's
 *     locale, or kept as bytes (U+FFFD once made valid), whatever the
 *     locale of the MTA that runs `mail receive`.
 * Here the raw parameters get mime_mend_words, raw 8-bit bytes are read as
 * GMime's fallback charsets read a header (UTF-8, else Windows-1252), and
 * GMime's parameter parser (g_mime_param_list_parse) reads those of the
 * name alone (each parameter a GObject, each checked against those before
 * it: a part's other parameters made a mail of 32 MiB of parts with 100
 * parameters each take 14 s, tests/bench/README, "Pathological MIME,
 * timing pass"); an
 * RFC 2231 value is taken from its sections as written (percent escapes
 * undone, joined in order) and read as a text part under that label is
 * (mime_charset_text). The name is then one line with no blank at either
 * end, each control, bidi or line separator character (text_is_unsafe)
 * and each '/' and '\' made '_', as the store makes them (api_mail_attach,
 * sql/functions/mail_in.sql): whichever makes a name safe, it is the
 * same name; "." and ".." are no name, nor is nothing at all. */
#include "mail/part.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* s past a quoted string (at its opening quote): past its closing quote,
 * a backslash escaping the character after it; at the end when it never
 * closes. */
static const char *past_quoted(const char *s)
{
	for (s++; *s && *s != '"'; s++)
		if (*s == '\\' && s[1])
			s++;
	return *s ? s + 1 : s;
}

/* The parameters of a Content-Type or Content-Disposition value: what
 * follows the first ';' outside a quoted string; NULL when none. */
static const char *params_of(const char *v)
{
	for (const char *p = v; *p;) {
		if (*p == ';')
			return p + 1;
		p = *p == '"' ? past_quoted(p) : p + 1;
	}
	return NULL;
}

/* Which section of RFC 2231 parameter `want` a parameter named name (n
 * bytes) is: "want*" is section 0, encoded; "want*N" section N, and
 * "want*N*" encoded; -1 for any other name. */
static long section_of(const char *name, size_t n, const char *want, bool *encoded)
{
	size_t w = strlen(want);
	if (n <= w || g_ascii_strncasecmp(name, want, w) || name[w] != '*')
		return -1;
	const char *s = name + w + 1, *end = name + n;
	*encoded = end[-1] == '*';
	if (*encoded)
		end--;
	if (s == end)
		return *encoded ? 0 : -1;
	long k = 0;
	for (; s < end; s++) {
		if (!g_ascii_isdigit(*s) || k > 9999)
			return -1;
		k = k * 10 + (*s - '0');
	}
	return k;
}

struct section {
	long k;
	bool encoded;
	char *value;   /* as written, a quoted string's escapes undone */
};

static int by_section(const void *a, const void *b)
{
	const struct section *x = a, *y = b;
	return (x->k > y->k) - (x->k < y->k);
}

/* Undoes %XX escapes (a '%' not followed by two hex digits stays). */
static void add_unescaped(GByteArray *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '%' && g_ascii_isxdigit(s[1]) && g_ascii_isxdigit(s[2])) {
			guint8 c = (guint8)(g_ascii_xdigit_value(s[1]) * 16 + g_ascii_xdigit_value(s[2]));
			g_byte_array_append(b, &c, 1);
			s += 2;
		} else {
			g_byte_array_append(b, (const guint8 *)s, 1);
		}
	}
}

/* The RFC 2231 parameter `want` of params as text: its sections in
 * order, each encoded one's escapes undone, read in the charset the
 * first one names (mime_charset_text); NULL when it has none. */
static char *rfc2231_value(const char *params, const char *want)
{
	GArray *secs = g_array_new(FALSE, FALSE, sizeof(struct section));
	for (const char *p = params; *p;) {
		while (*p == ';' || g_ascii_isspace(*p))
			p++;
		const char *name = p;
		while (*p && *p != '=' && *p != ';' && !g_ascii_isspace(*p) && *p != '"')
			p++;
		size_t n = (size_t)(p - name);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=') {   /* no value: on to the next ';' */
			while (*p && *p != ';')
				p = *p == '"' ? past_quoted(p) : p + 1;
			continue;
		}
		for (p++; *p == ' ' || *p == '\t'; p++)
			;
		struct strbuf v;
		sb_init(&v);
		if (*p == '"') {
			const char *end = past_quoted(p);
			for (const char *q = p + 1; q < end && *q != '"'; q++) {
				if (*q == '\\' && q + 1 < end)
					q++;
				sb_addc(&v, *q);
			}
			p = end;
		} else {
			const char *start = p;
			while (*p && *p != ';' && !g_ascii_isspace(*p))
				p++;
			sb_addn(&v, start, (size_t)(p - start));
		}
		bool encoded = false;
		long k = section_of(name, n, want, &encoded);
		if (k >= 0) {
			struct section s = { k, encoded, sb_detach(&v) };
			g_array_append_val(secs, s);
		} else {
			sb_done(&v);
		}
	}
	char *text = NULL;
	if (secs->len) {
		g_array_sort(secs, by_section);
		GByteArray *b = g_byte_array_new();
		char *charset = NULL;
		for (guint i = 0; i < secs->len; i++) {
			struct section *s = &g_array_index(secs, struct section, i);
			const char *v = s->value;
			if (i == 0 && s->encoded) {
				/* charset'language'text */
				const char *q1 = strchr(v, '\'');
				const char *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
				if (q2) {
					if (q1 > v)
						charset = g_strndup(v, (size_t)(q1 - v));
					v = q2 + 1;
				}
			}
			if (s->encoded)
				add_unescaped(b, v);
			else
				g_byte_array_append(b, (const guint8 *)v, (guint)strlen(v));
		}
		text = mime_charset_text((const char *)b->data, b->len, charset);
		g_free(charset);
		g_byte_array_unref(b);
	}
	for (guint i = 0; i < secs->len; i++)
		free(g_array_index(secs, struct section, i).value);
	g_array_free(secs, TRUE);
	return text;
}

/* s as a safe file name (see the top); NULL when nothing is left. */
static char *safe_name(const char *s)
{
	gchar *valid = g_utf8_make_valid(s, -1);
	g_strstrip(valid);   /* blanks at either end are no part of a name */
	struct strbuf sb;
	sb_init(&sb);
	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (text_is_unsafe(c) || c == '/' || c == '\\')
			sb_addc(&sb, '_');
		else
			sb_addn(&sb, p, (size_t)(g_utf8_next_char(p) - p));
	}
	g_free(valid);
	char *name = sb_detach(&sb);
	g_strstrip(name);
	if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
		free(name);
		return NULL;
	}
	return name;
}

/* The parameters of params (as params_of gives them) that are `want`
 * or a section of it (want*, want*N, want*N*), as written, one after the
 * other; "" when none is. */
static char *wanted_params(const char *params, const char *want)
{
	struct strbuf sb;
	sb_init(&sb);
	size_t w = strlen(want);
	for (const char *p = params; *p;) {
		const char *seg = p;
		while (*p && *p != ';')
			p = *p == '"' ? past_quoted(p) : p + 1;
		const char *end = p;
		if (*p)
			p++;
		const char *name = seg;
		while (name < end && g_ascii_isspace(*name))
			name++;
		size_t n = 0;
		while (name + n < end && name[n] != '=' && !g_ascii_isspace(name[n]))
			n++;
		bool encoded;
		if ((n == w && !g_ascii_strncasecmp(name, want, w)) || section_of(name, n, want, &encoded) >= 0) {
			if (sb.len)
				sb_addc(&sb, ';');
			sb_addn(&sb, seg, (size_t)(end - seg));
		}
	}
	return sb_detach(&sb);
}

/* Parameter `want` of the last `header` of obj, mended and read (see
 * the top), as written before it is made safe; NULL when none. */
static char *param_value(GMimeObject *obj, const char *header, const char *want, GMimeParserOptions *opts)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(obj);
	const char *raw = NULL;
	int count = g_mime_header_list_get_count(list);
	for (int i = 0; i < count; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
		if (!g_ascii_strcasecmp(g_mime_header_get_name(h), header) && g_mime_header_get_raw_value(h))
			raw = g_mime_header_get_raw_value(h);
	}
	if (!raw)
		return NULL;
	char *unfolded = g_mime_utils_header_unfold(raw);
	const char *params = params_of(unfolded);
	char *value = NULL;
	char *wanted = params ? wanted_params(params, want) : NULL;
	if (wanted && *wanted) {
		char *mended = mime_mend_words(wanted);
		const char *text = mended ? mended : wanted;
		char *read8 = NULL;
		if (!g_utf8_validate(text, -1, NULL))
			text = read8 = mime_charset_text(text, strlen(text), NULL);
		GMimeParamList *ps = g_mime_param_list_parse(opts, text);
		GMimeParam *p = ps ? g_mime_param_list_get_parameter(ps, want) : NULL;
		if (p && g_mime_param_get_encoding_method(p) == GMIME_PARAM_ENCODING_METHOD_RFC2231)
			value = rfc2231_value(text, want);
		if (p && !value && g_mime_param_get_value(p))   /* else as GMime read it */
			value = xstrdup(g_mime_param_get_value(p));
		if (ps)
			g_object_unref(ps);
		free(read8);
		free(mended);
	}
	free(wanted);
	g_free(unfolded);
	return value;
}

char *mime_part_name(GMimeObject *obj, GMimeParserOptions *opts)
{
	static const char *const where[][2] = { { "Content-Disposition", "filename" }, { "Content-Type", "name" } };
	for (size_t i = 0; i < G_N_ELEMENTS(where); i++) {
		char *value = param_value(obj, where[i][0], where[i][1], opts);
		char *name = value ? safe_name(value) : NULL;
		free(value);
		if (name)
			return name;
	}
	return NULL;
}
