/* `ticket import [FILE|-] [--refused FILE]`: tickets from JSON Lines, one
 * ticket object a line (blank lines skipped), each checked as `ticket new
 * --json` checks its document, then sent IMPORT_BATCH at a time to
 * api_ticket_create_many (model/intake_import.h): one call and one
 * transaction a batch. Prints "LINE TICKET" on stdout for each line taken
 * in (a new ticket, or the one its idempotency key made before). A
 * refused line is said on stderr with every refused field, and with
 * --refused written into that file as it was read, to be mended and
 * imported again; when a call fails, its lines and every line after them
 * go there too. Exit 0 when every line was taken in, 65 when some were
 * refused, the failed call's code when one failed (nothing more is sent). */
#include "cli/ticket_import.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "model/intake.h"
#include "model/intake_import.h"
#include "util/fs.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char usage[] = "ticket import [FILE|-] [--refused FILE]";

/* Tickets a call; a batch is sent sooner once its payloads pass
 * IMPORT_BATCH_BYTES (a line may hold a document of CLI_DOC_MAX). */
#define IMPORT_BATCH 500
#define IMPORT_BATCH_BYTES ((size_t)8 << 20)

struct pending {       /* a line waiting in the batch, said in order */
	long line;
	char *payload;     /* as intake_payload_from_json rebuilt it; NULL
	                      when refused here (why) */
	struct tt_error why;
	char *raw;         /* as read, for --refused; NULL when too long */
	size_t raw_len;
};

struct import {
	struct db *db;
	FILE *in;
	FILE *refused;     /* --refused, or NULL */
	struct pending batch[IMPORT_BATCH];
	size_t n, bytes;
	long taken, refused_lines;
};

/* One line of `in` (without its line feed) onto sb, at most CLI_DOC_MAX
 * bytes kept; *over when it was longer (the rest read and dropped).
 * False at the end of the input, with nothing read. */
static bool read_line(FILE *in, struct strbuf *sb, bool *over)
{
	bool any = false;
	int c;

	sb_reset(sb);
	*over = false;
	while ((c = getc(in)) != EOF) {
		any = true;
		if (c == '\n')
			return true;
		if (sb->len < CLI_DOC_MAX)
			sb_addc(sb, (char)c);
		else
			*over = true;
	}
	return any;
}

static void keep_refused(struct import *im, const char *raw, size_t len)
{
	if (im->refused && raw) {
		fwrite(raw, 1, len, im->refused);
		fputc('\n', im->refused);
	}
}

/* Says why line `line` was refused (err: its message and fields) and
 * keeps the line in --refused. */
static void refuse(struct import *im, long line, const char *raw, size_t len, struct tt_error *err)
{
	char *why = xstrdup(err->message ? err->message : "");
	tt_error_set(err, err->code ? err->code : EX_DATAERR, _("line %ld: %s"), line, why);
	free(why);
	tt_error_print(err);
	keep_refused(im, raw, len);
	im->refused_lines++;
}

static void batch_clear(struct import *im)
{
	for (size_t i = 0; i < im->n; i++) {
		free(im->batch[i].payload);
		free(im->batch[i].raw);
		tt_error_clear(&im->batch[i].why);
	}
	im->n = 0;
	im->bytes = 0;
}

/* A call failed with rc (err): err now names the batch's lines (as
 * perhaps imported when `sent` and the connection was lost), and they go
 * to --refused. Returns rc. */
static int batch_failed(struct import *im, int rc, bool sent, struct tt_error *err)
{
	long first = im->batch[0].line, last = im->batch[im->n - 1].line;
	char *why = xstrdup(err->message ? err->message : "");
	if (sent && rc == EX_UNAVAILABLE)
		tt_error_set(err, rc, _("lines %ld-%ld: %s; they may or may not have been imported "
					"(with an idempotency_key in each ticket, importing them again "
					"creates none twice)"), first, last, why);
	else
		tt_error_set(err, rc, _("lines %ld-%ld were not imported: %s"), first, last, why);
	free(why);
	for (size_t i = 0; i < im->n; i++)
		keep_refused(im, im->batch[i].raw, im->batch[i].raw_len);
	return rc;
}

/* Sends the batch, then says what became of each of its lines. A failed
 * call: batch_failed. */
static int flush(struct import *im, struct tt_error *err)
{
	struct intake_import_item items[IMPORT_BATCH];
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; i < im->n; i++)
		if (im->batch[i].payload)
			items[n++].payload = im->batch[i].payload;
	if (n)
		rc = intake_submit_many(im->db, items, n, err);
	if (rc) {
		batch_failed(im, rc, true, err);
	} else {
		for (size_t i = 0, k = 0; i < im->n; i++) {
			struct pending *p = &im->batch[i];
			if (!p->payload) {
				refuse(im, p->line, p->raw, p->raw_len, &p->why);
				if (!p->raw)
					fprintf(stderr, "ticketty: %s\n", _("a line that long is not kept in --refused"));
			} else if (items[k].id) {
				printf("%ld %lld\n", p->line, items[k++].id);
				im->taken++;
			} else {
				refuse(im, p->line, p->raw, p->raw_len, &items[k++].err);
			}
		}
		fflush(stdout);
	}
	for (size_t i = 0; i < n; i++)
		tt_error_clear(&items[i].err);
	batch_clear(im);
	return rc;
}

/* Line `line` (sb): checked, then refused at once or added to the batch
 * (sent when full). Returns a failed call's code. */
static int take_line(struct import *im, long line, struct strbuf *sb, bool over, struct tt_error *err)
{
	struct tt_error bad, why;
	struct strbuf json;

	if (text_blank_n(sb->buf, sb->len))
		return 0;
	tt_error_init(&why);
	tt_error_init(&bad);
	sb_init(&json);
	int rc = 0;
	if (over)
		rc = tt_error_set(&why, EX_DATAERR, _("longer than %zu MiB, more than any ticket can be: not read"),
				  CLI_DOC_MAX >> 20);
	else
		rc = intake_payload_from_json(sb->buf, sb->len, &json, &bad, &why);
	int failed = 0;
	if (!rc && bad.nfields) {
		/* bytes the database cannot take (intake_payload.h): the fields
		 * refused here and every other problem of the ticket, as `ticket
		 * new` says them; nothing is created */
		long long id;
		rc = intake_submit(im->db, json.buf, &bad, &id, &why);
		if (rc != EX_DATAERR)
			failed = rc ? rc : EX_SOFTWARE;
	}
	struct pending *p = &im->batch[im->n++];
	p->line = line;
	p->raw_len = over ? 0 : sb->len;
	p->raw = over ? NULL : xstrndup(sb->buf, sb->len);
	im->bytes += sb->len;
	if (rc) {
		p->payload = NULL;
		p->why = why;   /* said when the batch is */
	} else {
		p->payload = sb_detach(&json);
		tt_error_init(&p->why);
		tt_error_clear(&why);
	}
	tt_error_clear(&bad);
	sb_done(&json);
	if (failed) {
		/* the check itself failed: this line and the batch before it
		 * were not sent */
		tt_error_clear(err);
		*err = p->why;
		tt_error_init(&p->why);
		batch_failed(im, failed, false, err);
		batch_clear(im);
		return failed;
	}
	if (im->n == IMPORT_BATCH || im->bytes >= IMPORT_BATCH_BYTES)
		return flush(im, err);
	return 0;
}

/* After a failed call: the lines not read yet go to --refused as well. */
static void keep_rest(struct import *im, struct strbuf *sb)
{
	bool over;
	if (!im->refused)
		return;
	while (read_line(im->in, sb, &over))
		if (!over && !text_blank_n(sb->buf, sb->len))
			keep_refused(im, sb->buf, sb->len);
}

static void summary(const struct import *im)
{
	char *taken = xasprintf(ngettext("%ld ticket taken in", "%ld tickets taken in",
					 (unsigned long)im->taken), im->taken);
	char *refused = xasprintf(ngettext("%ld line refused", "%ld lines refused",
					   (unsigned long)im->refused_lines), im->refused_lines);
	fprintf(stderr, "ticketty: %s, %s\n", taken, refused);
	free(taken);
	free(refused);
}

int cli_ticket_import(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "refused", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = "-", *refused_path = NULL;
	struct cli_seen seen = { 0 };
	int c;

	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(usage, &seen);
		refused_path = optarg;
	}
	if (argc - optind > 1)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[optind + 1]);
	if (argc - optind == 1)
		path = argv[optind];

	struct tt_error err;
	struct strbuf line;
	struct import *im = xcalloc(1, sizeof(*im));
	long lineno = 0;
	bool over;
	int rc;

	tt_error_init(&err);
	sb_init(&line);
	/* the input first: a file that is not there is said before any
	 * connection is tried */
	if (!(im->in = fs_open_input(path, &err))) {
		rc = err.code;
		goto done;
	}
	if ((rc = app_db(app, &im->db, &err)))
		goto done;
	struct stat in_st, out_st;
	if (refused_path && !fstat(fileno(im->in), &in_st) && !stat(refused_path, &out_st) &&
	    in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino) {
		/* opening it to write would empty the input before it is read */
		rc = tt_error_set(&err, EX_USAGE, _("--refused %s is the file being imported: give another file"),
				  refused_path);
		goto done;
	}
	if (refused_path && !(im->refused = fopen(refused_path, "w"))) {
		rc = tt_error_set(&err, EX_CANTCREAT, _("cannot write %s: %s"), refused_path, strerror(errno));
		goto done;
	}
	while (!rc && read_line(im->in, &line, &over))
		rc = take_line(im, ++lineno, &line, over, &err);
	if (!rc && ferror(im->in))
		rc = tt_error_set(&err, EX_IOERR, "%s: %s: %s", path, _("read error"), strerror(errno));
	if (!rc)
		rc = flush(im, &err);
	if (rc)
		keep_rest(im, &line);
	if (!rc && !im->taken && !im->refused_lines)
		rc = tt_error_set(&err, EX_DATAERR, "%s",
				  _("no ticket to import: give one JSON object a line"));

done:
	batch_clear(im);
	if (im->in)
		fs_close_input(im->in);
	if (im->refused && fclose(im->refused) && !rc)
		rc = tt_error_set(&err, EX_IOERR, _("cannot write %s: %s"), refused_path, strerror(errno));
	if (rc)
		cli_fail(&err);
	if (im->refused_lines || (rc && im->taken))
		summary(im);
	if (im->refused && (im->refused_lines || rc))
		fprintf(stderr, "ticketty: %s %s\n", _("the lines not taken in are in"), refused_path);
	if (!rc && im->refused_lines)
		rc = EX_DATAERR;
	tt_error_clear(&err);
	sb_done(&line);
	free(im);
	return rc;
}
