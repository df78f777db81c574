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

void alert_check(struct screen *s, const struct alert_batch *b)
{
	struct db *db = screen_db(s);
	struct alert_emergency a;
	struct tt_error err;
	int found = 0;

	if (!db)
		return;
	alert_emergency_init(&a);
	tt_error_init(&err);
	for (int i = 0; i < b->n; i++) {
		bool is = false;
		/* a failed check is not worth an error: the queue shows the ticket */
		if (alert_emergency_check(db, b->tickets[i], &is, &a, &err) == 0 && is)
			found++;
		tt_error_clear(&err);
	}
	if (found) {
		/* the status line draws it through text_fit: the title is hostile */
		if (found == 1)
			screen_error_msg(s, _("EMERGENCY in your team: #%lld %s (%s)"), a.ticket, a.title,
					 a.customer);
		else
			screen_error_msg(s, ngettext("EMERGENCY in your team: %d new emergency, the latest #%lld %s",
						     "EMERGENCY in your team: %d new emergencies, the latest #%lld %s",
						     found),
					 found, a.ticket, a.title);
		if (screen_app(s)->cfg.bell)
			beep();
	}
	alert_emergency_done(&a);
}
