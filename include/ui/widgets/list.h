/* Cursor and scrolling arithmetic for a list of n rows shown `height` at
 * a time (no drawing, no data): used by every list-shaped view. */
#ifndef TICKETTY_UI_WIDGETS_LIST_H
#define TICKETTY_UI_WIDGETS_LIST_H

#include <stdbool.h>

struct list {
	int n;       /* rows */
	int sel;     /* selected row, -1 when empty */
	int top;     /* first visible row */
	int height;  /* visible rows */
};

void list_init(struct list *l);
/* Sets the row count and height, keeping sel and top valid. */
void list_set(struct list *l, int n, int height);
/* Handles the movement actions (ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST); true when
 * the action was one of them (whether or not anything moved). */
bool list_action(struct list *l, int action);
void list_select(struct list *l, int row);

#endif
