/* `ticketty ticket show ID [--quoted] [--json]`: every field, the
 * deadlines, the escalation chain, the customer's other tickets (the
 * first few, and the command that lists them all), the attachments (id, name, type, size)
 * and the whole timeline as sanitised plain text (the ticket view's
 * renderer, model/ticket_render.h; the earlier mail a customer quoted
 * folded unless --quoted), or the JSON object PostgreSQL builds, printed
 * exactly (every body whole). */
#include "cli/ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/inbox.h"
#include "model/ticket.h"
#include "model/ticket_render.h"
#include "util/bytesize.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char usage[] = "ticket show ID [--quoted] [--json]";

/* The whole timeline is printed: one statement brings up to 5,000 entries
 * (a 4,000-entry ticket in one round trip, about 1 MB held at a time). */
#define TIMELINE_PAGE 5000

static int text_flags(void)
{
	return i18n_utf8() ? 0 : TEXT_ASCII;
}

/* The text on its way to stdout: written in large pieces (one write per
 * OUT_FLUSH bytes, not one per line), with the sanitising flags read once;
 * on a terminal of `cols` columns each line word-wrapped, continuations
 * hanging under the value (0: piped, lines whole). */
struct out_buf {
	struct strbuf sb;
	int flags;
	int cols;
};
#define OUT_FLUSH (256 * 1024)

static void out_flush(struct out_buf *o)
{
	fwrite(o->sb.buf, 1, o->sb.len, stdout);
	sb_reset(&o->sb);
}

/* The shared renderer's sink: each line sanitised (database text is
 * hostile on a terminal), styles dropped. */
static void add_line(void *arg, const char *line)
{
	struct out_buf *o = arg;
	sb_add(&o->sb, line);
	sb_addc(&o->sb, '\n');
}

static void print_line(void *arg, const char *text, enum tr_style style)
{
	struct out_buf *o = arg;
	(void)style;
	if (!o->cols) {
		text_sanitize(&o->sb, text, strlen(text), o->flags | TEXT_MULTILINE | TEXT_TABS);
		sb_addc(&o->sb, '\n');
	} else {
		struct strbuf clean;
		sb_init(&clean);
		text_sanitize(&clean, text, strlen(text), o->flags | TEXT_MULTILINE | TEXT_TABS);
		cli_each_line(clean.buf, o->cols, add_line, o);
		sb_done(&clean);
	}
	if (o->sb.len >= OUT_FLUSH)
		out_flush(o);
}

/* A line that stays one row (a table's): on a terminal cut at its width,
 * piped whole. */
static void print_row(void *arg, const char *text, enum tr_style style)
{
	struct out_buf *o = arg;
	(void)style;
	struct strbuf clean;
	sb_init(&clean);
	text_sanitize(&clean, text, strlen(text), o->flags | TEXT_TABS);
	if (o->cols && text_width(clean.buf) > o->cols) {
		size_t start = o->sb.len;
		text_fit(&o->sb, clean.buf, o->cols, o->flags);
		while (o->sb.len > start && o->sb.buf[o->sb.len - 1] == ' ')
			sb_truncate(&o->sb, o->sb.len - 1);
	} else {
		sb_add(&o->sb, clean.buf);
	}
	sb_addc(&o->sb, '\n');
	sb_done(&clean);
}

/* A label padded to 22 cells and its value, both sanitised. */
static void field(const char *label, const char *value)
{
	struct strbuf sb;
	sb_init(&sb);
	text_pad(&sb, label, 22, text_flags());
	sb_addc(&sb, ' ');
	text_sanitize(&sb, value, strlen(value), text_flags());
	printf("%s\n", sb.buf);
	sb_done(&sb);
}

/* "Attachments" with one line each: id (for `attachment get`), name,
 * type, bytes, and "sent" for the files an agent sent the customer,
 * "internal" for those on a note. */
static void print_attachments(const struct attachment_list *l)
{
	if (!l->n)
		return;
	printf("\n%s\n", _("Attachments"));
	for (size_t i = 0; i < l->n; i++) {
		char *num = xasprintf("  #%lld", l->items[i].id);
		struct strbuf size;
		sb_init(&size);
		bytesize_add(&size, l->items[i].size);
		const char *mark = attachment_mark(&l->items[i]);
		char *v = xasprintf("%s  %s  %s%s%s", l->items[i].filename, l->items[i].type, size.buf,
				    mark ? "  " : "", mark ? mark : "");
		sb_done(&size);
		field(num, v);
		free(v);
		free(num);
	}
}

/* The timeline: the first page came with the ticket; the rest, if any,
 * TIMELINE_PAGE entries a round trip. */
static int print_timeline(struct db *db, long long id, long total, bool quoted,
			  struct timeline_page *page, struct tt_error *err)
{
	struct out_buf o = { .flags = text_flags(), .cols = cli_terminal_cols() };
	const struct tr_sink out = { .line = print_line, .arg = &o, .show_quoted = quoted,
				     .quoted_hint = _("--quoted shows them"), .show_versions = true };
	int rc = 0;

	sb_init(&o.sb);
	printf("\n%s\n", _("Timeline"));
	if (total == 0)
		printf("  %s\n", _("(nothing yet)"));
	for (;;) {
		ticket_render_entries(&out, page->entries, page->n);
		out_flush(&o);
		struct timeline_cursor cur = page->next;
		bool more = page->more;
		timeline_page_done(page);
		if (!more || (rc = ticket_timeline_load(db, id, &cur, TIMELINE_PAGE, page, err)))
			break;
	}
	sb_done(&o.sb);
	return rc;
}

int cli_ticket_show(struct app *app, int argc, char **argv)
{
	bool json = false, quoted = false;
	const char *ids = NULL;
	long long id;
	struct tt_error err;
	struct db *db;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--quoted"))
			quoted = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage(usage, _("unknown option '%s'"), argv[i]);
		else if (ids)
			return cli_usage(usage, _("unexpected argument '%s'"), argv[i]);
		else
			ids = argv[i];
	}
	if (!ids)
		return cli_usage(usage, "%s", _("which ticket?"));
	if (!cli_parse_id(ids, &id))
		return cli_usage(usage, _("'%s' is not a ticket id"), ids);
	tt_error_init(&err);
	if ((rc = app_db(app, &db, &err)) == 0) {
		if (json) {
			char *text = NULL;
			if ((rc = ticket_show_json(db, id, &text, &err)) == 0)
				printf("%s\n", text);
			free(text);
		} else {
			struct ticket_detail *t = NULL;
			struct timeline_page page;
			struct attachment_list files;
			/* the ticket, its files and the first page: one round trip */
			if ((rc = ticket_load(db, id, TIMELINE_PAGE, &t, &page, &files, &err)) == 0) {
				/* the figures at the database's clock of the read */
				struct out_buf o = { .flags = text_flags(), .cols = cli_terminal_cols() };
				/* where the customer's other tickets are all listed */
				char *hint = xasprintf("ticketty ticket history %lld", id);
				sb_init(&o.sb);
				ticket_render_detail(&(struct tr_sink){ .line = print_line, .row = print_row, .arg = &o,
									.history_hint = hint, .show_versions = true },
						     t, t->now_us);
				free(hint);
				out_flush(&o);
				sb_done(&o.sb);
				print_attachments(&files);
				attachment_list_done(&files);
				rc = print_timeline(db, id, t->timeline_total, quoted, &page, &err);
				ticket_detail_free(t);
			}
		}
	}
	if (rc)
		rc = cli_fail(&err);
	tt_error_clear(&err);
	return rc;
}
