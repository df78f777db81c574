/* Helpers shared by every subcommand. */
#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "model/pairs.h"
#include "util/fs.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

const struct cli_command *cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/* text word-wrapped to 80 cells: the first line after `lead`, the rest
 * under `hang` (usage alternatives and summaries stay readable at 80). */
static void print_wrapped(FILE *out, const char *lead, const char *hang, const char *text)
{
	const char *prefix = lead;
	while (*text) {
		int room = 80 - text_width(prefix);
		size_t n = text_wrap_line(text, room > 20 ? room : 20);
		fprintf(out, "%s%.*s\n", prefix, (int)n, text);
		text += n;
		while (*text == ' ')
			text++;
		prefix = hang;
	}
}

void cli_print_help(FILE *out)
{
	/* TRANSLATORS: translate the placeholders only (FILE, CONNINFO, COMMAND). */
	fprintf(out, "%s\n  ticketty %s\n\n", _("Usage:"),
		_("[--config FILE] [--db CONNINFO] [--no-color] [COMMAND ...]"));
	fprintf(out, "%s\n", _("Without a command ticketty opens the full-screen interface."));
	print_wrapped(out, "", "", _("Every form of one command, and what it does: ticketty COMMAND --help."));
	fputc('\n', out);
	fprintf(out, "%s\n", _("Commands:"));
	for (const struct cli_command *c = cli_commands; c->name; c++)
	{
		print_wrapped(out, "  ticketty ", "             ", _(c->usage));
		print_wrapped(out, "      ", "      ", _(c->summary));
	}
}

/* How deep the brackets or parentheses of a form are at s[0], given the
 * depth before it: a choice in them ("[--json | KEY VALUE]", "(--team
 * TEAM | --account-rep)") belongs to one form and one line. */
static int form_depth(char c, int depth)
{
	if (c == '[' || c == '(')
		return depth + 1;
	if ((c == ']' || c == ')') && depth > 0)
		return depth - 1;
	return depth;
}

/* The length of the form at the start of `s`: up to the first " | " that
 * no bracket or parenthesis encloses. */
static size_t form_length(const char *s)
{
	int depth = 0;
	size_t i;
	for (i = 0; s[i]; i++) {
		if (depth == 0 && !strncmp(s + i, " | ", 3))
			break;
		depth = form_depth(s[i], depth);
	}
	return i;
}

/* Prints one form within 80 cells: the first line after `lead`, the rest
 * under `hang`, broken only at spaces outside brackets so that an option
 * stays whole with its value ("[--phone P]"); a bracket wider than a line
 * is broken between its words. */
static void print_form(FILE *out, const char *lead, const char *hang, const char *form)
{
	const char *prefix = lead;
	while (*form) {
		int room = 80 - text_width(prefix);
		size_t len = strlen(form), cut = 0;
		int depth = 0;
		if (text_width(form) > room) {
			for (size_t i = 0; i < len && text_width_n(form, i) <= room; i++) {
				if (form[i] == ' ' && depth == 0)
					cut = i;
				depth = form_depth(form[i], depth);
			}
			if (!cut)
				cut = text_wrap_line(form, room > 20 ? room : 20);
		} else {
			cut = len;
		}
		fprintf(out, "%s%.*s\n", prefix, (int)cut, form);
		form += cut;
		while (*form == ' ')
			form++;
		prefix = hang;
	}
}

void cli_print_usage(FILE *out, const char *usage)
{
	const char *label = _("Usage:");
	int pad = text_width(label) + 1;
	char *first = xasprintf("%s ticketty ", label);
	char *next = xasprintf("%*sticketty ", pad, "");
	char *hang = xasprintf("%*s", pad + 11, "");
	for (const char *s = usage, *lead = first; *s; lead = next) {
		size_t n = form_length(s);
		char *form = xstrndup(s, n);
		print_form(out, lead, hang, form);
		free(form);
		s += n;
		if (*s)
			s += 3;   /* the " | " between two forms */
	}
	free(first);
	free(next);
	free(hang);
}

int cli_command_help(const struct cli_command *c)
{
	cli_print_usage(stdout, _(c->forms ? c->forms : c->usage));
	fputc('\n', stdout);
	print_wrapped(stdout, "", "", _(c->summary));
	return 0;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || (i <= 2 && !strcmp(argv[i], "-h")))
			return true;
	return false;
}

/* The most cells a usage message shows of itself (about four lines). */
#define USAGE_SAID_CELLS 300

int cli_usage(const char *usage, const char *fmt, ...)
{
	va_list ap;
	struct strbuf said, clean;
	sb_init(&said);
	sb_init(&clean);
	va_start(ap, fmt);
	sb_vaddf(&said, fmt, ap);
	va_end(ap);
	/* what was typed (an unknown option, a bad value) is shown, not sent */
	text_sanitize(&clean, said.buf, said.len, TEXT_TABS | (i18n_utf8() ? 0 : TEXT_ASCII));
	/* a value pasted by the kilobyte is shown by its two ends: the
	 * message's own words, at its end as often as at its start, stay */
	struct strbuf shown;
	sb_init(&shown);
	text_ends(&shown, clean.buf, USAGE_SAID_CELLS, i18n_utf8() ? 0 : TEXT_ASCII);
	fprintf(stderr, "ticketty: %s\n", shown.buf);
	sb_done(&shown);
	sb_done(&said);
	sb_done(&clean);
	if (usage && *usage)
		cli_print_usage(stderr, _(usage));
	return EX_USAGE;
}

int cli_given_twice(const char *usage, const char *name)
{
	return cli_usage(usage, _("%s given twice; give it once"), name);
}

/* What getopt_long refused, as typed, into seen->bad and seen->why.
 * glibc sets optopt to the option's code when the option is known (its
 * value missing, or one given to an option that takes none) and to 0
 * for an unknown or ambiguous long option; for a short one optopt is the
 * letter either way, and shortopts says whether it is known. */
static void note_bad_option(int c, int argc, char **argv, const char *shortopts, struct cli_seen *seen)
{
	const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "";
	seen->why = CLI_OPT_UNKNOWN;
	if (!strncmp(word, "--", 2)) {
		const char *eq = strchr(word, '=');
		int len = eq ? (int)(eq - word) : (int)strlen(word);
		snprintf(seen->bad, sizeof(seen->bad), "%.*s", len, word);
		if (c == ':' || optopt)
			seen->why = eq ? CLI_OPT_NO_VALUE_TAKEN : CLI_OPT_NO_VALUE;
	} else {
		snprintf(seen->bad, sizeof(seen->bad), "-%c", optopt ? optopt : '?');
		const char *known = optopt && optopt != ':' && optopt != '+' ? strchr(shortopts, optopt) : NULL;
		if (c == ':' || (known && known[1] == ':'))
			seen->why = CLI_OPT_NO_VALUE;
	}
}

int cli_bad_option(const char *usage, const struct cli_seen *seen)
{
	if (seen->why == CLI_OPT_NO_VALUE)
		return cli_usage(usage, _("option '%s' needs a value"), seen->bad);
	if (seen->why == CLI_OPT_NO_VALUE_TAKEN)
		return cli_usage(usage, _("option '%s' takes no value"), seen->bad);
	return cli_usage(usage, _("unknown option '%s'"), seen->bad);
}

int cli_wrong_option(const char *usage, const char *verb, const struct cli_seen *seen)
{
	return cli_usage(usage, _("%s does not take %s"), verb, seen->last);
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *opts,
	       const char *repeatable, struct cli_seen *seen)
{
	int c = getopt_long(argc, argv, shortopts, opts, NULL);
	if (c == '?' || c == ':') {
		note_bad_option(c, argc, argv, shortopts, seen);
		return c;
	}
	if (c == -1)
		return c;
	for (size_t i = 0; opts[i].name && i < 64; i++)
		if (opts[i].val == c) {
			snprintf(seen->last, sizeof(seen->last), "--%s", opts[i].name);
			break;
		}
	if (repeatable && strchr(repeatable, c))
		return c;
	for (size_t i = 0; opts[i].name && i < 64; i++) {
		if (opts[i].val != c || opts[i].has_arg == no_argument)
			continue;
		if (seen->given & (1ULL << i)) {
			snprintf(seen->twice, sizeof(seen->twice), "--%s", opts[i].name);
			return CLI_OPT_TWICE;
		}
		seen->given |= 1ULL << i;
		break;
	}
	return c;
}

int cli_fail(struct tt_error *err)
{
	int code = err->code ? err->code : EX_SOFTWARE;
	tt_error_print(err);
	tt_error_clear(err);
	return code;
}

void cli_put(FILE *f, const char *s)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, s, strlen(s), i18n_utf8() ? 0 : TEXT_ASCII);
	fputs(sb.buf, f);
	sb_done(&sb);
}

int cli_read_all(FILE *in, size_t max, struct strbuf *sb, struct tt_error *err)
{
	size_t total;
	return cli_read_upto(in, max, max, sb, &total, err);
}

int cli_read_upto(FILE *in, size_t keep, size_t max, struct strbuf *sb, size_t *total,
		  struct tt_error *err)
{
	char buf[65536];
	size_t n;
	bool kept = true;
	*total = sb->len;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (*total + n > max)
			return tt_error_set(err, EX_DATAERR, _("the message is larger than %zu MiB: it cannot be stored"),
					    max >> 20);
		*total += n;
		if (kept && *total > keep) {
			/* what is kept can no longer be all of it: let go of it */
			sb_done(sb);
			sb_init(sb);
			kept = false;
		}
		if (kept)
			sb_addn(sb, buf, n);
	}
	if (ferror(in))
		return tt_error_set(err, EX_TEMPFAIL, _("cannot read the message: %s"), strerror(errno));
	if (*total == 0)
		return tt_error_set(err, EX_DATAERR, "%s", _("the message is empty"));
	return 0;
}

int cli_read_document(const char *path, struct strbuf *sb, struct tt_error *err)
{
	FILE *f = fs_open_input(path, err);
	if (!f)
		return err->code;
	bool over;
	bool failed = !sb_add_stream_max(sb, f, CLI_DOC_MAX, &over);
	int why = errno;
	fs_close_input(f);
	if (failed)
		return tt_error_set(err, EX_IOERR, "%s: %s: %s", path, _("read error"), strerror(why));
	if (over) {
		sb_reset(sb);
		return tt_error_set(err, EX_DATAERR, _("%s: larger than %zu MiB, more than any ticket can be: not read"),
				    strcmp(path, "-") ? path : _("standard input"), CLI_DOC_MAX >> 20);
	}
	return 0;
}

void cli_stdin_not_kept(const char *path, int rc)
{
	if (rc && path && !strcmp(path, "-"))
		fprintf(stderr, "ticketty: %s\n",
			_("nothing was saved, and the JSON read from standard input is not kept: give it again"));
}

bool cli_parse_limit(const char *s, int max, int *limit)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 1 || v > max)
		return false;
	*limit = (int)v;
	return true;
}

bool cli_parse_id(const char *s, long long *id)
{
	char *end;
	if (!s)
		return false;
	if (*s == '#')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return false;
	*id = v;
	return true;
}

int cli_terminal_cols(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

static void print_one(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

void cli_print_wrapped(const char *line, int cols)
{
	if (cols > 0)
		text_wrap(line, cols, print_one, NULL);
	else
		printf("%s\n", line);
}

void cli_each_line(char *text, int cols, void (*emit)(void *arg, const char *line), void *arg)
{
	for (char *line = text, *end; line; line = end ? end + 1 : NULL) {
		if ((end = strchr(line, '\n')))
			*end = '\0';
		if (cols > 0)
			text_wrap(line, cols, emit, arg);
		else
			emit(arg, line);
	}
}

void cli_print_text(const char *text, int cols)
{
	struct strbuf clean;
	sb_init(&clean);
	text_sanitize(&clean, text, strlen(text), TEXT_MULTILINE | TEXT_TABS | (i18n_utf8() ? 0 : TEXT_ASCII));
	cli_each_line(clean.buf, cols, print_one, NULL);
	sb_done(&clean);
}

int cli_read_pairs(const char *usage, char **args, int n, bool at_least_one,
		   struct field_pair *pairs)
{
	if (at_least_one && n < 1)
		return cli_usage(usage, "%s", _("name at least one FIELD=VALUE to change"));
	if (n > PAIRS_MAX)
		return cli_usage(usage, _("name between 1 and %d fields to change"), PAIRS_MAX);
	struct tt_error err;
	tt_error_init(&err);
	if (pairs_parse_all(args, n, pairs, &err)) {
		int rc = cli_usage(usage, "%s", err.message);
		tt_error_clear(&err);
		return rc;
	}
	return 0;
}

int cli_set_by_key(struct app *app, int argc, char **argv, const char *usage, const char *which,
		   cli_set_by_key_fn set)
{
	if (argc < 3)
		return cli_usage(usage, "%s", which);
	int npairs = argc - 3;
	struct field_pair pairs[PAIRS_MAX];
	int bad = cli_read_pairs(usage, argv + 3, npairs, true, pairs);
	if (bad)
		return bad;
	struct tt_error err;
	tt_error_init(&err);
	struct db *db;
	long long id = 0;
	if (app_db(app, &db, &err) || set(db, argv[2], pairs, (size_t)npairs, &id, &err))
		return cli_fail(&err);
	printf("%lld\n", id);
	return 0;
}
