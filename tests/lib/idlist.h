/* A list of ids for the tests of the list windows (ui/list_window.h,
 * ui/keyset_window.h): the moves a view's list type gives a window, as
 * the models' lists make them (util/rows.h), on plain numbers.
 * LIST_WINDOW_OPS(name, idlist) makes its ops table. */
#ifndef TICKETTY_TESTS_IDLIST_H
#define TICKETTY_TESTS_IDLIST_H

#include <stddef.h>

struct idlist {
	long long *items;   /* owned */
	size_t n;
};

void idlist_init(struct idlist *l);
void idlist_done(struct idlist *l);
/* Drops ids [0, n) / keeps ids [0, n). */
void idlist_drop_front(struct idlist *l, size_t n);
void idlist_truncate(struct idlist *l, size_t n);
/* src's ids in front of dst's (src is left empty). */
void idlist_prepend(struct idlist *dst, struct idlist *src);

#endif
