/* Records that change: customer, contact and agent set, deactivate, a customer's
 * contacts, and the administration audit log (sql/005_admin.sql). */
#ifndef TICKETTY_MODEL_ADMIN_RECORDS_H
#define TICKETTY_MODEL_ADMIN_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model/pairs.h"
#include "util/error.h"

struct db;

/* Each changes one record named by `ref` (customer: id or name; contact:
 * id or e-mail address) and stores its id in *id. Admin only (77); every
 * refused field named (65). */
int admin_customer_set(struct db *db, const char *ref, const struct field_pair *pairs,
		       size_t npairs, long long *id, struct tt_error *err);
int admin_customer_deactivate(struct db *db, const char *ref, long long *id, struct tt_error *err);
int admin_contact_set(struct db *db, const char *ref, const struct field_pair *pairs,
		      size_t npairs, long long *id, struct tt_error *err);
int admin_contact_deactivate(struct db *db, const char *ref, long long *id, struct tt_error *err);
/* A change of record `kind` ("customer", "contact", "agent", "team",
 * "request_type") `ref` that
 * failed (rc) because it waited too long for the record's row (55P03):
 * err says "customer Acme is held by Olga Other (in psql) (waited ...)"
 * when the database can tell who holds it, or "customer Acme: ticket 25
 * is held by ..." when the wait was on a ticket or escalation the change
 * goes on to change (a new CSM, an agent's new role) (each of the changes above
 * passes its refusal through it, as admin_agent_deactivate does). Any
 * other error is left as it is. Returns rc. */
int admin_name_held(struct db *db, const char *kind, const char *ref, int rc, struct tt_error *err);
/* The same for an addition that waited on the row of record `kind` `ref`
 * it refers to (a new contact's customer, a new customer's CSM: the
 * row's key is locked while it is added), that row alone looked at;
 * ref NULL leaves err as it is. */
int admin_name_ref_held(struct db *db, const char *kind, const char *ref, int rc, struct tt_error *err);
/* The same, whatever the code, saying whether it named a holder (a
 * refusal that did not wait on that row is left as it is: false). */
bool admin_ref_holder_named(struct db *db, const char *kind, const char *ref, struct tt_error *err);
/* After a change to contact `id`: the name of its customer (*customer,
 * owned by the caller) when that customer is active and has no active
 * authorised single point of contact left, else NULL. 0, or a sysexits
 * code with err set. */
int admin_contact_customer_without_spoc(struct db *db, long long id, char **customer, struct tt_error *err);
/* The id of the team agent `login` belongs to (*team_id, 0 when none or
 * no such agent). 0, or a sysexits code with err set. */
int admin_agent_team_id(struct db *db, const char *login, long long *team_id, struct tt_error *err);
/* When team `team_id` is active, has open tickets (not resolved or
 * closed) and no active agent: its name (*team, owned by the caller) and
 * how many tickets are open; else NULL. 0, or a sysexits code with err
 * set. */
int admin_team_left_alone(struct db *db, long long team_id, char **team, long *open, struct tt_error *err);
/* An agent by login: name, email, team, lang, active (api_admin_agent_set). */
int admin_agent_set(struct db *db, const char *login, const struct field_pair *pairs,
		    size_t npairs, long long *id, struct tt_error *err);

/* The call behind each of them: SELECT ticketty.<fn>(ref, {field: value,
 * ...}) built from the pairs; the id it returns goes to *id. */
int admin_record_set(struct db *db, const char *fn, const char *ref, const struct field_pair *pairs,
		     size_t npairs, long long *id, struct tt_error *err);

enum admin_record { ADMIN_CUSTOMER, ADMIN_CONTACT, ADMIN_AGENT };
/* The record `id` of that kind as it is now, a JSON object built by
 * PostgreSQL (for --json after a change); *json owned by the caller. */
int admin_record_json(struct db *db, enum admin_record kind, long long id, char **json,
		      struct tt_error *err);

/* One contact of a customer (strings owned by the list). */
struct contact_row {
	long long id;
	char *name;
	char *email;
	char *phone;   /* NULL when none */
	bool spoc;
	bool active;
};

/* The contacts of `customer` (id or name), any agent. *json (may be NULL)
 * gets the JSON array PostgreSQL built; rows/n the same as records. */
int contacts_list(struct db *db, const char *customer, char **json, struct contact_row **rows,
		  int *n, struct tt_error *err);
void contacts_list_free(struct contact_row *rows, int n);

/* One administration audit event (strings owned by the list). */
struct admin_event_row {
	long long id;
	time_t at;
	char *actor;       /* login */
	char *action;      /* e.g. "customer.set", "contact.spoc_revoked" */
	char *object;      /* name, address or key of what changed; may be NULL */
	char *before;      /* JSON text or NULL; of a change (both objects), only
	                    * the fields it changed, in before and after alike */
	char *after;       /* JSON text or NULL */
};

/* The newest `limit` audit events (admins only). */
int admin_audit_list(struct db *db, int limit, char **json, struct admin_event_row **rows, int *n,
		     struct tt_error *err);
void admin_audit_list_free(struct admin_event_row *rows, int n);

#endif
