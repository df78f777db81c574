/* Every word of a command that goes to the database as text is checked
 * to be UTF-8 before the command runs, in one place for all commands
 * (main.c calls it before the command's handler): PostgreSQL refuses
 * such bytes with a generic "invalid byte sequence" that names no
 * argument. A word is named as it was given (option, FIELD of
 * FIELD=VALUE, or place), never shown: its bytes would reach the
 * terminal. Control characters in one-line values are the server's to
 * refuse (it names the field); texts read from standard input or the
 * editor are checked by cli_message, JSON documents and --set values by
 * the intake. */
#include "cli/arg_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum arg_kind {
	ARG_TEXT,       /* sent as text: checked */
	ARG_FLAG,       /* an option that takes no value */
	ARG_PATH,       /* names a file or a program: not checked */
	ARG_FILE_NAME,  /* a file sent with its name: the name is checked */
	ARG_ELSEWHERE,  /* checked where it is read, by its field */
};

struct arg_rule {
	const char *command;  /* the words it starts with ("ticket new"); NULL: any */
	const char *option;   /* "--json", "-o"; NULL: a word that is no option */
	enum arg_kind kind;
};

/* The first rule that fits says what a word is; an option none names
 * takes a value sent as text. A new option that takes no value belongs
 * here (else the argument after it would be named after it;
 * tests/pkg/check-arg-rules.sh, run by make check-man, fails until it is),
 * as does a new word that names a file. */
static const struct arg_rule rules[] = {
	{ "ticket new", "--json", ARG_PATH },
	{ "inbox accept", "--json", ARG_PATH },
	{ "admin policy load", NULL, ARG_PATH },
	{ NULL, "--body-file", ARG_PATH },
	{ NULL, "-o", ARG_PATH },
	{ NULL, "--sendmail", ARG_PATH },
	{ NULL, "--attach", ARG_FILE_NAME },
	{ NULL, "--set", ARG_ELSEWHERE },
	{ "admin request-type add", "--account-rep", ARG_FLAG },
	{ NULL, "--json", ARG_FLAG },
	{ NULL, "--all", ARG_FLAG },
	{ NULL, "--mine", ARG_FLAG },
	{ NULL, "--following", ARG_FLAG },
	{ NULL, "--unassigned", ARG_FLAG },
	{ NULL, "--my-team", ARG_FLAG },
	{ NULL, "--breached", ARG_FLAG },
	{ NULL, "--waiting", ARG_FLAG },
	{ NULL, "--held", ARG_FLAG },
	{ NULL, "--mark-read", ARG_FLAG },
	{ NULL, "--spoc", ARG_FLAG },
	{ NULL, "--password-stdin", ARG_FLAG },
	{ NULL, "--ui-related", ARG_FLAG },
	{ NULL, "--timing", ARG_FLAG },
	{ NULL, "--conf", ARG_FLAG },
	{ NULL, "--quoted", ARG_FLAG },
	{ NULL, "--once", ARG_FLAG },
	{ NULL, "--watch", ARG_FLAG },
	{ NULL, "--verbose", ARG_FLAG },
	{ NULL, "--help", ARG_FLAG },
};

/* True when the command's words args[0..n) start with the words of
 * `command` ("admin policy load"). */
static bool starts_with_words(int n, char **args, const char *command)
{
	int i = 0;
	for (const char *w = command; *w; i++) {
		size_t len = strcspn(w, " ");
		if (i >= n || strlen(args[i]) != len || strncmp(args[i], w, len))
			return false;
		w += len;
		while (*w == ' ')
			w++;
	}
	return true;
}

static enum arg_kind kind_of(int n, char **args, const char *option)
{
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		const struct arg_rule *rule = &rules[r];
		if ((rule->option == NULL) != (option == NULL) || (option && strcmp(rule->option, option)))
			continue;
		if (!rule->command || starts_with_words(n, args, rule->command))
			return rule->kind;
	}
	return ARG_TEXT;
}

/* The length of the option name that `word` starts with ("--name" of
 * "--name=x", "-m" of "-mtext"), or 0 when it is no option: "-", "--",
 * a search's "-word" (only -m and -o are short options here). */
static size_t option_length(const char *word)
{
	if (word[0] != '-' || !word[1])
		return 0;
	if (word[1] == '-')
		return word[2] ? strcspn(word, "=") : 0;
	return word[1] == 'm' || (word[1] == 'o' && !word[2]) ? 2 : 0;
}

/* The FIELD of a FIELD=VALUE word (a key: a-z, 0-9, '_', '-', '.'), or
 * NULL. */
static char *field_of(const char *word)
{
	size_t len = strspn(word, "abcdefghijklmnopqrstuvwxyz0123456789_-.");
	return len && word[len] == '=' ? xstrndup(word, len) : NULL;
}

/* Adds a field to err, named `name`, when value (of `kind`) is sent as
 * text and is not UTF-8. */
static void check(struct tt_error *err, const char *name, const char *value, enum arg_kind kind)
{
	if (kind == ARG_PATH || kind == ARG_ELSEWHERE || kind == ARG_FLAG || !value)
		return;
	if (kind == ARG_FILE_NAME && strrchr(value, '/'))
		value = strrchr(value, '/') + 1;
	if (!utf8_valid(value, strlen(value)))
		tt_error_add_field(err, name, "invalid_utf8", "is not valid UTF-8");
}

int cli_args_text(int n, char **args, struct tt_error *err)
{
	bool options = true;
	for (int i = 1; i < n; i++) {
		const char *word = args[i];
		size_t len = options ? option_length(word) : 0;
		if (options && !strcmp(word, "--")) {
			options = false;
			continue;
		}
		if (len) {
			char *name = xstrndup(word, len);
			enum arg_kind kind = kind_of(n, args, name);
			const char *value = word[len] == '=' ? word + len + 1 : word[len] ? word + len : NULL;
			if (!value && kind != ARG_FLAG && i + 1 < n)
				value = args[++i];
			check(err, name, value, kind);
			free(name);
			continue;
		}
		char *name = field_of(word);
		if (!name)
			name = xasprintf(_("argument %d"), i);
		check(err, name, word, kind_of(n, args, NULL));
		free(name);
	}
	if (!err->nfields)
		return 0;
	return tt_error_set(err, EX_DATAERR, "%s",
			    _("an argument is not UTF-8 text, so nothing was sent: check the character set of "
			      "the terminal or script that gave it"));
}
