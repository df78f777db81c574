/* Administration of the desk: customers, contacts and agents, through the
 * api_admin_* functions of sql/005_admin.sql (admin agents or superusers
 * only; refusals come back as TT400 fields in the error). */
#ifndef TICKETTY_MODEL_ADMIN_H
#define TICKETTY_MODEL_ADMIN_H

#include <stdbool.h>

#include "util/error.h"

struct db;

/* Every string is borrowed from the caller; NULL = not given. */
struct admin_customer_new {
	const char *name;
	const char *member_id;    /* decimal text, validated by the server */
	const char *plan;         /* "premium" | "basic" */
	const char *csm_login;    /* agent of role csm, or NULL */
	const char *account_rep;  /* "Name <email>", or NULL */
	const char *account_rep_lang; /* "en" | "es": the representative's mail; NULL = en */
};

struct admin_contact_new {
	const char *customer;     /* customer id ("12", "#12") or name */
	const char *name;
	const char *email;
	const char *phone;        /* or NULL */
	bool spoc;                /* authorised single point of contact */
	const char *lang;         /* language of mail to them: en, es; NULL = en */
};

struct admin_agent_new {
	const char *login;        /* PostgreSQL role name to create */
	const char *name;         /* display name */
	const char *role;         /* engineer|csm|coo|ceo|pm|developer|admin|mail */
	const char *email;        /* or NULL */
	const char *team;         /* team key, or NULL */
	const char *password;     /* or NULL: log in by peer/cert only */
	const char *lang;         /* language of its mail ("en", "es"), or NULL: en */
};

/* Each adds one row and stores the new id in *id. 0 or an exit code. */
int admin_customer_add(struct db *db, const struct admin_customer_new *c, long long *id,
		       struct tt_error *err);
int admin_contact_add(struct db *db, const struct admin_contact_new *c, long long *id,
		      struct tt_error *err);
int admin_agent_add(struct db *db, const struct admin_agent_new *a, long long *id,
		    struct tt_error *err);
/* Marks the agent inactive and drops its ticketty group; *id = its id. */
int admin_agent_deactivate(struct db *db, const char *login, long long *id,
			   struct tt_error *err);

/* One customer of admin_customer_list (strings owned by the list). */
struct admin_customer {
	long long id;
	char *name;
	long long member_id;
	char *plan;
	char *csm;               /* login, or NULL */
	char *account_rep_name;  /* or NULL */
	char *account_rep_email; /* or NULL */
	int contacts, spocs;
	bool active;             /* false: deactivated, intake refuses it */
};

struct admin_agent {
	long long id;
	char *login;
	char *name;
	char *email;             /* or NULL */
	char *role;
	char *team;              /* team key, or NULL */
	char *lang;              /* language of the mail sent to the agent: "en", "es" */
	bool active;
	bool mail_notifications; /* notifications by mail as well */
};

/* Lists; *json (owned by the caller, may be NULL) receives the JSON array
 * PostgreSQL built, and rows and n the same rows as records (free with the
 * matching _free). Either out-pointer may be NULL. */
int admin_customer_list(struct db *db, char **json, struct admin_customer **rows, int *n,
			struct tt_error *err);
void admin_customer_list_free(struct admin_customer *rows, int n);
/* One contact of admin_contact_list (strings owned by the list). */
struct admin_contact {
	long long id;
	char *name, *email, *phone; /* phone may be NULL */
	char *lang;                 /* en, es */
	bool spoc, active;
};
/* The contacts of a customer (name or id): JSON and/or rows; 65 when there
 * is no such customer. */
int admin_contact_list(struct db *db, const char *customer, char **json,
		       struct admin_contact **rows, int *n, struct tt_error *err);
void admin_contact_list_free(struct admin_contact *rows, int n);
int admin_agent_list(struct db *db, char **json, struct admin_agent **rows, int *n,
		     struct tt_error *err);
void admin_agent_list_free(struct admin_agent *rows, int n);

#endif
