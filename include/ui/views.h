/* The registry of views (src/ui/views.c). Adding a view = its file
 * src/ui/view_<name>.c defining `const struct view_ops view_<name>_ops`
 * plus one X(<name>) line in UI_VIEWS in views.c. */
#ifndef TICKETTY_UI_VIEWS_H
#define TICKETTY_UI_VIEWS_H

#include "ui/view.h"

/* Every registered view, ended by NULL. The first one is the start view. */
extern const struct view_ops *const ui_views[];

/* The registered view of that name, or NULL. */
const struct view_ops *ui_view_find(const char *name);

#endif
