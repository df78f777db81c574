/* The views table: one X(name) line per view file (view_<name>.c; the
 * re-triage form is the intake form's second table, in view_intake.c).
 * The first entry is the view ticketty opens on. */
#include "ui/views.h"

#include <string.h>

#define UI_VIEWS(X) \
	X(queue)    \
	X(ticket)   \
	X(escalations) \
	X(help)        \
	X(intake)      \
	X(retriage)    \
	X(inbox)       \
	X(dashboard)    \
	X(search)      \
	X(history)     \
	X(similar)    \
	X(notifications)    \
	X(messages)

#define DECLARE(name) extern const struct view_ops view_##name##_ops;
#define ENTRY(name) &view_##name##_ops,
UI_VIEWS(DECLARE)

const struct view_ops *const ui_views[] = { UI_VIEWS(ENTRY) NULL };

const struct view_ops *ui_view_find(const char *name)
{
	for (const struct view_ops *const *v = ui_views; *v; v++)
		if (!strcmp((*v)->name, name))
			return *v;
	return NULL;
}
