/* `ticketty queue [--limit N] [--after CURSOR] [--status S] [--team T]
 * [--mine] [--following] [--unassigned] [--my-team] [--breached]
 * [--waiting] [--all] [--filter TEXT] [--json]`: one page of the queue,
 * with the queue view's quick filters and its / text filter (they
 * combine, as there). Plain text is a sanitised
 * table followed by `next: CURSOR` when more tickets follow; --json prints
 * the document PostgreSQL builds, whose "next" field does the same. */
#include "cli/queue.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/queue.h"
#include "ui/layout.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define MAX_LIMIT 1000

const char cli_queue_forms[] = N_(
	"queue [--limit N] [--after CURSOR] [--status S] [--team T] [--mine] [--following] "
	"[--unassigned] [--my-team] [--breached] [--waiting] [--all] [--filter TEXT] [--json]");

enum { C_ID, C_SEV, C_SLA, C_STATUS, C_CUSTOMER, C_TEAM, C_ASSIGNEE, C_ESC, C_TITLE, NCOLS };

static const struct layout_column columns[NCOLS] = {
	[C_ID] = { N_("ID"), 7, 9, 0, true },
	[C_SEV] = { N_("SEV"), 3, 3, 0, true },
	[C_SLA] = { N_("SLA"), 8, 10, 1, false },
	[C_STATUS] = { N_("STATUS"), 8, 22, 1, false },
	[C_CUSTOMER] = { N_("CUSTOMER"), 8, 24, 2, false },
	[C_TEAM] = { N_("TEAM"), 6, 18, 4, false },
	[C_ASSIGNEE] = { N_("ASSIGNEE"), 6, 18, 3, false },
	[C_ESC] = { N_("ESC"), 3, 3, 5, true },
	[C_TITLE] = { N_("TITLE"), 10, 0, 0, false },
};

/* Prints a table line without the padding at its end. */
static void print_line(struct strbuf *line)
{
	sb_trim_spaces(line);
	printf("%s\n", line->buf);
}

/* The cells of a row of the queue (strings the page or the catalogue own;
 * the numbers in the caller's buffers). */
struct row_cells {
	char id[24], sev[8], esc[8];
	const char *cells[NCOLS];
};

static void row_cells(const struct queue_row *r, struct row_cells *rc)
{
	snprintf(rc->id, sizeof(rc->id), "%lld", r->key.id);
	snprintf(rc->sev, sizeof(rc->sev), "%d", r->key.severity);
	snprintf(rc->esc, sizeof(rc->esc), "%d", r->escalation);
	rc->cells[C_ID] = rc->id;
	rc->cells[C_SEV] = rc->sev;
	rc->cells[C_SLA] = *r->sla_state ? i18n_term("sla_state", r->sla_state) : "-";
	rc->cells[C_STATUS] = i18n_term("status", r->status);
	rc->cells[C_CUSTOMER] = r->customer;
	rc->cells[C_TEAM] = i18n_db(r->team);
	rc->cells[C_ASSIGNEE] = r->assignee[0] ? r->assignee : "-";
	rc->cells[C_ESC] = rc->esc;
	rc->cells[C_TITLE] = r->title;
}

/* The columns' widths: on a terminal, laid out to its width (the title
 * takes what is left, the others shrink or go by priority); piped into a
 * file or a program, each as wide as its widest cell, so nothing is cut
 * (a title a script greps for, a long customer name). */
static void column_widths(const struct layout_column *cols, const struct queue_page *page, int shown,
			  int *widths)
{
	int term = cli_terminal_cols();
	if (term > 0) {
		layout_columns(cols, NCOLS, term >= 40 ? term : 40, widths);
		return;
	}
	for (int c = 0; c < NCOLS; c++)
		widths[c] = text_width(cols[c].title);
	for (int i = 0; i < shown; i++) {
		struct row_cells rc;
		row_cells(&page->rows[i], &rc);
		for (int c = 0; c < NCOLS; c++) {
			struct strbuf clean;
			sb_init(&clean);
			text_sanitize(&clean, rc.cells[c], strlen(rc.cells[c]), i18n_utf8() ? 0 : TEXT_ASCII);
			int w = text_width(clean.buf);
			if (w > widths[c])
				widths[c] = w;
			sb_done(&clean);
		}
	}
}

static int print_plain(struct db *db, const struct queue_filter *f, const struct queue_key *after,
		       int limit, struct tt_error *err)
{
	struct queue_page page;
	int widths[NCOLS];
	const char *titles[NCOLS];
	struct strbuf line;
	int flags = i18n_utf8() ? 0 : TEXT_ASCII;

	queue_page_init(&page);
	int rc = queue_fetch(db, f, after ? QUEUE_AFTER : QUEUE_FIRST, after, limit + 1, &page, err);
	if (rc) {
		queue_page_done(&page);
		return rc;
	}
	/* a fixed-width column is never narrower than its translated title
	 * ("GRAV" over the severity, not "GR…") */
	struct layout_column cols[NCOLS];
	memcpy(cols, columns, sizeof(columns));
	for (int c = 0; c < NCOLS; c++) {
		titles[c] = cols[c].title = _(columns[c].title);
		int tw = text_width(titles[c]);
		if (cols[c].min == cols[c].max && tw > cols[c].max)
			cols[c].min = cols[c].max = tw;
	}
	int shown = page.n < limit ? page.n : limit;
	column_widths(cols, &page, shown, widths);
	sb_init(&line);
	layout_row(&line, cols, NCOLS, widths, titles, flags);
	print_line(&line);
	for (int i = 0; i < shown; i++) {
		struct row_cells rcells;
		row_cells(&page.rows[i], &rcells);
		sb_reset(&line);
		layout_row(&line, cols, NCOLS, widths, rcells.cells, flags);
		print_line(&line);
	}
	if (page.n > limit) {
		sb_reset(&line);
		queue_key_format(&page.rows[limit - 1].key, &line);
		printf("next: %s\n", line.buf);
	}
	sb_done(&line);
	queue_page_done(&page);
	return 0;
}

int cli_queue(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ "after", required_argument, NULL, 'a' },
		{ "status", required_argument, NULL, 's' },
		{ "team", required_argument, NULL, 't' },
		{ "mine", no_argument, NULL, 'm' },
		{ "following", no_argument, NULL, 'f' },
		{ "unassigned", no_argument, NULL, 'u' },
		{ "my-team", no_argument, NULL, 'T' },
		{ "breached", no_argument, NULL, 'b' },
		{ "waiting", no_argument, NULL, 'w' },
		{ "all", no_argument, NULL, 'A' },
		{ "filter", required_argument, NULL, 'x' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct queue_filter f;
	struct queue_key after;
	bool have_after = false, json = false;
	int limit = 50;
	int c, rc;

	queue_filter_init(&f);
	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "+", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE) {
			queue_filter_done(&f);
			return cli_given_twice(cli_queue_forms, seen.twice);
		}
		switch (c) {
		case 'l':
			if (!cli_parse_limit(optarg, MAX_LIMIT, &limit)) {
				queue_filter_done(&f);
				return cli_usage(cli_queue_forms, _("--limit must be a number from 1 to %d"), MAX_LIMIT);
			}
			break;
		case 'a':
			if (!queue_key_parse(optarg, &after)) {
				queue_filter_done(&f);
				return cli_usage(cli_queue_forms, _("'%s' is not a queue cursor (use the next: value)"), optarg);
			}
			have_after = true;
			break;
		case 's':
			free(f.status);
			f.status = xstrdup(optarg);
			break;
		case 't':
			free(f.team);
			f.team = xstrdup(optarg);
			break;
		case 'm':
			f.mine = true;
			break;
		case 'f':
			f.following = true;
			break;
		case 'u':
			f.unassigned = true;
			break;
		case 'T':
			f.my_team = true;
			break;
		case 'b':
			f.breached = true;
			break;
		case 'w':
			f.waiting = true;
			break;
		case 'A':
			f.all_states = true;
			break;
		case 'x':
			free(f.text);
			f.text = *optarg ? xstrdup(optarg) : NULL;
			break;
		case 'j':
			json = true;
			break;
		default:
			queue_filter_done(&f);
			return cli_bad_option(cli_queue_forms, &seen);
		}
	}
	if (optind < argc) {
		queue_filter_done(&f);
		return cli_usage(cli_queue_forms, _("unexpected argument '%s'"), argv[optind]);
	}

	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	rc = app_db(app, &db, &err);
	if (!rc && f.status)
		rc = queue_check_status(db, f.status, &err);
	if (!rc && f.team)
		rc = queue_check_team(db, f.team, &err);
	if (!rc && json) {
		char *doc = NULL;
		rc = queue_json(db, &f, have_after ? &after : NULL, limit, &doc, &err);
		if (!rc)
			printf("%s\n", doc);
		free(doc);
	} else if (!rc) {
		rc = print_plain(db, &f, have_after ? &after : NULL, limit, &err);
	}
	if (rc)
		rc = cli_fail(&err);
	tt_error_clear(&err);
	queue_filter_done(&f);
	return rc;
}
