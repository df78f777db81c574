/* `ticketty ticket ACTION ...`: the ticket actions from the command line.
 * Each action is one checked API call; `--version N` makes it refuse
 * (exit 75) when the ticket changed since the caller looked at version N.
 * Reply texts come from --message (or a canned reply, --template KEY),
 * else $EDITOR on a terminal, else stdin; so does the resolution message
 * resolve requires; reopen takes its optional note from --message only
 * (`--message -`: from standard input, kept as the others are).
 * `status ID waiting_customer --message TEXT` asks the customer TEXT with
 * the change (request_info mail); `--message -` reads the question in
 * $VISUAL/$EDITOR on a terminal, else from stdin.
 * ack, reply, resolve and the question (status ID waiting_customer
 * --message) send files to the customer with --attach FILE, a note keeps
 * them on the ticket for the desk (the message and its files in one
 * transaction).
 * `ticket set` (re-triage) lives in ticket_set.c. */
#include "cli/ticket.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/file_read.h"
#include "model/ticket.h"
#include "cli/search.h"
#include "cli/ticket_import.h"
#include "cli/ticket_new.h"
#include "cli/ticket_set.h"
#include "model/canned.h"
#include "model/mail.h"
#include "util/i18n.h"
#include "util/kept_text.h"
#include "util/strbuf.h"
#include "util/text.h"

const char cli_ticket_forms[] = N_(
	"ticket new --json FILE|- | ticket new --set FIELD=VALUE ... | ticket import [FILE|-] [--refused FILE]"
	" | ticket show ID [--quoted] [--json]"
	" | ticket ack|reply|note ID [--message TEXT] [--version N]"
	" | ticket reply ID --template KEY [--lang L]"
	" | ticket ack|reply|resolve|note ID ... --attach FILE [--attach FILE ...]"
	" | ticket set ID FIELD=VALUE ... --reason TEXT [--version N] [--json]"
	" | ticket take ID [--version N] | ticket assign ID LOGIN [--version N]"
	" | ticket status ID STATUS [--bug REF] [--version N]"
	" | ticket status ID waiting_customer --message TEXT|- [--attach FILE ...] [--version N]"
	" | ticket resolve|close|reopen ID [--message TEXT] [--version N]"
	" | ticket take-next [--team T]"
	" | ticket link ID --related OTHER | ticket link ID --duplicate-of OTHER [--version N]"
	" | ticket unlink ID OTHER [--version N]"
	" | ticket history ID [--limit N] [--json]"
	" | ticket similar --customer C [--title TEXT] [--object-ids IDS] [--json]");

enum opt_bits { OPT_MESSAGE = 1, OPT_VERSION = 2, OPT_BUG = 4, OPT_TEAM = 8, OPT_TEMPLATE = 16,
		OPT_ATTACH = 32 };

struct ticket_args {
	const char *message;
	int version;        /* TICKET_ANY_VERSION unless --version */
	const char *bug;
	const char *team;
	const char *template_key; /* --template: a canned reply */
	const char *lang;         /* --lang of the canned reply */
	long long id;
	const char *extra;  /* LOGIN or STATUS */
	const char *attach[MAIL_FILES_MAX]; /* --attach: files with the message */
	int nattach;
};

/* The refusal of files with a command that sends no message. */
static const char attach_only[] = N_("--attach: files go with ack, reply, resolve, note or a question"
				     " (status ID waiting_customer --message) only");

/* Parses `ticket ACTION [ID [EXTRA]] [options]`; nargs = positional
 * arguments wanted (0, 1 = ID, 2 = ID EXTRA). Returns 0 or 64. */
static int parse(int argc, char **argv, unsigned allowed, int nargs, struct ticket_args *a)
{
	static const struct option opts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "version", required_argument, NULL, 'V' },
		{ "bug", required_argument, NULL, 'b' },
		{ "team", required_argument, NULL, 't' },
		{ "template", required_argument, NULL, 'T' },
		{ "lang", required_argument, NULL, 'L' },
		{ "attach", required_argument, NULL, 'A' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	/* an option that takes one value, given again, is refused; --attach
	 * (a file each time) may come again */
	struct cli_seen seen = { 0 };

	memset(a, 0, sizeof(*a));
	a->version = TICKET_ANY_VERSION;
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "m:", opts, "A", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(cli_ticket_forms, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(cli_ticket_forms, &seen);
		unsigned bit = c == 'm' ? OPT_MESSAGE : c == 'V' ? OPT_VERSION
			       : c == 'b' ? OPT_BUG : c == 't' ? OPT_TEAM
			       : c == 'T' || c == 'L' ? OPT_TEMPLATE : c == 'A' ? OPT_ATTACH : 0;
		if (bit == OPT_ATTACH && !(allowed & bit))
			return cli_usage(cli_ticket_forms, "%s", _(attach_only));
		if (!bit || !(allowed & bit))
			return cli_wrong_option(cli_ticket_forms, argv[0], &seen);
		if (c == 'm') {
			a->message = optarg;
		} else if (c == 'V') {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || v < 1 || v > 2147483647L)
				return cli_usage(cli_ticket_forms, _("'%s' is not a valid version"), optarg);
			a->version = (int)v;
		} else if (c == 'b') {
			a->bug = optarg;
		} else if (c == 'T') {
			a->template_key = optarg;
		} else if (c == 'L') {
			a->lang = optarg;
		} else if (c == 'A') {
			if (a->nattach == MAIL_FILES_MAX)
				return cli_usage(cli_ticket_forms, _("at most %d files go with one message"),
						 MAIL_FILES_MAX);
			a->attach[a->nattach++] = optarg;
		} else {
			a->team = optarg;
		}
	}
	int have = argc - optind;
	if (have < nargs)
		return cli_usage(cli_ticket_forms, nargs == 2 ? _("%s needs a ticket id and one more argument")
						   : _("%s needs a ticket id"), argv[0]);
	if (have > nargs)
		return cli_usage(cli_ticket_forms, _("unexpected argument '%s'"), argv[optind + nargs]);
	if (nargs >= 1 && !cli_parse_id(argv[optind], &a->id))
		return cli_usage(cli_ticket_forms, _("'%s' is not a ticket id"), argv[optind]);
	if (nargs == 2)
		a->extra = argv[optind + 1];
	return 0;
}

static int done(struct tt_error *err, int rc, long long id, int version)
{
	if (rc)
		return cli_fail(err);
	printf(_("ticket %lld updated, now version %d\n"), id, version);
	return 0;
}

static void free_files(struct mail_file *files, int n)
{
	for (int i = 0; i < n; i++)
		mail_file_done(&files[i]);
}

/* Reads the --attach files (all before anything is sent). */
static int read_files(const struct ticket_args *a, struct mail_file *files, struct tt_error *err)
{
	for (int i = 0; i < a->nattach; i++)
		if (mail_file_read(a->attach[i], MAIL_FILE_READ_MAX, &files[i], err)) {
			free_files(files, i);
			return err->code;
		}
	return 0;
}

/* The desk's limits on the files (max_attachment_bytes a file, 3/4 of
 * max_message_bytes together), as the ticket view's A checks them: said
 * before anything is sent, naming the file. Without them (the query
 * failed) the database says them when the files go. */
static int files_fit(struct db *db, const struct mail_file *files, int n, struct tt_error *err)
{
	size_t file_max, files_max, chosen = 0;
	struct tt_error lerr;

	if (!n)
		return 0;
	tt_error_init(&lerr);
	int rc = mail_file_limits(db, &file_max, &files_max, &lerr);
	tt_error_clear(&lerr);
	for (int i = 0; !rc && i < n; i++) {
		int refused = mail_file_fits(&files[i], chosen, file_max, files_max, err);
		if (refused)
			return refused;
		chosen += files[i].len;
	}
	return 0;
}

/* A message with its files (freed by the caller). */
static int send_message(struct db *db, enum ticket_message kind, const struct ticket_args *a,
			const char *text, const struct mail_file *files, int *version, struct tt_error *err)
{
	int rc = files_fit(db, files, a->nattach, err);
	if (rc)
		return rc;
	rc = ticket_message_send(db, kind, a->id, a->version, text, files, (size_t)a->nattach,
				 version, err);
	if (!rc && a->nattach && kind == MESSAGE_NOTE)
		printf(ngettext("%d file is kept with the note\n", "%d files are kept with the note\n",
				(unsigned long)a->nattach), a->nattach);
	else if (!rc && a->nattach)
		printf(ngettext("%d file goes with the message\n", "%d files go with the message\n",
				(unsigned long)a->nattach), a->nattach);
	return rc;
}

/* ack, reply, note: a text is required. */
static int text_action(struct app *app, int argc, char **argv)
{
	struct ticket_args a;
	struct tt_error err;
	struct db *db;
	int rc, version = 0;

	bool reply = !strcmp(argv[0], "reply"), note = !strcmp(argv[0], "note");
	if ((rc = parse(argc, argv, OPT_MESSAGE | OPT_VERSION | (reply ? OPT_TEMPLATE : 0) | OPT_ATTACH, 1, &a)))
		return rc;
	struct mail_file files[MAIL_FILES_MAX];
	if (a.template_key && a.message)
		return cli_usage(cli_ticket_forms, "%s", _("give either --message or --template, not both"));
	tt_error_init(&err);
	char keep_as[KEPT_NAME_MAX];
	kept_text_name(keep_as, note ? KEPT_NOTE : reply ? KEPT_REPLY : KEPT_ACK, a.id);
	char *text = NULL;
	if (a.template_key) {
		/* the canned reply, filled in for this ticket by the database;
		 * a language asked for is checked as canned show checks it */
		if ((rc = app_db(app, &db, &err)) || (a.lang && (rc = canned_check_lang(db, a.lang, &err))) ||
		    (rc = canned_render(db, a.template_key, a.id, a.lang, &text, &err)))
			return cli_fail(&err);
	} else {
		text = cli_message(a.message, !strcmp(argv[0], "note") ? _("the note") : _("the reply"),
				   "message", keep_as, &err);
	}
	if (!text)
		return cli_fail(&err);
	if (read_files(&a, files, &err)) {
		free(text);
		return cli_message_done(keep_as, cli_fail(&err));
	}
	if ((rc = app_db(app, &db, &err)) == 0) {
		rc = send_message(db, note ? MESSAGE_NOTE : reply ? MESSAGE_REPLY : MESSAGE_ACK, &a, text, files,
				  &version, &err);
	}
	free_files(files, a.nattach);
	free(text);
	rc = done(&err, rc, a.id, version);
	tt_error_clear(&err);
	return a.template_key ? rc : cli_message_done(keep_as, rc);
}

static int simple_action(struct app *app, int argc, char **argv)
{
	const char *cmd = argv[0];
	bool assign = !strcmp(cmd, "assign"), status = !strcmp(cmd, "status");
	bool with_text = !strcmp(cmd, "resolve") || !strcmp(cmd, "reopen") || status;
	bool resolve = !strcmp(cmd, "resolve");
	unsigned allowed = OPT_VERSION | (with_text ? OPT_MESSAGE : 0) | (status ? OPT_BUG : 0) |
			   (resolve || status ? OPT_ATTACH : 0);
	struct mail_file files[MAIL_FILES_MAX];
	struct ticket_args a;
	struct tt_error err;
	struct db *db;
	int rc, version = 0;

	if ((rc = parse(argc, argv, allowed, assign || status ? 2 : 1, &a)))
		return rc;
	/* a status change with a message asks the customer: only waiting on
	 * the customer takes one (a bare change stays possible) */
	bool ask = status && a.message;
	if (ask && strcmp(a.extra, "waiting_customer"))
		return cli_usage(cli_ticket_forms,
				 _("--message: only waiting_customer takes a message (a question to the customer),"
				   " not '%s'"), a.extra);
	if (ask && a.bug)
		return cli_usage(cli_ticket_forms, "%s",
				 _("--bug goes with waiting_engineering, --message with waiting_customer: not both"));
	/* files go with the question, as with a reply; a bare change has no
	 * message to carry them */
	if (status && !ask && a.nattach)
		return cli_usage(cli_ticket_forms, "%s", _(attach_only));
	tt_error_init(&err);
	char keep_as[KEPT_NAME_MAX];
	/* reopen's note is optional: only `--message -` reads one (from
	 * standard input; it was taken as a note of one dash) */
	bool reopen_read = !strcmp(cmd, "reopen") && a.message && !strcmp(a.message, "-");
	kept_text_name(keep_as, ask ? KEPT_ASK : reopen_read ? KEPT_REOPEN : KEPT_RESOLVE, a.id);
	bool with_kept = resolve || ask || reopen_read;
	char *text = NULL;   /* the resolution message, the question or reopen's note */
	if (resolve &&
	    !(text = cli_message(a.message, _("the resolution message"), "message", keep_as, &err)))
		return cli_fail(&err);
	if (reopen_read && !(text = cli_message(a.message, _("the note"), "message", keep_as, &err)))
		return cli_fail(&err);
	/* --message - : the editor on a terminal (with what was kept), else stdin */
	bool edit = ask && !strcmp(a.message, "-") && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (ask && !(text = cli_message(edit ? NULL : a.message, _("the question to the customer"),
					      "message", keep_as, &err)))
		return cli_fail(&err);
	if (read_files(&a, files, &err)) {
		free(text);
		return with_kept ? cli_message_done(keep_as, cli_fail(&err)) : cli_fail(&err);
	}
	if ((rc = app_db(app, &db, &err)) == 0) {
		if (!strcmp(cmd, "take"))
			rc = ticket_take(db, a.id, a.version, &version, &err);
		else if (assign)
			rc = ticket_assign(db, a.id, a.version, a.extra, &version, &err);
		else if (ask)
			rc = send_message(db, MESSAGE_ASK, &a, text, files, &version, &err);
		else if (status)
			rc = ticket_set_status(db, a.id, a.version, a.extra, a.bug, &version, &err);
		else if (resolve)
			rc = send_message(db, MESSAGE_RESOLVE, &a, text, files, &version, &err);
		else if (!strcmp(cmd, "close"))
			rc = ticket_close(db, a.id, a.version, &version, &err);
		else
			rc = ticket_reopen(db, a.id, a.version, reopen_read ? text : a.message, &version, &err);
	}
	free_files(files, a.nattach);
	free(text);
	rc = done(&err, rc, a.id, version);
	tt_error_clear(&err);
	return with_kept ? cli_message_done(keep_as, rc) : rc;
}

/* take-next: prints the claimed ticket's id first on its line, then its
 * title; exit 65 with nothing on stdout when there is no unassigned ticket. */
static int take_next(struct app *app, int argc, char **argv)
{
	struct ticket_args a;
	struct tt_error err;
	struct db *db;
	struct ticket_detail *t = NULL;
	long long id = 0;
	int rc;

	if ((rc = parse(argc, argv, OPT_TEAM, 0, &a)))
		return rc;
	tt_error_init(&err);
	if ((rc = app_db(app, &db, &err)) || (rc = ticket_take_next(db, a.team, &id, &err))) {
		rc = cli_fail(&err);
	} else if (id == 0) {
		fprintf(stderr, "ticketty: %s\n", _("no unassigned open ticket to take"));
		rc = EX_DATAERR;
	} else {
		struct strbuf sb;
		sb_init(&sb);
		if (ticket_detail_load(db, id, &t, &err) == 0) {
			text_sanitize(&sb, t->title, strlen(t->title), i18n_utf8() ? 0 : TEXT_ASCII);
			ticket_detail_free(t);
		}
		tt_error_clear(&err);
		printf("%lld %s\n", id, sb.buf);
		sb_done(&sb);
	}
	tt_error_clear(&err);
	return rc;
}

int cli_ticket(struct app *app, int argc, char **argv)
{
	static const char *const simple[] = { "take", "assign", "status", "resolve", "close",
					      "reopen", NULL };
	if (argc < 2)
		return cli_usage(cli_ticket_forms, "%s", _("which ticket command?"));
	const char *cmd = argv[1];
	if (!strcmp(cmd, "new"))
		return cli_ticket_new(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "import"))
		return cli_ticket_import(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "show"))
		return cli_ticket_show(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "set"))
		return cli_ticket_set(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "ack") || !strcmp(cmd, "reply") || !strcmp(cmd, "note"))
		return text_action(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "link") || !strcmp(cmd, "unlink"))
		return cli_ticket_link(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "history"))
		return cli_ticket_history(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "similar"))
		return cli_ticket_similar(app, argc - 1, argv + 1);
	if (!strcmp(cmd, "take-next"))
		return take_next(app, argc - 1, argv + 1);
	for (int i = 0; simple[i]; i++)
		if (!strcmp(cmd, simple[i]))
			return simple_action(app, argc - 1, argv + 1);
	return cli_usage(cli_ticket_forms, _("unknown ticket command '%s'"), cmd);
}
