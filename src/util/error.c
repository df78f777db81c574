/* The error record passed up from model and database code. */
#include "util/error.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

void tt_error_init(struct tt_error *err)
{
	memset(err, 0, sizeof(*err));
}

void tt_error_clear(struct tt_error *err)
{
	free(err->message);
	free(err->detail);
	free(err->hint);
	for (size_t i = 0; i < err->nfields; i++) {
		free(err->fields[i].field);
		free(err->fields[i].code);
		free(err->fields[i].message);
		free(err->fields[i].label);
	}
	free(err->fields);
	tt_error_init(err);
}

int tt_error_set(struct tt_error *err, int code, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	free(err->message);
	err->message = sb_detach(&sb);
	sb_done(&sb);
	err->code = code;
	return code;
}

void tt_error_add_field(struct tt_error *err, const char *field, const char *code,
			const char *message)
{
	err->fields = xrealloc(err->fields, (err->nfields + 1) * sizeof(*err->fields));
	struct tt_field_error *f = &err->fields[err->nfields++];
	f->field = xstrdup(field ? field : "");
	f->code = xstrdup(code ? code : "");
	f->message = xstrdup(message ? message : "");
	f->label = NULL;
	f->said = false;
}

/* True when s ends with the text end (never when end is NULL). */
static bool ends_with(const char *s, const char *end)
{
	if (!end)
		return false;
	size_t n = strlen(s), m = strlen(end);
	return n >= m && !strcmp(s + n - m, end);
}

void tt_field_error_reason(const struct tt_field_error *f, struct strbuf *out)
{
	const char *reason = i18n_field_reason(f->field, f->code, f->message);
	/* the server's text names people, addresses, sizes and limits,
	 * customers and tickets for these codes (where a document stops
	 * being JSON for not_json), and for an unknown value
	 * what is taken ("must be premium or basic", "no team has the key
	 * \"x\"") */
	static const char *const with_facts[] = { "account_rep", "other_customer", "too_large",
						  "too_long", "still_csm", "holds_escalations",
						  "assigned_tickets", "wrong_role", "unknown", "not_json" };
	/* and for these when it says more than the reason: which condition
	 * makes a field required ("... for a severity 1 (Critical)
	 * emergency"), which entry is no number, what form is expected;
	 * "Title is required" says no more than "is required" */
	static const char *const when_specific[] = { "required", "not_a_number", "malformed" };
	bool facts = false;
	for (size_t i = 0; i < sizeof(with_facts) / sizeof(with_facts[0]); i++)
		facts = facts || !strcmp(f->code, with_facts[i]);
	for (size_t i = 0; i < sizeof(when_specific) / sizeof(when_specific[0]); i++)
		facts = facts || (!strcmp(f->code, when_specific[i]) && !ends_with(f->message, reason) &&
				  !ends_with(f->message, i18n_field_reason_english(f->field, f->code)));
	/* an unknown value with the server's list of the known ones
	 * ("one of engineer, csm, ..."): the keys, in the reader's words */
	if (!strcmp(f->code, "unknown") && !strncmp(f->message, "one of ", 7))
		sb_addf(out, "%s (%s %s)", reason, _("one of"), f->message + 7);
	else if (facts && *f->message && strcmp(reason, f->message))
		sb_addf(out, "%s (%s)", reason, f->message);
	else
		sb_add(out, reason);
}

void tt_field_error_text(const struct tt_field_error *f, struct strbuf *out)
{
	sb_addf(out, "%s: ", f->label ? i18n_db(f->label) : f->field);
	tt_field_error_reason(f, out);
}

void tt_field_error_words(const struct tt_field_error *f, struct strbuf *out)
{
	/* a key the reader has words for ("team": "equipo"); one they have
	 * none for (a JSON member) as the server named it */
	sb_addf(out, "%s: ", f->label ? i18n_db(f->label) : i18n_term("field", f->field));
	tt_field_error_reason(f, out);
}

/* One line of an error on stderr: its text came from the database (a
 * customer's or an agent's name in a refusal) or from the command line, so
 * it is sanitised like everything printed (escapes shown, never sent). */
/* The most cells one line of an error shows: far more than any message's
 * own words; a value quoted back from a paste is shown by its ends. */
#define ERROR_LINE_CELLS 1000

static void put_line(const char *label, const char *text)
{
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;
	struct strbuf sb, shown;
	sb_init(&sb);
	sb_init(&shown);
	text_sanitize(&sb, text, strlen(text), TEXT_MULTILINE | TEXT_TABS | flags);
	for (const char *line = sb.buf;;) {
		const char *nl = strchr(line, '\n');
		char *one = nl ? xstrndup(line, (size_t)(nl - line)) : xstrdup(line);
		text_ends(&shown, one, ERROR_LINE_CELLS, flags);
		free(one);
		if (!nl)
			break;
		sb_addc(&shown, '\n');
		line = nl + 1;
	}
	fprintf(stderr, "%s%s\n", label, shown.buf);
	sb_done(&sb);
	sb_done(&shown);
}

/* The message's own words when it only restates the one field's refusal
 * ("login: Amara Osei cannot hold the CEO level ...", or those words
 * alone, as the field's message has them), else NULL. */
static const char *message_of_the_field(const struct tt_error *err)
{
	if (!err->message || err->nfields != 1)
		return NULL;
	if (*err->fields[0].message && !strcmp(err->message, err->fields[0].message))
		return err->message;
	size_t n = strlen(err->fields[0].field);
	if (strncmp(err->message, err->fields[0].field, n) || strncmp(err->message + n, ": ", 2))
		return NULL;
	return err->message + n + 2;
}

void tt_error_print(const struct tt_error *err)
{
	struct strbuf sb;
	sb_init(&sb);
	/* a message that only restates the field's line, which says it all
	 * (the reason and the server's facts), gives way to that line */
	const char *own = message_of_the_field(err);
	if (err->nfields)
		tt_field_error_text(&err->fields[0], &sb);
	bool restated = own && *own && strstr(sb.buf, own);
	if (err->message && !restated)
		put_line("ticketty: ", err->message);
	for (size_t i = 0; i < err->nfields; i++) {
		if (i) {
			sb_reset(&sb);
			tt_field_error_text(&err->fields[i], &sb);
		}
		put_line(restated ? "ticketty: " : "", sb.buf);
	}
	if (err->detail && !err->nfields) {
		sb_reset(&sb);
		sb_addf(&sb, "%s ", _("Detail:"));
		put_line(sb.buf, err->detail);
	}
	if (err->hint) {
		sb_reset(&sb);
		sb_addf(&sb, "%s ", _("Hint:"));
		put_line(sb.buf, err->hint);
	}
	sb_done(&sb);
}
