/* `ticketty search` and the ticket subcommands link, unlink, history and
 * similar. Plain output: a table, one row per ticket (id, status,
 * severity, customer, title) under a header, and under a search hit's row
 * its snippet with the matched words in [brackets]; every text from the
 * database is sanitised. --json prints the document PostgreSQL builds. */
#include "cli/search.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/table.h"
#include "model/search.h"
#include "model/ticket.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char search_usage[] = "search QUERY [--all] [--customer C] [--limit N] [--json]";
static const char link_usage[] =
	"ticket link ID --related OTHER | ticket link ID --duplicate-of OTHER [--version N]"
	" | ticket unlink ID OTHER [--version N]";
static const char history_usage[] = "ticket history ID [--limit N] [--json]";
static const char similar_usage[] =
	"ticket similar --customer C [--title TEXT] [--object-ids IDS] [--json]";

/* The snippet with its marks as [ ]: each piece sanitised on its own. */
static void put_snippet(struct strbuf *sb, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\x02\x03");
		text_sanitize(sb, s, n, i18n_utf8() ? 0 : TEXT_ASCII);
		s += n;
		if (*s == SEARCH_MARK_START)
			sb_addc(sb, '[');
		else if (*s == SEARCH_MARK_END)
			sb_addc(sb, ']');
		if (*s)
			s++;
	}
}

/* Search hits (with_customer) or a ticket's kin as a table under a
 * header: number, status, severity ("3 High"), customer, title. */
static struct cli_table *hits_table(bool with_customer)
{
	const char *head[] = { _("ID"), _("STATUS"), _("SEV"), _("CUSTOMER"), _("TITLE") };
	const int cap[] = { 0, 0, 0, 20, 60 };
	const char *head_kin[] = { _("ID"), _("STATUS"), _("SEV"), _("TITLE") };
	const int cap_kin[] = { 0, 0, 0, 60 };
	return with_customer ? cli_table_new(5, head, cap) : cli_table_new(4, head_kin, cap_kin);
}

static void add_hit(struct cli_table *t, const struct search_hit *h, bool with_customer)
{
	char id[24], sev[64];
	const char *name = i18n_severity_name(h->severity);
	snprintf(id, sizeof(id), "%lld", h->id);
	snprintf(sev, sizeof(sev), "%d %s", h->severity, name ? name : "");
	const char *status = i18n_term("status", h->status);
	if (with_customer) {
		const char *row[] = { id, status, sev, *h->customer ? h->customer : NULL, h->title };
		cli_table_add(t, row);
	} else {
		const char *row[] = { id, status, sev, h->title };
		cli_table_add(t, row);
	}
}

static int finish(int rc, struct tt_error *err)
{
	if (rc)
		return cli_fail(err);
	tt_error_clear(err);
	return 0;
}

/* Options are only the known --words (anywhere); every other argument,
 * -excluded words included, is part of the query. After "--" all are. */
int cli_search(struct app *app, int argc, char **argv)
{
	struct search_opts o = { NULL, false, NULL, 20 };
	bool json = false, words_only = false;
	struct strbuf q;

	sb_init(&q);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (!words_only && !strcmp(a, "--")) {
			words_only = true;
			continue;
		}
		if (words_only || strncmp(a, "--", 2) != 0) {
			sb_addf(&q, "%s%s", q.len ? " " : "", a);
			continue;
		}
		if (!strcmp(a, "--all")) {
			o.all = true;
			continue;
		}
		if (!strcmp(a, "--json")) {
			json = true;
			continue;
		}
		bool is_customer = !strncmp(a, "--customer", 10), is_limit = !strncmp(a, "--limit", 7);
		const char *rest = a + (is_customer ? 10 : is_limit ? 7 : 0);
		if ((is_customer || is_limit) && *rest == '=')
			val = rest + 1;
		else if ((is_customer || is_limit) && !*rest && i + 1 < argc)
			val = argv[++i];
		if (!val) {
			sb_done(&q);
			if ((is_customer || is_limit) && !*rest)
				return cli_usage(search_usage, _("option '%s' needs a value"), a);
			return cli_usage(search_usage, _("unknown option '%s'"), a);
		}
		if (is_customer && !*val) {
			/* the model reads "" as every customer: a script's empty
			 * --customer "$C" would widen the search unseen */
			sb_done(&q);
			return cli_usage(search_usage, "%s", _("--customer needs a customer's name or number"));
		}
		if (is_customer) {
			o.customer = val;
		} else if (!cli_parse_limit(val, SEARCH_MAX_ROWS, &o.limit)) {
			sb_done(&q);
			return cli_usage(search_usage, _("--limit must be a number from 1 to %d"),
					 SEARCH_MAX_ROWS);
		}
	}
	if (!q.len) {
		sb_done(&q);
		return cli_usage(search_usage, "%s", _("what should be searched for?"));
	}
	o.query = q.buf;

	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	int rc = app_db(app, &db, &err);
	if (!rc && json) {
		char *doc = NULL;
		if (!(rc = search_json(db, &o, &doc, &err)))
			printf("%s\n", doc);
		free(doc);
	} else if (!rc) {
		struct search_list l;
		search_list_init(&l);
		if (!(rc = search_run(db, &o, &l, &err))) {
			if (!l.n)
				printf("%s\n", l.more ? _("no ticket among the newest 10000 matches this phrase "
							   "of common words; add a rarer word to search them all")
						       : _("no ticket matches"));
			struct cli_table *t = l.n ? hits_table(true) : NULL;
			for (size_t i = 0; i < l.n; i++) {
				struct strbuf sb;
				sb_init(&sb);
				add_hit(t, &l.hits[i], true);
				put_snippet(&sb, l.hits[i].snippet);
				if (*sb.buf)
					cli_table_note(t, sb.buf);
				sb_done(&sb);
			}
			if (t) {
				cli_table_print(t, stdout);
				cli_table_free(t);
			}
			if (l.more && l.n)
				printf("%s\n", _("(more tickets match: the newest matches were ranked; "
						 "add words to narrow the search)"));
		}
		search_list_done(&l);
	}
	sb_done(&q);
	return finish(rc, &err);
}

int cli_ticket_link(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "related", required_argument, NULL, 'r' },
		{ "duplicate-of", required_argument, NULL, 'd' },
		{ "version", required_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool unlink = !strcmp(argv[0], "unlink");
	const char *kind = NULL, *other_arg = NULL;
	int version = TICKET_ANY_VERSION, c;
	long long id, other;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(link_usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(link_usage, &seen);
		if (c == 'V') {
			if (!cli_parse_limit(optarg, 2147483647, &version))
				return cli_usage(link_usage, _("'%s' is not a valid version"), optarg);
			continue;
		}
		if (unlink)   /* --version only */
			return cli_usage(link_usage, _("unknown option or missing value: %s"),
					 argv[optind - 1]);
		if (kind)
			return cli_usage(link_usage, "%s",
					 _("give either --related or --duplicate-of, once"));
		kind = c == 'r' ? "related" : "duplicate_of";
		other_arg = optarg;
	}
	int want = unlink ? 2 : 1;
	if (argc - optind < want)
		return cli_usage(link_usage, "%s", unlink ? _("unlink needs two ticket ids")
							  : _("link needs a ticket id"));
	if (argc - optind > want)
		return cli_usage(link_usage, _("unexpected argument '%s'"), argv[optind + want]);
	if (!unlink && !kind)
		return cli_usage(link_usage, "%s", _("give --related OTHER or --duplicate-of OTHER"));
	if (!cli_parse_id(argv[optind], &id))
		return cli_usage(link_usage, _("'%s' is not a ticket id"), argv[optind]);
	if (unlink)
		other_arg = argv[optind + 1];
	if (!cli_parse_id(other_arg, &other))
		return cli_usage(link_usage, _("'%s' is not a ticket id"), other_arg);

	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	int rc = app_db(app, &db, &err);
	if (!rc && unlink) {
		bool removed = false;
		if (!(rc = search_unlink_at(db, id, other, version, &removed, &err)))
			printf(removed ? _("tickets %lld and %lld are no longer linked\n")
				       : _("tickets %lld and %lld were not linked\n"), id, other);
	} else if (!rc) {
		int v = 0;
		if (!(rc = search_link(db, id, other, kind, version, &v, &err))) {
			if (!strcmp(kind, "related"))
				printf(_("ticket %lld is related to ticket %lld (version %d)\n"), id,
				       other, v);
			else
				printf(_("ticket %lld is closed as a duplicate of ticket %lld (version %d)\n"),
				       id, other, v);
		}
	}
	return finish(rc, &err);
}

int cli_ticket_history(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'l' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int limit = 50, c;
	long long id;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(history_usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(history_usage, &seen);
		if (c == 'j')
			json = true;
		else if (c == 'l' && cli_parse_limit(optarg, SEARCH_MAX_ROWS, &limit))
			continue;
		else if (c == 'l')
			return cli_usage(history_usage, _("--limit must be a number from 1 to %d"),
					 SEARCH_MAX_ROWS);
		else
			return cli_usage(history_usage, _("unknown option or missing value: %s"),
					 argv[optind - 1]);
	}
	if (argc - optind != 1)
		return cli_usage(history_usage, "%s", _("history needs one ticket id"));
	if (!cli_parse_id(argv[optind], &id))
		return cli_usage(history_usage, _("'%s' is not a ticket id"), argv[optind]);

	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	int rc = app_db(app, &db, &err);
	if (!rc && json) {
		char *doc = NULL;
		if (!(rc = search_history_json(db, id, limit, &doc, &err)))
			printf("%s\n", doc);
		free(doc);
	} else if (!rc) {
		struct search_list l;
		search_list_init(&l);
		if (!(rc = ticket_check_exists(db, id, &err)) && !(rc = search_history(db, id, limit, &l, &err))) {
			if (!l.n)
				printf(_("the customer of ticket %lld has no other tickets\n"), id);
			struct cli_table *t = l.n ? hits_table(false) : NULL;
			for (size_t i = 0; i < l.n; i++) {
				add_hit(t, &l.hits[i], false);
				if (*l.hits[i].snippet) {
					char note[128];
					snprintf(note, sizeof(note), "(%s)", i18n_term("link", l.hits[i].snippet));
					cli_table_note(t, note);
				}
			}
			if (t) {
				cli_table_print(t, stdout);
				cli_table_free(t);
			}
		}
		search_list_done(&l);
	}
	return finish(rc, &err);
}

int cli_ticket_similar(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "customer", required_argument, NULL, 'c' },
		{ "title", required_argument, NULL, 't' },
		{ "object-ids", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const char *customer = NULL, *title = "", *ids = "";
	bool json = false;
	int c;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(similar_usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(similar_usage, &seen);
		if (c == 'c')
			customer = optarg;
		else if (c == 't')
			title = optarg;
		else if (c == 'o')
			ids = optarg;
		else if (c == 'j')
			json = true;
		else
			return cli_usage(similar_usage, _("unknown option or missing value: %s"),
					 argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage(similar_usage, _("unexpected argument '%s'"), argv[optind]);
	if (!customer)
		return cli_usage(similar_usage, "%s", _("similar needs --customer"));

	struct tt_error err;
	struct db *db;
	tt_error_init(&err);
	int rc = app_db(app, &db, &err);
	/* an ID no ticket can hold is refused as intake refuses it, not
	 * looked for in vain */
	if (!rc && *ids)
		rc = search_check_object_ids(db, ids, &err);
	if (!rc && json) {
		char *doc = NULL;
		if (!(rc = search_duplicates_json(db, customer, title, ids, 5, &doc, &err)))
			printf("%s\n", doc);
		free(doc);
	} else if (!rc) {
		struct search_list l;
		search_list_init(&l);
		if (!(rc = search_duplicates(db, customer, title, ids, 5, &l, &err))) {
			if (!l.n)
				printf("%s\n", _("no open ticket of this customer looks the same"));
			struct cli_table *t = l.n ? hits_table(false) : NULL;
			for (size_t i = 0; i < l.n; i++) {
				add_hit(t, &l.hits[i], false);
				if (*l.hits[i].snippet) {
					struct strbuf sb;
					sb_init(&sb);
					sb_addf(&sb, "%s %s", _("shares object IDs"), l.hits[i].snippet);
					cli_table_note(t, sb.buf);
					sb_done(&sb);
				}
			}
			if (t) {
				cli_table_print(t, stdout);
				cli_table_free(t);
			}
		}
		search_list_done(&l);
	}
	return finish(rc, &err);
}
