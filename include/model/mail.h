/* The mail channel's queries: claiming due outbox messages and reporting
 * how their delivery went, the outbox status, storing and routing one
 * received message (one transaction), the desk's mail policy rows and the
 * templates. The only place with the mail SQL (inbox: model/inbox.h). */
#ifndef TICKETTY_MODEL_MAIL_H
#define TICKETTY_MODEL_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mail/mime.h"
#include "util/error.h"

struct db;

/* One claimed outbox message: everything mime_compose needs. */
struct mail_msg {
	long long id;
	char *ticket;            /* "" when none */
	char *kind;
	char *to_name, *to_address, *from_name, *from_address, *reply_to;
	char *subject, *body, *message_id, *in_reply_to, *auto_submitted;
	char **refs;
	size_t nrefs;
	time_t created;
	int attempts;
	bool has_files;          /* the public message it carries has files */
	long long notification_id; /* the notification it tells of, 0 when none */
	char *lang;              /* the language it is written in ("en", "es") */
	struct mail_file *files; /* those files, once mail_msg_files_load read them */
	size_t nfiles;
};

struct mail_batch {
	struct mail_msg *msgs;
	size_t n;
};

void mail_batch_done(struct mail_batch *b);
/* The mail_out view of a claimed message (pointers into m). */
void mail_msg_out(const struct mail_msg *m, struct mail_out *out);

/* Claims up to max due messages with a lease of lease_s seconds (admin). */
int mail_claim(struct db *db, int max, int lease_s, struct mail_batch *out, struct tt_error *err);
/* Reads the files of a claimed message (when it has any), one message at
 * a time so a batch never holds them all; _done frees them. */
int mail_msg_files_load(struct db *db, struct mail_msg *m, struct tt_error *err);
void mail_msg_files_done(struct mail_msg *m);
/* A claimed notification message is built with `words` (what the
 * notification says in ticketty, in the message's language) as its
 * {{event}} when it tells of a ticket.changed and was not tried before
 * (sql/570_notification_mail_words.sql); m's subject and body become what
 * goes out. */
int mail_notification_words(struct db *db, struct mail_msg *m, const char *words, struct tt_error *err);
int mail_mark_sent(struct db *db, long long id, struct tt_error *err);
/* Records a failed attempt; *next_iso receives when it is retried (caller
 * frees), "" when the message was given up instead: not taken within the
 * mail policy's give_up_hours of being written (api_mail_failed); NULL
 * when it is no longer queued (another sender settled it). */
int mail_mark_failed(struct db *db, long long id, const char *error, char **next_iso,
		     struct tt_error *err);
/* The MTA refused the message for good: it is given up now, and its
 * ticket says so (api_mail_refused). */
int mail_mark_refused(struct db *db, long long id, const char *error, struct tt_error *err);
/* Seconds until the next queued message falls due (0 = now), -1 when none. */
int mail_next_due(struct db *db, double *seconds, struct tt_error *err);

/* LISTENs for newly queued messages (channel ticketty_mail). */
int mail_listen(struct db *db, struct tt_error *err);
/* Waits up to timeout_ms for a newly queued message; a lost connection
 * is re-established (or waited out) here. */
void mail_wait(struct db *db, int timeout_ms);

/* Outbox counts and the latest failure as MAIL_STATUS_FIELDS fields
 * joined by tabs (the last, the error text, may hold more): queued, sent,
 * failed, suppressed, bounced (sent, then returned by a delivery report,
 * or given up), given up (never tried again, sql/420), then the failed
 * message's id, address, attempts, next attempt (ISO 8601 with offset)
 * and error, empty when none failed (caller frees). The JSON also lists
 * the latest 100 given up. */
enum { MAIL_STATUS_FIELDS = 11 };
int mail_status_text(struct db *db, char **text, struct tt_error *err);
int mail_status_json(struct db *db, char **json, struct tt_error *err);

/* What became of a received message. */
struct mail_receipt {
	long long id;       /* 0 when it was a redelivery */
	char state[16];     /* threaded, inbox, held, duplicate */
	long long ticket;   /* 0 when none */
	long long bounced_ticket; /* a report that our mail of this ticket bounced (0: none) */
};

/* The largest message the store takes (the policy's max_message_bytes),
 * for `mail receive` to read a mail against before parsing it (admin;
 * api_mail_size_check). 0, or an exit code with err set. */
int mail_store_limit(struct db *db, size_t *max, struct tt_error *err);
/* 0 when a message of `bytes` bytes may be stored; else the store's own
 * refusal (65, TT400 on the field "message": empty, or larger than the
 * limit, naming both sizes), without sending the message. */
int mail_store_size_check(struct db *db, size_t bytes, struct tt_error *err);

/* Stores the raw message, its files and routes it, in one transaction;
 * a delivery report (m->bounce) marks the message it returns as bounced
 * on its ticket (api_mail_bounced). */
int mail_store(struct db *db, const char *raw, size_t len, const struct mail_in *m,
	       struct mail_receipt *out, struct tt_error *err);

/* One setting of the desk's mail policy (strings owned by the list). */
struct mail_policy_row {
	char *key;    /* from_address, from_name, reply_to, ... */
	char *value;
};

/* Policy: every setting by key, as *json (when not NULL: one JSON object
 * PostgreSQL built, key to value) or as rows/n (caller frees either);
 * set one (admin). */
int mail_policy_list(struct db *db, char **json, struct mail_policy_row **rows, int *n,
		     struct tt_error *err);
void mail_policy_list_free(struct mail_policy_row *rows, int n);
int mail_policy_set(struct db *db, const char *key, const char *value, struct tt_error *err);

/* One mail template in a listing (strings owned by the list). */
struct mail_template_row {
	char *kind;
	char *lang;
	char *subject;
};

/* Templates: every one by kind and language, as *json (when not NULL:
 * the JSON array PostgreSQL built, bodies included) or as rows/n; one
 * template's subject and body; set one (admin). Caller frees what it
 * receives. */
int mail_template_list(struct db *db, char **json, struct mail_template_row **rows, int *n,
		       struct tt_error *err);
void mail_template_list_free(struct mail_template_row *rows, int n);
int mail_template_get(struct db *db, const char *kind, const char *lang, char **subject,
		      char **body, struct tt_error *err);
int mail_template_set(struct db *db, const char *kind, const char *lang, const char *subject,
		      const char *body, struct tt_error *err);

/* Attaches a file to the public message the caller has written on
 * `ticket` in the current transaction (api_message_attach): it goes out
 * with that message's mail. Every refused field is named (65). */
int mail_message_attach(struct db *db, long long ticket, const struct mail_file *f,
			struct tt_error *err);

/* The desk's limits on the files of one message an agent writes, as
 * api_message_attach checks them (api_message_file_limits): *file_max
 * bytes a file (max_attachment_bytes), *files_max together (3/4 of
 * max_message_bytes). 0, or an exit code with err set. */
int mail_file_limits(struct db *db, size_t *file_max, size_t *files_max, struct tt_error *err);

/* The calling agent's notifications by mail on or off. */
int mail_notifications_set(struct db *db, bool on, struct tt_error *err);

/* The calling agent's own mail: address, language, notifications. */
struct my_mail {
	char *email;         /* NULL when the agent has none */
	char lang[8];        /* "en", "es" */
	bool notifications;  /* notifications go by mail as well */
};
int mail_mine_get(struct db *db, struct my_mail *out, struct tt_error *err);
void mail_mine_done(struct my_mail *m);
/* The same as one JSON object {"email", "lang", "notifications"}, safe
 * on a terminal (json_safe_text); *json is the caller's to free. */
int mail_mine_json(struct db *db, char **json, struct tt_error *err);
/* The language of the mail ticketty sends the calling agent ("en", "es";
 * 65 naming the field otherwise). */
int mail_language_set(struct db *db, const char *lang, struct tt_error *err);

#endif
