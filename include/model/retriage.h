/* Re-triage and the status changes allowed now: api_ticket_retriage and
 * api_ticket_transitions (sql/100_retriage.sql, sql/400_cli_results.sql,
 * sql/030_ticket_api.sql). */
#ifndef TICKETTY_MODEL_RETRIAGE_H
#define TICKETTY_MODEL_RETRIAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/pairs.h"
#include "util/error.h"

struct db;

/* Changes the intake fields in `pairs` (npairs, at most PAIRS_MAX) of
 * ticket `id` with a mandatory `reason` (api_ticket_retriage); the server
 * validates them as intake does (65 with every refused field named),
 * refuses a stale expected_version (75), pm/developer callers (77) and a
 * change that changes nothing (65, each field named with code
 * "unchanged"). *new_version gets the version after the change. When
 * json is not NULL, *json gets what this call did, built by PostgreSQL
 * in the same statement: {"ticket": ID, "version": N, "event": the
 * retriage event's id, "retriage": {"reason", "changes"}}; owned by the
 * caller (free()), NULL on failure. */
int ticket_retriage(struct db *db, long long id, int expected_version, const struct field_pair *pairs,
		    size_t npairs, const char *reason, int *new_version, char **json, struct tt_error *err);

/* ticket_retriage without the JSON. */
int ticket_set(struct db *db, long long id, int expected_version, const struct field_pair *pairs,
	       size_t npairs, const char *reason, int *new_version, struct tt_error *err);

/* One status change the caller may make now. */
struct ticket_transition {
	char to[32];        /* ticket_status key (i18n_term("status", to)) */
	char action[16];    /* "ack" | "status" | "resolve" | "close" | "reopen" */
	bool needs_bug_ref; /* waiting_engineering on a ticket without a bug reference */
	char message[16];   /* "public" (required) | "question" (optional, public:
			     * waiting_customer, ticket_ask) | "internal" (optional) | "none" */
};

/* The transitions the caller may make to ticket `id` now, from the
 * database (empty for pm/developer and closed tickets). *out is owned by
 * the caller (free()). */
int ticket_transitions_load(struct db *db, long long id, struct ticket_transition **out,
			    size_t *n, struct tt_error *err);

#endif
