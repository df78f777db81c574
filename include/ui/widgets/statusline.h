/* The bottom line: the view's mode and state (filters, position), the
 * latest message or error, and on the right the connection banner and
 * the unread notifications count. */
#ifndef TICKETTY_UI_WIDGETS_STATUSLINE_H
#define TICKETTY_UI_WIDGETS_STATUSLINE_H

#include <stdbool.h>

struct statusline {
	const char *mode;     /* view title */
	const char *state;    /* view state text, may be "" */
	const char *message;  /* NULL when none */
	bool error;           /* message is an error */
	const char *banner;   /* connection trouble, NULL when connected */
	int unread;           /* hidden when 0 */
};

void statusline_draw(const struct statusline *sl, int y, int width);

#endif
