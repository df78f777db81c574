/* Unit tests for ui/list_window.h: a window of a list of 0..N-1 read a
 * chunk at a time either way (as the notifications and escalations
 * views read theirs by keyset) stays one run of consecutive items, knows
 * whether it starts at the list's first and whether more follow, and
 * never holds more than three chunks (or a chunk past the cursor). */
#include "idlist.h"
#include "testdb.h"
#include "ui/list_window.h"
#include "util/xalloc.h"

enum { N = 100, CHUNK = 8 };

LIST_WINDOW_OPS(ops, idlist);

/* Up to `limit` items of 0..N-1 after `key` (or before it, nearest last,
 * in list order), as a keyset read gives them. */
static void read_from(struct idlist *out, int key, bool before, int limit)
{
	idlist_done(out);
	out->items = xcalloc((size_t)limit + 1, sizeof(*out->items));
	int from = before ? (key - limit > 0 ? key - limit : 0) : key + 1;
	int to = before ? key : (key + 1 + limit < N ? key + 1 + limit : N);
	for (int i = from; i < to; i++)
		out->items[out->n++] = i;
}

static void check(const struct list_window *w, const struct idlist *l, int sel)
{
	ck_assert_uint_gt(l->n, 0);
	for (size_t i = 1; i < l->n; i++)
		ck_assert_int_eq(l->items[i], l->items[i - 1] + 1);
	ck_assert_int_eq(w->at_start, l->items[0] == 0);
	ck_assert_int_eq(w->more, l->items[l->n - 1] < N - 1);
	ck_assert_int_le((int)l->n, 3 * CHUNK > sel + CHUNK + 1 ? 3 * CHUNK : sel + CHUNK + 1);
	ck_assert(sel >= 0 && (size_t)sel < l->n);
}

START_TEST(walks_the_whole_list_both_ways)
{
	struct list_window w = { false, false };
	struct idlist held, fresh;
	idlist_init(&held);
	idlist_init(&fresh);
	read_from(&fresh, -1, false, 2 * CHUNK + 1);
	list_window_take(&w, &ops, &held, &fresh, LIST_WINDOW_START, 2 * CHUNK);
	ck_assert_uint_eq(held.n, 2 * CHUNK);
	int sel = 0;
	check(&w, &held, sel);
	/* down one at a time to the end: every item under the cursor once */
	for (int want = 1; want < N; want++) {
		if ((int)held.n - 1 - sel < CHUNK && w.more) {
			read_from(&fresh, held.items[held.n - 1], false, CHUNK + 1);
			int drop = list_window_drop(&ops, &held, &fresh, sel, CHUNK);
			list_window_append(&w, &ops, &held, &fresh, CHUNK, drop);
			sel -= drop;
		}
		sel++;
		check(&w, &held, sel);
		ck_assert_int_eq(held.items[sel], want);
	}
	ck_assert(!w.more);
	/* and back up to the first */
	for (int want = N - 2; want >= 0; want--) {
		if (sel < CHUNK && !w.at_start) {
			read_from(&fresh, held.items[0], true, CHUNK + 1);
			list_window_prepend(&w, &ops, &held, &fresh, CHUNK, &sel);
		}
		sel--;
		check(&w, &held, sel);
		ck_assert_int_eq(held.items[sel], want);
	}
	ck_assert(w.at_start);
	/* the end: the last two chunks, nothing after them */
	read_from(&fresh, N, true, 2 * CHUNK + 1);
	list_window_take(&w, &ops, &held, &fresh, LIST_WINDOW_END, 2 * CHUNK);
	ck_assert_uint_eq(held.n, 2 * CHUNK);
	ck_assert_int_eq(held.items[held.n - 1], N - 1);
	ck_assert(!w.more && !w.at_start);
	idlist_done(&held);
	idlist_done(&fresh);
}
END_TEST

static Suite *list_window_suite(void)
{
	Suite *s = suite_create("list_window");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, walks_the_whole_list_both_ways);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(list_window_suite)
