/* PLACEHOLDER until the TUI shell lands (owned by the TUI engineer). */
#include "ui/ui.h"
#include <stdio.h>
int ui_run(struct app *app)
{
	(void)app;
	fprintf(stderr, "ticketty: the full-screen interface is not built yet\n");
	return 70;
}
