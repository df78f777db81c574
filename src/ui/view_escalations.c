/* The escalations view (`2`): live escalations grouped by level, CEO
 * first, one line each (severity, SLA state, customer, holder, state,
 * age at this level, reason), and below the list the selected ticket's
 * title, who raised it and why, and its whole chain, drawn once the
 * cursor rests on it (PANE_REST_MS). Keys acknowledge,
 * resolve (note prompt), pass up (reason prompt) and hand over (a picker
 * of the agents of the level, then a reason); Enter opens the ticket;
 * a note or reason is kept, per ticket and step, until its step is done
 * (past the session, as a draft) and offered again in the prompt when
 * the same key is pressed on it;
 * `m` shows only what waits for me, `l` cycles the level, `/` only those
 * with every word typed in their title, customer, holder or reason (the
 * database looks, esc_filter.words; the status line says the words, an
 * empty text or Esc at the prompt shows every one again). The view holds
 * a window of a few screenfuls around the cursor, read by keyset
 * (esc_list_page), and moves it as the cursor nears either end: j/k,
 * PgDn/PgUp, g/G and the wheel reach every live escalation. The level
 * headers count what the database counts, whatever the window holds. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/escalation.h"
#include "model/notify.h"
#include "ui/draw.h"
#include "ui/layout.h"
#include "ui/list_window.h"
#include "ui/screen.h"
#include "ui/ticket_pickers.h"
#include "ui/view.h"
#include "ui/widgets/list.h"
#include "util/i18n.h"
#include "util/kept_text.h"
#include "util/monotime.h"
#include "util/text.h"
#include "util/xalloc.h"

enum { ACT_ESC_UP = ACT_VIEW_BASE + 1, ACT_ESC_LEVEL, ACT_ESC_HAND };

enum col { C_ID, C_SEV, C_SLA, C_CUSTOMER, C_HOLDER, C_STATE, C_AGE, C_REASON, NCOLS };

/* Titles are translated when drawn. */
static const struct layout_column columns[NCOLS] = {
	[C_ID] = { N_("ID"), 6, 7, 0, true },
	[C_SEV] = { N_("SEV"), 4, 10, 5, false },
	[C_SLA] = { N_("SLA"), 5, 9, 3, false },
	[C_CUSTOMER] = { N_("CUSTOMER"), 8, 32, 2, false },   /* max: see fit_names() */
	[C_HOLDER] = { N_("HOLDER"), 6, 24, 4, false },
	[C_STATE] = { N_("STATE"), 4, 12, 6, false },
	[C_AGE] = { N_("AGE"), 6, 7, 1, true },
	[C_REASON] = { N_("REASON"), 8, 0, 0, false },
};

/* The detail pane under the list: at least 7 rows (separator, title,
 * raised by, chain header and three levels), else half the view, so the
 * reasons and the chain read in full, word-wrapped. */
static int detail_rows(int rows)
{
	int half = (rows - 1) / 2;
	return half > 7 ? half : 7;
}

/* The pane follows the cursor once it has rested this long on an item;
 * until then it goes on showing the item it showed, whole (not blanked:
 * that flickered). A move then writes the two marks of the list (~30
 * bytes) and not also the new item's title, reasons and chain (up to
 * 330 bytes at 80x24 on the demo data, more with longer reasons), which
 * over a slow link were written for every row a held key passed. Longer
 * than a key's repeat (~30 ms), short enough to read as at once. */
enum { PANE_REST_MS = 120 };

/* The note or reason of a step (the ticket view keeps its texts the
 * same way): kept as a draft (util/kept_text.h, the names `ticketty
 * escalation resolve|up|hand` uses) from the moment it is given until
 * the step is done, and offered again by the prompt of the same step on
 * the same ticket, in this session or a later one. The view remembers
 * what it read or wrote for each, so a draft that cannot be written is
 * still offered in this session. */
struct kept {
	long long ticket;
	int action;            /* ACT_RESOLVE, ACT_ESC_UP, ACT_ESC_HAND */
	char *text;            /* owned; NULL: none kept */
};

struct eview {
	struct esc_list list;
	struct esc_filter filter;   /* its words are `words` */
	char *words;           /* the words of `/`, NULL: none; owned */
	struct list cur;       /* the window's items under a header line per level */
	struct list_window win; /* where `list` stands in the whole list */
	int width;
	int widths[NCOLS];
	long long pending;     /* ticket a prompt is about */
	int pending_action;    /* the step it asks the text for: ACT_RESOLVE, ACT_ESC_UP, ACT_ESC_HAND */
	char *hand_to;         /* login picked for a hand-over, until its reason is given */
	struct kept *kept;     /* texts of failed steps, offered again; owned */
	size_t nkept;
	long long pane_ticket; /* the ticket the detail pane shows; 0: none yet */
	long long moved_at;    /* monotonic ms of a cursor move the pane has not
	                          followed yet; 0: it shows the selected item */
};

static const struct keybinding escalation_keys[] = {
	{ 'a', ACT_ACKNOWLEDGE },
	{ 'r', ACT_RESOLVE },
	{ 'u', ACT_ESC_UP },
	{ 'e', ACT_ESC_UP },
	{ 'm', ACT_FILTER_MINE },
	{ 'l', ACT_ESC_LEVEL },
	{ 'h', ACT_ESC_HAND },
	{ 0, 0 },
};

/* The view's own actions, and its own words for the shared ones it uses. */
static const struct action_info escalation_actions[] = {
	{ ACT_ACKNOWLEDGE, "acknowledge", N_("acknowledge the escalation") },
	{ ACT_RESOLVE, "resolve", N_("resolve the escalation (asks for a note)") },
	{ ACT_FILTER_MINE, "filter-mine", N_("toggle filter: only what waits for me") },
	{ ACT_OPEN, "open", N_("open the ticket") },
	{ ACT_ESC_UP, "pass-up", N_("pass the escalation up one level (asks for a reason)") },
	{ ACT_ESC_LEVEL, "cycle-level", N_("show every level, then only CEO, COO, CSM") },
	{ ACT_ESC_HAND, "hand-over", N_("hand the escalation to another agent of its level (asks for a reason)") },
	{ 0, NULL, NULL },
};

static struct eview *E(struct view *v)
{
	return v->data;
}

static const struct esc_item *selected(const struct eview *e)
{
	return e->cur.sel >= 0 && (size_t)e->cur.sel < e->list.n ? &e->list.items[e->cur.sel] : NULL;
}

/* Lays the items out under a header line before each level's first item. */
static void build_lines(struct eview *e)
{
	int *at = xcalloc(e->list.n + 1, sizeof(*at));
	int nlines = 0, level = 0;
	for (size_t i = 0; i < e->list.n; i++) {
		if (e->list.items[i].level != level) {
			level = e->list.items[i].level;
			nlines++;
		}
		at[i] = nlines++;
	}
	list_set_lines(&e->cur, (int)e->list.n, at, nlines);
	free(at);
}

static long long item_ticket(const void *rows, int i)
{
	return ((const struct esc_item *)rows)[i].ticket_id;
}

static void lay_out(int *widths, int cols, const struct esc_list *list);

/* ------------------------------------------------------------- window -- */

/* Escalations read at once, and kept on either side of the cursor: two
 * screenfuls, so that a PgDn or PgUp never shows the window's edge. */
static int chunk(const struct eview *e)
{
	return 2 * (e->cur.height > 1 ? e->cur.height : 1);
}

/* After the items changed: the lines and columns laid out again, the
 * cursor on item sel, the view from line top (both kept valid by the
 * list). */
static void relay(struct eview *e, int sel, int top)
{
	build_lines(e);
	lay_out(e->widths, e->width, &e->list);
	e->cur.top = top > 0 ? top : 0;
	list_select(&e->cur, sel);
}

/* The same after the window moved: item sel `off` lines below the view's
 * first, where it was on screen. */
static void relay_at(struct eview *e, int sel, int off)
{
	build_lines(e);
	lay_out(e->widths, e->width, &e->list);
	if (sel >= 0 && sel < (int)e->list.n)
		e->cur.top = list_item_line(&e->cur, sel) - off > 0 ? list_item_line(&e->cur, sel) - off : 0;
	list_select(&e->cur, sel);
}

/* Reads up to `limit` from the position into `out` (its counts too when
 * `count`, else it keeps the window's); false (error shown) when it
 * failed. */
static bool fetch(struct view *v, enum esc_from from, const struct esc_key *key, int limit,
		  bool count, struct esc_list *out)
{
	struct eview *e = E(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	if (!db)
		return false;
	tt_error_init(&err);
	e->filter.words = e->words;
	out->level_live[1] = e->list.level_live[1];
	out->level_live[2] = e->list.level_live[2];
	out->level_live[3] = e->list.level_live[3];
	out->live_total = e->list.live_total;
	int rc = esc_list_page(db, &e->filter, from, key, limit, count, out, &err);
	if (rc)
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	return rc == 0;
}

/* The window's moves on an esc_list (ui/list_window.h). */
LIST_WINDOW_OPS(window_ops, esc_list);

/* The unread badge follows every reading of the counts. */
static void read_unread(struct view *v)
{
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long unread = 0;
	tt_error_init(&err);
	if (db && notify_unread_count(db, &unread, &err) == 0)
		screen_set_unread(v->screen, (int)unread);
	tt_error_clear(&err);
}

/* g: the first escalations; G: the last. */
static void load_end(struct view *v, bool last)
{
	struct eview *e = E(v);
	struct esc_list fresh;
	size_t want = 2 * (size_t)chunk(e);
	esc_list_init(&fresh);
	if (fetch(v, last ? ESC_LAST : ESC_FIRST, NULL, (int)want + 1, true, &fresh)) {
		list_window_take(&e->win, &window_ops, &e->list, &fresh,
				 last ? LIST_WINDOW_END : LIST_WINDOW_START, want);
		/* G: the view as far down as it goes (the list stops it at the end) */
		relay(e, last ? (int)e->list.n - 1 : 0, last ? INT_MAX : 0);
	}
	esc_list_done(&fresh);
}

/* Reads the window again from its first escalation (the list's first
 * when it starts there), the cursor kept on the same ticket. */
static void load(struct view *v)
{
	struct eview *e = E(v);
	long long ticket = list_selected_id(&e->cur, item_ticket, e->list.items);
	int sel = e->cur.sel, top = e->cur.top;
	size_t want = e->list.n > 2 * (size_t)chunk(e) ? e->list.n : 2 * (size_t)chunk(e);
	enum esc_from from = e->win.at_start || !e->list.n ? ESC_FIRST : ESC_AT;
	struct esc_key k = e->list.n ? esc_item_key(&e->list.items[0]) : (struct esc_key){ 0, 0, 0, 0 };
	struct esc_list fresh;

	if (!screen_db(v->screen))
		return;
	esc_list_init(&fresh);
	if (fetch(v, from, &k, (int)want + 1, true, &fresh)) {
		if (from == ESC_AT && !fresh.n) {
			/* every one from the window's first on is gone: the last ones */
			load_end(v, true);
		} else {
			list_window_take(&e->win, &window_ops, &e->list, &fresh,
					 from == ESC_FIRST ? LIST_WINDOW_START : LIST_WINDOW_KEY, want);
			relay(e, sel, top);
			list_reselect(&e->cur, ticket, item_ticket, e->list.items);
		}
		read_unread(v);
	}
	esc_list_done(&fresh);
}

/* Escalations after the window's last, when the cursor is within a chunk
 * of it; the window drops what lies more than a chunk before the cursor
 * once it holds three. */
static void extend_after(struct view *v)
{
	struct eview *e = E(v);
	struct esc_list next;
	int c = chunk(e);
	if (!e->win.more || !e->list.n)
		return;
	esc_list_init(&next);
	struct esc_key k = esc_item_key(&e->list.items[e->list.n - 1]);
	if (fetch(v, ESC_AFTER, &k, c + 1, false, &next)) {
		int sel = e->cur.sel, off = list_item_line(&e->cur, sel) - e->cur.top;
		int drop = list_window_drop(&window_ops, &e->list, &next, sel, c);
		list_window_append(&e->win, &window_ops, &e->list, &next, c, drop);
		relay_at(e, sel - drop, off);
	}
	esc_list_done(&next);
}

/* Escalations before the window's first, likewise. */
static void extend_before(struct view *v)
{
	struct eview *e = E(v);
	struct esc_list prev;
	int c = chunk(e);
	if (e->win.at_start || !e->list.n)
		return;
	esc_list_init(&prev);
	struct esc_key k = esc_item_key(&e->list.items[0]);
	if (fetch(v, ESC_BEFORE, &k, c + 1, false, &prev)) {
		int sel = e->cur.sel, off = list_item_line(&e->cur, sel) - e->cur.top;
		list_window_prepend(&e->win, &window_ops, &e->list, &prev, c, &sel);
		/* the cursor's row on screen stays where it was */
		relay_at(e, sel, off);
	}
	esc_list_done(&prev);
}

/* Before the cursor moves: a chunk of escalations on either side of it,
 * where there are that many. */
static void ensure(struct view *v)
{
	struct eview *e = E(v);
	if ((int)e->list.n - 1 - e->cur.sel < chunk(e))
		extend_after(v);
	if (e->cur.sel < chunk(e))
		extend_before(v);
}

/* A new filter starts from the first. */
static void refilter(struct view *v)
{
	load_end(v, false);
}

/* ---------------------------------------------------------------- steps -- */

/* The draft's name for the text of `action` on `ticket`. */
static void kept_name_of(char name[KEPT_NAME_MAX], long long ticket, int action)
{
	kept_text_name(name, action == ACT_RESOLVE ? KEPT_ESC_RESOLVE
			     : action == ACT_ESC_HAND ? KEPT_ESC_HAND : KEPT_ESC_UP, ticket);
}

/* What is kept for `action` on `ticket`: the first time it is asked,
 * read from the drafts (a session before this one, or the command line,
 * may have kept it). */
static struct kept *kept_find(struct eview *e, long long ticket, int action)
{
	for (size_t i = 0; i < e->nkept; i++)
		if (e->kept[i].ticket == ticket && e->kept[i].action == action)
			return &e->kept[i];
	char name[KEPT_NAME_MAX];
	kept_name_of(name, ticket, action);
	e->kept = xrealloc(e->kept, (e->nkept + 1) * sizeof(*e->kept));
	e->kept[e->nkept] = (struct kept){ ticket, action, kept_text_load(name) };
	return &e->kept[e->nkept++];
}

static const char *kept_text(struct eview *e, long long ticket, int action)
{
	return kept_find(e, ticket, action)->text;
}

/* Keeps `text` for `action` on `ticket`, in the view and as a draft
 * (NULL: drops what was kept). A draft that cannot be written is not
 * said: the text stays in the view for this session. */
static void kept_set(struct eview *e, long long ticket, int action, const char *text)
{
	struct kept *k = kept_find(e, ticket, action);
	char *old = k->text, name[KEPT_NAME_MAX];
	k->text = text ? xstrdup(text) : NULL;
	free(old);
	kept_name_of(name, ticket, action);
	struct tt_error err;
	tt_error_init(&err);
	kept_text_save(name, text, &err);
	tt_error_clear(&err);
}

/* Forgets that nothing was kept where nothing was, so a reload finds a
 * text kept meanwhile elsewhere (the command line, another session). */
static void kept_forget_none(struct eview *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->nkept; i++)
		if (e->kept[i].text)
			e->kept[n++] = e->kept[i];
	e->nkept = n;
}

/* Runs a step on the ticket a key or prompt was about and reports it. */
static unsigned run_step(struct view *v, int action, long long ticket, const char *text)
{
	struct db *db = screen_db(v->screen);
	struct esc_result res;
	struct tt_error err;
	int rc;

	/* kept before it is sent: a session lost while the step waits (on
	 * a held row, say) loses nothing (an empty text keeps whatever was
	 * kept before) */
	if (action != ACT_ACKNOWLEDGE && !text_blank(text))
		kept_set(E(v), ticket, action, text);
	if (!db && !text_blank(text)) {
		screen_text_kept(v->screen, v, action, NULL);
		return VR_HANDLED | VR_REDRAW;
	}
	if (!db) {
		screen_error_msg(v->screen, "%s", _("not connected to the database"));
		return VR_HANDLED;
	}
	esc_result_init(&res);
	tt_error_init(&err);
	if (action == ACT_ACKNOWLEDGE)
		rc = esc_ack(db, ticket, &res, &err);
	else if (action == ACT_RESOLVE)
		rc = esc_resolve(db, ticket, text, &res, &err);
	else if (action == ACT_ESC_HAND)
		rc = esc_hand(db, ticket, E(v)->hand_to, text, &res, &err);
	else
		rc = esc_up(db, ticket, text, &res, &err);
	if (rc) {
		screen_error(v->screen, &err);
		/* the text is kept for the same key on the same escalation:
		 * say why it failed, then that nothing was lost */
		if (!text_blank(text))
			screen_text_kept(v->screen, v, action, err.message ? err.message : "");
	} else if (action == ACT_ACKNOWLEDGE) {
		screen_message(v->screen, _("#%lld: escalation acknowledged at level %s"), ticket,
			       esc_level_short(res.level));
	} else if (action == ACT_RESOLVE) {
		screen_message(v->screen, _("#%lld: escalation resolved at level %s"), ticket,
			       esc_level_short(res.level));
	} else if (action == ACT_ESC_HAND) {
		screen_message(v->screen, _("#%lld: escalation at level %s handed to %s"), ticket,
			       esc_level_short(res.level), res.holder ? res.holder : "?");
	} else {
		screen_message(v->screen, _("#%lld: escalation passed up to %s"), ticket,
			       esc_level_short(res.level));
	}
	if (!rc && action != ACT_ACKNOWLEDGE)
		kept_set(E(v), ticket, action, NULL);
	esc_result_done(&res);
	tt_error_clear(&err);
	return VR_HANDLED | VR_RELOAD;
}

/* The note or reason of the pending step was given (NULL: cancelled, as
 * in the ticket view an abandoned text leaves what was kept as it was). */
static unsigned text_done(struct view *v, const char *text, void *arg)
{
	(void)arg;
	if (!text)
		return VR_HANDLED;
	return run_step(v, E(v)->pending_action, E(v)->pending, text);
}

/* Asks for the note or reason of `action` on the ticket of `it`. */
static unsigned ask_text(struct view *v, const struct esc_item *it, int action, const char *label)
{
	E(v)->pending = it->ticket_id;
	E(v)->pending_action = action;
	screen_prompt(v->screen, v, label, kept_text(E(v), it->ticket_id, action), text_done, NULL);
	return VR_HANDLED;
}

static unsigned hand_to_picked(struct view *v, const char *login, void *arg)
{
	(void)arg;
	if (!login)
		return VR_HANDLED;
	free(E(v)->hand_to);
	E(v)->hand_to = xstrdup(login);
	E(v)->pending_action = ACT_ESC_HAND;
	screen_prompt(v->screen, v, _("Reason for the hand-over: "),
		      kept_text(E(v), E(v)->pending, ACT_ESC_HAND), text_done, NULL);
	return VR_HANDLED;
}

/* ------------------------------------------------------------------ ops -- */

static int ev_open(struct view *v, const char *arg)
{
	(void)arg;
	struct eview *e = xcalloc(1, sizeof(*e));
	esc_list_init(&e->list);
	list_init(&e->cur);
	e->win.at_start = true;
	v->data = e;
	return 0;
}

static void ev_close(struct view *v)
{
	struct eview *e = E(v);
	esc_list_done(&e->list);
	list_done(&e->cur);
	free(e->hand_to);
	free(e->words);
	for (size_t i = 0; i < e->nkept; i++)
		free(e->kept[i].text);
	free(e->kept);
	free(e);
}

static unsigned ev_reload(struct view *v)
{
	kept_forget_none(E(v));
	load(v);
	return VR_REDRAW;
}

/* The widest label of `domain` over `keys` (NULL-terminated), in cells. */
static int widest_term(const char *domain, const char *const *keys)
{
	int w = 0;
	for (; *keys; keys++)
		if (text_width(i18n_term(domain, *keys)) > w)
			w = text_width(i18n_term(domain, *keys));
	return w;
}

/* The name columns grow no wider than the longest name listed (up to
 * their maximum), so a wide terminal shows whole customer and holder
 * names and gives what they do not use to the reason. */
static void fit_names(struct layout_column *c, const struct esc_list *list)
{
	int customer = 0, holder = 0;
	for (size_t i = 0; i < list->n; i++) {
		int w = text_width(list->items[i].customer);
		if (w > customer)
			customer = w;
		w = text_width(list->items[i].holder);
		if (w > holder)
			holder = w;
	}
	if (customer < c[C_CUSTOMER].max)
		c[C_CUSTOMER].max = customer > c[C_CUSTOMER].min ? customer : c[C_CUSTOMER].min;
	if (holder < c[C_HOLDER].max)
		c[C_HOLDER].max = holder > c[C_HOLDER].min ? holder : c[C_HOLDER].min;
}

/* Lays the columns out for `cols` cells in this language and the names
 * listed. The word columns (severity, SLA state, state: a live
 * escalation is open or acknowledged) span from their short labels to
 * their full ones: where the full words do not fit they take the short
 * ones' width ("acked", "2 Urg" rather than "acknow…", "2 Urgen…") and
 * leave the rest of the line to the names and the reason. */
static void lay_out(int *widths, int cols, const struct esc_list *list)
{
	static const char *const live[] = { "open", "acknowledged", NULL };
	static const char *const sla[] = { "ok", "at_risk", "breached", NULL };
	static const enum col words[] = { C_SEV, C_SLA, C_STATE };
	struct layout_column c[NCOLS];
	int brief[NCOLS] = { 0 }, full[NCOLS] = { 0 };

	for (int s = 1; s <= 4; s++) {
		if (2 + text_width(i18n_severity_short(s)) > brief[C_SEV])
			brief[C_SEV] = 2 + text_width(i18n_severity_short(s));
		if (2 + text_width(i18n_severity_name(s)) > full[C_SEV])
			full[C_SEV] = 2 + text_width(i18n_severity_name(s));
	}
	brief[C_SLA] = widest_term("sla_state_short", sla);
	full[C_SLA] = widest_term("sla_state", sla);
	brief[C_STATE] = widest_term("escalation_state_short", live);
	full[C_STATE] = widest_term("escalation_state", live);
	memcpy(c, columns, sizeof(columns));
	fit_names(c, list);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		enum col w = words[i];
		c[w].min = brief[w] > c[w].min ? brief[w] : c[w].min;
		c[w].max = full[w] > c[w].min ? full[w] : c[w].min;
	}
	layout_columns(c, NCOLS, cols, widths);
	bool again = false;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		enum col w = words[i];
		if (widths[w] < c[w].max && c[w].max > c[w].min) {
			c[w].max = c[w].min;
			again = true;
		}
	}
	if (again)
		layout_columns(c, NCOLS, cols, widths);
}

static unsigned ev_resize(struct view *v, int rows, int cols)
{
	struct eview *e = E(v);
	list_resize(&e->cur, rows - 1 - detail_rows(rows));
	e->width = cols;
	lay_out(e->widths, cols, &e->list);
	return VR_REDRAW;
}

static unsigned ev_notify(struct view *v, long long ticket, const char *kind)
{
	(void)v;
	(void)ticket;
	(void)kind;
	return VR_RELOAD;
}

/* Before a prompt: says so when the list found the caller may not act on
 * the escalation, so nothing is typed for a refusal (the database still
 * decides when the step is sent). At the CSM level its holder acts; at
 * the COO's and the CEO's any agent of that role, whoever holds it; an
 * agent of a higher role on every level below; no level is above the
 * CEO's (ESC_TOP_LEVEL): an administrator acts on every level. */
static bool may_act(struct view *v, const struct esc_item *it)
{
	if (it->can_act)
		return true;
	const char *holder = *it->holder ? it->holder : _("its holder");
	const char *level = esc_level_short(it->level);
	if (it->level >= ESC_TOP_LEVEL)
		screen_error_msg(v->screen, _("only an agent of level %s (%s holds it) or an administrator may do that"),
				 level, holder);
	else if (it->level > 1)
		screen_error_msg(v->screen, _("only an agent of level %s (%s holds it) or a higher level may do that"),
				 level, holder);
	else
		screen_error_msg(v->screen, _("only %s (%s) or a higher level may do that"), holder, level);
	return false;
}

/* The words of `/` were given: an empty text, or Esc (NULL), shows every
 * escalation again. */
static unsigned words_done(struct view *v, const char *text, void *arg)
{
	struct eview *e = E(v);
	(void)arg;
	if (!text || text_blank(text)) {
		if (!e->words)
			return VR_HANDLED;
		free(e->words);
		e->words = NULL;
	} else {
		free(e->words);
		e->words = xstrdup(text);
	}
	refilter(v);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned act(struct view *v, int action)
{
	struct eview *e = E(v);
	const struct esc_item *it = selected(e);
	char id[32];

	switch (action) {
	case ACT_FIRST:
	case ACT_LAST:
		load_end(v, action == ACT_LAST);
		return VR_HANDLED | VR_REDRAW;
	case ACT_UP:
	case ACT_DOWN:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		ensure(v);
		list_action(&e->cur, action);
		return VR_HANDLED | VR_REDRAW;
	case ACT_OPEN:
		if (!it)
			return VR_HANDLED;
		snprintf(id, sizeof(id), "%lld", it->ticket_id);
		return view_request_open(v, "ticket", id);
	case ACT_FILTER_MINE:
		e->filter.mine = !e->filter.mine;
		refilter(v);
		break;
	case ACT_ESC_LEVEL:
		e->filter.level = e->filter.level == 0 ? 3 : e->filter.level - 1;
		refilter(v);
		break;
	case ACT_SEARCH:
		screen_prompt(v->screen, v, _("Filter (title, customer, holder or reason): "), e->words,
			      words_done, NULL);
		return VR_HANDLED;
	case ACT_ACKNOWLEDGE:
		if (!it)
			return VR_HANDLED;
		return run_step(v, ACT_ACKNOWLEDGE, it->ticket_id, NULL);
	case ACT_RESOLVE:
		if (!it || !may_act(v, it))
			return VR_HANDLED;
		return ask_text(v, it, ACT_RESOLVE, _("Resolution note: "));
	case ACT_ESC_UP:
		if (it && it->level >= ESC_TOP_LEVEL) {
			/* the database's refusal, before a reason is typed for it */
			screen_error_msg(v->screen, _("ticket %lld is already escalated to the CEO: there is no higher level"),
					 it->ticket_id);
			return VR_HANDLED;
		}
		if (!it || !may_act(v, it))
			return VR_HANDLED;
		return ask_text(v, it, ACT_ESC_UP, _("Reason to pass it up: "));
	case ACT_ESC_HAND:
		if (!it || !may_act(v, it))
			return VR_HANDLED;
		e->pending = it->ticket_id;
		return ticket_pick_level_holder(v, it->level, it->holder_login, hand_to_picked);
	default:
		return VR_UNHANDLED;
	}
	return VR_HANDLED | VR_REDRAW;
}

static long long selected_ticket(const struct eview *e)
{
	const struct esc_item *it = selected(e);
	return it ? it->ticket_id : 0;
}

/* True while the pane waits for the cursor to rest after a move. */
static bool pane_waits(const struct eview *e)
{
	return e->moved_at && monotime_ms() < e->moved_at + PANE_REST_MS;
}

/* The selection may have moved (to another ticket than `was`): the
 * pane follows once the cursor rests (PANE_REST_MS). */
static void pane_later(struct view *v, long long was)
{
	struct eview *e = E(v);
	long long now = selected_ticket(e);
	if (!now || now == was)
		return;
	e->moved_at = monotime_ms();
	screen_wake_at(v->screen, e->moved_at + PANE_REST_MS);
}

static bool is_move(int action)
{
	return action == ACT_UP || action == ACT_DOWN || action == ACT_PAGE_UP ||
	       action == ACT_PAGE_DOWN || action == ACT_FIRST || action == ACT_LAST;
}

/* A move leaves the pane where it was until the cursor rests; any other
 * action of the view's own (a step's prompt names the selected ticket)
 * brings the pane to the selected item with it. A key the view does not
 * handle goes on to the screen untouched (any flag would stop it there):
 * the tick brings the pane. */
static unsigned ev_action(struct view *v, int action)
{
	struct eview *e = E(v);
	long long was = selected_ticket(e);
	unsigned r = act(v, action);
	if (is_move(action)) {
		pane_later(v, was);
	} else if (e->moved_at && (r & VR_HANDLED)) {
		e->moved_at = 0;
		r |= VR_REDRAW;
	}
	return r;
}

/* The cursor rested: the pane shows the selected item. */
static unsigned ev_tick(struct view *v, long long *wake_ms)
{
	struct eview *e = E(v);
	if (!e->moved_at)
		return VR_UNHANDLED;
	if (!pane_waits(e)) {
		e->moved_at = 0;
		return VR_REDRAW;
	}
	if (e->moved_at + PANE_REST_MS < *wake_ms)
		*wake_ms = e->moved_at + PANE_REST_MS;
	return VR_UNHANDLED;
}

static unsigned ev_mouse(struct view *v, const struct mouse_event *m)
{
	long long was = selected_ticket(E(v));
	unsigned r = list_view_mouse(&E(v)->cur, v, m);
	ensure(v);
	pane_later(v, was);
	return r;
}

static void draw_item(struct eview *e, int item, int y, int x)
{
	const struct esc_item *it = &e->list.items[item];
	char id[24], sev[64], age[32];
	snprintf(id, sizeof(id), "%lld", it->ticket_id);
	/* full words when they fit, else short distinct ones: never "Urgen…" */
	layout_severity(sev, sizeof(sev), it->severity, i18n_db(it->severity_name),
			i18n_severity_short(it->severity), e->widths[C_SEV]);
	esc_format_age(it->age_secs, age, sizeof(age));
	const char *cells[NCOLS] = {
		[C_ID] = id,
		[C_SEV] = sev,
		[C_SLA] = *it->sla_state ? layout_label(i18n_term("sla_state", it->sla_state),
							i18n_term("sla_state_short", it->sla_state),
							e->widths[C_SLA]) : "-",
		[C_CUSTOMER] = it->customer,
		[C_HOLDER] = *it->holder ? it->holder : "-",
		[C_STATE] = layout_label(i18n_term("escalation_state", it->state),
					 i18n_term("escalation_state_short", it->state), e->widths[C_STATE]),
		[C_AGE] = age,
		[C_REASON] = it->reason,
	};
	for (int c = 0; c < NCOLS; c++) {
		if (e->widths[c] <= 0)
			continue;
		int cx = x + layout_offset(e->widths, c);
		/* the selection marks the id and the gap after it (as in the
		 * queue): a move rewrites a few cells, not two whole rows */
		enum style normal = c == C_SEV ? draw_severity_style(it->severity)
				    : c == C_SLA && *it->sla_state ? draw_sla_style(it->sla_state)
				    : c == C_HOLDER && it->mine ? STYLE_HEADER : STYLE_NORMAL;
		enum style st = c == C_ID ? list_style(&e->cur, item, normal) : normal;
		if (columns[c].right) {
			struct strbuf sb;
			sb_init(&sb);
			layout_row(&sb, &columns[c], 1, &e->widths[c], &cells[c], draw_text_flags());
			draw_text(y, cx, e->widths[c], sb.buf, st);
			sb_done(&sb);
		} else {
			draw_text(y, cx, e->widths[c], cells[c], st);
		}
		int end = cx + e->widths[c];
		if (end < x + e->width)
			draw_blank(y, end, 1, c == C_ID ? st : draw_gap_style(st, STYLE_NORMAL));
	}
	int used = layout_offset(e->widths, NCOLS) - 1;
	if (used < e->width)
		draw_blank(y, x + used, e->width - used, STYLE_NORMAL);
}

static void draw_header_line(const struct eview *e, int level, int y, int x, int w)
{
	char buf[128];
	/* level 3 gets three markers; plain ones when the terminal is not UTF-8 */
	const char *mark = draw_text_flags() ? "^^^" : "\u25b2\u25b2\u25b2";
	size_t mark_len = strlen(mark) / 3 * (size_t)level;
	long n = esc_list_waiting(&e->list, level);
	/* a narrowed list is counted up to the cap: "1000+" past it */
	snprintf(buf, sizeof(buf), "%.*s %s (%ld%s)", (int)mark_len, mark, esc_level_short(level),
		 n > ESC_COUNT_CAP ? (long)ESC_COUNT_CAP : n, n > ESC_COUNT_CAP ? "+" : "");
	draw_text(y, x, w, buf, STYLE_GROUP);
}

/* Lays out `label` then `text` word-wrapped from row y on, the
 * continuation lines hanging `hang` cells in, stopping before row
 * `yend` (a text cut there ends in an ellipsis on its last row); writes
 * them when `paint`. Returns the rows it takes. The label is plain text,
 * like the rest: a dim label cost ~15 bytes of attribute changes each
 * time its line was written again (a slow link, issue 17). */
static int wrap(int y, int yend, int x, int w, int hang, const char *label, const char *text,
		enum style st, bool paint)
{
	struct strbuf clean;
	int y0 = y;

	if (y >= yend)
		return 0;
	sb_init(&clean);
	text_sanitize(&clean, text, strlen(text), draw_text_flags());
	int used = !label || !*label ? 0 : text_width(label) < w ? text_width(label) : w;
	if (paint && used)
		used = draw_text_part(y, x, w, label, STYLE_NORMAL);
	if (hang >= w / 2)
		hang = 0;
	const char *p = clean.buf;
	int cx = x + used, room = w - used;
	for (;;) {
		size_t n = room > 0 ? text_wrap_line(p, room) : 0;
		bool cut = y + 1 >= yend && p[n + strspn(p + n, " ")];
		if (paint && room > 0 && cut) {
			draw_text(y, cx, room, p, st);   /* the rest, cut with an ellipsis */
		} else if (paint && room > 0) {
			char *line = xstrndup(p, n);
			draw_text(y, cx, room, line, st);
			free(line);
		}
		y++;
		p += n;
		while (*p == ' ')
			p++;
		if (!*p || y >= yend || room <= 0)
			break;
		if (paint)
			draw_blank(y, x, hang, STYLE_NORMAL);
		cx = x + hang;
		room = w - hang;
	}
	sb_done(&clean);
	return y - y0;
}

/* Writes `label` and `text` as wrap() lays them out; moves *y past them. */
static void draw_wrapped(int *y, int yend, int x, int w, int hang, const char *label,
			 const char *text, enum style st)
{
	*y += wrap(*y, yend, x, w, hang, label, text, st, true);
}

/* The two parts of step i of the chain of `it`: who holds it and how
 * long (the state where it is not said elsewhere), who raised it when not
 * the holder below, ending in ':' (who); and why: its reason, and how it
 * ended when that is not the next level's own reason (why). */
static void step_parts(const struct esc_item *it, size_t i, bool list_shows_state, struct strbuf *who,
		       struct strbuf *why)
{
	const struct esc_step *s = &it->chain[i];
	char age[32], level_age[32];
	esc_format_age(s->age_secs, age, sizeof(age));
	esc_format_age(it->age_secs, level_age, sizeof(level_age));
	sb_reset(who);
	sb_add(who, *s->holder ? s->holder : "-");
	/* state and age, unless the selected row above shows them (the
	 * current step: its age there is the level's, so a level handed over
	 * since says how long its holder has had it); a step below it was
	 * passed up, which goes without saying */
	bool last = i + 1 == it->nchain;
	if (!last && !strcmp(s->state, "passed_up"))
		sb_addf(who, " [%s]", age);
	else if (!last || !list_shows_state)
		sb_addf(who, " [%s, %s]", i18n_term("escalation_state", s->state), age);
	else if (strcmp(age, level_age))
		sb_addf(who, " [%s]", age);
	if (!i || strcmp(s->raised_by, it->chain[i - 1].holder)) {
		sb_addc(who, ' ');
		sb_addf(who, _("by %s: "), s->raised_by);
		while (who->len && who->buf[who->len - 1] == ' ')
			who->buf[--who->len] = '\0';
	} else {
		sb_addc(who, ':');
	}
	sb_reset(why);
	sb_add(why, s->reason);
	if (*s->note && strcmp(s->note, s->reason) && (last || strcmp(s->note, it->chain[i + 1].reason))) {
		sb_add(why, draw_text_flags() ? " -> " : " \u2192 ");
		sb_add(why, s->note);
	}
}

/* What the pane shows: the item it showed while the cursor has not
 * rested since a move (when the list still holds it), else the selected
 * one. */
static const struct esc_item *pane_item(struct eview *e)
{
	if (pane_waits(e))
		for (size_t i = 0; i < e->list.n; i++)
			if (e->list.items[i].ticket_id == e->pane_ticket)
				return &e->list.items[i];
	const struct esc_item *it = selected(e);
	e->moved_at = 0;
	e->pane_ticket = it ? it->ticket_id : 0;
	return it;
}

static void draw_detail(struct view *v, const struct area *a, int y0)
{
	struct eview *e = E(v);
	const struct esc_item *it = pane_item(e);
	int yend = a->y + a->h;
	struct strbuf sb, label;

	for (int y = y0; y < yend; y++)
		draw_blank(y, a->x, a->w, STYLE_NORMAL);
	if (y0 >= yend)
		return;
	sb_init(&sb);
	sb_init(&label);
	for (int i = 0; i < a->w; i++)
		sb_add(&sb, draw_text_flags() ? "-" : "\u2500");
	draw_text(y0, a->x, a->w, sb.buf, STYLE_DIM);
	int y = y0 + 1;
	if (!it) {
		sb_done(&sb);
		sb_done(&label);
		return;
	}
	/* the id and title in plain text: every move writes a new title, and
	 * a coloured one cost ~16 bytes of attribute changes more (in and
	 * out of the colour; the dim rule above sets the pane apart) */
	sb_reset(&sb);
	sb_addf(&sb, "#%lld ", it->ticket_id);
	sb_add(&sb, it->title);
	draw_wrapped(&y, yend, a->x, a->w, 2, NULL, sb.buf, STYLE_NORMAL);
	/* The chain (esc_list_load gives every item its own step, the last),
	 * one step a level (step_parts): who, then why on lines of its own
	 * when the pane has the rows for it, else on the same line. Each
	 * reason shows once and nothing is said twice: over a slow link
	 * every changed cell of the pane is written again when the cursor
	 * moves, and a reason that starts at the same column each time
	 * shares more cells with the one before. Level names are padded to
	 * the widest one, in cells (translations differ). */
	int lw = 0;
	bool list_shows_state = e->widths[C_STATE] > 0 && e->widths[C_AGE] > 0;
	for (int l = 1; l <= 3; l++)
		if (text_width(esc_level_short(l)) > lw)
			lw = text_width(esc_level_short(l));
	struct strbuf why, indent;
	sb_init(&why);
	sb_init(&indent);
	text_pad(&indent, "", lw + 1, 0);
	int need = 0;
	for (size_t i = 0; i < it->nchain; i++) {
		step_parts(it, i, list_shows_state, &sb, &why);
		need += wrap(0, a->h, 0, a->w, 1 + lw, indent.buf, sb.buf, STYLE_NORMAL, false) +
			wrap(0, a->h, 0, a->w, 1 + lw, indent.buf, why.buf, STYLE_NORMAL, false);
	}
	bool apart = y + need <= yend;
	/* Where even a step a line cannot show the whole chain, the current
	 * step (the last: why the ticket is at this level) reads in full, the
	 * steps before it get a row each and what rows are left, oldest
	 * first, each cut with an ellipsis: the pane never drops the step
	 * the holder acts on. */
	enum { STEPS_MAX = ESC_TOP_LEVEL };   /* a round climbs CSM, COO, CEO */
	int rows[STEPS_MAX] = { 0 };
	size_t nsteps = it->nchain < STEPS_MAX ? it->nchain : STEPS_MAX;
	int left = yend - y;
	for (size_t i = 0; !apart && i < nsteps; i++) {
		step_parts(it, i, list_shows_state, &sb, &why);
		sb_addc(&sb, ' ');
		sb_add(&sb, why.buf);
		rows[i] = wrap(0, a->h, 0, a->w, 1 + lw, indent.buf, sb.buf, STYLE_NORMAL, false);
		left -= rows[i];
	}
	if (!apart && left < 0 && nsteps > 1 && yend - y >= (int)nsteps) {
		int spare = yend - y - (int)(nsteps - 1);
		if (rows[nsteps - 1] < spare)
			spare = rows[nsteps - 1];
		rows[nsteps - 1] = spare;
		spare = yend - y - spare - (int)(nsteps - 1);
		for (size_t i = 0; i + 1 < nsteps; i++) {
			int more = rows[i] - 1 < spare ? rows[i] - 1 : spare;
			rows[i] = 1 + more;
			spare -= more;
		}
	}
	for (size_t i = 0; i < it->nchain && y < yend; i++) {
		step_parts(it, i, list_shows_state, &sb, &why);
		sb_reset(&label);
		text_pad(&label, esc_level_short(it->chain[i].level), lw, 0);
		sb_addc(&label, ' ');
		if (apart) {
			draw_wrapped(&y, yend, a->x, a->w, 1 + lw, label.buf, sb.buf, STYLE_NORMAL);
			draw_wrapped(&y, yend, a->x, a->w, 1 + lw, indent.buf, why.buf, STYLE_NORMAL);
		} else {
			sb_addc(&sb, ' ');
			sb_add(&sb, why.buf);
			int end = i < nsteps && y + rows[i] < yend ? y + rows[i] : yend;
			draw_wrapped(&y, end, a->x, a->w, 1 + lw, label.buf, sb.buf, STYLE_NORMAL);
		}
	}
	sb_done(&why);
	sb_done(&indent);
	sb_done(&sb);
	sb_done(&label);
}

static void ev_draw(struct view *v, const struct area *a)
{
	struct eview *e = E(v);
	const char *titles[NCOLS];
	struct strbuf sb;

	for (int c = 0; c < NCOLS; c++)
		titles[c] = _(columns[c].title);
	sb_init(&sb);
	layout_row(&sb, columns, NCOLS, e->widths, titles, draw_text_flags());
	draw_text(a->y, a->x, a->w, sb.buf, STYLE_HEADER);
	sb_done(&sb);
	int list_rows = a->h - 1 - detail_rows(a->h);
	if (list_rows < 1)
		list_rows = a->h - 1;
	list_place(&e->cur, a->y + 1);
	for (int i = 0; i < list_rows; i++) {
		int y = a->y + 1 + i, ln = e->cur.top + i, item = list_line_item(&e->cur, ln);
		if (ln < e->cur.nlines && item < 0)
			/* a header: the level of the item after it */
			draw_header_line(e, e->list.items[list_line_item(&e->cur, ln + 1)].level, y, a->x, a->w);
		else if (ln < e->cur.nlines)
			draw_item(e, item, y, a->x);
		else if (i == 0)
			draw_text(y, a->x, a->w,
				  !screen_db(v->screen) ? _("(not connected to the database)")
				  : e->words ? _("(no escalation matches the filter)")
				  : e->filter.mine ? _("(nothing waits for you)")
				  : _("(no open escalations)"), STYLE_DIM);
		else
			draw_blank(y, a->x, a->w, STYLE_NORMAL);
	}
	if (list_rows < a->h - 1)
		draw_detail(v, a, a->y + 1 + list_rows);
}

static void ev_status(struct view *v, struct strbuf *out)
{
	struct eview *e = E(v);
	/* the database's count: the rollup's, or for a narrowed list one
	 * that stops past the cap at a level */
	size_t total = (size_t)e->list.live_total;
	bool over = false;
	for (int l = 1; l <= ESC_TOP_LEVEL; l++)
		over = over || e->list.level_live[l] > ESC_COUNT_CAP;
	/* nothing read while the database is unavailable: no count (the
	 * list says it is not connected), not "0 open escalations" */
	if (!screen_db(v->screen) && !e->list.n)
		sb_add(out, _("not read yet"));
	else if (over)
		sb_addf(out, _("more than %d open escalations"), ESC_COUNT_CAP);
	else
		sb_addf(out, ngettext("%zu open escalation", "%zu open escalations", (unsigned long)total),
			total);
	if (e->filter.level)
		sb_addf(out, ", %s %s", _("level"), esc_level_short(e->filter.level));
	if (e->filter.mine)
		sb_addf(out, ", %s", _("waiting for me"));
	if (e->words) {
		sb_add(out, ", ");
		sb_addf(out, _("text \"%s\""), e->words);
	}
	const struct esc_item *it = selected(e);
	if (it && (kept_text(e, it->ticket_id, ACT_RESOLVE) || kept_text(e, it->ticket_id, ACT_ESC_UP) ||
		   kept_text(e, it->ticket_id, ACT_ESC_HAND)))
		sb_addf(out, "  %s", _("(unsent text kept)"));
}

static void ev_help(struct view *v, struct strbuf *out)
{
	(void)v;
	sb_add(out, _("Open escalations, CEO first, then COO, then CSM; the most severe and then\n"
		      "the oldest first in a level. The pane below shows the selected one's\n"
		      "title and its whole chain, each reason in full, once the cursor rests.\n"
		      "At the CSM level its holder acknowledges, resolves, passes it up or hands\n"
		      "it over; at the COO or CEO level any agent of that role does, not only\n"
		      "its holder. A higher role acts on every level below its own, an\n"
		      "administrator on all; the database refuses anyone else. A note or reason\n"
		      "whose step fails is kept: press the same key again on that escalation.\n"
		      "/ keeps those with every word typed in the title, customer, holder or\n"
		      "reason; an empty filter shows them all again.\n"));
}

const struct view_ops view_escalations_ops = {
	.name = "escalations",
	.title = N_("Escalations"),
	.keys = escalation_keys,
	.actions = escalation_actions,
	.open = ev_open,
	.close = ev_close,
	.reload = ev_reload,
	.draw = ev_draw,
	.action = ev_action,
	.resize = ev_resize,
	.notify = ev_notify,
	.status = ev_status,
	.help = ev_help,
	.mouse = ev_mouse,
	.tick = ev_tick,
};
