/* A window's records moved at either end (util/rows.h). */
#include "util/rows.h"

#include <string.h>

#include "util/xalloc.h"

void rows_drop_front(void *items, size_t *n, size_t size, size_t count, void (*done)(void *))
{
	char *p = items;
	if (count > *n)
		count = *n;
	for (size_t i = 0; i < count; i++)
		done(p + i * size);
	if (count)
		memmove(p, p + count * size, (*n - count) * size);
	*n -= count;
}

void rows_truncate(void *items, size_t *n, size_t size, size_t count, void (*done)(void *))
{
	char *p = items;
	for (size_t i = count; i < *n; i++)
		done(p + i * size);
	if (count < *n)
		*n = count;
}

void *rows_prepend(void *dst, size_t *dn, const void *src, size_t sn, size_t size)
{
	char *p = xrealloc(dst, (*dn + sn + 1) * size);
	memmove(p + sn * size, p, *dn * size);
	if (sn)
		memcpy(p, src, sn * size);
	*dn += sn;
	return p;
}
