/* The choice list over a view (see ui/widgets/picker.h): filtering by
 * substring of label, note or key, case and accents ignored (text_fold);
 * the rows are drawn through draw_text, which sanitises them. */
#include "ui/widgets/picker.h"

#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define PICKER_ROWS 10

static void refilter(struct picker *p)
{
	const char *flt = prompt_text(&p->prompt);
	size_t m = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct pick_item *it = &p->items[i];
		if (text_fold_contains(it->label, flt) || text_fold_contains(it->note, flt) ||
		    text_fold_contains(it->key, flt))
			p->shown[m++] = i;
	}
	list_set(&p->list, (int)m, p->list.height > 0 ? p->list.height : PICKER_ROWS);
	if (m && p->list.sel < 0)
		list_select(&p->list, 0);
}

void picker_init(struct picker *p, const char *label, const struct pick_item *items, size_t n)
{
	memset(p, 0, sizeof(*p));
	prompt_init(&p->prompt, label, NULL);
	p->items = xcalloc(n ? n : 1, sizeof(*p->items));
	p->shown = xcalloc(n ? n : 1, sizeof(*p->shown));
	p->n = n;
	for (size_t i = 0; i < n; i++) {
		p->items[i].key = xstrdup(items[i].key ? items[i].key : "");
		p->items[i].label = xstrdup(items[i].label ? items[i].label : "");
		p->items[i].note = items[i].note ? xstrdup(items[i].note) : NULL;
	}
	list_init(&p->list);
	p->list.height = PICKER_ROWS;
	refilter(p);
}

void picker_done(struct picker *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free((char *)p->items[i].key);
		free((char *)p->items[i].label);
		free((char *)p->items[i].note);
	}
	free(p->items);
	free(p->shown);
	prompt_done(&p->prompt);
	memset(p, 0, sizeof(*p));
}

const struct pick_item *picker_choice(const struct picker *p)
{
	if (p->list.n <= 0 || p->list.sel < 0)
		return NULL;
	return &p->items[p->shown[p->list.sel]];
}

enum prompt_result picker_key(struct picker *p, int key)
{
	int move = p->moves ? keymap_lookup(p->moves, key) : keys_lookup(keys_picker, key);
	if (move && list_action(&p->list, move))
		return PROMPT_EDITING;
	enum prompt_result r = prompt_key(&p->prompt, key);
	if (r == PROMPT_ACCEPT && !picker_choice(p))
		return PROMPT_EDITING;
	if (r == PROMPT_EDITING)
		refilter(p);
	return r;
}

int picker_draw(struct picker *p, const struct area *a, int y, int width)
{
	int rows = p->list.n < PICKER_ROWS ? p->list.n : PICKER_ROWS;
	if (rows < 1)
		rows = 1;
	if (rows > a->h - 1)
		rows = a->h - 1 > 0 ? a->h - 1 : 0;
	list_set(&p->list, p->list.n, rows);
	int top = a->y + a->h - rows;
	int labelw = 0;
	bool notes = false;
	for (int i = 0; i < p->list.n; i++) {
		int w = text_width(p->items[p->shown[i]].label);
		if (w > labelw)
			labelw = w;
		notes = notes || (p->items[p->shown[i]].note && *p->items[p->shown[i]].note);
	}
	/* half the width when notes share the row; without them the label
	 * (a long name, "Maximiliana Fernández-Castellanos de la Torre y
	 * Villalobos") has the whole row, so names alike at the start are
	 * told apart by their end */
	if (notes && labelw > a->w / 2)
		labelw = a->w / 2;
	else if (labelw > a->w - 4)
		labelw = a->w - 4 > 0 ? a->w - 4 : 0;
	if (rows > 0)
		draw_blank(top - 1, a->x, a->w, STYLE_HEADER);
	for (int r = 0; r < rows; r++) {
		int i = p->list.top + r;
		if (i >= p->list.n) {
			draw_text(top + r, a->x, a->w, r || p->list.n ? "" : _("  (no choice matches what you typed)"), STYLE_DIM);
			continue;
		}
		const struct pick_item *it = &p->items[p->shown[i]];
		enum style st = list_style(&p->list, i, STYLE_NORMAL);
		draw_text(top + r, a->x, 2, i == p->list.sel ? "> " : "  ", st);
		draw_text(top + r, a->x + 2, labelw + 2, it->label, st);
		int nx = a->x + 4 + labelw;
		if (nx < a->x + a->w)
			draw_text(top + r, nx, a->x + a->w - nx, it->note ? it->note : "",
				  list_style(&p->list, i, STYLE_DIM));
	}
	draw_blank(y, 0, width, STYLE_NORMAL);
	return prompt_draw(&p->prompt, y, 0, width);
}
