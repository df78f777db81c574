/* Recoverable errors: an exit code (sysexits.h) plus a human message and,
 * for refused input, the offending fields. Filled by model/db, shown by
 * the CLI on stderr and by the TUI in the status line or beside fields. */
#ifndef TICKETTY_UTIL_ERROR_H
#define TICKETTY_UTIL_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <sysexits.h>

struct strbuf;

struct tt_field_error {
	char *field;    /* metadata field name, e.g. "contact" */
	char *code;     /* stable reason key, e.g. "required", "not_spoc" */
	char *message;  /* English text from the server (fallback) */
	char *label;    /* NULL, or the field's English label as the form
	                   shows it (intake_fields.label, through i18n_db) */
	bool said;      /* the error's message says this refusal already, in
	                   the server's own words (db_error_from_result): the
	                   status line leaves the field out */
};

struct tt_error {
	int code;          /* 0 = no error, else EX_* */
	char sqlstate[6];  /* "" when the error did not come from PostgreSQL */
	char *message;     /* one line, owned */
	char *detail;      /* may be NULL */
	char *hint;        /* may be NULL */
	struct tt_field_error *fields; /* refused fields (EX_DATAERR), owned */
	size_t nfields;
};

void tt_error_init(struct tt_error *err);
void tt_error_clear(struct tt_error *err); /* frees and re-initialises */
/* Sets code and message (printf-style); returns code for `return tt_error_set(...)`. */
int tt_error_set(struct tt_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tt_error_add_field(struct tt_error *err, const char *field, const char *code,
			const char *message);
/* Prints "ticketty: message" (+ detail, hint, one "field: reason" line per field) to stderr. */
void tt_error_print(const struct tt_error *err);
/* One refused field in the reader's words ("name: is required"; the name
 * is the field's label in the reader's words when it has one, "Título:
 * es obligatorio", else its key, as the command line takes it: role=,
 * --team), with the server's facts where its text carries them (people,
 * addresses, sizes, the known values), for the command line. */
void tt_field_error_text(const struct tt_field_error *f, struct strbuf *out);
/* The same with a key, too, in the reader's words ("equipo: es
 * desconocido", i18n_term's domain "field"), for a screen where nobody
 * typed the key (the status line, a form's other fields). */
void tt_field_error_words(const struct tt_field_error *f, struct strbuf *out);
/* The same without the field's name ("is required"), for a form that
 * shows it under the field. */
void tt_field_error_reason(const struct tt_field_error *f, struct strbuf *out);

#endif
