/* The field editor behind every text field of a form, without curses: a
 * UTF-8 buffer with a cursor that moves by character (a base character and
 * the combining marks after it), readline editing (Ctrl-A/E/B/F/U/K/W/Y,
 * Backspace/Delete, Home/End, word moves) with a kill buffer, and lines for
 * multi-line fields. The view draws le_text() through text_sanitize() and
 * places the cursor with le_cursor_row()/le_cursor_column(). */
#ifndef TICKETTY_UTIL_LINEEDIT_H
#define TICKETTY_UTIL_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

enum le_op {
	LE_LEFT, LE_RIGHT,             /* one character (Ctrl-B / Ctrl-F, arrows) */
	LE_WORD_LEFT, LE_WORD_RIGHT,   /* Alt-B / Alt-F */
	LE_HOME, LE_END,               /* start/end of the line (Ctrl-A / Ctrl-E) */
	LE_UP, LE_DOWN,                /* previous/next line, same column (multi-line) */
	LE_BACKSPACE, LE_DELETE,       /* the character before / under the cursor */
	LE_KILL_TO_START,              /* Ctrl-U: line start .. cursor */
	LE_KILL_TO_END,                /* Ctrl-K: cursor .. line end (the line break at its end) */
	LE_KILL_WORD,                  /* Ctrl-W: the blank-delimited word before the cursor */
	LE_YANK,                       /* Ctrl-Y: insert the kill buffer */
	LE_NEWLINE,                    /* a line break (multi-line only) */
};

enum le_result {
	LE_NONE = 0,     /* nothing happened (e.g. Left at the start) */
	LE_MOVED = 1,    /* only the cursor moved */
	LE_CHANGED = 2,  /* the text changed */
};

struct lineedit {
	struct strbuf text;  /* owned, UTF-8 as typed (invalid bytes are kept) */
	size_t cursor;       /* byte offset on a character boundary */
	char *kill;          /* owned kill buffer, NULL when empty */
	bool multiline;
	bool last_kill;      /* the previous operation killed: the next kill appends */
};

void le_init(struct lineedit *le, bool multiline);
void le_done(struct lineedit *le);
/* Replaces the text (cursor at its end). A single-line editor turns line
 * breaks into blanks; a NUL byte becomes a visible U+2400 (as le_insert). */
void le_set(struct lineedit *le, const char *s, size_t n);
const char *le_text(const struct lineedit *le);
size_t le_len(const struct lineedit *le);

/* Inserts text at the cursor (typed characters or a paste). A NUL byte
 * is inserted as U+2400 SYMBOL FOR NULL, visible and deletable, so the
 * text is never cut where it is read as a C string. */
enum le_result le_insert(struct lineedit *le, const char *s, size_t n);
enum le_result le_apply(struct lineedit *le, enum le_op op);
/* The operation bound to a control character (1 = Ctrl-A ... 26), or -1. */
int le_op_for_control(int c);

/* Cursor position for drawing: line index (0-based) and display cells
 * between the start of that line and the cursor (as text_sanitize shows it). */
size_t le_cursor_row(const struct lineedit *le);
int le_cursor_column(const struct lineedit *le);
/* Number of lines (1 for an empty text). */
size_t le_lines(const struct lineedit *le);
/* Byte range [*start, *end) of line `row` (end excludes the '\n'). */
bool le_line(const struct lineedit *le, size_t row, size_t *start, size_t *end);
/* The first character boundary at or after `start` (within its line)
 * where at least `cells` display cells lie between start and it: where to
 * begin drawing a line scrolled sideways. */
size_t le_offset_for_cells(const struct lineedit *le, size_t start, int cells);
/* Characters (code points) in the text. */
size_t le_chars(const struct lineedit *le);

#endif
