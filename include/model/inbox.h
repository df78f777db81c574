/* The mail inbox: messages from known contacts that are not replies on a
 * ticket, waiting for an engineer to accept (a ticket, through intake),
 * ask (for the missing mandatory items), refuse or discard them; held
 * mail (auto-replies, unknown senders) on request. Attachments of mail
 * and tickets. */
#ifndef TICKETTY_MODEL_INBOX_H
#define TICKETTY_MODEL_INBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct db;

struct inbox_item {
	long long id;
	char *received_at;  /* ISO 8601 */
	char *from;         /* "Name <address>" as received */
	char *customer;     /* "" when the sender is unknown */
	char *subject;
	char *state;        /* inbox, asked, held, ... */
	char *hold_reason;  /* "" unless held */
	int files;          /* attachments stored */
	char *body;         /* only filled by inbox_show */
};

struct inbox_list {
	struct inbox_item *items; /* oldest first */
	size_t n;
};

void inbox_list_init(struct inbox_list *l);
void inbox_list_done(struct inbox_list *l);
/* Open inbox mail (inbox, asked), or held mail when `held`; at most limit. */
int inbox_load(struct db *db, bool held, int limit, struct inbox_list *out, struct tt_error *err);
int inbox_load_json(struct db *db, bool held, char **json, struct tt_error *err);
/* One mail with its body (out->n == 1), 65 when there is none. */
int inbox_get(struct db *db, long long id, struct inbox_list *out, struct tt_error *err);
/* The intake fields the mail fills in, as a JSON object (caller frees). */
int inbox_prefill(struct db *db, long long id, char **json, struct tt_error *err);

int inbox_accept(struct db *db, long long id, const char *payload, long long *ticket,
		 struct tt_error *err);
int inbox_ask(struct db *db, long long id, struct tt_error *err);
/* reason: not_spoc or account_rep */
int inbox_refuse(struct db *db, long long id, const char *reason, struct tt_error *err);
int inbox_discard(struct db *db, long long id, struct tt_error *err);

/* Attachments: "id<TAB>filename<TAB>type<TAB>size<TAB>sha256" lines of a
 * ticket (caller frees; "" when none), and one file's bytes. */
int attachment_lines(struct db *db, long long ticket, char **text, struct tt_error *err);
int attachment_get(struct db *db, long long id, unsigned char **data, size_t *len,
		   char **filename, struct tt_error *err);

#endif
