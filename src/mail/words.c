/* Encoded words (RFC 2047) that GMime reads wrongly, mended in the raw
 * value of a received message's Subject and From before GMime decodes
 * them (see mail/part.h). GMime decodes every header itself, under LOOSE
 * compliance and with the fallback charsets parse.c gives it (UTF-8, then
 * Windows-1252): raw 8-bit bytes in a header ("Subject: Caf\xe9") already
 * read "Café". Two kinds of encoded word it gets wrong, and those alone
 * are rewritten, each into a word GMime reads back to what a support
 * engineer should see in the inbox and on the ticket:
 *   - bytes that are not text in the charset the word names (Latin-1
 *     under a UTF-8 label, "=?UTF-8?Q?Caf=E9?="): GMime makes each byte
 *     it cannot convert a '?' ("Caf?"). They are read as a text part
 *     under that label is (mime_charset_text: UTF-8 under a wrong label as
 *     UTF-8, 8-bit bytes under a UTF-8 or ASCII label as Windows-1252, a
 *     byte nothing reads as U+FFFD where it stood): "Café".
 *   - a B word whose text is no base64 (a character outside its
 *     alphabet, or not whole groups of four: "=?UTF-8?B?***invalid***?="):
 *     GMime skips what it cannot read and decodes the rest to bytes of
 *     garbage ("?{?"). The word is shown as it was written: the engineer
 *     sees what the sender's program wrote, and that it wrote something
 *     unreadable, never characters nobody wrote (the raw message is kept
 *     whole too: `ticketty inbox raw`).
 * A run of adjacent words in one charset and encoding is judged as GMime
 * decodes it, as one (a character may be split between two words). A run
 * mended becomes one Q word in UTF-8, so GMime still does the rest: the
 * spaces between words, quoted phrases, the address. */
#include "mail/part.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

struct word {
	const char *start, *end; /* "=?" to "?=", as written */
	char *charset;           /* as written, its "*language" left out */
	const char *canon;       /* GMime's name for it: a run is one name */
	char enc;                /* 'B' or 'Q' */
	const char *text;        /* the encoded text */
	size_t n;
};

static bool lwsp_only(const char *s, const char *end)
{
	for (; s < end; s++)
		if (!strchr(" \t\r\n", *s))
			return false;
	return true;
}

/* The encoded word at s as GMime's loose reading finds one: "=?", a
 * charset, "?B?" or "?Q?", then text up to the first "?=". *close is a
 * "?=" found before (NULL: there is none after it), moved on when the
 * text starts after it: each stretch of the value is searched once, as
 * words are looked for from left to right. */
static bool word_at(const char *s, const char **close, struct word *w)
{
	if (s[0] != '=' || s[1] != '?' || s[2] == '?' || s[2] == '*')
		return false;
	const char *q = strchr(s + 2, '?');
	if (!q || !q[1] || !strchr("BbQq", q[1]) || q[2] != '?')
		return false;
	if (*close && *close < q + 3)
		*close = strstr(q + 3, "?=");
	const char *e = *close;
	if (!e)
		return false;
	w->start = s;
	w->end = e + 2;
	w->charset = g_strndup(s + 2, (size_t)(q - s - 2));
	char *lang = strchr(w->charset, '*');
	if (lang)
		*lang = '\0';
	w->canon = g_mime_charset_iconv_name(w->charset);
	w->enc = g_ascii_toupper(q[1]);
	w->text = q + 3;
	w->n = (size_t)(e - w->text);
	return true;
}

/* True when the B words w[0..k-1] hold base64 as RFC 2047 writes it:
 * characters of its alphabet, '=' only as the padding that ends a group
 * of four, and whole groups of four in all. */
static bool base64_whole(const struct word *w, size_t k)
{
	size_t total = 0;
	for (size_t i = 0; i < k; i++) {
		size_t pad = 0;
		while (pad < 2 && pad < w[i].n && w[i].text[w[i].n - 1 - pad] == '=')
			pad++;
		for (size_t j = 0; j < w[i].n - pad; j++)
			if (!g_ascii_isalnum(w[i].text[j]) && w[i].text[j] != '+' && w[i].text[j] != '/')
				return false;
		total += w[i].n;
		if (pad && total % 4)
			return false;
	}
	return total % 4 == 0;
}

/* The bytes the words w[0..k-1] (one encoding) say, decoded by GMime as
 * one text, the way it decodes a run. */
static GByteArray *run_bytes(const struct word *w, size_t k)
{
	GByteArray *b = g_byte_array_new();
	int state = 0;
	guint32 save = 0;
	for (size_t i = 0; i < k; i++) {
		size_t at = b->len;
		g_byte_array_set_size(b, (guint)(at + w[i].n + 4));
		char *in = g_strndup(w[i].text, w[i].n);
		size_t got;
		if (w[i].enc == 'B') {
			got = g_mime_encoding_base64_decode_step((const guchar *)in, w[i].n, b->data + at, &state, &save);
		} else {
			g_strdelimit(in, "_", ' ');   /* Q's '_' is a space (RFC 2047 4.2) */
			got = g_mime_encoding_quoted_decode_step((const guchar *)in, w[i].n, b->data + at, &state, &save);
		}
		g_free(in);
		g_byte_array_set_size(b, (guint)(at + got));
	}
	return b;
}

/* True when GMime converts every byte to text in charset cs; also when
 * no converter knows cs (GMime then reads the bytes by the fallback
 * charsets itself). A NUL does not fit: GMime's value would end there. */
static bool bytes_fit(const GByteArray *b, const char *cs)
{
	if (b->len && memchr(b->data, '\0', b->len))
		return false;
	GError *err = NULL;
	gchar *out = g_convert((const gchar *)b->data, (gssize)b->len, "UTF-8", cs, NULL, NULL, &err);
	bool fit = out || (err && err->domain == G_CONVERT_ERROR && err->code == G_CONVERT_ERROR_NO_CONVERSION);
	g_free(out);
	g_clear_error(&err);
	return fit;
}

/* text as one Q word in UTF-8, every byte but letters and digits as =XX:
 * GMime reads it back to text exactly. */
static void add_q_word(struct strbuf *out, const char *text)
{
	sb_add(out, "=?UTF-8?Q?");
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (g_ascii_isalnum(*p))
			sb_addc(out, (char)*p);
		else
			sb_addf(out, "=%02X", *p);
	}
	sb_add(out, "?=");
}

char *mime_mend_words(const char *raw)
{
	struct word *w = NULL;
	size_t n = 0, cap = 0;
	const char *close = strstr(raw, "?=");
	for (const char *p = raw; close && (p = strstr(p, "=?")) != NULL;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			w = xrealloc(w, cap * sizeof(*w));
		}
		if (word_at(p, &close, &w[n]))
			p = w[n++].end;
		else
			p += 2;
	}
	struct strbuf out;
	sb_init(&out);
	const char *copied = raw;   /* raw is copied to out up to here */
	bool mended = false;
	for (size_t i = 0, k; i < n; i += k) {
		/* the run: words one after the other, only blanks between them,
		 * in one encoding and one charset */
		for (k = 1; i + k < n && w[i + k].enc == w[i].enc && !strcmp(w[i + k].canon, w[i].canon)
			    && lwsp_only(w[i + k - 1].end, w[i + k].start); k++)
			;
		char *text = NULL;
		if (w[i].enc == 'B' && !base64_whole(w + i, k)) {
			/* as it was written, apart from its neighbours' words */
			struct strbuf lit;
			sb_init(&lit);
			if (i > 0 && lwsp_only(w[i - 1].end, w[i].start))
				sb_addc(&lit, ' ');
			sb_addn(&lit, w[i].start, (size_t)(w[i + k - 1].end - w[i].start));
			if (i + k < n && lwsp_only(w[i + k - 1].end, w[i + k].start))
				sb_addc(&lit, ' ');
			text = mime_charset_text(lit.buf, lit.len, NULL);
			sb_done(&lit);
		} else {
			GByteArray *b = run_bytes(w + i, k);
			if (!bytes_fit(b, w[i].canon))
				text = mime_charset_text((const char *)b->data, b->len, w[i].charset);
			g_byte_array_unref(b);
		}
		if (text) {
			sb_addn(&out, copied, (size_t)(w[i].start - copied));
			add_q_word(&out, text);
			copied = w[i + k - 1].end;
			mended = true;
			free(text);
		}
	}
	for (size_t i = 0; i < n; i++)
		g_free(w[i].charset);
	free(w);
	if (!mended) {
		sb_done(&out);
		return NULL;
	}
	sb_add(&out, copied);
	return sb_detach(&out);
}

void mime_mend_headers(GMimeMessage *msg)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	int count = g_mime_header_list_get_count(list);
	for (int i = 0; i < count; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
		const char *name = g_mime_header_get_name(h);
		if (g_ascii_strcasecmp(name, "Subject") && g_ascii_strcasecmp(name, "From"))
			continue;
		const char *raw = g_mime_header_get_raw_value(h);
		char *mended = raw ? mime_mend_words(raw) : NULL;
		if (mended)
			g_mime_header_set_raw_value(h, mended);   /* GMime reads the message's from and subject again */
		free(mended);
	}
}
