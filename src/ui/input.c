/* Keys from the terminal and bracketed paste (see ui/input.h). The start
 * mark is a key ncurses knows (define_key); inside a paste the keypad is
 * off, so ncurses hands over every character as it came (an arrow key's
 * escape sequence too), and the end mark is matched here. */
#include "ui/input.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>

#include "util/monotime.h"

/* Key codes for the marks, above every code ncurses defines. */
#define PASTE_BEGIN_CODE (KEY_MAX + 0x1000)
#define PASTE_END_CODE (KEY_MAX + 0x1001)
/* A paste with no end mark (a broken terminal) ends after this long
 * without input: Esc must not stay text for ever. */
#define PASTE_IDLE_MS 1000

static const char *mode_on, *mode_off;  /* terminfo BE / BD, NULL = not supported */
static char end_mark[16] = "\033[201~";
static bool keys_defined, pasting, after_cr;
static size_t matched;                  /* characters of end_mark seen */
static int queue[sizeof(end_mark) + 1];
static size_t nqueue;
static long long last_paste_ms;

/* A terminfo string capability, NULL when the terminal has none. */
static const char *cap(const char *name)
{
	char *s = tigetstr(name);
	return s && s != (char *)-1 && *s ? s : NULL;
}

void input_start(void)
{
	if (!keys_defined) {
		keys_defined = true;
		mode_on = cap("BE");
		mode_off = cap("BD");
		const char *term = getenv("TERM");
		/* tmux and GNU screen support it whatever their terminfo says */
		if ((!mode_on || !mode_off) && term &&
		    (!strncmp(term, "screen", 6) || !strncmp(term, "tmux", 4))) {
			mode_on = "\033[?2004h";
			mode_off = "\033[?2004l";
		}
		if (!mode_on || !mode_off)
			mode_on = mode_off = NULL;
		const char *ps = cap("PS"), *pe = cap("PE");
		if (pe && strlen(pe) < sizeof(end_mark))
			snprintf(end_mark, sizeof(end_mark), "%s", pe);
		/* defined even where the mode is not asked for: a stray mark
		 * is swallowed instead of typed */
		define_key(ps ? ps : "\033[200~", PASTE_BEGIN_CODE);
		define_key(end_mark, PASTE_END_CODE);
	}
	if (mode_on) {
		putp(mode_on);
		fflush(stdout);
	}
}

void input_stop(void)
{
	if (mode_off) {
		putp(mode_off);
		fflush(stdout);
	}
}

static void push(int key)
{
	if (nqueue < sizeof(queue) / sizeof(queue[0]))
		queue[nqueue++] = key;
}

static void paste_end(void)
{
	/* an end mark cut short was text after all */
	for (size_t i = 0; i < matched; i++)
		push(KEY_PASTED((unsigned char)end_mark[i]));
	matched = 0;
	pasting = false;
	keypad(stdscr, TRUE);
}

/* One character of a paste: the end mark, or text. A line break comes as
 * '\n' whether the terminal sent CR, LF or CR LF. */
static void paste_char(wint_t wc)
{
	if ((unsigned char)end_mark[matched] == wc) {
		if (!end_mark[++matched]) {
			matched = 0;
			paste_end();
		}
		return;
	}
	for (size_t i = 0; i < matched; i++)
		push(KEY_PASTED((unsigned char)end_mark[i]));
	bool restart = matched > 0 && (unsigned char)end_mark[0] == wc;
	matched = restart ? 1 : 0;
	if (restart)
		return;
	if (wc == '\n' && after_cr) {
		after_cr = false;
		return;
	}
	after_cr = wc == '\r';
	push(KEY_PASTED(wc == '\r' ? '\n' : wc));
}

bool input_key(int *key)
{
	for (;;) {
		if (nqueue) {
			*key = queue[0];
			memmove(queue, queue + 1, --nqueue * sizeof(queue[0]));
			return true;
		}
		wint_t wc;
		int r = get_wch(&wc);
		if (r == ERR) {
			if (pasting && monotime_ms() - last_paste_ms >= PASTE_IDLE_MS) {
				paste_end();
				continue;
			}
			return false;
		}
		if (r == KEY_CODE_YES) {
			if (wc == PASTE_BEGIN_CODE) {
				pasting = true;
				matched = 0;
				after_cr = false;
				last_paste_ms = monotime_ms();
				keypad(stdscr, FALSE);   /* every character as it came */
				continue;
			}
			if (wc == PASTE_END_CODE)
				continue;                /* a stray end mark */
			*key = KEY_FN((int)wc);
			return true;
		}
		if (!pasting) {
			*key = (int)wc;
			return true;
		}
		last_paste_ms = monotime_ms();
		paste_char(wc);
	}
}

int input_typed(int key)
{
	unsigned cp = KEY_PASTED_CHAR(key);

	if (!KEY_IS_PASTED(key))
		return key;
	if (cp == '\n')
		return '\n';
	if (cp == '\t')
		return ' ';
	if (cp < 0x20)
		return (int)(0x2400 + cp);   /* U+2400..241F control pictures */
	if (cp == 0x7f)
		return 0x2421;               /* SYMBOL FOR DELETE */
	return (int)cp;
}
