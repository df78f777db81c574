/* The full-screen interface: entered when ticketty runs without a command. */
#ifndef TICKETTY_UI_UI_H
#define TICKETTY_UI_UI_H

#include "app.h"

/* Runs the TUI until the user quits; returns the process exit status. */
int ui_run(struct app *app);

#endif
