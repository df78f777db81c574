/* A scrolling text pager: lines of (untrusted) text with a style each,
 * sanitised once and wrapped to the width, with / search and n/N to the
 * next/previous match. Used by the ticket timeline and the help view. */
#ifndef TICKETTY_UI_WIDGETS_PAGER_H
#define TICKETTY_UI_WIDGETS_PAGER_H

#include <stdbool.h>

#include "ui/draw.h"
#include "ui/view.h"

struct pager_line {
	char *text;          /* sanitised, one display line, owned */
	enum style style;
	int source;          /* index of the logical line it came from */
	bool cut;            /* a logical line cut at the width, not wrapped */
	int hang;            /* > 0: its continuation lines start at this cell */
};

struct pager {
	struct pager_line *src;    /* logical lines (sanitised, may be long) */
	int nsrc, capsrc;
	struct pager_line *lines;  /* wrapped display lines */
	int n, cap;
	int top, height, width;
	char *search;              /* current search term, owned */
	int match;                 /* display line of the current match, -1 */
};

void pager_init(struct pager *p);
void pager_done(struct pager *p);
void pager_clear(struct pager *p);
/* Appends text (may hold newlines; untrusted) as lines of one style. */
void pager_add(struct pager *p, const char *text, enum style style);
/* Appends text (one line; untrusted) that stays one display line: cut
 * at the width, the cut marked (text_fit), however wide the screen is
 * made later. For rows of a table, whose columns a wrap would break. */
void pager_add_row(struct pager *p, const char *text, enum style style);
/* Appends text (one line; untrusted) whose continuation lines, when it
 * wraps, start `hang` cells in: under the text of a "key  what it does"
 * row (the help's), not text_wrap's two cells in from its indent. A
 * width that leaves the continuation too little room wraps as pager_add. */
void pager_add_hanging(struct pager *p, const char *text, enum style style, int hang);
void pager_addf(struct pager *p, enum style style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Replaces logical line `src` (an index below nsrc, counted as lines were
 * added; text without newlines, untrusted) and re-wraps it in place:
 * for figures that change while the text is shown. */
void pager_set(struct pager *p, int src, const char *text, enum style style);
/* Sets the size (re-wraps when the width changed). */
void pager_resize(struct pager *p, int height, int width);
/* Movement and search actions; returns VR flags (VR_UNHANDLED when not one). */
unsigned pager_action(struct pager *p, int action);
/* Searches forward from the top (or from the current match); false when
 * no line matches. Case-insensitive. */
bool pager_search(struct pager *p, const char *term, bool backward);
void pager_draw(const struct pager *p, const struct area *a);

#endif
