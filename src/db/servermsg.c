/* Finds the message formats the migrations and sql/functions/ raise and
 * translates incoming server messages by matching them against those
 * formats (see include/db/servermsg.h; the extraction twin is
 * scripts/sql-strings.pl). */
#include "db/servermsg.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/migrate.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#define MAX_VALUES 12

struct formats {
	char **items;
	size_t n, cap;
	bool loaded;
};

/* Filled once per process from constant data; read-only afterwards. */
static struct formats known;

static bool word_at(const char *s, size_t i, const char *word)
{
	size_t n = strlen(word);
	if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_'))
		return false;
	if (strncasecmp(s + i, word, n))
		return false;
	return !isalnum((unsigned char)s[i + n]) && s[i + n] != '_';
}

static size_t skip_space(const char *s, size_t i)
{
	while (s[i] && isspace((unsigned char)s[i]))
		i++;
	return i;
}

/* The index after the plain literal starting at s[i] == '\'' (a doubled
 * quote inside it is one quote), or 0 when it does not end: for skipping
 * over a literal without reading it. */
static size_t literal_end(const char *s, size_t i)
{
	for (i++; s[i]; i++) {
		if (s[i] == '\'' && s[i + 1] == '\'')
			i++;
		else if (s[i] == '\'')
			return i + 1;
	}
	return 0;
}

/* Reads the literal starting at s[i] == '\'' (and literals continuing it
 * on the next lines) into out; returns the index after it. */
static size_t read_literal(const char *s, size_t i, struct strbuf *out)
{
	for (;;) {
		i++;
		while (s[i]) {
			if (s[i] == '\'' && s[i + 1] == '\'') {
				sb_addc(out, '\'');
				i += 2;
			} else if (s[i] == '\'') {
				break;
			} else {
				sb_addc(out, s[i++]);
			}
		}
		if (!s[i])
			return i;
		i++;
		size_t j = i;
		bool newline = false;
		while (s[j] && isspace((unsigned char)s[j]))
			newline |= s[j++] == '\n';
		if (!newline || s[j] != '\'')
			return i;
		i = j;
	}
}

/* Reads the escape string literal starting at s[i] == '\'' (after its
 * E) into out, its backslash escapes read (\t, \n, \\, \', any other
 * character as itself); returns the index after it. */
static size_t read_escaped_literal(const char *s, size_t i, struct strbuf *out)
{
	for (i++; s[i]; i++) {
		if (s[i] == '\'' && s[i + 1] == '\'') {
			sb_addc(out, '\'');
			i++;
		} else if (s[i] == '\'') {
			return i + 1;
		} else if (s[i] == '\\' && s[i + 1]) {
			i++;
			sb_addc(out, s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' : s[i]);
		} else {
			sb_addc(out, s[i]);
		}
	}
	return i;
}

/* A refused field's line, "field<TAB>code<TAB>message" (HACKING.md; the
 * field may be joined on before it): f keeps the message only, which is
 * what the client translates (a final line break dropped). False when f
 * is no such line, or its message spans lines. */
static bool field_line_message(struct strbuf *f)
{
	size_t i = 0;
	for (int part = 0; part < 2; part++) {
		size_t start = i;
		/* the field may be a format's value (format(E'%s\tcode\t...', line)) */
		if (part == 0 && f->buf[0] == '%' && f->buf[1] == 's')
			i = 2;
		while (f->buf[i] == '_' || (f->buf[i] >= 'a' && f->buf[i] <= 'z'))
			i++;
		/* the field may come before the literal (p_field || E'\tcode\t...') */
		if ((i == start && part == 1) || f->buf[i] != '\t')
			return false;
		i++;
	}
	size_t n = f->len - i;
	if (n && f->buf[f->len - 1] == '\n')
		n--;
	if (memchr(f->buf + i, '\n', n) || memchr(f->buf + i, '\t', n))
		return false;
	char *message = xstrndup(f->buf + i, n);
	sb_reset(f);
	sb_add(f, message);
	free(message);
	return true;
}

static void add_format(struct strbuf *f)
{
	bool words = false;
	int letters = 0;
	for (size_t i = 0; i < f->len; i++) {
		if (isalpha((unsigned char)f->buf[i]))
			letters++;
		if (i + 1 < f->len && isalpha((unsigned char)f->buf[i]) &&
		    isalpha((unsigned char)f->buf[i + 1]))
			words = true;
	}
	/* too few fixed letters ("% has %") would match unrelated messages */
	if (!words || letters < 6)
		return;
	/* format() also builds SQL statements: those are not messages */
	static const char *const sql_verbs[] = { "REVOKE", "GRANT", "CREATE", "ALTER", "DROP",
		"SELECT", "INSERT", "UPDATE", "DELETE", "SET", "COMMENT", "EXECUTE", "LISTEN", "NOTIFY" };
	for (size_t i = 0; i < sizeof(sql_verbs) / sizeof(sql_verbs[0]); i++) {
		size_t n = strlen(sql_verbs[i]);
		if (!strncmp(f->buf, sql_verbs[i], n) && isspace((unsigned char)f->buf[n]))
			return;
	}
	for (size_t i = 0; i < known.n; i++)
		if (!strcmp(known.items[i], f->buf))
			return;
	if (known.n == known.cap) {
		known.cap = known.cap ? known.cap * 2 : 64;
		known.items = xrealloc(known.items, known.cap * sizeof(*known.items));
	}
	known.items[known.n++] = xstrdup(f->buf);
}

/* format('...%s...'): %s becomes %; other directives are not matched. */
static bool from_format_call(struct strbuf *f)
{
	struct strbuf out;
	sb_init(&out);
	for (size_t i = 0; i < f->len; i++) {
		if (f->buf[i] == '%' && f->buf[i + 1] == 's') {
			sb_addc(&out, '%');
			i++;
		} else if (f->buf[i] == '%' && f->buf[i + 1] == '%') {
			sb_add(&out, "%%");
			i++;
		} else if (f->buf[i] == '%') {
			sb_done(&out);
			return false;
		} else {
			sb_addc(&out, f->buf[i]);
		}
	}
	sb_reset(f);
	sb_add(f, out.buf);
	sb_done(&out);
	return true;
}

/* The functions that take a refused field's (field, code, message), the
 * message as their third argument (sql/005, 020, 040). */
static const char *const problem_helpers[] = { "admin_problem", "intake_line", "esc_raise_tt400" };

/* After "helper(" at s[j]: skips the field (a literal or a name) and the
 * code (a literal) to the message. Returns the index of the message's
 * literal, or 0 when the call is not of that shape; *joined is set when a
 * name is joined on before it (f.label || ' must be ...'). */
static size_t problem_message_at(const char *s, size_t j, bool *joined)
{
	*joined = false;
	for (int arg = 0; arg < 2; arg++) {
		j = skip_space(s, j);
		if (s[j] == '\'') {
			if (!(j = literal_end(s, j)))
				return 0;
		} else if (arg == 0 && (isalpha((unsigned char)s[j]) || s[j] == '_')) {
			while (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '.')
				j++;
		} else {
			return 0;
		}
		j = skip_space(s, j);
		if (s[j] != ',')
			return 0;
		j++;
	}
	j = skip_space(s, j);
	if (isalpha((unsigned char)s[j]) || s[j] == '_') {
		while (isalnum((unsigned char)s[j]) || s[j] == '_' || s[j] == '.')
			j++;
		j = skip_space(s, j);
		if (s[j] != '|' || s[j + 1] != '|')
			return 0;
		j = skip_space(s, j + 2);
		*joined = true;
	}
	return s[j] == '\'' ? j : 0;
}

/* After "admin_refuse_if(" at s[j]: its last argument, the summary the
 * refusal is raised with, when that is a literal. Returns the index of
 * that literal, or 0. Parentheses and literals inside the arguments are
 * skipped over. */
static size_t refusal_summary_at(const char *s, size_t j)
{
	size_t last = j;
	int depth = 0;
	for (; s[j]; j++) {
		if (s[j] == '\'') {
			size_t end = literal_end(s, j);
			if (!end)
				return 0;
			j = end - 1;   /* the loop steps past the closing quote */
		} else if (s[j] == '(' || s[j] == '[') {
			depth++;
		} else if ((s[j] == ')' || s[j] == ']') && depth > 0) {
			depth--;
		} else if (s[j] == ',' && depth == 0) {
			last = j + 1;
		} else if (s[j] == ')') {
			break;
		}
	}
	if (!s[j])
		return 0;
	size_t k = skip_space(s, last);
	if (s[k] != '\'')
		return 0;
	/* the literal must be the whole argument */
	size_t e = literal_end(s, k);
	return e && skip_space(s, e) == j ? k : 0;
}

static void scan(const char *s)
{
	struct strbuf f;
	sb_init(&f);
	for (size_t i = 0; s[i]; i++) {
		size_t j = 0;
		bool format_call = false, joined = false, helper = false, summary = false;
		for (size_t h = 0; h < sizeof(problem_helpers) / sizeof(problem_helpers[0]); h++) {
			if (word_at(s, i, problem_helpers[h])) {
				size_t k = skip_space(s, i + strlen(problem_helpers[h]));
				if (s[k] == '(')
					j = problem_message_at(s, k + 1, &joined);
				helper = true;
			}
		}
		if (!helper && word_at(s, i, "admin_refuse_if")) {
			size_t k = skip_space(s, i + strlen("admin_refuse_if"));
			if (s[k] != '(' || !(j = refusal_summary_at(s, k + 1)))
				continue;
			summary = true;
		} else if (helper) {
			if (!j)
				continue;
		} else if ((s[i] == 'E' || s[i] == 'e') && s[i + 1] == '\'' &&
			   (i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_'))) {
			/* an escape string anywhere: a refused field's line */
			j = i;
		} else if (word_at(s, i, "RAISE")) {
			j = skip_space(s, i + 5);
			if (!word_at(s, j, "EXCEPTION"))
				continue;
			j = skip_space(s, j + 9);
		} else if (word_at(s, i, "MESSAGE") || word_at(s, i, "DETAIL") || word_at(s, i, "HINT")) {
			j = i;
			while (isalpha((unsigned char)s[j]))
				j++;
			j = skip_space(s, j);
			if (s[j] != '=')
				continue;
			j = skip_space(s, j + 1);
		} else if (word_at(s, i, "format")) {
			j = skip_space(s, i + 6);
			if (s[j] != '(')
				continue;
			j = skip_space(s, j + 1);
			format_call = true;
		} else {
			continue;
		}
		bool escaped = (s[j] == 'E' || s[j] == 'e') && s[j + 1] == '\'';
		if (!escaped && s[j] != '\'')
			continue;
		sb_reset(&f);
		if (joined)
			sb_addc(&f, '%');
		/* an escape string counts as a refused field's line (its message) */
		if (escaped) {
			j = read_escaped_literal(s, j + 1, &f);
			if (!field_line_message(&f))
				continue;
		} else {
			j = read_literal(s, j, &f);
		}
		if (format_call) {
			if (!from_format_call(&f))
				continue;
		} else {
			size_t k = skip_space(s, j);
			if (s[k] == '|' && s[k + 1] == '|')
				sb_addc(&f, '%');
		}
		add_format(&f);
		/* a summary comes after its call's other arguments: scan them too */
		if (!summary)
			i = j - 1;
	}
	sb_done(&f);
}

static void load(void)
{
	if (known.loaded)
		return;
	known.loaded = true;
	/* the migrations first, in order, as before the functions had files
	 * of their own: each function stands in the migration that first
	 * needed it; then the function files, for any no migration names */
	for (size_t i = 0; i < migrations_count; i++)
		scan(migrations[i].sql);
	scan(schema_functions_sql);
}

size_t servermsg_formats(void (*fn)(const char *format, void *arg), void *arg)
{
	load();
	for (size_t i = 0; fn && i < known.n; i++)
		fn(known.items[i], arg);
	return known.n;
}

struct values {
	const char *start[MAX_VALUES];
	size_t len[MAX_VALUES];
	int n;
};

/* Matches text against fmt (each % one value, shortest first; %% a
 * percent sign), recording the values. */
static bool match(const char *fmt, const char *text, struct values *v)
{
	while (*fmt) {
		if (fmt[0] == '%' && fmt[1] == '%') {
			if (*text != '%')
				return false;
			fmt += 2;
			text++;
		} else if (*fmt == '%') {
			if (v->n >= MAX_VALUES)
				return false;
			int slot = v->n++;
			for (size_t len = 0;; len++) {
				v->start[slot] = text;
				v->len[slot] = len;
				if (match(fmt + 1, text + len, v))
					return true;
				if (!text[len])
					break;
			}
			v->n = slot;
			return false;
		} else {
			if (*fmt != *text)
				return false;
			fmt++;
			text++;
		}
	}
	return *text == '\0';
}

static size_t literal_length(const char *fmt)
{
	size_t n = 0;
	for (; *fmt; fmt++)
		if (*fmt != '%')
			n++;
	return n;
}

/* The English words the migrations pass as values of their messages
 * (esc_refuse_not_holder's verb and level, ...); anything else a value
 * holds (names, ids, the customer's words) is shown as it is. */
static const char *const value_words[] = {
	NC_("server_value", "acknowledge"),
	NC_("server_value", "resolve"),
	NC_("server_value", "pass up"),
	NC_("server_value", "hand over"),
	NC_("server_value", "its holder"),
	NC_("server_value", "CSM"),
	NC_("server_value", "COO"),
	NC_("server_value", "CEO"),
	NC_("server_value", "the system"),  /* a change no agent made (460) */
	NC_("server_value", "an administrator"),  /* who must act (040, add_admins) */
};

/* Values that are a domain's stable keys, told by the English words just
 * before their placeholder ("has role %" names a role, "held (%)" a hold
 * reason) or, for a value that opens the message, just after it: shown in
 * the reader's words (i18n_term), a list ("one of: %") item by item; the
 * domain "" is a list of server messages, each translated in turn, and
 * the domain "db" one English reference text the migrations store (a
 * request type's name, an intake field's label: i18n_db, the columns in
 * scripts/sql-strings.pl). Only these places: a name elsewhere that
 * happens to be "admin" stays a name. */
static const struct {
	const char *before;
	const char *domain;
	const char *after;  /* when set: the format opens with before, then
			     * the placeholder, then after */
} keyed_values[] = {
	{ "has role ", "role", NULL },   /* require_role (002), the CSM check (005) */
	{ "one of: ", "role", NULL },    /* require_role's list */
	{ "is a ", "role", NULL },       /* notes only: pm and developer (030) */
	{ "with role ", "role", NULL },  /* nobody to escalate to (040) */
	{ "needs the ", "role", NULL },  /* hand over (250) */
	{ "role, not ", "role", NULL },
	{ "held (", "hold_reason", NULL }, /* held inbox mail (410, 430) */
	{ "may go to: ", "status", NULL }, /* the statuses a ticket may reach (030, 400) */
	{ "since version %: ", "", NULL },  /* a stale edit's changes: messages (460) */
	{ " at ", "when", NULL },         /* each change's time, "Nov 9 15:01 EST" (460) */
	{ " to: ", "admins", NULL },      /* who must assign a CSM or add an agent (040);
					   * after "may go to: ", which is a status list */
	/* an account-representative request type's name (020) */
	{ "", "db", " requests are not support tickets: " },
	/* a ui_related field's label and the request type's name (020) */
	{ "", "db", " is required for request type " },
	{ "is required for request type ", "db", NULL },
	/* the label that opens intake's other refusals (020, 520): "Title
	 * must be one line ...", "Browser must contain a version number ..." */
	{ "", "db", " is required" },
	{ "", "db", " must be " },
	{ "", "db", " needs at least one entry" },
	{ "", "db", " holds more than " },
	{ "", "db", " is % characters long" },
	{ "", "db", " is not a plausible phone number" },
	{ "", "db", " must contain a version number" },
};

/* The domain of the index-th value of format fmt, or NULL. */
static const char *value_domain(const char *fmt, int index)
{
	int seen = 0;
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == '%') {
			p++;
			continue;
		}
		if (*p != '%')
			continue;
		if (seen++ < index)
			continue;
		size_t at = (size_t)(p - fmt);
		for (size_t i = 0; i < sizeof(keyed_values) / sizeof(keyed_values[0]); i++) {
			const char *before = keyed_values[i].before, *after = keyed_values[i].after;
			size_t n = strlen(before);
			if (after ? at == n && !strncmp(fmt, before, n) && !strncmp(p + 1, after, strlen(after))
				  : at >= n && !strncmp(p - n, before, n))
				return keyed_values[i].domain;
		}
		return NULL;
	}
	return NULL;
}

/* Appends the list in s[0..n), each item in the reader's words: the keys
 * of a domain joined by ", " (i18n_term; an unknown key as it is), or for
 * the domain "" server messages joined by "; " (each translated). */
static void add_list(struct strbuf *out, const char *s, size_t n, const char *domain)
{
	char sep = *domain ? ',' : ';';
	const char *end = s + n;
	while (s < end) {
		const char *at = s;
		while (at < end && !(at[0] == sep && at + 1 < end && at[1] == ' '))
			at++;
		char *item = xstrndup(s, (size_t)(at - s));
		if (*domain) {
			sb_add(out, i18n_term(domain, item));
		} else {
			char *said = servermsg_translate(item);
			sb_add(out, said);
			free(said);
		}
		free(item);
		if (at == end)
			break;
		sb_addc(out, sep);
		sb_addc(out, ' ');
		s = at + 2;
	}
}

/* Appends a time as ticket_changes_since writes it (to_char 'Mon FMDD
 * HH24:MI TZ', "Nov 9 15:01 EST") in the reader's order and month names
 * (util/timefmt.h), the zone as it came; anything else as it is. */
static void add_when(struct strbuf *out, const char *s, size_t n)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char *v = xstrndup(s, n), mon[4] = "";
	int day, hour, minute, used = 0;
	if (n > 4 && v[3] == ' ')
		memcpy(mon, v, 3);
	const char *m = *mon ? strstr(months, mon) : NULL;
	if (m && (m - months) % 3 == 0 &&
	    sscanf(v + 4, "%2d %2d:%2d%n", &day, &hour, &minute, &used) == 3 &&
	    day >= 1 && day <= 31 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60) {
		timefmt_append_day_time(out, (int)(m - months) / 3, day, hour, minute);
		sb_add(out, v + 4 + used);
	} else {
		sb_addn(out, s, n);
	}
	free(v);
}

/* Appends who must act as esc_admins_named (040) writes it, "an
 * administrator" or "an administrator (Name <login>, ...)": the words in
 * the reader's language, the names as they are; anything else as it is. */
static void add_admins(struct strbuf *out, const char *s, size_t n)
{
	static const char words[] = "an administrator";
	size_t w = sizeof(words) - 1;
	if (n >= w && !strncmp(s, words, w) && (n == w || s[w] == ' ')) {
		sb_add(out, i18n_pgettext("server_value", words));
		sb_addn(out, s + w, n - w);
	} else {
		sb_addn(out, s, n);
	}
}

static const char *const statuses[] = { "new", "acknowledged", "in_progress",
	"waiting_customer", "waiting_engineering", "resolved", "closed" };

/* The status key s[0..n) as words, or NULL when it is none. */
static const char *status_words(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strlen(statuses[i]) == n && !strncmp(statuses[i], s, n))
			return i18n_term("status", statuses[i]);
	return NULL;
}

/* A value of an untranslated message: a status (or a list of them) in
 * words, a list of messages each the same way, anything else as the
 * server wrote it. */
static void add_status_or_as_is(struct strbuf *out, const char *s, size_t n, const char *domain)
{
	const char *words = domain ? NULL : status_words(s, n);
	if (domain && (!strcmp(domain, "status") || !*domain))
		add_list(out, s, n, domain);
	else if (words)
		sb_add(out, words);
	else
		sb_addn(out, s, n);
}

static void add_value(struct strbuf *out, const char *s, size_t n, const char *domain)
{
	if (domain && !strcmp(domain, "when")) {
		add_when(out, s, n);
		return;
	}
	if (domain && !strcmp(domain, "admins")) {
		add_admins(out, s, n);
		return;
	}
	if (domain && !strcmp(domain, "db")) {
		char *v = xstrndup(s, n);
		sb_add(out, i18n_db(v));
		free(v);
		return;
	}
	if (domain) {
		add_list(out, s, n, domain);
		return;
	}
	const char *words = status_words(s, n);
	if (words) {
		sb_add(out, words);
		return;
	}
	for (size_t i = 0; i < sizeof(value_words) / sizeof(value_words[0]); i++) {
		if (strlen(value_words[i]) == n && !strncmp(value_words[i], s, n)) {
			sb_add(out, i18n_pgettext("server_value", value_words[i]));
			return;
		}
	}
	sb_addn(out, s, n);
}

char *servermsg_translate(const char *english)
{
	if (!english)
		return xstrdup("");
	load();
	const char *best = NULL;
	struct values v, best_v;
	size_t best_len = 0;
	for (size_t i = 0; i < known.n; i++) {
		v.n = 0;
		size_t len = literal_length(known.items[i]);
		if ((!best || len > best_len) && match(known.items[i], english, &v)) {
			best = known.items[i];
			best_len = len;
			best_v = v;
		}
	}
	if (!best)
		return xstrdup(english);
	const char *t = i18n_pgettext("server", best);
	/* untranslated (English): the text as the server wrote it, but a
	 * ticket's status in words ("in_progress -> closed" was the
	 * database's key) */
	bool as_written = t == best;
	/* fill the translated format with the values, in order */
	struct strbuf out;
	sb_init(&out);
	int next = 0;
	for (const char *p = t; *p; p++) {
		if (p[0] == '%' && p[1] == '%') {
			sb_addc(&out, '%');
			p++;
		} else if (*p == '%') {
			if (next < best_v.n && as_written) {
				add_status_or_as_is(&out, best_v.start[next], best_v.len[next],
						    value_domain(best, next));
				next++;
			} else if (next < best_v.n) {
				add_value(&out, best_v.start[next], best_v.len[next],
					  value_domain(best, next));
				next++;
			}
		} else {
			sb_addc(&out, *p);
		}
	}
	return sb_detach(&out);
}
