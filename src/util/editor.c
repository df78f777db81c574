/* Edits a text in $VISUAL or $EDITOR through a private temporary file. */
#include "util/editor.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *pick_editor(void)
{
	const char *e = getenv("VISUAL");
	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

static char *read_file(FILE *f, size_t *len)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add_stream(&sb, f);
	*len = sb.len;
	char *text = sb_detach(&sb);
	sb_done(&sb);
	return text;
}

/* Whether the file at path still holds exactly initial (NULL: nothing). */
static bool unchanged(const char *path, const char *initial)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	size_t len;
	char *now = read_file(f, &len);
	fclose(f);
	size_t want = initial ? strlen(initial) : 0;
	bool same = len == want && !memcmp(now, initial ? initial : "", len);
	free(now);
	return same;
}

char *editor_edit(const char *initial, struct tt_error *err)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/ticketty-XXXXXX.txt", tmp && *tmp ? tmp : "/tmp");
	int fd = mkstemps(path, 4);
	char *result = NULL;

	if (fd < 0) {
		tt_error_set(err, EX_CANTCREAT, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	if (initial) {
		size_t len = strlen(initial);
		if (write(fd, initial, len) != (ssize_t)len) {
			tt_error_set(err, EX_IOERR, "%s: %s", path, strerror(errno));
			close(fd);
			goto out;
		}
	}
	close(fd);

	pid_t pid = fork();
	if (pid < 0) {
		tt_error_set(err, EX_OSERR, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		/* run through the shell so "emacs -nw" style values work */
		char *cmd = xasprintf("%s \"$1\"", pick_editor());
		execl("/bin/sh", "sh", "-c", cmd, "sh", path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126)) {
		/* the shell found no such program, or could not run it: the
		 * file holds only what the caller gave, which it still has */
		tt_error_set(err, EX_UNAVAILABLE,
			     _("the editor %s could not be started (not found or not executable): "
			       "set VISUAL or EDITOR to an editor"), pick_editor());
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (unchanged(path, initial)) {
			tt_error_set(err, EX_UNAVAILABLE, _("the editor %s failed; nothing was changed"),
				     pick_editor());
			goto out;
		}
		tt_error_set(err, EX_UNAVAILABLE, _("the editor %s failed; the text is kept in %s"),
			     pick_editor(), path);
		free(path);
		return NULL; /* keep the file: it holds the user's words */
	}
	FILE *f = fopen(path, "r");
	if (!f) {
		tt_error_set(err, EX_IOERR, "%s: %s", path, strerror(errno));
		goto out;
	}
	size_t len;
	result = read_file(f, &len);
	fclose(f);
	if (strlen(result) != len) {
		/* a NUL byte would silently cut the text: refuse it, keep the file */
		free(result);
		tt_error_set(err, EX_DATAERR, _("the text holds a NUL byte and was not sent; it is kept in %s"),
			     path);
		free(path);
		return NULL;
	}
out:
	unlink(path);
	free(path);
	return result;
}
