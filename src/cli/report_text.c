/* The text form of `ticketty report` (see cli/report_text.h): columns as
 * wide as their contents, bars fitted to the terminal; the oldest open
 * tickets through cli/table.h, a listing as the other listings are. */
#include "cli/report_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/escalation.h"
#include "util/chart.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#define LABEL_CAP 24  /* a row label's cells at most, on a terminal */
#define GAP 2         /* blanks between columns of figures */

/* How the lines are laid out: for a terminal of `cols` columns, or whole
 * (cols 0) when piped. */
struct layout {
	int cols;
	int flags;     /* TEXT_ASCII when the terminal is not UTF-8 */
	bool ascii;
	int label_w;   /* the row labels' column */
};

/* The row's label in the reader's language: severity "1 Critical", a plan,
 * a week "week of 2027-03-08", a team or customer name, "all tickets". */
static void row_label(struct strbuf *out, const struct report_table *t, size_t r, const char *by)
{
	const char *key = report_cell(t, r, "key"), *name = report_cell(t, r, "name");
	if (!key)
		key = "";
	if (!strcmp(by, "severity"))
		sb_addf(out, "%s %s", key, name ? i18n_db(name) : "");
	else if (!strcmp(by, "plan"))
		sb_add(out, i18n_term("plan", key));
	else if (!strcmp(by, "week"))
		sb_addf(out, _("week of %s"), key);
	else if (!strcmp(by, "total"))
		sb_add(out, _("all tickets"));
	else if (!strcmp(by, "team") && name)
		sb_add(out, i18n_db(name));   /* as the dashboard names it */
	else
		sb_add(out, name ? name : key);
}

/* The cells `text` takes as printed: sanitised first, so that under a
 * terminal that is not UTF-8 "Ñandú" counts the 24 cells of
 * "<U+00D1>and<U+00FA>", not 5 (the label column was cut to "<U+00D1>a~"). */
static int printed_width(const char *text, int flags)
{
	struct strbuf clean;
	sb_init(&clean);
	text_sanitize(&clean, text, strlen(text), flags);
	int w = text_width(clean.buf);
	sb_done(&clean);
	return w;
}

static struct layout layout_for(const struct report_table *t, const char *by)
{
	struct layout l = { 0, i18n_utf8() ? 0 : TEXT_ASCII, !i18n_utf8(), 0 };
	l.cols = cli_terminal_cols();
	struct strbuf sb;
	sb_init(&sb);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&sb);
		row_label(&sb, t, r, by);
		int w = printed_width(sb.buf, l.flags);
		if (w > l.label_w)
			l.label_w = w;
	}
	sb_done(&sb);
	if (l.cols && l.label_w > LABEL_CAP)
		l.label_w = LABEL_CAP;
	return l;
}

static void add_label(struct strbuf *line, const struct layout *l, const char *text)
{
	if (l->cols)
		text_fit(line, text, l->label_w, l->flags);
	else
		text_pad(line, text, l->label_w, l->flags);
}

/* s right-aligned in w cells (never cut). */
static void add_right(struct strbuf *line, const struct layout *l, const char *s, int w)
{
	for (int pad = w - text_width(s); pad > 0; pad--)
		sb_addc(line, ' ');
	text_pad(line, s, 0, l->flags);
}

static void add_gap(struct strbuf *line, int gap)
{
	while (gap-- > 0)
		sb_addc(line, ' ');
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

/* Prints the line without trailing blanks, and empties it. */
static void put_line(struct strbuf *line)
{
	sb_trim_spaces(line);
	printf("%s\n", line->buf);
	sb_reset(line);
}

/* The report's title, word-wrapped to the terminal (a long Spanish
 * period would otherwise break mid-word at its edge). */
static void put_title(const struct layout *l, const char *title)
{
	struct strbuf clean;
	sb_init(&clean);
	text_sanitize(&clean, title, strlen(title), l->flags);
	const char *p = clean.buf;
	while (*p) {
		size_t n = l->cols ? text_wrap_line(p, l->cols) : strlen(p);
		printf("%.*s\n", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
	sb_done(&clean);
}

/* The widest bar from `most` cells down to `least` with which a line of
 * `rest` cells and `nbars` bars (each after a blank) fits the terminal;
 * 0 (no bars) when none does; `most` when piped. */
static int bar_cells(const struct layout *l, int rest, int nbars, int most, int least)
{
	if (!l->cols)
		return most;
	for (int b = most; b >= least; b--)
		if (rest + nbars * (b + 1) <= l->cols)
			return b;
	return 0;
}

/* ------------------------------------------------------------------ sla -- */

/* One clock's figures on row r: met and decided, its percentage text. */
static const char *sla_figures(const struct report_table *t, size_t r, const char *clock, long long *met,
			       long long *decided)
{
	char col[40];
	snprintf(col, sizeof(col), "%s_met", clock);
	*met = atoll(report_cell(t, r, col) ? report_cell(t, r, col) : "0");
	snprintf(col, sizeof(col), "%s_missed", clock);
	*decided = *met + atoll(report_cell(t, r, col) ? report_cell(t, r, col) : "0");
	snprintf(col, sizeof(col), "%s_pct", clock);
	return report_cell(t, r, col);
}

/* One clock's deadlines past due now and not decided on row r (DESIGN
 * §6: open, unanswered, unresolved or an emergency's update not sent,
 * the deadline passed; sql/640, sql/720), 0 when the column is absent. */
static long long past_due(const struct report_table *t, size_t r, const char *clock)
{
	char col[40];
	snprintf(col, sizeof(col), "%s_past_due", clock);
	const char *v = report_cell(t, r, col);
	return v ? atoll(v) : 0;
}

/* The clock of a severity's first-response target, in words. */
static const char *clock_words(const char *clock)
{
	if (!clock)
		return NULL;
	if (!strcmp(clock, "wall"))
		return _("round the clock");
	if (!strcmp(clock, "business"))
		return _("business hours");
	return _("business hours or round the clock, by plan");
}

/* Under the table, when the rows had no room for them: which clock each
 * severity's first-response target runs on, one phrase per clock ("First-
 * response targets: round the clock for 1 Critical; business hours for 2
 * Urgent, 3 High, 4 Medium."), wrapped to the terminal. */
static void clock_legend(const struct report_table *t, const char *by, const struct layout *l)
{
	struct strbuf all, labels, label;
	sb_init(&all);
	sb_init(&labels);
	sb_init(&label);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *words = clock_words(report_cell(t, r, "clock"));
		bool said = !words;
		for (size_t e = 0; e < r && !said; e++) {
			const char *before = clock_words(report_cell(t, e, "clock"));
			said = before && !strcmp(before, words);
		}
		if (said)
			continue;
		sb_reset(&labels);
		for (size_t e = r; e < t->nrows; e++) {
			const char *these = clock_words(report_cell(t, e, "clock"));
			if (!these || strcmp(these, words))
				continue;
			sb_reset(&label);
			row_label(&label, t, e, by);
			if (labels.len)
				sb_add(&labels, ", ");
			sb_add(&labels, label.buf);
		}
		if (all.len)
			sb_add(&all, "; ");
		/* TRANSLATORS: a clock and the severities whose first-response
		 * target runs on it: "round the clock for 1 Critical". */
		sb_addf(&all, _("%s for %s"), words, labels.buf);
	}
	if (all.len) {
		sb_reset(&label);
		/* TRANSLATORS: %s is a list of "business hours for 2 Urgent,
		 * 3 High"-style phrases separated by semicolons. */
		sb_addf(&label, _("First-response targets: %s."), all.buf);
		put_title(l, label.buf);
	}
	sb_done(&all);
	sb_done(&labels);
	sb_done(&label);
}

/* A group's rows in the trend: where they start, found by key. */
struct trend_group {
	const char *key;
	size_t first;
};

static int trend_group_cmp(const void *a, const void *b)
{
	return strcmp(((const struct trend_group *)a)->key, ((const struct trend_group *)b)->key);
}

/* The groups of the trend (its rows come a group at a time, every group
 * with the same weeks), sorted by key for bsearch; *nweeks the weeks of
 * each. Caller frees. */
static struct trend_group *trend_groups(const struct report_table *trend, size_t *ngroups, size_t *nweeks)
{
	struct trend_group *g = xcalloc(trend->nrows + 1, sizeof(*g));
	size_t n = 0;
	for (size_t r = 0; r < trend->nrows; r++) {
		const char *k = report_cell(trend, r, "key");
		if (!k)
			k = "";
		if (!n || strcmp(g[n - 1].key, k))
			g[n++] = (struct trend_group){ k, r };
	}
	*nweeks = n ? (n > 1 ? g[1].first : trend->nrows) : 0;
	qsort(g, n, sizeof(*g), trend_group_cmp);
	*ngroups = n;
	return g;
}

/* The weekly trend under the table: for each row, one sparkline mark a
 * week for each clock, oldest week first, its height the week's share
 * met as the dashboard draws it (util/chart.h chart_attainment), a blank
 * where nothing was decided. On a terminal, the latest weeks that fit. */
static void sla_trend(const struct report_table *t, const struct report_table *trend, const char *by,
		      const struct layout *l, const char *const clocks[3], const char *const titles[3])
{
	size_t ngroups, nweeks;
	struct trend_group *g = trend_groups(trend, &ngroups, &nweeks);
	int shown = (int)nweeks, tw[3], w[3];
	bool cut = false;

	for (int c = 0; c < 3; c++)
		tw[c] = text_width(titles[c]);
	/* the widest that fits: every week with whole titles, fewer weeks,
	 * then the titles cut to the weeks' width */
	for (; l->cols && shown > 0; shown--) {
		int width = l->label_w;
		for (int c = 0; c < 3; c++)
			width += GAP + max_int(shown, tw[c]);
		if (width <= l->cols)
			break;
	}
	if (l->cols && shown <= 0) {
		cut = true;
		shown = (l->cols - l->label_w - 3 * GAP) / 3;
		if (shown > (int)nweeks)
			shown = (int)nweeks;
	}
	if (!ngroups || shown <= 0) {
		free(g);
		return;
	}
	int skip = (int)nweeks - shown;
	for (int c = 0; c < 3; c++)
		w[c] = cut ? shown : max_int(shown, tw[c]);

	struct strbuf line, cell, scale;
	sb_init(&line);
	sb_init(&cell);
	sb_init(&scale);
	for (int h = 0; h < 8; h++)
		chart_spark(&scale, (h + 0.5) / 8, l->ascii);
	const char *monday = report_cell(trend, g[0].first + (size_t)skip, "week");
	putchar('\n');
	sb_addf(&line, _("Week by week from the week of %s, one mark a week:"), monday ? monday : "");
	put_title(l, line.buf);
	sb_reset(&line);
	/* TRANSLATORS: %s is the scale of marks, lowest to highest. */
	sb_addf(&line, _("%s from half met or less to all met; a blank: nothing decided that week."), scale.buf);
	put_title(l, line.buf);
	sb_reset(&line);
	add_label(&line, l, "");
	for (int c = 0; c < 3; c++) {
		add_gap(&line, GAP);
		if (cut)
			text_fit(&line, titles[c], w[c], l->flags);
		else
			text_pad(&line, titles[c], w[c], l->flags);
	}
	put_line(&line);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&cell);
		row_label(&cell, t, r, by);
		add_label(&line, l, cell.buf);
		const char *k = report_cell(t, r, "key");
		struct trend_group want = { k ? k : "", 0 };
		const struct trend_group *found = bsearch(&want, g, ngroups, sizeof(*g), trend_group_cmp);
		for (int c = 0; c < 3 && found; c++) {
			char met_col[40], missed_col[40];
			snprintf(met_col, sizeof(met_col), "%s_met", clocks[c]);
			snprintf(missed_col, sizeof(missed_col), "%s_missed", clocks[c]);
			sb_reset(&cell);
			for (int i = skip; i < (int)nweeks; i++) {
				size_t row = found->first + (size_t)i;
				const char *met = report_cell(trend, row, met_col), *missed = report_cell(trend, row, missed_col);
				chart_spark(&cell, chart_attainment(met ? atoll(met) : 0, missed ? atoll(missed) : 0),
					    l->ascii);
			}
			add_gap(&line, GAP);
			text_pad(&line, cell.buf, w[c], l->flags);
		}
		put_line(&line);
	}
	sb_done(&line);
	sb_done(&cell);
	sb_done(&scale);
	free(g);
}

void report_text_sla(const struct report_table *t, const struct report_table *trend, const char *by,
		     const char *from, const char *to)
{
	static const char *const clocks[3] = { "first_response", "update", "resolution" };
	const char *titles[3] = { _("first response"), _("update cadence"), _("resolution") };
	const int pct_w = i18n_percent_width();  /* "100.0%", Spanish "100,0 %" */
	struct layout l = layout_for(t, by);
	int counts_w[3] = { 0, 0, 0 }, words_w = 0, block_w[3];
	long long met, decided;
	char counts[48];
	bool any_due = false;

	/* "met/decided", then "+N" when N deadlines are past due, undecided */
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < 3; c++) {
			long long due = past_due(t, r, clocks[c]);
			int n = 0;
			if (sla_figures(t, r, clocks[c], &met, &decided))
				n = snprintf(counts, sizeof(counts), "%lld/%lld", met, decided);
			if (due)
				n += snprintf(counts, sizeof(counts), " +%lld", due);
			counts_w[c] = max_int(counts_w[c], n);
			any_due |= due > 0;
		}
		const char *words = clock_words(report_cell(t, r, "clock"));
		if (words)
			words_w = max_int(words_w, 1 + text_width(words));
	}
	int rest = l.label_w;
	for (int c = 0; c < 3; c++)
		rest += 1 + max_int(text_width(titles[c]), pct_w + 1 + counts_w[c]);
	/* the clock of each severity's target ends its row when the row then
	 * fits the terminal, else it is said once under the table (at 80
	 * columns "round the clock" ran past the edge and the terminal broke
	 * every row in two) */
	bool words_below = l.cols && words_w && rest + words_w > l.cols;
	if (!words_below)
		rest += words_w;
	int bar = bar_cells(&l, rest, 3, 5, 2);
	/* a bar starts each block; without them, two blanks, unless the
	 * wider gaps would carry the line past the terminal's edge */
	int gap = bar || (l.cols && rest + 3 * (GAP - 1) > l.cols) ? 1 : GAP;
	for (int c = 0; c < 3; c++)
		block_w[c] = max_int(text_width(titles[c]), (bar ? bar + 1 : 0) + pct_w + 1 + counts_w[c]);

	struct strbuf line, block;
	sb_init(&line);
	sb_init(&block);
	sb_addf(&line, _("SLA attainment (met / decided) from %s to %s"), from, to);
	put_title(&l, line.buf);
	sb_reset(&line);
	add_label(&line, &l, "");
	for (int c = 0; c < 3; c++) {
		add_gap(&line, gap);
		text_pad(&line, titles[c], block_w[c], l.flags);
	}
	put_line(&line);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&block);
		row_label(&block, t, r, by);
		add_label(&line, &l, block.buf);
		for (int c = 0; c < 3; c++) {
			const char *pct = sla_figures(t, r, clocks[c], &met, &decided);
			sb_reset(&block);
			if (bar) {
				chart_bar(&block, (double)met, (double)decided, bar, l.ascii);
				sb_addc(&block, ' ');
			}
			char shown[48];
			long long due = past_due(t, r, clocks[c]);
			if (pct) {
				i18n_percent(shown, sizeof(shown), pct);
				for (int w = text_width(shown); w < pct_w; w++)
					sb_addc(&block, ' ');
				sb_addf(&block, "%s %lld/%lld", shown, met, decided);
			} else {
				sb_addf(&block, "%*s", pct_w, "-");
			}
			if (due)
				sb_addf(&block, " +%lld", due);
			add_gap(&line, gap);
			text_pad(&line, block.buf, block_w[c], l.flags);
		}
		const char *words = clock_words(report_cell(t, r, "clock"));
		if (words && !words_below)
			sb_addf(&line, " %s", words);
		put_line(&line);
	}
	if (words_below)
		clock_legend(t, by, &l);
	if (any_due)
		put_title(&l, _("+N: N deadlines past due now and not yet decided (unanswered or unresolved "
				"tickets, emergency updates not sent); they are not in the share until decided."));
	if (trend && trend->nrows)
		sla_trend(t, trend, by, &l, clocks, titles);
	sb_done(&line);
	sb_done(&block);
}

/* -------------------------------------------------------------- backlog -- */

void report_text_backlog(const struct report_table *t, const char *by, const char *from, const char *to)
{
	static const char *const cols[6] = { "total", "age_0d", "age_1_2d", "age_3_6d", "age_7_27d",
					     "age_28d_plus" };
	/* ages in business days (report_backlog): under one, on a working day
	 * the tickets created today */
	const char *titles[6] = { _("total"), _("<1 d"), _("1-2 d"), _("3-6 d"), _("7-27 d"), _("28+ d") };
	struct layout l = layout_for(t, by);
	int w[6];
	long long max = 0;

	for (int j = 0; j < 6; j++)
		w[j] = text_width(titles[j]);
	for (size_t r = 0; r < t->nrows; r++) {
		for (int j = 0; j < 6; j++) {
			const char *v = report_cell(t, r, cols[j]);
			w[j] = max_int(w[j], (int)strlen(v ? v : "0"));
		}
		long long n = atoll(report_cell(t, r, "total") ? report_cell(t, r, "total") : "0");
		if (n > max)
			max = n;
	}
	int rest = l.label_w;
	for (int j = 0; j < 6; j++)
		rest += GAP + w[j];
	int bar = bar_cells(&l, rest + GAP - 1, 1, 12, 3);

	struct strbuf line, cell;
	sb_init(&line);
	sb_init(&cell);
	if (from || to) {
		/* TRANSLATORS: the days bound when the tickets were created:
		 * "from 2026-12-01 to today", "from the first ticket to
		 * 2026-12-02". */
		sb_addf(&line, _("Open tickets created from %s to %s, by age (business days since created)"),
			from ? from : _("the first ticket"), to ? to : _("today"));
		put_title(&l, line.buf);
		sb_reset(&line);
	} else {
		put_title(&l, _("Open tickets by age (business days since created)"));
	}
	add_label(&line, &l, "");
	for (int j = 0; j < 6; j++) {
		add_gap(&line, GAP);
		add_right(&line, &l, titles[j], w[j]);
	}
	put_line(&line);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&cell);
		row_label(&cell, t, r, by);
		add_label(&line, &l, cell.buf);
		for (int j = 0; j < 6; j++) {
			const char *v = report_cell(t, r, cols[j]);
			add_gap(&line, GAP);
			add_right(&line, &l, v ? v : "0", w[j]);
		}
		if (bar) {
			long long n = atoll(report_cell(t, r, "total") ? report_cell(t, r, "total") : "0");
			add_gap(&line, GAP);
			chart_bar(&line, (double)n, (double)max, bar, l.ascii);
		}
		put_line(&line);
	}
	sb_done(&line);
	sb_done(&cell);
}

/* ---------------------------------------------------------- escalations -- */

/* Level l's cell on row r: "3 (2d 4h)", the count and the oldest's age. */
static void level_cell(struct strbuf *out, const struct report_table *t, size_t r, int level)
{
	static const char *const lv[3] = { "csm", "coo", "ceo" };
	char col[32], age[32] = "-";
	snprintf(col, sizeof(col), "%s_oldest_secs", lv[level]);
	if (report_cell(t, r, col))
		esc_format_age(atol(report_cell(t, r, col)), age, sizeof(age));
	snprintf(col, sizeof(col), "%s_open", lv[level]);
	sb_addf(out, "%s (%s)", report_cell(t, r, col) ? report_cell(t, r, col) : "0", age);
}

void report_text_escalations(const struct report_table *t, const char *by, const char *from, const char *to)
{
	struct layout l = layout_for(t, by);
	int total_w = text_width(_("total")), w[3];
	struct strbuf line, cell;
	sb_init(&line);
	sb_init(&cell);

	for (int j = 0; j < 3; j++)
		w[j] = text_width(esc_level_short(j + 1));
	for (size_t r = 0; r < t->nrows; r++) {
		const char *v = report_cell(t, r, "total");
		total_w = max_int(total_w, (int)strlen(v ? v : "0"));
		for (int j = 0; j < 3; j++) {
			sb_reset(&cell);
			level_cell(&cell, t, r, j);
			w[j] = max_int(w[j], text_width(cell.buf));
		}
	}
	if (from || to) {
		sb_addf(&line, _("Open escalations raised from %s to %s, per level (count, oldest)"),
			from ? from : _("the first escalation"), to ? to : _("today"));
		put_title(&l, line.buf);
		sb_reset(&line);
	} else {
		put_title(&l, _("Open escalations per level (count, oldest)"));
	}
	add_label(&line, &l, "");
	add_gap(&line, GAP);
	add_right(&line, &l, _("total"), total_w);
	for (int j = 0; j < 3; j++) {
		add_gap(&line, GAP);
		text_pad(&line, esc_level_short(j + 1), w[j], l.flags);
	}
	put_line(&line);
	for (size_t r = 0; r < t->nrows; r++) {
		sb_reset(&cell);
		row_label(&cell, t, r, by);
		add_label(&line, &l, cell.buf);
		const char *v = report_cell(t, r, "total");
		add_gap(&line, GAP);
		add_right(&line, &l, v ? v : "0", total_w);
		for (int j = 0; j < 3; j++) {
			sb_reset(&cell);
			level_cell(&cell, t, r, j);
			add_gap(&line, GAP);
			text_pad(&line, cell.buf, w[j], l.flags);
		}
		put_line(&line);
	}
	sb_done(&line);
	sb_done(&cell);
}

/* --------------------------------------------------------------- oldest -- */

void report_text_oldest(const struct report_table *t)
{
	const char *titles[] = { _("ticket"), _("severity"), _("age"), _("SLA"), _("status"), _("customer"),
				 _("team"), _("title") };
	const int caps[] = { 0, 0, 0, 0, 0, 20, 20, 60 };
	struct layout l = { cli_terminal_cols(), i18n_utf8() ? 0 : TEXT_ASCII, !i18n_utf8(), 0 };
	struct cli_table *table = cli_table_new(8, titles, caps);
	struct strbuf sev;
	sb_init(&sev);

	put_title(&l, _("Oldest open tickets (age since created)"));
	for (size_t r = 0; r < t->nrows; r++) {
		const char *name = report_cell(t, r, "severity_name"), *state = report_cell(t, r, "sla_state");
		const char *status = report_cell(t, r, "status"), *team = report_cell(t, r, "team");
		const char *secs = report_cell(t, r, "age_secs");
		char age[32];
		sb_reset(&sev);
		sb_addf(&sev, "%s %s", report_cell(t, r, "severity") ? report_cell(t, r, "severity") : "",
			name ? i18n_db(name) : "");
		esc_format_age(secs ? atol(secs) : 0, age, sizeof(age));
		/* in the reader's words, as the dashboard shows them */
		const char *row[] = { report_cell(t, r, "id"), sev.buf, age,
				      state && *state ? i18n_term("sla_state", state) : NULL,
				      status ? i18n_term("status", status) : NULL, report_cell(t, r, "customer"),
				      team ? i18n_db(team) : NULL, report_cell(t, r, "title") };
		cli_table_add(table, row);
	}
	if (t->nrows)
		cli_table_print(table, stdout);
	else
		printf("%s\n", _("(no open tickets)"));
	cli_table_free(table);
	sb_done(&sev);
}
