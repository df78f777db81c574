/* A notification in words: who did what to the ticket, in the timeline's
 * words for the event behind it (timeline_event_describe: one wording of
 * each event), the recipient named "you" ("escalated to L1 CSM (you)");
 * an assignment to or from the recipient has sentences of its own ("took
 * the ticket over from you", es "asumió el ticket en su lugar"). */
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

/* A take-over or an assignment that gives the recipient the ticket or
 * takes it from them, in words of their own: the timeline's words with
 * "you" put in do not make a sentence in every language ("asignó el
 * ticket a usted" is "le asignó el ticket"). False for any other event. */
static bool assignment_words(const struct timeline_entry *e, const char *me_login, const char *me_name,
			     struct strbuf *what)
{
	bool assign = !strcmp(e->event, "assign"), take = !strcmp(e->event, "take");
	bool to_me = assign && is_me(e->target, me_login, me_name);
	bool from_me = (assign || take) && is_me(e->from, me_login, me_name);
	/* (one who hands their own ticket on "assigned the ticket to you") */

	if (from_me && timeline_is_take_over(e))
		/* TRANSLATORS: a notification to whoever had the ticket: "Ana Gil took the ticket over from you" */
		sb_add(what, _("took the ticket over from you"));
	else if (from_me)
		/* TRANSLATORS: a notification to whoever had the ticket: "Ana Gil reassigned the ticket from you to Bo Li" */
		sb_addf(what, _("reassigned the ticket from you to %s"), e->target ? e->target : "?");
	else if (to_me && e->from && !(e->author && !strcmp(e->from, e->author)))
		/* TRANSLATORS: a notification to the new assignee: "Ana Gil reassigned the ticket from Bo Li to you" */
		sb_addf(what, _("reassigned the ticket from %s to you"), e->from);
	else if (to_me)
		/* TRANSLATORS: a notification to the new assignee: "Ana Gil assigned the ticket to you" */
		sb_add(what, _("assigned the ticket to you"));
	else
		return false;
	return true;
}

void notify_words(const char *kind, struct timeline_entry *e, const char *me_login,
		  const char *me_name, struct strbuf *out)
{
	if (!e || !e->event) {
		sb_add(out, i18n_term("notification", kind));
		return;
	}
	/* TRANSLATORS: the recipient, where a notification's words name them: "escalated to L1 CSM (you)" */
	const char *you = i18n_pgettext("person", NC_("person", "you"));
	char *who = e->who;
	if (is_me(who, me_login, me_name))
		e->who = (char *)you;

	struct strbuf what;
	sb_init(&what);
	if (!assignment_words(e, me_login, me_name, &what))
		timeline_event_describe(e, &what);
	if (!strcmp(kind, "emergency"))
		sb_addf(out, "%s: ", i18n_term("notification", kind));
	if (e->author && !names_its_own_actor(e->event))
		/* TRANSLATORS: a notification: who (a name), then what they did in the timeline's words */
		sb_addf(out, i18n_pgettext("notification", NC_("notification", "%s %s")), e->author, what.buf);
	else
		sb_add(out, what.buf);
	sb_done(&what);

	e->who = who;
}
