/* Shared helpers for the subcommands: the command table, usage errors,
 * reading a message from --message or $EDITOR, printing refusals. */
#ifndef TICKETTY_CLI_CLI_H
#define TICKETTY_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "app.h"
#include "util/error.h"

typedef int (*cli_handler)(struct app *app, int argc, char **argv);

struct cli_command {
	const char *name;     /* first word after the global options */
	cli_handler run;      /* receives argv[0] == name */
	const char *usage;    /* its outline in `ticketty --help`, e.g. "queue [--limit N] [--json]" */
	const char *summary;  /* what it does (translated when printed) */
	const char *forms;    /* every form in full, " | " between them, for
	                       * `ticketty NAME --help`; NULL when usage says all */
};

/* The table of subcommands (src/cli/commands.c), ended by a NULL name. */
extern const struct cli_command cli_commands[];

const struct cli_command *cli_find(const char *name);
/* Prints the list of subcommands with their usage lines. */
void cli_print_help(FILE *out);

/* `ticketty NAME --help`, `ticketty help NAME`: the command's forms and
 * what it does, on stdout; returns 0. */
int cli_command_help(const struct cli_command *c);
/* True when a command's arguments (args[0] its name) ask for its help:
 * --help anywhere, or -h as its first or second word. */
bool cli_wants_help(int argc, char **argv);
/* Prints "Usage:" and each form of `usage` (split at the " | " outside
 * brackets) on a line of its own, word-wrapped within 80 cells. */
void cli_print_usage(FILE *out, const char *usage);
/* Prints "ticketty: <message>" and the usage (cli_print_usage) on
 * stderr; returns 64. The message is sanitised, and one longer than 300
 * cells (a pasted value) shows its two ends around "…". */
int cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct field_pair;
/* The FIELD=VALUE words args[0..n) of a set command, parsed into pairs
 * (room for PAIRS_MAX, model/pairs.h): 0, or cli_usage's 64 saying what
 * is wrong: none given when at_least_one, more than PAIRS_MAX, a word
 * that is no FIELD=VALUE or a field named twice. */
int cli_read_pairs(const char *usage, char **args, int n, bool at_least_one,
		   struct field_pair *pairs);
struct db;
/* The model call of a `... set KEY FIELD=VALUE ...` command (team_set,
 * request_type_set): changes the record `key` by the pairs and stores
 * its id in *id; 0, or an exit code with err set. */
typedef int (*cli_set_by_key_fn)(struct db *db, const char *key, const struct field_pair *pairs,
				 size_t npairs, long long *id, struct tt_error *err);
/* Runs `admin WHAT set KEY FIELD=VALUE ...` (argv[0] WHAT, argv[1] "set",
 * argv[2] the key, the pairs after it, read by cli_read_pairs): 64 with
 * `which` (translated: "which team? ...") when no key is given, else
 * set's code with its error printed, else 0 with the record's id printed
 * on stdout. */
int cli_set_by_key(struct app *app, int argc, char **argv, const char *usage, const char *which,
		   cli_set_by_key_fn set);
/* An option or field that takes one value given again ("--message given
 * twice"): cli_usage naming it (`name` as the user wrote it: "--message",
 * "title"); returns 64. A later value never silently replaces the first. */
int cli_given_twice(const char *usage, const char *name);
/* getopt_long(argc, argv, shortopts, opts) with one rule more: an option
 * that takes a value is given once, unless its code (opts[].val) is in
 * `repeatable` (such as --attach, a file each time). A second one returns
 * CLI_OPT_TWICE with its name ("--status") in seen->twice, for
 * cli_given_twice. `seen` starts zeroed; opts has at most 64 entries. */
#define CLI_OPT_TWICE (-2)
struct cli_seen {
	unsigned long long given;  /* a bit per entry of opts */
	char twice[48];
	/* after getopt's '?' or ':': the option as typed ("--limit", "-x")
	 * and whether it is known and only its value is missing (the last
	 * word of the command line) or takes none ("--json=x") */
	char bad[48];
	/* the long name of the option cli_getopt last returned ("--team"),
	 * for cli_wrong_option */
	char last[48];
	enum { CLI_OPT_UNKNOWN, CLI_OPT_NO_VALUE, CLI_OPT_NO_VALUE_TAKEN } why;
};
struct option;
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *opts,
	       const char *repeatable, struct cli_seen *seen);
/* After cli_getopt returned '?' or ':': cli_usage saying what was wrong
 * with the option seen->bad ("option '--limit' needs a value", "unknown
 * option '--bogus'", "option '--json' takes no value"); returns 64. */
int cli_bad_option(const char *usage, const struct cli_seen *seen);
/* After cli_getopt returned an option that the table knows but this
 * command (`verb`, "note") does not take: cli_usage naming it (seen->last,
 * not the value after it); returns 64. */
int cli_wrong_option(const char *usage, const char *verb, const struct cli_seen *seen);
/* Prints the error (and each refused field) on stderr, clears it (so
 * `return cli_fail(&err);` leaks nothing) and returns its code. */
int cli_fail(struct tt_error *err);
/* s written to f made safe for a terminal (text from the database or
 * from mail: control characters shown, not obeyed; ASCII outside UTF-8). */
void cli_put(FILE *f, const char *s);
/* The largest text read whole (a message `mail receive` stores, a
 * template's body; the policy row max_message_bytes, checked by the
 * database, is normally far lower). */
#define CLI_READ_MAX ((size_t)256 << 20)
/* Reads all of `in` onto sb: refused (65) when empty or over `max`
 * bytes, 75 when reading fails. 0, or the code with err set. */
int cli_read_all(FILE *in, size_t max, struct strbuf *sb, struct tt_error *err);
/* The same, keeping at most `keep` bytes (keep <= max): once the input
 * passes them, sb is emptied and the rest only counted, up to `max`;
 * *total is the size of the input read, more than sb holds when it
 * passed `keep`. */
int cli_read_upto(FILE *in, size_t keep, size_t max, struct strbuf *sb, size_t *total,
		  struct tt_error *err);

/* The largest document `--json FILE|-` reads (a ticket: its longest
 * fields, 100000 characters each, come to well under 2 MiB even written
 * as \uXXXX escapes), and the largest text of a reply, note or reason
 * read from standard input (the database refuses one of more than 100000
 * characters, at most 400 KB of UTF-8, naming the limit). Past these a
 * command stops reading and refuses the input (65) instead of taking
 * memory without end (`--json /dev/zero`, `yes | ticketty ticket note`). */
#define CLI_DOC_MAX ((size_t)16 << 20)
#define CLI_TEXT_MAX ((size_t)4 << 20)
/* Appends the whole document a command reads from `path` ("-": standard
 * input, as `--json FILE|-` takes it) onto sb: 0, 66 when it cannot be
 * opened or is a directory (fs_open_input), 74 naming why it could not
 * be read, 65 when it is larger than CLI_DOC_MAX. */
int cli_read_document(const char *path, struct strbuf *sb, struct tt_error *err);

/* After a command that read a document (`--json -`) from `path` ended
 * with rc: when it failed and path is "-", says on stderr that nothing was
 * saved and that what standard input gave is not kept (it cannot be read
 * twice: the script must give it again). */
void cli_stdin_not_kept(const char *path, int rc);

/* The message text (cli/message.c): `given` when not NULL, else the text
 * written in $VISUAL/$EDITOR when stdin and stdout are terminals, else
 * read from standard input when it is not a terminal; `given` "-" reads
 * standard input whatever it is (as `--json -` does: a reply of one dash
 * to the customer is never meant). Returns a fresh string, or NULL with
 * err set (65 naming `field` when it is empty or blank ("field: is
 * required"), holds a NUL byte, which would cut it, or is not UTF-8; 64
 * or another code when no text could be had). `field` is also
 * the option's name: the empty text's hint says --<field> TEXT.
 * `keep_as` (e.g. "reply-42"; NULL: not kept) names the draft a text
 * written in the editor or read from standard input is kept in until the
 * command succeeds; the editor opens on a kept text. */
char *cli_message(const char *given, const char *what, const char *field, const char *keep_as,
		  struct tt_error *err);
/* After the command that used cli_message(..., keep_as, ...) ended with
 * rc: on 0 the kept text is removed, else, when one is kept, says where
 * on stderr. Returns rc. */
int cli_message_done(const char *keep_as, int rc);

/* Parses a positive integer id ("123" or "#123"); false when malformed. */
bool cli_parse_id(const char *s, long long *id);
/* Parses a --limit: a number from 1 to max; false otherwise. */
bool cli_parse_limit(const char *s, int max, int *limit);

/* The terminal's width in columns when stdout is one, else 0 (piped:
 * lines are printed whole, for scripts). */
int cli_terminal_cols(void);
/* Prints one line (already sanitised): on a terminal of cols > 0
 * columns word-wrapped with hanging continuations (text_wrap), else as
 * it is. */
void cli_print_wrapped(const char *line, int cols);
/* Calls emit for each line of `text` (sanitised, lines split at '\n',
 * which are overwritten): on a terminal of cols > 0 columns each line
 * word-wrapped with hanging continuations (text_wrap), else as it is. */
void cli_each_line(char *text, int cols, void (*emit)(void *arg, const char *line), void *arg);
/* Prints database text of any number of lines sanitised (tabs expanded),
 * through cli_each_line. */
void cli_print_text(const char *text, int cols);

#endif
