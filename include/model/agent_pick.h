/* The agents a ticket may be assigned to, for the assignee picker: the
 * active agents other than product managers and developers (who write
 * internal notes only; api_ticket_assign refuses them); and those who may
 * take an escalation level handed over; and those who may follow a
 * ticket as collaborators. */
#ifndef TICKETTY_MODEL_AGENT_PICK_H
#define TICKETTY_MODEL_AGENT_PICK_H

#include "model/intake.h"
#include "util/error.h"

struct db;

/* Fills *out (intake_choices_done frees it) by display name: value =
 * login, label = display name, note = team name ("" when none), help =
 * role key. */
int agent_assignable(struct db *db, struct intake_choices *out, struct tt_error *err);
/* The agents who may take escalation level `level` (1 CSM, 2 COO, 3 CEO)
 * from its holder (login `holder`, NULL or "" when none): the active
 * agents of that role but the holder, as agent_assignable fills them. */
int agent_level_holders(struct db *db, int level, const char *holder, struct intake_choices *out,
			struct tt_error *err);

/* The agents who may be added as collaborators of `ticket`: every active
 * agent, of any role, but those following it already, as
 * agent_assignable fills them. */
int agent_collaborator_candidates(struct db *db, long long ticket, struct intake_choices *out,
				  struct tt_error *err);

/* The display name of the agent `login` (caller frees; any agent, active
 * or not), for words that name who was picked ("assigned to Omar
 * Haddad"); NULL when there is no such agent or the query failed. */
char *agent_display_name(struct db *db, const char *login, struct tt_error *err);

#endif
