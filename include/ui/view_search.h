/* The search views (src/ui/view_search.c): `search` (any view: F or F3),
 * `history` (the customer's other tickets, `h` in the ticket view) and
 * `similar` (likely duplicates, Ctrl-O in the intake form), all lists of
 * tickets where Enter opens one. */
#ifndef TICKETTY_UI_VIEW_SEARCH_H
#define TICKETTY_UI_VIEW_SEARCH_H

#include "ui/view.h"

/* The ticket view's hooks: ACT_HISTORY opens the history of `ticket`,
 * ACT_LINK asks which ticket to link (123 related, =123 duplicate of,
 * -123 unlink) and reloads the ticket view. */
unsigned view_search_ticket_action(struct view *v, int action, long long ticket);

/* The argument of the `similar` view: customer, title and object IDs
 * joined by newlines (caller frees). */
char *view_similar_arg(const char *customer, const char *title, const char *object_ids);

#endif
