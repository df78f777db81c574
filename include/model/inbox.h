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
#include "util/strbuf.h"

struct db;

struct inbox_item {
	long long id;
	char *received_at;  /* ISO 8601 */
	char *from;         /* "Name <address>" as received */
	char *customer;     /* "" when the sender is unknown */
	char *contact;      /* the contact's name, "" when unknown */
	char *subject;
	char *state;        /* inbox, asked, held, ... */
	char *hold_reason;  /* "" unless held */
	int files;          /* attachments stored */
	char *file_names;   /* their names, oldest first, joined by U+001F
	                       (a name holds no control character), "" */
	char *answer;       /* what became of the latest answer to it: queued,
	                       sent, failed (retrying), suppressed (over the
	                       sender's daily limit), bounced (not delivered:
	                       a report came back or it was given up), "" */
	long long ticket;   /* the ticket it names (held: a reply in its
	                       thread; in the inbox: the closed ticket it
	                       answers, sql/630), 0 = none */
	long long answers;  /* the inbox mail whose request for the missing
	                       items it answers (sql/430), 0 = none */
	char *body;         /* only filled by inbox_get; the notes kept with the
	                       mail (sql/632) said under it, in words */
	long long received_us; /* received_at in microseconds since the epoch:
	                          with id, its place in the inbox's order
	                          (model/inbox_page.h) */
};

struct inbox_list {
	struct inbox_item *items; /* in the inbox's order: oldest first */
	size_t n;
};

void inbox_list_init(struct inbox_list *l);
void inbox_list_done(struct inbox_list *l);
/* 0 when the caller may read mail in and out (the inbox and the outbox:
 * support staff); 77 with the database's refusal naming the roles that
 * may (api_mail_reader, sql/320) for a pm or developer, whom row-level
 * security shows none of it, so that no reading passes an empty list
 * off as the desk's state. The lists' pages (model/inbox_page.h),
 * inbox_get, inbox_get_json and mail_status_json/_text (model/mail.h)
 * ask it first. */
int inbox_may_read(struct db *db, struct tt_error *err);
/* One mail with its body (out->n == 1), 65 when there is none. These
 * and the JSON forms below: 77 for a role that may not read mail. */
int inbox_get(struct db *db, long long id, struct inbox_list *out, struct tt_error *err);
/* One mail as a JSON object made by PostgreSQL: its sender, customer,
 * contact, subject, state, body, files (id, filename, type, size,
 * sha256) and the intake fields it fills in ("intake"); 65 when there is
 * none (caller frees). */
int inbox_get_json(struct db *db, long long id, char **json, struct tt_error *err);
/* The intake fields the mail fills in, as a JSON object (caller frees). */
int inbox_prefill(struct db *db, long long id, char **json, struct tt_error *err);

/* The same as field name / text pairs for a form (lists joined by ", ",
 * the idempotency key left out); *names and *values and each entry are
 * the caller's to free. */
int inbox_prefill_values(struct db *db, long long id, char ***names, char ***values, size_t *n,
			 struct tt_error *err);

/* The labels of the mandatory intake items the mail does not carry (what
 * `ask` requests), in form order, joined by ", ", in lang ("es", else
 * English); "" when none. Caller frees. */
int inbox_missing(struct db *db, long long id, const char *lang, char **labels,
		  struct tt_error *err);

/* Whom a refusal names ("" when there is none): the customer's
 * authorised contacts ("Name <address>, ...") and its account
 * representative. */
struct inbox_refusal {
	char *customer, *spoc, *rep_name, *rep_email;
};
int inbox_refusal_names(struct db *db, long long id, struct inbox_refusal *out,
			struct tt_error *err);
void inbox_refusal_done(struct inbox_refusal *r);

int inbox_accept(struct db *db, long long id, const char *payload, long long *ticket,
		 struct tt_error *err);
int inbox_ask(struct db *db, long long id, struct tt_error *err);
/* reason: not_spoc or account_rep */
int inbox_refuse(struct db *db, long long id, const char *reason, struct tt_error *err);
int inbox_discard(struct db *db, long long id, struct tt_error *err);
/* What became of the mail, in words: its state, for held mail the reason
 * and the ticket it names ("held (reply to a copy sent to staff, #1)"),
 * then what became of its answer ("asked for details, mail bounced: not
 * delivered") and the mail it answers ("in the inbox, answers mail 3"),
 * appended to out. */
void inbox_state_words(const struct inbox_item *it, struct strbuf *out);
/* The same in at most about 10 cells, for the list's STATE column where
 * the words do not fit: the state's short name, a held mail's reason
 * instead, open mail answering a closed ticket as that ticket ("closed
 * #71"); the ticket's number is never what is cut. */
void inbox_state_brief(const struct inbox_item *it, struct strbuf *out);
/* Held mail that names a ticket (a reply to a staff copy, 270) put on that
 * ticket as an internal note by the caller; *ticket = its id. */
int inbox_note(struct db *db, long long id, long long *ticket, struct tt_error *err);

/* Attachments of a ticket or of a received mail, oldest first. Strings owned by the list;
 * filenames hold no '/', '\\' or control characters (api_mail_attach). */
struct attachment {
	long long id;
	char *filename;
	char *type;      /* "image/png" */
	long long size;  /* bytes */
	char *sha256;    /* 64 hex digits */
	bool sent;       /* an agent's file to the customer, not one received */
	bool internal;   /* an agent's file on an internal note: never sent */
};
/* The word that marks an attachment in a list: "sent", "internal", or
 * NULL for one the customer sent (translated). */
const char *attachment_mark(const struct attachment *a);

struct attachment_list {
	struct attachment *items;
	size_t n;
};

int attachment_list_load(struct db *db, long long ticket, struct attachment_list *out,
			 struct tt_error *err);
/* The files that came with received mail `mail` (inbox ID), oldest first. */
int attachment_list_load_mail(struct db *db, long long mail, struct attachment_list *out,
			      struct tt_error *err);
void attachment_list_done(struct attachment_list *l);
/* The same as a JSON array made by PostgreSQL (id, filename, type, size,
 * sha256, received_at; caller frees), and one file's bytes. */
int attachment_list_json(struct db *db, long long ticket, char **json, struct tt_error *err);
int attachment_get(struct db *db, long long id, unsigned char **data, size_t *len,
		   char **filename, struct tt_error *err);
/* Received mail `id` (any state: inbox, held, threaded ...) exactly as it
 * came, bytes (*data, *len; caller frees), for support staff (77
 * otherwise, inbox_may_read); 65 when there is no such mail. */
int inbox_raw(struct db *db, long long id, unsigned char **data, size_t *len, struct tt_error *err);

#endif
