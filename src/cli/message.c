/* The text of a reply, note, reason or canned reply on the command line:
 * --message TEXT, standard input, or $VISUAL/$EDITOR on a terminal. What
 * was written in the editor is kept as a draft (util/draft.h, kind "cli")
 * from the moment the editor closes until the command has used it, so a
 * refusal (a stale version, a lost database) loses nothing: the next run
 * of the same command opens the editor on it. */
#include "cli/cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/draft.h"
#include "util/editor.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The draft's id for keep_as: "cli-" and the name, with anything but
 * letters, digits, '-' and '_' made '_' (draft ids allow no more). */
static char *draft_id(const char *keep_as)
{
	char *id = xasprintf("cli-%s", keep_as);
	for (char *p = id; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			*p = '_';
	return id;
}

/* The text kept under keep_as, or NULL. */
static char *kept_text(const char *keep_as)
{
	char *dir = draft_dir(), *id = draft_id(keep_as), *text = NULL;
	struct draft d;
	struct tt_error err;
	tt_error_init(&err);
	draft_init(&d, "cli", id);
	if (draft_load(dir, id, &d, &err) == 0) {
		size_t len;
		const char *v = draft_get(&d, "text", &len);
		if (v)
			text = xstrdup(v);
	}
	draft_done(&d);
	tt_error_clear(&err);
	free(id);
	free(dir);
	return text;
}

/* Keeps text under keep_as (durably: it is what the user just wrote). A
 * draft that cannot be written is said, and the command goes on. */
static void keep_text(const char *keep_as, const char *text)
{
	char *dir = draft_dir(), *id = draft_id(keep_as);
	struct draft d;
	struct tt_error err;
	tt_error_init(&err);
	draft_init(&d, "cli", id);
	draft_set(&d, "text", text, strlen(text));
	if (draft_save(dir, &d, true, &err))
		fprintf(stderr, _("ticketty: the text could not be kept as a draft: %s\n"),
			err.message ? err.message : "?");
	draft_done(&d);
	tt_error_clear(&err);
	free(id);
	free(dir);
}

static void forget_text(const char *keep_as)
{
	char *dir = draft_dir(), *id = draft_id(keep_as);
	struct tt_error err;
	tt_error_init(&err);
	draft_delete(dir, id, &err);
	tt_error_clear(&err);
	free(id);
	free(dir);
}

char *cli_message(const char *given, const char *what, const char *field, const char *keep_as,
		  struct tt_error *err)
{
	char *text = NULL;

	bool from_stdin = given && !strcmp(given, "-");
	if (given && !from_stdin) {
		text = xstrdup(given);
	} else if (!from_stdin && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		char *kept = keep_as ? kept_text(keep_as) : NULL;
		text = editor_edit(kept, err);
		free(kept);
		if (!text)
			return NULL;
		/* an emptied text is the writer throwing it away */
		if (keep_as && blank(text))
			forget_text(keep_as);
		else if (keep_as)
			keep_text(keep_as, text);
	} else {
		struct strbuf sb;
		sb_init(&sb);
		if (!sb_add_stream(&sb, stdin)) {
			sb_done(&sb);
			tt_error_set(err, EX_IOERR, _("%s could not be read from standard input"), what);
			return NULL;
		}
		if (memchr(sb.buf, '\0', sb.len)) {
			/* it would silently cut the text: refuse it whole */
			sb_done(&sb);
			tt_error_set(err, EX_DATAERR, _("%s was not sent"), what);
			tt_error_add_field(err, field, "nul_byte", "contains a NUL byte");
			return NULL;
		}
		text = sb_detach(&sb);
		sb_done(&sb);
	}
	if (blank(text)) {
		free(text);
		/* the field is named as its option is (--message, --reason, --body) */
		tt_error_set(err, EX_USAGE, _("%s is empty: give --%s TEXT or write it in the editor"), what, field);
		return NULL;
	}
	return text;
}

int cli_message_done(const char *keep_as, int rc)
{
	if (!keep_as)
		return rc;
	if (rc == 0) {
		forget_text(keep_as);
		return rc;
	}
	char *kept = kept_text(keep_as);
	if (kept) {
		char *dir = draft_dir(), *id = draft_id(keep_as);
		fprintf(stderr, _("ticketty: what you wrote is kept (%s/%s.draft): the same command opens "
				  "it in the editor again\n"), dir, id);
		free(id);
		free(dir);
		free(kept);
	}
	return rc;
}
