/* The curses-free field editor (see lineedit.h). */
#include "util/lineedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "util/xalloc.h"

void le_init(struct lineedit *le, bool multiline)
{
	sb_init(&le->text);
	le->cursor = 0;
	le->kill = NULL;
	le->multiline = multiline;
	le->last_kill = false;
}

void le_done(struct lineedit *le)
{
	sb_done(&le->text);
	free(le->kill);
	le->kill = NULL;
}

const char *le_text(const struct lineedit *le)
{
	return le->text.buf;
}

size_t le_len(const struct lineedit *le)
{
	return le->text.len;
}

static uint32_t cp_at(const struct lineedit *le, size_t pos, size_t *len)
{
	uint32_t cp;
	*len = utf8_decode(le->text.buf + pos, le->text.len - pos, &cp);
	return cp;
}

/* Start of the code point that ends at pos. */
static size_t prev_cp(const struct lineedit *le, size_t pos)
{
	size_t p = pos;
	if (p == 0)
		return 0;
	p--;
	/* step over continuation bytes, at most 3, if they form one sequence */
	for (size_t back = 0; back < 3 && p > 0 && ((unsigned char)le->text.buf[p] & 0xC0) == 0x80; back++)
		p--;
	size_t len;
	cp_at(le, p, &len);
	return p + len == pos ? p : pos - 1;
}

static bool zero_width(uint32_t cp)
{
	return cp != TEXT_INVALID && cp >= 0x300 && text_cp_width(cp) == 0 && !text_is_unsafe(cp);
}

/* Next character boundary: one code point plus the combining marks after it. */
static size_t next_char(const struct lineedit *le, size_t pos)
{
	size_t len;
	if (pos >= le->text.len)
		return le->text.len;
	cp_at(le, pos, &len);
	pos += len;
	while (pos < le->text.len && zero_width(cp_at(le, pos, &len)))
		pos += len;
	return pos;
}

static size_t prev_char(const struct lineedit *le, size_t pos)
{
	size_t len;
	while (pos > 0) {
		pos = prev_cp(le, pos);
		if (pos == 0 || !zero_width(cp_at(le, pos, &len)))
			break;
	}
	return pos;
}

static size_t line_start(const struct lineedit *le, size_t pos)
{
	while (pos > 0 && le->text.buf[pos - 1] != '\n')
		pos--;
	return pos;
}

static size_t line_end(const struct lineedit *le, size_t pos)
{
	while (pos < le->text.len && le->text.buf[pos] != '\n')
		pos++;
	return pos;
}

static bool blank_at(const struct lineedit *le, size_t pos)
{
	char c = le->text.buf[pos];
	return c == ' ' || c == '\t' || c == '\n';
}

/* Replaces text[from, to) with ins[0, n) in place (typing or pasting at
 * the end of a long text costs the size of the insertion only). `ins`
 * must not point into the text. */
static void splice(struct lineedit *le, size_t from, size_t to, const char *ins, size_t n)
{
	size_t tail = le->text.len - to, len = from + n + tail;

	if (len > le->text.len)
		sb_addn(&le->text, ins, len - le->text.len);   /* room; overwritten below */
	memmove(le->text.buf + from + n, le->text.buf + to, tail);
	memcpy(le->text.buf + from, ins, n);
	le->text.len = len;
	le->text.buf[len] = '\0';
}

/* Removes [from, to) into the kill buffer; `backward` kills prepend when
 * they follow another kill, forward ones append (as readline does). */
static enum le_result kill_range(struct lineedit *le, size_t from, size_t to, bool backward)
{
	if (from >= to)
		return LE_NONE;
	struct strbuf k;
	sb_init(&k);
	const char *old = le->last_kill && le->kill ? le->kill : "";
	if (backward) {
		sb_addn(&k, le->text.buf + from, to - from);
		sb_add(&k, old);
	} else {
		sb_add(&k, old);
		sb_addn(&k, le->text.buf + from, to - from);
	}
	free(le->kill);
	le->kill = sb_detach(&k);
	sb_done(&k);
	splice(le, from, to, "", 0);
	le->cursor = from;
	le->last_kill = true;
	return LE_CHANGED;
}

/* Bytes that were invalid on their own can join into one character when
 * text is inserted or removed next to them: move the cursor forward to the
 * next character boundary so it never sits inside a character. */
static void snap_cursor(struct lineedit *le)
{
	size_t pos = line_start(le, le->cursor), len;
	while (pos < le->cursor) {
		cp_at(le, pos, &len);
		pos += len;
	}
	le->cursor = pos;
}

enum le_result le_insert(struct lineedit *le, const char *s, size_t n)
{
	le->last_kill = false;
	if (n == 0)
		return LE_NONE;
	/* whole characters cannot join with the bytes around them (a typed
	 * or pasted character, one at a time): the cursor stays on a
	 * boundary without walking the line (NUL and line breaks are
	 * replaced by whole characters below) */
	bool whole = utf8_valid(s, n) && ((unsigned char)s[0] & 0xC0) != 0x80;
	if (!memchr(s, '\0', n) && (le->multiline || !memchr(s, '\n', n))) {
		splice(le, le->cursor, le->cursor, s, n);
	} else {
		/* a NUL byte (a damaged draft, a paste) would cut the text
		 * wherever it is read as a C string: shown as U+2400 SYMBOL
		 * FOR NULL instead, for the user to see and delete */
		struct strbuf copy;
		sb_init(&copy);
		for (size_t i = 0; i < n; i++) {
			if (s[i] == '\0')
				sb_add(&copy, "\xe2\x90\x80");
			else if (!le->multiline && (s[i] == '\n' || s[i] == '\r'))
				sb_addc(&copy, ' ');
			else
				sb_addc(&copy, s[i]);
		}
		n = copy.len;
		splice(le, le->cursor, le->cursor, copy.buf, n);
		sb_done(&copy);
	}
	le->cursor += n;
	if (!whole)
		snap_cursor(le);
	return LE_CHANGED;
}

void le_set(struct lineedit *le, const char *s, size_t n)
{
	sb_reset(&le->text);
	le->cursor = 0;
	le_insert(le, s, n);
}

/* Display cells of text[from, to) as text_sanitize would show it. */
static int cells(const struct lineedit *le, size_t from, size_t to)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, le->text.buf + from, to - from, 0);
	int w = text_width(sb.buf);
	sb_done(&sb);
	return w;
}

/* Position in the line starting at `start` closest to `col` cells. */
static size_t pos_at_column(const struct lineedit *le, size_t start, int col)
{
	size_t end = line_end(le, start), pos = start;
	int w = 0;
	while (pos < end) {
		size_t next = next_char(le, pos);
		w += cells(le, pos, next);
		if (w > col)
			break;
		pos = next;
	}
	return pos;
}

size_t le_offset_for_cells(const struct lineedit *le, size_t start, int want)
{
	size_t end = line_end(le, start), pos = start;
	int w = 0;
	while (pos < end && w < want) {
		size_t next = next_char(le, pos);
		w += cells(le, pos, next);
		pos = next;
	}
	return pos;
}

static enum le_result move_to(struct lineedit *le, size_t pos)
{
	if (pos == le->cursor)
		return LE_NONE;
	le->cursor = pos;
	return LE_MOVED;
}

static enum le_result vertical(struct lineedit *le, bool up)
{
	size_t start = line_start(le, le->cursor);
	int col = cells(le, start, le->cursor);
	if (up) {
		if (start == 0)
			return LE_NONE;
		return move_to(le, pos_at_column(le, line_start(le, start - 1), col));
	}
	size_t end = line_end(le, le->cursor);
	if (end >= le->text.len)
		return LE_NONE;
	return move_to(le, pos_at_column(le, end + 1, col));
}

static enum le_result apply_op(struct lineedit *le, enum le_op op)
{
	size_t c = le->cursor, p;
	bool killing = op == LE_KILL_TO_START || op == LE_KILL_TO_END || op == LE_KILL_WORD;

	if (!killing)
		le->last_kill = false;
	switch (op) {
	case LE_LEFT:
		return move_to(le, prev_char(le, c));
	case LE_RIGHT:
		return move_to(le, next_char(le, c));
	case LE_WORD_LEFT:
		p = c;
		while (p > 0 && blank_at(le, p - 1))
			p--;
		while (p > 0 && !blank_at(le, p - 1))
			p--;
		return move_to(le, p);
	case LE_WORD_RIGHT:
		p = c;
		while (p < le->text.len && blank_at(le, p))
			p++;
		while (p < le->text.len && !blank_at(le, p))
			p++;
		return move_to(le, p);
	case LE_HOME:
		return move_to(le, le->multiline ? line_start(le, c) : 0);
	case LE_END:
		return move_to(le, le->multiline ? line_end(le, c) : le->text.len);
	case LE_UP:
	case LE_DOWN:
		return le->multiline ? vertical(le, op == LE_UP) : LE_NONE;
	case LE_BACKSPACE:
		p = prev_char(le, c);
		if (p == c)
			return LE_NONE;
		splice(le, p, c, "", 0);
		le->cursor = p;
		return LE_CHANGED;
	case LE_DELETE:
		p = next_char(le, c);
		if (p == c)
			return LE_NONE;
		splice(le, c, p, "", 0);
		return LE_CHANGED;
	case LE_KILL_TO_START:
		return kill_range(le, le->multiline ? line_start(le, c) : 0, c, true);
	case LE_KILL_TO_END:
		p = le->multiline ? line_end(le, c) : le->text.len;
		if (p == c && p < le->text.len)
			p++; /* at the end of a line: join the next one */
		return kill_range(le, c, p, false);
	case LE_KILL_WORD:
		p = c;
		while (p > 0 && blank_at(le, p - 1))
			p--;
		while (p > 0 && !blank_at(le, p - 1))
			p--;
		return kill_range(le, p, c, true);
	case LE_YANK:
		if (!le->kill || !*le->kill)
			return LE_NONE;
		return le_insert(le, le->kill, strlen(le->kill));
	case LE_NEWLINE:
		if (!le->multiline)
			return LE_NONE;
		return le_insert(le, "\n", 1);
	}
	return LE_NONE;
}

enum le_result le_apply(struct lineedit *le, enum le_op op)
{
	enum le_result r = apply_op(le, op);
	if (r == LE_CHANGED)
		snap_cursor(le);
	return r;
}

int le_op_for_control(int c)
{
	switch (c) {
	case 1: return LE_HOME;           /* Ctrl-A */
	case 2: return LE_LEFT;           /* Ctrl-B */
	case 4: return LE_DELETE;         /* Ctrl-D */
	case 5: return LE_END;            /* Ctrl-E */
	case 6: return LE_RIGHT;          /* Ctrl-F */
	case 8: return LE_BACKSPACE;      /* Ctrl-H */
	case 11: return LE_KILL_TO_END;   /* Ctrl-K */
	case 14: return LE_DOWN;          /* Ctrl-N */
	case 16: return LE_UP;            /* Ctrl-P */
	case 21: return LE_KILL_TO_START; /* Ctrl-U */
	case 23: return LE_KILL_WORD;     /* Ctrl-W */
	case 25: return LE_YANK;          /* Ctrl-Y */
	case 127: return LE_BACKSPACE;    /* DEL as sent by most terminals */
	default: return -1;
	}
}

size_t le_cursor_row(const struct lineedit *le)
{
	size_t row = 0;
	for (size_t i = 0; i < le->cursor; i++)
		if (le->text.buf[i] == '\n')
			row++;
	return row;
}

int le_cursor_column(const struct lineedit *le)
{
	return cells(le, line_start(le, le->cursor), le->cursor);
}

size_t le_lines(const struct lineedit *le)
{
	size_t n = 1;
	for (size_t i = 0; i < le->text.len; i++)
		if (le->text.buf[i] == '\n')
			n++;
	return n;
}

bool le_line(const struct lineedit *le, size_t row, size_t *start, size_t *end)
{
	size_t pos = 0;
	for (size_t r = 0; r < row; r++) {
		pos = line_end(le, pos);
		if (pos >= le->text.len)
			return false;
		pos++;
	}
	*start = pos;
	*end = line_end(le, pos);
	return true;
}

size_t le_chars(const struct lineedit *le)
{
	return utf8_length(le->text.buf, le->text.len);
}
