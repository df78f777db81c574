/* The window of rows on screen and a read-ahead, moved by keyset
 * (ui/keyset_window.h). A move, a reload, the wheel and a clear leave
 * the cursor following the rows on screen (list_set: `sync`). */
#include "ui/keyset_window.h"

#include "ui/view.h"

void keyset_window_init(struct keyset_window *w, const struct keyset_window_ops *ops, void *view,
			void *list, void *spare)
{
	w->ops = ops;
	w->view = view;
	w->list = list;
	w->spare = spare;
	list_init(&w->cur);
	w->height = 1;
	w->at_start = true;
	w->more = false;
}

void keyset_window_done(struct keyset_window *w)
{
	list_done(&w->cur);
}

/* Rows held, on screen and read ahead. */
static int held(const struct keyset_window *w)
{
	return (int)w->ops->rows->count(w->list);
}

int keyset_window_visible(const struct keyset_window *w)
{
	return held(w) < w->height ? held(w) : w->height;
}

int keyset_window_selected(const struct keyset_window *w)
{
	return w->cur.sel >= 0 && w->cur.sel < keyset_window_visible(w) ? w->cur.sel : -1;
}

/* The cursor follows the rows on screen (after every change of them). */
static void sync(struct keyset_window *w)
{
	list_set(&w->cur, keyset_window_visible(w), w->height);
}

static void select_row(struct keyset_window *w, int row)
{
	sync(w);
	list_select(&w->cur, row);
}

/* The row with that id, else row `fallback`. */
static void select_id(struct keyset_window *w, long long id, int fallback)
{
	select_row(w, fallback);
	list_reselect(&w->cur, id, w->ops->id, w->list);
}

void keyset_window_resize(struct keyset_window *w, int height)
{
	/* the cursor follows at the reload, which keeps it on its row when
	 * that row is still on screen */
	w->height = height > 1 ? height : 1;
}

/* --------------------------------------------------------------- reads -- */

/* One read into the spare list; false when it failed (left empty). */
static bool fetch(struct keyset_window *w, enum keyset_from from, int at, int limit, bool anew)
{
	struct keyset_read r = { from, at, limit, anew };
	if (w->ops->fetch(w->view, &r, w->spare))
		return true;
	w->ops->rows->truncate(w->spare, 0);
	return false;
}

/* The window becomes what was read. */
static void take(struct keyset_window *w)
{
	w->ops->rows->replace(w->list, w->spare);
}

static void load_first(struct keyset_window *w)
{
	if (fetch(w, KEYSET_FIRST, 0, w->height + KEYSET_READ_AHEAD, true)) {
		take(w);
		w->at_start = true;
		w->more = held(w) > w->height;
	}
}

static void load_last(struct keyset_window *w)
{
	if (fetch(w, KEYSET_LAST, 0, w->height, true)) {
		take(w);
		w->more = false;
		w->at_start = held(w) < w->height;
	}
}

/* Reads the window again from its first row (or the start), keeping it
 * full when rows vanished at the end. */
static void load_same(struct keyset_window *w)
{
	if (w->at_start || held(w) == 0) {
		load_first(w);
		return;
	}
	if (!fetch(w, KEYSET_AT, 0, w->height + KEYSET_READ_AHEAD, true))
		return;
	take(w);
	w->more = held(w) > w->height;
	if (held(w) < w->height)
		load_last(w);
}

/* ------------------------------------------------------------- moves -- */

/* One row on: the read-ahead's first comes on screen; once none is left
 * ahead, a read from the new first row on. */
static void scroll_down(struct keyset_window *w)
{
	if (held(w) <= w->height)
		return;
	w->ops->rows->drop_front(w->list, 1);
	w->at_start = false;
	if (held(w) <= w->height && w->more) {
		if (fetch(w, KEYSET_AT, 0, w->height + KEYSET_READ_AHEAD, false)) {
			take(w);
			w->more = held(w) > w->height;
		}
	} else {
		w->more = held(w) > w->height;
	}
}

/* One row back: two are read, the second saying whether the first is
 * the list's first. */
static void scroll_up(struct keyset_window *w)
{
	if (w->at_start || held(w) == 0)
		return;
	if (!fetch(w, KEYSET_BEFORE, 0, 2, false))
		return;
	size_t got = w->ops->rows->count(w->spare);
	w->at_start = got < 2;
	if (got > 0) {
		w->ops->rows->drop_front(w->spare, got - 1);
		w->ops->rows->prepend(w->list, w->spare);
		w->ops->rows->truncate(w->list, (size_t)(w->height + KEYSET_READ_AHEAD));
		w->more = held(w) > w->height;
	}
}

/* The screenful after the one shown, the cursor at the same place; where
 * less than a screenful follows, the last screenful, the cursor on the
 * first row that was not shown. */
static void page_down(struct keyset_window *w)
{
	if (held(w) <= w->height) {
		select_row(w, keyset_window_visible(w) - 1);
		return;
	}
	int rel = w->cur.sel;
	if (!fetch(w, KEYSET_AFTER, w->height - 1, w->height + KEYSET_READ_AHEAD, false))
		return;
	int got = (int)w->ops->rows->count(w->spare);
	if (got >= w->height) {
		take(w);
		w->at_start = false;
		w->more = held(w) > w->height;
		select_row(w, rel);
	} else {
		long long first_new = got ? w->ops->id(w->spare, 0) : 0;
		w->ops->rows->truncate(w->spare, 0);
		load_last(w);
		select_id(w, first_new, keyset_window_visible(w) - 1);
	}
}

/* The screenful before the one shown, the cursor at the same place;
 * where less than a screenful comes before, the first, cursor on top. */
static void page_up(struct keyset_window *w)
{
	if (w->at_start || held(w) == 0) {
		select_row(w, 0);
		return;
	}
	int rel = w->cur.sel;
	if (!fetch(w, KEYSET_BEFORE, 0, w->height, false))
		return;
	if ((int)w->ops->rows->count(w->spare) < w->height) {
		w->ops->rows->truncate(w->spare, 0);
		load_first(w);
		select_row(w, 0);
	} else {
		w->ops->rows->prepend(w->list, w->spare);
		w->ops->rows->truncate(w->list, (size_t)(w->height + KEYSET_READ_AHEAD));
		w->more = true;
		w->at_start = false;
		select_row(w, rel);
	}
}

bool keyset_window_move(struct keyset_window *w, int action)
{
	sync(w);
	switch (action) {
	case ACT_DOWN:
		if (w->cur.sel < keyset_window_visible(w) - 1)
			list_action(&w->cur, action);
		else
			scroll_down(w);
		break;
	case ACT_UP:
		if (w->cur.sel > 0)
			list_action(&w->cur, action);
		else
			scroll_up(w);
		break;
	case ACT_PAGE_DOWN:
		page_down(w);
		break;
	case ACT_PAGE_UP:
		page_up(w);
		break;
	case ACT_FIRST:
		load_first(w);
		select_row(w, 0);
		break;
	case ACT_LAST:
		load_last(w);
		select_row(w, keyset_window_visible(w) - 1);
		break;
	default:
		return false;
	}
	sync(w);
	return true;
}

void keyset_window_reload(struct keyset_window *w)
{
	long long id = list_selected_id(&w->cur, w->ops->id, w->list);
	int old = w->cur.sel;
	load_same(w);
	select_id(w, id, old);
}

void keyset_window_wheel(struct keyset_window *w, bool down)
{
	sync(w);
	for (int i = 0; i < LIST_WHEEL_LINES; i++) {
		long long first = held(w) ? w->ops->id(w->list, 0) : 0;
		if (down)
			scroll_down(w);
		else
			scroll_up(w);
		if (!held(w) || w->ops->id(w->list, 0) == first)
			break;
		int sel = w->cur.sel + (down ? -1 : 1);
		w->cur.sel = sel < 0 ? 0 : sel;
		sync(w);
	}
	sync(w);
}

void keyset_window_clear(struct keyset_window *w)
{
	w->ops->rows->truncate(w->list, 0);
	w->at_start = true;
	w->more = false;
	sync(w);
}
