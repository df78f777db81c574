/* The intake payload: built from typed values (form, --set) or checked
 * member by member from a JSON document (--json). No SQL here; bytes that
 * PostgreSQL could not even receive (invalid UTF-8, NUL) and members its
 * JSON parser would refuse are caught here, each by its field's name. */
#include "model/intake.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/json.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Why raw bytes cannot be sent, or NULL when they can. */
static const char *byte_problem(const char *s, size_t n, bool nul, const char **message)
{
	if (nul || memchr(s, '\0', n)) {
		*message = "contains a NUL byte";
		return "nul_byte";
	}
	if (!utf8_valid(s, n)) {
		*message = "is not valid UTF-8";
		return "invalid_utf8";
	}
	return NULL;
}

static bool is_sep(char c, const char *seps)
{
	return strchr(seps, c) != NULL && c != '\0';
}

/* Length of the URL scheme and "://" that s[0..n) starts with, or 0. */
static size_t url_scheme(const char *s, size_t n)
{
	size_t i = 0;
	if (!n || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			 (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '.' || s[i] == '-'))
		i++;
	return n - i >= 3 && !memcmp(s + i, "://", 3) ? i + 3 : 0;
}

/* True when the comma at s[i] belongs to the URL it stands in (RFC 3986
 * allows one: "https://x.example/a,b.png", "?ids=1,2"): neither a blank,
 * another comma, the end nor another URL follows it. */
static bool comma_in_url(const char *s, size_t n, size_t i)
{
	return i + 1 < n && !strchr(" \t\r\n,", s[i + 1]) && !url_scheme(s + i + 1, n - i - 1);
}

/* Appends the list in s as a JSON array of trimmed, non-empty items,
 * separated by any of seps; with urls, a comma inside a URL item is part
 * of it (screenshots). */
static void add_list(struct strbuf *json, const char *s, size_t n, const char *seps, bool urls)
{
	size_t i = 0;
	bool first = true;

	sb_addc(json, '[');
	while (i < n) {
		while (i < n && (is_sep(s[i], seps) || s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t start = i;
		bool url = urls && url_scheme(s + i, n - i) > 0;
		while (i < n && !(is_sep(s[i], seps) && !(url && s[i] == ',' && comma_in_url(s, n, i))))
			i++;
		size_t end = i;
		while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
			end--;
		if (end > start) {
			if (!first)
				sb_addc(json, ',');
			json_add_string(json, s + start, end - start);
			first = false;
		}
	}
	sb_addc(json, ']');
}

void intake_payload_build(const struct intake_meta *meta, const struct intake_value *values,
			  size_t n, const char *idempotency_key, struct strbuf *json,
			  struct tt_error *bad)
{
	bool first = true;

	sb_addc(json, '{');
	for (size_t i = 0; i < n; i++) {
		const struct intake_value *v = &values[i];
		const char *message;
		if (!v->text || text_blank_n(v->text, v->len))
			continue;
		const char *code = byte_problem(v->text, v->len, false, &message);
		if (code) {
			tt_error_add_field(bad, v->name, code, message);
			continue;
		}
		const struct intake_field *f = intake_meta_find(meta, v->name);
		if (!first)
			sb_addc(json, ',');
		first = false;
		json_add_string(json, v->name, strlen(v->name));
		sb_addc(json, ':');
		if (f && !strcmp(f->kind, "id_list"))
			add_list(json, v->text, v->len, ",; \t\r\n", false);
		else if (f && !strcmp(f->kind, "url_list"))
			add_list(json, v->text, v->len, ",\n", true);
		else
			json_add_string(json, v->text, v->len);
	}
	if (idempotency_key && *idempotency_key) {
		if (!first)
			sb_addc(json, ',');
		sb_add(json, "\"idempotency_key\":");
		json_add_string(json, idempotency_key, strlen(idempotency_key));
	}
	sb_addc(json, '}');
}

/* The line and column (in characters, as an editor counts) of byte
 * offset `at` in text. */
static void line_column(const char *text, size_t len, size_t at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at && i < len; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

/* Why a ticket given as JSON could not be read, and where: nothing at
 * all, something other than an object, or an object that stops making
 * sense at line L, column C. */
static int json_problem(const char *text, size_t len, size_t bad_at, struct tt_error *err)
{
	size_t start = 0;
	while (start < len && strchr(" \t\r\n", text[start]) && text[start])
		start++;
	if (start >= len)
		return tt_error_set(err, EX_DATAERR, "%s", _("the ticket is empty: give a JSON object"));
	if (text[start] != '{')
		return tt_error_set(err, EX_DATAERR, "%s",
				    _("the ticket must be a JSON object: {\"field\": value, ...}"));
	int line, col;
	line_column(text, len, bad_at, &line, &col);
	if (bad_at >= len)
		return tt_error_set(err, EX_DATAERR,
				    _("the ticket is not valid JSON: it ends too soon (line %d, column %d)"), line, col);
	return tt_error_set(err, EX_DATAERR, _("the ticket is not valid JSON: see line %d, column %d"), line, col);
}

int intake_payload_from_json(const char *text, size_t len, struct strbuf *json,
			     struct tt_error *bad, struct tt_error *err)
{
	struct json_member *m;
	size_t bad_at;
	bool first = true;

	/* a byte order mark, as some editors write one, is no part of the
	 * document (RFC 8259 lets a reader ignore it) */
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	long n = json_object_members_at(text, len, &m, &bad_at);
	if (n < 0)
		return json_problem(text, len, bad_at, err);
	/* each key as the database will read it (escapes decoded): a key
	 * given twice is refused, not left for jsonb to keep the last */
	struct strbuf *keys = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*keys));
	for (long i = 0; i < n; i++) {
		sb_init(&keys[i]);
		json_string_decode(&keys[i], m[i].key, m[i].key_len);
	}
	sb_addc(json, '{');
	for (long i = 0; i < n; i++) {
		const char *message;
		long seen = 0;
		for (long j = 0; j < i; j++)
			seen += keys[j].len == keys[i].len && !memcmp(keys[j].buf, keys[i].buf, keys[i].len);
		if (seen) {
			/* named once, however often it comes again */
			if (seen == 1 && utf8_valid(keys[i].buf, keys[i].len) && !memchr(keys[i].buf, '\0', keys[i].len))
				tt_error_add_field(bad, keys[i].buf, "duplicate", "is given twice");
			continue;
		}
		char *key = xstrndup(m[i].key, m[i].key_len);
		/* the key as the database reads it: a \u0000 escape in it is
		 * a NUL jsonb refuses ("unsupported Unicode escape sequence",
		 * naming no field) */
		const char *code = byte_problem(m[i].key, m[i].key_len,
						memchr(keys[i].buf, '\0', keys[i].len) != NULL, &message);
		if (!code)
			code = byte_problem(m[i].value, m[i].value_len, m[i].has_nul, &message);
		if (!code && m[i].depth > JSON_MAX_DEPTH) {
			message = "is nested too deeply";
			code = "too_deep";
		}
		/* the scanner only splits members: a value PostgreSQL would not
		 * read (a raw tab in a string, a lone \uD800, 01, tru, [1,])
		 * is named here with where it goes wrong, not left for the
		 * database to refuse the whole ticket without naming a field */
		char *where = NULL;
		size_t key_at, value_at;
		bool key_json = json_value_valid(m[i].key - 1, m[i].key_len + 2, &key_at);
		bool value_json = key_json && json_value_valid(m[i].value, m[i].value_len, &value_at);
		/* a number jsonb's numeric cannot hold (1e131072, 1e-16384):
		 * "value overflows numeric format", naming no field */
		if (!code && key_json && !value_json &&
		    json_number_out_of_range(m[i].value, m[i].value_len, value_at)) {
			message = "is out of range";
			code = "out_of_range";
		}
		if (!code && (!key_json || !value_json)) {
			size_t off = key_json ? (size_t)(m[i].value - text) + value_at
					      : (size_t)(m[i].key - 1 - text) + key_at;
			int line, col;
			line_column(text, len, off, &line, &col);
			where = xasprintf(_("see line %d, column %d"), line, col);
			message = where;
			code = "not_json";
		}
		if (code) {
			if (key_json && utf8_valid(key, strlen(key)))
				tt_error_add_field(bad, key, code, message);
			else
				tt_error_add_field(bad, "ticket", code, message);
			free(key);
			free(where);
			continue;
		}
		free(key);
		if (!first)
			sb_addc(json, ',');
		first = false;
		sb_addc(json, '"');
		sb_addn(json, m[i].key, m[i].key_len);
		sb_add(json, "\":");
		sb_addn(json, m[i].value, m[i].value_len);
	}
	sb_addc(json, '}');
	for (long i = 0; i < n; i++)
		sb_done(&keys[i]);
	free(keys);
	free(m);
	return 0;
}

char *intake_new_key(void)
{
	unsigned char raw[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, raw, sizeof(raw)) : -1;

	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)sizeof(raw)) {
		/* no /dev/urandom: time, pid and address bits still differ per form */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		unsigned long long x = (unsigned long long)ts.tv_nsec ^ ((unsigned long long)ts.tv_sec << 20) ^
				       ((unsigned long long)getpid() << 40) ^ (unsigned long long)(size_t)raw;
		for (size_t i = 0; i < sizeof(raw); i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			raw[i] = (unsigned char)(x >> 56);
		}
	}
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < sizeof(raw); i++)
		sb_addf(&sb, "%02x", raw[i]);
	char *key = sb_detach(&sb);
	sb_done(&sb);
	return key;
}
