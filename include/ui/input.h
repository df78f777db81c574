/* Keys from the terminal, with bracketed paste: where the terminal can
 * (terminfo BE/BD/PS/PE, as xterm and tmux have), it is asked to mark
 * pasted text with ESC [200~ ... ESC [201~, and every character between
 * the marks comes as KEY_PASTED(c): text, never a command, so an ESC, a
 * "q" or an escape sequence inside a paste neither cancels a prompt nor
 * moves anywhere (the prompt inserts it, drawn through text_sanitize;
 * views that take no text ignore it, as any unbound function key). */
#ifndef TICKETTY_UI_INPUT_H
#define TICKETTY_UI_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/view.h"

/* A pasted character (a Unicode code point): a function key no table
 * binds, so only text fields take it. */
#define KEY_PASTED_BIT 0x20000000
#define KEY_PASTED(cp) KEY_FN(KEY_PASTED_BIT | (int)(cp))
#define KEY_IS_PASTED(key) (KEY_IS_FN(key) && ((key) & KEY_PASTED_BIT) != 0)
#define KEY_PASTED_CHAR(key) ((unsigned)(key) & 0x1FFFFFFFu)

/* After curses is set up (keypad on): turns bracketed paste on when the
 * terminal supports it. */
void input_start(void);
/* Turns it off again: before endwin(), for good or while another program
 * (an editor) has the terminal; input_start() after it. */
void input_stop(void);

/* The next key waiting, without blocking: false when none. Keys are as
 * handle_key() takes them: characters, KEY_FN(curses code), KEY_PASTED(c).
 * A paste whose end mark never comes ends after a second without input. */
bool input_key(int *key);

/* Input that was no text in the terminal's encoding (a byte that is no
 * UTF-8: c3 28) came as U+FFFD, typed or pasted, and what followed it
 * as it was: returns how many sequences were replaced since the last
 * call (0: none), and writes the first one's bytes in hex ("C3") to
 * `bytes` (cut at a whole byte where `size` is short). */
int input_invalid(char *bytes, size_t size);

/* A pasted character as a form that takes no paste takes it typed: a
 * line break as Enter, a tab as a blank, another control character as
 * its visible picture (ESC as U+241B), so none of them is a command. */
int input_typed(int key);

#endif
