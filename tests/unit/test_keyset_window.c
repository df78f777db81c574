/* Unit tests for ui/keyset_window.h, the window the queue and the inbox
 * hold of a long list: a fake keyset source of 100 rows (ids 1..100)
 * seen through a window of 10 rows and the read-ahead. Each test says
 * which rows are on screen, which one is selected, where the window
 * stands, and how many reads each move cost (a move inside the window
 * reads nothing). */
#include <string.h>

#include "idlist.h"
#include "testdb.h"
#include "ui/keyset_window.h"
#include "ui/view.h"
#include "util/xalloc.h"

enum { N = 100, HEIGHT = 10 };

/* ------------------------------------------------------- a fake source -- */

/* The list: ids in order (rows may go and come between moves). */
static long long source[2 * N];
static int source_n;

static void source_reset(int n)
{
	source_n = n;
	for (int i = 0; i < n; i++)
		source[i] = i + 1;
}

/* Removes the rows with ids from..to. */
static void source_remove(long long from, long long to)
{
	int k = 0;
	for (int i = 0; i < source_n; i++)
		if (source[i] < from || source[i] > to)
			source[k++] = source[i];
	source_n = k;
}

LIST_WINDOW_OPS(rows_ops, idlist);

/* The view: its rows, the window, and what its reads did. */
struct fake {
	struct idlist list, spare;
	struct keyset_window w;
	int reads;
	bool fail;               /* the next read fails */
	struct keyset_read last; /* the last read asked */
};

static long long row_id(const void *list, int i)
{
	return ((const struct idlist *)list)->items[i];
}

/* A keyset read of `source`, as the models' reads are. */
static bool fake_fetch(void *view, const struct keyset_read *r, void *out)
{
	struct fake *f = view;
	struct idlist *o = out;
	f->reads++;
	f->last = *r;
	if (f->fail) {
		f->fail = false;
		return false;
	}
	long long key = r->from == KEYSET_FIRST || r->from == KEYSET_LAST ? 0 : f->list.items[r->at];
	int lo = 0, hi = source_n;   /* the candidates, [lo, hi) */
	while (r->from == KEYSET_AFTER && lo < source_n && source[lo] <= key)
		lo++;
	while (r->from == KEYSET_AT && lo < source_n && source[lo] < key)
		lo++;
	if (r->from == KEYSET_BEFORE)
		for (hi = 0; hi < source_n && source[hi] < key;)
			hi++;
	if ((r->from == KEYSET_LAST || r->from == KEYSET_BEFORE) && hi - lo > r->limit)
		lo = hi - r->limit;   /* the nearest ones */
	else if (hi - lo > r->limit)
		hi = lo + r->limit;
	o->items = xrealloc(o->items, (size_t)r->limit * sizeof(*o->items) + 1);
	for (int i = lo; i < hi; i++)
		o->items[o->n++] = source[i];
	return true;
}

static const struct keyset_window_ops ops = { &rows_ops, row_id, fake_fetch };

/* A view of HEIGHT rows opened on a list of n: its first read done. */
static void open_view(struct fake *f, int n)
{
	source_reset(n);
	memset(f, 0, sizeof(*f));
	idlist_init(&f->list);
	idlist_init(&f->spare);
	keyset_window_init(&f->w, &ops, f, &f->list, &f->spare);
	keyset_window_resize(&f->w, HEIGHT);
	keyset_window_reload(&f->w);
}

static void close_view(struct fake *f)
{
	keyset_window_done(&f->w);
	idlist_done(&f->list);
	idlist_done(&f->spare);
}

/* Rows first..last on screen, the row with id `sel` selected, and
 * `reads` reads since the view opened. */
static void expect(const struct fake *f, long long first, long long last, long long sel, int reads)
{
	int shown = keyset_window_visible(&f->w);
	ck_assert_int_eq(shown, (int)(last - first + 1));
	for (int i = 0; i < shown; i++)
		ck_assert_int_eq(f->list.items[i], first + i);
	int i = keyset_window_selected(&f->w);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(f->list.items[i], sel);
	ck_assert_int_eq(f->reads, reads);
}

static void press(struct fake *f, int action, int times)
{
	for (int i = 0; i < times; i++)
		ck_assert(keyset_window_move(&f->w, action));
}

/* --------------------------------------------------------------- tests -- */

START_TEST(opens_on_the_first_screenful_and_reads_ahead)
{
	struct fake f;
	open_view(&f, N);
	expect(&f, 1, 10, 1, 1);
	ck_assert_int_eq(f.last.from, KEYSET_FIRST);
	ck_assert_int_eq(f.last.limit, HEIGHT + KEYSET_READ_AHEAD);
	ck_assert(f.last.anew);
	ck_assert_uint_eq(f.list.n, HEIGHT + KEYSET_READ_AHEAD);
	ck_assert(f.w.at_start && f.w.more);
	ck_assert(!keyset_window_move(&f.w, ACT_OPEN));   /* not a move */
	close_view(&f);
}
END_TEST

START_TEST(scrolls_down_past_the_edge_to_the_end)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_DOWN, 9);                  /* inside the window: no read */
	expect(&f, 1, 10, 10, 1);
	/* past the last row: the read-ahead comes on screen a row at a time */
	for (int i = 1; i <= KEYSET_READ_AHEAD - 1; i++) {
		press(&f, ACT_DOWN, 1);
		expect(&f, 1 + i, 10 + i, 10 + i, 1);
		ck_assert(!f.w.at_start && f.w.more);
	}
	/* its last one: read again from the first row on screen */
	press(&f, ACT_DOWN, 1);
	expect(&f, 5, 14, 14, 2);
	ck_assert_int_eq(f.last.from, KEYSET_AT);
	ck_assert_int_eq(f.last.at, 0);
	ck_assert(!f.last.anew);
	ck_assert_uint_eq(f.list.n, HEIGHT + KEYSET_READ_AHEAD);
	/* to the end: a read every KEYSET_READ_AHEAD rows (from 9, 13 ... 89
	 * on: 21), one more from 91 that finds only the last screenful, then
	 * none */
	press(&f, ACT_DOWN, N - 14);
	expect(&f, 91, 100, 100, 2 + 21 + 1);
	ck_assert(!f.w.more);
	int reads = f.reads;
	press(&f, ACT_DOWN, 3);
	expect(&f, 91, 100, 100, reads);
	close_view(&f);
}
END_TEST

START_TEST(pages_down_to_the_last_screenful)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_DOWN, 12);                 /* rows 4..13 on screen, 13 selected */
	expect(&f, 4, 13, 13, 1);
	/* a page: the screenful after the one shown, the cursor where it was */
	for (int k = 1; k <= 8; k++) {
		press(&f, ACT_PAGE_DOWN, 1);
		expect(&f, 4 + 10 * k, 13 + 10 * k, 13 + 10 * k, 1 + k);
		ck_assert_int_eq(f.last.from, KEYSET_AFTER);
		ck_assert_int_eq(f.last.at, HEIGHT - 1);
	}
	/* 94..100 are less than a screenful: the last screenful is read, the
	 * cursor on the first row that was not on screen */
	press(&f, ACT_PAGE_DOWN, 1);
	expect(&f, 91, 100, 94, 11);
	ck_assert_int_eq(f.last.from, KEYSET_LAST);
	ck_assert(!f.w.at_start && !f.w.more);
	/* at the end a page moves the cursor to the last row, reading nothing */
	press(&f, ACT_PAGE_DOWN, 1);
	expect(&f, 91, 100, 100, 11);
	close_view(&f);
	/* pages that end with the list: the last is a whole screenful read
	 * at once, the cursor where it was */
	open_view(&f, N);
	press(&f, ACT_DOWN, 2);
	press(&f, ACT_PAGE_DOWN, 9);
	expect(&f, 91, 100, 93, 10);
	ck_assert(!f.w.at_start && !f.w.more);
	close_view(&f);
}
END_TEST

START_TEST(pages_up_to_the_start)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_LAST, 1);
	expect(&f, 91, 100, 100, 2);
	press(&f, ACT_UP, 4);
	for (int k = 1; k <= 9; k++) {
		press(&f, ACT_PAGE_UP, 1);
		expect(&f, 91 - 10 * k, 100 - 10 * k, 96 - 10 * k, 2 + k);
		ck_assert_int_eq(f.last.from, KEYSET_BEFORE);
		ck_assert(f.w.more);
	}
	/* rows 1..10 came as a whole page: whether more are before them is
	 * known at the next page up, which reads the first screenful */
	ck_assert(!f.w.at_start);
	press(&f, ACT_PAGE_UP, 1);
	expect(&f, 1, 10, 1, 13);
	ck_assert_int_eq(f.last.from, KEYSET_FIRST);
	ck_assert(f.w.at_start);
	press(&f, ACT_PAGE_UP, 1);                /* at the start: nothing read */
	expect(&f, 1, 10, 1, 13);
	/* less than a page before the window: the first screenful */
	press(&f, ACT_DOWN, 12);
	expect(&f, 4, 13, 13, 13);
	press(&f, ACT_PAGE_UP, 1);
	expect(&f, 1, 10, 1, 15);
	close_view(&f);
}
END_TEST

START_TEST(first_and_last)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_LAST, 1);
	expect(&f, 91, 100, 100, 2);
	ck_assert_int_eq(f.last.from, KEYSET_LAST);
	ck_assert_int_eq(f.last.limit, HEIGHT);
	ck_assert(!f.w.at_start && !f.w.more);
	press(&f, ACT_FIRST, 1);
	expect(&f, 1, 10, 1, 3);
	ck_assert(f.w.at_start && f.w.more);
	/* a list shorter than the screen: all of it, at once */
	close_view(&f);
	open_view(&f, 6);
	expect(&f, 1, 6, 1, 1);
	ck_assert(f.w.at_start && !f.w.more);
	press(&f, ACT_LAST, 1);
	expect(&f, 1, 6, 6, 2);
	ck_assert(f.w.at_start && !f.w.more);
	press(&f, ACT_DOWN, 1);
	press(&f, ACT_PAGE_DOWN, 1);
	expect(&f, 1, 6, 6, 2);
	close_view(&f);
}
END_TEST

START_TEST(scrolls_up_past_the_top_to_the_start)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_LAST, 1);
	press(&f, ACT_UP, 9);                    /* inside the window */
	expect(&f, 91, 100, 91, 2);
	/* past the top: one read of two rows, the nearer one comes on screen */
	press(&f, ACT_UP, 1);
	expect(&f, 90, 99, 90, 3);
	ck_assert_int_eq(f.last.from, KEYSET_BEFORE);
	ck_assert_int_eq(f.last.limit, 2);
	ck_assert(!f.w.at_start && f.w.more);
	press(&f, ACT_UP, 88);
	expect(&f, 2, 11, 2, 91);
	ck_assert(!f.w.at_start);
	/* the row before 2 is the only one: the start is known at once */
	press(&f, ACT_UP, 1);
	expect(&f, 1, 10, 1, 92);
	ck_assert(f.w.at_start);
	press(&f, ACT_UP, 1);                     /* and nothing is read */
	expect(&f, 1, 10, 1, 92);
	close_view(&f);
}
END_TEST

START_TEST(reload_when_rows_vanished_at_the_end)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_LAST, 1);
	press(&f, ACT_UP, 7);
	expect(&f, 91, 100, 93, 2);
	/* 95..100 went: the window from 91 holds less than a screen, so the
	 * last screenful is read; the cursor stays on its row */
	source_remove(95, 100);
	keyset_window_reload(&f.w);
	expect(&f, 85, 94, 93, 4);
	ck_assert_int_eq(f.last.from, KEYSET_LAST);
	ck_assert(!f.w.more);
	/* the selected row went too: the same place on screen (the window
	 * from 85 is short again: the last screenful, 84..92 and 94) */
	source_remove(93, 93);
	keyset_window_reload(&f.w);
	ck_assert_int_eq(keyset_window_selected(&f.w), 8);
	ck_assert_int_eq(f.list.items[0], 84);
	ck_assert_int_eq(f.list.items[8], 92);
	ck_assert_int_eq(f.list.items[9], 94);
	ck_assert_int_eq(f.reads, 6);
	/* a reload at the start reads from the start */
	press(&f, ACT_FIRST, 1);
	press(&f, ACT_DOWN, 2);
	keyset_window_reload(&f.w);
	expect(&f, 1, 10, 3, 8);
	ck_assert_int_eq(f.last.from, KEYSET_FIRST);
	ck_assert(f.last.anew);
	close_view(&f);
}
END_TEST

START_TEST(wheel_keeps_the_cursor_on_its_row)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_DOWN, 5);
	keyset_window_wheel(&f.w, true);
	expect(&f, 1 + LIST_WHEEL_LINES, 10 + LIST_WHEEL_LINES, 6, 1);
	keyset_window_wheel(&f.w, true);          /* row 6 left the screen: the top row */
	expect(&f, 7, 16, 7, 2);
	keyset_window_wheel(&f.w, false);
	expect(&f, 4, 13, 7, 5);
	close_view(&f);
}
END_TEST

START_TEST(a_failed_read_changes_nothing)
{
	struct fake f;
	open_view(&f, N);
	press(&f, ACT_PAGE_DOWN, 1);
	press(&f, ACT_DOWN, 3);
	expect(&f, 11, 20, 14, 2);
	f.fail = true;
	press(&f, ACT_PAGE_DOWN, 1);
	expect(&f, 11, 20, 14, 3);
	f.fail = true;
	press(&f, ACT_PAGE_UP, 1);
	expect(&f, 11, 20, 14, 4);
	ck_assert(!f.w.at_start && f.w.more);
	ck_assert_uint_eq(f.spare.n, 0);
	/* a view that may not read the list says so with no rows */
	keyset_window_clear(&f.w);
	ck_assert_int_eq(keyset_window_visible(&f.w), 0);
	ck_assert_int_eq(keyset_window_selected(&f.w), -1);
	ck_assert(f.w.at_start && !f.w.more);
	press(&f, ACT_DOWN, 1);
	press(&f, ACT_UP, 1);
	ck_assert_int_eq(f.reads, 4);
	close_view(&f);
}
END_TEST

static Suite *keyset_window_suite(void)
{
	Suite *s = suite_create("keyset_window");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, opens_on_the_first_screenful_and_reads_ahead);
	tcase_add_test(tc, scrolls_down_past_the_edge_to_the_end);
	tcase_add_test(tc, pages_down_to_the_last_screenful);
	tcase_add_test(tc, pages_up_to_the_start);
	tcase_add_test(tc, first_and_last);
	tcase_add_test(tc, scrolls_up_past_the_top_to_the_start);
	tcase_add_test(tc, reload_when_rows_vanished_at_the_end);
	tcase_add_test(tc, wheel_keeps_the_cursor_on_its_row);
	tcase_add_test(tc, a_failed_read_changes_nothing);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(keyset_window_suite)
