/* `ticketty queue`: the queue as a plain-text table or JSON, a page at a
 * time, continued with --after CURSOR. */
#ifndef TICKETTY_CLI_QUEUE_H
#define TICKETTY_CLI_QUEUE_H

#include "app.h"

int cli_queue(struct app *app, int argc, char **argv);
/* Every form of `ticketty queue` in full, " | " between forms (its --help). */
extern const char cli_queue_forms[];

#endif
