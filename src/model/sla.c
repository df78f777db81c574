/* SLA queries: due instants, and a ticket's deadlines and pauses (see
 * model/sla.h). */
#include "model/sla.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int sla_due_kind(struct db *db, const char *kind, const char *plan, const char *severity,
		 const char *created_iso, char **due_iso, struct tt_error *err)
{
	const char *p[4] = { plan, severity, created_iso, kind };

	*due_iso = db_scalar(db, "SELECT api_sla_due($1, $2, $3, $4)", 4, p, err);
	if (!*due_iso)
		return err->code ? err->code : tt_error_set(err, EX_SOFTWARE, "%s", _("no due time"));
	return 0;
}

int sla_due_at(struct db *db, const char *plan, int severity, const char *created_iso,
	       char **due_iso, struct tt_error *err)
{
	char sev[16];
	snprintf(sev, sizeof(sev), "%d", severity);
	return sla_due_kind(db, "first_response", plan, sev, created_iso, due_iso, err);
}

/* The value of a column, NULL for SQL NULL, as a fresh string. */
static char *col(const PGresult *res, int row, int c)
{
	return PQgetisnull(res, row, c) ? NULL : xstrdup(PQgetvalue(res, row, c));
}

static long long col_ll(const PGresult *res, int row, int c)
{
	return PQgetisnull(res, row, c) ? 0 : strtoll(PQgetvalue(res, row, c), NULL, 10);
}

static int not_found(long long ticket, struct tt_error *err)
{
	tt_error_set(err, EX_DATAERR, _("ticket %lld not found"), ticket);
	snprintf(err->sqlstate, sizeof(err->sqlstate), "TT404");
	return EX_DATAERR;
}

static const char head_sql[] =
	"SELECT t.plan, t.severity, t.status, c.name, c.time_zone, "
	"       iso_in_zone(t.created_at, c.time_zone), t.update_missed_count, "
	"       (SELECT l.secs FROM calendar_day_length l WHERE l.calendar_id = c.id) "
	"  FROM tickets t JOIN calendars c ON c.id = t.calendar_id WHERE t.id = $1";

static const char deadlines_sql[] =
	"SELECT d.kind, d.clock, d.minutes, iso_in_zone(d.started_at, c.time_zone), "
	"       iso_in_zone(d.due, c.time_zone), iso_in_zone(d.risk_at, c.time_zone), "
	"       d.paused_secs, d.outcome, iso_in_zone(d.decided_at, c.time_zone), "
	"       d.state, d.remaining_secs "
	"  FROM tickets t JOIN calendars c ON c.id = t.calendar_id, "
	"       LATERAL ticket_deadlines(t) d WHERE t.id = $1";

static const char pauses_sql[] =
	"SELECT iso_in_zone(p.started_at, c.time_zone), iso_in_zone(p.ended_at, c.time_zone), "
	"       p.clock, coalesce(p.paused_secs, "
	"                 clock_between(t.calendar_id, p.clock, p.started_at, tt_now())) "
	"  FROM sla_pauses p JOIN tickets t ON t.id = p.ticket_id "
	"  JOIN calendars c ON c.id = t.calendar_id "
	" WHERE p.ticket_id = $1 ORDER BY p.started_at, p.id";

int sla_explain_load(struct db *db, long long ticket, struct sla_explain *ex, struct tt_error *err)
{
	char id[32];
	const char *p[1] = { id };
	PGresult *res;

	memset(ex, 0, sizeof(*ex));
	snprintf(id, sizeof(id), "%lld", ticket);
	ex->ticket = ticket;
	if (!(res = db_query(db, head_sql, 1, p, err)))
		return err->code;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_found(ticket, err);
	}
	ex->plan = col(res, 0, 0);
	ex->severity = (int)col_ll(res, 0, 1);
	ex->status = col(res, 0, 2);
	ex->calendar = col(res, 0, 3);
	ex->time_zone = col(res, 0, 4);
	ex->created_at = col(res, 0, 5);
	ex->update_missed = (int)col_ll(res, 0, 6);
	ex->day_secs = (long)col_ll(res, 0, 7);
	PQclear(res);

	if (!(res = db_query(db, deadlines_sql, 1, p, err)))
		return err->code;
	ex->ndeadlines = (size_t)PQntuples(res);
	ex->deadlines = xcalloc(ex->ndeadlines + 1, sizeof(*ex->deadlines));
	for (int i = 0; i < PQntuples(res); i++) {
		struct sla_deadline *d = &ex->deadlines[i];
		d->kind = col(res, i, 0);
		d->clock = col(res, i, 1);
		d->minutes = (int)col_ll(res, i, 2);
		d->started_at = col(res, i, 3);
		d->due = col(res, i, 4);
		d->risk_at = col(res, i, 5);
		d->paused_secs = col_ll(res, i, 6);
		d->outcome = col(res, i, 7);
		d->decided_at = col(res, i, 8);
		d->state = col(res, i, 9);
		d->has_remaining = !PQgetisnull(res, i, 10);
		d->remaining_secs = col_ll(res, i, 10);
	}
	PQclear(res);

	if (!(res = db_query(db, pauses_sql, 1, p, err)))
		return err->code;
	ex->npauses = (size_t)PQntuples(res);
	ex->pauses = xcalloc(ex->npauses + 1, sizeof(*ex->pauses));
	for (int i = 0; i < PQntuples(res); i++) {
		ex->pauses[i].started_at = col(res, i, 0);
		ex->pauses[i].ended_at = col(res, i, 1);
		ex->pauses[i].clock = col(res, i, 2);
		ex->pauses[i].paused_secs = col_ll(res, i, 3);
	}
	PQclear(res);
	return 0;
}

void sla_explain_done(struct sla_explain *ex)
{
	for (size_t i = 0; i < ex->ndeadlines; i++) {
		struct sla_deadline *d = &ex->deadlines[i];
		free(d->kind);
		free(d->clock);
		free(d->started_at);
		free(d->due);
		free(d->risk_at);
		free(d->outcome);
		free(d->decided_at);
		free(d->state);
	}
	for (size_t i = 0; i < ex->npauses; i++) {
		free(ex->pauses[i].started_at);
		free(ex->pauses[i].ended_at);
		free(ex->pauses[i].clock);
	}
	free(ex->deadlines);
	free(ex->pauses);
	free(ex->plan);
	free(ex->status);
	free(ex->calendar);
	free(ex->time_zone);
	free(ex->created_at);
	memset(ex, 0, sizeof(*ex));
}

int sla_explain_json(struct db *db, long long ticket, char **json, struct tt_error *err)
{
	char id[32];
	const char *p[1] = { id };

	snprintf(id, sizeof(id), "%lld", ticket);
	*json = db_scalar(db, "SELECT json_safe_text(ticket_sla_json($1)::text)", 1, p, err);
	if (*json)
		return 0;
	return err->code ? err->code : not_found(ticket, err);
}
