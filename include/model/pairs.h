/* FIELD=VALUE changes for the *_set API functions (re-triage, admin
 * records): parsed from the command line or a form and sent as libpq
 * parameters, the JSON object built by PostgreSQL. */
#ifndef TICKETTY_MODEL_PAIRS_H
#define TICKETTY_MODEL_PAIRS_H

#include <stddef.h>

#include "util/error.h"

#define PAIRS_MAX 40

/* Strings borrowed from the caller. value "" clears a field. */
struct field_pair {
	const char *field;
	const char *value;
};

/* SQL text "jsonb_build_object($F::text, $F+1::text, ...)" for n pairs
 * whose parameters start at $first (placeholders only; caller frees). */
char *pairs_object_sql(size_t n, int first);
/* Splits "FIELD=VALUE" (borrowing `arg`; the '=' is replaced by NUL).
 * Returns 0, or 64 with err naming the malformed argument. */
int pairs_parse(char *arg, struct field_pair *out, struct tt_error *err);
/* pairs_parse for each of n arguments into out[0..n), and a field named
 * twice refused (the second value would silently replace the first).
 * Returns 0, or 64 with err naming the argument or the field. */
int pairs_parse_all(char **args, int n, struct field_pair *out, struct tt_error *err);

#endif
