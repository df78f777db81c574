/* JSON string escaping and the top-level member scanner (see json.h). */
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/xalloc.h"

void json_add_string(struct strbuf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	sb_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': sb_add(out, "\\\""); break;
		case '\\': sb_add(out, "\\\\"); break;
		case '\b': sb_add(out, "\\b"); break;
		case '\f': sb_add(out, "\\f"); break;
		case '\n': sb_add(out, "\\n"); break;
		case '\r': sb_add(out, "\\r"); break;
		case '\t': sb_add(out, "\\t"); break;
		default:
			if (c < 0x20) {
				char esc[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
				sb_add(out, esc);
			} else {
				sb_addc(out, (char)c);
			}
		}
	}
	sb_addc(out, '"');
}

/* The 4 hex digits at s (n bytes available), or -1. */
static long hex4(const char *s, size_t n)
{
	long v = 0;
	if (n < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

void json_string_decode(struct strbuf *out, const char *raw, size_t n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	size_t i = 0;
	while (i < n) {
		if (raw[i] != '\\' || i + 1 >= n) {
			sb_addc(out, raw[i++]);
			continue;
		}
		const char *simple = raw[i + 1] ? strchr(from, raw[i + 1]) : NULL;
		if (simple) {
			sb_addc(out, to[simple - from]);
			i += 2;
			continue;
		}
		long cp = raw[i + 1] == 'u' ? hex4(raw + i + 2, n - i - 2) : -1;
		if (cp < 0) {
			sb_addc(out, raw[i++]);  /* malformed: kept as written */
			continue;
		}
		i += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && raw[i] == '\\' && raw[i + 1] == 'u') {
			long lo = hex4(raw + i + 2, n - i - 2);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				i += 6;
			}
		}
		if (cp >= 0xD800 && cp <= 0xDFFF)
			cp = 0xFFFD;  /* a lone surrogate is no character */
		utf8_encode(out, (uint32_t)cp);
	}
}

static size_t skip_ws(const char *t, size_t len, size_t i)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

/* The strict reader behind json_value_valid: each returns the index after
 * what it read, or sets *bad (once) and returns where it stopped. */
struct vread {
	const char *t;
	size_t len;
	bool bad;
	bool range;  /* bad for a number numeric cannot hold (number_fits) */
};

static size_t v_fail(struct vread *r, size_t i)
{
	r->bad = true;
	return i < r->len ? i : r->len;
}

static size_t v_string(struct vread *r, size_t i)
{
	const char *t = r->t;
	for (i++; i < r->len; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == '"')
			return i + 1;
		if (c < 0x20)
			return v_fail(r, i);
		if (c != '\\')
			continue;
		if (++i >= r->len)
			return v_fail(r, i);
		if (strchr("\"\\/bfnrt", t[i]) && t[i])
			continue;
		long cp = t[i] == 'u' ? hex4(t + i + 1, r->len - i - 1) : -1;
		if (cp < 0)
			return v_fail(r, i - 1);
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return v_fail(r, i - 1);  /* a low surrogate with no high one */
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			long lo = i + 6 < r->len && t[i + 5] == '\\' && t[i + 6] == 'u'
				  ? hex4(t + i + 7, r->len - i - 7) : -1;
			if (lo < 0xDC00 || lo > 0xDFFF)
				return v_fail(r, i - 1);  /* a high surrogate alone */
			i += 6;
		}
		i += 4;
	}
	return v_fail(r, i);
}

/* A letter, digit or underscore: a number or a literal that runs on into
 * one is no JSON token. */
static bool runs_on(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static size_t v_digits(const char *t, size_t len, size_t i)
{
	while (i < len && t[i] >= '0' && t[i] <= '9')
		i++;
	return i;
}

/* True when the JSON number t[0..n) (read as one) is a value PostgreSQL's
 * numeric, in which jsonb keeps numbers, holds: numeric_in refuses
 * ("value overflows numeric format") an exponent of INT_MAX / 2 or more
 * either way, more than 16383 digits after the decimal point once the
 * exponent is applied (its dscale), and a value whose first significant
 * digit stands more than 131071 places before the point (a weight over
 * 32767 in base 10000). A zero has no first significant digit. (A digit
 * after the point stands within dscale places of it: no lower bound.) */
static bool number_fits(const char *t, size_t n)
{
	const long long half_int_max = 1073741823, dscale_max = 16383, place_max = 131071;
	size_t i = t[0] == '-' ? 1 : 0;
	size_t int_at = i;
	while (i < n && t[i] >= '0' && t[i] <= '9')
		i++;
	size_t int_len = i - int_at, frac_at = i, frac_len = 0;
	if (i < n && t[i] == '.') {
		frac_at = ++i;
		while (i < n && t[i] >= '0' && t[i] <= '9')
			i++;
		frac_len = i - frac_at;
	}
	long long exp = 0;
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		bool neg = t[++i] == '-';
		if (t[i] == '-' || t[i] == '+')
			i++;
		for (; i < n && t[i] >= '0' && t[i] <= '9'; i++)
			if (exp < half_int_max)  /* saturates: any more is refused */
				exp = exp * 10 + (t[i] - '0');
		exp = neg ? -exp : exp;
	}
	if (exp >= half_int_max || exp <= -half_int_max || (long long)frac_len - exp > dscale_max)
		return false;
	for (size_t k = 0; k < int_len; k++)
		if (t[int_at + k] != '0')
			return (long long)(int_len - 1 - k) + exp <= place_max;
	for (size_t k = 0; k < frac_len; k++)
		if (t[frac_at + k] != '0')
			return exp - (long long)(k + 1) <= place_max;
	return true;
}

static size_t v_number(struct vread *r, size_t i)
{
	const char *t = r->t;
	size_t len = r->len;
	size_t start = i;
	if (i < len && t[i] == '-')
		i++;
	if (i < len && t[i] == '0')
		i++;
	else if (i < len && t[i] >= '1' && t[i] <= '9')
		i = v_digits(t, len, i);
	else
		return v_fail(r, i);
	if (i < len && t[i] == '.') {
		size_t d = v_digits(t, len, i + 1);
		if (d == i + 1)
			return v_fail(r, d);
		i = d;
	}
	if (i < len && (t[i] == 'e' || t[i] == 'E')) {
		i++;
		if (i < len && (t[i] == '+' || t[i] == '-'))
			i++;
		size_t d = v_digits(t, len, i);
		if (d == i)
			return v_fail(r, d);
		i = d;
	}
	/* "01", "1x": a number runs on into something else */
	if (i < len && (runs_on(t[i]) || t[i] == '.'))
		return v_fail(r, i);
	/* JSON, but no numeric: said where the number starts */
	if (!number_fits(t + start, i - start)) {
		r->range = true;
		return v_fail(r, start);
	}
	return i;
}

static size_t v_value(struct vread *r, size_t i, int depth)
{
	const char *t = r->t;
	size_t len = r->len;
	i = skip_ws(t, len, i);
	if (i >= len)
		return v_fail(r, i);
	if (t[i] == '"')
		return v_string(r, i);
	if (t[i] == '-' || (t[i] >= '0' && t[i] <= '9'))
		return v_number(r, i);
	static const char *const words[] = { "true", "false", "null" };
	for (size_t w = 0; w < 3; w++) {
		size_t n = strlen(words[w]);
		if (len - i >= n && !memcmp(t + i, words[w], n)) {
			i += n;
			if (i < len && runs_on(t[i]))  /* "truex", "null1" */
				return v_fail(r, i);
			return i;
		}
	}
	if (t[i] != '[' && t[i] != '{')
		return v_fail(r, i);
	if (depth >= JSON_MAX_DEPTH)
		return v_fail(r, i);
	char close = t[i] == '[' ? ']' : '}';
	bool object = close == '}';
	i = skip_ws(t, len, i + 1);
	if (i < len && t[i] == close)
		return i + 1;
	for (;;) {
		if (object) {
			i = skip_ws(t, len, i);
			if (i >= len || t[i] != '"')
				return v_fail(r, i);
			i = v_string(r, i);
			if (r->bad)
				return i;
			i = skip_ws(t, len, i);
			if (i >= len || t[i] != ':')
				return v_fail(r, i);
			i++;
		}
		i = v_value(r, i, depth + 1);
		if (r->bad)
			return i;
		i = skip_ws(t, len, i);
		if (i < len && t[i] == ',') {
			i++;
			continue;
		}
		if (i < len && t[i] == close)
			return i + 1;
		return v_fail(r, i);
	}
}

bool json_value_valid(const char *v, size_t n, size_t *bad_at)
{
	struct vread r = { v, n, false, false };
	size_t i = v_value(&r, 0, 0);
	if (!r.bad) {
		i = skip_ws(v, n, i);
		if (i != n)
			v_fail(&r, i);
	}
	*bad_at = r.bad ? i : n;
	return !r.bad;
}

bool json_number_out_of_range(const char *v, size_t n, size_t at)
{
	struct vread r = { v, n, false, false };
	if (at >= n || !(v[at] == '-' || (v[at] >= '0' && v[at] <= '9')))
		return false;
	v_number(&r, at);
	return r.bad && r.range;
}

/* t[i] is the opening quote; returns the index after the closing quote,
 * or len when the string is unterminated. Notes NULs (raw or \u0000). */
static size_t skip_string(const char *t, size_t len, size_t i, bool *nul)
{
	for (i++; i < len; i++) {
		if (t[i] == '\0') {
			*nul = true;
		} else if (t[i] == '"') {
			return i + 1;
		} else if (t[i] == '\\' && i + 1 < len) {
			i++;
			if (t[i] == 'u' && i + 4 < len && !memcmp(t + i + 1, "0000", 4))
				*nul = true;
		}
	}
	return len;
}

/* Skips one value starting at t[i]; returns the index after it and the
 * deepest nesting seen in *deepest. */
static size_t skip_value(const char *t, size_t len, size_t i, bool *nul, int *deepest)
{
	int depth = 0;

	*deepest = 0;
	while (i < len) {
		char c = t[i];
		if (c == '"') {
			i = skip_string(t, len, i, nul);
			if (depth == 0)
				return i;
			continue;
		}
		if (c == '{' || c == '[') {
			if (++depth > *deepest)
				*deepest = depth;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return i;
			if (--depth == 0)
				return i + 1;
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
			return i;
		} else if (c == '\0') {
			*nul = true;
		}
		i++;
	}
	return i;
}

long json_object_members(const char *t, size_t len, struct json_member **members)
{
	size_t bad_at;
	return json_object_members_at(t, len, members, &bad_at);
}

long json_object_members_at(const char *t, size_t len, struct json_member **members, size_t *bad_at)
{
	struct json_member *m = NULL;
	size_t n = 0, cap = 0;
	size_t i = skip_ws(t, len, 0);

	*members = NULL;
	*bad_at = i;
	if (i >= len || t[i] != '{')
		return -1;
	i = skip_ws(t, len, i + 1);
	if (i < len && t[i] == '}')
		goto end;
	for (;;) {
		bool nul = false;
		if (i >= len || t[i] != '"')
			goto bad;
		size_t kstart = i + 1;
		i = skip_string(t, len, i, &nul);
		if (i >= len || t[i - 1] != '"' || i - 1 < kstart)
			goto bad;
		size_t kend = i - 1;
		i = skip_ws(t, len, i);
		if (i >= len || t[i] != ':')
			goto bad;
		i = skip_ws(t, len, i + 1);
		size_t vstart = i;
		nul = false;
		int deepest;
		i = skip_value(t, len, i, &nul, &deepest);
		if (i == vstart)
			goto bad;
		m = xgrow(m, &cap, n + 1, sizeof(*m));
		m[n++] = (struct json_member){ t + kstart, kend - kstart, t + vstart, i - vstart, nul,
					       deepest };
		i = skip_ws(t, len, i);
		if (i < len && t[i] == ',') {
			i = skip_ws(t, len, i + 1);
			continue;
		}
		if (i < len && t[i] == '}')
			break;
		goto bad;
	}
end:
	if (skip_ws(t, len, i + 1) != len) {
		i = skip_ws(t, len, i + 1);
		goto bad;
	}
	*members = m;
	return (long)n;
bad:
	*bad_at = i < len ? i : len;
	free(m);
	return -1;
}
