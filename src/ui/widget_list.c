/* The one list widget: cursor, scrolling and mouse arithmetic (see
 * ui/widgets/list.h). */
#include "ui/widgets/list.h"

#include <stdlib.h>
#include <string.h>

#include "ui/view.h"
#include "util/xalloc.h"

void list_init(struct list *l)
{
	memset(l, 0, sizeof(*l));
	l->sel = -1;
	l->height = 1;
	l->per = 1;
}

void list_done(struct list *l)
{
	free(l->line);
	l->line = NULL;
}

int list_item_line(const struct list *l, int item)
{
	return l->line ? l->line[item] : item * l->per;
}

int list_line_item(const struct list *l, int line)
{
	if (line < 0 || line >= l->nlines)
		return -1;
	if (!l->line)
		return line / l->per;
	/* the last item starting at or before the line, when the line is in it */
	int lo = 0, hi = l->n - 1, found = -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (l->line[mid] <= line) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	return found >= 0 && line < l->line[found] + l->per ? found : -1;
}

/* Keeps sel a valid item and the selected item's block (with the lines
 * just before it that are no item: its header) on screen, and the view
 * within the lines. */
static void clamp(struct list *l)
{
	if (l->height < 1)
		l->height = 1;
	if (l->n <= 0) {
		l->sel = -1;
		l->top = 0;
		return;
	}
	if (l->sel < 0)
		l->sel = 0;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	int first = list_item_line(l, l->sel);
	int block = l->sel > 0 ? list_item_line(l, l->sel - 1) + l->per : 0;
	if (first - block >= l->height)
		block = first;   /* a screen too small for the header too */
	if (l->top > block)
		l->top = block;
	if (first + l->per > l->top + l->height)
		l->top = first + l->per - l->height;
	if (l->top > l->nlines - l->height)
		l->top = l->nlines - l->height;
	if (l->top < 0)
		l->top = 0;
	/* several lines per item: the view starts at an item */
	if (!l->line && l->per > 1)
		l->top = (l->top + l->per - 1) / l->per * l->per;
}

void list_set(struct list *l, int n, int height)
{
	list_done(l);
	l->n = n > 0 ? n : 0;
	l->nlines = l->n * l->per;
	l->height = height;
	clamp(l);
}

void list_resize(struct list *l, int height)
{
	l->height = height;
	clamp(l);
}

void list_set_per(struct list *l, int per)
{
	l->per = per > 0 ? per : 1;
	if (!l->line)
		l->nlines = l->n * l->per;
	clamp(l);
}

void list_set_lines(struct list *l, int n, const int *item_line, int nlines)
{
	list_done(l);
	l->n = n > 0 ? n : 0;
	l->per = 1;
	l->nlines = nlines;
	if (l->n) {
		l->line = xcalloc((size_t)l->n, sizeof(*l->line));
		memcpy(l->line, item_line, (size_t)l->n * sizeof(*l->line));
	}
	clamp(l);
}

void list_select(struct list *l, int item)
{
	l->sel = item;
	clamp(l);
}

long long list_selected_id(const struct list *l, list_id_fn id, const void *rows)
{
	return l->sel >= 0 && l->sel < l->n ? id(rows, l->sel) : 0;
}

void list_reselect(struct list *l, long long keep, list_id_fn id, const void *rows)
{
	int sel = l->sel;
	for (int i = 0; keep && i < l->n; i++)
		if (id(rows, i) == keep) {
			sel = i;
			break;
		}
	list_select(l, sel);
}

bool list_action(struct list *l, int action)
{
	int page = l->height / l->per > 0 ? l->height / l->per : 1;

	switch (action) {
	case ACT_UP:
		l->sel--;
		break;
	case ACT_DOWN:
		l->sel++;
		break;
	case ACT_PAGE_DOWN:
		l->sel += page;
		l->top += l->height;
		break;
	case ACT_PAGE_UP:
		l->sel -= page;
		l->top -= l->height;
		break;
	case ACT_FIRST:
		l->sel = 0;
		break;
	case ACT_LAST:
		l->sel = l->n - 1;
		break;
	default:
		return false;
	}
	if (l->sel < 0 && l->n > 0)
		l->sel = 0;
	if (l->top < 0)
		l->top = 0;
	clamp(l);
	return true;
}

bool list_scroll(struct list *l, int lines)
{
	int top = l->top, sel = l->sel;
	int max = l->nlines - l->height > 0 ? l->nlines - l->height : 0;

	if (l->n <= 0)
		return false;
	if (!l->line && l->per > 1)   /* whole items */
		lines = (lines / l->per ? lines / l->per : lines > 0 ? 1 : -1) * l->per;
	l->top += lines;
	if (l->top > max)
		l->top = max;
	if (l->top < 0)
		l->top = 0;
	/* the cursor comes along to the nearest item on screen */
	int first = list_item_line(l, l->sel);
	if (first < l->top) {
		while (l->sel < l->n - 1 && list_item_line(l, l->sel) < l->top)
			l->sel++;
	} else if (first + l->per > l->top + l->height) {
		while (l->sel > 0 && list_item_line(l, l->sel) + l->per > l->top + l->height)
			l->sel--;
	}
	/* keep the scrolled view: clamp only moves it to show the cursor */
	int want = l->top;
	clamp(l);
	if (l->top != want && list_item_line(l, l->sel) >= want &&
	    list_item_line(l, l->sel) + l->per <= want + l->height)
		l->top = want;
	return l->top != top || l->sel != sel;
}

enum style list_style(const struct list *l, int item, enum style normal)
{
	return item >= 0 && item == l->sel ? STYLE_SELECTED : normal;
}

void list_place(struct list *l, int y)
{
	l->y = y;
}

int list_hit(const struct list *l, int y)
{
	int row = y - l->y;
	if (row < 0 || row >= l->height)
		return -1;
	return list_line_item(l, l->top + row);
}

enum list_mouse list_mouse(struct list *l, const struct mouse_event *m)
{
	int item, sel = l->sel;

	switch (m->kind) {
	case MOUSE_WHEEL_UP:
		return list_scroll(l, -LIST_WHEEL_LINES) ? LIST_MOUSE_MOVED : LIST_MOUSE_NONE;
	case MOUSE_WHEEL_DOWN:
		return list_scroll(l, LIST_WHEEL_LINES) ? LIST_MOUSE_MOVED : LIST_MOUSE_NONE;
	case MOUSE_CLICK:
	case MOUSE_DOUBLE:
		item = list_hit(l, m->y);
		if (item < 0)
			return LIST_MOUSE_NONE;
		l->sel = item;   /* on screen already: the view stays */
		if (m->kind == MOUSE_DOUBLE)
			return LIST_MOUSE_OPEN;
		return item != sel ? LIST_MOUSE_MOVED : LIST_MOUSE_NONE;
	}
	return LIST_MOUSE_NONE;
}

unsigned list_view_mouse(struct list *l, struct view *v, const struct mouse_event *m)
{
	switch (list_mouse(l, m)) {
	case LIST_MOUSE_OPEN:
		return v->ops->action(v, ACT_OPEN);
	case LIST_MOUSE_MOVED:
		return VR_HANDLED | VR_REDRAW;
	default:
		return VR_HANDLED;
	}
}
