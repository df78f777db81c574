/* The desk's teams as admins keep them (sql/940_team_admin.sql): the
 * listing is any agent's; adding, renaming and deactivating are admins'
 * and audited. Where request types go is model/routing.h. */
#ifndef TICKETTY_MODEL_TEAM_H
#define TICKETTY_MODEL_TEAM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/pairs.h"
#include "util/error.h"

struct db;

/* One team (strings owned by the list). */
struct team_row {
	char *key;
	char *name;          /* as stored: a reference name is English (i18n_db translates it) */
	bool active;
	int request_types;   /* how many request types go to it */
	int agents;          /* active agents who belong to it */
	int open_tickets;
};

/* Every team by key. *json (may be NULL) gets the JSON array PostgreSQL
 * built; rows/n (may be NULL) the same as records. */
int team_list(struct db *db, char **json, struct team_row **rows, int *n, struct tt_error *err);
void team_list_free(struct team_row *rows, int n);

/* Adds team `key` called `name`; stores its id in *id. Admin only (77);
 * every refused field named (65). */
int team_add(struct db *db, const char *key, const char *name, long long *id, struct tt_error *err);

/* Changes team `key`: name=NAME, active=yes|no; stores its id in *id.
 * Admin only (77); every refused field named (65): a team is not
 * deactivated while request types go to it, tickets of it are not closed
 * or active agents belong to it. */
int team_set(struct db *db, const char *key, const struct field_pair *pairs, size_t npairs,
	     long long *id, struct tt_error *err);
/* team_set with active=no. */
int team_deactivate(struct db *db, const char *key, long long *id, struct tt_error *err);

#endif
