/* The one-line input (see ui/widgets/prompt.h). */
#include "ui/widgets/prompt.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/view.h"
#include "util/text.h"
#include "util/xalloc.h"

void prompt_init(struct prompt *p, const char *label, const char *initial)
{
	p->label = xstrdup(label ? label : "");
	sb_init(&p->text);
	if (initial)
		sb_add(&p->text, initial);
	p->cursor = p->text.len;
}

void prompt_done(struct prompt *p)
{
	free(p->label);
	sb_done(&p->text);
}

static size_t next_char(const struct prompt *p, size_t at)
{
	uint32_t cp;
	if (at >= p->text.len)
		return p->text.len;
	at += utf8_decode(p->text.buf + at, p->text.len - at, &cp);
	/* keep combining marks with their base */
	while (at < p->text.len) {
		size_t n = utf8_decode(p->text.buf + at, p->text.len - at, &cp);
		if (cp == TEXT_INVALID || text_cp_width(cp) != 0 || text_is_unsafe(cp))
			break;
		at += n;
	}
	return at;
}

static size_t prev_char(const struct prompt *p, size_t at)
{
	size_t pos = 0, last = 0;
	while (pos < at) {
		last = pos;
		pos = next_char(p, pos);
	}
	return last;
}

static void delete_range(struct prompt *p, size_t from, size_t to)
{
	memmove(p->text.buf + from, p->text.buf + to, p->text.len - to + 1);
	p->text.len -= to - from;
	p->cursor = from;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

enum prompt_result prompt_key(struct prompt *p, int key)
{
	switch (key) {
	case '\n':
	case '\r':
	case KEY_FN(KEY_ENTER):
		return PROMPT_ACCEPT;
	case KEY_ESCAPE:
	case KEY_CTRL('g'):
		return PROMPT_CANCEL;
	case KEY_CTRL('a'):
	case KEY_FN(KEY_HOME):
		p->cursor = 0;
		break;
	case KEY_CTRL('e'):
	case KEY_FN(KEY_END):
		p->cursor = p->text.len;
		break;
	case KEY_CTRL('b'):
	case KEY_FN(KEY_LEFT):
		p->cursor = prev_char(p, p->cursor);
		break;
	case KEY_CTRL('f'):
	case KEY_FN(KEY_RIGHT):
		p->cursor = next_char(p, p->cursor);
		break;
	case KEY_CTRL('u'):
		delete_range(p, 0, p->cursor);
		break;
	case KEY_CTRL('k'):
		sb_truncate(&p->text, p->cursor);
		break;
	case KEY_CTRL('w'): {
		size_t at = p->cursor;
		while (at > 0 && is_space(p->text.buf[at - 1]))
			at--;
		while (at > 0 && !is_space(p->text.buf[at - 1]))
			at--;
		delete_range(p, at, p->cursor);
		break;
	}
	case KEY_CTRL('h'):
	case 127:
	case KEY_FN(KEY_BACKSPACE):
		if (p->cursor > 0)
			delete_range(p, prev_char(p, p->cursor), p->cursor);
		break;
	case KEY_CTRL('d'):
	case KEY_FN(KEY_DC):
		if (p->cursor < p->text.len)
			delete_range(p, p->cursor, next_char(p, p->cursor));
		break;
	default:
		if (!KEY_IS_FN(key) && key >= 32 && !text_is_unsafe((uint32_t)key)) {
			struct strbuf enc;
			sb_init(&enc);
			utf8_encode(&enc, (uint32_t)key);
			size_t tail = p->text.len - p->cursor;
			sb_addn(&p->text, enc.buf, enc.len); /* grow, then shift */
			memmove(p->text.buf + p->cursor + enc.len, p->text.buf + p->cursor, tail);
			memcpy(p->text.buf + p->cursor, enc.buf, enc.len);
			p->cursor += enc.len;
			sb_done(&enc);
		}
		break;
	}
	return PROMPT_EDITING;
}

int prompt_draw(const struct prompt *p, int y, int x, int width)
{
	int used = draw_text_part(y, x, width, p->label, STYLE_NORMAL);
	int avail = width - used;
	struct strbuf before;

	if (avail <= 1) {
		return x + used;
	}
	/* scroll so the cursor stays visible: show the tail before it */
	sb_init(&before);
	text_sanitize(&before, p->text.buf, p->cursor, draw_text_flags());
	int cw = text_width(before.buf);
	size_t start = 0;
	while (cw > avail - 1 && start < p->cursor) {
		size_t nx = next_char(p, start);
		sb_reset(&before);
		text_sanitize(&before, p->text.buf + nx, p->cursor - nx, draw_text_flags());
		cw = text_width(before.buf);
		start = nx;
	}
	draw_text(y, x + used, avail, p->text.buf + start, STYLE_NORMAL);
	sb_done(&before);
	return x + used + cw;
}
