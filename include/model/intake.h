/* Intake: the form's metadata (intake_fields), the pickers' data
 * (customers, a customer's contacts, request types with their team, case
 * reasons, severities with definition and criteria), building the JSON
 * payload from what the user typed, and submitting it to api_ticket_create. */
#ifndef TICKETTY_MODEL_INTAKE_H
#define TICKETTY_MODEL_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

struct db;

/* One row of intake_fields, in form order. Strings owned by the meta.
 * Whether a field shows and must be filled depends on the chosen request
 * type and severity: the database evaluates it (intake_form() in
 * sql/020_intake.sql), the client never reads applies_when itself. */
struct intake_field {
	char *name;          /* "title", "object_ids", ... (payload key) */
	char *label;         /* English label (show through i18n_db) */
	char *kind;          /* text multiline customer contact request_type reason
	                        severity id_list id url_list phone */
	char *help;          /* English help text */
	char *rule;          /* English: what the check wants beyond being
	                        filled ("Must contain a version number ..."),
	                        "" when nothing */
	bool shown;          /* applies to the current choices */
	bool required;       /* must be filled with the current choices */
	int max_length;      /* characters, 0 = no limit */
};

struct intake_meta {
	struct intake_field *fields;
	size_t n;
};

/* Loads the fields as they are before any choice (no request type, no
 * severity). */
int intake_meta_load(struct db *db, struct intake_meta *meta, struct tt_error *err);
/* Re-reads shown, required and max_length of every field for a request
 * type key and a severity level (NULL or "" when not chosen). */
int intake_meta_rules(struct db *db, struct intake_meta *meta, const char *request_type,
		      const char *severity, struct tt_error *err);
void intake_meta_done(struct intake_meta *meta);
const struct intake_field *intake_meta_find(const struct intake_meta *meta, const char *name);
/* True for the kinds whose value is a list (id_list, url_list). */
bool intake_kind_is_list(const char *kind);

/* One entry of a picker. Strings owned by the list. */
struct intake_choice {
	char *value;   /* what the payload carries: customer/contact id, request
	                  type or reason key, severity level */
	char *label;   /* name as stored (English for reference data) */
	char *note;    /* second column: team of a request type, e-mail of a
	                  contact, plan of a customer, key of a severity */
	char *help;    /* longer text: example of a request type, definition
	                  of a case reason or of a severity */
	char *member_id;   /* customer: its member ID (the form fills it in
	                      when the customer is chosen), "" or NULL otherwise */
	char *criteria[3]; /* severity: Function, Data and Back End criteria
	                      (English, i18n_db), NULL for other pickers */
	bool account_rep;  /* request type handled by the account representative */
	bool ui_related;   /* request type needs screenshots */
	bool emergency;    /* severity is an emergency (phone needed) */
	bool usable;       /* contact: active authorised SPOC; customer: active */
};

struct intake_choices {
	struct intake_choice *items;
	size_t n;
};

void intake_choices_done(struct intake_choices *c);
/* Customers whose name contains `filter` (case-insensitive; NULL or "" =
 * all), by name, at most `limit`. */
int intake_customers(struct db *db, const char *filter, int limit, struct intake_choices *out,
		     struct tt_error *err);
/* The contacts of one customer (id), SPOCs first then by name. */
int intake_contacts(struct db *db, const char *customer_id, struct intake_choices *out,
		    struct tt_error *err);
int intake_request_types(struct db *db, struct intake_choices *out, struct tt_error *err);
int intake_reasons(struct db *db, struct intake_choices *out, struct tt_error *err);
int intake_severities(struct db *db, struct intake_choices *out, struct tt_error *err);

/* A ticket's intake values, to re-triage it in the form. Owned by the
 * struct (intake_ticket_done). */
struct intake_ticket {
	int version;
	char *customer_id, *customer_name;
	char *customer_member_id; /* the member ID of that customer */
	char **names, **values;  /* field name -> value as the form holds it:
	                            pickers by id/key/level, lists as text
	                            (ids ", ", screenshots one a line), "" empty */
	size_t n;
};

int intake_ticket_load(struct db *db, long long id, struct intake_ticket *out, struct tt_error *err);
void intake_ticket_done(struct intake_ticket *t);
/* The value of field `name`, or "" when the ticket has none. */
const char *intake_ticket_value(const struct intake_ticket *t, const char *name);

/* A field value as the user typed it (lists as text: ids separated by
 * commas or blanks, screenshots by commas or line breaks). */
struct intake_value {
	const char *name;
	const char *text;
	size_t len;
};

/* Builds the payload object from typed values: list kinds become JSON
 * arrays, everything else a string; empty values are left out (the server
 * reports them as required). Values that are not valid UTF-8 or hold a NUL
 * byte are left out too and added to `bad` (codes invalid_utf8, nul_byte).
 * `idempotency_key` may be NULL. `meta` may be NULL (everything a string). */
void intake_payload_build(const struct intake_meta *meta, const struct intake_value *values,
			  size_t n, const char *idempotency_key, struct strbuf *json,
			  struct tt_error *bad);
/* Rebuilds a payload from a JSON document (ticket new --json): members
 * whose bytes are not valid UTF-8 or hold a NUL (raw or \u0000) are left
 * out and added to `bad`. Returns 0, or 65 with err set when the document
 * is not a JSON object. */
int intake_payload_from_json(const char *text, size_t len, struct strbuf *json,
			     struct tt_error *bad, struct tt_error *err);

/* Submits a payload. `bad` holds the fields the client refused itself
 * (may be NULL): then nothing is created and err lists those fields plus
 * every other problem the server finds (api_ticket_check). Otherwise the
 * ticket is created (api_ticket_create) and its id stored in *id. Returns
 * 0, 65 with every refused field in err->fields, 69 when the database is
 * unreachable (the caller keeps the form and retries with the same
 * idempotency key), or another exit code. */
int intake_submit(struct db *db, const char *payload, const struct tt_error *bad, long long *id,
		  struct tt_error *err);

/* When err is the database's refusal of a ticket's fields ("the ticket
 * was refused: N field(s) need attention", from api_ticket_create and
 * what calls it), says it again in words that agree with N, translated;
 * other errors are left as they are. Returns err->code. */
int intake_refusal_words(struct tt_error *err);
/* Sets err's message to the count of its refused fields ("the ticket was
 * refused: 2 fields need attention", translated) and its code to 65,
 * which it returns. */
int intake_refused(struct tt_error *err);

/* A fresh random idempotency key (32 hex digits) the caller frees. */
char *intake_new_key(void);

#endif
