/* The window the queue and the mail inbox hold of a list too long to
 * read whole: the rows on screen and a small read-ahead after them, read
 * by keyset (never OFFSET) and moved a row, a page or to either end at a
 * time. The cursor (ui/widgets/list.h) moves over the rows on screen and
 * its top stays 0: past an edge the window itself moves. A move within
 * the rows held reads nothing; one past them reads once, or twice where
 * less than a screenful is left that way (the screenful at that end is
 * read then).
 *
 * The rows stay in the view's own list type (struct queue_page, struct
 * inbox_list), which the view draws from; the window reaches them
 * through keyset_window_ops, and the view keeps its own read (the
 * model's call, the error shown, whatever else a read sets).
 * (The notifications and escalations views hold a few screenfuls around
 * the cursor instead, for items on several lines: ui/list_window.h.) */
#ifndef TICKETTY_UI_KEYSET_WINDOW_H
#define TICKETTY_UI_KEYSET_WINDOW_H

#include <stdbool.h>

#include "ui/list_window.h"
#include "ui/widgets/list.h"

/* Rows read past the screen's last, so that a move down past it reads
 * nothing for a few rows. */
enum { KEYSET_READ_AHEAD = 4 };

enum keyset_from {
	KEYSET_FIRST,    /* from the list's first row */
	KEYSET_LAST,     /* the list's last `limit` rows */
	KEYSET_AFTER,    /* rows strictly after the key */
	KEYSET_BEFORE,   /* rows strictly before the key, the nearest ones */
	KEYSET_AT,       /* rows from the key on, its own row included */
};

/* One read the window asks of its view. */
struct keyset_read {
	enum keyset_from from;
	int at;          /* AFTER, BEFORE, AT: the key of the window's row `at` */
	int limit;       /* rows at the most */
	bool anew;       /* the read places the window afresh (either end, a
	                    reload) rather than moving it: the inbox counts its
	                    list along with such a read */
};

struct keyset_window_ops {
	/* The moves of the view's list type (ui/list_window.h, e.g. by
	 * LIST_WINDOW_OPS). */
	const struct list_window_ops *rows;
	/* The id of row i of a list: the cursor stays on its row by it. */
	long long (*id)(const void *list, int i);
	/* Reads `r` into `out` (the view's spare list, empty), in list order;
	 * false when the read failed: the view said why, and may have emptied
	 * its window (or called keyset_window_clear); the window does nothing
	 * more with that move. */
	bool (*fetch)(void *view, const struct keyset_read *r, void *out);
};

/* The fields are read by the view (the cursor to draw, the flags for its
 * status line); only keyset_window_* change them. */
struct keyset_window {
	const struct keyset_window_ops *ops;
	void *view;       /* handed to fetch */
	void *list;       /* the view's: the rows on screen, then the read-ahead */
	void *spare;      /* the view's: what each read fills (empty between reads) */
	struct list cur;  /* the cursor over the rows on screen */
	int height;       /* rows on screen */
	bool at_start;    /* the first row held is the list's first */
	bool more;        /* rows may follow the ones on screen */
};

/* An empty window of one row's height at the list's start. `list` and
 * `spare` are the view's (empty; the view frees them after
 * keyset_window_done). */
void keyset_window_init(struct keyset_window *w, const struct keyset_window_ops *ops, void *view,
			void *list, void *spare);
void keyset_window_done(struct keyset_window *w);

/* The rows on screen (at least one); the view reloads the window then. */
void keyset_window_resize(struct keyset_window *w, int height);
/* How many rows are on screen, and the selected one (-1: none). */
int keyset_window_visible(const struct keyset_window *w);
int keyset_window_selected(const struct keyset_window *w);

/* A movement action: ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP,
 * ACT_FIRST (also a new filter's start), ACT_LAST. False for any other
 * action (nothing done). */
bool keyset_window_move(struct keyset_window *w, int action);
/* Reads the window again where it stands, the cursor on the same row
 * (or at the same place when the row went); rows gone at the end: the
 * last screenful. */
void keyset_window_reload(struct keyset_window *w);
/* A notch of the mouse wheel: the window moves LIST_WHEEL_LINES rows
 * down (or up), the cursor staying on its row while that is on screen. */
void keyset_window_wheel(struct keyset_window *w, bool down);
/* No rows, at the start, nothing more (a list the view may not read). */
void keyset_window_clear(struct keyset_window *w);

#endif
