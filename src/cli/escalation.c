/* `ticketty escalate ID --reason TEXT [--version N]` (refused, 75, when
 * the ticket changed since version N; the text read is kept, here and in
 * each step), `ticketty escalation ack|resolve|up ID [--message TEXT]
 * [--version N]`, `ticketty escalation hand ID --to LOGIN [--message TEXT]
 * [--version N]` and `ticketty escalations [--level L] [--mine] [--limit N] [--after
 * CURSOR] [--json]` (a page of the live escalations, by keyset, under a
 * header naming the fields of each line of a record; the text ends in
 * `next: CURSOR` when more follow, the JSON's "next" says it). */
#include "cli/escalation.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/escalation.h"
#include "util/i18n.h"
#include "util/kept_text.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char escalate_usage[] = "escalate ID [--reason TEXT] [--version N]";
static const char escalation_usage[] =
	"escalation ack ID [--version N] | escalation resolve|up ID [--message TEXT] [--version N]"
	" | escalation hand ID --to LOGIN [--message TEXT] [--version N]";
static const char escalations_usage[] =
	"escalations [--level csm|coo|ceo] [--mine] [--limit N] [--after CURSOR] [--json]";

/* A page of `escalations` unless --limit says (at most ESC_LIST_MAX). */
#define LIST_LIMIT 50

static int text_flags(void)
{
	return i18n_utf8() ? 0 : TEXT_ASCII;
}

static const char *level_name(int level)
{
	return esc_level_short(level);
}

/* Confirms a step on stdout: "ticket 12: escalation level COO (Carol), open". */
static void report(long long ticket, const struct esc_result *r)
{
	printf(_("ticket %lld: escalation at level %s"), ticket, level_name(r->level));
	if (r->holder && *r->holder) {
		fputs(" (", stdout);
		cli_put(stdout, r->holder);
		fputc(')', stdout);
	}
	printf(", %s\n", i18n_term("escalation_state", r->state ? r->state : ""));
}

/* Parses "ID [--reason|--message TEXT]" after the verb, "--to LOGIN"
 * where `to` is not NULL and "--version N" where `version` is not NULL
 * (else left alone: TICKET_ANY_VERSION, -1, as the caller set it). */
static int parse_id_text(int argc, char **argv, const char *usage, const char *opt_name,
			 long long *id, const char **text, bool *given, const char **to, int *version)
{
	const struct option opts[] = {
		{ opt_name, required_argument, NULL, 'm' },
		{ "to", required_argument, NULL, 'o' },
		{ "version", required_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*text = NULL;
	*given = false;
	if (to)
		*to = NULL;
	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	/* -m is --message, as in the ticket commands */
	const char *shortopts = strcmp(opt_name, "message") ? "" : "m:";
	while ((c = cli_getopt(argc, argv, shortopts, opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(usage, &seen);
		if (c == 'o' && to) {
			*to = optarg;
			continue;
		}
		if (c == 'V' && version) {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (!*optarg || *end || v < 1 || v > 2147483647L)
				return cli_usage(usage, _("'%s' is not a valid version"), optarg);
			*version = (int)v;
			continue;
		}
		if (c != 'm')
			return cli_wrong_option(usage, argv[0], &seen);
		*text = optarg;
		*given = true;
	}
	if (optind >= argc)
		return cli_usage(usage, "%s", _("which ticket?"));
	if (!cli_parse_id(argv[optind], id))
		return cli_usage(usage, _("'%s' is not a ticket number"), argv[optind]);
	if (optind + 1 < argc)
		return cli_usage(usage, _("unexpected argument '%s'"), argv[optind + 1]);
	return 0;
}

/* The text of --reason/--message as given (an empty one too: the database
 * names the field as the step calls it, "reason" or "note"), else from the
 * editor or standard input ("-": standard input, as cli_message takes it);
 * cli_message checks every text that is not blank (UTF-8) and names the
 * option of one that could not be had. */
static char *step_text(const char *given_text, bool given, const char *what, const char *field,
		       const char *keep_as, struct tt_error *err)
{
	if (given && strcmp(given_text, "-") && text_blank(given_text))
		return xstrdup(given_text);
	return cli_message(given ? given_text : NULL, what, field, keep_as, err);
}

int cli_escalate(struct app *app, int argc, char **argv)
{
	long long id;
	const char *given;
	bool have;
	struct tt_error err;
	struct esc_result res;
	struct db *db;

	int version = -1;   /* no --version: no check */
	int rc = parse_id_text(argc, argv, escalate_usage, "reason", &id, &given, &have, NULL, &version);
	if (rc)
		return rc;
	tt_error_init(&err);
	char keep_as[KEPT_NAME_MAX];
	kept_text_name(keep_as, KEPT_ESCALATE, id);
	char *reason = step_text(given, have, _("the reason"), "reason", keep_as, &err);
	if (!reason)
		return cli_fail(&err);
	esc_result_init(&res);
	rc = app_db(app, &db, &err);
	if (!rc)
		rc = esc_raise_at(db, id, version, reason, &res, &err);
	free(reason);
	if (rc) {
		rc = cli_fail(&err);
	} else {
		report(id, &res);
	}
	esc_result_done(&res);
	tt_error_clear(&err);
	return cli_message_done(keep_as, rc);
}

int cli_escalation(struct app *app, int argc, char **argv)
{
	long long id;
	const char *given;
	bool have;
	struct tt_error err;
	struct esc_result res;
	struct db *db;
	char *text = NULL;
	const char *to = NULL;
	int rc;

	if (argc < 2)
		return cli_usage(escalation_usage, "%s", _("which escalation step: ack, resolve, up or hand?"));
	const char *verb = argv[1];
	bool ack = !strcmp(verb, "ack"), hand = !strcmp(verb, "hand");
	if (!ack && !hand && strcmp(verb, "resolve") && strcmp(verb, "up"))
		return cli_usage(escalation_usage, _("unknown escalation step '%s'"), verb);
	int version = -1;   /* no --version: no check */
	rc = parse_id_text(argc - 1, argv + 1, escalation_usage, "message", &id, &given, &have,
			   hand ? &to : NULL, &version);
	if (rc)
		return rc;
	if (hand && (!to || !*to))
		return cli_usage(escalation_usage, "%s", _("hand it to whom? (--to LOGIN)"));
	tt_error_init(&err);
	if (ack && have)
		return cli_usage(escalation_usage, "%s", _("acknowledging takes no message"));
	char keep_as[KEPT_NAME_MAX];
	kept_text_name(keep_as, hand ? KEPT_ESC_HAND : !strcmp(verb, "resolve") ? KEPT_ESC_RESOLVE
			      : KEPT_ESC_UP, id);   /* ack keeps nothing */
	if (!ack) {
		text = step_text(given, have, !strcmp(verb, "resolve") ? _("the resolution note")
					      : hand ? _("the reason for the hand-over")
					      : _("the reason"), "message", keep_as, &err);
		if (!text)
			return cli_fail(&err);
	}
	esc_result_init(&res);
	rc = app_db(app, &db, &err);
	if (!rc) {
		enum esc_step_kind kind = ack ? ESC_STEP_ACK : hand ? ESC_STEP_HAND
				     : !strcmp(verb, "resolve") ? ESC_STEP_RESOLVE : ESC_STEP_UP;
		rc = esc_step_at(db, kind, id, version, text, to, &res, &err);
	}
	free(text);
	if (rc)
		rc = cli_fail(&err);
	else
		report(id, &res);
	esc_result_done(&res);
	tt_error_clear(&err);
	return ack ? rc : cli_message_done(keep_as, rc);
}

/* Database text on the line being built, sanitised. */
static void add(struct strbuf *sb, const char *s)
{
	text_sanitize(sb, s, strlen(s), text_flags());
}

/* One escalation: the ticket's figures, its title, then a line a level
 * reached, lowest first: the holder, the step's state and how long the
 * holder had it (esc_step.age_secs), who raised it and why (a pass-up's
 * reason is the next level's own, so each reason shows once). Each line
 * word-wrapped on a terminal of cols > 0. */
static void print_item(const struct esc_item *it, int cols)
{
	char age[32];
	struct strbuf sb;
	sb_init(&sb);

	esc_format_age(it->age_secs, age, sizeof(age));
	sb_addf(&sb, "#%lld  %d ", it->ticket_id, it->severity);
	add(&sb, i18n_db(it->severity_name));
	if (*it->sla_state)
		sb_addf(&sb, "  %s %s", _("SLA"), i18n_term("sla_state", it->sla_state));
	sb_add(&sb, "  ");
	add(&sb, it->customer);
	sb_addf(&sb, "  %s %s", i18n_term("escalation_state", it->state), age);
	if (it->mine)
		sb_addf(&sb, "  [%s]", _("yours"));
	cli_print_wrapped(sb.buf, cols);

	sb_reset(&sb);
	sb_add(&sb, "    ");
	add(&sb, it->title);
	cli_print_wrapped(sb.buf, cols);

	for (size_t i = 0; i < it->nchain; i++) {
		const struct esc_step *s = &it->chain[i];
		esc_format_age(s->age_secs, age, sizeof(age));
		sb_reset(&sb);
		sb_addf(&sb, "    %s  ", level_name(s->level));
		add(&sb, *s->holder ? s->holder : "-");
		sb_addf(&sb, " (%s, %s); %s ", i18n_term("escalation_state", s->state), age, _("raised by"));
		add(&sb, s->raised_by);
		sb_add(&sb, ": ");
		add(&sb, s->reason);
		cli_print_wrapped(sb.buf, cols);
	}
	sb_done(&sb);
}

/* The header over the records, one line per line of a record, naming its
 * fields in their order (a record is several lines, so no columns line
 * up under it; each title is a word of the other listings' headers). */
static void print_header(int cols)
{
	struct strbuf sb;
	sb_init(&sb);
	/* #ticket  severity  SLA state  customer  state and how long it waits */
	sb_addf(&sb, "%s  %s  %s  %s  %s %s", _("ID"), _("SEV"), _("SLA"), _("CUSTOMER"), _("STATE"),
		_("HELD FOR"));
	cli_print_wrapped(sb.buf, cols);
	sb_reset(&sb);
	sb_addf(&sb, "    %s", _("TITLE"));
	cli_print_wrapped(sb.buf, cols);
	sb_reset(&sb);
	/* a level reached, lowest first */
	sb_addf(&sb, "    %s  %s (%s, %s); %s: %s", _("LEVEL"), _("HOLDER"), _("STATE"), _("HELD FOR"),
		_("RAISED BY"), _("REASON"));
	cli_print_wrapped(sb.buf, cols);
	sb_done(&sb);
}

int cli_escalations(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "level", required_argument, NULL, 'l' },
		{ "mine", no_argument, NULL, 'm' },
		{ "limit", required_argument, NULL, 'n' },
		{ "after", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	struct esc_filter f = { .level = 0 };
	struct esc_key after;
	bool json = false, have_after = false;
	int limit = LIST_LIMIT;
	struct tt_error err;
	struct db *db;
	int c, rc;

	struct cli_seen seen = { 0 };
	optind = 0;
	opterr = 0;
	while ((c = cli_getopt(argc, argv, "", opts, "", &seen)) != -1) {
		if (c == CLI_OPT_TWICE)
			return cli_given_twice(escalations_usage, seen.twice);
		if (c == '?' || c == ':')
			return cli_bad_option(escalations_usage, &seen);
		if (c == 'l') {
			f.level = esc_level_from_key(optarg);
			if (!f.level)
				return cli_usage(escalations_usage, _("unknown level '%s'"), optarg);
		} else if (c == 'm') {
			f.mine = true;
		} else if (c == 'n') {
			if (!cli_parse_limit(optarg, ESC_LIST_MAX, &limit))
				return cli_usage(escalations_usage, _("--limit must be a number from 1 to %d"),
						 ESC_LIST_MAX);
		} else if (c == 'a') {
			if (!esc_key_parse(optarg, &after))
				return cli_usage(escalations_usage,
						 _("'%s' is not an escalations cursor (use the next: value)"), optarg);
			have_after = true;
		} else if (c == 'j') {
			json = true;
		} else {
			return cli_usage(escalations_usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage(escalations_usage, _("unexpected argument '%s'"), argv[optind]);
	tt_error_init(&err);
	if ((rc = app_db(app, &db, &err)))
		return cli_fail(&err);
	if (json) {
		char *text = NULL;
		if ((rc = esc_list_json(db, &f, have_after ? &after : NULL, limit, &text, &err)))
			return cli_fail(&err);
		printf("%s\n", text);
		free(text);
		return 0;
	}
	/* one more than the page: whether another follows */
	struct esc_list list;
	esc_list_init(&list);
	if ((rc = esc_list_page(db, &f, have_after ? ESC_AFTER : ESC_FIRST, have_after ? &after : NULL,
				limit + 1, true, &list, &err))) {
		esc_list_done(&list);
		return cli_fail(&err);
	}
	size_t shown = list.n > (size_t)limit ? (size_t)limit : list.n;
	if (!list.n && !have_after)
		/* as the view says it: --mine lists what waits for the caller */
		printf("%s\n", f.mine ? _("nothing waits for you") : _("no open escalations"));
	int shown_level = 0, cols = cli_terminal_cols();
	if (shown)
		print_header(cols);
	for (size_t i = 0; i < shown; i++) {
		const struct esc_item *it = &list.items[i];
		if (it->level != shown_level) {
			long n = esc_list_waiting(&list, it->level);
			printf("\n== %s (%ld%s)\n", level_name(it->level),
			       n > ESC_COUNT_CAP ? (long)ESC_COUNT_CAP : n, n > ESC_COUNT_CAP ? "+" : "");
			shown_level = it->level;
		}
		print_item(it, cols);
	}
	/* a script reading the list goes on from here */
	if (list.n > shown) {
		struct strbuf cursor;
		sb_init(&cursor);
		struct esc_key k = esc_item_key(&list.items[shown - 1]);
		esc_key_format(&k, &cursor);
		printf("\nnext: %s\n", cursor.buf);
		sb_done(&cursor);
	}
	esc_list_done(&list);
	return 0;
}
