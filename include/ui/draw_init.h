/* Set-up of the painting layer, for the screen manager only. */
#ifndef TICKETTY_UI_DRAW_INIT_H
#define TICKETTY_UI_DRAW_INIT_H

#include <stdbool.h>

/* After initscr: colour pairs when want_color and the terminal has
 * colours, else monochrome attributes. */
void draw_init(bool want_color);

#endif
