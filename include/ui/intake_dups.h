/* The intake form's duplicate hint (src/ui/intake_dups.c): after each
 * field is left, the open tickets of the chosen customer that share an
 * object ID or have a close title are looked up (only when customer,
 * title or IDs changed) and named on the form's separator line; Ctrl-O
 * lists them in the `similar` view, where one can be opened instead. */
#ifndef TICKETTY_UI_INTAKE_DUPS_H
#define TICKETTY_UI_INTAKE_DUPS_H

#include <stdbool.h>

#include "model/search.h"
#include "ui/view.h"

struct intake_dups {
	char *sig;                 /* customer, title, IDs of the last lookup */
	struct search_list list;
};

void intake_dups_init(struct intake_dups *d);
void intake_dups_done(struct intake_dups *d);
/* Looks the duplicates up again when the inputs changed (customer: the
 * chosen customer id, NULL when none is chosen). Errors are shown on v's
 * status line; the form goes on without a hint. */
void intake_dups_update(struct intake_dups *d, struct view *v, const char *customer,
			const char *title, const char *object_ids);
/* Draws the hint on one line; false (nothing drawn) when there is none. */
bool intake_dups_draw(const struct intake_dups *d, struct view *v, int y, int x, int w);
/* Opens the `similar` view for the last lookup (VR flags). */
unsigned intake_dups_open(const struct intake_dups *d, struct view *v);

#endif
