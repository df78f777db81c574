/* The re-triage form's draft of one ticket: its name and whether one is
 * waiting (include/ui/retriage_draft.h). */
#include "ui/retriage_draft.h"

#include <stdlib.h>

#include "util/draft.h"
#include "util/xalloc.h"

char *retriage_draft_key(long long ticket)
{
	return xasprintf("retriage-%lld", ticket);
}

bool retriage_draft_waiting(long long ticket)
{
	char *dir = draft_dir();
	char *key = retriage_draft_key(ticket);
	bool waiting = draft_exists(dir, key);
	free(key);
	free(dir);
	return waiting;
}
