/* The one-line input (see ui/widgets/prompt.h): keys to actions through
 * the edit table, the editing itself in util/lineedit.c. */
#include "ui/widgets/prompt.h"

#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/input.h"
#include "ui/view.h"
#include "util/text.h"
#include "util/xalloc.h"

void prompt_init(struct prompt *p, const char *label, const char *initial)
{
	p->label = xstrdup(label ? label : "");
	le_init(&p->le, false);
	if (initial)
		le_set(&p->le, initial, strlen(initial));
	p->keys = NULL;
	p->complete = NULL;
	p->matches = NULL;
}

void prompt_done(struct prompt *p)
{
	free(p->matches);
	p->matches = NULL;
	free(p->label);
	le_done(&p->le);
}

const char *prompt_text(const struct prompt *p)
{
	return le_text(&p->le);
}

enum prompt_result prompt_key(struct prompt *p, int key)
{
	free(p->matches);   /* shown until the next key */
	p->matches = NULL;
	p->matches_error = false;
	if (KEY_IS_PASTED(key)) {
		/* pasted text is text, even an ESC or a line break (a blank
		 * here); drawn through text_sanitize like the rest */
		struct strbuf enc;
		sb_init(&enc);
		utf8_encode(&enc, KEY_PASTED_CHAR(key));
		le_insert(&p->le, enc.buf, enc.len);
		sb_done(&enc);
		return PROMPT_EDITING;
	}
	int action = p->keys ? keymap_lookup(p->keys, key) : keys_lookup(keys_edit, key);
	int op = keys_edit_op(action);

	if (action == ACT_ACCEPT)
		return PROMPT_ACCEPT;
	if (action == ACT_CANCEL)
		return PROMPT_CANCEL;
	if (action == ACT_EDIT_COMPLETE) {
		char *done = p->complete ? p->complete(le_text(&p->le), &p->matches) : NULL;
		if (done)
			le_set(&p->le, done, strlen(done));
		free(done);
		return PROMPT_EDITING;
	}
	if (op >= 0) {
		le_apply(&p->le, (enum le_op)op);
	} else if (!action && !KEY_IS_FN(key) && key >= 32 && key != 127 &&
		   !text_is_unsafe((uint32_t)key)) {
		struct strbuf enc;
		sb_init(&enc);
		utf8_encode(&enc, (uint32_t)key);
		le_insert(&p->le, enc.buf, enc.len);
		sb_done(&enc);
	}
	return PROMPT_EDITING;
}

void prompt_note(struct prompt *p, const char *text)
{
	free(p->matches);
	p->matches = xstrdup(text);
	p->matches_error = true;
}

int prompt_draw(const struct prompt *p, int y, int x, int width)
{
	if (p->matches && y > 0)
		draw_text(y - 1, x, width, p->matches, p->matches_error ? STYLE_ERROR : STYLE_DIM);
	int used = draw_text_part(y, x, width, p->label, STYLE_NORMAL);
	int avail = width - used;

	if (avail <= 1)
		return x + used;
	/* scroll so the cursor stays visible: start late enough that the
	 * text before the cursor fits, leaving a cell for the cursor */
	int cw = le_cursor_column(&p->le);
	size_t start = cw > avail - 1 ? le_offset_for_cells(&p->le, 0, cw - (avail - 1)) : 0;
	struct strbuf before;
	sb_init(&before);
	text_sanitize(&before, le_text(&p->le) + start, p->le.cursor - start, draw_text_flags());
	cw = text_width(before.buf);
	sb_done(&before);
	draw_text(y, x + used, avail, le_text(&p->le) + start, STYLE_NORMAL);
	return x + used + cw;
}
