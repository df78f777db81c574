/* The choice lists of a ticket: the status changes allowed now (read
 * from api_ticket_transitions, translated), the agents a ticket may be
 * assigned to, those who may hold an escalation level (for a
 * hand-over) and the collaborators to add or remove, by display name.
 * Each opens screen_pick over the view; `done` gets the status key or the
 * agent's login (NULL when cancelled). */
#ifndef TICKETTY_UI_TICKET_PICKERS_H
#define TICKETTY_UI_TICKET_PICKERS_H

#include "ui/screen.h"
#include "ui/view.h"

/* VR flags; says so on the status line when no change is open. */
unsigned ticket_pick_status(struct view *v, long long ticket, prompt_done_fn done);
unsigned ticket_pick_assignee(struct view *v, prompt_done_fn done);
/* level: 1 CSM, 2 COO, 3 CEO; holder: the login holding it now, left out
 * (agent_level_holders). Says so when nobody else may take it. */
unsigned ticket_pick_level_holder(struct view *v, int level, const char *holder, prompt_done_fn done);
/* The agents who may become collaborators of the ticket (any role, not
 * following it yet), and its collaborators, by display name with their
 * role; `done` gets the login. Says so when there is nobody to pick. */
unsigned ticket_pick_collaborator_add(struct view *v, long long ticket, prompt_done_fn done);
unsigned ticket_pick_collaborator_remove(struct view *v, long long ticket, prompt_done_fn done);
/* The canned replies by title (one row per key); `done` gets the key. */
unsigned ticket_pick_canned(struct view *v, prompt_done_fn done);

#endif
