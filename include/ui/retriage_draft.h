/* The draft a re-triage form keeps for one ticket (util/draft.h, one per
 * ticket, written by the form in view_intake.c): its name, and whether
 * one is waiting, so the ticket view can say so. */
#ifndef TICKETTY_UI_RETRIAGE_DRAFT_H
#define TICKETTY_UI_RETRIAGE_DRAFT_H

#include <stdbool.h>

/* The draft's name for ticket `ticket` ("retriage-42"; caller frees). */
char *retriage_draft_key(long long ticket);
/* True when a re-triage of ticket `ticket` was changed and never sent. */
bool retriage_draft_waiting(long long ticket);

#endif
