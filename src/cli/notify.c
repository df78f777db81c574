/* `ticketty notify pending [--limit N] [--json]`, `ticketty notify mark-sent
 * ID...` (the delivery bridge, an admin agent), `ticketty notify mine
 * [--limit N] [--after ID] [--mark-read] [--json]` (the caller's own unread
 * notifications, newest first, a page at a time: `next: ID` after the
 * table, or "next" in the JSON, says where the next page starts) and
 * `ticketty notify mark-read ID...|--all` (some or every one of one's own
 * read: the notifications view's m and M). `notify mine --filter WORDS`
 * keeps those the view's / keeps (notify_mine_page), `notify mark-read
 * --filter WORDS` marks them read (M with a filter). */
#include "cli/notify.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/notify.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

const char cli_notify_forms[] = N_(
	"notify pending [--limit N] [--json] | notify mark-sent ID... | "
	"notify mine [--filter WORDS] [--limit N] [--after ID] [--mark-read] [--json] | "
	"notify mark-read ID...|--all|--filter WORDS");

/* `notify mine`: a page of this many unless --limit says (at most MINE_MAX);
 * `notify pending`: this many unless --limit says (at most PENDING_MAX: a
 * number past int, 3000000000, went to the server as it was and came back
 * as its "out of range for type integer"). */
enum { MINE_PAGE = 50, MINE_MAX = 1000, PENDING_MAX = 10000 };

/* The outbox under a header, times in the desk's zone, with the
 * recipient of each. */
static void print_pending(const struct notify_list *l)
{
	const char *head[] = { _("ID"), _("QUEUED"), _("WHAT"), _("TICKET"), _("TO"), _("TITLE") };
	const int cap[] = { 0, 0, 0, 0, 40, 50 };
	struct cli_table *t = cli_table_new(6, head, cap);
	struct strbuf id, when, ticket, to;
	sb_init(&id);
	sb_init(&when);
	sb_init(&ticket);
	sb_init(&to);
	for (size_t i = 0; i < l->n; i++) {
		const struct notify_item *it = &l->items[i];
		sb_reset(&id);
		sb_addf(&id, "%lld", it->id);
		sb_reset(&when);
		timefmt_append_cell(&when, it->created_at, INT_MAX);
		sb_reset(&ticket);
		if (it->ticket_id)
			sb_addf(&ticket, "#%lld", it->ticket_id);
		sb_reset(&to);
		sb_addf(&to, "%s %s", i18n_term("recipient", it->recipient_kind), it->recipient);
		if (*it->address && strcmp(it->address, it->recipient))
			sb_addf(&to, " <%s>", it->address);
		const char *row[] = { id.buf, when.buf, i18n_term("notification", it->kind),
				      it->ticket_id ? ticket.buf : NULL, to.buf, *it->title ? it->title : NULL };
		cli_table_add(t, row);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	sb_done(&id);
	sb_done(&when);
	sb_done(&ticket);
	sb_done(&to);
}

/* One's own notifications: the ticket and its title on the row, what
 * happened in words on the line under it (it is a sentence: a column
 * would cut it). */
static void print_mine(const struct notify_list *l)
{
	const char *head[] = { _("ID"), _("WHEN"), _("TICKET"), _("TITLE") };
	const int cap[] = { 0, 0, 0, 50 };
	struct cli_table *t = cli_table_new(4, head, cap);
	struct strbuf id, when, ticket;
	sb_init(&id);
	sb_init(&when);
	sb_init(&ticket);
	for (size_t i = 0; i < l->n; i++) {
		const struct notify_item *it = &l->items[i];
		sb_reset(&id);
		sb_addf(&id, "%lld", it->id);
		sb_reset(&when);
		timefmt_append_cell(&when, it->created_at, INT_MAX);
		sb_reset(&ticket);
		if (it->ticket_id)
			sb_addf(&ticket, "#%lld", it->ticket_id);
		const char *row[] = { id.buf, when.buf, it->ticket_id ? ticket.buf : NULL,
				      *it->title ? it->title : NULL };
		cli_table_add(t, row);
		cli_table_note(t, it->words);
	}
	cli_table_print(t, stdout);
	cli_table_free(t);
	sb_done(&id);
	sb_done(&when);
	sb_done(&ticket);
}

/* Parses the common flags (a NULL pointer: the command takes no such
 * flag); returns -1 when fine, else the exit code. */
static int parse_flags(int argc, char **argv, bool *json, bool *mark_read, long *limit,
		       long long *after, const char **filter)
{
	static const struct option opts[] = {
		{ "filter", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "mark-read", no_argument, NULL, 'r' },
		{ "limit", required_argument, NULL, 'l' },
		{ "after", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(cli_notify_forms, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(cli_notify_forms, &seen);
		if (c == 'j' && json) {
			*json = true;
		} else if (c == 'r' && mark_read) {
			*mark_read = true;
		} else if (c == 'l' && limit) {
			/* named as every list's --limit is ("'0' is not a valid
			 * number" said neither the option nor the range) */
			int max = after ? MINE_MAX : PENDING_MAX, v;
			if (!cli_parse_limit(optarg, max, &v))
				return cli_usage(cli_notify_forms, _("--limit must be a number from 1 to %d"), max);
			*limit = v;
		} else if (c == 'f' && filter) {
			*filter = optarg;
		} else if (c == 'a' && after) {
			if (!cli_parse_id(optarg, after))
				return cli_usage(cli_notify_forms, _("'%s' is not a notification number"), optarg);
		} else {
			return cli_wrong_option(cli_notify_forms, argv[0], &seen);
		}
	}
	if (optind < argc)
		return cli_usage(cli_notify_forms, _("unexpected argument '%s'"), argv[optind]);
	return -1;
}

static int pending(struct app *app, int argc, char **argv)
{
	bool json = false;
	long limit = 1000;
	struct tt_error err;
	struct db *db;
	int rc = parse_flags(argc, argv, &json, NULL, &limit, NULL, NULL);

	if (rc >= 0)
		return rc;
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (json) {
		char *text;
		if (notify_pending_json(db, limit, &text, &err))
			return cli_fail(&err);
		printf("%s\n", text);
		free(text);
		return 0;
	}
	struct notify_list l;
	notify_list_init(&l);
	/* one more than shown: the listing says when it is not all there is
	 * (it stopped at --limit, 1000 by default, and said nothing) */
	if ((rc = notify_pending(db, limit + 1, &l, &err))) {
		notify_list_done(&l);
		return cli_fail(&err);
	}
	bool more = l.n > (size_t)limit;
	if (more)
		notify_list_truncate(&l, (size_t)limit);
	if (l.n)
		print_pending(&l);
	else
		printf("%s\n", _("no notification waits to be sent"));
	if (more)
		printf(_("more notifications wait than the %ld shown: mark these sent, then list again\n"), limit);
	notify_list_done(&l);
	return 0;
}

/* The notification numbers argv[1..argc) into *ids (argc entries; the
 * caller frees): -1, or 64 naming the first that is no number, and with
 * all_too, a --all among them. */
static int parse_ids(int argc, char **argv, bool all_too, long long **ids)
{
	*ids = xcalloc((size_t)argc, sizeof(**ids));
	for (int i = 1; i < argc; i++) {
		int rc = -1;
		if (all_too && !strcmp(argv[i], "--all"))
			rc = cli_usage(cli_notify_forms, "%s", _("give either notification numbers or --all, not both"));
		else if (!cli_parse_id(argv[i], &(*ids)[i - 1]))
			rc = cli_usage(cli_notify_forms, _("'%s' is not a notification number"), argv[i]);
		if (rc >= 0) {
			free(*ids);
			*ids = NULL;
			return rc;
		}
	}
	return -1;
}

static int mark_sent(struct app *app, int argc, char **argv)
{
	struct tt_error err;
	struct db *db;
	long marked = 0;

	if (argc < 2)
		return cli_usage(cli_notify_forms, "%s", _("which notifications? give their numbers"));
	long long *ids;
	int rc = parse_ids(argc, argv, false, &ids);
	if (rc >= 0)
		return rc;
	tt_error_init(&err);
	rc = app_db(app, &db, &err);
	if (!rc)
		rc = notify_mark_sent(db, ids, (size_t)argc - 1, &marked, &err);
	free(ids);
	if (rc)
		return cli_fail(&err);
	printf(ngettext("marked %ld notification sent\n", "marked %ld notifications sent\n",
			(unsigned long)marked), marked);
	return 0;
}

/* `notify mark-read --filter WORDS` (--all with it or not): the words,
 * when argv[1..argc) are that and nothing else; NULL when no --filter is
 * among them. *bad receives 64 said for a --filter given wrong. */
static const char *mark_filter(int argc, char **argv, int *bad)
{
	const char *words = NULL;
	bool all = false, other = false;
	*bad = -1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--filter") && !words && i + 1 < argc)
			words = argv[++i];
		else if (!strcmp(argv[i], "--filter"))
			*bad = words ? cli_given_twice(cli_notify_forms, "--filter")
				     : cli_usage(cli_notify_forms, "%s", _("--filter needs the words to keep"));
		else if (!strcmp(argv[i], "--all") && !all)
			all = true;
		else
			other = true;
		if (*bad >= 0)
			return NULL;
	}
	if (words && other)
		*bad = cli_usage(cli_notify_forms, "%s", _("give either notification numbers or --filter, not both"));
	else if (words && text_blank(words))
		/* an empty variable in a script would have marked every one */
		*bad = cli_usage(cli_notify_forms, "%s", _("--filter needs the words to keep (--all marks every one)"));
	return *bad >= 0 ? NULL : words;
}

/* `notify mark-read ID...`: each one the caller's own (65 naming the
 * first that is not, and none marked); one already read is no error.
 * `notify mark-read --all`: every unread one; `--filter WORDS`: every
 * unread one the words keep, as `notify mine --filter WORDS` lists them
 * (the notifications view's M with a filter). */
static int mark_read(struct app *app, int argc, char **argv)
{
	bool all = argc == 2 && !strcmp(argv[1], "--all");
	struct tt_error err;
	struct db *db;
	long count = 0;

	if (argc < 2)
		return cli_usage(cli_notify_forms, "%s", _("which notifications? give their numbers, or --all"));
	int rc;
	const char *words = mark_filter(argc, argv, &rc);
	if (rc >= 0)
		return rc;
	long long *ids;
	if (!words && (rc = parse_ids(all ? 1 : argc, argv, true, &ids)) >= 0)
		return rc;
	tt_error_init(&err);
	if (words) {
		if ((rc = app_db(app, &db, &err)) == 0)
			rc = notify_mark_matching(db, words, &count, &err);
		if (rc)
			return cli_fail(&err);
		printf(ngettext("marked %ld notification read\n", "marked %ld notifications read\n",
				(unsigned long)count), count);
		return 0;
	}
	rc = app_db(app, &db, &err);
	for (int i = 1; !rc && !all && i < argc; i++) {
		struct notify_key key;
		rc = notify_key_of(db, ids[i - 1], &key, &err);
	}
	if (!rc)
		rc = notify_mark_read(db, ids, all ? 0 : (size_t)argc - 1, &count, &err);
	free(ids);
	if (rc)
		return cli_fail(&err);
	printf(ngettext("marked %ld notification read\n", "marked %ld notifications read\n",
			(unsigned long)count), count);
	return 0;
}

static int mine(struct app *app, int argc, char **argv)
{
	bool json = false, mark_read = false;
	long limit = MINE_PAGE;
	long long after = 0, next = 0;
	struct notify_key key = { 0, 0 };
	struct tt_error err;
	struct db *db;
	struct notify_list l;
	const char *filter = NULL;
	int rc = parse_flags(argc, argv, &json, &mark_read, &limit, &after, &filter);

	if (rc >= 0)
		return rc;
	tt_error_init(&err);
	if (app_db(app, &db, &err))
		return cli_fail(&err);
	if (after && notify_key_of(db, after, &key, &err))
		return cli_fail(&err);
	notify_list_init(&l);
	/* one more than the page: whether another page follows */
	if ((rc = notify_mine_page(db, filter, after ? NOTIFY_AFTER : NOTIFY_FIRST, &key, (int)limit + 1,
				   &l, &err))) {
		notify_list_done(&l);
		return cli_fail(&err);
	}
	if (l.n > (size_t)limit) {
		notify_list_truncate(&l, (size_t)limit);
		next = l.items[l.n - 1].id;
	}
	/* the ids listed are the ones marked read, not whatever arrives meanwhile */
	if (json) {
		char *text;
		if ((rc = notify_mine_json(db, &l, next, &text, &err))) {
			notify_list_done(&l);
			return cli_fail(&err);
		}
		printf("%s\n", text);
		free(text);
	} else if (!l.n) {
		printf("%s\n", after ? _("no unread notification is older")
			       : filter && !text_blank(filter) ? _("no unread notification matches the filter")
			       : _("no unread notifications"));
	} else {
		print_mine(&l);
		if (next)
			printf("next: %lld\n", next);
	}
	if (mark_read && l.n) {
		long long *ids = xcalloc(l.n, sizeof(*ids));
		long count = 0;
		for (size_t i = 0; i < l.n; i++)
			ids[i] = l.items[i].id;
		rc = notify_mark_read(db, ids, l.n, &count, &err);
		free(ids);
		if (rc) {
			notify_list_done(&l);
			return cli_fail(&err);
		}
	}
	notify_list_done(&l);
	return 0;
}

int cli_notify(struct app *app, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(cli_notify_forms, "%s", _("which notify command: pending, mark-sent, mine or mark-read?"));
	if (!strcmp(argv[1], "pending"))
		return pending(app, argc - 1, argv + 1);
	if (!strcmp(argv[1], "mark-sent"))
		return mark_sent(app, argc - 1, argv + 1);
	if (!strcmp(argv[1], "mine"))
		return mine(app, argc - 1, argv + 1);
	if (!strcmp(argv[1], "mark-read"))
		return mark_read(app, argc - 1, argv + 1);
	return cli_usage(cli_notify_forms, _("unknown notify command '%s'"), argv[1]);
}
