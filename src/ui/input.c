/* Keys from the terminal and bracketed paste (see ui/input.h). The start
 * mark is a key ncurses knows (define_key); inside a paste the keypad is
 * off, so ncurses hands over every character as it came (an arrow key's
 * escape sequence too), and the end mark is matched here.
 *
 * Escape sequences: terminals send xterm's, vt220's or rxvt's sequences
 * for Home, End, Insert, Delete, the pages, the arrows and F1-F4 whatever
 * TERM says, and a terminfo entry such as vt100 names none of the
 * editing keys. Those sequences are taught to ncurses at start
 * (define_key) where terminfo binds nothing to them. A control sequence
 * ncurses still does not know (ESC [ or ESC O, parameter bytes, a final
 * byte) is read here whole and dropped, or mapped when it came cut in two
 * for ncurses: its bytes never arrive as keys (ESC [ 4 ~ typed "4", the
 * dashboard's key). Esc alone stays Esc; ESC then another key (Alt+key)
 * comes as Esc and that key, as ever.
 *
 * Characters: curses hands over bytes (wgetch) and they are decoded here
 * by the locale (mbrtowc), not by get_wch: on bytes that are no
 * character (c3 28, a lead byte and "(") get_wch reads on to the end of
 * the input waiting and drops all of it, so what was typed or pasted
 * after a bad byte was lost. Here a sequence that cannot be completed
 * comes as U+FFFD, the byte that broke it is read again on its own, and
 * input_invalid() tells the screen what was replaced. */
#include "ui/input.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <wchar.h>

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
static bool have_back;                  /* a key read ahead and put back */
static int back_r;
static wint_t back_wc;
static int byte_back = ERR;             /* a byte (or key) the decoder put back */
static int ninvalid;                    /* sequences replaced since input_invalid() */
static unsigned char invalid_first[MB_LEN_MAX];
static size_t invalid_len;

/* The rest of a character comes in the same write as its first byte:
 * a lead byte waits this long for it, no more. */
#define CHAR_REST_MS 100
#define REPLACEMENT_CHAR 0xFFFD

/* The sequences of keys terminals send whatever their terminfo says:
 * xterm (normal and application cursor mode), vt220/linux, rxvt. */
static const struct {
	const char *seq;
	int code;
} known_keys[] = {
	{ "\033[A", KEY_UP },      { "\033[B", KEY_DOWN },    { "\033[C", KEY_RIGHT },
	{ "\033[D", KEY_LEFT },    { "\033OA", KEY_UP },      { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT },   { "\033OD", KEY_LEFT },    { "\033[H", KEY_HOME },
	{ "\033OH", KEY_HOME },    { "\033[1~", KEY_HOME },   { "\033[7~", KEY_HOME },
	{ "\033[F", KEY_END },     { "\033OF", KEY_END },     { "\033[4~", KEY_END },
	{ "\033[8~", KEY_END },    { "\033[2~", KEY_IC },     { "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE },  { "\033[6~", KEY_NPAGE },  { "\033[Z", KEY_BTAB },
	{ "\033OP", KEY_F(1) },    { "\033OQ", KEY_F(2) },    { "\033OR", KEY_F(3) },
	{ "\033OS", KEY_F(4) },    { "\033[11~", KEY_F(1) },  { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) },  { "\033[14~", KEY_F(4) },  { "\033[[A", KEY_F(1) },
	{ "\033[[B", KEY_F(2) },   { "\033[[C", KEY_F(3) },   { "\033[[D", KEY_F(4) },
};

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
		/* terminfo's own keys win; a sequence that is a prefix of
		 * one (or has one as its prefix) is left to the parser */
		for (size_t i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
			if (key_defined(known_keys[i].seq) == 0)
				define_key(known_keys[i].seq, known_keys[i].code);
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

/* The next byte or key code from curses, the one put back first; `ms` > 0
 * waits that long for it, else not at all. */
static int read_byte(int ms)
{
	if (byte_back != ERR) {
		int c = byte_back;
		byte_back = ERR;
		return c;
	}
	if (ms <= 0)
		return wgetch(stdscr);
	wtimeout(stdscr, ms);
	int c = wgetch(stdscr);
	nodelay(stdscr, TRUE);      /* input_key never blocks */
	return c;
}

/* One character decoded from the bytes (get_wch's answer: OK and a
 * character, KEY_CODE_YES and a key code, or ERR for nothing). Bytes
 * that are no character, or a character cut short by a key or by
 * silence, come as U+FFFD; the byte that showed it (when it is not one
 * of them) is read again on its own. */
static int read_wch(wint_t *wc, int ms)
{
	unsigned char buf[MB_LEN_MAX];
	size_t n = 0;

	for (;;) {
		int c = read_byte(n ? CHAR_REST_MS : ms);
		if (c == ERR || c > 0xFF) {
			if (n == 0) {
				*wc = (wint_t)c;
				return c == ERR ? ERR : KEY_CODE_YES;
			}
			byte_back = c;
			break;
		}
		buf[n++] = (unsigned char)c;
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		wchar_t w;
		size_t r = mbrtowc(&w, (const char *)buf, n, &st);
		if (r == (size_t)-2 && n < sizeof(buf))
			continue;
		if (r == (size_t)-1 || r == (size_t)-2) {
			if (n > 1) {        /* this byte may begin the next one */
				byte_back = c;
				n--;
			}
			break;
		}
		*wc = r == 0 ? 0 : (wint_t)w;
		return OK;
	}
	if (ninvalid++ == 0) {
		memcpy(invalid_first, buf, n);
		invalid_len = n;
	}
	*wc = REPLACEMENT_CHAR;
	return OK;
}

/* The next key from curses, the one put back first; `ms` > 0 waits that
 * long for it, else not at all. */
static int read_key(wint_t *wc, int ms)
{
	if (have_back) {
		have_back = false;
		*wc = back_wc;
		return back_r;
	}
	return read_wch(wc, ms);
}

static void put_back(int r, wint_t wc)
{
	have_back = true;
	back_r = r;
	back_wc = wc;
}

/* The key code of a whole escape sequence: terminfo's or one taught at
 * start (key_defined), else one of known_keys; 0 when none. */
static int sequence_code(const char *seq)
{
	int code = key_defined(seq);
	if (code > 0)
		return code;
	for (size_t i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
		if (!strcmp(known_keys[i].seq, seq))
			return known_keys[i].code;
	return 0;
}

enum { SEQ_NONE = -1, SEQ_DROPPED = -2 };

/* After an ESC from curses (ncurses has waited ESCDELAY for what follows
 * and passed on what it could not match): a '[' or 'O' already there
 * begins a control sequence, read here to its final byte (parameter
 * bytes 0x30-0x3F, then intermediates 0x20-0x2F, then 0x40-0x7E; the
 * linux console's F1-F5 are ESC [ [ A-E). Returns its key code,
 * SEQ_DROPPED for a sequence no one knows (or one cut short), SEQ_NONE
 * when no sequence follows: the ESC is Esc, and the key after it (put
 * back) comes next, as it came before. */
static int escape_sequence(void)
{
	wint_t wc;
	int r = read_key(&wc, 0);
	if (r == ERR)
		return SEQ_NONE;
	if (r != OK || (wc != '[' && wc != 'O')) {
		put_back(r, wc);
		return SEQ_NONE;
	}
	int wait = get_escdelay();
	if (wait < 10)
		wait = 10;
	char seq[32] = { '\033', (char)wc };
	size_t len = 2, nread = 0;
	bool csi = wc == '[', intermediate = false, malformed = false;
	for (;;) {
		r = read_key(&wc, wait);
		if (r == ERR)   /* nothing more: Alt+[ / Alt+O, or a sequence cut short */
			break;
		if (r != OK || wc < 0x20 || wc > 0x7e) {
			put_back(r, wc);   /* not part of any sequence */
			return SEQ_DROPPED;
		}
		if (++nread > 64)
			return SEQ_DROPPED;
		if (len + 1 < sizeof(seq))
			seq[len++] = (char)wc;
		if (csi && nread == 1 && wc == '[')
			continue;               /* ESC [ [ x: one more byte ends it */
		if (wc >= 0x40 || (csi && nread == 2 && seq[2] == '[')) {
			seq[len] = '\0';
			int code = !malformed && len + 1 < sizeof(seq) ? sequence_code(seq) : 0;
			return code > 0 ? code : SEQ_DROPPED;
		}
		if (wc < 0x30)
			intermediate = true;
		else if (intermediate)
			malformed = true;       /* a parameter after an intermediate */
	}
	if (nread == 0) {
		put_back(OK, (wint_t)seq[1]);
		return SEQ_NONE;
	}
	return SEQ_DROPPED;
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
		int r = read_key(&wc, 0);
		if (r == OK && wc == KEY_ESCAPE && !pasting) {
			int code = escape_sequence();
			if (code == SEQ_DROPPED)
				continue;
			if (code > 0) {
				r = KEY_CODE_YES;
				wc = (wint_t)code;
			}
		}
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

int input_invalid(char *bytes, size_t size)
{
	int n = ninvalid;
	size_t len = 0;

	if (size)
		bytes[0] = '\0';
	for (size_t i = 0; n && i < invalid_len && len + 4 <= size; i++)
		len += (size_t)snprintf(bytes + len, size - len, "%s%02X", i ? " " : "",
					invalid_first[i]);
	ninvalid = 0;
	return n;
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
