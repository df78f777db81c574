/* Entering and leaving the full-screen interface: terminal checks,
 * signal handlers (SIGINT, SIGTERM, SIGHUP only set a flag; the loop
 * restores the terminal and returns; SIGTSTP too, the loop hands the
 * terminal back and stops), curses set-up and teardown. */
#include "ui/ui.h"

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ui/draw_init.h"
#include "ui/input.h"
#include "ui/mouse.h"
#include "ui/screen_loop.h"
#include "util/i18n.h"

static volatile sig_atomic_t got_signal, got_suspend;

static void on_signal(int sig)
{
	got_signal = sig;
}

static void on_suspend(int sig)
{
	(void)sig;
	got_suspend = 1;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: poll() must return so the loop sees the flag */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* ours rather than ncurses's, which left bracketed paste on in the
	 * shell (the loop stops the program: screen.c suspend); left alone
	 * when the shell ignores it, as ncurses does */
	struct sigaction was;
	if (sigaction(SIGTSTP, NULL, &was) == 0 && was.sa_handler == SIG_DFL) {
		sa.sa_handler = on_suspend;
		sigaction(SIGTSTP, &sa, NULL);
	}
}

/* Lets C-s and C-q through to the views (form submit) instead of the
 * terminal's flow control, keeping C-c as SIGINT. */
static void no_flow_control(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
}

int ui_run(struct app *app)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "ticketty: %s\n",
			_("the full-screen interface needs a terminal; see ticketty --help for the commands"));
		return EX_USAGE;
	}
	/* signals first: ncurses leaves handlers that are already set alone */
	install_signals();
	bool env_escdelay = getenv("ESCDELAY") != NULL;
	/* newterm, unlike initscr, returns NULL for a TERM it cannot find
	 * instead of exiting: say so in one line, the terminal untouched */
	SCREEN *term = newterm(NULL, stdout, stdin);
	if (!term) {
		const char *name = getenv("TERM");
		fprintf(stderr, _("ticketty: unknown terminal type '%s': set TERM to a type this system "
				  "knows, e.g. TERM=xterm-256color\n"), name && *name ? name : "");
		return EX_CONFIG;
	}
	set_term(term);
	/* a lone Esc should not wait the traditional second */
	if (!env_escdelay)
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	no_flow_control();
	draw_init(!app->no_color);
	mouse_start(app->cfg.mouse);
	input_start();

	struct screen *s = screen_new(app);
	screen_run(s, &got_signal, &got_suspend);
	screen_free(s);
	input_stop();
	endwin();
	delscreen(term);
	if (app->refusal) {   /* an agent of role mail (app.c check_role) */
		fprintf(stderr, "ticketty: %s\n", app->refusal);
		return EX_NOPERM;
	}
	return got_signal ? 128 + got_signal : 0;
}
