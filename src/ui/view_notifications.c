/* The notifications view (`5`): the caller's unread notifications, newest
 * first: when, the ticket and its title on a line, and under it what
 * happened in words, who did what ("Ana Gil assigned the ticket to you"),
 * wrapped to the width (at most three lines); Enter marks one read and opens
 * its ticket, `m` marks the selected one read, `M` all of them (all the
 * filter keeps while one is on); `E`
 * turns the agent's notifications by mail on or off, `L` switches their
 * language between English and Spanish, and the status line
 * says whether they go by mail and in which language. `/` keeps those
 * holding every word typed (notify_mine_page says where it looks); an
 * empty filter or Esc at its prompt shows them all again. The view holds
 * a window of a few screenfuls around the cursor, read by keyset
 * (model/notify.h), and moves it as the cursor nears either end: j/k,
 * PgDn/PgUp and g/G reach every notification, however many there are.
 * Any database notification re-reads the window (it is live). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/mail.h"
#include "model/notify.h"
#include "ui/draw.h"
#include "ui/list_window.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "ui/widgets/list.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

enum { ACT_MARK_READ = ACT_VIEW_BASE, ACT_MARK_ALL_READ, ACT_MAIL_TOGGLE, ACT_MAIL_LANGUAGE };

struct nview {
	struct notify_list items;  /* the window, newest first */
	struct list list;
	char *filter;          /* the words of `/`, NULL: none; owned */
	struct list_window win; /* where the window stands: at the newest (of those
	                           the filter keeps), older ones after it */
	long unread;           /* every unread notification of the agent (the database's count) */
	struct my_mail mail;   /* the agent's own mail settings */
	bool mail_known;       /* mail was read (once, and after E) */
	int laid_w;            /* the width the items were laid out for, 0: lay out again */
};

/* The words go under the title, indented, on at most this many lines. */
enum { WORDS_INDENT = 4, WORDS_LINES = 3 };

static const struct keybinding notification_keys[] = {
	{ 'm', ACT_MARK_READ },
	{ 'M', ACT_MARK_ALL_READ },
	{ 'E', ACT_MAIL_TOGGLE },
	{ 'L', ACT_MAIL_LANGUAGE },
	{ 0, 0 },
};

static const struct action_info notification_actions[] = {
	{ ACT_OPEN, "open", N_("open the ticket (marks the notification read)") },
	{ ACT_MARK_READ, "mark-read", N_("mark the selected notification read") },
	{ ACT_MARK_ALL_READ, "mark-all-read", N_("mark every notification read; with a filter, every one it keeps") },
	{ ACT_MAIL_TOGGLE, "mail-toggle", N_("your notifications by mail as well: on or off") },
	{ ACT_MAIL_LANGUAGE, "mail-language", N_("the language of the mail sent to you: English or Spanish") },
	{ 0, NULL, NULL },
};

static struct nview *NV(struct view *v)
{
	return v->data;
}

static int nv_open(struct view *v, const char *arg)
{
	(void)arg;
	struct nview *nv = xcalloc(1, sizeof(*nv));
	notify_list_init(&nv->items);
	list_init(&nv->list);
	nv->win.at_start = true;
	v->data = nv;
	return 0;
}

static void nv_close(struct view *v)
{
	struct nview *nv = NV(v);
	list_done(&nv->list);
	notify_list_done(&nv->items);
	mail_mine_done(&nv->mail);
	free(nv->filter);
	free(nv);
}

static long long item_id(const void *rows, int i)
{
	return ((const struct notify_item *)rows)[i].id;
}

/* The agent's own mail settings, for the status line. */
static int mail_read(struct nview *nv, struct db *db, struct tt_error *err)
{
	mail_mine_done(&nv->mail);
	int rc = mail_mine_get(db, &nv->mail, err);
	nv->mail_known = rc == 0;
	return rc;
}

/* E turns notifications by mail on or off, L switches the language of
 * the mail ticketty sends the agent (English or Spanish); either re-reads
 * the settings and says what they are now. */
static unsigned mail_change(struct view *v, int action)
{
	struct nview *nv = NV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	if (!db || !nv->mail_known)
		return VR_HANDLED;
	tt_error_init(&err);
	int rc = action == ACT_MAIL_TOGGLE
		 ? mail_notifications_set(db, !nv->mail.notifications, &err)
		 : mail_language_set(db, strcmp(nv->mail.lang, "es") ? "es" : "en", &err);
	if (rc || mail_read(nv, db, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED | VR_REDRAW;
	}
	if (action == ACT_MAIL_LANGUAGE)
		screen_message(v->screen, _("mail to you is written in %s"), i18n_language_name(nv->mail.lang));
	else if (nv->mail.notifications)
		screen_message(v->screen, _("notifications by mail: to %s, in %s"),
			       nv->mail.email ? nv->mail.email : "-",
			       i18n_language_name(nv->mail.lang));
	else
		screen_message(v->screen, "%s", _("notifications by mail: off"));
	return VR_HANDLED | VR_REDRAW;
}

/* Draws (when paint) the words from screen row y, wrapped to w cells
 * from column x, on at most WORDS_LINES lines, rows before `from` and
 * from `to` on skipped; returns the lines they take. */
static int words_lines(const char *words, int y, int x, int w, int from, int to, bool paint,
		       enum style st)
{
	struct strbuf clean;
	int n = 0;
	sb_init(&clean);
	text_sanitize(&clean, words, strlen(words), draw_text_flags());
	const char *p = clean.buf;
	do {
		/* the last line takes the rest, cut by draw_text */
		size_t len = n + 1 < WORDS_LINES && w > 0 ? text_wrap_line(p, w) : strlen(p);
		if (paint && y + n >= from && y + n < to) {
			char *line = xstrndup(p, len);
			draw_blank(y + n, x - WORDS_INDENT, WORDS_INDENT, st);
			draw_text(y + n, x, w, line, st);
			free(line);
		}
		n++;
		p += len;
		while (*p == ' ')
			p++;
	} while (*p && n < WORDS_LINES);
	sb_done(&clean);
	return n;
}

/* Lays the items out for width w: each takes its title line and its
 * words' lines; an item's line in the list is its last, so the whole
 * block before it is kept in view with it (list_set_lines). */
static void lay_out(struct nview *nv, int w)
{
	int *at = xcalloc(nv->items.n + 1, sizeof(*at));
	int nlines = 0;
	for (size_t i = 0; i < nv->items.n; i++) {
		nlines += 1 + words_lines(nv->items.items[i].words, 0, 0, w - WORDS_INDENT, 0, 0, false,
					  STYLE_NORMAL);
		at[i] = nlines - 1;
	}
	list_set_lines(&nv->list, (int)nv->items.n, at, nlines);
	free(at);
	nv->laid_w = w;
}

/* ------------------------------------------------------------- window -- */

/* Notifications read at once: a screenful of lines holds fewer (each
 * takes two lines at least), so this many before and after the cursor
 * cover the next page either way. */
static int chunk(const struct nview *nv)
{
	return nv->list.height > 1 ? nv->list.height : 1;
}

static struct notify_key key_of(const struct notify_item *it)
{
	return (struct notify_key){ it->at_us, it->id };
}

/* The first line of item i's block (its title line). */
static int block_start(const struct nview *nv, int i)
{
	return i > 0 ? list_item_line(&nv->list, i - 1) + 1 : 0;
}

/* After the items changed: lays them out again (once the width is
 * known), the cursor on item sel, the view from line top (both kept
 * valid by the list). */
static void relay(struct nview *nv, int sel, int top)
{
	if (nv->laid_w > 0)
		lay_out(nv, nv->laid_w);
	else
		list_set(&nv->list, (int)nv->items.n, nv->list.height);
	nv->list.top = top > 0 ? top : 0;
	list_select(&nv->list, sel);
}

/* Reads up to `limit` notifications from the position into `out`;
 * false (error shown) when it failed. */
static bool fetch(struct view *v, enum notify_from from, const struct notify_key *key, int limit,
		  struct notify_list *out)
{
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	if (!db)
		return false;
	tt_error_init(&err);
	int rc = notify_mine_page(db, NV(v)->filter, from, key, limit, out, &err);
	if (rc)
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	return rc == 0;
}

/* The window's moves on a notify_list (ui/list_window.h). */
LIST_WINDOW_OPS(window_ops, notify_list);

/* g: the newest notifications; G: the oldest. */
static void load_end(struct view *v, bool last)
{
	struct nview *nv = NV(v);
	struct notify_list fresh;
	size_t want = 2 * (size_t)chunk(nv);
	notify_list_init(&fresh);
	if (fetch(v, last ? NOTIFY_LAST : NOTIFY_FIRST, NULL, (int)want + 1, &fresh)) {
		list_window_take(&nv->win, &window_ops, &nv->items, &fresh,
				 last ? LIST_WINDOW_END : LIST_WINDOW_START, want);
		/* G: the view as far down as it goes (the list stops it at the end) */
		relay(nv, last ? (int)nv->items.n - 1 : 0, last ? INT_MAX : 0);
	}
	notify_list_done(&fresh);
}

/* Older notifications after the window's last, when the cursor is within
 * a chunk of it; the window drops what lies more than a chunk before the
 * cursor once it holds three. */
static void extend_older(struct view *v)
{
	struct nview *nv = NV(v);
	struct notify_list next;
	int c = chunk(nv);
	if (!nv->win.more || !nv->items.n)
		return;
	notify_list_init(&next);
	struct notify_key k = key_of(&nv->items.items[nv->items.n - 1]);
	if (fetch(v, NOTIFY_AFTER, &k, c + 1, &next)) {
		int sel = nv->list.sel, top = nv->list.top;
		int drop = list_window_drop(&window_ops, &nv->items, &next, sel, c);
		if (drop > 0)
			top -= block_start(nv, drop);
		list_window_append(&nv->win, &window_ops, &nv->items, &next, c, drop);
		relay(nv, sel - drop, top);
	}
	notify_list_done(&next);
}

/* Newer notifications before the window's first, likewise. */
static void extend_newer(struct view *v)
{
	struct nview *nv = NV(v);
	struct notify_list prev;
	int c = chunk(nv);
	if (nv->win.at_start || !nv->items.n)
		return;
	notify_list_init(&prev);
	struct notify_key k = key_of(&nv->items.items[0]);
	if (fetch(v, NOTIFY_BEFORE, &k, c + 1, &prev)) {
		int sel = nv->list.sel, top = nv->list.top;
		int added = list_window_prepend(&nv->win, &window_ops, &nv->items, &prev, c, &sel);
		relay(nv, sel, 0);
		top += block_start(nv, added);
		relay(nv, sel, top);
	}
	notify_list_done(&prev);
}

/* Before the cursor moves: a chunk of notifications on either side of it,
 * where there are that many. */
static void ensure(struct view *v)
{
	struct nview *nv = NV(v);
	if ((int)nv->items.n - 1 - nv->list.sel < chunk(nv))
		extend_older(v);
	if (nv->list.sel < chunk(nv))
		extend_newer(v);
}

/* PgDn (dir 1) and PgUp (-1): the view moves by a screenful of lines,
 * the cursor to the first notification whose title is on screen; where
 * the view cannot move, to the last (first) notification. */
static void page(struct nview *nv, int dir)
{
	int n = (int)nv->items.n, max = nv->list.nlines - nv->list.height;
	int top = nv->list.top + dir * nv->list.height, i = 0;
	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	if (top == nv->list.top) {
		list_select(&nv->list, dir > 0 ? n - 1 : 0);
		return;
	}
	while (i < n - 1 && block_start(nv, i) < top)
		i++;
	nv->list.top = top;
	list_select(&nv->list, i);
}

/* Reads the window again from its first notification (the newest when it
 * starts there), the cursor kept on the same notification. */
static unsigned nv_reload(struct view *v)
{
	struct nview *nv = NV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	if (!db)
		return VR_REDRAW;
	tt_error_init(&err);
	if (!nv->mail_known && mail_read(nv, db, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
	}
	if (notify_unread_count(db, &nv->unread, &err) == 0)
		screen_set_unread(v->screen, nv->unread > 9999 ? 9999 : (int)nv->unread);
	tt_error_clear(&err);
	long long keep = list_selected_id(&nv->list, item_id, nv->items.items);
	int sel = nv->list.sel, top = nv->list.top;
	size_t want = nv->items.n > 2 * (size_t)chunk(nv) ? nv->items.n : 2 * (size_t)chunk(nv);
	enum notify_from from = nv->win.at_start || !nv->items.n ? NOTIFY_FIRST : NOTIFY_AT;
	struct notify_key k = nv->items.n ? key_of(&nv->items.items[0]) : (struct notify_key){ 0, 0 };
	struct notify_list fresh;
	notify_list_init(&fresh);
	if (!fetch(v, from, &k, (int)want + 1, &fresh)) {
		notify_list_done(&fresh);
		return VR_REDRAW;
	}
	if (from == NOTIFY_AT && !fresh.n) {
		/* every one from the window's first on was read: the oldest left */
		notify_list_done(&fresh);
		load_end(v, true);
		return VR_REDRAW;
	}
	list_window_take(&nv->win, &window_ops, &nv->items, &fresh,
			 from == NOTIFY_FIRST ? LIST_WINDOW_START : LIST_WINDOW_KEY, want);
	notify_list_done(&fresh);
	relay(nv, sel, top);
	list_reselect(&nv->list, keep, item_id, nv->items.items);
	return VR_REDRAW;
}

static unsigned nv_resize(struct view *v, int rows, int cols)
{
	struct nview *nv = NV(v);
	(void)cols;
	int grew = rows - 1 > nv->list.height;
	list_resize(&nv->list, rows - 1);
	/* taller: the window is read again for the larger chunks */
	return grew ? VR_RELOAD : VR_REDRAW;
}

static void nv_draw(struct view *v, const struct area *a)
{
	struct nview *nv = NV(v);
	char id[24];
	/* the time column holds the zone from 80 columns on ("2026-11-18
	 * 10:00 EST"); narrower, the title keeps its room and the zone goes */
	int wi = 8, ww = a->w >= 80 ? 22 : 17;

	for (int y = a->y; y < a->y + a->h; y++)
		draw_blank(y, a->x, a->w, STYLE_NORMAL);
	if (!nv->items.n) {
		/* nothing read is not nothing unread */
		draw_text(a->y, a->x, a->w, !screen_db(v->screen) ? _("(not connected to the database)")
					    : nv->filter ? _("No unread notification matches the filter.")
					    : _("No unread notifications."), STYLE_DIM);
		return;
	}
	if (nv->laid_w != a->w)
		lay_out(nv, a->w);
	int x = a->x;
	draw_text(a->y, x, ww, _("WHEN"), STYLE_HEADER);
	draw_text(a->y, x + ww, wi, _("TICKET"), STYLE_HEADER);
	draw_text(a->y, x + ww + wi, a->w - (ww + wi), _("TITLE"), STYLE_HEADER);
	list_place(&nv->list, a->y + 1);
	int top = nv->list.top, rows = nv->list.height < a->h - 1 ? nv->list.height : a->h - 1;
	struct strbuf at;
	sb_init(&at);
	for (int i = 0; i < (int)nv->items.n; i++) {
		int first = i ? list_item_line(&nv->list, i - 1) + 1 : 0;
		int last = list_item_line(&nv->list, i);
		if (last < top)
			continue;
		if (first >= top + rows)
			break;
		const struct notify_item *it = &nv->items.items[i];
		enum style st = list_style(&nv->list, i, !strcmp(it->kind, "emergency") ? STYLE_SEV1 : STYLE_NORMAL);
		int y = a->y + 1 + first - top, from = a->y + 1, to = a->y + 1 + rows;
		if (y >= from) {
			/* "2026-11-18T15:00:00+00" as "2026-11-18 10:00 EST", the desk's
			 * zone named (it showed the server's UTC as if it were the desk's) */
			sb_reset(&at);
			timefmt_append_cell(&at, it->created_at, ww - 1);
			if (it->ticket_id)
				snprintf(id, sizeof(id), "#%lld", it->ticket_id);
			else
				snprintf(id, sizeof(id), "-");
			draw_text(y, x, ww, at.buf, st);
			draw_text(y, x + ww, wi, id, st);
			draw_text(y, x + ww + wi, a->w - (ww + wi), it->title, st);
		}
		words_lines(it->words, y + 1, x + WORDS_INDENT, a->w - WORDS_INDENT, from, to, true, st);
	}
	sb_done(&at);
}

/* Marks the given ones read; with none given, every unread one the
 * filter keeps (all of them when there is no filter). */
static unsigned mark(struct view *v, const long long *ids, size_t n)
{
	struct db *db = screen_db(v->screen);
	const char *filter = NV(v)->filter;
	struct tt_error err;
	long count = 0;
	if (!db)
		return VR_HANDLED;
	tt_error_init(&err);
	int rc = !n && filter ? notify_mark_matching(db, filter, &count, &err)
			      : notify_mark_read(db, ids, n, &count, &err);
	if (rc) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED;
	}
	screen_message(v->screen, ngettext("%ld notification marked read", "%ld notifications marked read", count),
		       count);
	/* the status line's badge follows at once (it was read again only
	 * on a reload or the next notification, so it still counted these) */
	long unread = 0;
	if (notify_unread_count(db, &unread, &err) == 0)
		screen_set_unread(v->screen, unread > 9999 ? 9999 : (int)unread);
	tt_error_clear(&err);
	return VR_HANDLED | VR_RELOAD;
}

/* The words of `/` were given: an empty text, or Esc (NULL), shows every
 * notification again. */
static unsigned filter_done(struct view *v, const char *text, void *arg)
{
	struct nview *nv = NV(v);
	(void)arg;
	if (!text || text_blank(text)) {
		if (!nv->filter)
			return VR_HANDLED;
		free(nv->filter);
		nv->filter = NULL;
	} else {
		free(nv->filter);
		nv->filter = xstrdup(text);
	}
	load_end(v, false);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned nv_action(struct view *v, int action)
{
	struct nview *nv = NV(v);
	switch (action) {
	case ACT_UP:
	case ACT_DOWN:
		ensure(v);
		list_action(&nv->list, action);
		return VR_HANDLED | VR_REDRAW;
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		ensure(v);
		page(nv, action == ACT_PAGE_DOWN ? 1 : -1);
		return VR_HANDLED | VR_REDRAW;
	case ACT_FIRST:
	case ACT_LAST:
		load_end(v, action == ACT_LAST);
		return VR_HANDLED | VR_REDRAW;
	case ACT_SEARCH:
		screen_prompt(v->screen, v, _("Filter (words of the title or the text): "), nv->filter,
			      filter_done, NULL);
		return VR_HANDLED;
	default:
		break;
	}
	const struct notify_item *it = nv->list.sel >= 0 && (size_t)nv->list.sel < nv->items.n
					       ? &nv->items.items[nv->list.sel] : NULL;
	switch (action) {
	case ACT_OPEN: {
		if (!it)
			return VR_HANDLED;
		long long ticket = it->ticket_id;
		unsigned r = mark(v, &it->id, 1);
		if (!ticket)
			return r;
		char arg[24];
		snprintf(arg, sizeof(arg), "%lld", ticket);
		/* the list is read again when the ticket view closes */
		v->stale = true;
		return view_request_open(v, "ticket", arg);
	}
	case ACT_MARK_READ:
		return it ? mark(v, &it->id, 1) : VR_HANDLED;
	case ACT_MARK_ALL_READ:
		return nv->items.n ? mark(v, NULL, 0) : VR_HANDLED;
	case ACT_MAIL_TOGGLE:
	case ACT_MAIL_LANGUAGE:
		return mail_change(v, action);
	default:
		return VR_UNHANDLED;
	}
}

static unsigned nv_mouse(struct view *v, const struct mouse_event *m)
{
	unsigned r = list_view_mouse(&NV(v)->list, v, m);
	ensure(v);
	return r;
}

static unsigned nv_notify(struct view *v, long long ticket, const char *kind)
{
	(void)v;
	(void)ticket;
	(void)kind;
	return VR_RELOAD;
}

static void nv_status(struct view *v, struct strbuf *out)
{
	struct nview *nv = NV(v);
	/* a count never read (opened while the database is unavailable) is
	 * not said as 0: the list says it is not connected */
	if (screen_db(v->screen) || nv->items.n)
		sb_addf(out, ngettext("%ld unread", "%ld unread", (unsigned long)nv->unread), nv->unread);
	if (nv->filter) {
		sb_add(out, out->len ? ", " : "");
		sb_addf(out, _("text \"%s\""), nv->filter);
	}
	if (nv->mail_known)
		sb_addf(out, "  %s", nv->mail.notifications ? !strcmp(nv->mail.lang, "es") ? _("mail: on, Spanish")
										   : _("mail: on, English")
							    : _("mail: off"));
}

static void nv_help(struct view *v, struct strbuf *out)
{
	(void)v;
	sb_add(out, _("Your unread notifications, newest first. / keeps those with every word typed\n"
		      "in the ticket's title or number, the name of who acted or what they wrote\n"
		      "(a reason, a note); an empty filter shows them all again.\n"));
}

const struct view_ops view_notifications_ops = {
	.name = "notifications",
	.title = N_("Notifications"),
	.keys = notification_keys,
	.actions = notification_actions,
	.open = nv_open,
	.close = nv_close,
	.reload = nv_reload,
	.draw = nv_draw,
	.action = nv_action,
	.resize = nv_resize,
	.notify = nv_notify,
	.status = nv_status,
	.help = nv_help,
	.mouse = nv_mouse,
};
