/* The lead's dashboard (`4`, DESIGN.md §12): SLA attainment of each clock
 * over the last 12 weeks as sparklines, the open backlog by severity and
 * age, escalations waiting at each level, the teams and customers with the
 * most breaches, and the oldest open tickets (Enter opens the selected
 * one). Filters: team, plan, severity, customer. Every figure comes from
 * the rollups (model/report.h), so a repaint costs the same at any size;
 * it reloads on every database notification like the other views, and on
 * an idle screen when the clock moves a figure: at the instant the next
 * deadline falls due (past due grows with nothing written), and every
 * minute (the ages, the day and the week). Block characters, or ASCII
 * when the terminal is not UTF-8. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/escalation.h"
#include "model/report.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "ui/widgets/list.h"
#include "util/chart.h"
#include "util/i18n.h"
#include "util/monotime.h"
#include "util/text.h"
#include "util/xalloc.h"

enum {
	ACT_DASH_TEAM = ACT_VIEW_BASE + 1,
	ACT_DASH_PLAN,
	ACT_DASH_SEVERITY,
	ACT_DASH_CUSTOMER,
};

enum filter_field { FF_TEAM, FF_PLAN, FF_SEVERITY, FF_CUSTOMER, NFILTERS };

/* An idle dashboard reads again at least this often (ms): escalation and
 * ticket ages are shown to the minute, and days and weeks turn. */
enum { DASH_REFRESH_MS = 60000 };

struct dview {
	struct dash dash;
	bool loaded;
	char *filter[NFILTERS];   /* owned, NULL = all */
	struct list oldest;       /* the oldest tickets' cursor (the rows on screen) */
	long long wake;           /* monotonic ms of the next read on an idle screen */
};

static const struct keybinding dashboard_keys[] = {
	{ 't', ACT_DASH_TEAM },
	{ 'p', ACT_DASH_PLAN },
	{ 's', ACT_DASH_SEVERITY },
	{ 'c', ACT_DASH_CUSTOMER },
	{ 'x', ACT_FILTER_CLEAR },
	{ 0, 0 },
};

static const struct action_info dashboard_actions[] = {
	{ ACT_OPEN, "open", N_("open the selected oldest ticket") },
	{ ACT_DASH_TEAM, "filter-team", N_("filter by team (asks; empty = every team)") },
	{ ACT_DASH_PLAN, "filter-plan", N_("filter by plan (asks; empty = both)") },
	{ ACT_DASH_SEVERITY, "filter-severity", N_("filter by severity (asks; empty = all)") },
	{ ACT_DASH_CUSTOMER, "filter-customer", N_("filter by customer (asks; empty = all)") },
	{ ACT_FILTER_CLEAR, "filter-clear", N_("clear every filter") },
	{ 0, NULL, NULL },
};

static struct dview *D(struct view *v)
{
	return v->data;
}

static bool ascii(void)
{
	return draw_text_flags() != 0;
}

static long long oldest_id(const void *rows, int i)
{
	return ((const struct dash_ticket *)rows)[i].id;
}

/* Reads every figure; a refused filter is taken back (the message names it). */
static int load(struct view *v)
{
	struct dview *d = D(v);
	long long keep = list_selected_id(&d->oldest, oldest_id, d->dash.oldest);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	struct report_filter f = {
		.team = d->filter[FF_TEAM],
		.plan = d->filter[FF_PLAN],
		.customer = d->filter[FF_CUSTOMER],
		.severity = d->filter[FF_SEVERITY] ? atoi(d->filter[FF_SEVERITY]) : 0,
	};
	int rc;

	if (!db)
		return 69;
	tt_error_init(&err);
	rc = dash_load(db, &f, &d->dash, &err);
	if (rc)
		screen_error(v->screen, &err);
	d->loaded = rc == 0;
	tt_error_clear(&err);
	/* read again when the next deadline falls due (just after), or in a
	 * minute */
	long long now = monotime_ms();
	d->wake = now + DASH_REFRESH_MS;
	if (rc == 0 && d->dash.next_due_ms >= 0 && now + d->dash.next_due_ms + 1 < d->wake)
		d->wake = now + d->dash.next_due_ms + 1;
	/* at most the rows the last draw showed (it sets them again) */
	int n = d->dash.noldest < d->oldest.height ? d->dash.noldest : d->oldest.height;
	list_set(&d->oldest, n, d->oldest.height);
	list_reselect(&d->oldest, keep, oldest_id, d->dash.oldest);
	return rc;
}

/* ---------------------------------------------------------------- filters -- */

static unsigned filter_done(struct view *v, const char *text, void *arg)
{
	struct dview *d = D(v);
	int field = (int)(long)arg;
	char *before;

	if (!text)
		return VR_HANDLED;
	while (*text == ' ')
		text++;
	if (field == FF_SEVERITY && *text && (text[1] || text[0] < '1' || text[0] > '4')) {
		screen_error_msg(v->screen, "%s", _("severity: must be 1, 2, 3 or 4"));
		return VR_HANDLED;
	}
	before = d->filter[field];
	d->filter[field] = *text ? xstrdup(text) : NULL;
	if (load(v) == 65) {
		/* the database refused it: back to what worked */
		free(d->filter[field]);
		d->filter[field] = before;
		load(v);
	} else {
		free(before);
	}
	return VR_HANDLED | VR_REDRAW;
}

static void ask(struct view *v, int field)
{
	static const char *const labels[NFILTERS] = {
		N_("Team (key or name, empty = all): "),
		N_("Plan (premium or basic, empty = both): "),
		N_("Severity (1-4, empty = all): "),
		N_("Customer (name, empty = all): "),
	};
	screen_prompt(v->screen, v, _(labels[field]), D(v)->filter[field], filter_done, (void *)(long)field);
}

/* ------------------------------------------------------------------- ops -- */

static int dv_open(struct view *v, const char *arg)
{
	(void)arg;
	struct dview *d = xcalloc(1, sizeof(*d));
	dash_init(&d->dash);
	list_init(&d->oldest);
	list_set(&d->oldest, 0, DASH_TOP);
	v->data = d;
	return 0;
}

static void dv_close(struct view *v)
{
	struct dview *d = D(v);
	dash_done(&d->dash);
	list_done(&d->oldest);
	for (int i = 0; i < NFILTERS; i++)
		free(d->filter[i]);
	free(d);
}

static unsigned dv_reload(struct view *v)
{
	load(v);
	return VR_REDRAW;
}

static unsigned dv_notify(struct view *v, long long ticket, const char *kind)
{
	(void)v;
	(void)ticket;
	(void)kind;
	return VR_RELOAD;
}

static unsigned dv_action(struct view *v, int action)
{
	struct dview *d = D(v);
	int sel = d->oldest.sel;
	char id[32];

	if (list_action(&d->oldest, action))
		return VR_HANDLED | VR_REDRAW;
	switch (action) {
	case ACT_OPEN:
		if (sel < 0 || sel >= d->dash.noldest)
			return VR_HANDLED;
		snprintf(id, sizeof(id), "%lld", d->dash.oldest[sel].id);
		return view_request_open(v, "ticket", id);
	case ACT_DASH_TEAM:
		ask(v, FF_TEAM);
		return VR_HANDLED;
	case ACT_DASH_PLAN:
		ask(v, FF_PLAN);
		return VR_HANDLED;
	case ACT_DASH_SEVERITY:
		ask(v, FF_SEVERITY);
		return VR_HANDLED;
	case ACT_DASH_CUSTOMER:
		ask(v, FF_CUSTOMER);
		return VR_HANDLED;
	case ACT_FILTER_CLEAR:
		for (int i = 0; i < NFILTERS; i++) {
			free(d->filter[i]);
			d->filter[i] = NULL;
		}
		load(v);
		break;
	default:
		return VR_UNHANDLED;
	}
	return VR_HANDLED | VR_REDRAW;
}

/* The clock moved (idle screen): read again at the instant load() set. */
static unsigned dv_tick(struct view *v, long long *wake_ms)
{
	struct dview *d = D(v);
	if (!d->wake)
		return 0;
	if (monotime_ms() >= d->wake)
		return VR_RELOAD;
	if (d->wake < *wake_ms)
		*wake_ms = d->wake;
	return 0;
}

static unsigned dv_mouse(struct view *v, const struct mouse_event *m)
{
	return list_view_mouse(&D(v)->oldest, v, m);
}

/* ------------------------------------------------------------------ paint -- */

/* Appends "12.3%" (Spanish "12,3 %"; "-" when nothing was decided),
 * right-aligned in `width`. */
static void add_pct(struct strbuf *sb, long long met, long long missed, int width)
{
	char num[16], shown[48];
	const char *text = "-";
	if (met + missed > 0) {
		snprintf(num, sizeof(num), "%.1f", 100.0 * (double)met / (double)(met + missed));
		text = i18n_percent(shown, sizeof(shown), num);
	}
	for (int w = text_width(text); w < width; w++)
		sb_addc(sb, ' ');
	sb_add(sb, text);
}

static void draw_sla(const struct dview *d, int y, int x, int w)
{
	static const char *const names[DASH_CLOCKS] = {
		N_("first response"), N_("update cadence"), N_("resolution"),
	};
	const struct dash *ds = &d->dash;
	struct strbuf sb;
	int cells = ds->nweeks ? 24 / ds->nweeks : 2;
	/* "100.0%", or Spanish "100,0 %" a cell wider: the second column
	 * then moves "missed" a cell right; the first has the room of the
	 * blank before it */
	int pct_w = i18n_percent_width() > 6 ? i18n_percent_width() : 6;

	sb_init(&sb);
	text_fit(&sb, _("SLA, 12 weeks"), 16, draw_text_flags());
	sb_addc(&sb, ' ');
	text_fit(&sb, _("week by week"), 24, draw_text_flags());
	sb_addc(&sb, ' ');
	text_fit(&sb, _("this wk"), 7, draw_text_flags());
	sb_addc(&sb, ' ');
	text_fit(&sb, _("12 wk"), pct_w, draw_text_flags());
	sb_addc(&sb, ' ');
	sb_add(&sb, _("missed"));
	sb_addc(&sb, ' ');
	/* TRANSLATORS: dashboard column: deadlines passed, not yet answered, updated or resolved. */
	sb_add(&sb, _("past due"));
	draw_text(y, x, w, sb.buf, STYLE_HEADER);
	int missed_w = text_width(_("missed"));
	for (int c = 0; c < DASH_CLOCKS; c++) {
		long long met = 0, missed = 0, due = 0;
		sb_reset(&sb);
		text_fit(&sb, _(names[c]), 16, draw_text_flags());
		sb_addc(&sb, ' ');
		for (int i = 0; i < ds->nweeks; i++) {
			const struct dash_week *wk = &ds->weeks[i];
			for (int k = 0; k < cells; k++)
				chart_spark(&sb, chart_attainment(wk->met[c], wk->missed[c]), ascii());
			met += wk->met[c];
			missed += wk->missed[c];
			due += wk->past_due[c];
		}
		for (int i = ds->nweeks * cells; i < 24; i++)
			sb_addc(&sb, ' ');
		sb_addc(&sb, ' ');
		const struct dash_week *last = ds->nweeks ? &ds->weeks[ds->nweeks - 1] : NULL;
		add_pct(&sb, last ? last->met[c] : 0, last ? last->missed[c] : 0, 7);
		sb_addc(&sb, ' ');
		add_pct(&sb, met, missed, pct_w);
		char n[24];
		snprintf(n, sizeof(n), "%lld", missed);
		sb_addc(&sb, ' ');
		text_pad(&sb, n, missed_w, draw_text_flags());
		sb_addc(&sb, ' ');
		int used = draw_text_part(y + 1 + c, x, w, sb.buf, STYLE_NORMAL);
		/* every clock's, the update cadence's too (sql/720); a
		 * figure above 0 reads as the queue's breached tickets do */
		snprintf(n, sizeof(n), "%lld", due);
		draw_text(y + 1 + c, x + used, w - used, n, due ? STYLE_SLA_BREACHED : STYLE_NORMAL);
	}
	sb_done(&sb);
}

static void draw_backlog(const struct dview *d, int y, int x, int w)
{
	/* ages in business days (report_backlog) */
	const char *bands[DASH_BANDS] = { _("<1 d"), _("1-2 d"), _("3-6 d"), _("7-27 d"), _("28+ d") };
	const struct dash *ds = &d->dash;
	struct strbuf sb;
	long long max = 0;

	for (int i = 0; i < ds->nbacklog; i++)
		if (ds->backlog[i].total > max)
			max = ds->backlog[i].total;
	sb_init(&sb);
	text_fit(&sb, _("Open backlog"), 14, draw_text_flags());
	sb_addc(&sb, ' ');
	text_pad(&sb, _("total"), 6, draw_text_flags());
	for (int b = 0; b < DASH_BANDS; b++) {
		sb_addc(&sb, ' ');
		text_fit(&sb, bands[b], 6, draw_text_flags());
	}
	draw_text(y, x, w, sb.buf, STYLE_HEADER);
	for (int i = 0; i < 4; i++) {
		draw_blank(y + 1 + i, x, w, STYLE_NORMAL);
		if (i >= ds->nbacklog)
			continue;
		const struct dash_backlog *b = &ds->backlog[i];
		char label[64];
		snprintf(label, sizeof(label), "%d %s", b->severity, i18n_db(b->name));
		int used = draw_text_part(y + 1 + i, x, 14, label, draw_severity_style(b->severity));
		(void)used;
		sb_reset(&sb);
		sb_addf(&sb, " %6lld", b->total);
		for (int k = 0; k < DASH_BANDS; k++)
			sb_addf(&sb, " %6lld", b->band[k]);
		sb_addc(&sb, ' ');
		int rest = w - 14 - (int)strlen(sb.buf) - 1;
		if (rest > 0)
			chart_bar(&sb, (double)b->total, (double)max, rest, ascii());
		draw_text(y + 1 + i, x + 14, w - 14, sb.buf, STYLE_NORMAL);
	}
	sb_done(&sb);
}

/* One level's part of the escalation line: "CSM 1 (3h 00m)", the level
 * named as in view 2 (esc_level_short), or by its code as in the queue's
 * ESC column ("L1"). */
static void escalation_part(const struct dview *d, int l, bool codes, struct strbuf *sb)
{
	const struct dash_level *lv = &d->dash.levels[l];
	char code[16];
	/* TRANSLATORS: escalation level in the 3-cell ESC column, "L1" = level 1. */
	snprintf(code, sizeof(code), _("L%d"), l + 1);
	sb_addf(sb, "%s %lld", codes ? code : esc_level_short(l + 1), lv->open);
	if (lv->oldest_secs >= 0) {
		char age[32];
		esc_format_age(lv->oldest_secs, age, sizeof(age));
		sb_addf(sb, " (%s)", age);
	}
}

/* "Escalations open (oldest): CSM 1 (3h 00m) · COO 0 · CEO 0" in
 * rows[0], the levels named as in view 2; when the names do not fit one
 * row, the levels that do not go on in rows[1], under the first level
 * ("Escalados (más antiguo): Resp. Éxito 1 (3h 00m) · Operaciones 1
 * (2d 5h)" / "Dir. General 0"), so that a level reads by the same name
 * in both views. Only when two rows cannot hold the names, the codes in
 * one ("L1 1 (3h 00m) · L2 0 · L3 0"): the CEO's figure is never the
 * part that is cut. `most` is the rows there are room for (1 or 2).
 * Returns the rows used. */
static int escalations_lines(const struct dview *d, int w, int most, struct strbuf rows[2])
{
	const char *sep = ascii() ? " | " : " \u00b7 ";
	struct strbuf part;
	sb_init(&part);
	for (int codes = 0; codes < 2; codes++) {
		int n = 0;
		sb_reset(&rows[0]);
		sb_reset(&rows[1]);
		sb_add(&rows[0], _("Escalations open (oldest):"));
		int indent = text_width(rows[0].buf) + 1;
		bool fits = true;
		for (int l = 0; l < 3 && fits; l++) {
			sb_reset(&part);
			escalation_part(d, l, codes, &part);
			int pw = text_width(part.buf);
			int at = text_width(rows[n].buf) + (l == 0 ? 1 : text_width(sep));
			if (codes || at + pw <= w) {
				sb_add(&rows[n], l == 0 ? " " : sep);
			} else if (n == 0 && l > 0 && most > 1 && indent + pw <= w) {
				n = 1;
				sb_addf(&rows[1], "%*s", indent, "");
			} else {
				fits = false;
				break;
			}
			sb_add(&rows[n], part.buf);
		}
		if (fits || codes) {
			sb_done(&part);
			return n + 1;
		}
	}
	sb_done(&part);
	return 1;
}

static int escalations_rows(const struct dview *d, int w, int most)
{
	struct strbuf rows[2];
	sb_init(&rows[0]);
	sb_init(&rows[1]);
	int n = escalations_lines(d, w, most, rows);
	sb_done(&rows[0]);
	sb_done(&rows[1]);
	return n;
}

static void draw_escalations(const struct dview *d, int y, int x, int w, int nrows)
{
	struct strbuf rows[2];
	sb_init(&rows[0]);
	sb_init(&rows[1]);
	escalations_lines(d, w, nrows, rows);
	for (int i = 0; i < nrows; i++)
		draw_text(y + i, x, w, rows[i].buf, STYLE_NORMAL);
	sb_done(&rows[0]);
	sb_done(&rows[1]);
}

/* One row of the breaches: the group's name as shown (a team's in the
 * user's language, a customer's as stored) and its bar. */
static void draw_group(const struct dash_group *g, const char *name, long long max, int y, int x, int w)
{
	struct strbuf sb;
	int name_w = w - 6 - 1 - 8;
	if (name_w < 6) {
		draw_blank(y, x, w, STYLE_NORMAL);
		return;
	}
	sb_init(&sb);
	sb_addf(&sb, "%6lld ", g->missed + g->past_due);
	chart_bar(&sb, (double)(g->missed + g->past_due), (double)max, 8, ascii());
	draw_text(y, x, name_w, name, STYLE_NORMAL);
	draw_text(y, x + name_w, w - name_w, sb.buf, STYLE_SLA_BREACHED);
	sb_done(&sb);
}

static void draw_breaches(const struct dview *d, int y, int x, int w, int rows)
{
	const struct dash *ds = &d->dash;
	int half = (w - 1) / 2;
	long long max = 0;
	const char *bar = ascii() ? "|" : "\u2502";

	long long cmax = 0;

	/* a breach is a deadline missed, or past due and not yet decided */
	for (int i = 0; i < ds->nteams; i++)
		if (ds->teams[i].missed + ds->teams[i].past_due > max)
			max = ds->teams[i].missed + ds->teams[i].past_due;
	for (int i = 0; i < ds->ncustomers; i++)
		if (ds->customers[i].missed + ds->customers[i].past_due > cmax)
			cmax = ds->customers[i].missed + ds->customers[i].past_due;
	draw_text(y, x, half, _("Most breaches by team"), STYLE_HEADER);
	draw_text(y, x + half, 1, bar, STYLE_DIM);
	draw_text(y, x + half + 1, w - half - 1, _(" by customer"), STYLE_HEADER);
	for (int i = 0; i < rows; i++) {
		int yy = y + 1 + i;
		if (i < ds->nteams)
			/* a team's name is reference data: translated as
			 * the intake form does (i18n_db) */
			draw_group(&ds->teams[i], i18n_db(ds->teams[i].name), max, yy, x, half);
		else if (i == 0)
			draw_text(yy, x, half, _("(no breaches)"), STYLE_DIM);
		else
			draw_blank(yy, x, half, STYLE_NORMAL);
		draw_text(yy, x + half, 1, bar, STYLE_DIM);
		draw_blank(yy, x + half + 1, 1, STYLE_NORMAL);
		if (i < ds->ncustomers)
			draw_group(&ds->customers[i], ds->customers[i].name, cmax, yy, x + half + 2,
				   w - half - 2);
		else if (i == 0)
			draw_text(yy, x + half + 1, w - half - 1, _(" (no breaches)"), STYLE_DIM);
		else
			draw_blank(yy, x + half + 1, w - half - 1, STYLE_NORMAL);
	}
}

static void draw_oldest(struct dview *d, int y, int x, int w, int rows)
{
	const struct dash *ds = &d->dash;
	draw_text(y, x, w, _("Oldest open tickets (Enter opens the selected one)"), STYLE_HEADER);
	list_set(&d->oldest, rows < ds->noldest ? rows : ds->noldest, rows);
	list_place(&d->oldest, y + 1);
	for (int i = 0; i < rows; i++) {
		int yy = y + 1 + i;
		if (i >= ds->noldest) {
			if (i == 0)
				draw_text(yy, x, w, _("(no open tickets)"), STYLE_DIM);
			else
				draw_blank(yy, x, w, STYLE_NORMAL);
			continue;
		}
		const struct dash_ticket *t = &ds->oldest[i];
		char id[24], sev[48], age[32];
		snprintf(id, sizeof(id), "#%lld", t->id);
		snprintf(sev, sizeof(sev), "%d %s", t->severity, i18n_db(t->severity_name));
		esc_format_age(t->age_secs, age, sizeof(age));
		struct {
			const char *text;
			int w;
			enum style st;
		} cols[] = {
			{ id, 9, STYLE_NORMAL },
			{ sev, 11, draw_severity_style(t->severity) },
			{ age, 8, STYLE_NORMAL },
			{ *t->sla_state ? i18n_term("sla_state", t->sla_state) : "-", 10,
			  *t->sla_state ? draw_sla_style(t->sla_state) : STYLE_NORMAL },
			{ t->customer, 16, STYLE_NORMAL },
			{ t->title, 0, STYLE_NORMAL },
		};
		int cx = x;
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]) && cx < x + w; c++) {
			int cw = cols[c].w ? cols[c].w : x + w - cx;
			if (cx + cw > x + w)
				cw = x + w - cx;
			draw_text(yy, cx, cw, cols[c].text, list_style(&d->oldest, i, cols[c].st));
			cx += cw;
			if (cx < x + w && cols[c].w) {
				draw_blank(yy, cx, 1, list_style(&d->oldest, i, STYLE_NORMAL));
				cx++;
			}
		}
	}
}

/* Rows: SLA 4, backlog 5, escalations 1 (2 when the level names need
 * them), then the breaches and the oldest
 * tickets share what is left (at 80x24 the top four of each). */
static void dv_draw(struct view *v, const struct area *a)
{
	struct dview *d = D(v);
	int y = a->y, end = a->y + a->h;

	if (!d->loaded) {
		draw_text(y, a->x, a->w, !screen_db(v->screen) ? _("(not connected to the database)")
								 : _("(no figures)"), STYLE_DIM);
		for (int i = 1; i < a->h; i++)
			draw_blank(y + i, a->x, a->w, STYLE_NORMAL);
		return;
	}
	if (y + 4 <= end) {
		draw_sla(d, y, a->x, a->w);
		y += 4;
	}
	if (y + 5 <= end) {
		draw_backlog(d, y, a->x, a->w);
		y += 5;
	}
	/* a second row only with room below for the breaches' header */
	int erows = escalations_rows(d, a->w, y + 3 <= end ? 2 : 1);
	if (y + 1 <= end) {
		draw_escalations(d, y, a->x, a->w, erows);
		y += erows;
	}
	int left = end - y - 2;   /* two section headers */
	int want_b = d->dash.nteams > d->dash.ncustomers ? d->dash.nteams : d->dash.ncustomers;
	if (want_b < 1)
		want_b = 1;
	int nb = 0, no = 0;
	if (left > 0) {
		nb = left / 2 < want_b ? left / 2 : want_b;
		if (nb < 1)
			nb = 1;
		no = left - nb;
		if (no > DASH_TOP) {
			no = DASH_TOP;
			nb = left - no < DASH_TOP ? left - no : DASH_TOP;
		}
	}
	if (nb > 0 && y + 1 + nb <= end) {
		draw_breaches(d, y, a->x, a->w, nb);
		y += 1 + nb;
	}
	if (y < end)
		draw_oldest(d, y, a->x, a->w, no > 0 ? (end - y - 1 < no ? end - y - 1 : no) : 0);
	y += 1 + (no > 0 ? no : 0);
	for (; y < end; y++)
		draw_blank(y, a->x, a->w, STYLE_NORMAL);
}

static void dv_status(struct view *v, struct strbuf *out)
{
	struct dview *d = D(v);
	static const char *const names[NFILTERS] = { N_("team"), N_("plan"), N_("severity"), N_("customer") };
	bool any = false;
	for (int i = 0; i < NFILTERS; i++) {
		if (!d->filter[i])
			continue;
		sb_addf(out, "%s%s %s", any ? ", " : "", _(names[i]), d->filter[i]);
		any = true;
	}
	if (!any)
		sb_add(out, _("all tickets"));
}

static void dv_help(struct view *v, struct strbuf *out)
{
	(void)v;
	sb_add(out, _("SLA attainment per clock, one bar per week for the last 12 weeks (lowest at\n"
		      "50% or less, full at 100%), this week's and the 12 weeks' share met, the\n"
		      "misses, and the deadlines past due now, not yet answered, updated or\n"
		      "resolved (not in the share until they are); the open backlog by severity\n"
		      "and age in business days (the working days of the desk's calendar since\n"
		      "the day created); what waits at each escalation level; where the\n"
		      "breaches (missed or past due) are; the oldest open tickets. Figures by\n"
		      "customer, or filtered to one, cover whole weeks.\n"));
}

const struct view_ops view_dashboard_ops = {
	.name = "dashboard",
	.title = N_("Dashboard"),
	.keys = dashboard_keys,
	.actions = dashboard_actions,
	.open = dv_open,
	.close = dv_close,
	.reload = dv_reload,
	.draw = dv_draw,
	.action = dv_action,
	.notify = dv_notify,
	.tick = dv_tick,
	.status = dv_status,
	.mouse = dv_mouse,
	.help = dv_help,
};
