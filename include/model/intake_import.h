/* Intake of many tickets in one call (`ticket import`): a batch of
 * payloads sent to api_ticket_create_many, and what became of each one:
 * its ticket, or its refused fields. */
#ifndef TICKETTY_MODEL_INTAKE_IMPORT_H
#define TICKETTY_MODEL_INTAKE_IMPORT_H

#include <stddef.h>

#include "util/error.h"

struct db;

/* The most payloads one call takes (api_ticket_create_many refuses more). */
#define INTAKE_IMPORT_MAX 1000

/* One ticket of a batch: the payload (a JSON object, as api_ticket_create
 * takes it) and, once submitted, its ticket id (new, or the one an
 * earlier payload with the same idempotency key and content made) or its
 * refusal in err (65, every refused field, as intake_submit gives it). */
struct intake_import_item {
	const char *payload;
	long long id;          /* 0 when refused */
	struct tt_error err;   /* initialised by intake_submit_many */
};

/* Submits items[0..n) (1 <= n <= INTAKE_IMPORT_MAX) in one call, one
 * transaction. Returns 0 when the call went through: every item then has
 * its id or its refusal (a refused item stops no other). Otherwise the
 * call's error (69 when the connection was lost: nothing or everything of
 * the call may have been committed; 77 for a login that may not file
 * tickets), with no item's id set. Free each item's err with
 * tt_error_clear. */
int intake_submit_many(struct db *db, struct intake_import_item *items, size_t n,
		       struct tt_error *err);

#endif
