/* The ticket view (Enter on the queue, `:123`): every intake field, the
 * deadlines with their outcomes, the escalation chain and the timeline
 * (public replies, internal notes marked as such, audit events) in a pager
 * with / search and n/N. Actions are one checked API call each, carrying
 * the version shown: a stale refusal keeps the typed text, says who
 * changed what, and reloads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/escalation.h"
#include "model/ticket.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "ui/view_search.h"
#include "ui/widgets/pager.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* The timeline is read a page at a time by keyset, as the reader nears
 * the end of what is loaded, so opening a ticket with a long history
 * costs one page; TIMELINE_MAX bounds what one view ever holds. */
#define TIMELINE_PAGE 200
#define TIMELINE_MAX 5000

enum kept_text { KEEP_ACK, KEEP_REPLY, KEEP_NOTE, KEEP_COUNT };

struct tview {
	long long id;
	struct ticket_detail *t;   /* NULL until loaded */
	struct pager pager;
	char *kept[KEEP_COUNT];    /* text of a refused reply/note, offered again */
	char *pending_status;      /* status waiting for its bug reference */
	int pending_action;        /* asked for from the queue ("123:reply"), run once loaded */
	struct timeline_cursor tl_next; /* where the loaded timeline ends */
	bool tl_more;              /* entries follow tl_next */
	int tl_loaded;             /* timeline entries in the pager */
};

/* Actions the queue may ask for when it opens a ticket ("ID:name"). */
static const struct {
	const char *name;
	int action;
} open_actions[] = {
	{ "acknowledge", ACT_ACKNOWLEDGE }, { "reply", ACT_REPLY }, { "note", ACT_NOTE },
	{ "status", ACT_STATUS }, { "escalate", ACT_ESCALATE }, { "resolve", ACT_RESOLVE },
	{ "close", ACT_CLOSE }, { "reopen", ACT_REOPEN }, { "take", ACT_TAKE },
	{ "assign", ACT_ASSIGN },
};

static unsigned tv_action(struct view *v, int action);

static const struct keybinding ticket_keys[] = {
	{ 'n', ACT_SEARCH_NEXT },
	{ 'N', ACT_SEARCH_PREV },
	{ 'a', ACT_ACKNOWLEDGE },
	{ 'r', ACT_REPLY },
	{ 'c', ACT_NOTE },
	{ 't', ACT_TAKE },
	{ 's', ACT_STATUS },
	{ 'e', ACT_ESCALATE },
	{ 'x', ACT_RESOLVE },
	{ 'X', ACT_CLOSE },
	{ 'o', ACT_REOPEN },
	{ '@', ACT_ASSIGN },
	{ 'h', ACT_HISTORY },
	{ 'L', ACT_LINK },
	{ 0, 0 },
};

static struct tview *TV(struct view *v)
{
	return v->data;
}

/* ---------------------------------------------------------- building -- */

static void add_time(struct strbuf *sb, time_t t)
{
	if (t)
		timefmt_append(sb, t, TIMEFMT_DATETIME);
	else
		sb_add(sb, "-");
}

/* The label padded to the value column, in cells (Spanish labels have accents). */
static void label_cell(struct strbuf *sb, const char *label)
{
	text_pad(sb, label, 20, 0);
	sb_addc(sb, ' ');
}

static void line(struct pager *p, const char *label, const char *value)
{
	if (value && *value) {
		struct strbuf sb;
		sb_init(&sb);
		label_cell(&sb, label);
		sb_add(&sb, value);
		pager_add(p, sb.buf, STYLE_NORMAL);
		sb_done(&sb);
	}
}

static void block(struct pager *p, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	pager_add(p, label, STYLE_HEADER);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *s = value; *s; s++) {
		if (s == value || s[-1] == '\n')
			sb_add(&sb, "  ");
		sb_addc(&sb, *s);
	}
	pager_add(p, sb.buf, STYLE_NORMAL);
	sb_done(&sb);
}

static void deadline(struct pager *p, const char *label, time_t due, time_t done,
		     const char *outcome, const char *done_word)
{
	struct strbuf sb;
	if (!due)
		return;
	sb_init(&sb);
	sb_add(&sb, _("due "));
	add_time(&sb, due);
	/* when it was met goes on a line of its own under the value: two
	 * dates on one line do not fit 80 columns (in Spanish even less) */
	struct strbuf second;
	sb_init(&second);
	if (done) {
		sb_addf(&second, "%s ", done_word);
		add_time(&second, done);
	}
	if (outcome)
		sb_addf(done ? &second : &sb, " · %s", i18n_term("sla_state", outcome));
	else if (!done) {
		long long left = (long long)(due - time(NULL));
		sb_addf(&sb, " · %s ", left < 0 ? _("overdue by") : _("in"));
		timefmt_span(&sb, left);
	}
	enum style st = outcome && !strcmp(outcome, "missed") ? STYLE_SLA_BREACHED
		      : !outcome && !done && due < time(NULL) ? STYLE_SLA_BREACHED : STYLE_NORMAL;
	struct strbuf row;
	sb_init(&row);
	label_cell(&row, label);
	sb_add(&row, sb.buf);
	pager_add(p, row.buf, st);
	if (second.len) {
		sb_reset(&row);
		label_cell(&row, "");
		sb_add(&row, second.buf);
		pager_add(p, row.buf, st);
	}
	sb_done(&row);
	sb_done(&second);
	sb_done(&sb);
}

static void join(struct strbuf *sb, char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", items[i]);
}

static void build_header(struct pager *p, const struct ticket_detail *t)
{
	struct strbuf sb;
	sb_init(&sb);

	pager_addf(p, STYLE_HEADER, "#%lld  %s", t->id, t->title);
	sb_addf(&sb, "%s · %d %s · %s %s · %s %d", i18n_term("status", t->status), t->severity,
		i18n_db(t->severity_name), _("SLA"), t->sla_state ? i18n_term("sla_state", t->sla_state) : "-",
		_("version"), t->version);
	if (t->escalation_level > 0)
		sb_addf(&sb, " · %s L%d", _("escalated"), t->escalation_level);
	pager_add(p, sb.buf, t->severity == 1 ? STYLE_SEV1 : STYLE_NORMAL);
	pager_add(p, "", STYLE_NORMAL);

	sb_reset(&sb);
	sb_addf(&sb, "%s (%s)", t->customer, i18n_term("plan", t->plan));
	line(p, _("Customer"), sb.buf);
	sb_reset(&sb);
	sb_addf(&sb, "%s <%s>", t->contact, t->contact_email ? t->contact_email : "");
	line(p, _("Contact"), sb.buf);
	line(p, _("Request type"), i18n_db(t->request_type));
	line(p, _("Team"), i18n_db(t->team));
	line(p, _("Case reason"), i18n_db(t->reason));
	line(p, _("Assignee"), t->assignee ? t->assignee : _("(unassigned)"));
	sb_reset(&sb);
	add_time(&sb, t->created_at);
	if (t->created_by)
		sb_addf(&sb, " %s %s", _("by"), t->created_by);
	line(p, _("Created"), sb.buf);
	sb_done(&sb);
}

static void build_deadlines(struct pager *p, const struct ticket_detail *t)
{
	pager_add(p, "", STYLE_NORMAL);
	pager_add(p, _("Deadlines"), STYLE_HEADER);
	deadline(p, _("First response"), t->first_response_due, t->acknowledged_at,
		 t->first_response_outcome, _("acknowledged"));
	deadline(p, _("Resolution"), t->resolution_due, t->resolved_at, t->resolution_outcome,
		 _("resolved"));
	if (t->resolution_paused_s > 0) {
		struct strbuf sb;
		sb_init(&sb);
		timefmt_span(&sb, t->resolution_paused_s);
		line(p, _("  paused so far"), sb.buf);
		sb_done(&sb);
	}
	if (t->update_due)
		deadline(p, _("Customer update"), t->update_due, 0, NULL, "");
	if (t->update_missed_count > 0) {
		struct strbuf sb;
		sb_init(&sb);
		label_cell(&sb, _("  updates missed"));
		sb_addf(&sb, "%d", t->update_missed_count);
		pager_add(p, sb.buf, STYLE_SLA_BREACHED);
		sb_done(&sb);
	}
	if (t->closed_at) {
		struct strbuf sb;
		sb_init(&sb);
		add_time(&sb, t->closed_at);
		line(p, _("Closed"), sb.buf);
		sb_done(&sb);
	}
}

static void build_chain(struct pager *p, const struct ticket_detail *t)
{
	if (!t->nescalations)
		return;
	pager_add(p, "", STYLE_NORMAL);
	pager_add(p, _("Escalation chain"), STYLE_HEADER);
	for (size_t i = 0; i < t->nescalations; i++) {
		const struct ticket_escalation *e = &t->escalations[i];
		struct strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, "L%d %s · %s · %s %s", e->level, i18n_term("escalation", e->level_key),
			i18n_term("escalation_state", e->state), _("held by"),
			e->holder ? e->holder : "-");
		pager_add(p, sb.buf, STYLE_NORMAL);
		sb_reset(&sb);
		sb_addf(&sb, "   %s %s, ", _("raised by"), e->raised_by);
		add_time(&sb, e->raised_at);
		sb_addf(&sb, ": %s", e->reason);
		pager_add(p, sb.buf, STYLE_DIM);
		if (e->acknowledged_by) {
			sb_reset(&sb);
			sb_addf(&sb, "   %s %s, ", _("acknowledged by"), e->acknowledged_by);
			add_time(&sb, e->acknowledged_at);
			pager_add(p, sb.buf, STYLE_DIM);
		}
		if (e->resolved_by) {
			sb_reset(&sb);
			sb_addf(&sb, "   %s %s, ", _("resolved by"), e->resolved_by);
			add_time(&sb, e->resolved_at);
			sb_addf(&sb, ": %s", e->resolution_note ? e->resolution_note : "");
			pager_add(p, sb.buf, STYLE_DIM);
		}
		sb_done(&sb);
	}
}

static void build_intake(struct pager *p, const struct ticket_detail *t)
{
	struct strbuf sb;
	sb_init(&sb);
	pager_add(p, "", STYLE_NORMAL);
	block(p, _("Description"), t->description);
	block(p, _("Impact"), t->impact);
	block(p, _("Steps to reproduce"), t->repro_steps);
	pager_add(p, "", STYLE_NORMAL);
	join(&sb, t->object_ids, t->nobject_ids);
	line(p, _("Object IDs"), sb.buf);
	sb_reset(&sb);
	sb_addf(&sb, "%lld", t->member_id);
	line(p, _("Member ID"), sb.buf);
	if (t->bidder_id) {
		sb_reset(&sb);
		sb_addf(&sb, "%lld", t->bidder_id);
		line(p, _("Bidder ID"), sb.buf);
	}
	if (t->creative_id) {
		sb_reset(&sb);
		sb_addf(&sb, "%lld", t->creative_id);
		line(p, _("Creative ID"), sb.buf);
	}
	sb_reset(&sb);
	join(&sb, t->screenshots, t->nscreenshots);
	line(p, _("Screenshots"), sb.buf);
	line(p, _("Browser"), t->browser);
	line(p, _("Operating system"), t->os);
	line(p, _("Emergency phone"), t->phone);
	line(p, _("Bug reference"), t->bug_ref);
	sb_done(&sb);
}

static void build_entry(struct pager *p, const struct timeline_entry *e)
{
	struct strbuf sb;
	sb_init(&sb);
	add_time(&sb, e->at);
	sb_add(&sb, "  ");
	if (e->kind == TIMELINE_EVENT) {
		timeline_event_describe(e, &sb);
		if (e->author)
			sb_addf(&sb, " (%s)", e->author);
		pager_add(p, sb.buf, STYLE_DIM);
	} else {
		bool internal = e->kind == TIMELINE_INTERNAL;
		/* internal notes are marked in words too, not only by style */
		sb_addf(&sb, "%s %s %s", internal ? _("INTERNAL NOTE") : _("PUBLIC REPLY"), _("by"),
			e->author ? e->author : "-");
		pager_add(p, sb.buf, internal ? STYLE_INTERNAL : STYLE_HEADER);
		sb_reset(&sb);
		const char *prefix = internal ? "  | " : "    ";
		for (const char *s = e->body ? e->body : ""; *s; s++) {
			if (s == e->body || s[-1] == '\n')
				sb_add(&sb, prefix);
			sb_addc(&sb, *s);
		}
		pager_add(p, sb.buf, internal ? STYLE_INTERNAL : STYLE_NORMAL);
	}
	sb_done(&sb);
}

/* Appends the next page of the timeline (at most TIMELINE_PAGE entries,
 * never past TIMELINE_MAX in all). */
static int timeline_page(struct view *v, struct tt_error *err)
{
	struct tview *tv = TV(v);
	struct timeline_page page = { 0 };
	int limit = TIMELINE_MAX - tv->tl_loaded;

	if (limit > TIMELINE_PAGE)
		limit = TIMELINE_PAGE;
	int rc = ticket_timeline_load(screen_db(v->screen), tv->id, tv->tl_loaded ? &tv->tl_next : NULL,
				      limit, &page, err);
	if (rc) {
		tv->tl_more = false;
		return rc;
	}
	for (size_t i = 0; i < page.n; i++)
		build_entry(&tv->pager, &page.entries[i]);
	tv->tl_loaded += (int)page.n;
	tv->tl_next = page.next;
	tv->tl_more = page.more && page.n > 0;
	timeline_page_done(&page);
	if (tv->tl_more && tv->tl_loaded >= TIMELINE_MAX) {
		tv->tl_more = false;
		pager_addf(&tv->pager, STYLE_DIM, _("(the first %d entries are shown; see ticketty ticket show)"),
			   TIMELINE_MAX);
	}
	return 0;
}

/* Loads pages until at least `want` entries are in (or none are left). */
static int timeline_upto(struct view *v, int want, struct tt_error *err)
{
	struct tview *tv = TV(v);
	int rc = 0;
	while (rc == 0 && tv->tl_more && tv->tl_loaded < want)
		rc = timeline_page(v, err);
	return rc;
}

/* The timeline header and its first page (or as many entries as were
 * loaded before a live reload, so the reading position stays). */
static int build_timeline(struct view *v, int keep, struct tt_error *err)
{
	struct tview *tv = TV(v);

	pager_add(&tv->pager, "", STYLE_NORMAL);
	pager_addf(&tv->pager, STYLE_HEADER, _("Timeline (%ld entries)"), tv->t->timeline_total);
	tv->tl_loaded = 0;
	tv->tl_more = true;
	memset(&tv->tl_next, 0, sizeof(tv->tl_next));
	return timeline_upto(v, keep > TIMELINE_PAGE ? keep : 1, err);
}

/* Reads the next page while the reader is within two screens of the end
 * of what is loaded. */
static void timeline_prefetch(struct view *v)
{
	struct tview *tv = TV(v);
	struct tt_error err;

	if (!screen_db(v->screen))
		return;
	tt_error_init(&err);
	while (tv->tl_more && tv->pager.top + 2 * tv->pager.height >= tv->pager.n)
		if (timeline_page(v, &err)) {
			screen_error(v->screen, &err);
			break;
		}
	tt_error_clear(&err);
}

/* --------------------------------------------------------------- ops -- */

static int tv_open(struct view *v, const char *arg)
{
	char *end;
	int pending = ACT_NONE;
	long long id = arg ? strtoll(arg, &end, 10) : 0;
	if (arg && *end == ':') {
		for (size_t i = 0; i < sizeof(open_actions) / sizeof(open_actions[0]); i++)
			if (!strcmp(end + 1, open_actions[i].name))
				pending = open_actions[i].action;
		if (pending)
			end += strlen(end);
	}
	if (!arg || *end || id <= 0) {
		screen_error_msg(v->screen, _("'%s' is not a ticket number"), arg ? arg : "");
		return EX_USAGE;
	}
	struct tview *tv = xcalloc(1, sizeof(*tv));
	tv->id = id;
	tv->pending_action = pending;
	pager_init(&tv->pager);
	v->data = tv;
	return 0;
}

static void tv_close(struct view *v)
{
	struct tview *tv = TV(v);
	ticket_detail_free(tv->t);
	pager_done(&tv->pager);
	for (int i = 0; i < KEEP_COUNT; i++)
		free(tv->kept[i]);
	free(tv->pending_status);
	free(tv);
}

static unsigned tv_reload(struct view *v)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	struct ticket_detail *t = NULL;

	if (!db)
		return VR_REDRAW;
	tt_error_init(&err);
	if (ticket_detail_load(db, tv->id, &t, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_REDRAW;
	}
	ticket_detail_free(tv->t);
	tv->t = t;
	int top = tv->pager.top;
	int keep = tv->tl_loaded;
	char *search = tv->pager.search ? xstrdup(tv->pager.search) : NULL;
	pager_clear(&tv->pager);
	build_header(&tv->pager, t);
	build_deadlines(&tv->pager, t);
	build_chain(&tv->pager, t);
	build_intake(&tv->pager, t);
	if (build_timeline(v, keep, &err))
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	/* keep the reading position across live reloads */
	tv->pager.top = top;
	pager_resize(&tv->pager, tv->pager.height, tv->pager.width);
	timeline_prefetch(v);
	free(tv->pager.search);
	tv->pager.search = search;
	if (tv->pending_action) {
		/* the action the queue asked for, on the version just shown */
		int action = tv->pending_action;
		tv->pending_action = ACT_NONE;
		if (tv_action(v, action) & VR_RELOAD)
			return tv_reload(v);
	}
	return VR_REDRAW;
}

static unsigned tv_resize(struct view *v, int rows, int cols)
{
	pager_resize(&TV(v)->pager, rows, cols);
	if (TV(v)->t)
		timeline_prefetch(v);
	return VR_REDRAW;
}

static unsigned tv_notify(struct view *v, long long ticket, const char *kind)
{
	(void)kind;
	return ticket == TV(v)->id || ticket == 0 ? VR_RELOAD : 0;
}

static void tv_draw(struct view *v, const struct area *a)
{
	struct tview *tv = TV(v);
	if (!tv->t) {
		for (int r = 0; r < a->h; r++)
			draw_blank(a->y + r, a->x, a->w, STYLE_NORMAL);
		draw_text(a->y, a->x, a->w, screen_db(v->screen) ? _("(loading)") : _("(not connected to the database)"),
			  STYLE_DIM);
		return;
	}
	pager_draw(&tv->pager, a);
}

static void tv_status(struct view *v, struct strbuf *out)
{
	struct tview *tv = TV(v);
	sb_addf(out, "#%lld", tv->id);
	if (tv->t)
		sb_addf(out, "  %s  v%d", i18n_term("status", tv->t->status), tv->t->version);
	if (tv->pager.n > 0) {
		int seen = (tv->pager.top + tv->pager.height) * 100 / tv->pager.n;
		sb_addf(out, "  %d%%", seen > 100 ? 100 : seen);
	}
	if (tv->t && tv->tl_more)
		/* TRANSLATORS: timeline entries read so far of the ticket's total. */
		sb_addf(out, _("  timeline %d/%ld"), tv->tl_loaded, tv->t->timeline_total);
	for (int i = 0; i < KEEP_COUNT; i++)
		if (tv->kept[i]) {
			sb_addf(out, "  %s", _("(unsent text kept)"));
			break;
		}
}

static void tv_help(struct view *v, struct strbuf *out)
{
	(void)v;
	sb_add(out, _("Replies and notes are written in $VISUAL/$EDITOR. A change refused because\n"
		      "someone else changed the ticket first keeps your text: press the key again.\n"));
}

/* ----------------------------------------------------------- actions -- */

/* Reports the outcome of an action; a refusal keeps `text` for next time. */
static unsigned done(struct view *v, int rc, struct tt_error *err, const char *ok,
		     enum kept_text slot, const char *text)
{
	struct tview *tv = TV(v);
	if (rc == 0) {
		if (slot < KEEP_COUNT) {
			free(tv->kept[slot]);
			tv->kept[slot] = NULL;
		}
		screen_message(v->screen, "%s", ok);
	} else {
		screen_error(v->screen, err);
		if (slot < KEEP_COUNT && text) {
			free(tv->kept[slot]);
			tv->kept[slot] = xstrdup(text);
			/* say first that nothing was lost, then why it was refused */
			char *why = xstrdup(err->message ? err->message : "");
			screen_error_msg(v->screen, _("your text is kept (press %s again to send it): %s"),
					 screen_key_for(v->screen, v, slot == KEEP_ACK ? ACT_ACKNOWLEDGE
									: slot == KEEP_REPLY ? ACT_REPLY : ACT_NOTE),
					 why);
			free(why);
		}
	}
	tt_error_clear(err);
	return VR_HANDLED | VR_RELOAD;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* Runs the editor on the kept (or empty) text; NULL when nothing to send. */
static char *write_text(struct view *v, enum kept_text slot)
{
	struct tview *tv = TV(v);
	struct tt_error err;
	tt_error_init(&err);
	char *text = screen_edit(v->screen, tv->kept[slot], &err);
	if (!text) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return NULL;
	}
	if (blank(text)) {
		free(text);
		screen_message(v->screen, "%s", _("empty text: nothing sent"));
		return NULL;
	}
	return text;
}

static unsigned text_action(struct view *v, int action)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	enum kept_text slot = action == ACT_ACKNOWLEDGE ? KEEP_ACK : action == ACT_REPLY ? KEEP_REPLY : KEEP_NOTE;
	struct tt_error err;
	int ver = 0, rc;

	char *text = write_text(v, slot);
	if (!text)
		return VR_HANDLED | VR_REDRAW;
	if (!db) {
		free(tv->kept[slot]);
		tv->kept[slot] = text;
		screen_error_msg(v->screen, "%s", _("not connected: your text is kept, try again later"));
		return VR_HANDLED | VR_REDRAW;
	}
	tt_error_init(&err);
	if (action == ACT_ACKNOWLEDGE)
		rc = ticket_ack(db, tv->id, tv->t->version, text, &ver, &err);
	else if (action == ACT_REPLY)
		rc = ticket_reply(db, tv->id, tv->t->version, text, &ver, &err);
	else
		rc = ticket_note(db, tv->id, tv->t->version, text, &ver, &err);
	unsigned r = done(v, rc, &err, action == ACT_ACKNOWLEDGE ? _("acknowledged: first response sent")
				     : action == ACT_REPLY ? _("public reply sent") : _("internal note added"),
			  slot, text);
	free(text);
	return r;
}

static unsigned set_status(struct view *v, const char *status, const char *bug)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0, rc;

	if (!db)
		return VR_HANDLED;
	tt_error_init(&err);
	if (!strcmp(status, "resolved"))
		rc = ticket_resolve(db, tv->id, tv->t->version, NULL, &ver, &err);
	else if (!strcmp(status, "closed"))
		rc = ticket_close(db, tv->id, tv->t->version, &ver, &err);
	else if (!strcmp(tv->t->status, "resolved") && !strcmp(status, "in_progress"))
		rc = ticket_reopen(db, tv->id, tv->t->version, NULL, &ver, &err);
	else
		rc = ticket_set_status(db, tv->id, tv->t->version, status, bug, &ver, &err);
	char *ok = xasprintf(_("status is now %s"), i18n_term("status", status));
	unsigned r = done(v, rc, &err, ok, KEEP_COUNT, NULL);
	free(ok);
	return r;
}

static unsigned bug_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	(void)arg;
	unsigned r = VR_HANDLED;
	if (text && tv->pending_status)
		r = set_status(v, tv->pending_status, text);
	free(tv->pending_status);
	tv->pending_status = NULL;
	return r;
}

static unsigned status_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	(void)arg;
	if (!text || blank(text))
		return VR_HANDLED;
	while (*text == ' ')
		text++;
	/* the key or the state's name in the user's language */
	const char *key = i18n_term_key("status", text);
	if (key)
		text = key;
	if (!strcmp(text, "waiting_engineering")) {
		free(tv->pending_status);
		tv->pending_status = xstrdup(text);
		screen_prompt(v->screen, v, _("Engineering bug reference: "), tv->t->bug_ref, bug_done, NULL);
		return VR_HANDLED;
	}
	return set_status(v, text, NULL);
}

static unsigned escalate_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct esc_result res;
	struct tt_error err;
	(void)arg;
	if (!text || !db)
		return VR_HANDLED;
	esc_result_init(&res);
	tt_error_init(&err);
	int rc = esc_raise(db, tv->id, text, &res, &err);
	char *ok = rc ? NULL : xasprintf(_("escalated to level %d (%s)"), res.level,
					 res.holder ? res.holder : "-");
	unsigned r = done(v, rc, &err, ok ? ok : "", KEEP_COUNT, NULL);
	free(ok);
	esc_result_done(&res);
	return r;
}

static unsigned assign_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0;
	(void)arg;
	if (!text || blank(text) || !db || !tv->t)
		return VR_HANDLED;
	while (*text == ' ')
		text++;
	tt_error_init(&err);
	int rc = ticket_assign(db, tv->id, tv->t->version, text, &ver, &err);
	char *ok = xasprintf(_("assigned to %s"), text);
	unsigned r = done(v, rc, &err, ok, KEEP_COUNT, NULL);
	free(ok);
	return r;
}

static unsigned search_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	(void)arg;
	if (text && *text && !pager_search(&tv->pager, text, false)) {
		/* not in what is loaded: read the rest of the timeline (bounded) */
		struct tt_error err;
		tt_error_init(&err);
		bool more = tv->tl_more;
		if (more && timeline_upto(v, TIMELINE_MAX, &err))
			screen_error(v->screen, &err);
		tt_error_clear(&err);
		if (!more || !pager_search(&tv->pager, text, false))
			screen_error_msg(v->screen, _("not found: %s"), text);
	}
	return VR_HANDLED | VR_REDRAW;
}

static unsigned tv_action(struct view *v, int action)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0;

	switch (action) {
	case ACT_SEARCH:
		screen_prompt(v->screen, v, "/", tv->pager.search, search_done, NULL);
		return VR_HANDLED;
	case ACT_OPEN:
		return VR_HANDLED;
	case ACT_HISTORY:
	case ACT_LINK:
		return tv->t ? view_search_ticket_action(v, action, tv->id) : VR_HANDLED;
	case ACT_ACKNOWLEDGE:
	case ACT_REPLY:
	case ACT_NOTE:
		if (!tv->t)
			return VR_HANDLED;
		return text_action(v, action);
	default:
		break;
	}
	if (tv->t && (action == ACT_LAST || action == ACT_SEARCH_NEXT)) {
		/* the end (or the next match) may lie past what is loaded */
		tt_error_init(&err);
		if (timeline_upto(v, TIMELINE_MAX, &err))
			screen_error(v->screen, &err);
		tt_error_clear(&err);
	}
	unsigned moved = pager_action(&tv->pager, action);
	if (moved) {
		if (tv->t)
			timeline_prefetch(v);
		return moved;
	}
	if (!tv->t || !db)
		return VR_UNHANDLED;
	tt_error_init(&err);
	switch (action) {
	case ACT_TAKE:
		return done(v, ticket_take(db, tv->id, tv->t->version, &ver, &err), &err,
			    _("the ticket is yours"), KEEP_COUNT, NULL);
	case ACT_RESOLVE:
		return set_status(v, "resolved", NULL);
	case ACT_CLOSE:
		return set_status(v, "closed", NULL);
	case ACT_REOPEN:
		return done(v, ticket_reopen(db, tv->id, tv->t->version, NULL, &ver, &err), &err,
			    _("reopened"), KEEP_COUNT, NULL);
	case ACT_STATUS:
		screen_prompt(v->screen, v,
			      _("New status (acknowledged, in_progress, waiting_customer, waiting_engineering, resolved, closed): "),
			      NULL, status_done, NULL);
		return VR_HANDLED;
	case ACT_ESCALATE:
		screen_prompt(v->screen, v, _("Reason to escalate: "), NULL, escalate_done, NULL);
		return VR_HANDLED;
	case ACT_ASSIGN:
		screen_prompt(v->screen, v, _("Assign to (agent login): "), NULL, assign_done, NULL);
		return VR_HANDLED;
	default:
		return VR_UNHANDLED;
	}
}

const struct view_ops view_ticket_ops = {
	.name = "ticket",
	.title = N_("Ticket"),
	.keys = ticket_keys,
	.open = tv_open,
	.close = tv_close,
	.reload = tv_reload,
	.draw = tv_draw,
	.action = tv_action,
	.resize = tv_resize,
	.notify = tv_notify,
	.status = tv_status,
	.help = tv_help,
};
