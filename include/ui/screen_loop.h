/* The screen manager's own entry points, for ui.c only: create the
 * screen on an initialised curses terminal, run the event loop until
 * the user quits or a signal arrives, destroy it. */
#ifndef TICKETTY_UI_SCREEN_LOOP_H
#define TICKETTY_UI_SCREEN_LOOP_H

#include <signal.h>

#include "app.h"

struct screen;

struct screen *screen_new(struct app *app);
void screen_free(struct screen *s);
/* Runs until Q or *signal_flag becomes non-zero; returns 0. When
 * *suspend_flag becomes non-zero (Ctrl-Z), leaves the terminal as the
 * shell had it, stops (SIGTSTP) and paints everything anew after fg. */
int screen_run(struct screen *s, volatile sig_atomic_t *signal_flag,
	       volatile sig_atomic_t *suspend_flag);

#endif
