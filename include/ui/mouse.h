/* The mouse for the screen manager (ui.mouse): turning the terminal's
 * mouse reporting on, and a KEY_MOUSE read from curses as a portable
 * struct mouse_event (ui/view.h) the top view handles. */
#ifndef TICKETTY_UI_MOUSE_H
#define TICKETTY_UI_MOUSE_H

#include <stdbool.h>

#include "ui/view.h"

/* After the curses set-up: asks the terminal to report clicks, double
 * clicks and the wheel when `on`, else leaves reporting off (the
 * terminal then keeps its own selection and sends nothing). */
void mouse_start(bool on);
/* The event behind a KEY_MOUSE just read (always consumes it): true and
 * *m filled for a click, double click or wheel notch when `on` (the
 * setting mouse_start had); false for anything else (other buttons, a
 * mouse sequence arriving with reporting off). */
bool mouse_read(bool on, struct mouse_event *m);

#endif
