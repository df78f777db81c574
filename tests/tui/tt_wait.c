/* tt_wait: the TUI tests' wait (tests/tui/lib.sh: tt_wait_for,
 * tt_wait_gone, tt_wait_line). Looks at the screen of a test's tmux
 * session until it matches an extended regular expression (as grep -E
 * does, line by line, in the caller's locale), until it no longer does,
 * or until one given line does; or until a deadline passes.
 *
 * One tmux client in control mode serves every look: each is a
 * capture-pane written down its pipe. It attaches to a session of its
 * own in the test's tmux server, "tt-wait" (made here, running cat, when
 * the server has a session "tt" and no "tt-wait" yet), never to "tt":
 * a client attached to tt would clear the window's bell flag, which
 * tests read, and could change what the test sees. Attached with -f
 * ignore-size,read-only,no-output, it neither sizes nor types, nor is
 * sent any pane's output. The shell loop this replaces forked
 * tmux, grep and sleep twenty times a second, about 25 ms of CPU a look
 * on a slow virtual machine: half of what the TUI suite spent, taken from
 * the database suite running beside it.
 *
 *   tt_wait SOCKET SECONDS for|gone|line ERE [LINE]
 *
 * SOCKET is the tmux server's (tmux -L); the session is lib.sh's "tt".
 *
 * Exit status: 0 the screen came to be as asked, 1 the deadline passed
 * first, 2 tmux could not be asked or the arguments are wrong (a message
 * on standard error). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum mode { MODE_FOR, MODE_GONE, MODE_LINE };

/* Between two looks at the screen. */
#define LOOK_INTERVAL_MS 20
/* A screen larger than any test draws (lines of 4 KB, 512 of them). */
#define READ_BUF (4096 * 512)

static pid_t tmux_pid = -1;
static int to_tmux = -1, from_tmux = -1;
static char buf[READ_BUF];
static size_t buf_len;
static size_t line_len;   /* the line read_line handed out last, with its newline */

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void fail(const char *what)
{
	fprintf(stderr, "tt_wait: %s\n", what);
	exit(2);
}

/* Runs tmux on SOCKET with ARGS (NULL-terminated, after the socket
 * options), its output discarded; its exit status, or -1. */
static int run_tmux(const char *socket, const char *const *args)
{
	const char *argv[16] = { "tmux", "-L", socket, "-f", "/dev/null" };
	int n = 5;
	for (; *args && n < 15; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0); dup2(null, 1); dup2(null, 2);
		execvp("tmux", (char *const *)argv);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Makes the session tt-wait when the server has tt (never starting a
 * server, as a new-session alone would); true when it is there now. */
static bool make_wait_session(const char *socket)
{
	static const char *const has_tt[] = { "has-session", "-t", "tt", NULL };
	static const char *const make[] = { "new-session", "-d", "-s", "tt-wait", "-x", "20", "-y", "2", "cat", NULL };
	return run_tmux(socket, has_tt) == 0 && run_tmux(socket, make) == 0;
}

/* Starts the control-mode client on SOCKET, attached to tt-wait. */
static void start_tmux(const char *socket)
{
	int in[2], out[2];
	if (pipe(in) || pipe(out))
		fail("cannot make a pipe");
	tmux_pid = fork();
	if (tmux_pid < 0)
		fail("cannot fork");
	if (tmux_pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(null, 2);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		execlp("tmux", "tmux", "-L", socket, "-f", "/dev/null", "-C", "attach-session",
		       "-t", "tt-wait", "-f", "ignore-size,read-only,no-output", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	to_tmux = in[1];
	from_tmux = out[0];
}

/* Closing its input detaches the client, which then exits. */
static void stop_tmux(void)
{
	if (to_tmux >= 0)
		close(to_tmux);
	if (from_tmux >= 0)
		close(from_tmux);
	if (tmux_pid > 0) {
		kill(tmux_pid, SIGTERM);
		waitpid(tmux_pid, NULL, 0);
	}
	to_tmux = from_tmux = -1;
	tmux_pid = -1;
	buf_len = line_len = 0;
}

/* The next line from tmux, without its newline, into LINE (which points
 * into buf until the next call drops it); false at end of file, or when
 * tmux says nothing for a second (it answers at once or has gone). */
static bool read_line(char **line)
{
	if (line_len) {
		memmove(buf, buf + line_len, buf_len - line_len);
		buf_len -= line_len;
		line_len = 0;
	}
	for (;;) {
		char *nl = memchr(buf, '\n', buf_len);
		if (nl) {
			*nl = '\0';
			*line = buf;
			line_len = (size_t)(nl - buf) + 1;
			return true;
		}
		if (buf_len == sizeof(buf))
			fail("a line from tmux is over 2 MB");
		struct pollfd p = { .fd = from_tmux, .events = POLLIN };
		int r = poll(&p, 1, 1000);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		ssize_t n = read(from_tmux, buf + buf_len, sizeof(buf) - buf_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf_len += (size_t)n;
	}
}

/* "%begin TIME NUMBER FLAGS": the number and flags, when LINE is such a
 * guard line of the given word. */
static bool guard(const char *line, const char *word, long *number, long *flags)
{
	size_t wl = strlen(word);
	if (strncmp(line, word, wl) != 0 || line[wl] != ' ')
		return false;
	long t;
	return sscanf(line + wl, " %ld %ld %ld", &t, number, flags) == 3;
}

/* One look: asks tmux for the screen and tells whether some line of it
 * (line WANT_LINE only, from 1, when it is not 0) matches RE. A screen
 * tmux cannot show (the session not there yet, or gone, as after a
 * hangup) has no line: as grep finds none in capture-pane's empty output.
 * The client is then stopped, and the next look starts another. */
static bool look(const regex_t *re, long want_line)
{
	static const char ask[] = "capture-pane -p -t tt\n";
	if (tmux_pid < 0)
		return false;
	if (write(to_tmux, ask, sizeof(ask) - 1) != (ssize_t)(sizeof(ask) - 1))
		goto gone;
	char *line;
	long number = -1, flags = 0;
	/* the answer to our own command: the block whose flags are 1 (the
	 * attach-session's own block has 0), after any notification */
	do {
		if (!read_line(&line))
			goto gone;
	} while (!guard(line, "%begin", &number, &flags) || flags != 1);
	bool any = false;
	long n = 0, end_number, end_flags;
	for (;;) {
		if (!read_line(&line))
			goto gone;
		if (guard(line, "%end", &end_number, &end_flags) && end_number == number)
			break;
		if (guard(line, "%error", &end_number, &end_flags) && end_number == number)
			goto gone;
		n++;
		if ((want_line == 0 || n == want_line) && regexec(re, line, 0, NULL, 0) == 0)
			any = true;
	}
	return any;
gone:
	stop_tmux();
	return false;
}

int main(int argc, char **argv)
{
	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: tt_wait SOCKET SECONDS for|gone|line ERE [LINE]\n");
		return 2;
	}
	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	const char *socket = argv[1], *mode_name = argv[3], *pattern = argv[4];
	char *end;
	double seconds = strtod(argv[2], &end);
	if (*end || seconds < 0)
		fail("SECONDS must be a number of seconds");
	enum mode mode;
	long want_line = 0;
	if (!strcmp(mode_name, "for") && argc == 5)
		mode = MODE_FOR;
	else if (!strcmp(mode_name, "gone") && argc == 5)
		mode = MODE_GONE;
	else if (!strcmp(mode_name, "line") && argc == 6 && (want_line = strtol(argv[5], &end, 10)) > 0 && !*end)
		mode = MODE_LINE;
	else
		fail("the mode is for, gone, or line followed by a line number from 1");
	regex_t re;
	int rc = regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB);
	if (rc) {
		char why[256];
		regerror(rc, &re, why, sizeof(why));
		fprintf(stderr, "tt_wait: bad regular expression /%s/: %s\n", pattern, why);
		return 2;
	}
	double deadline_s = now_s() + seconds;
	int status = 1;
	for (;;) {
		bool fresh = tmux_pid < 0;
		if (fresh)
			start_tmux(socket);
		bool matches = look(&re, mode == MODE_LINE ? want_line : 0);
		if (matches != (mode == MODE_GONE)) {
			status = 0;
			break;
		}
		if (now_s() >= deadline_s)
			break;
		/* a client that could not attach: tt-wait missing (made now, and
		 * attached to at once), or no server or session tt yet (a longer
		 * pause before the next try) */
		if (tmux_pid < 0 && fresh && make_wait_session(socket))
			continue;
		long pause_ms = tmux_pid < 0 ? 100 : LOOK_INTERVAL_MS;
		struct timespec pause = { 0, pause_ms * 1000000L };
		nanosleep(&pause, NULL);
	}
	regfree(&re);
	stop_tmux();
	return status;
}
