/* The emergency alert: status line and bell (see ui/alert.h). */
#include "ui/alert.h"

#include <curses.h>

#include "model/alert.h"
#include "ui/screen.h"
#include "util/i18n.h"

void alert_note(struct alert_batch *b, const struct live_event *ev)
{
	if (!ev->ticket || !alert_kind_may_alert(ev->kind))
		return;
	for (int i = 0; i < b->n; i++)
		if (b->tickets[i] == ev->ticket)
			return;
	if (b->n < ALERT_BATCH)
		b->tickets[b->n++] = ev->ticket;
}

/* Says `found` emergencies, the latest `a`, and rings the bell. */
static void say(struct screen *s, int found, const struct alert_emergency *a, bool missed)
{
	/* the status line draws it through text_fit: the title is hostile */
	if (found == 1 && !missed)
		screen_error_msg(s, _("EMERGENCY in your team: #%lld %s (%s)"), a->ticket, a->title,
				 a->customer);
	else if (!missed)
		screen_error_msg(s, ngettext("EMERGENCY in your team: %d new emergency, the latest #%lld %s",
					     "EMERGENCY in your team: %d new emergencies, the latest #%lld %s",
					     found),
				 found, a->ticket, a->title);
	else if (found == 1)
		/* TRANSLATORS: an emergency filed while this screen had no
		 * connection to the database, said once it is back */
		screen_error_msg(s, _("EMERGENCY in your team while disconnected: #%lld %s (%s)"), a->ticket,
				 a->title, a->customer);
	else
		screen_error_msg(s, ngettext("EMERGENCY in your team while disconnected: %d emergency, the latest #%lld %s",
					     "EMERGENCY in your team while disconnected: %d emergencies, the latest #%lld %s",
					     found),
				 found, a->ticket, a->title);
	if (screen_app(s)->cfg.bell)
		beep();
}

/* The batch's emergencies (alert_emergency_check): how many, and in *a
 * the last of them. */
static int judge(struct db *db, const struct alert_batch *b, struct alert_emergency *a)
{
	struct tt_error err;
	int found = 0;

	tt_error_init(&err);
	for (int i = 0; i < b->n; i++) {
		bool is = false;
		/* a failed check is not worth an error: the queue shows the ticket */
		if (alert_emergency_check(db, b->tickets[i], &is, a, &err) == 0 && is)
			found++;
		tt_error_clear(&err);
	}
	return found;
}

void alert_check(struct screen *s, const struct alert_batch *b, long long *mark)
{
	struct db *db = screen_db(s);
	struct alert_emergency a;
	struct tt_error err;

	if (!db)
		return;
	alert_emergency_init(&a);
	int found = judge(db, b, &a);
	if (found)
		say(s, found, &a, false);
	alert_emergency_done(&a);
	/* the mark past these events, whose notifications came: a newer
	 * event's notification came with the answer or was queued before it
	 * (a session gets them between its statements) */
	long long newest = -1;
	tt_error_init(&err);
	if (alert_events_since(db, &newest, NULL, 0, &err) >= 0)
		*mark = newest;
	tt_error_clear(&err);
}

void alert_catch_up(struct screen *s, long long *mark)
{
	struct db *db = screen_db(s);
	struct alert_batch b = { .n = 0 };
	struct alert_emergency a;
	struct tt_error err;

	if (!db)
		return;
	tt_error_init(&err);
	/* a failed look is not worth an error: the queue shows the tickets */
	b.n = alert_events_since(db, mark, b.tickets, ALERT_BATCH, &err);
	tt_error_clear(&err);
	if (b.n <= 0)
		return;
	alert_emergency_init(&a);
	int found = judge(db, &b, &a);
	if (found)
		say(s, found, &a, true);
	alert_emergency_done(&a);
}
