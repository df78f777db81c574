/* SLA queries for the CLI and the views: due instants of a target, and
 * every deadline of a ticket with its pauses (sla explain). The clock
 * itself lives in SQL (sql/010_sla.sql): business_add, business_seconds,
 * sla_due, ticket_sla. Reports: model/report.h. */
#ifndef TICKETTY_MODEL_SLA_H
#define TICKETTY_MODEL_SLA_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct db;

/* The first-response due instant of a ticket of `plan` and `severity`
 * created at `created_iso` (ISO 8601; without an offset it is read in the
 * calendar's zone), as ISO 8601 in the default calendar's zone to the
 * second (e.g. "2026-11-23T16:00:00-05:00"). *due_iso is owned by the
 * caller. 65 with the refused fields (plan, severity, created) in err. */
int sla_due_at(struct db *db, const char *plan, int severity, const char *created_iso,
	       char **due_iso, struct tt_error *err);
/* The same for any target kind ("first_response", "resolution", "update"),
 * with the severity as given text (so a malformed one is refused by name). */
int sla_due_kind(struct db *db, const char *kind, const char *plan, const char *severity,
		 const char *created_iso, char **due_iso, struct tt_error *err);

/* One deadline of a ticket (all strings owned by the struct; instants are
 * ISO 8601 in the ticket's calendar zone; NULL when not applicable). */
struct sla_deadline {
	char *kind;           /* first_response, resolution, update */
	char *clock;          /* business, wall */
	int minutes;          /* the target */
	char *started_at;     /* where the clock started */
	char *due;
	char *risk_at;        /* at_risk from this instant */
	long long paused_secs; /* added back for waiting on the customer */
	char *outcome;        /* met, missed, or NULL while open */
	char *decided_at;     /* when the outcome was stored */
	char *state;          /* ok, at_risk, breached, met, missed */
	long long remaining_secs; /* on its own clock; negative = overdue/late */
	bool has_remaining;
};

struct sla_pause {
	char *started_at;
	char *ended_at;       /* NULL while still waiting */
	char *clock;
	long long paused_secs;
};

struct sla_explain {
	long long ticket;
	char *plan;
	int severity;
	char *status;
	char *calendar;       /* calendar name */
	char *time_zone;
	char *created_at;
	int update_missed;
	long day_secs;        /* one business day of the calendar (0: no opening hours) */
	struct sla_deadline *deadlines;
	size_t ndeadlines;
	struct sla_pause *pauses;
	size_t npauses;
};

/* Fills `ex` for a ticket (65 / TT404 when it does not exist). */
int sla_explain_load(struct db *db, long long ticket, struct sla_explain *ex, struct tt_error *err);
void sla_explain_done(struct sla_explain *ex);
/* The same as a JSON document built by PostgreSQL (caller frees). */
int sla_explain_json(struct db *db, long long ticket, char **json, struct tt_error *err);

#endif
