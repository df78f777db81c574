/* The agents a ticket may be assigned to, for the assignee picker: the
 * active agents other than product managers and developers (who write
 * internal notes only; api_ticket_assign refuses them). */
#ifndef TICKETTY_MODEL_AGENT_PICK_H
#define TICKETTY_MODEL_AGENT_PICK_H

#include "model/intake.h"
#include "util/error.h"

struct db;

/* Fills *out (intake_choices_done frees it) by display name: value =
 * login, label = display name, note = team name ("" when none), help =
 * role key. */
int agent_assignable(struct db *db, struct intake_choices *out, struct tt_error *err);

#endif
