/* Unit tests for the one list widget (ui/widgets/list.h): cursor and
 * scroll arithmetic, pages, items on several lines, header lines kept
 * in view, the selection kept by id across a reload, and the mouse. */
#include "testdb.h"
#include "ui/view.h"
#include "ui/widgets/list.h"

static long long id_of(const void *rows, int i)
{
	return ((const long long *)rows)[i];
}

START_TEST(cursor_stays_on_screen)
{
	struct list l;
	list_init(&l);
	ck_assert_int_eq(l.sel, -1);
	list_set(&l, 30, 10);
	ck_assert_int_eq(l.sel, 0);
	for (int i = 0; i < 10; i++)
		list_action(&l, ACT_DOWN);
	/* the cursor left the last line: the view follows by one line */
	ck_assert_int_eq(l.sel, 10);
	ck_assert_int_eq(l.top, 1);
	list_action(&l, ACT_FIRST);
	ck_assert_int_eq(l.sel, 0);
	ck_assert_int_eq(l.top, 0);
	list_action(&l, ACT_UP);
	ck_assert_int_eq(l.sel, 0);
	list_action(&l, ACT_LAST);
	ck_assert_int_eq(l.sel, 29);
	ck_assert_int_eq(l.top, 20);
	list_action(&l, ACT_DOWN);
	ck_assert_int_eq(l.sel, 29);
	ck_assert(!list_action(&l, ACT_OPEN));
	list_done(&l);
}
END_TEST

START_TEST(pages_move_view_and_cursor)
{
	struct list l;
	list_init(&l);
	list_set(&l, 25, 10);
	list_action(&l, ACT_DOWN);
	list_action(&l, ACT_PAGE_DOWN);
	ck_assert_int_eq(l.sel, 11);
	ck_assert_int_eq(l.top, 10);
	/* the last page stops at the end: no blank lines below the last item */
	list_action(&l, ACT_PAGE_DOWN);
	ck_assert_int_eq(l.sel, 21);
	ck_assert_int_eq(l.top, 15);
	list_action(&l, ACT_PAGE_DOWN);
	ck_assert_int_eq(l.sel, 24);
	ck_assert_int_eq(l.top, 15);
	list_action(&l, ACT_PAGE_UP);
	ck_assert_int_eq(l.sel, 14);
	ck_assert_int_eq(l.top, 5);
	list_action(&l, ACT_PAGE_UP);
	list_action(&l, ACT_PAGE_UP);
	ck_assert_int_eq(l.sel, 0);
	ck_assert_int_eq(l.top, 0);
	/* fewer items than lines: never scrolls */
	list_set(&l, 3, 10);
	list_action(&l, ACT_PAGE_DOWN);
	ck_assert_int_eq(l.sel, 2);
	ck_assert_int_eq(l.top, 0);
	/* empty: nothing selected, nothing breaks */
	list_set(&l, 0, 10);
	ck_assert_int_eq(l.sel, -1);
	list_action(&l, ACT_PAGE_DOWN);
	list_action(&l, ACT_LAST);
	ck_assert_int_eq(l.sel, -1);
	ck_assert_int_eq(l.top, 0);
	list_done(&l);
}
END_TEST

START_TEST(resize_keeps_cursor_visible)
{
	struct list l;
	list_init(&l);
	list_set(&l, 50, 20);
	list_select(&l, 19);
	ck_assert_int_eq(l.top, 0);
	list_resize(&l, 5);
	ck_assert_int_eq(l.sel, 19);
	ck_assert_int_eq(l.top, 15);
	list_resize(&l, 0);   /* never less than one line */
	ck_assert_int_eq(l.height, 1);
	ck_assert_int_eq(l.top, 19);
	list_done(&l);
}
END_TEST

START_TEST(items_on_two_lines)
{
	struct list l;
	list_init(&l);
	list_set_per(&l, 2);
	list_set(&l, 10, 7);   /* three whole items fit */
	ck_assert_int_eq(l.nlines, 20);
	list_select(&l, 3);
	/* item 3 takes lines 6 and 7: the view starts at an item */
	ck_assert_int_eq(l.top % 2, 0);
	ck_assert_int_le(l.top, 6);
	ck_assert_int_ge(l.top + 7, 8);
	ck_assert_int_eq(list_line_item(&l, 7), 3);
	ck_assert_int_eq(list_item_line(&l, 3), 6);
	list_action(&l, ACT_FIRST);
	list_action(&l, ACT_PAGE_DOWN);
	ck_assert_int_eq(l.sel, 3);
	list_done(&l);
}
END_TEST

START_TEST(header_lines_stay_with_their_items)
{
	/* lines: H0 a b H1 c d e H2 f  (items at 1 2 4 5 6 8) */
	static const int at[] = { 1, 2, 4, 5, 6, 8 };
	struct list l;
	list_init(&l);
	list_set_lines(&l, 6, at, 9);
	list_resize(&l, 3);
	ck_assert_int_eq(l.sel, 0);
	ck_assert_int_eq(l.top, 0);     /* H0 shown above the first item */
	ck_assert_int_eq(list_line_item(&l, 0), -1);
	ck_assert_int_eq(list_line_item(&l, 3), -1);
	ck_assert_int_eq(list_line_item(&l, 5), 3);
	list_select(&l, 4);             /* e, line 6 */
	ck_assert_int_eq(l.top, 4);
	list_action(&l, ACT_UP);        /* d */
	list_action(&l, ACT_UP);        /* c: its header H1 comes into view */
	ck_assert_int_eq(l.sel, 2);
	ck_assert_int_eq(l.top, 3);
	list_action(&l, ACT_LAST);
	ck_assert_int_eq(l.sel, 5);
	ck_assert_int_eq(l.top, 6);
	list_action(&l, ACT_FIRST);
	ck_assert_int_eq(l.top, 0);
	/* a one-line screen shows the item, not its header */
	list_resize(&l, 1);
	list_select(&l, 2);
	ck_assert_int_eq(l.top, 4);
	list_done(&l);
}
END_TEST

START_TEST(reload_keeps_the_same_item)
{
	long long before[] = { 10, 20, 30, 40, 50 };
	long long after[] = { 5, 10, 30, 40, 50, 60 };
	long long gone[] = { 10, 50 };
	struct list l;
	list_init(&l);
	list_set(&l, 5, 3);
	list_select(&l, 2);   /* id 30 */
	long long keep = list_selected_id(&l, id_of, before);
	ck_assert_int_eq(keep, 30);
	list_set(&l, 6, 3);
	list_reselect(&l, keep, id_of, after);
	ck_assert_int_eq(l.sel, 2);
	list_select(&l, 3);   /* id 40, then a row arrives above it */
	keep = list_selected_id(&l, id_of, after);
	list_set(&l, 6, 3);
	long long shifted[] = { 1, 5, 10, 30, 40, 50 };
	list_reselect(&l, keep, id_of, shifted);
	ck_assert_int_eq(l.sel, 4);
	ck_assert_int_ge(l.sel, l.top);
	ck_assert_int_lt(l.sel, l.top + l.height);
	/* the item went away: the same position, within the list */
	keep = list_selected_id(&l, id_of, shifted);
	list_set(&l, 2, 3);
	list_reselect(&l, keep, id_of, gone);
	ck_assert_int_eq(l.sel, 1);
	list_set(&l, 0, 3);
	ck_assert_int_eq(list_selected_id(&l, id_of, gone), 0);
	list_done(&l);
}
END_TEST

START_TEST(mouse_selects_opens_and_scrolls)
{
	struct list l;
	struct mouse_event m = { MOUSE_CLICK, 0, 5 };
	list_init(&l);
	list_set(&l, 20, 5);
	list_place(&l, 2);   /* drawn from screen row 2 */
	m.y = 4;
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_MOVED);
	ck_assert_int_eq(l.sel, 2);
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_NONE);   /* again: nothing new */
	m.y = 1;             /* the column headers */
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_NONE);
	m.y = 7;             /* below the list */
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_NONE);
	ck_assert_int_eq(l.sel, 2);
	m.kind = MOUSE_DOUBLE;
	m.y = 6;
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_OPEN);
	ck_assert_int_eq(l.sel, 4);
	/* the wheel moves the view; the cursor comes along when it would leave it */
	m.kind = MOUSE_WHEEL_DOWN;
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_MOVED);
	ck_assert_int_eq(l.top, LIST_WHEEL_LINES);
	ck_assert_int_eq(l.sel, 4);
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_MOVED);
	ck_assert_int_eq(l.top, 2 * LIST_WHEEL_LINES);
	ck_assert_int_eq(l.sel, 2 * LIST_WHEEL_LINES);
	for (int i = 0; i < 10; i++)
		list_mouse(&l, &m);
	ck_assert_int_eq(l.top, 15);
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_NONE);   /* at the end */
	m.kind = MOUSE_WHEEL_UP;
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_MOVED);
	ck_assert_int_eq(l.top, 12);
	ck_assert_int_eq(l.sel, 15);
	/* a click lands on the item drawn there, after scrolling */
	m.kind = MOUSE_CLICK;
	m.y = 2;
	list_mouse(&l, &m);
	ck_assert_int_eq(l.sel, 12);
	ck_assert_int_eq(list_style(&l, 12, STYLE_DIM), STYLE_SELECTED);
	ck_assert_int_eq(list_style(&l, 13, STYLE_DIM), STYLE_DIM);
	list_set(&l, 0, 5);
	m.kind = MOUSE_WHEEL_DOWN;
	ck_assert_int_eq(list_mouse(&l, &m), LIST_MOUSE_NONE);
	list_done(&l);
}
END_TEST

static Suite *list_suite(void)
{
	Suite *s = suite_create("list");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, cursor_stays_on_screen);
	tcase_add_test(tc, pages_move_view_and_cursor);
	tcase_add_test(tc, resize_keeps_cursor_visible);
	tcase_add_test(tc, items_on_two_lines);
	tcase_add_test(tc, header_lines_stay_with_their_items);
	tcase_add_test(tc, reload_keeps_the_same_item);
	tcase_add_test(tc, mouse_selects_opens_and_scrolls);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(list_suite)
