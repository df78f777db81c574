/* The hand-over from ticketty to ticketty-mail for the mail transport:
 * the helper is found beside the running binary (/proc/self/exe, links
 * resolved, so an installed /usr/bin/ticketty finds /usr/bin/ticketty-mail
 * and build/ticketty finds build/ticketty-mail; without /proc, the PATH's)
 * and replaces this process. */
#include "cli/mail_handoff.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* MAILER_PROGRAM in the running binary's directory; NULL when the
 * kernel does not say where that is. Caller frees. */
static char *helper_path(void)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return NULL;
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xasprintf("%s/%s", self, MAILER_PROGRAM);
}

int cli_mail_handoff(struct app *app, int argc, char **argv)
{
	int unable = argc > 1 && !strcmp(argv[1], "receive") ? EX_TEMPFAIL : EX_UNAVAILABLE;
	char *path = helper_path();
	/* the helper, up to five global option words, "--", argv, NULL */
	const char **args = xcalloc((size_t)argc + 8, sizeof(*args));
	size_t n = 0;
	args[n++] = path ? path : MAILER_PROGRAM;
	if (app->config_arg) {
		args[n++] = "--config";
		args[n++] = app->config_arg;
	}
	if (app->db_arg) {
		args[n++] = "--db";
		args[n++] = app->db_arg;
	}
	if (app->no_color)
		args[n++] = "--no-color";
	args[n++] = "--";
	for (int i = 0; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	fflush(stdout);
	fflush(stderr);
	if (path)
		execv(args[0], (char *const *)args);
	else  /* no /proc: the PATH's, which the error then names */
		execvp(args[0], (char *const *)args);

	struct tt_error err;
	tt_error_init(&err);
	tt_error_set(&err, unable, _("cannot run %s (%s): `mail send` and `mail receive` run in that program, "
				     "installed beside ticketty"), args[0], strerror(errno));
	free(args);
	free(path);
	cli_fail(&err);
	return unable;
}
