/* Who is in the way of a change that waited too long for a row another
 * session holds (SQLSTATE 55P03, database.lock_timeout_ms): asked of the
 * database (the api_*_row_holder functions, which share
 * row_lock_holders), said in the refusal. One mechanism for the ticket
 * actions (ticket_name_held), the inbox actions (api_mail_row_holder),
 * the administrators' record, team and request type changes
 * (api_admin_row_holder) and, where the wait was on related data no row
 * of which the refusal names, the session most likely in the way
 * (api_ticket_related_holder: ticket actions, policy reapply). */
#ifndef TICKETTY_MODEL_ROW_HOLDER_H
#define TICKETTY_MODEL_ROW_HOLDER_H

#include <stdbool.h>
#include <time.h>

#include "util/error.h"

struct db;

struct row_holder {
	char *what;      /* the row found: "ticket", "escalation", "customer", ... */
	char *who;       /* the holder's agent's name, or its login */
	char *program;   /* its application_name, "" when none */
	int others;      /* more sessions in the way: holding it too, or queued for it */
	long long ticket; /* the ticket whose row or escalation's it is, 0 when none */
	char *gid;       /* the prepared transaction holding it ("" when a session does) */
	time_t since;    /* when that transaction was prepared */
};

/* Asks `sql` (n parameters p, one row of what, holder, program, others,
 * and, when it gives them, ticket, gid and since: an api_*_row_holder's
 * whole row) and fills h (its strings the caller's: row_holder_done): false when
 * no one is found, the question fails (its error dropped: the refusal
 * stays as it was) or db is in a transaction an error aborted, where
 * every question fails (its owner asks after the rollback). */
bool row_holder_ask(struct db *db, const char *sql, int n, const char *const *p, struct row_holder *h);
void row_holder_done(struct row_holder *h);

/* "Olga Other (in psql) and 1 other", or for a prepared transaction "a
 * prepared transaction 'gid' since 2026-12-05 14:02 UTC, which an
 * administrator must COMMIT PREPARED or ROLLBACK PREPARED", translated;
 * the caller frees. */
char *row_holder_who(const struct row_holder *h);

/* Replaces what err's message (the session limit's words, "another
 * session is changing the same data (waited 5.0 s, ...): try again")
 * says before its parenthesis with `head` ("ticket 25 is held by ..."),
 * which it takes, so that the reason still fits an 80-column status
 * line; a message without one follows head after ": ". */
void row_holder_reword(struct tt_error *err, char *head);

#endif
