/* fork + execve helper: see util/spawn.h. No shell is ever involved, so
 * paths and names reach the program exactly as given. */
#include "util/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xalloc.h"

extern char **environ;

bool spawn_executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *spawn_which(const char *name)
{
	if (strchr(name, '/'))
		return spawn_executable(name) ? xstrdup(name) : NULL;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin";
	char *copy = xstrdup(path), *save = NULL;
	for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		char *full = xasprintf("%s/%s", *dir ? dir : ".", name);
		if (spawn_executable(full)) {
			free(copy);
			return full;
		}
		free(full);
	}
	free(copy);
	return NULL;
}

/* The child's environment: ours without PG* (and without the identity
 * variables when switching user), plus `extra` (NULL-terminated). */
static char **child_environment(const char *const *extra, bool drop_identity)
{
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	size_t nextra = 0;
	while (extra && extra[nextra])
		nextra++;
	char **env = xcalloc(n + nextra + 1, sizeof(*env));
	for (size_t i = 0; i < n; i++) {
		const char *e = environ[i];
		if (!strncmp(e, "PG", 2))
			continue;
		if (drop_identity && (!strncmp(e, "HOME=", 5) || !strncmp(e, "USER=", 5) ||
				      !strncmp(e, "LOGNAME=", 8)))
			continue;
		env[k++] = (char *)e;
	}
	for (size_t i = 0; i < nextra; i++)
		env[k++] = (char *)extra[i];
	env[k] = NULL;
	return env;
}

static void close_other_fds(void)
{
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3U, ~0U, 0U) == 0)
		return;
#endif
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
}

/* In the child: become `pw`, set up descriptors, exec. Never returns. */
static void child(const char *prog, const char *const argv[], char **env, const struct passwd *pw,
		  const char *dir, int out_fd, bool tty)
{
	int devnull = tty ? -1 : open("/dev/null", O_RDWR);
	if (devnull >= 0)
		dup2(devnull, STDIN_FILENO);
	if (out_fd < 0)
		out_fd = devnull;
	if (out_fd >= 0) {
		dup2(out_fd, STDOUT_FILENO);
		dup2(out_fd, STDERR_FILENO);
	}
	close_other_fds();
	if (pw) {
		if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
		    setuid(pw->pw_uid) != 0 || getuid() != pw->pw_uid) {
			fprintf(stderr, _("ticketty: cannot become user %s: %s\n"), pw->pw_name, strerror(errno));
			_exit(127);
		}
	}
	if (dir && chdir(dir) != 0) {
		fprintf(stderr, _("ticketty: cannot change to %s: %s\n"), dir, strerror(errno));
		_exit(127);
	}
	signal(SIGPIPE, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	execve(prog, (char *const *)argv, env);
	fprintf(stderr, _("ticketty: cannot run %s: %s\n"), prog, strerror(errno));
	_exit(127);
}

int spawn_run(const char *const argv[], const struct spawn_opts *opts, int *status,
	      struct tt_error *err)
{
	static const struct spawn_opts none = { 0 };
	const struct spawn_opts *o = opts ? opts : &none;
	struct passwd *pw = NULL;
	char *prog = spawn_which(argv[0]);
	char *ident[4] = { NULL, NULL, NULL, NULL };
	int out_fd = -1, pipefd[2] = { -1, -1 }, rc = 0;

	if (!prog)
		return tt_error_set(err, EX_UNAVAILABLE, _("cannot find the program %s"), argv[0]);
	if (o->run_as) {
		pw = getpwnam(o->run_as);
		if (!pw) {
			free(prog);
			return tt_error_set(err, EX_NOUSER, _("there is no OS user %s"), o->run_as);
		}
		ident[0] = xasprintf("HOME=%s", pw->pw_dir);
		ident[1] = xasprintf("USER=%s", pw->pw_name);
		ident[2] = xasprintf("LOGNAME=%s", pw->pw_name);
	}
	if (o->tty) {
		/* the child keeps our descriptors */
	} else if (o->log_path) {
		out_fd = open(o->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		if (out_fd < 0) {
			rc = tt_error_set(err, EX_CANTCREAT, "%s: %s", o->log_path, strerror(errno));
			goto out;
		}
		if (pw && fchown(out_fd, pw->pw_uid, pw->pw_gid) != 0) {
			rc = tt_error_set(err, EX_NOPERM, "%s: %s", o->log_path, strerror(errno));
			goto out;
		}
	} else if (o->out) {
		if (pipe(pipefd) != 0) {
			rc = tt_error_set(err, EX_OSERR, "pipe: %s", strerror(errno));
			goto out;
		}
		fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
		out_fd = pipefd[1];
	}
	char **env = child_environment((const char *const *)ident, pw != NULL);
	const char *dir = o->dir ? o->dir : pw ? "/" : NULL;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		free(env);
		rc = tt_error_set(err, EX_OSERR, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		child(prog, argv, env, pw, dir, out_fd, o->tty);
	free(env);
	if (pipefd[1] >= 0) {
		close(pipefd[1]);
		pipefd[1] = -1;
		out_fd = -1;
		char buf[4096];
		ssize_t n;
		while ((n = read(pipefd[0], buf, sizeof(buf))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				break;
			sb_addn(o->out, buf, (size_t)n);
		}
	}
	int ws;
	while (waitpid(pid, &ws, 0) < 0) {
		if (errno != EINTR) {
			rc = tt_error_set(err, EX_OSERR, "waitpid: %s", strerror(errno));
			goto out;
		}
	}
	*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : WIFSIGNALED(ws) ? 128 + WTERMSIG(ws) : 127;
out:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	else if (out_fd >= 0)
		close(out_fd);
	for (int i = 0; i < 3; i++)
		free(ident[i]);
	free(prog);
	return rc;
}
