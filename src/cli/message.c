/* The text of a reply, note, reason or canned reply on the command line:
 * --message TEXT, standard input, or $VISUAL/$EDITOR on a terminal. What
 * was written in the editor or read from standard input is kept
 * (util/kept_text.h) from the moment it is had until the command has used
 * it, so a refusal (a stale version, a lost database) loses nothing: the
 * refusal says where it is, and the next run of the same command on a
 * terminal, or the interface, opens the editor on it. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/editor.h"
#include "util/i18n.h"
#include "util/kept_text.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Standard input can be read once: a text read from it and refused for
 * its bytes (a NUL, not UTF-8) is kept as it came, each NUL as U+FFFD
 * (where it was shows in the editor), and stderr says where, so the
 * script's words are not lost with the refusal. */
static void keep_refused(const char *keep_as, const char *buf, size_t len)
{
	if (!keep_as)
		return;
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < len; i++) {
		if (buf[i])
			sb_addn(&sb, buf + i, 1);
		else
			sb_add(&sb, "\xef\xbf\xbd");
	}
	struct tt_error kerr;
	tt_error_init(&kerr);
	if (kept_text_save(keep_as, sb.buf, &kerr))
		fprintf(stderr, _("ticketty: the text could not be kept as a draft: %s\n"),
			kerr.message ? kerr.message : "?");
	tt_error_clear(&kerr);
	sb_done(&sb);
	cli_message_done(keep_as, EX_DATAERR);
}

char *cli_message(const char *given, const char *what, const char *field, const char *keep_as,
		  struct tt_error *err)
{
	char *text = NULL;

	bool from_stdin = given && !strcmp(given, "-"), read_stdin = false;
	if (given && !from_stdin) {
		text = xstrdup(given);
	} else if (!from_stdin && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
		char *kept = keep_as ? kept_text_load(keep_as) : NULL;
		text = editor_edit(kept, err);
		free(kept);
		if (!text)
			return NULL;
		/* an emptied text is the writer throwing it away */
		if (keep_as) {
			struct tt_error kerr;
			tt_error_init(&kerr);
			if (kept_text_save(keep_as, text_blank(text) ? NULL : text, &kerr))
				fprintf(stderr, _("ticketty: the text could not be kept as a draft: %s\n"),
					kerr.message ? kerr.message : "?");
			tt_error_clear(&kerr);
		}
	} else {
		struct strbuf sb;
		sb_init(&sb);
		bool over;
		if (!sb_add_stream_max(&sb, stdin, CLI_TEXT_MAX, &over)) {
			sb_done(&sb);
			tt_error_set(err, EX_IOERR, _("%s could not be read from standard input"), what);
			return NULL;
		}
		if (over) {
			/* read no further: only its start was had, so it is not kept */
			sb_done(&sb);
			tt_error_set(err, EX_DATAERR, _("%s was not sent, nor kept: standard input gave more than %zu MiB"),
				     what, CLI_TEXT_MAX >> 20);
			char *why = xasprintf("is longer than %zu MiB", CLI_TEXT_MAX >> 20);
			tt_error_add_field(err, field, "too_long", why);
			free(why);
			return NULL;
		}
		if (memchr(sb.buf, '\0', sb.len)) {
			/* it would silently cut the text: refuse it whole */
			keep_refused(keep_as, sb.buf, sb.len);
			sb_done(&sb);
			tt_error_set(err, EX_DATAERR, _("%s was not sent"), what);
			tt_error_add_field(err, field, "nul_byte", "contains a NUL byte");
			return NULL;
		}
		text = sb_detach(&sb);
		sb_done(&sb);
		read_stdin = true;
	}
	if (text_blank(text)) {
		free(text);
		/* invalid data, named as its option is (--message, --reason, --body) */
		tt_error_set(err, EX_DATAERR, _("%s is empty: give --%s TEXT or write it in the editor"), what, field);
		tt_error_add_field(err, field, "required", "is required");
		return NULL;
	}
	if (!utf8_valid(text, strlen(text))) {
		/* a script or terminal in another character set: said here, with
		 * the field, not as the server's refusal of some value (a text
		 * given as an argument was checked before, cli/arg_text.c) */
		if (read_stdin)
			keep_refused(keep_as, text, strlen(text));
		free(text);
		tt_error_set(err, EX_DATAERR, _("%s was not sent"), what);
		tt_error_add_field(err, field, "invalid_utf8", "is not valid UTF-8");
		return NULL;
	}
	/* standard input can be read once: a text read from it is kept as the
	 * editor's is, so a refusal (a stale version, a lost database) says
	 * where it is instead of losing it */
	if (read_stdin && keep_as) {
		struct tt_error kerr;
		tt_error_init(&kerr);
		if (kept_text_save(keep_as, text, &kerr))
			fprintf(stderr, _("ticketty: the text could not be kept as a draft: %s\n"),
				kerr.message ? kerr.message : "?");
		tt_error_clear(&kerr);
	}
	return text;
}

int cli_message_done(const char *keep_as, int rc)
{
	if (!keep_as)
		return rc;
	if (rc == 0) {
		kept_text_forget(keep_as);
		return rc;
	}
	char *kept = kept_text_load(keep_as);
	if (kept) {
		char *where = kept_text_where(keep_as);
		fprintf(stderr, _("ticketty: what you wrote is kept (%s): the same command opens "
				  "it in the editor again\n"), where);
		free(where);
		free(kept);
	}
	return rc;
}
