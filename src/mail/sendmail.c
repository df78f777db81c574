/* sendmail_pipe(): fork /bin/sh -c COMMAND in its own process group,
 * write the message to its stdin while collecting what it prints (poll,
 * non-blocking, so a chatty MTA or one that never reads cannot deadlock
 * us), and judge by its exit status. All of it under one deadline: a
 * command still running then is ended (SIGTERM to its group, SIGKILL after
 * a grace), reaped, and the hand-over counts as failed. */
#include "mail/sendmail.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/monotime.h"
#include "util/strbuf.h"

#define SLICE_MS 100        /* how often the loop looks at the child and at signals */
#define KILL_GRACE_MS 2000  /* from SIGTERM to SIGKILL */
#define REAP_MS 5000        /* how long a killed child is waited for */

static void first_line(struct strbuf *out)
{
	char *nl = strchr(out->buf, '\n');
	if (nl)
		sb_truncate(out, (size_t)(nl - out->buf));
	if (out->len > 300)
		sb_truncate(out, 300);
}

/* The signals that stop the caller: held while the command runs (so that
 * the command is ended first, never left behind), delivered afterwards. */
static void stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGQUIT);
}

static bool stop_pending(void)
{
	sigset_t pending, stop;
	stop_signals(&stop);
	if (sigpending(&pending))
		return false;
	for (int s = 1; s < NSIG; s++)
		if (sigismember(&stop, s) == 1 && sigismember(&pending, s) == 1)
			return true;
	return false;
}

/* 1 when the child has ended (reaped, *status filled, unless peek: then
 * it stays a zombie, so its pid and group id stay reserved), 0 while it
 * runs, -1 when it cannot be waited for (someone else reaped it). */
static int ended(pid_t pid, int *status, bool peek)
{
	for (;;) {
		if (peek) {
			siginfo_t si;
			si.si_pid = 0;
			if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0)
				return si.si_pid == pid ? 1 : 0;
		} else {
			pid_t r = waitpid(pid, status, WNOHANG);
			if (r == pid)
				return 1;
			if (r == 0)
				return 0;
		}
		if (errno != EINTR)
			return -1;
	}
}

/* ended(), waiting up to ms for it. */
static int ended_within(pid_t pid, int *status, bool peek, long long ms)
{
	long long until = monotime_ms() + ms;
	int nap = 1;
	for (;;) {
		int r = ended(pid, status, peek);
		long long left = until - monotime_ms();
		if (r || left <= 0)
			return r;
		poll(NULL, 0, left < nap ? (int)left : nap);
		if (nap < SLICE_MS)
			nap *= 2;
	}
}

/* Sends sig to the command's process group (the shell and whatever it
 * started); to the child alone if the group is not there. The child is
 * not yet reaped here, so neither number can belong to anyone else. */
static void signal_group(pid_t pid, int sig)
{
	if (kill(-pid, sig) < 0)
		kill(pid, sig);
}

/* Ends a command that is still running: SIGTERM, SIGKILL after the grace
 * (to any of its group left even when the shell went), then reaps it. */
static int end_command(pid_t pid, int *status)
{
	signal_group(pid, SIGTERM);
	ended_within(pid, status, true, KILL_GRACE_MS);
	signal_group(pid, SIGKILL);
	return ended_within(pid, status, false, REAP_MS);
}

int sendmail_pipe(const char *command, const char *data, size_t len, int timeout_s,
		  struct tt_error *err)
{
	if (timeout_s < 1 || timeout_s > SENDMAIL_TIMEOUT_MAX)
		timeout_s = SENDMAIL_TIMEOUT_DEFAULT;
	long long deadline = monotime_ms() + (long long)timeout_s * 1000;
	int in[2], out[2];
	if (pipe(in))
		return tt_error_set(err, EX_TEMPFAIL, "pipe: %s", strerror(errno));
	if (pipe(out)) {
		close(in[0]);
		close(in[1]);
		return tt_error_set(err, EX_TEMPFAIL, "pipe: %s", strerror(errno));
	}
	sigset_t stop, old_mask;
	stop_signals(&stop);
	sigprocmask(SIG_BLOCK, &stop, &old_mask);
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		return tt_error_set(err, EX_TEMPFAIL, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		signal(SIGPIPE, SIG_DFL);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	/* both sides set the group, so it exists before either goes on */
	setpgid(pid, pid);
	close(in[0]);
	close(out[1]);
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
	fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);

	struct strbuf said;
	sb_init(&said);
	size_t off = 0;
	int wfd = in[1], rfd = out[0];
	if (len == 0) {
		close(wfd);
		wfd = -1;
	}
	enum { FINISHED, TIMED_OUT, INTERRUPTED } how = FINISHED;
	int status = 0, reaped, nap = 1;
	for (;;) {
		if ((reaped = ended(pid, &status, false)) != 0)
			break;
		if (stop_pending()) {
			how = INTERRUPTED;
			break;
		}
		long long left = deadline - monotime_ms();
		if (left <= 0) {
			how = TIMED_OUT;
			break;
		}
		int ms = left < SLICE_MS ? (int)left : SLICE_MS;
		struct pollfd pf[2];
		nfds_t n = 0;
		int ri = -1, wi = -1;
		if (rfd >= 0) {
			pf[n] = (struct pollfd){ rfd, POLLIN, 0 };
			ri = (int)n++;
		}
		if (wfd >= 0) {
			pf[n] = (struct pollfd){ wfd, POLLOUT, 0 };
			wi = (int)n++;
		}
		if (n == 0) {
			/* it took the message and closed its output: only its exit
			 * is awaited, soon in the usual case */
			ms = ms < nap ? ms : nap;
			if (nap < SLICE_MS)
				nap *= 2;
		}
		if (poll(n ? pf : NULL, n, ms) < 0)
			continue;   /* EINTR: the deadline and the child are looked at again */
		if (wi >= 0 && (pf[wi].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(wfd, data + off, len - off);
			if (w > 0)
				off += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || off == len) {
				close(wfd);
				wfd = -1;
			}
		}
		if (ri >= 0 && (pf[ri].revents & (POLLIN | POLLHUP | POLLERR))) {
			char buf[4096];
			ssize_t r = read(rfd, buf, sizeof(buf));
			if (r > 0) {
				if (said.len < 4096)
					sb_addn(&said, buf, (size_t)r);
			} else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
				close(rfd);
				rfd = -1;
			}
		}
	}
	if (how != FINISHED)
		reaped = end_command(pid, &status);
	/* what it printed before it ended (something it started may still
	 * hold its output open: not waited for) */
	while (rfd >= 0 && said.len < 4096) {
		char buf[4096];
		ssize_t r = read(rfd, buf, sizeof(buf));
		if (r > 0)
			sb_addn(&said, buf, (size_t)r);
		else if (r == 0 || errno != EINTR)
			break;
	}
	if (wfd >= 0)
		close(wfd);
	if (rfd >= 0)
		close(rfd);
	sigaction(SIGPIPE, &old, NULL);
	first_line(&said);
	int rc = 0;
	if (how == TIMED_OUT) {
		rc = tt_error_set(err, EX_UNAVAILABLE,
				  _("the mail transfer agent did not finish within %d s (killed): %s"),
				  timeout_s, command);
	} else if (how == INTERRUPTED) {
		rc = tt_error_set(err, EX_TEMPFAIL, _("%s was stopped: ticketty was interrupted"), command);
	} else if (reaped == 1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == len) {
		rc = 0;
	} else if (reaped == 1 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		/* it did not take the whole message: not known to be sent */
		rc = tt_error_set(err, EX_TEMPFAIL, _("%s exited before reading the whole message (%zu of %zu bytes)"),
				  command, off, len);
	} else if (reaped == 1 && WIFEXITED(status) &&
		   (WEXITSTATUS(status) == 126 || WEXITSTATUS(status) == 127)) {
		/* the shell found no such command, or could not run it */
		rc = tt_error_set(err, EX_UNAVAILABLE, _("%s could not be run (status %d): %s"), command,
				  WEXITSTATUS(status), said.len ? said.buf : _("(no message)"));
	} else if (reaped == 1 && WIFEXITED(status)) {
		int st = WEXITSTATUS(status);
		/* the permanent statuses of sendmail(8): the message or its
		 * recipient is wrong, and sending it again cannot help */
		bool permanent = st == EX_DATAERR || st == EX_NOUSER || st == EX_NOHOST;
		rc = tt_error_set(err, permanent ? EX_DATAERR : EX_TEMPFAIL, _("%s exited with status %d: %s"),
				  command, st, said.len ? said.buf : _("(no message)"));
	} else {
		rc = tt_error_set(err, EX_TEMPFAIL, _("%s was killed by signal %d"), command,
				  reaped == 1 && WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	}
	sb_done(&said);
	/* a stop signal held meanwhile is delivered now */
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return rc;
}
