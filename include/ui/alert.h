/* The emergency alert (issue 14): when a database notification brings
 * an emergency into the caller's team, the status line says so at once
 * (no key needed) and the terminal bell rings unless ui.bell = false.
 * For the screen manager: it gathers the tickets of a batch of
 * notifications, then checks them once the batch is read; after a
 * reconnection it looks for the emergencies that came meanwhile, whose
 * notifications went to no one. */
#ifndef TICKETTY_UI_ALERT_H
#define TICKETTY_UI_ALERT_H

#include "model/live.h"

struct screen;

#define ALERT_BATCH 32

/* The tickets of one batch of notifications that may bring an emergency. */
struct alert_batch {
	long long tickets[ALERT_BATCH];
	int n;
};

/* Notes the event's ticket when its kind may bring an emergency. */
void alert_note(struct alert_batch *b, const struct live_event *ev);
/* Checks the noted tickets: an emergency in the caller's team is shown
 * in the status line and rings the bell (ui.bell). *mark (a ticket event
 * id, see alert_catch_up) moves past the events the batch brought. */
void alert_check(struct screen *s, const struct alert_batch *b, long long *mark);
/* On every connection, first or again: the emergencies whose
 * notifications this screen could not get while it had no connection
 * (events after *mark) are shown and ring the bell like alert_check's;
 * *mark moves to the newest event (the first connection only sets it:
 * start it at -1). */
void alert_catch_up(struct screen *s, long long *mark);

#endif
