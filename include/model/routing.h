/* Where each request type goes: to a team, or to the customer's account
 * representative (sql/280_request_type_routing.sql). Listing is any
 * agent's; changing is admins' and audited. */
#ifndef TICKETTY_MODEL_ROUTING_H
#define TICKETTY_MODEL_ROUTING_H

#include <stdbool.h>
#include <stddef.h>

#include "model/pairs.h"
#include "util/error.h"

struct db;

/* One request type (strings owned by the list). */
struct request_type_row {
	char *key;
	char *name;        /* English, as stored (i18n_db translates it) */
	char *team;        /* the team's key; NULL when the representative takes it */
	char *team_name;   /* English, as stored; NULL as team */
	bool account_rep;
	bool ui_related;   /* screenshots are mandatory at intake */
};

/* Every request type in the intake form's order. *json (may be NULL)
 * gets the JSON array PostgreSQL built; rows/n (may be NULL) the same as
 * records. */
int request_type_list(struct db *db, char **json, struct request_type_row **rows, int *n,
		      struct tt_error *err);
void request_type_list_free(struct request_type_row *rows, int n);

/* Changes request type `key`: team=KEY, account_rep=yes|no,
 * ui_related=yes|no; stores its id in *id. Admin only (77); every refused
 * field named (65). */
int request_type_set(struct db *db, const char *key, const struct field_pair *pairs, size_t npairs,
		     long long *id, struct tt_error *err);

#endif
