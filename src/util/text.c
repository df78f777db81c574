/* UTF-8 decoding, display width and terminal sanitising. No curses here:
 * the UI and the CLI both build their lines with these functions. */
#include "util/text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	size_t len;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4; v = c & 0x07; min = 0x10000;
	} else {
		*cp = TEXT_INVALID;
		return 1;
	}
	if (n < len) {
		*cp = TEXT_INVALID;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = TEXT_INVALID;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = TEXT_INVALID;
		return 1;
	}
	*cp = v;
	return len;
}

void utf8_encode(struct strbuf *out, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		sb_addn(out, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		sb_addn(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		sb_addn(out, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		sb_addn(out, b, 4);
	}
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == TEXT_INVALID)
			return false;
	}
	return true;
}

size_t utf8_length(const char *s, size_t n)
{
	size_t i = 0, count = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		count++;
	}
	return count;
}

static bool is_bidi_control(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

bool text_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

bool text_is_unsafe(uint32_t cp)
{
	return cp == TEXT_INVALID || text_is_control(cp) || is_bidi_control(cp) || cp == 0xFEFF;
}

/* Left out by text_sanitize (see util/text.h): the zero width joiner and
 * the text/emoji presentation selectors. */
static bool text_is_dropped(uint32_t cp)
{
	return cp == 0x200D || cp == 0xFE0E || cp == 0xFE0F;
}

int text_cp_width(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 0x20 && cp != 0x7F ? 1 : 0;
	if (text_is_dropped(cp))
		return 0;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

static bool is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool text_blank_n(const char *s, size_t n)
{
	for (size_t i = 0; s && i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (!is_space_cp(cp))
			return false;
	}
	return true;
}

bool text_blank(const char *s)
{
	return !s || text_blank_n(s, strlen(s));
}

bool text_parse_dotted(const char *s, long long *v, int n)
{
	const char *p = s;
	for (int i = 0; i < n; i++) {
		char *end;
		errno = 0;
		if (!((*p >= '0' && *p <= '9') || *p == '-'))
			return false;
		v[i] = strtoll(p, &end, 10);
		if (errno || end == p || *end != (i + 1 < n ? '.' : '\0'))
			return false;
		p = end + 1;
	}
	return true;
}

int text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

int text_width_n(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		w += cp == TEXT_INVALID ? 1 : text_cp_width(cp);
	}
	return w;
}

size_t text_offset_for_width(const char *s, int cells)
{
	size_t n = strlen(s), i = 0;
	int w = 0;
	uint32_t cp;

	while (i < n) {
		size_t len = utf8_decode(s + i, n - i, &cp);
		int cw = cp == TEXT_INVALID ? 1 : text_cp_width(cp);
		if (w + cw > cells)
			break;
		w += cw;
		i += len;
	}
	return i;
}

/* A word that is a URL (a scheme, then "://"): it breaks nowhere but
 * where the line is full, never at its own hyphens or slashes. */
static bool is_url(const char *s, size_t n)
{
	size_t scheme = 0;
	while (scheme < n && ((s[scheme] >= 'a' && s[scheme] <= 'z') || (s[scheme] >= 'A' && s[scheme] <= 'Z') ||
			      (scheme > 0 && strchr("0123456789+.-", s[scheme]))))
		scheme++;
	return scheme > 0 && n - scheme >= 3 && !strncmp(s + scheme, "://", 3);
}

size_t text_wrap_line(const char *s, int cells)
{
	size_t n = strlen(s);
	size_t cut = text_offset_for_width(s, cells > 0 ? cells : 1);

	if (cut >= n)
		return n;
	if (s[cut] == ' ') {
		/* the break falls on a space: the line ends before it */
		while (cut > 0 && s[cut - 1] == ' ')
			cut--;
		if (cut > 0)
			return cut;
		return text_offset_for_width(s, cells > 0 ? cells : 1);
	}
	/* back to the last space, keeping the word whole */
	size_t sp = cut;
	while (sp > 0 && s[sp - 1] != ' ')
		sp--;
	while (sp > 0 && s[sp - 1] == ' ')
		sp--;
	if (sp > 0)
		return sp;
	/* one word longer than the line: break after the last separator in
	 * it (a|b alternatives, a path or address, a hyphen) when there is
	 * one, but a URL only where the line is full */
	bool url = is_url(s, strcspn(s, " "));
	for (size_t i = cut; i > 1 && !url; i--)
		if (strchr("|/-,", s[i - 1]))
			return i;
	if (cut == 0 && n > 0) {
		uint32_t cp;
		cut = utf8_decode(s, n, &cp); /* a wide character wider than the line */
	}
	return cut; /* one word longer than the line: cut it */
}

static void add_codepoint_escape(struct strbuf *out, uint32_t cp)
{
	sb_addf(out, "<U+%04X>", (unsigned)cp);
}

void text_sanitize(struct strbuf *out, const char *s, size_t n, int flags)
{
	size_t i = 0;
	size_t line_start = out->len;
	uint32_t cp;

	while (i < n) {
		/* a run of printable ASCII passes as it is, in one copy */
		size_t run = i;
		while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F)
			run++;
		if (run > i) {
			sb_addn(out, s + i, run - i);
			i = run;
			continue;
		}
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == TEXT_INVALID) {
			sb_addf(out, "\\x%02X", (unsigned)(unsigned char)s[i]);
		} else if (cp == '\n') {
			if (flags & TEXT_MULTILINE) {
				sb_addc(out, '\n');
				line_start = out->len;
			} else {
				sb_add(out, (flags & TEXT_ASCII) ? "\\n" : "\xe2\x86\xb5");
			}
		} else if (cp == '\t') {
			if (flags & TEXT_TABS) {
				int col = text_width(out->buf + line_start);
				do
					sb_addc(out, ' ');
				while (++col % 8);
			} else {
				sb_addc(out, ' ');
			}
		} else if (cp < 0x20 || cp == 0x7F) {
			sb_addc(out, '^');
			sb_addc(out, cp == 0x7F ? '?' : (char)(cp + '@'));
		} else if (text_is_unsafe(cp)) {
			add_codepoint_escape(out, cp);
		} else if (text_is_dropped(cp)) {
			/* joiner or presentation selector: shown as nothing */
		} else if (cp >= 0x80 && ((flags & TEXT_ASCII) || wcwidth((wchar_t)cp) < 0)) {
			add_codepoint_escape(out, cp);
		} else {
			/* a combining mark that opens the text (or a line of it) has
			 * no base of its own: drawn as it is, it would join whatever
			 * the cell before holds (another column's last letter). It
			 * gets U+25CC, the dotted circle Unicode shows such marks on. */
			if (out->len == line_start && wcwidth((wchar_t)cp) == 0)
				sb_add(out, "\xe2\x97\x8c");
			sb_addn(out, s + i, len);
		}
		i += len;
	}
}

void text_fit(struct strbuf *out, const char *s, int width, int flags)
{
	struct strbuf clean;
	const char *ellipsis = (flags & TEXT_ASCII) ? "~" : "\xe2\x80\xa6";

	if (width <= 0)
		return;
	sb_init(&clean);
	text_sanitize(&clean, s, strlen(s), flags & ~TEXT_MULTILINE);
	int total = text_width(clean.buf);
	if (total <= width) {
		sb_addn(out, clean.buf, clean.len);
		for (int w = total; w < width; w++)
			sb_addc(out, ' ');
	} else {
		size_t cut = text_offset_for_width(clean.buf, width - 1);
		/* keep combining marks that belong to the last kept character */
		uint32_t cp;
		while (cut < clean.len) {
			size_t len = utf8_decode(clean.buf + cut, clean.len - cut, &cp);
			if (cp == TEXT_INVALID || text_cp_width(cp) != 0)
				break;
			cut += len;
		}
		sb_addn(out, clean.buf, cut);
		char saved = clean.buf[cut];
		clean.buf[cut] = '\0';
		int used = text_width(clean.buf);
		clean.buf[cut] = saved;
		for (; used < width - 1; used++)
			sb_addc(out, ' ');
		sb_add(out, ellipsis);
	}
	sb_done(&clean);
}

void text_pad(struct strbuf *out, const char *s, int width, int flags)
{
	size_t start = out->len;
	text_sanitize(out, s ? s : "", s ? strlen(s) : 0, flags & ~TEXT_MULTILINE);
	for (int w = text_width(out->buf + start); w < width; w++)
		sb_addc(out, ' ');
}

int text_hang(const char *s, int width)
{
	int lead = 0;
	while (s[lead] == ' ')
		lead++;
	if (lead == 0) {
		const char *gap = strstr(s, "  ");
		size_t run = gap ? strspn(gap, " ") : 0;
		if (gap && gap > s && gap[run]) {
			int at = text_width_n(s, (size_t)(gap - s)) + (int)run;
			if (at <= width / 3)
				return at;
		}
	}
	return lead + 2 <= width / 3 ? lead + 2 : 0;
}

void text_wrap(const char *s, int width, void (*emit)(void *arg, const char *line), void *arg)
{
	int w = width > 1 ? width : 1;
	int hang = text_hang(s, w);
	bool first = true, in_url = false;
	struct strbuf line;
	sb_init(&line);
	do {
		size_t word = strcspn(s, " "), off;
		bool hung = !first;
		if (in_url || (is_url(s, word) && text_width_n(s, word) > (hung ? w - hang : w))) {
			/* a URL too long for the hung line starts a line of its
			 * own at the margin, whole when it fits the width, else
			 * cut only where the line is full (continued the same way) */
			hung = false;
			off = text_offset_for_width(s, w);
			if (off > word)
				off = word;
			if (off == 0) {
				uint32_t cp;
				off = utf8_decode(s, word, &cp);
			}
			in_url = off < word;
		} else {
			off = text_wrap_line(s, hung ? w - hang : w);
			in_url = false;
		}
		sb_reset(&line);
		for (int k = 0; hung && k < hang; k++)
			sb_addc(&line, ' ');
		sb_addn(&line, s, off);
		emit(arg, line.buf);
		s += off;
		while (*s == ' ')
			s++;
		first = false;
	} while (*s);
	sb_done(&line);
}

/* U+00C0..U+017F folded: the lower-case base letter of a decomposable
 * letter (and of Ø, Đ, Ħ, Ł, ı, Ŀ, Ð, ſ, which have no decomposition but
 * read as o, d, h, l, i, l, d, s), else the lower-case letter (Æ -> æ),
 * else itself (×, ÷). */
static const uint16_t latin_fold[0x180 - 0xC0] = {
	/* 00C0 */ 'a', 'a', 'a', 'a', 'a', 'a', 0x0e6, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	/* 00D0 */ 'd', 'n', 'o', 'o', 'o', 'o', 'o', 0x0d7, 'o', 'u', 'u', 'u', 'u', 'y', 0x0fe, 0x0df,
	/* 00E0 */ 'a', 'a', 'a', 'a', 'a', 'a', 0x0e6, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
	/* 00F0 */ 'd', 'n', 'o', 'o', 'o', 'o', 'o', 0x0f7, 'o', 'u', 'u', 'u', 'u', 'y', 0x0fe, 'y',
	/* 0100 */ 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'd', 'd',
	/* 0110 */ 'd', 'd', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'g', 'g', 'g', 'g',
	/* 0120 */ 'g', 'g', 'g', 'g', 'h', 'h', 'h', 'h', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i',
	/* 0130 */ 'i', 'i', 0x133, 0x133, 'j', 'j', 'k', 'k', 0x138, 'l', 'l', 'l', 'l', 'l', 'l', 'l',
	/* 0140 */ 'l', 'l', 'l', 'n', 'n', 'n', 'n', 'n', 'n', 0x149, 0x14b, 0x14b, 'o', 'o', 'o', 'o',
	/* 0150 */ 'o', 'o', 0x153, 0x153, 'r', 'r', 'r', 'r', 'r', 'r', 's', 's', 's', 's', 's', 's',
	/* 0160 */ 's', 's', 't', 't', 't', 't', 0x167, 0x167, 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	/* 0170 */ 'u', 'u', 'u', 'u', 'w', 'w', 'y', 'y', 'y', 'z', 'z', 'z', 'z', 'z', 'z', 's',
};

uint32_t text_fold_cp(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp - 'A' + 'a';
	if (cp < 0xC0)
		return cp;
	if (cp < 0x180)
		return latin_fold[cp - 0xC0];
	if (cp == TEXT_INVALID || cp > 0x10FFFF)
		return cp;
	wint_t low = towlower((wint_t)cp);
	return low > 0 && low <= 0x10FFFF ? (uint32_t)low : cp;
}

void text_fold(struct strbuf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (cp == TEXT_INVALID)
			sb_addn(out, s + i, len);
		else
			utf8_encode(out, text_fold_cp(cp));
		i += len;
	}
}

bool text_fold_contains(const char *hay, const char *needle)
{
	if (!needle || !*needle)
		return true;
	if (!hay || !*hay)
		return false;
	struct strbuf h, nd;
	sb_init(&h);
	sb_init(&nd);
	text_fold(&h, hay);
	text_fold(&nd, needle);
	bool found = strstr(h.buf, nd.buf) != NULL;
	sb_done(&h);
	sb_done(&nd);
	return found;
}

void text_fold_table(const char **from, const char **to)
{
	/* 2 bytes a character at most in this range */
	static char f[2 * (0x180 - 0xC0) + 1], t[2 * (0x180 - 0xC0) + 1];
	if (!f[0]) {
		size_t nf = 0, nt = 0;
		for (uint32_t cp = 0xC0; cp < 0x180; cp++) {
			uint32_t to_cp = latin_fold[cp - 0xC0];
			if (to_cp == cp)
				continue;
			f[nf++] = (char)(0xC0 | (cp >> 6));
			f[nf++] = (char)(0x80 | (cp & 0x3F));
			if (to_cp < 0x80) {
				t[nt++] = (char)to_cp;
			} else {
				t[nt++] = (char)(0xC0 | (to_cp >> 6));
				t[nt++] = (char)(0x80 | (to_cp & 0x3F));
			}
		}
		f[nf] = t[nt] = '\0';
	}
	*from = f;
	*to = t;
}

void text_ends(struct strbuf *out, const char *clean, int max_cells, int flags)
{
	int width = text_width(clean);
	if (width <= max_cells || max_cells < 6) {
		sb_add(out, clean);
		return;
	}
	size_t head = text_offset_for_width(clean, max_cells / 2);
	size_t tail = text_offset_for_width(clean, width - max_cells / 3);
	sb_addn(out, clean, head);
	sb_add(out, (flags & TEXT_ASCII) ? " ... " : " \xe2\x80\xa6 ");
	sb_add(out, clean + tail);
}
