/* A list of ids for the window tests: see idlist.h. */
#include "idlist.h"

#include <stdlib.h>
#include <string.h>

#include "util/rows.h"

static void nothing(void *item)
{
	(void)item;
}

void idlist_init(struct idlist *l)
{
	memset(l, 0, sizeof(*l));
}

void idlist_done(struct idlist *l)
{
	free(l->items);
	idlist_init(l);
}

void idlist_drop_front(struct idlist *l, size_t n)
{
	rows_drop_front(l->items, &l->n, sizeof(*l->items), n, nothing);
}

void idlist_truncate(struct idlist *l, size_t n)
{
	rows_truncate(l->items, &l->n, sizeof(*l->items), n, nothing);
}

void idlist_prepend(struct idlist *dst, struct idlist *src)
{
	dst->items = rows_prepend(dst->items, &dst->n, src->items, src->n, sizeof(*src->items));
	src->n = 0;
}
