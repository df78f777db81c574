/* The request types and where each goes: to a team, or to the customer's
 * account representative (sql/280_request_type_routing.sql; added and
 * renamed since 940). Listing is any agent's; adding and changing are
 * admins' and audited. */
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

/* A request type to add (strings borrowed). Exactly one of team and
 * account_rep says where it goes; example may be NULL. */
struct request_type_new {
	const char *key;
	const char *name;
	const char *team;
	const char *example;
	bool account_rep;
	bool ui_related;
};

/* Adds a request type after the others on the intake form; stores its
 * id in *id. Admin only (77); every refused field named (65). */
int request_type_add(struct db *db, const struct request_type_new *t, long long *id,
		     struct tt_error *err);

/* Changes request type `key`: name=NAME, example=TEXT, team=KEY,
 * account_rep=yes|no, ui_related=yes|no; stores its id in *id. Admin only
 * (77); every refused field named (65). */
int request_type_set(struct db *db, const char *key, const struct field_pair *pairs, size_t npairs,
		     long long *id, struct tt_error *err);

#endif
