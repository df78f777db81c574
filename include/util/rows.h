/* An array of records and its count, as the views that hold a window of
 * a longer list move it: drop records from the front, keep the first
 * ones, put other records in front. Each record is `size` bytes; `done`
 * frees what a dropped record owns. */
#ifndef TICKETTY_UTIL_ROWS_H
#define TICKETTY_UTIL_ROWS_H

#include <stddef.h>

/* Frees records [0, count) and moves the rest down. */
void rows_drop_front(void *items, size_t *n, size_t size, size_t count, void (*done)(void *));
/* Frees records from count on. */
void rows_truncate(void *items, size_t *n, size_t size, size_t count, void (*done)(void *));
/* Moves the sn records of src in front of dst's dn (src's array is left
 * to the caller, its records now dst's); returns dst, grown. */
void *rows_prepend(void *dst, size_t *dn, const void *src, size_t sn, size_t size);

#endif
