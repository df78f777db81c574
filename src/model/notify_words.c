/* A notification in words: who did what to the ticket, in the timeline's
 * words for the event behind it (timeline_event_describe: one wording of
 * each event), the recipient named "you" ("took the ticket over from
 * you"). */
#include "model/notify.h"

#include <string.h>

#include "model/ticket.h"
#include "util/i18n.h"

/* Events whose words say who acted themselves ("the customer replied by
 * mail", "mail to ... could not be delivered"): the session that wrote
 * them (a mail bridge) is not who did it. */
static bool names_its_own_actor(const char *event)
{
	return !strcmp(event, "customer_reply") || !strcmp(event, "mail_bounced");
}

static bool is_me(const char *name, const char *me_login, const char *me_name)
{
	return name && ((me_login && *me_login && !strcmp(name, me_login)) ||
			(me_name && *me_name && !strcmp(name, me_name)));
}

void notify_words(const char *kind, struct timeline_entry *e, const char *me_login,
		  const char *me_name, struct strbuf *out)
{
	if (!e || !e->event) {
		sb_add(out, i18n_term("notification", kind));
		return;
	}
	/* TRANSLATORS: the recipient, where a notification's words name them: "assigned the ticket to you" */
	const char *you = i18n_pgettext("person", NC_("person", "you"));
	char *target = e->target, *who = e->who;
	int version = e->version;
	char *from = e->from;
	if (!strcmp(e->event, "assign") && is_me(target, me_login, me_name))
		e->target = (char *)you;
	if ((!strcmp(e->event, "take") || !strcmp(e->event, "assign")) && is_me(from, me_login, me_name))
		e->from = (char *)you;
	if (is_me(who, me_login, me_name))
		e->who = (char *)you;
	e->version = 0;

	struct strbuf what;
	sb_init(&what);
	timeline_event_describe(e, &what);
	if (!strcmp(kind, "emergency"))
		sb_addf(out, "%s: ", i18n_term("notification", kind));
	if (e->author && !names_its_own_actor(e->event))
		/* TRANSLATORS: a notification: who (a name), then what they did in the timeline's words */
		sb_addf(out, i18n_pgettext("notification", NC_("notification", "%s %s")), e->author, what.buf);
	else
		sb_add(out, what.buf);
	sb_done(&what);

	e->target = target;
	e->from = from;
	e->who = who;
	e->version = version;
}
