/* The one list of the TUI: the cursor and scrolling of n items shown in
 * `height` screen lines (no data: the view owns its rows and draws them).
 * Every list view keeps its selection here: cursor, scroll offset, page
 * up/down, first/last, the selected row's style, the selection kept on
 * the same item across a reload (by id), and the mouse (a click selects,
 * a double click opens, the wheel scrolls). An item may take several
 * lines (`per`), and lines that are no item (level headers) may sit
 * between items (list_set_lines): the line before an item's block is
 * kept in view with it. */
#ifndef TICKETTY_UI_WIDGETS_LIST_H
#define TICKETTY_UI_WIDGETS_LIST_H

#include <stdbool.h>

#include "ui/draw.h"

struct mouse_event;
struct view;

struct list {
	int n;       /* items */
	int sel;     /* selected item, -1 when empty */
	int top;     /* first visible line */
	int height;  /* visible lines */
	int per;     /* lines per item (1 unless list_set_per) */
	int *line;   /* owned: the first line of each item (list_set_lines), NULL: item i at i * per */
	int nlines;  /* lines in all */
	int y;       /* screen row of the first visible line (list_place), for the mouse */
};

/* Lines the wheel scrolls per notch. */
#define LIST_WHEEL_LINES 3

void list_init(struct list *l);
void list_done(struct list *l);   /* frees the line map; list_init again to reuse */
/* Sets the item count and the visible lines, keeping sel and top valid
 * (drops a line map). */
void list_set(struct list *l, int n, int height);
/* The visible lines alone (a resize). */
void list_resize(struct list *l, int height);
/* Lines per item (>= 1), for items drawn on several lines. */
void list_set_per(struct list *l, int per);
/* n items whose first lines are item_line[0..n-1] (ascending) among
 * nlines lines; the others are headers. The map is copied. */
void list_set_lines(struct list *l, int n, const int *item_line, int nlines);
/* The first line of an item, and the item on a line (-1 for a header). */
int list_item_line(const struct list *l, int item);
int list_line_item(const struct list *l, int line);
void list_select(struct list *l, int item);

/* Keeping the selection across a reload: the id of the selected item
 * before (0 when none), then after the rows changed (list_set first)
 * the item with that id, else the same position. */
typedef long long (*list_id_fn)(const void *rows, int item);
long long list_selected_id(const struct list *l, list_id_fn id, const void *rows);
void list_reselect(struct list *l, long long keep, list_id_fn id, const void *rows);

/* Handles the movement actions (ACT_UP, ACT_DOWN, ACT_PAGE_UP,
 * ACT_PAGE_DOWN, ACT_FIRST, ACT_LAST): true when the action was one of
 * them (whether or not anything moved). A page moves the view and the
 * cursor by a screenful. */
bool list_action(struct list *l, int action);
/* Scrolls the view by `lines` (negative: up), taking the cursor along
 * when it would leave the screen; true when anything moved. */
bool list_scroll(struct list *l, int lines);

/* The selected row's style: STYLE_SELECTED for the selected item, else `normal`. */
enum style list_style(const struct list *l, int item, enum style normal);

/* Where the list was drawn (screen row of its first visible line). */
void list_place(struct list *l, int y);
/* The item drawn on screen row y, -1 when none (header, blank, outside). */
int list_hit(const struct list *l, int y);

enum list_mouse {
	LIST_MOUSE_NONE,   /* not about the list: nothing changed */
	LIST_MOUSE_MOVED,  /* the selection or the view moved: redraw */
	LIST_MOUSE_OPEN,   /* a double click on an item, now selected: open it */
};
/* A click selects the item under it, a double click selects and asks to
 * open it, the wheel scrolls. */
enum list_mouse list_mouse(struct list *l, const struct mouse_event *m);
/* A list view's whole answer to a mouse event on its list `l`: the view's
 * own ACT_OPEN on a double click, a redraw when anything moved. */
unsigned list_view_mouse(struct list *l, struct view *v, const struct mouse_event *m);

#endif
