/* The screen manager as views see it: the view stack, status messages,
 * the one-line prompt, the command line, running $EDITOR with curses
 * suspended, and access to the app and the database connection. */
#ifndef TICKETTY_UI_SCREEN_H
#define TICKETTY_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "ui/view.h"
#include "ui/widgets/prompt.h"
#include "util/error.h"

struct screen;

struct app *screen_app(struct screen *s);
/* The database connection, or NULL while disconnected (the status line
 * then shows a banner and the loop keeps retrying). */
struct db *screen_db(struct screen *s);
/* Reports that an operation found the connection gone (err->code 69):
 * starts the reconnect cycle. */
void screen_connection_lost(struct screen *s, const struct tt_error *err);

/* Status line messages (printf-style, already translated by the caller);
 * they stay until the next key press. */
void screen_message(struct screen *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void screen_error_msg(struct screen *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Shows an error (message and refused fields); a lost connection also
 * starts reconnecting. */
void screen_error(struct screen *s, const struct tt_error *err);
/* Says that a text the user wrote was kept when its change did not go:
 * first why (NULL: not connected, try again later), so the reason reads
 * on an 80-column status line, then that nothing is lost and the key of
 * `action` in view v that sends it again. */
void screen_text_kept(struct screen *s, const struct view *v, int action, const char *why);

/* Number of unread notifications for the status line (hook for the
 * notifications outbox; hidden when 0). */
void screen_set_unread(struct screen *s, int count);

/* The messages and errors shown in the status line, newest first (i = 0),
 * the last SCREEN_HISTORY of them, in full (`:messages`); NULL past the end.
 * *error (when not NULL) says whether it was an error. Owned by the screen. */
#define SCREEN_HISTORY 50
const char *screen_history(struct screen *s, int i, bool *error);

/* Opens a registered view on top of the stack (VR flags); when no view of
 * that name is registered the status line says so. */
unsigned screen_open(struct screen *s, const char *name, const char *arg);
bool screen_has_view(const char *name);
/* The view on top of the stack (NULL when none). */
struct view *screen_top(struct screen *s);
/* Asks for the top view's tick (view_ops.tick) no later than `at_ms`
 * (monotonic ms, util/monotime.h), even before ui.refresh_ms is up. */
void screen_wake_at(struct screen *s, long long at_ms);

/* A one-line prompt in the status line with readline keys (C-a C-e C-b
 * C-f C-u C-k C-w, arrows, Home/End, Backspace/Delete). Enter calls
 * done(v, text, arg); Esc or C-g calls done(v, NULL, arg). The handler's
 * VR flags apply to v. `initial` may be NULL. */
typedef unsigned (*prompt_done_fn)(struct view *v, const char *text, void *arg);
void screen_prompt(struct screen *s, struct view *v, const char *label, const char *initial,
		   prompt_done_fn done, void *arg);
/* A yes/no question in the status line: one key answers, nothing is
 * typed. y or Y (or the language's letter for yes, s in Spanish: msgctxt
 * "answer") calls done(v, "y", arg), n or N done(v, "n", arg), Enter the
 * default (`yes_default`), Esc or C-g (the edit table's cancel) done(v,
 * NULL, arg); any other key is ignored and the question stays. */
void screen_ask(struct screen *s, struct view *v, const char *question, bool yes_default,
		prompt_done_fn done, void *arg);
/* screen_ask with no as the default, and a third answer: e (or the
 * language's letter for edit, msgctxt "answer") calls done(v, "e", arg).
 * Asked before a text is mailed: send it, edit it again, or keep it. */
void screen_ask_or_edit(struct screen *s, struct view *v, const char *question, prompt_done_fn done,
			void *arg);
/* True when a screen_ask answer (the text its done gets) is yes. */
bool screen_said_yes(const char *answer);
/* Tab completes the open prompt's text with `complete`: the new text
 * (caller frees) or NULL when nothing can be added. */
void screen_prompt_completes(struct screen *s, prompt_complete_fn complete);

/* A choice list over view v with type-to-filter (ui/widgets/picker.h):
 * Enter calls done(v, key of the choice, arg), Esc done(v, NULL, arg).
 * The items are copied. */
struct pick_item;
void screen_pick(struct screen *s, struct view *v, const char *label,
		 const struct pick_item *items, size_t n, prompt_done_fn done, void *arg);

/* Edits text in $VISUAL/$EDITOR with the terminal handed back to it;
 * returns the new text (caller frees) or NULL with err set. */
char *screen_edit(struct screen *s, const char *initial, struct tt_error *err);

/* The text-editing action (ACT_EDIT_*, ACT_ACCEPT, ACT_CANCEL) bound to
 * key in the edit table (defaults ui/keys.h keys_edit, overridden by
 * keys.edit.<action>), ACT_NONE: for form fields, with keys_edit_op(). */
int screen_edit_action(struct screen *s, int key);
/* Runs a program (argv, no shell) with the terminal handed to it, curses
 * suspended until it returns; 0 and its exit status, or an exit code with
 * err set when it could not be started. */
int screen_run_program(struct screen *s, const char *const argv[], int *status, struct tt_error *err);

/* The key name bound to an action in a view ("?" etc.), "" when none. */
const char *screen_key_for(struct screen *s, const struct view *v, int action);

/* The key tables in effect for a view (defaults, overridden by
 * keys.<view>.<action> from the config); for the help view. */
void screen_bindings(struct screen *s, const struct view_ops *ops,
		     void (*fn)(void *arg, int key, int action, bool global), void *arg);
/* The description of an action in a view (its own table, then global). */
const struct action_info *screen_action_info(const struct view_ops *ops, int action);

#endif
