/* The queue view, ticketty's start screen: open tickets in the order that
 * says what needs attention first, one screenful (plus a small
 * read-ahead) fetched by keyset (ui/keyset_window.h), quick filters that
 * combine, a text filter, and live refresh that keeps the cursor on the
 * same ticket. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/queue.h"
#include "model/ticket.h"
#include "ui/draw.h"
#include "ui/keyset_window.h"
#include "ui/layout.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "ui/widgets/list.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/duration.h"
#include "util/monotime.h"
#include "util/xalloc.h"

enum col { C_ID, C_SEV, C_SLA, C_STATUS, C_CUSTOMER, C_TEAM, C_ASSIGNEE, C_ESC, C_TITLE, NCOLS };

/* Titles are translated when drawn. The title, the most telling column,
 * keeps 30 cells: at 80 columns the team and the assignee give way (the
 * detail lines under the table show them for the selected row). */
static const struct layout_column columns[NCOLS] = {
	[C_ID] = { N_("ID"), 4, 7, 0, true },
	[C_SEV] = { N_("SEV"), 6, 10, 0, false },
	[C_SLA] = { N_("SLA"), 9, 20, 1, false },
	[C_STATUS] = { N_("STATUS"), 10, 22, 2, false },
	[C_CUSTOMER] = { N_("CUSTOMER"), 10, 22, 3, false },
	[C_TEAM] = { N_("TEAM"), 10, 17, 6, false },
	[C_ASSIGNEE] = { N_("ASSIGNEE"), 10, 16, 5, false },
	[C_ESC] = { N_("ESC"), 3, 3, 4, true },
	[C_TITLE] = { N_("TITLE"), 30, 0, 0, false },
};

/* Lines under the table that show the selected row in full. */
#define DETAIL_LINES 2

struct qview {
	struct queue_filter filter;
	struct queue_page page;   /* the window's rows: on screen, then the read-ahead */
	struct queue_page spare;  /* what the window's reads fill */
	struct keyset_window win; /* moves `page` by keyset, and the cursor over it */
	int width;
	int widths[NCOLS];
	/* the database's clock = monotonic µs + db_offset (set at each read),
	 * so the figures count down from tt_now(), never the client's wall clock */
	long long db_offset;
	bool have_offset;
	bool detail;              /* the detail lines are shown (tall enough) */
};

static const struct keybinding queue_keys[] = {
	{ 'm', ACT_FILTER_MINE },
	{ 'u', ACT_FILTER_UNASSIGNED },
	{ 'T', ACT_FILTER_TEAM },
	{ 'b', ACT_FILTER_BREACHED },
	{ 'w', ACT_FILTER_WAITING },
	{ 'f', ACT_FILTER_FOLLOWING },
	{ 'A', ACT_FILTER_ALL },
	{ 'C', ACT_FILTER_CLEAR },
	{ 'a', ACT_ACKNOWLEDGE },
	{ 'r', ACT_REPLY },
	{ 'c', ACT_NOTE },
	{ 't', ACT_TAKE },
	{ 'N', ACT_TAKE_NEXT },
	{ '@', ACT_ASSIGN },
	{ 's', ACT_STATUS },
	{ 'e', ACT_ESCALATE },
	{ 0, 0 },
};

static struct qview *Q(struct view *v)
{
	return v->data;
}

static const struct queue_row *selected(const struct qview *q)
{
	int i = keyset_window_selected(&q->win);
	return i >= 0 ? &q->page.rows[i] : NULL;
}

/* ------------------------------------------------------------- window -- */

static long long row_id(const void *page, int i)
{
	return ((const struct queue_page *)page)->rows[i].key.id;
}

/* Runs one read of the window (ui/keyset_window.h) into `out`; false
 * (error shown) when it failed. */
static bool fetch(void *view, const struct keyset_read *r, void *out)
{
	static const enum queue_from from[] = {
		[KEYSET_FIRST] = QUEUE_FIRST, [KEYSET_LAST] = QUEUE_LAST, [KEYSET_AFTER] = QUEUE_AFTER,
		[KEYSET_BEFORE] = QUEUE_BEFORE, [KEYSET_AT] = QUEUE_AT,
	};
	struct view *v = view;
	struct qview *q = Q(v);
	struct queue_page *page = out;
	struct tt_error err;
	struct db *db = screen_db(v->screen);

	if (!db)
		return false;
	struct queue_key k, *key = NULL;
	if (r->from != KEYSET_FIRST && r->from != KEYSET_LAST) {
		k = q->page.rows[r->at].key;
		key = &k;
	}
	tt_error_init(&err);
	long long sent = monotime_us();
	int rc = queue_fetch(db, &q->filter, from[r->from], key, r->limit, page, &err);
	if (rc) {
		screen_error(v->screen, &err);
		/* a failed read of the window's own place leaves no rows (nor a
		 * clock to read again for at the next tick) */
		if (r->from != KEYSET_AFTER && r->from != KEYSET_BEFORE)
			queue_page_clear(&q->page);
	} else if (page->n > 0) {
		q->db_offset = page->rows[0].now_us - sent;
		q->have_offset = true;
	}
	tt_error_clear(&err);
	return rc == 0;
}

LIST_WINDOW_OPS(page_ops, queue_page);

static const struct keyset_window_ops window_ops = { &page_ops, row_id, fetch };

/* ---------------------------------------------------------------- ops -- */

static int qv_open(struct view *v, const char *arg)
{
	(void)arg;
	struct qview *q = xcalloc(1, sizeof(*q));
	queue_filter_init(&q->filter);
	queue_page_init(&q->page);
	queue_page_init(&q->spare);
	keyset_window_init(&q->win, &window_ops, v, &q->page, &q->spare);
	v->data = q;
	return 0;
}

static void qv_close(struct view *v)
{
	struct qview *q = Q(v);
	queue_filter_done(&q->filter);
	keyset_window_done(&q->win);
	queue_page_done(&q->page);
	queue_page_done(&q->spare);
	free(q);
}

static unsigned qv_reload(struct view *v)
{
	keyset_window_reload(&Q(v)->win);
	return VR_REDRAW;
}

static unsigned qv_resize(struct view *v, int rows, int cols)
{
	struct qview *q = Q(v);
	int detail = rows >= 8 ? DETAIL_LINES : 0;
	q->detail = detail > 0;
	keyset_window_resize(&q->win, rows - 1 - detail);
	q->width = cols;
	layout_columns(columns, NCOLS, cols, q->widths);
	return VR_RELOAD;
}

static unsigned qv_notify(struct view *v, long long ticket, const char *kind)
{
	(void)v;
	(void)ticket;
	(void)kind;
	return VR_RELOAD;
}

static unsigned toggle(struct view *v, bool *flag)
{
	struct qview *q = Q(v);
	*flag = !*flag;
	keyset_window_move(&q->win, ACT_FIRST);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned filter_done(struct view *v, const char *text, void *arg)
{
	struct qview *q = Q(v);
	(void)arg;
	if (!text)
		return VR_HANDLED;
	free(q->filter.text);
	q->filter.text = *text ? xstrdup(text) : NULL;
	keyset_window_move(&q->win, ACT_FIRST);
	return VR_HANDLED | VR_REDRAW;
}

/* `t`: takes the selected ticket at the version the row shows. */
static unsigned take(struct view *v)
{
	struct qview *q = Q(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0;

	const struct queue_row *r = selected(q);
	if (!db || !r)
		return VR_HANDLED;
	tt_error_init(&err);
	if (ticket_take(db, r->key.id, r->version, &ver, &err))
		screen_error(v->screen, &err);
	else
		screen_message(v->screen, _("ticket %lld is yours"), r->key.id);
	tt_error_clear(&err);
	return VR_HANDLED | VR_RELOAD;
}

/* `N`: claims the most urgent unassigned ticket of the caller's team
 * (the database skips tickets others are claiming) and opens it. */
static unsigned take_next(struct view *v)
{
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long long id = 0;
	char arg[32];

	if (!db)
		return VR_HANDLED;
	tt_error_init(&err);
	int rc = ticket_take_next(db, NULL, &id, &err);
	if (rc)
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	if (rc)
		return VR_HANDLED | VR_REDRAW;
	if (!id) {
		screen_message(v->screen, "%s", _("no unassigned open ticket is left in your team"));
		return VR_HANDLED | VR_RELOAD;
	}
	screen_message(v->screen, _("ticket %lld is yours"), id);
	snprintf(arg, sizeof(arg), "%lld", id);
	return view_request_open(v, "ticket", arg) | VR_RELOAD;
}

static unsigned qv_action(struct view *v, int action)
{
	struct qview *q = Q(v);
	char id[64];

	if (keyset_window_move(&q->win, action))
		return VR_HANDLED | VR_REDRAW;
	switch (action) {
	case ACT_OPEN:
		if (!selected(q))
			return VR_HANDLED;
		snprintf(id, sizeof(id), "%lld", selected(q)->key.id);
		return view_request_open(v, "ticket", id);
	case ACT_TAKE:
		return take(v);
	case ACT_TAKE_NEXT:
		return take_next(v);
	case ACT_ACKNOWLEDGE:
	case ACT_REPLY:
	case ACT_NOTE:
	case ACT_STATUS:
	case ACT_ESCALATE:
	case ACT_ASSIGN:
		/* done in the ticket view, so the user sees what they act on */
		if (!selected(q))
			return VR_HANDLED;
		snprintf(id, sizeof(id), "%lld", selected(q)->key.id);
		return view_request_action(v, "ticket", id, action);
	case ACT_SEARCH:
		screen_prompt(v->screen, v, _("Filter (title or customer): "), q->filter.text,
			      filter_done, NULL);
		return VR_HANDLED;
	case ACT_FILTER_MINE:
		return toggle(v, &q->filter.mine);
	case ACT_FILTER_UNASSIGNED:
		return toggle(v, &q->filter.unassigned);
	case ACT_FILTER_TEAM:
		return toggle(v, &q->filter.my_team);
	case ACT_FILTER_BREACHED:
		return toggle(v, &q->filter.breached);
	case ACT_FILTER_WAITING:
		return toggle(v, &q->filter.waiting);
	case ACT_FILTER_FOLLOWING:
		return toggle(v, &q->filter.following);
	case ACT_FILTER_ALL:
		return toggle(v, &q->filter.all_states);
	case ACT_FILTER_CLEAR:
		queue_filter_done(&q->filter);
		keyset_window_move(&q->win, ACT_FIRST);
		return VR_HANDLED | VR_REDRAW;
	default:
		return VR_UNHANDLED;
	}
}

/* A click selects, a double click opens; the wheel moves the window by
 * keyset, the cursor staying on its ticket while it is on screen. */
static unsigned qv_mouse(struct view *v, const struct mouse_event *m)
{
	struct qview *q = Q(v);
	if (m->kind == MOUSE_WHEEL_DOWN || m->kind == MOUSE_WHEEL_UP) {
		keyset_window_wheel(&q->win, m->kind == MOUSE_WHEEL_DOWN);
		return VR_HANDLED | VR_REDRAW;
	}
	return list_view_mouse(&q->win.cur, v, m);
}

/* The SLA cell reads without colour: a marker ("!!" breached or missed,
 * "!" at risk), the state, and the time left on the ticket's own clock
 * ("-" once overdue), in words with its clock ("2 d 3 h business",
 * "45 minutes round the clock") where the width allows, else compactly
 * ("2d3h"; the detail line names the clock); the state word goes first
 * when the column is narrow. */
static long long db_now(const struct qview *q)
{
	return q->have_offset ? monotime_us() + q->db_offset : 0;
}

static void sla_text(const struct queue_row *r, long long now_us, int width, struct strbuf *out)
{
	const char *st;
	long long due_in;
	struct strbuf span, bare, coarse;
	size_t start = out->len;

	queue_row_figure(r, now_us, &st, &due_in);
	sb_init(&span);
	sb_init(&bare);
	sb_init(&coarse);
	if (r->has_due) {
		enum duration_clock c = r->business ? DURATION_BUSINESS : DURATION_WALL;
		duration_words(&span, due_in, c, r->day_secs);
		duration_compact(&bare, due_in, c, r->day_secs);
		duration_coarse(&coarse, due_in, c, r->day_secs);
	}
	if (!strcmp(st, "breached") || !strcmp(st, "missed"))
		sb_add(out, "!! ");
	else if (!strcmp(st, "at_risk"))
		sb_add(out, "! ");
	size_t marker = out->len;
	/* widest first: state and figure with its clock, then the state and
	 * the bare figure, then the figure alone (the detail line says which
	 * clock runs) */
	sb_add(out, *st ? i18n_term("sla_state", st) : "-");
	size_t state_end = out->len;
	if (span.len)
		sb_addf(out, " %s", span.buf);
	if (span.len && text_width(out->buf + start) > width) {
		sb_truncate(out, state_end);
		sb_addf(out, " %s", bare.buf);
	}
	if (span.len && text_width(out->buf + start) > width) {
		sb_truncate(out, marker);
		sb_add(out, bare.buf);
	}
	if (span.len && text_width(out->buf + start) > width) {
		sb_truncate(out, marker);   /* the largest unit alone, not cut: "!! -17d" */
		sb_add(out, coarse.buf);
	}
	sb_done(&span);
	sb_done(&bare);
	sb_done(&coarse);
}

static void draw_row(struct qview *q, int row, int y, int x)
{
	const struct queue_row *r = &q->page.rows[row];
	char id[24], sev[64], esc[16];
	struct strbuf sla;
	snprintf(id, sizeof(id), "%lld", r->key.id);
	layout_severity(sev, sizeof(sev), r->key.severity,
			i18n_severity_name(r->key.severity),
			i18n_severity_short(r->key.severity), q->widths[C_SEV]);
	if (r->escalation > 0)
		/* TRANSLATORS: escalation level in the 3-cell ESC column, "L1" = level 1. */
		snprintf(esc, sizeof(esc), _("L%d"), r->escalation);
	else
		esc[0] = '\0';
	const char *state;
	long long due_in;
	long long now_us = db_now(q);
	queue_row_figure(r, now_us, &state, &due_in);
	sb_init(&sla);
	sla_text(r, now_us, q->widths[C_SLA], &sla);
	const char *cells[NCOLS] = {
		[C_ID] = id,
		[C_SEV] = sev,
		[C_SLA] = sla.buf,
		[C_STATUS] = layout_label(i18n_term("status", r->status), i18n_term("status_short", r->status),
					  q->widths[C_STATUS]),
		[C_CUSTOMER] = r->customer,
		[C_TEAM] = i18n_db(r->team),
		[C_ASSIGNEE] = r->assignee,
		[C_ESC] = esc,
		[C_TITLE] = r->title,
	};
	for (int c = 0; c < NCOLS; c++) {
		if (q->widths[c] <= 0)
			continue;
		int cx = x + layout_offset(q->widths, c);
		/* the selection marks the id and the gap after it, not the
		 * whole row: a cursor move then rewrites a few cells of two
		 * rows, not both rows (a slow link, issue 17) */
		enum style normal = c == C_SEV ? draw_severity_style(r->key.severity)
				    : c == C_SLA ? draw_sla_style(state) : STYLE_NORMAL;
		enum style st = c == C_ID ? list_style(&q->win.cur, row, normal) : normal;
		if (columns[c].right) {
			struct strbuf sb;
			sb_init(&sb);
			layout_row(&sb, &columns[c], 1, &q->widths[c], &cells[c], draw_text_flags());
			draw_text(y, cx, q->widths[c], sb.buf, st);
			sb_done(&sb);
		} else {
			draw_text(y, cx, q->widths[c], cells[c], st);
		}
		/* the separator after the cell */
		int end = cx + q->widths[c];
		if (end < x + q->width)
			draw_blank(y, end, 1, c == C_ID ? st : draw_gap_style(st, STYLE_NORMAL));
	}
	sb_done(&sla);
	int used = layout_offset(q->widths, NCOLS) - 1;
	if (used < q->width)
		draw_blank(y, x + used, q->width - used, STYLE_NORMAL);
}

/* The selected row in full under the table: its id and whole title, then
 * status, the SLA figure with its clock, customer, assignee, team and
 * severity (ticketty's own separators in ASCII on a non-UTF-8 terminal). */
static void draw_detail(struct qview *q, int y, int x, int w)
{
	struct strbuf l1, l2;
	const char *sep = draw_text_flags() & TEXT_ASCII ? " | " : " \u00b7 ";

	sb_init(&l1);
	sb_init(&l2);
	const struct queue_row *r = selected(q);
	if (r) {
		char key[16];
		snprintf(key, sizeof(key), "%d", r->key.severity);
		sb_addf(&l1, "#%lld ", r->key.id);
		sb_add(&l1, r->title);
		sb_add(&l2, i18n_term("status", r->status));
		sb_add(&l2, sep);
		sb_add(&l2, _("SLA"));
		sb_addc(&l2, ' ');
		sla_text(r, db_now(q), 1000, &l2);
		if (r->fr_missed) {  /* the running figure alone would hide it */
			sb_add(&l2, sep);
			sb_add(&l2, _("FR missed"));
		}
		sb_add(&l2, sep);
		sb_add(&l2, r->customer);
		sb_add(&l2, sep);
		sb_add(&l2, r->assignee && *r->assignee ? r->assignee : _("unassigned"));
		sb_add(&l2, sep);
		sb_add(&l2, i18n_db(r->team));
		if (r->key.severity >= 1 && r->key.severity <= 4) {
			sb_add(&l2, sep);
			sb_addf(&l2, "%d %s", r->key.severity, i18n_severity_name(r->key.severity));
		}
	}
	draw_text(y, x, w, l1.buf, STYLE_NORMAL);
	draw_text(y + 1, x, w, l2.buf, STYLE_DIM);
	sb_done(&l1);
	sb_done(&l2);
}

static void qv_draw(struct view *v, const struct area *a)
{
	struct qview *q = Q(v);
	const char *titles[NCOLS];
	struct strbuf sb;

	for (int c = 0; c < NCOLS; c++)
		titles[c] = _(columns[c].title);
	sb_init(&sb);
	layout_row(&sb, columns, NCOLS, q->widths, titles, draw_text_flags());
	draw_text(a->y, a->x, a->w, sb.buf, STYLE_HEADER);
	sb_done(&sb);
	int shown = keyset_window_visible(&q->win);
	int detail = a->h >= 8 ? DETAIL_LINES : 0;
	if (detail)
		draw_detail(q, a->y + a->h - detail, a->x, a->w);
	list_place(&q->win.cur, a->y + 1);
	for (int i = 0; i < a->h - 1 - detail; i++) {
		int y = a->y + 1 + i;
		if (i < shown) {
			draw_row(q, i, y, a->x);
		} else if (i == 0 && shown == 0) {
			const char *msg = !screen_db(v->screen) ? _("(not connected to the database)")
					  : queue_filter_empty(&q->filter) ? _("(no open tickets)")
					  : _("(no ticket matches the filters)");
			draw_text(y, a->x, a->w, msg, STYLE_DIM);
		} else {
			draw_blank(y, a->x, a->w, STYLE_NORMAL);
		}
	}
}

static void qv_status(struct view *v, struct strbuf *out)
{
	struct qview *q = Q(v);
	const struct queue_filter *f = &q->filter;
	size_t start = out->len;

	if (f->text)
		sb_addf(out, _("text \"%s\""), f->text);
#define FLAG(cond, label) \
	if (cond) \
		sb_addf(out, "%s%s", out->len > start ? ", " : "", label)
	FLAG(f->mine, _("mine"));
	FLAG(f->unassigned, _("unassigned"));
	FLAG(f->my_team, _("my team"));
	FLAG(f->breached, _("breached"));
	FLAG(f->waiting, _("waiting"));
	FLAG(f->following, _("following"));
	FLAG(f->all_states, _("all states"));
#undef FLAG
	if (out->len > start) {
		struct strbuf tmp;
		sb_init(&tmp);
		sb_addf(&tmp, _("filters: %s"), out->buf + start);
		sb_truncate(out, start);
		sb_add(out, tmp.buf);
		sb_done(&tmp);
	} else {
		sb_add(out, f->all_states ? _("all tickets") : _("all open tickets"));
	}
	if (selected(q) && !q->detail)
		/* else the detail line names it (a byte-cheap move: issue 17) */
		sb_addf(out, "  #%lld", selected(q)->key.id);
	if (q->win.at_start && !q->win.more)
		sb_addf(out, "  %s", _("(all shown)"));
	else if (q->win.at_start)
		sb_addf(out, "  %s", _("(top)"));
	else if (!q->win.more)
		sb_addf(out, "  %s", _("(end)"));
}

static void qv_help(struct view *v, struct strbuf *out)
{
	(void)v;
	sb_add(out, _("Open tickets by severity, running clocks before paused ones, then the next\n"
		      "running deadline; the SLA column counts down to that deadline.\n"
		      "Quick filters combine with each other and with the / text filter.\n"));
}

/* The clock moved: the figures count down; when a visible row reaches an
 * instant that changes it (at risk, breached, a business clock opening or
 * closing) the page is read again, so the row takes its new place. */
static unsigned qv_tick(struct view *v, long long *wake_ms)
{
	struct qview *q = Q(v);
	long long now = db_now(q);
	long long next = QUEUE_DUE_NONE;

	if (!q->have_offset)
		return VR_UNHANDLED;
	for (int i = 0; i < keyset_window_visible(&q->win); i++) {
		long long t = queue_row_next_event(&q->page.rows[i]);
		if (t != QUEUE_DUE_NONE && t <= now)
			return VR_RELOAD;
		if (t < next)
			next = t;
	}
	if (next != QUEUE_DUE_NONE) {
		/* wake just after the instant, on the monotonic clock */
		long long at = (next - q->db_offset) / 1000 + 1;
		if (at < *wake_ms)
			*wake_ms = at;
	}
	return VR_REDRAW;
}

const struct view_ops view_queue_ops = {
	.name = "queue",
	.title = N_("Queue"),
	.keys = queue_keys,
	.open = qv_open,
	.close = qv_close,
	.reload = qv_reload,
	.draw = qv_draw,
	.action = qv_action,
	.resize = qv_resize,
	.notify = qv_notify,
	.status = qv_status,
	.help = qv_help,
	.tick = qv_tick,
	.mouse = qv_mouse,
};
