/* Unsent ticket texts as drafts (see include/util/kept_text.h). */
#include "util/kept_text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/draft.h"
#include "util/xalloc.h"

#define KIND "text"

static const char *const kept_word[] = {
	[KEPT_ACK] = "ack", [KEPT_REPLY] = "reply", [KEPT_NOTE] = "note",
	[KEPT_RESOLVE] = "resolve", [KEPT_ASK] = "ask", [KEPT_ESCALATE] = "escalate",
	[KEPT_ESC_RESOLVE] = "escalation-resolve", [KEPT_ESC_UP] = "escalation-up",
	[KEPT_ESC_HAND] = "escalation-hand", [KEPT_RETRIAGE] = "retriage", [KEPT_REOPEN] = "reopen",
};

void kept_text_name(char name[KEPT_NAME_MAX], enum kept_for what, long long ticket)
{
	snprintf(name, KEPT_NAME_MAX, "%s-%lld", kept_word[what], ticket);
}

/* The draft's id: "text-" and the name, anything but letters, digits,
 * '-' and '_' made '_' (draft ids allow no more). */
static char *draft_id(const char *name)
{
	char *id = xasprintf(KIND "-%s", name);
	for (char *p = id; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
			*p = '_';
	return id;
}

char *kept_text_load(const char *name)
{
	char *dir = draft_dir(), *id = draft_id(name), *text = NULL;
	struct draft d;   /* draft_load initialises it, found or not */
	struct tt_error err;
	tt_error_init(&err);
	if (draft_load(dir, id, &d, &err) == 0) {
		const char *v = draft_get(&d, "text", NULL);
		if (v && *v)
			text = xstrdup(v);
	}
	draft_done(&d);
	tt_error_clear(&err);
	free(id);
	free(dir);
	return text;
}

int kept_text_save(const char *name, const char *text, struct tt_error *err)
{
	if (!text) {
		kept_text_forget(name);
		return 0;
	}
	char *dir = draft_dir(), *id = draft_id(name);
	struct draft d;
	draft_init(&d, KIND, id);
	draft_set(&d, "text", text, strlen(text));
	int rc = draft_save(dir, &d, true, err);
	draft_done(&d);
	free(id);
	free(dir);
	return rc;
}

void kept_text_forget(const char *name)
{
	char *dir = draft_dir(), *id = draft_id(name);
	struct tt_error err;
	tt_error_init(&err);
	draft_delete(dir, id, &err);
	tt_error_clear(&err);
	free(id);
	free(dir);
}

char *kept_text_where(const char *name)
{
	char *dir = draft_dir(), *id = draft_id(name);
	char *where = xasprintf("%s/%s.draft", dir, id);
	free(id);
	free(dir);
	return where;
}
