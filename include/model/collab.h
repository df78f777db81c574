/* Ticket collaborators: agents of any role following a ticket (they see
 * it under the "following" filter and are notified of its changes). */
#ifndef TICKETTY_MODEL_COLLAB_H
#define TICKETTY_MODEL_COLLAB_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

struct db;

/* SQL condition for the queue's "following" filter on a tickets row
 * aliased `t` (model code only): true when the caller follows it. Uses
 * the ticket_collaborators_agent_idx index through the IN list. */
#define COLLAB_FOLLOWING_COND \
	"t.id IN (SELECT c.ticket_id FROM ticketty.ticket_collaborators c" \
	" WHERE c.agent_id = ticketty.session_agent_id())"

struct collab_item {
	char *login;         /* owned */
	char *display_name;  /* owned */
	char *role;          /* agent_role key, owned */
	char *added_by;      /* display name, "" when unknown, owned */
};

struct collab_list {
	struct collab_item *items;
	size_t n;
};

void collab_list_init(struct collab_list *l);
void collab_list_done(struct collab_list *l);

/* Adds `login` to the ticket's collaborators; *added is false when it was
 * one already. 65 for an unknown/deactivated login (field login) or
 * ticket, 77 when the caller may not add collaborators. */
int collab_add(struct db *db, long long ticket, const char *login, bool *added,
	       struct tt_error *err);
/* Removes `login`; *removed is false when it was not a collaborator. */
int collab_remove(struct db *db, long long ticket, const char *login, bool *removed,
		  struct tt_error *err);
/* The ticket's collaborators by display name. */
int collab_list(struct db *db, long long ticket, struct collab_list *out, struct tt_error *err);
/* The same as a JSON array made by PostgreSQL (login, name, role,
 * added_by, added_at); caller frees. */
int collab_list_json(struct db *db, long long ticket, char **json, struct tt_error *err);

#endif
