/* The status, assignee, level holder and collaborator pickers of a
 * ticket (see ui/ticket_pickers.h). */
#include "ui/ticket_pickers.h"

#include <stdlib.h>
#include <string.h>

#include "model/agent_pick.h"
#include "model/canned.h"
#include "model/collab.h"
#include "model/retriage.h"
#include "ui/widgets/picker.h"
#include "util/i18n.h"
#include "util/xalloc.h"

unsigned ticket_pick_status(struct view *v, long long ticket, prompt_done_fn done)
{
	struct ticket_transition *tr = NULL;
	size_t n = 0;
	struct tt_error err;
	struct db *db = screen_db(v->screen);

	if (!db)
		return VR_HANDLED;
	tt_error_init(&err);
	if (ticket_transitions_load(db, ticket, &tr, &n, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED;
	}
	if (!n) {
		free(tr);
		screen_error_msg(v->screen, "%s", _("no status change is open to you on this ticket"));
		return VR_HANDLED;
	}
	struct pick_item *items = xcalloc(n, sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		items[i].key = tr[i].to;
		items[i].label = i18n_term("status", tr[i].to);
		items[i].note = !strcmp(tr[i].message, "public") ? _("writes a public message to the customer")
			      : !strcmp(tr[i].message, "question") ? _("may ask the customer a question")
			      : tr[i].needs_bug_ref ? _("asks for the engineering bug reference")
			      : NULL;
	}
	screen_pick(v->screen, v, _("New status: "), items, n, done, NULL);
	free(items);
	free(tr);
	return VR_HANDLED;
}

/* Opens a picker of the assignable agents (level 0) or of those who may
 * take `level` from `holder` (model/agent_pick.h). */
static unsigned pick_agents(struct view *v, const char *label, int level, const char *holder,
			    prompt_done_fn done)
{
	struct intake_choices c;
	struct tt_error err;
	struct db *db = screen_db(v->screen);

	if (!db) {
		screen_error_msg(v->screen, "%s", _("not connected to the database"));
		return VR_HANDLED;
	}
	tt_error_init(&err);
	if (level ? agent_level_holders(db, level, holder, &c, &err) : agent_assignable(db, &c, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED;
	}
	if (level && !c.n) {
		screen_error_msg(v->screen, "%s",
				 _("no other active agent may take this level"));
		intake_choices_done(&c);
		return VR_HANDLED;
	}
	struct pick_item *items = xcalloc(c.n ? c.n : 1, sizeof(*items));
	for (size_t i = 0; i < c.n; i++) {
		items[i].key = c.items[i].value;
		items[i].label = c.items[i].label;
		items[i].note = c.items[i].note;
	}
	screen_pick(v->screen, v, label, items, c.n, done, NULL);
	free(items);
	intake_choices_done(&c);
	return VR_HANDLED;
}

unsigned ticket_pick_assignee(struct view *v, prompt_done_fn done)
{
	return pick_agents(v, _("Assign to: "), 0, NULL, done);
}

unsigned ticket_pick_level_holder(struct view *v, int level, const char *holder, prompt_done_fn done)
{
	return pick_agents(v, _("Hand over to: "), level, holder, done);
}

unsigned ticket_pick_collaborator_add(struct view *v, long long ticket, prompt_done_fn done)
{
	struct intake_choices c;
	struct tt_error err;
	struct db *db = screen_db(v->screen);

	if (!db) {
		screen_error_msg(v->screen, "%s", _("not connected to the database"));
		return VR_HANDLED;
	}
	tt_error_init(&err);
	if (agent_collaborator_candidates(db, ticket, &c, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED;
	}
	if (!c.n)
		screen_error_msg(v->screen, "%s", _("every active agent follows this ticket already"));
	struct pick_item *items = xcalloc(c.n ? c.n : 1, sizeof(*items));
	for (size_t i = 0; i < c.n; i++)   /* any role may follow: the role is the note */
		items[i] = (struct pick_item){ c.items[i].value, c.items[i].label,
					       i18n_term("role", c.items[i].help) };
	if (c.n)
		screen_pick(v->screen, v, _("Add collaborator: "), items, c.n, done, NULL);
	free(items);
	intake_choices_done(&c);
	return VR_HANDLED;
}

unsigned ticket_pick_collaborator_remove(struct view *v, long long ticket, prompt_done_fn done)
{
	struct collab_list l;
	struct tt_error err;
	struct db *db = screen_db(v->screen);

	if (!db) {
		screen_error_msg(v->screen, "%s", _("not connected to the database"));
		return VR_HANDLED;
	}
	collab_list_init(&l);
	tt_error_init(&err);
	if (collab_list(db, ticket, &l, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
	} else if (!l.n) {
		screen_error_msg(v->screen, _("ticket %lld has no collaborators"), ticket);
	} else {
		struct pick_item *items = xcalloc(l.n, sizeof(*items));
		for (size_t i = 0; i < l.n; i++)
			items[i] = (struct pick_item){ l.items[i].login, l.items[i].display_name,
						       i18n_term("role", l.items[i].role) };
		screen_pick(v->screen, v, _("Remove collaborator: "), items, l.n, done, NULL);
		free(items);
	}
	collab_list_done(&l);
	return VR_HANDLED;
}

unsigned ticket_pick_canned(struct view *v, prompt_done_fn done)
{
	struct canned_reply *rows = NULL;
	int n = 0;
	struct tt_error err;
	struct db *db = screen_db(v->screen);

	if (!db)
		return VR_HANDLED;
	tt_error_init(&err);
	if (canned_list(db, NULL, NULL, &rows, &n, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED;
	}
	if (!n) {
		screen_error_msg(v->screen, "%s", _("no canned reply exists yet (admins and leads add them)"));
		canned_list_free(rows, n);
		return VR_HANDLED;
	}
	/* one row per key (rows come by key): the title in the user's
	 * language when there is one, else the first */
	struct pick_item *items = xcalloc((size_t)n, sizeof(*items));
	size_t m = 0;
	const char *lang = i18n_language();
	for (int i = 0; i < n; i++) {
		if (m && !strcmp(items[m - 1].key, rows[i].key)) {
			if (lang && !strcmp(rows[i].lang, lang))
				items[m - 1].label = rows[i].title;
			continue;
		}
		items[m].key = rows[i].key;
		items[m].label = rows[i].title;
		items[m].note = rows[i].key;
		m++;
	}
	screen_pick(v->screen, v, _("Canned reply: "), items, m, done, NULL);
	free(items);
	canned_list_free(rows, n);
	return VR_HANDLED;
}
