/* What a list view's window keeps, drops and reads (ui/list_window.h). */
#include "ui/list_window.h"

void list_window_take(struct list_window *w, const struct list_window_ops *o, void *held, void *fresh,
		      enum list_window_from from, size_t want)
{
	size_t n = o->count(fresh);
	bool over = n > want;
	if (over && from == LIST_WINDOW_END)
		o->drop_front(fresh, n - want);   /* read backwards: the extra one is the first */
	else if (over)
		o->truncate(fresh, want);
	o->replace(held, fresh);
	if (from == LIST_WINDOW_END) {
		w->at_start = !over;
		w->more = false;
	} else {
		w->more = over;
		if (from == LIST_WINDOW_START)
			w->at_start = true;
	}
}

int list_window_drop(const struct list_window_ops *o, const void *held, const void *next, int sel,
		     int chunk)
{
	size_t got = o->count(next);
	int added = got > (size_t)chunk ? chunk : (int)got;
	int drop = (int)o->count(held) + added - 3 * chunk;
	if (drop > sel - chunk)
		drop = sel - chunk;
	return drop > 0 ? drop : 0;
}

void list_window_append(struct list_window *w, const struct list_window_ops *o, void *held, void *next,
			int chunk, int drop)
{
	w->more = o->count(next) > (size_t)chunk;
	o->truncate(next, (size_t)chunk);
	if (drop > 0) {
		o->drop_front(held, (size_t)drop);
		w->at_start = false;
	}
	o->prepend(next, held);   /* the window in front of the new ones */
	o->replace(held, next);
}

int list_window_prepend(struct list_window *w, const struct list_window_ops *o, void *held, void *prev,
			int chunk, int *sel)
{
	size_t n = o->count(prev);
	w->at_start = n <= (size_t)chunk;
	if (n > (size_t)chunk)
		o->drop_front(prev, n - (size_t)chunk);   /* the farthest */
	int added = (int)o->count(prev);
	o->prepend(held, prev);
	*sel += added;
	int keep = 3 * chunk > *sel + chunk + 1 ? 3 * chunk : *sel + chunk + 1;
	if ((int)o->count(held) > keep) {
		o->truncate(held, (size_t)keep);
		w->more = true;
	}
	return added;
}
