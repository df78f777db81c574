/* sendmail_pipe(): fork /bin/sh -c COMMAND, write the message to its
 * stdin while collecting what it prints (poll, so a chatty MTA cannot
 * deadlock us), and judge by its exit status. */
#include "mail/sendmail.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/strbuf.h"

static void first_line(struct strbuf *out)
{
	char *nl = strchr(out->buf, '\n');
	if (nl)
		sb_truncate(out, (size_t)(nl - out->buf));
	if (out->len > 300)
		sb_truncate(out, 300);
}

int sendmail_pipe(const char *command, const char *data, size_t len, struct tt_error *err)
{
	int in[2], out[2];
	if (pipe(in))
		return tt_error_set(err, EX_TEMPFAIL, "pipe: %s", strerror(errno));
	if (pipe(out)) {
		close(in[0]);
		close(in[1]);
		return tt_error_set(err, EX_TEMPFAIL, "pipe: %s", strerror(errno));
	}
	pid_t pid = fork();
	if (pid < 0) {
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		return tt_error_set(err, EX_TEMPFAIL, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(out[1], 2);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	struct sigaction ign = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);

	struct strbuf said;
	sb_init(&said);
	size_t off = 0;
	int wfd = in[1];
	if (len == 0) {
		close(wfd);
		wfd = -1;
	}
	for (;;) {
		struct pollfd pf[2] = { { out[0], POLLIN, 0 }, { wfd, POLLOUT, 0 } };
		if (poll(pf, wfd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (wfd >= 0 && (pf[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(wfd, data + off, len - off);
			if (w > 0)
				off += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || off == len) {
				close(wfd);
				wfd = -1;
			}
		}
		if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			char buf[4096];
			ssize_t n = read(out[0], buf, sizeof(buf));
			if (n > 0) {
				if (said.len < 4096)
					sb_addn(&said, buf, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				break;
			}
		}
	}
	if (wfd >= 0)
		close(wfd);
	close(out[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	first_line(&said);
	int rc = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == len) {
		rc = 0;
	} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		/* it did not take the whole message: not known to be sent */
		rc = tt_error_set(err, EX_TEMPFAIL, _("%s exited before reading the whole message (%zu of %zu bytes)"),
				  command, off, len);
	} else if (WIFEXITED(status)) {
		rc = tt_error_set(err, EX_TEMPFAIL, _("%s exited with status %d: %s"), command,
				  WEXITSTATUS(status), said.len ? said.buf : _("(no message)"));
	} else {
		rc = tt_error_set(err, EX_TEMPFAIL, _("%s was killed by signal %d"), command,
				  WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	}
	sb_done(&said);
	return rc;
}
