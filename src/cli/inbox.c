/* `ticketty inbox list [--held] [--filter TEXT] [--limit N] [--after ID]
 * [--json]` (a page at a time, oldest first, `next: ID` under it when more
 * follow; --filter keeps the mail whose sender or subject holds TEXT, as
 * the inbox view's / does),
 * `inbox show ID`, `inbox accept ID
 * [--json FILE|-] [--set FIELD=VALUE ...]` (a ticket: the mail's own
 * customer, contact, title, description and screenshots, then these),
 * `inbox ask ID`, `inbox refuse ID not_spoc|account_rep`, `inbox discard
 * ID`, `inbox note ID` (held mail of a ticket onto it as an internal note;
 * each says what it did: ask the items it asked for, refuse whom the
 * sender was sent to, as the inbox view shows them before asking),
 * `inbox raw ID [-o FILE]` (any received mail as it came); `ticketty
 * attachment get ID [-o FILE]`, `attachment list TICKET [--json]`. */
#include "cli/inbox.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/inbox.h"
#include "model/inbox_page.h"
#include "model/intake.h"
#include "model/ticket.h"
#include "util/bytesize.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

/* the page of `inbox list`: by default, and at most */
#define LIST_LIMIT 50
#define LIST_MAX 1000

const char cli_inbox_forms[] = N_(
	"inbox list [--held] [--filter TEXT] [--limit N] [--after ID] [--json] | inbox show ID [--json] | inbox accept ID [--json FILE|-] [--set FIELD=VALUE ...] | "
	"inbox ask ID | inbox refuse ID not_spoc|account_rep | inbox discard ID | inbox note ID | "
	"inbox raw ID [-o FILE]");
const char cli_attachment_forms[] = N_("attachment get ID [-o FILE] | attachment list TICKET [--json]");

/* One message of the list as the table's cells (the time in the desk's
 * zone, state and hold reason in words, "2 files"); `buf` and `when` hold
 * the cells that are made here. */
static void item_cells(const struct inbox_item *it, char buf[3][128], struct strbuf *when, const char **row)
{
	sb_reset(when);
	timefmt_append_cell(when, it->received_at, INT_MAX);
	snprintf(buf[0], sizeof(buf[0]), "%lld", it->id);
	struct strbuf state;
	sb_init(&state);
	inbox_state_words(it, &state);
	snprintf(buf[1], sizeof(buf[1]), "%s", state.buf);
	sb_done(&state);
	if (it->files)
		snprintf(buf[2], sizeof(buf[2]), ngettext("%d file", "%d files", it->files), it->files);
	else
		snprintf(buf[2], sizeof(buf[2]), "-");
	row[0] = buf[0];
	row[1] = when->buf;
	row[2] = it->from;
	row[3] = *it->customer ? it->customer : "-";
	row[4] = buf[1];
	row[5] = buf[2];
	row[6] = it->subject;
}

/* The messages as a table under a header. */
static void print_items(const struct inbox_item *items, size_t n)
{
	const char *head[] = { _("ID"), _("RECEIVED"), _("FROM"), _("CUSTOMER"), _("STATE"), _("FILES"),
			       _("SUBJECT") };
	const int cap[] = { 0, 0, 30, 20, 0, 0, 50 };
	struct cli_table *t = cli_table_new(7, head, cap);
	struct strbuf when;
	sb_init(&when);
	for (size_t i = 0; i < n; i++) {
		char buf[3][128];
		const char *row[7];
		item_cells(&items[i], buf, &when, row);
		cli_table_add(t, row);
	}
	sb_done(&when);
	cli_table_print(t, stdout);
	cli_table_free(t);
}

/* One page of the list `f` keeps, after mail after_id when have_after. */
static int list_page(struct app *app, const struct inbox_filter *f, bool have_after, long long after_id,
		     int limit, bool json)
{
	struct tt_error err;
	struct db *db;
	struct inbox_key after;
	tt_error_init(&err);
	if (app_db(app, &db, &err) || (have_after && inbox_key_of(db, after_id, &after, &err)))
		return cli_fail(&err);
	if (json) {
		char *text;
		if (inbox_json(db, f, have_after ? &after : NULL, limit, &text, &err))
			return cli_fail(&err);
		printf("%s\n", text);
		free(text);
		return 0;
	}
	struct inbox_list l;
	inbox_list_init(&l);
	/* one more than the page: whether another follows */
	if (inbox_fetch(db, f, have_after ? INBOX_AFTER : INBOX_FIRST, have_after ? &after : NULL,
			limit + 1, &l, NULL, &err)) {
		inbox_list_done(&l);
		return cli_fail(&err);
	}
	if (!l.n)
		puts(have_after ? _("no more mail")
		     : inbox_filter_has_text(f) ? _("no mail matches the filter")
		     : f->held ? _("no held mail") : _("the inbox is empty"));
	else
		print_items(l.items, l.n > (size_t)limit ? (size_t)limit : l.n);
	if (l.n > (size_t)limit)
		printf("next: %lld\n", l.items[limit - 1].id);
	inbox_list_done(&l);
	return 0;
}

/* `inbox list`: one page of the list, oldest first; the next one is
 * read with --after the id printed on the `next:` line. */
static int list(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "held", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "limit", required_argument, NULL, 'l' },
		{ "after", required_argument, NULL, 'a' },
		{ "filter", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct inbox_filter f;
	bool json = false, have_after = false;
	long long after_id = 0;
	int limit = LIST_LIMIT;
	int c;
	struct cli_seen seen = { 0 };

	inbox_filter_init(&f);
	optind = 0;
	opterr = 0;
	/* argv[1] is "list": its options follow it */
	while ((c = cli_getopt(argc - 1, argv + 1, "+", opts, "", &seen)) != -1) {
		switch (c) {
		case CLI_OPT_TWICE:
			inbox_filter_done(&f);
			return cli_given_twice(cli_inbox_forms, seen.twice);
		case 'h':
			f.held = true;
			break;
		case 'f':
			inbox_filter_text(&f, optarg);
			break;
		case 'j':
			json = true;
			break;
		case 'l':
			if (!cli_parse_limit(optarg, LIST_MAX, &limit)) {
				inbox_filter_done(&f);
				return cli_usage(cli_inbox_forms, _("--limit must be a number from 1 to %d"), LIST_MAX);
			}
			break;
		case 'a':
			if (!cli_parse_id(optarg, &after_id)) {
				inbox_filter_done(&f);
				return cli_usage(cli_inbox_forms, _("--after needs the number of a mail, not '%s'"), optarg);
			}
			have_after = true;
			break;
		default:
			inbox_filter_done(&f);
			return cli_bad_option(cli_inbox_forms, &seen);
		}
	}
	if (optind + 1 < argc) {
		inbox_filter_done(&f);
		return cli_usage(cli_inbox_forms, _("unexpected argument '%s'"), argv[optind + 1]);
	}
	int rc = list_page(app, &f, have_after, after_id, limit, json);
	inbox_filter_done(&f);
	return rc;
}

static void print_files(const struct attachment_list *l, bool kinds);

/* `inbox show ID --json`: the mail, its files and its intake fields. */
static int show_json(struct db *db, long long id, struct tt_error *err)
{
	char *text;
	if (inbox_get_json(db, id, &text, err))
		return err->code;
	printf("%s\n", text);
	free(text);
	return 0;
}

static int show(struct db *db, long long id, struct tt_error *err)
{
	struct inbox_list l;
	char *prefill = NULL;
	if (inbox_get(db, id, &l, err)) {
		inbox_list_done(&l);
		return err->code;
	}
	print_items(l.items, 1);
	fputc('\n', stdout);
	cli_print_text(l.items[0].body ? l.items[0].body : "", cli_terminal_cols());
	struct attachment_list files;
	if (l.items[0].files && !attachment_list_load_mail(db, id, &files, err)) {
		printf("\n%s\n", _("Files (save one with: ticketty attachment get ID -o FILE):"));
		print_files(&files, false);
		attachment_list_done(&files);
	}
	if (!err->code && !inbox_prefill(db, id, &prefill, err)) {
		printf("\n%s ", _("Intake fields from the mail:"));
		cli_put(stdout, prefill);
		fputc('\n', stdout);
	}
	free(prefill);
	/* what `inbox ask` would ask for, as the inbox view lists it first */
	char *missing = NULL;
	if (!err->code && !inbox_missing(db, id, i18n_language(), &missing, err)) {
		printf("%s ", _("Missing for a ticket (inbox ask requests it):"));
		cli_put(stdout, *missing ? missing : _("nothing"));
		fputc('\n', stdout);
	}
	free(missing);
	inbox_list_done(&l);
	return err->code;
}

/* After `inbox ask ID`: what the request listed (the mail's content,
 * which the request did not change, read as the inbox view lists it);
 * the bare fact when that cannot be read. */
static void said_asked(struct db *db, long long id)
{
	struct tt_error err;
	char *missing = NULL;
	tt_error_init(&err);
	if (inbox_missing(db, id, i18n_language(), &missing, &err)) {
		printf(_("mail %lld: the missing items were requested"), id);
		fputc('\n', stdout);
	} else if (*missing) {
		struct strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, _("mail %lld: the sender was asked for: %s"), id, missing);
		cli_put(stdout, sb.buf);
		fputc('\n', stdout);
		sb_done(&sb);
	} else {
		printf(_("mail %lld: the sender was asked for details; nothing mandatory was missing"), id);
		fputc('\n', stdout);
	}
	free(missing);
	tt_error_clear(&err);
}

/* After `inbox refuse ID REASON`: whom the sender was sent to (the
 * customer's authorised contacts, or its account representative). */
static void said_refused(struct db *db, long long id, const char *reason)
{
	struct tt_error err;
	struct inbox_refusal who;
	struct strbuf sb;
	bool spoc = !strcmp(reason, "not_spoc");
	tt_error_init(&err);
	sb_init(&sb);
	if (inbox_refusal_names(db, id, &who, &err))
		memset(&who, 0, sizeof(who));
	if (spoc && who.spoc && *who.spoc)
		sb_addf(&sb, _("mail %lld refused: the sender was told to ask %s"), id, who.spoc);
	else if (!spoc && who.rep_email && *who.rep_email)
		sb_addf(&sb, _("mail %lld refused: the sender was sent to the account representative, %s <%s>"),
			id, who.rep_name, who.rep_email);
	else
		sb_addf(&sb, spoc ? _("mail %lld refused: the sender was told whom to ask")
				  : _("mail %lld refused: the sender was sent to the account representative"), id);
	cli_put(stdout, sb.buf);
	fputc('\n', stdout);
	sb_done(&sb);
	inbox_refusal_done(&who);
	tt_error_clear(&err);
}

/* What `inbox accept ID` was given: --json FILE|- at most once, --set
 * FIELD=VALUE at most once a field (a second would silently win). */
struct accept_args {
	const char *json_path;          /* NULL: none */
	struct intake_value *values;    /* owned, and each name */
	size_t n;
};

static void accept_args_done(struct accept_args *a)
{
	for (size_t i = 0; i < a->n; i++)
		free((char *)a->values[i].name);
	free(a->values);
}

/* Reads the arguments after the mail's number, before anything is sent:
 * 0, or 64 said (cli_usage). */
static int accept_args(int argc, char **argv, struct accept_args *a)
{
	a->json_path = NULL;
	a->values = xcalloc((size_t)argc, sizeof(*a->values));
	a->n = 0;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--json") && strcmp(argv[i], "--set"))
			return cli_usage(cli_inbox_forms, _("unexpected argument '%s'"), argv[i]);
		if (i + 1 >= argc)
			return cli_usage(cli_inbox_forms, _("%s needs a value"), argv[i]);
		const char *val = argv[++i];
		if (!strcmp(argv[i - 1], "--json")) {
			if (a->json_path)
				return cli_given_twice(cli_inbox_forms, "--json");
			a->json_path = val;
			continue;
		}
		const char *eq = strchr(val, '=');
		if (!eq || eq == val)
			return cli_usage(cli_inbox_forms, _("--set needs FIELD=VALUE, not '%s'"), val);
		for (size_t k = 0; k < a->n; k++)
			if (strlen(a->values[k].name) == (size_t)(eq - val) &&
			    !strncmp(a->values[k].name, val, (size_t)(eq - val))) {
				char *name = xasprintf("--set %s", a->values[k].name);
				int rc = cli_given_twice(cli_inbox_forms, name);
				free(name);
				return rc;
			}
		a->values[a->n].name = xstrndup(val, (size_t)(eq - val));
		a->values[a->n].text = eq + 1;
		a->values[a->n].len = strlen(eq + 1);
		a->n++;
	}
	return 0;
}

/* The ticket fields given on the command line, as a payload object. */
static int accept_payload(struct db *db, const struct accept_args *a, struct strbuf *json,
			  struct tt_error *bad, struct tt_error *err)
{
	const struct intake_value *values = a->values;
	size_t n = a->n;
	int rc = 0;
	sb_add(json, "{}");
	if (a->json_path) {
		struct strbuf doc;
		sb_init(&doc);
		sb_reset(json);
		rc = cli_read_document(a->json_path, &doc, err);
		if (!rc)
			rc = intake_payload_from_json(doc.buf, doc.len, json, bad, err);
		sb_done(&doc);
	}
	if (!rc && n) {
		struct intake_meta meta = { 0 };
		struct strbuf set;
		sb_init(&set);
		if (!(rc = intake_meta_load(db, &meta, err))) {
			intake_payload_build(&meta, values, n, NULL, &set, bad);
			if (set.len > 2) {
				if (json->len > 2) {
					sb_truncate(json, json->len - 1);
					sb_addc(json, ',');
					sb_add(json, set.buf + 1);
				} else {
					sb_reset(json);
					sb_add(json, set.buf);
				}
			}
		}
		sb_done(&set);
		intake_meta_done(&meta);
	}
	if (!rc && bad->nfields) {
		/* refused before reaching the server: report them all */
		tt_error_set(err, EX_DATAERR, "%s", _("the ticket was refused"));
		for (size_t i = 0; i < bad->nfields; i++)
			tt_error_add_field(err, bad->fields[i].field, bad->fields[i].code, bad->fields[i].message);
		rc = EX_DATAERR;
	}
	return rc;
}

/* Writes len bytes to `path` (created or emptied), or to standard output
 * when path is NULL and it is no terminal (what came by mail or was
 * uploaded is hostile there: 64 asks for -o). `what` names it. */
static int write_out(const char *path, const unsigned char *data, size_t len, const char *what,
		     struct tt_error *err)
{
	if (!path && isatty(1))
		return tt_error_set(err, EX_USAGE, _("not writing %s to a terminal: give -o FILE"), what);
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f)
		return tt_error_set(err, EX_CANTCREAT, "%s: %s", path, strerror(errno));
	/* closed whether or not the write went through */
	bool written = fwrite(data, 1, len, f) == len;
	int why = errno;
	if ((path ? fclose(f) : fflush(f)) != 0 && written) {
		written = false;
		why = errno;
	}
	if (!written)
		return tt_error_set(err, EX_CANTCREAT, "%s: %s", path ? path : "stdout", strerror(why));
	return 0;
}

/* Options may come before the number, as getopt takes them in every
 * other command (`inbox show --json 5`, `attachment get -o FILE 5` were
 * refused as "which inbox mail?"): the first word after the verb
 * (argv[1]) that is no option, nor the value of one of `valued`, is moved
 * to argv[2], the others keeping their order. */
static void number_first(int argc, char **argv, const char *const *valued)
{
	for (int i = 2; i < argc; i++) {
		const char *w = argv[i];
		if (w[0] != '-' || !w[1]) {
			for (int j = i; j > 2; j--)
				argv[j] = argv[j - 1];
			argv[2] = (char *)w;
			return;
		}
		for (int k = 0; valued[k]; k++)
			if (!strcmp(w, valued[k])) {
				i++;
				break;
			}
	}
}

/* `inbox raw ID [-o FILE]`: received mail as it came (any state). */
static int raw(struct app *app, long long id, int argc, char **argv)
{
	const char *out = NULL;
	if (argc == 5 && !strcmp(argv[3], "-o"))
		out = argv[4];
	else if (argc == 4 && !strcmp(argv[3], "-o"))
		return cli_usage(cli_inbox_forms, "%s", _("-o needs a file name"));
	else if (argc != 3)
		return cli_usage(cli_inbox_forms, _("unexpected argument '%s'"), argv[3]);
	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	unsigned char *data = NULL;
	size_t len = 0;
	char what[48];
	snprintf(what, sizeof(what), _("mail %lld"), id);
	int rc = app_db(app, &db, &err);
	if (!rc && !(rc = inbox_raw(db, id, &data, &len, &err)))
		rc = write_out(out, data, len, what, &err);
	free(data);
	return rc ? cli_fail(&err) : 0;
}

int cli_inbox(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli_inbox_forms, "%s", _("which inbox command?"));
	const char *verb = argv[1];
	if (!strcmp(verb, "list"))
		return list(app, argc, argv);
	long long id;
	static const char *const o_valued[] = { "-o", NULL }, *const accept_valued[] = { "--json", "--set", NULL },
		*const none[] = { NULL };
	number_first(argc, argv, !strcmp(verb, "raw") ? o_valued : !strcmp(verb, "accept") ? accept_valued : none);
	if (argc < 3 || !cli_parse_id(argv[2], &id))
		return cli_usage(cli_inbox_forms, "%s", _("which inbox mail? give its number"));
	if (!strcmp(verb, "raw"))
		return raw(app, id, argc, argv);
	bool known = !strcmp(verb, "show") || !strcmp(verb, "accept") || !strcmp(verb, "ask") ||
		     !strcmp(verb, "refuse") || !strcmp(verb, "discard") || !strcmp(verb, "note");
	if (!known)
		return cli_usage(cli_inbox_forms, _("unknown inbox command '%s'"), verb);
	bool json = !strcmp(verb, "show") && argc == 4 && !strcmp(argv[3], "--json");
	if (strcmp(verb, "accept") && argc != (strcmp(verb, "refuse") && !json ? 3 : 4))
		return cli_usage(cli_inbox_forms, "%s", !strcmp(verb, "refuse")
					   ? _("say why: not_spoc or account_rep")
					   : _("too many arguments"));
	struct tt_error err, bad;
	struct db *db;
	struct accept_args acc = { 0 };
	int rc = 0;
	/* a usage error is said before connecting (64, whatever the database) */
	if (!strcmp(verb, "accept") && (rc = accept_args(argc, argv, &acc))) {
		accept_args_done(&acc);
		return rc;
	}
	tt_error_init(&err);
	tt_error_init(&bad);
	if (app_db(app, &db, &err)) {
		rc = cli_fail(&err);
		cli_stdin_not_kept(acc.json_path, rc);
		accept_args_done(&acc);
		return rc;
	}
	if (!strcmp(verb, "show")) {
		rc = json ? show_json(db, id, &err) : show(db, id, &err);
	} else if (!strcmp(verb, "accept")) {
		struct strbuf json;
		long long ticket = 0;
		sb_init(&json);
		rc = accept_payload(db, &acc, &json, &bad, &err);
		if (!rc && !(rc = inbox_accept(db, id, json.buf, &ticket, &err)))
			printf("%lld\n", ticket);
		sb_done(&json);
		accept_args_done(&acc);
		if (rc) {
			rc = cli_fail(&err);
			cli_stdin_not_kept(acc.json_path, rc);
			tt_error_clear(&bad);
			return rc;
		}
	} else if (!strcmp(verb, "ask")) {
		if (!(rc = inbox_ask(db, id, &err)))
			said_asked(db, id);
	} else if (!strcmp(verb, "refuse")) {
		if (!(rc = inbox_refuse(db, id, argv[3], &err)))
			said_refused(db, id, argv[3]);
	} else if (!strcmp(verb, "note")) {
		long long ticket = 0;
		if (!(rc = inbox_note(db, id, &ticket, &err)))
			printf(_("mail %lld is now an internal note on ticket %lld\n"), id, ticket);
	} else {
		if (!(rc = inbox_discard(db, id, &err))) {
			printf(_("mail %lld discarded"), id);
			fputc('\n', stdout);
		}
	}
	tt_error_clear(&bad);
	return rc ? cli_fail(&err) : 0;
}

/* `attachment list TICKET [--json]`: the ticket's files under a header. */
static int list_files(struct db *db, long long ticket, bool json, struct tt_error *err)
{
	int rc = ticket_check_exists(db, ticket, err);
	if (rc)
		return rc;
	if (json) {
		char *text;
		if ((rc = attachment_list_json(db, ticket, &text, err)))
			return rc;
		printf("%s\n", text);
		free(text);
		return 0;
	}
	struct attachment_list l;
	if ((rc = attachment_list_load(db, ticket, &l, err)))
		return rc;
	if (!l.n)
		printf(_("ticket %lld has no files\n"), ticket);
	else
		print_files(&l, true);
	attachment_list_done(&l);
	return 0;
}

/* Files as a table under a header: ID, name, type, size in words, with
 * `kinds` (a ticket's files) whether each was received, sent to the
 * customer or kept on a note, then the SHA-256. */
static void print_files(const struct attachment_list *l, bool kinds)
{
	const char *head[] = { _("ID"), _("FILE"), _("TYPE"), _("SIZE"),
			       i18n_pgettext("attachment", NC_("attachment", "KIND")), _("SHA-256") };
	const int cap[] = { 0, 40, 24, 0, 0, 16 };
	enum { KIND = 4, NCOLS = 6 };
	const char *h[NCOLS];
	int c[NCOLS], n = 0;
	for (int i = 0; i < NCOLS; i++)
		if (i != KIND || kinds) {
			h[n] = head[i];
			c[n++] = cap[i];
		}
	struct cli_table *t = cli_table_new(n, h, c);
	struct strbuf id, size;
	sb_init(&id);
	sb_init(&size);
	for (size_t i = 0; i < l->n; i++) {
		const struct attachment *a = &l->items[i];
		sb_reset(&id);
		sb_addf(&id, "%lld", a->id);
		sb_reset(&size);
		bytesize_add(&size, a->size);
		const char *mark = attachment_mark(a);
		const char *row[NCOLS] = { id.buf, a->filename, a->type, size.buf };
		int k = 4;
		if (kinds)
			row[k++] = mark ? mark : _("received");
		row[k] = a->sha256;
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	sb_done(&id);
	sb_done(&size);
}

int cli_attachment(struct app *app, int argc, char **argv)
{
	long long id;
	const char *out = NULL;
	static const char *const o_valued[] = { "-o", NULL };
	number_first(argc, argv, o_valued);
	if (argc < 3 || !cli_parse_id(argv[2], &id))
		return cli_usage(cli_attachment_forms, "%s", _("give the attachment (or ticket) number"));
	bool get = !strcmp(argv[1], "get");
	if (!get && strcmp(argv[1], "list"))
		return cli_usage(cli_attachment_forms, _("unknown attachment command '%s'"), argv[1]);
	bool json = !get && argc == 4 && !strcmp(argv[3], "--json");
	if (get && argc == 5 && !strcmp(argv[3], "-o"))
		out = argv[4];
	else if (get && argc == 4 && !strcmp(argv[3], "-o"))
		return cli_usage(cli_attachment_forms, "%s", _("-o needs a file name"));
	else if (argc != 3 && !json)
		return cli_usage(cli_attachment_forms, _("unexpected argument '%s'"), argv[3]);
	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (!get)
		return list_files(db, id, json, &err) ? cli_fail(&err) : 0;
	unsigned char *data;
	size_t len;
	char *name;
	if (attachment_get(db, id, &data, &len, &name, &err))
		return cli_fail(&err);
	int rc = write_out(out, data, len, name, &err);
	free(data);
	free(name);
	return rc ? cli_fail(&err) : 0;
}
