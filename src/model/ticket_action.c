/* The ticket actions: each is one call of an api_ticket_* function, which
 * checks state, version and caller in the database and audits the change. */
#include "model/ticket.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "model/mail.h"
#include "model/queue.h"
#include "model/row_holder.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct call_args {
	char id[24];
	char version[16];
};

static const char *prepare(struct call_args *a, long long id, int expected_version)
{
	snprintf(a->id, sizeof(a->id), "%lld", id);
	if (expected_version < 0)
		return NULL;
	snprintf(a->version, sizeof(a->version), "%d", expected_version);
	return a->version;
}

/* Who holds ticket `id`'s row or its escalation's (api_ticket_row_holder). */
static bool ticket_row_holder(struct db *db, const char *id, struct row_holder *h)
{
	const char *p[1] = { id };
	if (!id[0] || strspn(id, "0123456789") != strlen(id))
		return false;
	return row_holder_ask(db, "SELECT * FROM ticketty.api_ticket_row_holder($1)",
			      1, p, h);
}

/* A transaction a refusal aborted: any question in it fails. */
static bool in_failed_transaction(struct db *db)
{
	PGconn *c = db ? db_pgconn(db) : NULL;
	return c && PQtransactionStatus(c) == PQTRANS_INERROR;
}

bool ticket_name_holder(struct db *db, const char *id, struct tt_error *err)
{
	struct row_holder h = { 0 };
	if (strcmp(err->sqlstate, "55P03") || !ticket_row_holder(db, id, &h))
		return false;
	char *who = row_holder_who(&h);
	row_holder_reword(err, !strcmp(h.what, "escalation")
				       ? xasprintf(_("the escalation of ticket %s is held by %s"), id, who)
				       : xasprintf(_("ticket %s is held by %s"), id, who));
	free(who);
	row_holder_done(&h);
	return true;
}

/* No one holds the ticket's row nor its escalation's: the wait was on
 * related data the change goes on to lock (a rollup's row, the
 * customer's...), which the refusal no longer says; the refusal says so,
 * not that the ticket is held, and names the session most likely in the
 * way (api_ticket_related_holder: the oldest transaction holding a lock
 * on a table of such data) as what it is, a likely one. */
static void related_name_held(struct db *db, const char *id, const char *other, struct tt_error *err)
{
	const char *p[1] = { id };
	struct row_holder h = { 0 };
	bool found = strspn(id, "0123456789") == strlen(id) && *id &&
		     row_holder_ask(db, "SELECT * FROM ticketty.api_ticket_related_holder($1::bigint)", 1, p, &h);
	char *head;
	if (found) {
		char *who = row_holder_who(&h);
		head = other ? xasprintf(_("tickets %s and %s are free: the change waited on related data, "
					   "likely held by %s"), id, other, who)
			     : xasprintf(_("ticket %s is free: the change waited on related data, "
					   "likely held by %s"), id, who);
		free(who);
		row_holder_done(&h);
	} else {
		head = other ? xasprintf(_("tickets %s and %s are free: the change waited on related data "
					   "held by another session"), id, other)
			     : xasprintf(_("ticket %s is free: the change waited on related data "
					   "held by another session"), id);
	}
	row_holder_reword(err, head);
}

void ticket_name_held(struct db *db, const char *id, const char *other, struct tt_error *err)
{
	/* in an aborted transaction the holder cannot be asked: its owner
	 * names it after the rollback */
	if (strcmp(err->sqlstate, "55P03") || in_failed_transaction(db))
		return;
	/* the ticket's name (and who holds it, when the database can tell)
	 * replaces what the session limit's words say before their
	 * parenthesis; either ticket of two may be the one held: the first
	 * found is named */
	if (!ticket_name_holder(db, id, err) && !(other && ticket_name_holder(db, other, err)))
		related_name_held(db, id, other, err);
}

/* Runs an api call on ticket p[0] returning the new version. */
static int call_version(struct db *db, const char *sql, int n, const char *const *p,
			int *new_version, struct tt_error *err)
{
	char *v = db_scalar(db, sql, n, p, err);
	if (!v && err->code)
		ticket_name_held(db, p[0], NULL, err);
	if (!v)
		return err->code ? err->code : tt_error_set(err, EX_SOFTWARE, "%s", _("no version returned"));
	if (new_version)
		*new_version = atoi(v);
	free(v);
	return 0;
}

static int call_text(struct db *db, const char *sql, long long id, int expected_version,
		     const char *text, int *new_version, struct tt_error *err)
{
	struct call_args a;
	const char *p[3] = { a.id, prepare(&a, id, expected_version), text };
	return call_version(db, sql, 3, p, new_version, err);
}

int ticket_ack(struct db *db, long long id, int expected_version, const char *message,
	       int *new_version, struct tt_error *err)
{
	return call_text(db, "SELECT ticketty.api_ticket_ack($1, $2, $3)", id, expected_version,
			 message, new_version, err);
}

int ticket_reply(struct db *db, long long id, int expected_version, const char *body,
		 int *new_version, struct tt_error *err)
{
	return call_text(db, "SELECT ticketty.api_ticket_reply($1, $2, $3)", id, expected_version,
			 body, new_version, err);
}

int ticket_note(struct db *db, long long id, int expected_version, const char *body,
		int *new_version, struct tt_error *err)
{
	return call_text(db, "SELECT ticketty.api_ticket_note($1, $2, $3)", id, expected_version,
			 body, new_version, err);
}

int ticket_take(struct db *db, long long id, int expected_version, int *new_version,
		struct tt_error *err)
{
	struct call_args a;
	const char *p[2] = { a.id, prepare(&a, id, expected_version) };
	return call_version(db, "SELECT ticketty.api_ticket_take($1, $2)", 2, p, new_version, err);
}

int ticket_assign(struct db *db, long long id, int expected_version, const char *login,
		  int *new_version, struct tt_error *err)
{
	return call_text(db, "SELECT ticketty.api_ticket_assign($1, $2, $3)", id, expected_version,
			 login, new_version, err);
}

int ticket_take_next(struct db *db, const char *team_key, long long *id, struct tt_error *err)
{
	const char *p[1] = { team_key };

	*id = 0;
	char *v = db_scalar(db, "SELECT ticketty.api_ticket_take_next($1)", 1, p, err);
	if (!v)
		return err->code;
	*id = strtoll(v, NULL, 10);
	free(v);
	return 0;
}

int ticket_set_status(struct db *db, long long id, int expected_version, const char *status,
		      const char *bug_ref, int *new_version, struct tt_error *err)
{
	struct call_args a;
	const char *p[4] = { a.id, prepare(&a, id, expected_version), status, bug_ref };
	int rc = call_version(db, "SELECT ticketty.api_ticket_set_status($1, $2, $3::ticketty.ticket_status, $4)",
			      4, p, new_version, err);
	/* not a value of the ticket_status enum: the cast's own words
	 * ("invalid input value for enum ticket_status") are no message;
	 * say it as the queue's --status does, with the statuses there are */
	if (rc && !strcmp(err->sqlstate, "22P02") && err->nfields == 0) {
		tt_error_clear(err);
		rc = queue_check_status(db, status, err);
		if (!rc) /* the cast refused what the enum holds: never expected */
			rc = tt_error_set(err, EX_DATAERR, _("unknown status '%s'"), status);
	}
	return rc;
}

int ticket_ask(struct db *db, long long id, int expected_version, const char *message,
	       int *new_version, struct tt_error *err)
{
	return call_text(db, "SELECT ticketty.api_ticket_ask($1, $2, $3)", id, expected_version,
			 message, new_version, err);
}

int ticket_resolve(struct db *db, long long id, int expected_version, const char *message,
		   int *new_version, struct tt_error *err)
{
	return call_text(db, "SELECT ticketty.api_ticket_resolve($1, $2, $3)", id, expected_version,
			 message, new_version, err);
}

int ticket_close(struct db *db, long long id, int expected_version, int *new_version,
		 struct tt_error *err)
{
	struct call_args a;
	const char *p[2] = { a.id, prepare(&a, id, expected_version) };
	return call_version(db, "SELECT ticketty.api_ticket_close($1, $2)", 2, p, new_version, err);
}

int ticket_reopen(struct db *db, long long id, int expected_version, const char *message,
		  int *new_version, struct tt_error *err)
{
	return call_text(db, "SELECT ticketty.api_ticket_reopen($1, $2, $3)", id, expected_version,
			 message, new_version, err);
}

int ticket_message_send(struct db *db, enum ticket_message kind, long long id, int expected_version,
			const char *text, const struct mail_file *files, size_t nfiles,
			int *new_version, struct tt_error *err)
{
	int (*const send[])(struct db *, long long, int, const char *, int *, struct tt_error *) = {
		[MESSAGE_ACK] = ticket_ack, [MESSAGE_REPLY] = ticket_reply, [MESSAGE_RESOLVE] = ticket_resolve,
		[MESSAGE_NOTE] = ticket_note, [MESSAGE_ASK] = ticket_ask,
	};
	if (!nfiles)
		return send[kind](db, id, expected_version, text, new_version, err);
	int rc = db_begin(db, err);
	if (!rc)
		rc = send[kind](db, id, expected_version, text, new_version, err);
	for (size_t i = 0; !rc && i < nfiles; i++)
		rc = mail_message_attach(db, id, &files[i], err);
	if (!rc)
		rc = db_commit(db, err);
	if (rc) {
		db_rollback(db);
		/* a held row named now that the transaction is over: in it
		 * the question failed */
		char idbuf[24];
		snprintf(idbuf, sizeof(idbuf), "%lld", id);
		ticket_name_held(db, idbuf, NULL, err);
	}
	return rc;
}
