/* Canned replies: rows per key and language with placeholders, managed by
 * admins and leads, filled in for a ticket (sql/101_canned_replies.sql). */
#ifndef TICKETTY_MODEL_CANNED_H
#define TICKETTY_MODEL_CANNED_H

#include "util/error.h"

struct db;

/* One canned reply (strings owned by the list). */
struct canned_reply {
	char *key;
	char *lang;
	char *title;
	char *body;
};

/* 0 when canned replies may be in `lang`: a language ticketty speaks (en,
 * es) or one a reply is written in; else EX_DATAERR ("unknown language
 * 'xx'", field lang naming the languages). */
int canned_check_lang(struct db *db, const char *lang, struct tt_error *err);
/* The canned replies in `lang` (NULL = every language), by key. *json (may
 * be NULL) gets the JSON array PostgreSQL built. A `lang` that is neither
 * en, es nor one a reply is written in is refused (canned_check_lang). */
int canned_list(struct db *db, const char *lang, char **json, struct canned_reply **rows, int *n,
		struct tt_error *err);
void canned_list_free(struct canned_reply *rows, int n);
/* Adds or replaces one (admin, coo, ceo; 77 otherwise; 65 naming fields). */
int canned_set(struct db *db, const char *key, const char *lang, const char *title,
	       const char *body, struct tt_error *err);
/* Removes one language of `key`, or every language when lang is NULL; an
 * unknown language is refused (canned_check_lang). */
int canned_remove(struct db *db, const char *key, const char *lang, int *removed,
		  struct tt_error *err);
/* The reply `key` filled in for ticket `ticket` in `lang`; NULL: in the
 * language of the ticket's contact, the one its mail is written in, never
 * the replier's own (else English: a language need not be one a reply is
 * written in; a language asked for by name is checked first with
 * canned_check_lang);
 * *text is owned by the caller. 65 (field "template") for an unknown key. */
int canned_render(struct db *db, const char *key, long long ticket, const char *lang, char **text,
		  struct tt_error *err);

#endif
