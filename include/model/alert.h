/* Emergencies arriving in the caller's team, for the TUI's alert: given
 * a ticket a database notification named ("created" or "retriage"),
 * whether that event just made it an emergency (a severity whose
 * `emergency` flag is set) open in the caller's team, by someone else;
 * and after a reconnection, those whose notifications were lost. */
#ifndef TICKETTY_MODEL_ALERT_H
#define TICKETTY_MODEL_ALERT_H

#include <stdbool.h>

#include "util/error.h"

struct db;

struct alert_emergency {
	long long ticket;
	char *title;      /* owned; hostile text: draw through text_sanitize/text_fit */
	char *customer;   /* owned */
};

void alert_emergency_init(struct alert_emergency *a);
void alert_emergency_done(struct alert_emergency *a);
/* True for the event kinds that may bring an emergency: "created", "retriage". */
bool alert_kind_may_alert(const char *kind);
/* 0 with *found set (and *out filled when true): the ticket's latest
 * creation or re-triage event made it an open emergency of the caller's
 * team (created, or re-triaged with a new severity or team) and was not
 * the caller's own. Else an exit code with err set. */
int alert_emergency_check(struct db *db, long long ticket, bool *found, struct alert_emergency *out,
			  struct tt_error *err);

/* After a reconnection, the events whose notifications the caller could
 * not get: writes to ids the tickets (at most max, the latest ones,
 * oldest first) whose creation or re-triage events came after *mark (a
 * ticket_events id), to be judged by alert_emergency_check, and returns
 * how many; *mark then moves to the newest event (0: none yet). A
 * negative mark (none taken yet) is only set. -1 with err set (*mark
 * unchanged) when the database cannot say. */
int alert_events_since(struct db *db, long long *mark, long long *ids, int max, struct tt_error *err);

#endif
