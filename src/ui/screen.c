/* The screen manager: the view stack, key dispatch (view table, then the
 * global table, then the view's raw key hook; text_input views get the raw
 * key before the global table), the status line and
 * prompt, the database connection's life (LISTEN, notifications,
 * reconnect with backoff), and the event loop that waits on the keyboard
 * and the database socket in one poll(). Paints only what is dirty and
 * lets curses send only the cells that changed. */
#include "ui/screen.h"
#include "ui/screen_loop.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/agent.h"
#include "model/live.h"
#include "model/notify.h"
#include "ui/alert.h"
#include "ui/draw.h"
#include "ui/input.h"
#include "ui/keys.h"
#include "ui/mouse.h"
#include "ui/views.h"
#include "ui/widgets/picker.h"
#include "ui/widgets/prompt.h"
#include "ui/widgets/statusline.h"
#include "util/editor.h"
#include "util/i18n.h"
#include "util/spawn.h"
#include "util/text.h"
#include "util/xalloc.h"

#define MAX_DEPTH 16
#define MAX_REGISTERED 32
#define MIN_COLS 60
#define MIN_ROWS 15
#define RETRY_MIN_MS 1000
#define RETRY_MAX_MS 30000
/* a schema this binary cannot use: checked again at this pace (an
 * administrator may migrate meanwhile), not at an outage's */
#define SCHEMA_RETRY_MS 30000

struct screen {
	struct app *app;
	struct db *db;             /* app->db once opened */
	bool connected;
	char *conn_problem;        /* why we are not connected, owned */
	char kept_key[32];         /* key of a text kept when the connection was lost, "" when none */
	int retry_ms;              /* current backoff */
	long long next_retry;      /* monotonic ms of the next attempt */
	/* connecting without blocking: the loop polls the handle's socket */
	bool connecting;
	int connect_dir;           /* LIVE_POLL_READ or LIVE_POLL_WRITE */
	long long connect_deadline;
	bool fresh;                /* a new handle: app checks and LISTEN still due */
	int attempts;              /* connection attempts so far */
	bool schema_wrong;         /* conn_problem is the schema (app->schema), not an outage */

	struct view *stack[MAX_DEPTH];
	int depth;

	struct keymap global_keys;
	struct keymap edit_keys;   /* text editing: the prompt and form fields */
	struct keymap view_keys[MAX_REGISTERED];

	char *message;             /* status line message, owned */
	bool message_error;
	char *history[SCREEN_HISTORY];  /* past messages, oldest first, owned */
	bool history_error[SCREEN_HISTORY];
	int nhistory;
	int unread;

	bool prompting;
	bool asking;               /* the prompt is a yes/no question (screen_ask) */
	bool ask_yes_default;      /* what Enter answers it */
	bool ask_edit;             /* e answers it too (screen_ask_or_edit) */
	bool picking;              /* a choice list (screen_pick) instead of the prompt */
	struct picker picker;
	struct keymap picker_keys;
	struct prompt prompt;
	struct view *prompt_view;
	prompt_done_fn prompt_done;
	void *prompt_arg;

	int rows, cols;
	bool too_small;
	bool chrome_dirty;         /* title or status line changed */
	bool full_repaint;         /* everything, e.g. after resize or C-l */
	bool quit;
	char keyname[32];
	long long next_tick;       /* monotonic ms of the top view's next tick */
	long long alert_mark;      /* the ticket event the emergency alert has
	                              looked up to (ui/alert.h); -1: none yet */

	/* a statement in flight (the waiter below runs the keyboard meanwhile) */
	long long busy_since;      /* monotonic ms, 0 when idle */
	bool working;              /* the "working…" mark is shown */
	bool resize_pending;       /* a resize arrived while busy */
	int typeahead[1024];       /* other keys typed while busy, replayed after */
	int ntypeahead;
	bool wait_hint;            /* the status line shows the busy hint */
	/* the action a key started last (ACT_NONE for a refresh on the
	 * clock or a notification), named by the working mark: what waits */
	int doing;
	const struct view_ops *doing_ops;
	int in_key;                /* > 0 while a key's (or click's) statements run */
	long long working_secs;    /* the seconds the mark shows */
	volatile sig_atomic_t *signal_flag;
	volatile sig_atomic_t *suspend_flag;  /* Ctrl-Z (SIGTSTP) asked */
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int registry_index(const struct view_ops *ops)
{
	for (int i = 0; i < MAX_REGISTERED && ui_views[i]; i++)
		if (ui_views[i] == ops)
			return i;
	return -1;
}

static struct view *top(struct screen *s)
{
	return s->depth ? s->stack[s->depth - 1] : NULL;
}

/* ------------------------------------------------------------ messages -- */

/* Keeps `text` in the history `:messages` shows (the status line may
 * cut it); an open message history shows it at once. */
static void history_add(struct screen *s, bool error, const char *text)
{
	if (s->nhistory == SCREEN_HISTORY) {
		free(s->history[0]);
		memmove(s->history, s->history + 1, (SCREEN_HISTORY - 1) * sizeof(*s->history));
		memmove(s->history_error, s->history_error + 1,
			(SCREEN_HISTORY - 1) * sizeof(*s->history_error));
		s->nhistory--;
	}
	s->history[s->nhistory] = xstrdup(text);
	s->history_error[s->nhistory++] = error;
	struct view *t = top(s);
	if (t && !strcmp(t->ops->name, "messages"))
		t->stale = true;
}

static void set_message(struct screen *s, bool error, const char *fmt, va_list ap)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_vaddf(&sb, fmt, ap);
	free(s->message);
	s->message = sb_detach(&sb);
	sb_done(&sb);
	s->message_error = error;
	history_add(s, error, s->message);
	s->chrome_dirty = true;
}

void screen_message(struct screen *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(s, false, fmt, ap);
	va_end(ap);
}

void screen_error_msg(struct screen *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(s, true, fmt, ap);
	va_end(ap);
}

/* The errors a session meets once its login is no active agent any
 * more (deactivated: it left the agents' group, so the schema, its tables
 * and functions are gone from under it). */
static bool schema_gone(const char *sqlstate)
{
	static const char *const states[] = { "42501", "42P01", "42883", "3F000", NULL };
	for (int i = 0; states[i]; i++)
		if (!strcmp(sqlstate, states[i]))
			return true;
	return false;
}

/* True (and said) when the session's login is no active agent now: the
 * refusal in words with what to do, not the raw error of a query. */
static bool no_longer_an_agent(struct screen *s)
{
	struct agent_info me;
	struct tt_error why;
	agent_info_init(&me);
	tt_error_init(&why);
	bool gone = s->db && agent_whoami(s->db, &me, &why) == EX_NOPERM;
	if (gone)
		screen_error_msg(s, _("you are no longer an active agent: %s. %s"), why.message,
				 why.hint ? why.hint : "");
	agent_info_done(&me);
	tt_error_clear(&why);
	return gone;
}

void screen_error(struct screen *s, const struct tt_error *err)
{
	struct strbuf sb;
	if (schema_gone(err->sqlstate) && no_longer_an_agent(s))
		return;
	sb_init(&sb);
	sb_add(&sb, err->message ? err->message : _("unknown error"));
	struct strbuf why;
	sb_init(&why);
	for (size_t i = 0; i < err->nfields; i++) {
		const struct tt_field_error *f = &err->fields[i];
		sb_reset(&why);
		tt_field_error_reason(f, &why);
		/* a refusal the message says already ("ticket 5 has no open
		 * escalation"; the server's words, tt_field_error.said, or the
		 * same words here, "the escalation of ticket 5 is already
		 * acknowledged") is not said again under the field's name
		 * ("; escalation: the ticket has no open escalation") */
		if (f->said || (err->message && why.len && strstr(err->message, why.buf)))
			continue;
		sb_add(&sb, "; ");
		tt_field_error_words(f, &sb);
	}
	sb_done(&why);
	screen_error_msg(s, "%s", sb.buf);
	sb_done(&sb);
	if (err->code == EX_UNAVAILABLE && !live_connected(s->db))
		screen_connection_lost(s, err);
}

void screen_text_kept(struct screen *s, const struct view *v, int action, const char *why)
{
	/* lost with the connection: the banner says so while it lasts, and
	 * the reconnection names the key again */
	if (!s->connected) {
		snprintf(s->kept_key, sizeof(s->kept_key), "%s", screen_key_for(s, v, action));
		s->chrome_dirty = true;
		/* the banner leads with "your text is kept" and says the
		 * database is unavailable: the message only says what became
		 * of the key, short enough to stand beside it at 80 columns
		 * (it said "not connected: your text is kept, try again
		 * later", or why the statement broke, cut to "not connec…" /
		 * "lost the connection to…" before the banner saying the
		 * same); why it broke is in :messages (screen_error) */
		screen_error_msg(s, "%s", _("not sent"));
		return;
	}
	if (!why)
		screen_error_msg(s, "%s", _("not connected: your text is kept, try again later"));
	else
		/* TRANSLATORS: why the change was refused comes first (the
		 * status line is 80 columns: keep the rest short), then the key
		 * that sends the kept text again. */
		screen_error_msg(s, _("%s; text kept: %s sends it"), why, screen_key_for(s, v, action));
}

const char *screen_history(struct screen *s, int i, bool *error)
{
	if (i < 0 || i >= s->nhistory)
		return NULL;
	if (error)
		*error = s->history_error[s->nhistory - 1 - i];
	return s->history[s->nhistory - 1 - i];
}

void screen_set_unread(struct screen *s, int count)
{
	if (s->unread != count)
		s->chrome_dirty = true;
	s->unread = count;
}

/* Re-reads the caller's unread notification count for the status line
 * (at the start, after a reconnect, a reload, or a batch of database
 * notifications). A failure leaves the count as it was: a lost
 * connection is noticed by the event loop. */
static void refresh_unread(struct screen *s)
{
	struct tt_error err;
	long count = 0;

	if (!s->connected || !s->db)
		return;
	tt_error_init(&err);
	if (notify_unread_count(s->db, &count, &err) == 0)
		screen_set_unread(s, count > 9999 ? 9999 : (int)count);
	tt_error_clear(&err);
}

struct app *screen_app(struct screen *s)
{
	return s->app;
}

struct db *screen_db(struct screen *s)
{
	return s->connected ? s->db : NULL;
}

/* ---------------------------------------------------------- view stack -- */

static void view_area(struct screen *s, struct area *a)
{
	a->y = 1;
	a->x = 0;
	a->h = s->rows - 2;
	a->w = s->cols;
}

static void apply(struct screen *s, struct view *v, unsigned flags);

static void reload(struct screen *s, struct view *v)
{
	v->stale = false;
	v->dirty = true;
	s->chrome_dirty = true;
	if (v->ops->reload)
		apply(s, v, v->ops->reload(v) & ~VR_RELOAD);
}

static void free_view(struct view *v)
{
	if (v->ops->close)
		v->ops->close(v);
	free(v->arg);
	free(v->want_arg);
	free(v);
}

static void pop(struct screen *s)
{
	if (s->depth <= 0)
		return;
	struct view *v = s->stack[--s->depth];
	if (s->prompting && s->prompt_view == v) {
		prompt_done(&s->prompt);
		s->prompting = false;
	}
	if (s->picking && s->prompt_view == v) {
		picker_done(&s->picker);
		s->picking = false;
	}
	free_view(v);
	struct view *t = top(s);
	if (t) {
		if (t->stale)
			reload(s, t);
		t->dirty = true;
	}
	s->chrome_dirty = true;
}

struct view *screen_top(struct screen *s)
{
	return top(s);
}

void screen_wake_at(struct screen *s, long long at_ms)
{
	if (at_ms < s->next_tick)
		s->next_tick = at_ms;
}

bool screen_has_view(const char *name)
{
	return ui_view_find(name) != NULL;
}

static unsigned open_view(struct screen *s, const char *name, const char *arg, int request);

unsigned screen_open(struct screen *s, const char *name, const char *arg)
{
	return open_view(s, name, arg, ACT_NONE);
}

static unsigned open_view(struct screen *s, const char *name, const char *arg, int request)
{
	const struct view_ops *ops = ui_view_find(name);

	if (!ops) {
		screen_error_msg(s, _("the %s view is not available in this build"), name);
		return VR_HANDLED;
	}
	if (s->depth >= MAX_DEPTH) {
		screen_error_msg(s, "%s", _("too many views open: close some with q"));
		return VR_HANDLED;
	}
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = ops;
	v->screen = s;
	v->arg = arg ? xstrdup(arg) : NULL;
	v->request = request;
	view_area(s, &v->area);
	if (ops->open && ops->open(v, arg)) {
		free(v->arg);
		free(v);
		return VR_HANDLED;
	}
	s->stack[s->depth++] = v;
	if (ops->resize)
		ops->resize(v, v->area.h, v->area.w);
	reload(s, v);
	return VR_HANDLED;
}

/* Makes the named view the top one: pops down to it when it is on the
 * stack, else opens it. */
static void bring(struct screen *s, const char *name)
{
	for (int i = s->depth - 1; i >= 0; i--) {
		if (!strcmp(s->stack[i]->ops->name, name)) {
			while (s->depth - 1 > i)
				pop(s);
			return;
		}
	}
	screen_open(s, name, NULL);
}

static void apply(struct screen *s, struct view *v, unsigned flags)
{
	if (flags & VR_QUIT) {
		s->quit = true;
		return;
	}
	if (flags & VR_RELOAD) {
		if (v == top(s))
			reload(s, v);
		else
			v->stale = true;
	}
	if (flags & (VR_REDRAW | VR_RELOAD)) {
		v->dirty = true;
		s->chrome_dirty = true;
	}
	if (flags & VR_OPEN) {
		const char *name = v->want_view;
		char *arg = v->want_arg;
		int request = v->want_action;
		v->want_view = NULL;
		v->want_arg = NULL;
		v->want_action = ACT_NONE;
		if (name)
			open_view(s, name, arg, request);
		free(arg);
	} else if (flags & VR_CLOSE) {
		for (int i = s->depth - 1; i >= 0; i--)
			if (s->stack[i] == v) {
				while (s->depth > i)
					pop(s);
				break;
			}
	}
}

/* ---------------------------------------------------------------- keys -- */

static const struct keymap *view_keymap(struct screen *s, const struct view_ops *ops)
{
	int i = registry_index(ops);
	return i >= 0 ? &s->view_keys[i] : NULL;
}

const struct action_info *screen_action_info(const struct view_ops *ops, int action)
{
	for (const struct action_info *a = ops ? ops->actions : NULL; a && a->name; a++)
		if (a->action == action)
			return a;
	return action_global_info(action);
}

const char *screen_key_for(struct screen *s, const struct view *v, int action)
{
	const struct keymap *km = v ? view_keymap(s, v->ops) : NULL;
	int key = km ? keymap_key_for(km, action) : 0;
	struct strbuf sb;

	if (!key)
		key = keymap_key_for(&s->global_keys, action);
	s->keyname[0] = '\0';
	if (!key)
		return s->keyname;
	sb_init(&sb);
	keyspec_name(key, &sb);
	snprintf(s->keyname, sizeof(s->keyname), "%s", sb.buf);
	sb_done(&sb);
	return s->keyname;
}

int screen_edit_action(struct screen *s, int key)
{
	return keymap_lookup(&s->edit_keys, key);
}

/* True when a form's field takes the key its own table leaves (see
 * view_ops.text_input): a text-editing key of the edit table, or a
 * character, typed into the field. Such a key never reaches the global
 * table in a form, so the form's help does not list it there. */
static bool form_takes(struct screen *s, int key)
{
	if (keys_edit_op(keymap_lookup(&s->edit_keys, key)) >= 0)
		return true;
	return !KEY_IS_FN(key) && key >= 0x20 && key != 0x7f;
}

void screen_bindings(struct screen *s, const struct view_ops *ops,
		     void (*fn)(void *arg, int key, int action, bool global), void *arg)
{
	const struct keymap *km = view_keymap(s, ops);
	for (size_t i = 0; km && i < km->n; i++)
		fn(arg, km->binds[i].key, km->binds[i].action, false);
	/* a form edits text with the edit table (its own keys win) */
	for (size_t i = 0; ops && ops->text_input && i < s->edit_keys.n; i++) {
		int key = s->edit_keys.binds[i].key, action = s->edit_keys.binds[i].action;
		if (action != ACT_ACCEPT && action != ACT_CANCEL && !(km && keymap_lookup(km, key)))
			fn(arg, key, action, true);
	}
	for (size_t i = 0; i < s->global_keys.n; i++) {
		int key = s->global_keys.binds[i].key;
		/* a view binding of the same key hides the global one */
		if (km && keymap_lookup(km, key))
			continue;
		/* in a form the global table sees only what the field does
		 * not take: the edit table's keys and typed text go to it */
		if (ops && ops->text_input && form_takes(s, key))
			continue;
		fn(arg, key, s->global_keys.binds[i].action, true);
	}
}

/* ------------------------------------------------------------- prompt -- */

void screen_prompt(struct screen *s, struct view *v, const char *label, const char *initial,
		   prompt_done_fn done, void *arg)
{
	if (s->prompting)
		prompt_done(&s->prompt);
	if (s->picking)
		picker_done(&s->picker);
	s->picking = false;
	prompt_init(&s->prompt, label, initial);
	s->prompt.keys = &s->edit_keys;
	s->prompting = true;
	s->asking = false;
	s->ask_edit = false;
	s->prompt_view = v;
	s->prompt_done = done;
	s->prompt_arg = arg;
	s->chrome_dirty = true;
}

void screen_prompt_completes(struct screen *s, prompt_complete_fn complete)
{
	if (s->prompting)
		s->prompt.complete = complete;
}

void screen_ask(struct screen *s, struct view *v, const char *question, bool yes_default,
		prompt_done_fn done, void *arg)
{
	screen_prompt(s, v, question, NULL, done, arg);
	s->asking = true;
	s->ask_yes_default = yes_default;
}

void screen_ask_or_edit(struct screen *s, struct view *v, const char *question, prompt_done_fn done,
			void *arg)
{
	screen_ask(s, v, question, false, done, arg);
	s->ask_edit = true;
}

bool screen_said_yes(const char *answer)
{
	return answer && !strcmp(answer, "y");
}

/* The answer a key gives to a yes/no question: "y", "n", "" for Esc or
 * C-g (the edit table's cancel), NULL for a key that does not answer. */
static const char *answer_of(struct screen *s, int key)
{
	/* TRANSLATORS: the letter answering yes to a [y/N] question ([S/n]: S). */
	const char *y = i18n_pgettext("answer", NC_("answer", "y"));
	/* TRANSLATORS: the letter that answers no to a [y/N] question. */
	const char *n = i18n_pgettext("answer", NC_("answer", "n"));
	int action = keymap_lookup(&s->edit_keys, key);

	if (action == ACT_ACCEPT)
		return s->ask_yes_default ? "y" : "n";
	if (action == ACT_CANCEL)
		return "";
	if (KEY_IS_FN(key) || KEY_IS_PASTED(key) || key < 'A' || key > 'z')
		return NULL;
	int c = key | 0x20;   /* an ASCII letter, either case */
	if (c == 'y' || c == (*y | 0x20))
		return "y";
	if (c == 'n' || c == (*n | 0x20))
		return "n";
	if (s->ask_edit) {
		/* TRANSLATORS: the letter that answers "edit it again" to a
		 * question before a text is mailed ("y: send, e: edit, n: ..."). */
		const char *e = i18n_pgettext("answer", NC_("answer", "e"));
		if (c == 'e' || c == (*e | 0x20))
			return "e";
	}
	return NULL;
}

static void prompt_key_in(struct screen *s, int key)
{
	const char *answer = NULL;
	if (s->asking) {
		/* one key answers; the others leave the question as it is */
		answer = answer_of(s, key);
		if (!answer)
			return;
	}
	/* the candidates a Tab listed sit on the view's last row: the view
	 * paints it again once they go (at the next key) */
	bool listed = s->prompt.matches != NULL;
	enum prompt_result r = s->asking ? (*answer ? PROMPT_ACCEPT : PROMPT_CANCEL) : prompt_key(&s->prompt, key);
	s->chrome_dirty = true;
	if (listed && top(s))
		top(s)->dirty = true;
	if (r == PROMPT_EDITING)
		return;
	char *text = r != PROMPT_ACCEPT ? NULL : xstrdup(answer ? answer : prompt_text(&s->prompt));
	s->asking = false;
	s->ask_edit = false;
	struct view *v = s->prompt_view;
	prompt_done_fn done = s->prompt_done;
	void *arg = s->prompt_arg;
	prompt_done(&s->prompt);
	s->prompting = false;
	apply(s, v, done(v, text, arg));
	free(text);
}

void screen_pick(struct screen *s, struct view *v, const char *label,
		 const struct pick_item *items, size_t n, prompt_done_fn done, void *arg)
{
	if (s->prompting)
		prompt_done(&s->prompt);
	if (s->picking)
		picker_done(&s->picker);
	s->prompting = false;
	picker_init(&s->picker, label, items, n);
	s->picker.prompt.keys = &s->edit_keys;
	s->picker.moves = &s->picker_keys;
	s->picking = true;
	s->prompt_view = v;
	s->prompt_done = done;
	s->prompt_arg = arg;
	s->chrome_dirty = true;
	if (v)
		v->dirty = true;
}

static void picker_key_in(struct screen *s, int key)
{
	enum prompt_result r = picker_key(&s->picker, key);
	s->chrome_dirty = true;
	if (s->prompt_view)
		s->prompt_view->dirty = true;
	if (r == PROMPT_EDITING)
		return;
	const struct pick_item *it = r == PROMPT_ACCEPT ? picker_choice(&s->picker) : NULL;
	char *key_text = it ? xstrdup(it->key) : NULL;
	struct view *v = s->prompt_view;
	prompt_done_fn done = s->prompt_done;
	void *arg = s->prompt_arg;
	picker_done(&s->picker);
	s->picking = false;
	v->dirty = true;
	apply(s, v, done(v, key_text, arg) | VR_REDRAW);
	free(key_text);
}

/* The `:` command line: a ticket number, or a few words. */
static unsigned command_done(struct view *v, const char *text, void *arg)
{
	struct screen *s = v->screen;
	(void)arg;
	if (!text)
		return VR_HANDLED;
	while (*text == ' ' || *text == '\t')
		text++;
	/* blanks after the words too (":22 ", a pasted "#22 "), else the
	 * command reads as "'22 ' is not a ticket number" */
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (!n)
		return VR_HANDLED;
	char *cmd = xstrndup(text, n);
	const struct view_ops *named = ui_view_find(cmd);
	unsigned r = VR_HANDLED;
	if (*cmd == '#' || (*cmd >= '0' && *cmd <= '9'))
		r = view_request_open(v, "ticket", *cmd == '#' ? cmd + 1 : cmd);
	else if (!strcmp(cmd, "q") || !strcmp(cmd, "quit"))
		r = VR_QUIT;
	else if (named)  /* its name outlives cmd */
		r = view_request_open(v, named->name, NULL);
	else
		screen_error_msg(s, _("unknown command '%s'"), cmd);
	free(cmd);
	return r;
}

/* --------------------------------------------------------------- editor -- */

/* The terminal handed back as the shell had it: bracketed paste off
 * (endwin leaves it on), then the modes, the mouse reports and the
 * alternate screen. */
static void leave_screen(void)
{
	def_prog_mode();
	input_stop();
	endwin();
}

/* Back from leave_screen: every mode on again, everything painted anew. */
static void back_to_screen(struct screen *s)
{
	reset_prog_mode();
	mouse_start(s->app->cfg.mouse);   /* endwin turned the reports off */
	input_start();
	clearok(curscr, TRUE);
	refresh();
	s->full_repaint = true;
}

/* While a program of ours runs on the terminal, Ctrl-Z stops us with it
 * (SIGTSTP's default): caught, it would stop the program alone while we
 * waited for it, and the shell would never get the terminal back. */
static void child_on_terminal(bool running, struct sigaction *saved)
{
	if (running) {
		struct sigaction dfl;
		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		sigemptyset(&dfl.sa_mask);
		sigaction(SIGTSTP, &dfl, saved);
	} else {
		sigaction(SIGTSTP, saved, NULL);
	}
}

/* Ctrl-Z: the terminal goes back to the shell as it was (bracketed paste
 * too: ncurses's own handler left it on, so a paste into the shell came
 * wrapped in ESC[200~ marks), we stop, and after fg every mode is on
 * again and the screen painted anew. What a form holds stays as it is. */
static void suspend(struct screen *s)
{
	struct sigaction saved;
	*s->suspend_flag = 0;
	leave_screen();
	child_on_terminal(true, &saved);
	raise(SIGTSTP);                   /* stopped here until fg */
	child_on_terminal(false, &saved);
	back_to_screen(s);
}

char *screen_edit(struct screen *s, const char *initial, struct tt_error *err)
{
	struct sigaction saved;
	leave_screen();
	child_on_terminal(true, &saved);
	char *text = editor_edit(initial, err);
	child_on_terminal(false, &saved);
	back_to_screen(s);
	return text;
}

int screen_run_program(struct screen *s, const char *const argv[], int *status, struct tt_error *err)
{
	struct spawn_opts opts = { .tty = true };
	struct sigaction saved;
	leave_screen();
	child_on_terminal(true, &saved);
	int rc = spawn_run(argv, &opts, status, err);
	child_on_terminal(false, &saved);
	back_to_screen(s);
	return rc;
}

/* ------------------------------------------------------------ actions -- */

static void global_action(struct screen *s, struct view *v, int action, int key)
{
	switch (action) {
	case ACT_QUIT:
		s->quit = true;
		break;
	case ACT_BACK:
		if (s->depth > 1)
			pop(s);
		else if (key != KEY_ESCAPE)
			s->quit = true;
		break;
	case ACT_HELP:
		if (strcmp(v->ops->name, "help"))
			screen_open(s, "help", NULL);
		break;
	case ACT_COMMAND:
		screen_prompt(s, v, ":", NULL, command_done, NULL);
		break;
	case ACT_REDRAW:
		s->full_repaint = true;
		break;
	case ACT_RELOAD:
		if (!s->connected && !s->connecting && s->schema_wrong) {
			s->next_retry = now_ms();   /* the schema checked at once */
			s->chrome_dirty = true;
			break;
		}
		reload(s, v);
		refresh_unread(s);
		break;
	case ACT_VIEW_QUEUE:
		bring(s, "queue");
		break;
	case ACT_VIEW_ESCALATIONS:
		if (ui_view_find("escalations"))
			bring(s, "escalations");
		else
			screen_error_msg(s, _("the %s view is not available in this build"), "escalations");
		break;
	case ACT_VIEW_INBOX:
		bring(s, "inbox");
		break;
	case ACT_VIEW_DASHBOARD:
		bring(s, "dashboard");
		break;
	case ACT_VIEW_NOTIFICATIONS:
		bring(s, "notifications");
		break;
	case ACT_NEW_TICKET:
		screen_open(s, "intake", NULL);
		break;
	case ACT_VIEW_SEARCH:   /* view_search.c */
		screen_open(s, "search", NULL);
		break;
	default: {
		const struct action_info *info = screen_action_info(v->ops, action);
		const struct keymap *km = view_keymap(s, v->ops);
		/* one of the view's own actions that it could not take: while
		 * the database is unavailable, that is why */
		if (!s->connected && km && keymap_key_for(km, action)) {
			screen_error_msg(s, _("%s: needs the database"), info ? _(info->help) : "?");
			break;
		}
		/* the action's description, not its configuration name */
		screen_error_msg(s, _("%s: not available in this view"),
				 info ? _(info->help) : "?");
		break;
	}
	}
}

static void hold_key(struct screen *s, int key);

/* True while the user types text: a prompt, a choice list or a form is
 * open on top. */
static bool typing(const struct screen *s)
{
	const struct view *v = s->depth ? s->stack[s->depth - 1] : NULL;
	return s->prompting || s->picking || (v && v->ops->text_input);
}

static void handle_key_in(struct screen *s, int key);

/* A key: its statements are its own (busy_key), not a refresh's. */
static void handle_key(struct screen *s, int key)
{
	s->in_key++;
	handle_key_in(s, key);
	s->in_key--;
}

static void handle_key_in(struct screen *s, int key)
{
	struct view *v = top(s);

	if (s->message) {
		free(s->message);
		s->message = NULL;
		s->chrome_dirty = true;
	}
	if (s->too_small) {
		/* text being typed (a prompt, a choice, a form) waits for the
		 * terminal to grow: nothing typed is lost, and a q or Q in it
		 * is a letter, not the way out */
		if (typing(s))
			hold_key(s, key);
		else if (key == 'Q' || key == 'q')
			s->quit = true;
		return;
	}
	if (s->prompting) {
		prompt_key_in(s, key);
		return;
	}
	if (s->picking) {
		picker_key_in(s, key);
		return;
	}
	if (!v)
		return;
	if (KEY_IS_PASTED(key) && v->ops->text_input)
		key = input_typed(key);   /* a form takes pasted text as typed */
	const struct keymap *km = view_keymap(s, v->ops);
	int action = km ? keymap_lookup(km, key) : ACT_NONE;
	if (!action && v->ops->text_input && v->ops->key) {
		unsigned flags = v->ops->key(v, key);
		if (flags) {
			apply(s, v, flags);
			return;
		}
	}
	if (!action)
		action = keymap_lookup(&s->global_keys, key);
	if (action) {
		/* what the statements it runs do, in the working mark; the
		 * prompt or question it opens keeps it for their answer */
		s->doing = action;
		s->doing_ops = v->ops;
		unsigned flags = v->ops->action ? v->ops->action(v, action) : VR_UNHANDLED;
		if (flags)
			apply(s, v, flags);
		else
			global_action(s, v, action, key);
		return;
	}
	unsigned flags = v->ops->key ? v->ops->key(v, key) : VR_UNHANDLED;
	if (flags) {
		apply(s, v, flags);
	} else if (!KEY_IS_FN(key)) {
		struct strbuf sb;
		sb_init(&sb);
		keyspec_name(key, &sb);
		screen_error_msg(s, _("key %s does nothing here; ? lists the keys"), sb.buf);
		sb_done(&sb);
	}
}

static int busy_wait(void *arg, int sock);

/* ------------------------------------------------------------- resize -- */

static void resize(struct screen *s)
{
	getmaxyx(stdscr, s->rows, s->cols);
	s->too_small = s->rows < MIN_ROWS || s->cols < MIN_COLS;
	s->full_repaint = true;
	if (s->too_small)
		return;
	for (int i = 0; i < s->depth; i++) {
		struct view *v = s->stack[i];
		view_area(s, &v->area);
		unsigned flags = v->ops->resize ? v->ops->resize(v, v->area.h, v->area.w) : 0;
		if (flags & VR_RELOAD)
			v->stale = true;
		v->dirty = true;
	}
	struct view *t = top(s);
	if (t && t->stale)
		reload(s, t);
}

/* ----------------------------------------------------------- database -- */

/* Why we are not connected (NULL: we are). The banner cuts it to the
 * status line's room: a problem not said just before is kept whole in
 * :messages, once, however many attempts fail the same way. */
static void set_problem(struct screen *s, const char *msg)
{
	bool news = msg && (!s->conn_problem || strcmp(s->conn_problem, msg));
	free(s->conn_problem);
	s->conn_problem = msg ? xstrdup(msg) : NULL;
	if (news && !s->schema_wrong) {
		struct strbuf sb;
		sb_init(&sb);
		sb_addf(&sb, _("database unavailable: %s"), msg);
		history_add(s, true, sb.buf);
		sb_done(&sb);
	}
	s->chrome_dirty = true;
}

void screen_connection_lost(struct screen *s, const struct tt_error *err)
{
	if (!s->connected && s->conn_problem)
		return;
	s->connected = false;
	s->schema_wrong = false;
	set_problem(s, err && err->message ? err->message : _("lost the connection to the database"));
	s->retry_ms = RETRY_MIN_MS;
	s->next_retry = now_ms();   /* first attempt at once */
}

/* A standby or a transaction-mode pooler never delivers NOTIFY: say so
 * rather than silently missing refreshes. */
static bool warn_listen(struct screen *s)
{
	char *problem = live_listen_problem(s->db);
	if (problem)
		screen_error_msg(s, "%s", problem);
	free(problem);
	return problem != NULL;
}

static void connected_now(struct screen *s, bool again)
{
	s->connected = true;
	s->retry_ms = RETRY_MIN_MS;
	if (s->schema_wrong)
		s->full_repaint = true;   /* the notice over the view goes */
	s->schema_wrong = false;
	set_problem(s, NULL);
	for (int i = 0; i < s->depth; i++)
		s->stack[i]->stale = true;
	if (top(s))
		reload(s, top(s));
	refresh_unread(s);
	if (!warn_listen(s) && again) {
		if (*s->kept_key)
			/* TRANSLATORS: %s is the key that sends the kept text;
			 * keep the line within 80 columns: a longer one loses
			 * its end, and the key with it */
			screen_message(s, _("reconnected to the database: your text is kept, %s sends it"),
				       s->kept_key);
		else
			screen_message(s, "%s", _("reconnected to the database"));
	}
	s->kept_key[0] = '\0';
	/* after the reconnection's words: an emergency says more */
	alert_catch_up(s, &s->alert_mark);
}

#define CONNECT_TIMEOUT_MS 10000

/* What is wrong with the schema (app->schema) and what to do, in the
 * words of someone at the desk, who cannot migrate it themselves. */
static void schema_problem(const struct screen *s, const struct tt_error *err, struct strbuf *out)
{
	const struct schema_state *st = &s->app->schema;
	if (st->gap == SCHEMA_OLDER && st->missing && st->current >= st->known)
		sb_addf(out, ngettext("the database lacks %d migration this ticketty needs: "
				      "ask an administrator to run 'ticketty db migrate'",
				      "the database lacks %d migrations this ticketty needs: "
				      "ask an administrator to run 'ticketty db migrate'",
				      (unsigned long)st->missing), st->missing);
	else if (st->gap == SCHEMA_OLDER)
		sb_addf(out, _("the database schema is version %d but this ticketty needs %d: "
			       "ask an administrator to run 'ticketty db migrate'"), st->current, st->known);
	else if (st->gap == SCHEMA_FUNCTIONS)
		sb_add(out, _("the database's SQL functions are not this ticketty's: "
			      "ask an administrator to run 'ticketty db migrate'"));
	else
		sb_add(out, err->message ? err->message : "?");
}

/* The schema refused the connection: trying again at once cannot help.
 * Said once on the status line and kept whole in :messages; checked
 * again at a slow pace (R at once), so a migration done meanwhile
 * reconnects by itself. */
static void schema_refused(struct screen *s, const struct tt_error *err)
{
	struct strbuf why;
	sb_init(&why);
	schema_problem(s, err, &why);
	bool news = !s->schema_wrong || !s->conn_problem || strcmp(s->conn_problem, why.buf);
	s->schema_wrong = true;
	set_problem(s, why.buf);
	if (news)
		screen_error_msg(s, "%s", why.buf);
	sb_done(&why);
	s->retry_ms = RETRY_MIN_MS;
	s->next_retry = now_ms() + SCHEMA_RETRY_MS;
	if (news)
		s->full_repaint = true;   /* the notice over the view changed */
}

/* An attempt failed: say why, wait (backoff) and try again. */
static void connect_failed(struct screen *s, const struct tt_error *err)
{
	s->connecting = false;
	if (s->app->refusal) {   /* this login may not use the interface: ui_run says why */
		s->quit = true;
		return;
	}
	if (s->app->schema.gap != SCHEMA_OK) {
		schema_refused(s, err);
		return;
	}
	s->schema_wrong = false;
	set_problem(s, err->message ? err->message : _("cannot connect to the database"));
	s->next_retry = now_ms() + s->retry_ms;
	s->retry_ms = s->retry_ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : s->retry_ms * 2;
}

/* Starts an attempt; the loop then drives it (connect_step) while the
 * screen keeps answering. Only the private cluster, which this client
 * starts itself (and starts again when its server stopped), is opened
 * in one blocking call. */
static void begin_connect(struct screen *s)
{
	struct tt_error err;
	int rc;

	tt_error_init(&err);
	s->attempts++;
	/* what this attempt finds: a failure before the schema check is an outage */
	memset(&s->app->schema, 0, sizeof(s->app->schema));
	if (!s->db) {
		rc = app_db_start(s->app, &err);
		if (rc == APP_DB_PRIVATE) {
			rc = app_db(s->app, &s->db, &err);
			if (!rc)
				rc = live_attach(s->db, busy_wait, s, &err);
			if (rc)
				connect_failed(s, &err);
			else
				connected_now(s, s->attempts > 1);
			tt_error_clear(&err);
			return;
		}
		if (!rc) {
			s->db = s->app->db;
			s->fresh = true;
			live_set_waiter(s->db, busy_wait, s);
		}
	} else {
		/* the private cluster is this client's own: started again first */
		rc = app_private_server_up(s->app, &err);
		if (!rc)
			rc = live_reconnect_start(s->db, &err);
	}
	if (rc) {
		connect_failed(s, &err);
	} else {
		s->connecting = true;
		s->connect_dir = LIVE_POLL_WRITE;
		s->connect_deadline = now_ms() + CONNECT_TIMEOUT_MS;
		s->chrome_dirty = true;
	}
	tt_error_clear(&err);
}

/* A statement found the session ended by the server while idle (a
 * restart) and went on a new one (live_take_reopened): checked and read
 * again as after any reconnection, without a word (what was sent says
 * how it went). */
static void reopened(struct screen *s)
{
	struct tt_error err;

	tt_error_init(&err);
	int rc = app_db_connected(s->app, &s->db, &err);
	if (rc) {
		s->connected = false;
		connect_failed(s, &err);
	} else {
		connected_now(s, false);
	}
	tt_error_clear(&err);
}

/* The attempt's next step, when its socket is ready (or its time is up). */
static void connect_step(struct screen *s, bool ready)
{
	struct tt_error err;

	if (!ready && now_ms() < s->connect_deadline)
		return;
	tt_error_init(&err);
	if (!ready) {
		tt_error_set(&err, EX_UNAVAILABLE, "%s: %s", _("cannot connect to the database"), _("timed out"));
		connect_failed(s, &err);
		tt_error_clear(&err);
		return;
	}
	enum live_poll st = live_connect_poll(s->db, &err);
	if (st == LIVE_POLL_READ || st == LIVE_POLL_WRITE) {
		s->connect_dir = st;
	} else if (st == LIVE_POLL_FAILED) {
		connect_failed(s, &err);
	} else {
		s->connecting = false;
		/* checked on every connection, a reconnection too: the schema
		 * may have been migrated while the server was away (a refusal
		 * closes the connection: the next attempt starts afresh) */
		int rc = app_db_connected(s->app, &s->db, &err);
		if (!rc && s->fresh) {
			rc = live_attach(s->db, busy_wait, s, &err);
			if (!rc)
				s->fresh = false;
		}
		if (rc)
			connect_failed(s, &err);
		else
			connected_now(s, s->attempts > 1);
	}
	tt_error_clear(&err);
}

struct notify_state {
	struct screen *s;
	bool reload_top;
	int count;        /* notifications in this batch */
	struct alert_batch alerts;   /* tickets that may be an emergency for us */
};

static void on_event(void *arg, const struct live_event *ev)
{
	struct notify_state *ns = arg;
	struct screen *s = ns->s;

	ns->count++;
	alert_note(&ns->alerts, ev);
	for (int i = 0; i < s->depth; i++) {
		struct view *v = s->stack[i];
		unsigned flags = v->ops->notify ? v->ops->notify(v, ev->ticket, ev->kind) : 0;
		if (flags & VR_RELOAD) {
			if (v == top(s))
				ns->reload_top = true;   /* once, after the whole batch */
			else
				v->stale = true;
		}
		if (flags & VR_REDRAW)
			v->dirty = true;
	}
}

static void drain_events(struct screen *s)
{
	struct notify_state ns = { .s = s };
	if (live_drain(s->db, on_event, &ns) < 0) {
		screen_connection_lost(s, NULL);
		return;
	}
	if (ns.reload_top && top(s))
		reload(s, top(s));
	if (ns.count > 0)
		refresh_unread(s);
	if (ns.alerts.n > 0)
		alert_check(s, &ns.alerts, &s->alert_mark);
}

static void drain(struct screen *s)
{
	int doing = s->doing;   /* its reloads are not what the last key did */
	s->doing = ACT_NONE;
	drain_events(s);
	s->doing = doing;
}

/* ------------------------------------------------------------- paint -- */

static void paint_too_small(struct screen *s)
{
	char msg[128];
	erase();
	snprintf(msg, sizeof(msg), _("terminal too small (need %d%s%d)"), MIN_COLS,
		 i18n_utf8() ? "\xc3\x97" : "x", MIN_ROWS);
	int w = text_width(msg);
	int y = s->rows / 2, x = (s->cols - w) / 2;
	if (x < 0)
		x = 0;
	draw_text_part(y > 0 ? y : 0, x, s->cols - x, msg, STYLE_ERROR);
	if (y + 1 < s->rows) {
		const char *hint = typing(s) ? _("enlarge the window: what you type is kept")
					     : _("enlarge the window, or press Q to quit");
		int hx = (s->cols - text_width(hint)) / 2;
		draw_text_part(y + 1, hx > 0 ? hx : 0, s->cols, hint, STYLE_NORMAL);
	}
}

static void paint_title(struct screen *s, struct view *v)
{
	struct strbuf left, right;
	sb_init(&left);
	sb_init(&right);
	sb_addf(&left, " ticketty %s %s", i18n_utf8() ? "\xe2\x94\x82" : "|",
		v ? _(v->ops->title) : "");
	if (s->connected)
		sb_addf(&right, "%s  ", live_user(s->db));
	sb_addf(&right, _("%s help "), screen_key_for(s, v, ACT_HELP));
	int rw = text_width(right.buf);
	draw_text(0, 0, s->cols - rw, left.buf, STYLE_TITLE);
	draw_text(0, s->cols - rw > 0 ? s->cols - rw : 0, rw, right.buf, STYLE_TITLE);
	sb_done(&left);
	sb_done(&right);
}

/* The banner while the schema refuses the connection: short (the
 * status line keeps room for the view), the whole text is on the view
 * and in :messages. */
static void schema_banner(struct screen *s, struct strbuf *banner)
{
	long long wait = (s->next_retry - now_ms() + 999) / 1000;
	if (wait < 0)
		wait = 0;
	if (s->connecting)
		sb_add(banner, _("checking the database schema again..."));
	else if (s->app->schema.gap == SCHEMA_OLDER || s->app->schema.gap == SCHEMA_FUNCTIONS)
		/* TRANSLATORS: at most 55 characters with the number */
		sb_addf(banner, _("database needs migrating (:messages), next check in %llds"), wait);
	else if (s->app->schema.gap == SCHEMA_NEWER)
		/* TRANSLATORS: at most 55 characters with the number */
		sb_addf(banner, _("this ticketty is too old (:messages), next check in %llds"), wait);
	else
		/* TRANSLATORS: at most 55 characters with the number */
		sb_addf(banner, _("unusable database (:messages), next check in %llds"), wait);
}

/* The schema's problem over the view, wrapped, whole, with what R does
 * (the view under it has nothing to show: it never connected). Not over
 * the help or the message history. */
struct notice_lines {
	const struct area *a;
	int y;
};

static void notice_line(void *arg, const char *line)
{
	struct notice_lines *nl = arg;
	if (nl->y < nl->a->y + nl->a->h)
		draw_text(nl->y++, nl->a->x + 1, nl->a->w - 2, line, STYLE_ERROR);
}

static void paint_schema_notice(struct screen *s, struct view *v)
{
	if (!v || s->connected || !s->schema_wrong || !s->conn_problem ||
	    !strcmp(v->ops->name, "help") || !strcmp(v->ops->name, "messages") || v->area.w < 10)
		return;
	struct notice_lines nl = { &v->area, v->area.y + 3 };
	struct strbuf text;
	sb_init(&text);
	text_sanitize(&text, s->conn_problem, strlen(s->conn_problem), draw_text_flags());
	text_wrap(text.buf, v->area.w - 2, notice_line, &nl);
	sb_reset(&text);
	notice_line(&nl, "");
	sb_addf(&text, _("Checked again every %d seconds; %s checks now."), SCHEMA_RETRY_MS / 1000,
		screen_key_for(s, v, ACT_RELOAD));
	struct strbuf clean;
	sb_init(&clean);
	text_sanitize(&clean, text.buf, strlen(text.buf), draw_text_flags());
	text_wrap(clean.buf, v->area.w - 2, notice_line, &nl);
	sb_done(&clean);
	sb_done(&text);
}

static void paint_status(struct screen *s, struct view *v)
{
	int y = s->rows - 1;

	if (s->picking) {
		struct area a;
		view_area(s, &a);
		int cx = picker_draw(&s->picker, &a, y, s->cols);
		move(y, cx < s->cols ? cx : s->cols - 1);
		return;
	}
	if (s->prompting) {
		draw_blank(y, 0, s->cols, STYLE_NORMAL);
		int cx = prompt_draw(&s->prompt, y, 0, s->cols);
		move(y, cx < s->cols ? cx : s->cols - 1);
		return;
	}
	struct strbuf state, banner;
	sb_init(&state);
	sb_init(&banner);
	if (v && v->ops->status && !s->working)
		v->ops->status(v, &state);
	/* the working mark says what waits (the action the last key
	 * started, by its help text up to the first aside: "take the
	 * ticket") and for how long; the command line's help is about its
	 * syntax and names nothing. A message ("keys typed wait ...") needs
	 * the room more: then the mark is the short one. */
	const struct action_info *doing = s->working && s->doing && s->doing != ACT_COMMAND && !s->message
					  ? screen_action_info(s->doing_ops, s->doing) : NULL;
	if (doing && doing->help) {
		const char *help = _(doing->help);
		size_t n = strcspn(help, ":(");
		while (n > 0 && help[n - 1] == ' ')
			n--;
		char *what = xstrndup(help, n);
		sb_addf(&banner, _("%s: working %lld s... Esc cancels"), what, s->working_secs);
		free(what);
	} else if (s->working) {
		sb_add(&banner, _("working... Esc cancels"));
	}
	if (!s->connected && s->schema_wrong) {
		schema_banner(s, &banner);
	} else if (!s->connected && s->connecting && !s->conn_problem) {
		sb_add(&banner, _("connecting to the database..."));
	} else if (!s->connected && s->connecting && s->message) {
		/* a message says what became of the key just pressed: it needs
		 * the room more than the problem, which the banner shows again
		 * once the message is gone */
		sb_add(&banner, _("database unavailable, connecting again"));
	} else if (!s->connected && s->connecting) {
		sb_addf(&banner, _("database unavailable, connecting again: %s"), s->conn_problem);
	} else if (!s->connected) {
		long long wait = (s->next_retry - now_ms() + 999) / 1000;
		if (s->message)
			sb_addf(&banner, _("database unavailable, retrying in %llds"), wait > 0 ? wait : 0);
		else
			sb_addf(&banner, _("database unavailable, retrying in %llds: %s"),
				wait > 0 ? wait : 0, s->conn_problem ? s->conn_problem : "?");
		/* one line only: the problem text may hold newlines */
		for (char *c = banner.buf; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' ';
	}
	if (!s->connected && *s->kept_key) {
		/* first, where a narrow line still shows it */
		char *plain = sb_detach(&banner);
		sb_addf(&banner, _("your text is kept; %s"), plain);
		free(plain);
	}
	struct statusline sl = {
		.mode = v ? _(v->ops->title) : "",
		.state = state.buf,
		.message = s->message,
		.error = s->message_error,
		.banner = s->connected && !s->working ? NULL : banner.buf,
		.unread = s->unread,
	};
	statusline_draw(&sl, y, s->cols);
	sb_done(&state);
	sb_done(&banner);
}

static void paint(struct screen *s)
{
	struct view *v = top(s);
	bool any = s->full_repaint || s->chrome_dirty || (v && v->dirty) || !s->connected;
	bool chrome_later = false;

	/* while a statement runs only the help may paint: a view's draw
	 * may need the database (it waits until the statement is done) */
	bool may_draw = !s->busy_since || !strcmp(v ? v->ops->name : "", "help");

	if (!any)
		return;
	/* an open message history shows what was said since (history_add) */
	if (v && v->stale && !strcmp(v->ops->name, "messages"))
		reload(s, v);
	if (s->full_repaint) {
		clearok(curscr, TRUE);
		/* a view that may not draw now keeps what it showed (the ticket
		 * whose note, just written in the editor, waits for a lock): the
		 * screen is repainted from stdscr, the view draws once it may */
		if (may_draw || s->too_small)
			erase();
		else if (v)
			v->dirty = true;
	}
	if (s->too_small) {
		paint_too_small(s);
	} else {
		if (v && may_draw && (v->dirty || s->full_repaint)) {
			v->ops->draw(v, &v->area);
			v->dirty = false;
		}
		if (may_draw)
			paint_schema_notice(s, v);
		paint_title(s, v);
		/* the view's state (a filter just set, say) would describe rows
		 * that are not drawn yet: the status line waits for them, unless
		 * it has the working mark or a prompt to show */
		if (may_draw || s->working || s->prompting || s->picking)
			paint_status(s, v);
		else
			chrome_later = true;
	}
	bool cursor = (s->prompting || s->picking) && !s->too_small;
	curs_set(cursor ? 1 : 0);
	/* a hidden cursor may stay wherever the update left it: no move to
	 * park it after every update (bytes on a slow link, issue 17) */
	leaveok(stdscr, !cursor);
	s->full_repaint = false;
	s->chrome_dirty = chrome_later;
	refresh();
}

/* --------------------------------------------------------------- busy -- */

#define WORKING_AFTER_MS 200

/* A key kept to be handled later, in the order typed. */
static void hold_key(struct screen *s, int key)
{
	if (s->ntypeahead < (int)(sizeof(s->typeahead) / sizeof(s->typeahead[0])))
		s->typeahead[s->ntypeahead++] = key;
	else
		beep();   /* typed far ahead of a stuck statement: this key is lost */
}

/* While the first connection is being made, keys wait for it: a view
 * opened now would find no database ("n" at once after start). They are
 * handled once it is made or has failed (connecting_key). */
static bool holding_keys(const struct screen *s)
{
	return s->connecting && s->fresh;
}

/* A key while a statement is in flight: Esc cancels it (the server is
 * told; during a refresh no key asked for, see below), Q quits (after
 * cancelling), help opens and closes; nothing else
 * may start another statement, so other keys wait their turn. Once a key
 * waits, every key after it but Esc waits too: typed ahead, ":" and a
 * path are one piece of text, and a Q or ? in it is a letter of it, not
 * a command to act on before the keys typed first. */
static int busy_key(struct screen *s, int key)
{
	int action = keymap_lookup(&s->global_keys, key);
	struct view *v = top(s);

	if (key == KEY_FN(KEY_RESIZE)) {
		s->resize_pending = true;
		return LIVE_MORE;
	}
	if (key == KEY_FN(KEY_MOUSE)) {
		struct mouse_event m;
		mouse_read(false, &m);   /* consumed: a click on rows that may change */
		return LIVE_MORE;
	}
	/* Esc cancels what a key started, and what the working mark names.
	 * A refresh no key asked for (a notification's, the clock's) that
	 * the screen does not show running (under 200 ms, or a prompt or
	 * form has the status line) is no one's to cancel: Esc there is the
	 * key typed, for what is on the screen (it closes the command
	 * line), handled once the refresh is done; and one still running
	 * under a prompt is cancelled as well, so that it does not keep the
	 * key back. */
	if (key == KEY_ESCAPE || key == KEY_CTRL('g')) {
		bool cancel = s->in_key > 0 || s->working;
		if (!s->in_key && (!s->working || typing(s)))
			hold_key(s, key);
		if (!cancel)
			return LIVE_MORE;
		screen_message(s, "%s", _("cancelling..."));
		return LIVE_CANCEL;
	}
	/* after keys that wait: waits with them; and where text is being
	 * typed (a form, a prompt) a character is a letter of it, Q and ?
	 * too (F1 still opens the help) */
	if (s->ntypeahead > 0 || (typing(s) && !KEY_IS_FN(key) && key >= ' '))
		action = ACT_NONE;
	if (action == ACT_QUIT) {
		s->quit = true;
		return LIVE_CANCEL;
	}
	if (action == ACT_HELP && v && strcmp(v->ops->name, "help")) {
		screen_open(s, "help", NULL);
		return LIVE_MORE;
	}
	if (action == ACT_BACK && v && !strcmp(v->ops->name, "help")) {
		pop(s);
		return LIVE_MORE;
	}
	if (action == ACT_REDRAW) {
		s->full_repaint = true;
		return LIVE_MORE;
	}
	/* typed ahead: handled once the statement is done */
	hold_key(s, key);
	if (s->working) {
		screen_message(s, "%s", _("keys typed wait for the database"));
		s->wait_hint = true;
	}
	return LIVE_MORE;
}

/* A key while the first connection is being made: as while a statement
 * runs (help, Q, Ctrl-L answer; other keys wait), except that Esc has no
 * statement to cancel and waits like any other key. */
static void connecting_key(struct screen *s, int key)
{
	if (key == KEY_ESCAPE || key == KEY_CTRL('g'))
		hold_key(s, key);
	else
		(void)busy_key(s, key);
}

/* The database's waiter (live_attach): the one poll on the keyboard and
 * the socket while a statement runs. */
static int busy_wait(void *arg, int sock)
{
	struct screen *s = arg;
	long long now = now_ms();
	int result = LIVE_MORE;

	if (!s->busy_since)
		s->busy_since = now;
	if (s->quit || (s->signal_flag && *s->signal_flag))
		return LIVE_CANCEL;
	if (s->suspend_flag && *s->suspend_flag)
		suspend(s);   /* the statement runs on meanwhile */
	if (!s->working && now - s->busy_since >= WORKING_AFTER_MS) {
		s->working = true;
		s->chrome_dirty = true;
	}
	if (s->working && (now - s->busy_since) / 1000 != s->working_secs) {
		s->working_secs = (now - s->busy_since) / 1000;
		s->chrome_dirty = true;
	}
	paint(s);
	long long timeout = s->working ? 1000 : s->busy_since + WORKING_AFTER_MS - now;
	struct pollfd fds[2] = { { .fd = STDIN_FILENO, .events = POLLIN },
				 { .fd = sock, .events = POLLIN } };
	if (poll(fds, 2, (int)(timeout > 0 ? timeout : 0)) < 0 && errno != EINTR)
		return LIVE_CANCEL;
	int key;
	while (result == LIVE_MORE && input_key(&key))
		result = busy_key(s, key);
	return result;
}

/* After the statements of one key or event: the mark goes away. */
static void busy_done(struct screen *s)
{
	if (s->working)
		s->chrome_dirty = true;
	s->busy_since = 0;
	s->working = false;
	s->working_secs = 0;
	if (s->resize_pending) {
		s->resize_pending = false;
		resize(s);
	}
	if (s->wait_hint) {
		/* the hint is about the statement that is now done */
		s->wait_hint = false;
		free(s->message);
		s->message = NULL;
		s->chrome_dirty = true;
	}
	/* the keys typed meanwhile, in order (each may run statements again) */
	while (s->ntypeahead > 0 && !s->quit && !holding_keys(s) && !s->too_small) {
		int key = s->typeahead[0];
		s->ntypeahead--;
		memmove(s->typeahead, s->typeahead + 1, (size_t)s->ntypeahead * sizeof(s->typeahead[0]));
		s->busy_since = 0;
		handle_key(s, key);
		if (s->working)
			s->chrome_dirty = true;
		s->working = false;
	}
	s->busy_since = 0;
}

/* --------------------------------------------------------------- life -- */

struct screen *screen_new(struct app *app)
{
	struct screen *s = xcalloc(1, sizeof(*s));
	struct strbuf warnings;

	s->app = app;
	s->retry_ms = RETRY_MIN_MS;
	s->alert_mark = -1;
	sb_init(&warnings);
	keymap_build(&s->global_keys, "global", keys_global, NULL, &app->cfg, &warnings);
	keymap_build(&s->edit_keys, "edit", keys_edit, NULL, &app->cfg, &warnings);
	keymap_build(&s->picker_keys, "picker", keys_picker, NULL, &app->cfg, &warnings);
	const char *names[MAX_REGISTERED + 1];
	int nviews = 0;
	for (int i = 0; i < MAX_REGISTERED && ui_views[i]; i++, nviews++) {
		keymap_build(&s->view_keys[i], ui_views[i]->name, ui_views[i]->keys,
			     ui_views[i]->actions, &app->cfg, &warnings);
		names[i] = ui_views[i]->name;
	}
	names[nviews] = NULL;
	for (size_t i = 0; i < app->cfg.nkeys; i++) {
		bool said = false;
		for (size_t j = 0; j < i; j++)
			said = said || !strcmp(app->cfg.keys[j].view, app->cfg.keys[i].view);
		if (!said && !keymap_table_known(app->cfg.keys[i].view, names))
			sb_addf(&warnings, _("keys.%s: no such key table (global, edit, picker or a view: "
					     "see the help's key names)\n"), app->cfg.keys[i].view);
	}
	/* each on :messages; the status line shows the last */
	for (char *line = warnings.buf, *end; line && *line; line = end) {
		end = strchr(line, '\n');
		if (end)
			*end++ = '\0';
		screen_error_msg(s, "%s", line);
	}
	sb_done(&warnings);
	getmaxyx(stdscr, s->rows, s->cols);
	s->too_small = s->rows < MIN_ROWS || s->cols < MIN_COLS;
	return s;
}

void screen_free(struct screen *s)
{
	while (s->depth)
		pop(s);
	keymap_done(&s->global_keys);
	keymap_done(&s->edit_keys);
	keymap_done(&s->picker_keys);
	for (int i = 0; i < MAX_REGISTERED && ui_views[i]; i++)
		keymap_done(&s->view_keys[i]);
	free(s->message);
	for (int i = 0; i < s->nhistory; i++)
		free(s->history[i]);
	free(s->conn_problem);
	free(s);
}

/* The clock moved: the top view's tick when it is due (every
 * ui.refresh_ms, or earlier when the view asked for an instant). */
static void tick(struct screen *s)
{
	struct view *v = top(s);
	long long now = now_ms();
	int refresh = s->app->cfg.refresh_ms > 0 ? s->app->cfg.refresh_ms : 1000;

	if (now < s->next_tick)
		return;
	long long wake = now + refresh;
	if (v && v->ops->tick && !s->too_small && !s->prompting && !s->picking) {
		int doing = s->doing;   /* a refresh, not what the last key did */
		s->doing = ACT_NONE;
		apply(s, v, v->ops->tick(v, &wake));
		s->doing = doing;
	}
	s->next_tick = wake > now ? wake : now + 1;
}

/* A mouse event (ui.mouse) goes to the top view, like a key (it clears
 * the message); never to a prompt, a choice list or a form's text. A
 * view without a mouse op scrolls with the wheel through its actions. */
static void mouse_in(struct screen *s)
{
	struct mouse_event m;
	struct view *v = top(s);

	if (!mouse_read(s->app->cfg.mouse, &m) || !v || s->too_small || s->prompting || s->picking)
		return;
	if (s->message) {
		free(s->message);
		s->message = NULL;
		s->chrome_dirty = true;
	}
	if (v->ops->mouse) {
		apply(s, v, v->ops->mouse(v, &m));
	} else if ((m.kind == MOUSE_WHEEL_UP || m.kind == MOUSE_WHEEL_DOWN) && !v->ops->text_input &&
		   v->ops->action) {
		for (int i = 0; i < 3; i++)
			apply(s, v, v->ops->action(v, m.kind == MOUSE_WHEEL_UP ? ACT_UP : ACT_DOWN));
	}
}

/* Reads every key waiting (non-blocking). */
static void read_keys(struct screen *s)
{
	int key;

	while (!s->quit && input_key(&key)) {
		if (key == KEY_FN(KEY_RESIZE))
			resize(s);
		else if (key == KEY_FN(KEY_MOUSE)) {
			s->in_key++;   /* a click's statements are its own, as a key's */
			mouse_in(s);
			s->in_key--;
		}
		else if (holding_keys(s))
			connecting_key(s, key);
		else
			handle_key(s, key);
		/* the keys typed while its statements ran come before any
		 * key read after them */
		busy_done(s);
	}
	/* said once the burst is handled: each key clears the line */
	char bytes[24];
	int bad = input_invalid(bytes, sizeof(bytes));
	if (bad) {
		screen_error_msg(s, ngettext("%d invalid UTF-8 sequence (bytes %s) replaced by U+FFFD",
					     "%d invalid UTF-8 sequences (the first: bytes %s) replaced by U+FFFD",
					     (unsigned long)bad),
				 bad, bytes);
		/* a prompt has the status line: said above it */
		if (s->prompting)
			prompt_note(&s->prompt, s->message);
		else if (s->picking)
			prompt_note(&s->picker.prompt, s->message);
	}
}

/* Every key waiting was handled: each view does what it put off while
 * they came (ops->settle), once for the whole burst. */
static void settle(struct screen *s)
{
	for (int i = 0; i < s->depth; i++)
		if (s->stack[i]->ops->settle)
			s->stack[i]->ops->settle(s->stack[i]);
}

int screen_run(struct screen *s, volatile sig_atomic_t *signal_flag,
	       volatile sig_atomic_t *suspend_flag)
{
	/* the first connection: the TUI starts at once and keeps answering
	 * while it connects (or fails to) */
	s->signal_flag = signal_flag;
	s->suspend_flag = suspend_flag;
	begin_connect(s);
	screen_open(s, ui_views[0]->name, NULL);

	while (!s->quit && !*signal_flag) {
		settle(s);
		paint(s);
		struct pollfd fds[2] = { { .fd = STDIN_FILENO, .events = POLLIN } };
		int nfds = 1;
		int sock = s->connected ? live_socket(s->db)
			   : s->connecting ? live_connect_socket(s->db) : -1;
		if (sock >= 0) {
			fds[1].fd = sock;
			fds[1].events = !s->connecting ? POLLIN
					: s->connect_dir == LIVE_POLL_READ ? POLLIN : POLLOUT;
			nfds = 2;
		}
		tick(s);
		paint(s);
		long long timeout = s->next_tick - now_ms();
		if (timeout < 0)
			timeout = 0;
		if (!s->connected) {
			long long until = (s->connecting ? s->connect_deadline : s->next_retry) - now_ms();
			if (until < timeout)
				timeout = until > 0 ? until : 0;
		}
		int n = poll(fds, (nfds_t)nfds, (int)timeout);
		int poll_errno = errno;
		if (*signal_flag)
			break;
		if (*suspend_flag)
			suspend(s);
		if (n < 0 && poll_errno != EINTR)
			break;
		/* keys (and KEY_RESIZE after SIGWINCH interrupted the poll) */
		read_keys(s);
		busy_done(s);
		if (s->quit)
			break;
		if (s->connecting)
			connect_step(s, n > 0 && nfds == 2 && fds[1].revents != 0);
		if (s->connected && live_take_reopened(s->db))
			reopened(s);
		/* also when the socket was quiet: notifications that arrived
		 * during a query wait in libpq's queue */
		if (s->connected)
			drain(s);
		if (s->connected && !live_connected(s->db))
			screen_connection_lost(s, NULL);
		if (!s->connected && !s->connecting && now_ms() >= s->next_retry)
			begin_connect(s);
		busy_done(s);
	}
	/* the keys handled last (before a quit or a hangup) */
	settle(s);
	return 0;
}
