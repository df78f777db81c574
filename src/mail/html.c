/* HTML-only mail as readable text: tags dropped, block ends and <br> as
 * line breaks, <script>/<style> left out, entities (&amp; &lt; &gt;
 * &quot; &apos; &nbsp; &#N; &#xN;) decoded, runs of blank lines folded.
 * The MIME structure itself is GMime's job (parse.c); this only reads the
 * markup of one text/html part. */
#include "mail/mime.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strbuf.h"

static void add_codepoint(struct strbuf *sb, unsigned long c)
{
	if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		sb_addc(sb, (char)c);
	} else if (c < 0x800) {
		sb_addc(sb, (char)(0xC0 | (c >> 6)));
		sb_addc(sb, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		sb_addc(sb, (char)(0xE0 | (c >> 12)));
		sb_addc(sb, (char)(0x80 | ((c >> 6) & 0x3F)));
		sb_addc(sb, (char)(0x80 | (c & 0x3F)));
	} else {
		sb_addc(sb, (char)(0xF0 | (c >> 18)));
		sb_addc(sb, (char)(0x80 | ((c >> 12) & 0x3F)));
		sb_addc(sb, (char)(0x80 | ((c >> 6) & 0x3F)));
		sb_addc(sb, (char)(0x80 | (c & 0x3F)));
	}
}

/* Decodes the entity at p ('&'); returns how many bytes it used (1 when
 * it is no entity: the '&' is kept). */
static size_t entity(struct strbuf *sb, const char *p)
{
	static const struct { const char *name; const char *text; } named[] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
		{ "apos;", "'" }, { "nbsp;", " " },
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		size_t n = strlen(named[i].name);
		if (!strncasecmp(p + 1, named[i].name, n)) {
			sb_add(sb, named[i].text);
			return n + 1;
		}
	}
	if (p[1] == '#') {
		char *end;
		bool hex = p[2] == 'x' || p[2] == 'X';
		unsigned long c = strtoul(p + (hex ? 3 : 2), &end, hex ? 16 : 10);
		if (end > p + (hex ? 3 : 2) && *end == ';' && end - p < 12) {
			add_codepoint(sb, c);
			return (size_t)(end - p) + 1;
		}
	}
	sb_addc(sb, '&');
	return 1;
}

/* The first case-insensitive occurrence of needle in s, or NULL. */
static const char *find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (; *s; s++)
		if (!strncasecmp(s, needle, n))
			return s;
	return NULL;
}

static bool tag_is(const char *tag, size_t n, const char *name)
{
	size_t k = strlen(name);
	return n >= k && !strncasecmp(tag, name, k) && (n == k || !isalnum((unsigned char)tag[k]));
}

char *mime_html_to_text(const char *html)
{
	/* paragraphs are set apart by a blank line, lines by a line break */
	static const char *const blocks[] = { "p", "/p", "h1", "h2", "h3", "h4", "/h1", "/h2", "/h3",
					      "/h4", "blockquote", "/blockquote", "hr", "table",
					      "/table", "ul", "/ul", "ol", "/ol", "pre", "/pre" };
	static const char *const lines[] = { "br", "div", "/div", "tr", "/tr", "li", "/li" };
	struct strbuf sb;
	const char *p = html;
	int newlines = 2;

	sb_init(&sb);
	while (*p) {
		if (*p == '<') {
			if (!strncmp(p, "<!--", 4)) {
				const char *e = strstr(p + 4, "-->");
				p = e ? e + 3 : p + strlen(p);
				continue;
			}
			const char *e = strchr(p, '>');
			if (!e)
				break;
			const char *tag = p + 1;
			size_t n = (size_t)(e - tag);
			if (tag_is(tag, n, "script") || tag_is(tag, n, "style")) {
				const char *close = find_ci(e, tag_is(tag, n, "script") ? "</script" : "</style");
				const char *end = close ? strchr(close, '>') : NULL;
				p = end ? end + 1 : p + strlen(p);
				continue;
			}
			int want = 0;
			for (size_t i = 0; i < sizeof(blocks) / sizeof(blocks[0]) && !want; i++)
				if (tag_is(tag, n, blocks[i]))
					want = 2;
			for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) && !want; i++)
				if (tag_is(tag, n, lines[i]))
					want = tag_is(tag, n, "br") ? newlines + 1 : 1;
			while (newlines < want && newlines < 2) {
				if (sb.len && sb.buf[sb.len - 1] == ' ')
					sb_truncate(&sb, sb.len - 1);
				sb_addc(&sb, '\n');
				newlines++;
			}
			if (tag_is(tag, n, "li"))
				sb_add(&sb, "- ");
			p = e + 1;
			continue;
		}
		if (*p == '\r' || *p == '\n' || *p == '\t' || *p == ' ') {
			if (sb.len && sb.buf[sb.len - 1] != ' ' && sb.buf[sb.len - 1] != '\n')
				sb_addc(&sb, ' ');
			p++;
			continue;
		}
		newlines = 0;
		if (*p == '&')
			p += entity(&sb, p);
		else
			sb_addc(&sb, *p++);
	}
	while (sb.len && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == ' '))
		sb_truncate(&sb, sb.len - 1);
	return sb_detach(&sb);
}
