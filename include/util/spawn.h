/* Running other programs without a shell: fork + execve with an argv
 * vector, optionally as another OS user (when we are root), with the
 * output captured into a buffer or appended to a log file. */
#ifndef TICKETTY_UTIL_SPAWN_H
#define TICKETTY_UTIL_SPAWN_H

#include <stdbool.h>

#include "util/error.h"
#include "util/strbuf.h"

struct spawn_opts {
	const char *run_as;    /* OS user to become (needs root), NULL = ourselves */
	const char *log_path;  /* stdout+stderr appended here (created 0600, owned by run_as) */
	struct strbuf *out;    /* else stdout+stderr captured here; both NULL = /dev/null */
	const char *dir;       /* working directory; NULL = ours, or "/" with run_as */
	bool tty;              /* keep our stdin/stdout/stderr (a viewer on the
	                          terminal); log_path and out are then ignored */
};

/* Runs argv[0] (an absolute path, or a name looked up in $PATH) and waits.
 * Variables starting with PG are removed from the child's environment;
 * with run_as, HOME, USER and LOGNAME are those of that user. stdin is
 * /dev/null. Returns 0 and the exit status in *status (128 + signal when
 * killed, 127 when the program could not be run), or an exit code with
 * err set when no process could be started. */
int spawn_run(const char *const argv[], const struct spawn_opts *opts, int *status,
	      struct tt_error *err);

/* The full path of an executable found in $PATH (caller frees), or NULL. */
char *spawn_which(const char *name);
/* True when path names an executable regular file. */
bool spawn_executable(const char *path);

#endif
