/* The window a list view holds of a list too long to read whole: a few
 * screenfuls around the cursor, read by keyset and moved as the cursor
 * nears either end (the notifications and escalations views). What is
 * held is the view's own list type, reached through list_window_ops;
 * this says what to keep, drop and read next. */
#ifndef TICKETTY_UI_LIST_WINDOW_H
#define TICKETTY_UI_LIST_WINDOW_H

#include <stdbool.h>
#include <stddef.h>

/* The moves of the view's list type (each a model's window helpers). */
struct list_window_ops {
	size_t (*count)(const void *list);
	void (*drop_front)(void *list, size_t n);   /* frees items [0, n) */
	void (*truncate)(void *list, size_t n);     /* frees items from n on */
	void (*prepend)(void *dst, void *src);      /* src's items in front of dst's, src emptied */
	void (*replace)(void *dst, void *src);      /* dst freed and becomes src, src emptied */
};

/* Defines `static const struct list_window_ops name` for `struct
 * type` (fields items and n) from the model's type_drop_front,
 * type_truncate, type_prepend, type_init and type_done. */
#define LIST_WINDOW_OPS(name, type)                                            \
	static size_t name##_count(const void *l)                              \
	{                                                                      \
		return ((const struct type *)l)->n;                            \
	}                                                                      \
	static void name##_drop_front(void *l, size_t n)                       \
	{                                                                      \
		type##_drop_front(l, n);                                       \
	}                                                                      \
	static void name##_truncate(void *l, size_t n)                         \
	{                                                                      \
		type##_truncate(l, n);                                         \
	}                                                                      \
	static void name##_prepend(void *dst, void *src)                       \
	{                                                                      \
		type##_prepend(dst, src);                                      \
	}                                                                      \
	static void name##_replace(void *dst, void *src)                       \
	{                                                                      \
		type##_done(dst);                                              \
		*(struct type *)dst = *(struct type *)src;                     \
		type##_init(src);                                              \
	}                                                                      \
	static const struct list_window_ops name = {                           \
		.count = name##_count,                                         \
		.drop_front = name##_drop_front,                               \
		.truncate = name##_truncate,                                   \
		.prepend = name##_prepend,                                     \
		.replace = name##_replace,                                     \
	}

/* Where the held items stand in the list. */
struct list_window {
	bool at_start;   /* the first item held is the list's first */
	bool more;       /* items follow the last one held */
};

enum list_window_from {
	LIST_WINDOW_START,   /* read from the list's first */
	LIST_WINDOW_END,     /* read the list's last ones */
	LIST_WINDOW_KEY,     /* read from a key on */
};

/* The window becomes `fresh`, read from `from` asking one more than
 * `want` (whether more follow the way it was read). */
void list_window_take(struct list_window *w, const struct list_window_ops *o, void *held, void *fresh,
		      enum list_window_from from, size_t want);
/* Before `next` (read after the last held, asking chunk + 1) is added:
 * how many to drop from the front so that the window holds at most
 * three chunks and keeps a chunk before the cursor (item sel). */
int list_window_drop(const struct list_window_ops *o, const void *held, const void *next, int sel,
		     int chunk);
/* Adds `next` after the held items, `drop` dropped from the front (the
 * view moves its cursor and view by as many first). */
void list_window_append(struct list_window *w, const struct list_window_ops *o, void *held, void *next,
			int chunk, int drop);
/* Adds `prev` (read before the first held, nearest last, asking chunk
 * + 1) in front; the cursor *sel moves with its item, and the far end
 * is dropped past three chunks (keeping a chunk after the cursor).
 * Returns how many went in front. */
int list_window_prepend(struct list_window *w, const struct list_window_ops *o, void *held, void *prev,
			int chunk, int *sel);

#endif
