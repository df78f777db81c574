/* Texts an agent wrote for a ticket and has not sent yet (a reply, a note,
 * a resolution message, a question to the customer, an escalation's reason,
 * a re-triage's reason), kept as drafts
 * (util/draft.h, kind "text") under a name such as "reply-42": written
 * as soon as the editor closes, removed once the text is sent, so a
 * refusal, a lost database or a lost SSH session loses nothing. The
 * command line and the interface use the same names, so either offers
 * what the other kept. */
#ifndef TICKETTY_UTIL_KEPT_TEXT_H
#define TICKETTY_UTIL_KEPT_TEXT_H

#include "util/error.h"

/* What a ticket's text is kept for. Its name is the word of that and the
 * ticket's number ("reply-42", "escalation-up-42"), one list for the
 * command line and the interface. The ticket's own texts come first (the
 * ticket view's), then an escalation step's note or reason (the
 * escalations view's, `ticketty escalation resolve|up|hand`). */
enum kept_for {
	KEPT_ACK, KEPT_REPLY, KEPT_NOTE, KEPT_RESOLVE, KEPT_ASK, KEPT_ESCALATE,
	KEPT_ESC_RESOLVE, KEPT_ESC_UP, KEPT_ESC_HAND,
	/* the command line's own: `ticket set --reason -`, `ticket reopen
	 * --message -` read from standard input */
	KEPT_RETRIAGE, KEPT_REOPEN,
};
#define KEPT_TICKET_TEXTS (KEPT_ESCALATE + 1)
#define KEPT_NAME_MAX 64

/* The name of the text kept for `what` on ticket `ticket`. */
void kept_text_name(char name[KEPT_NAME_MAX], enum kept_for what, long long ticket);

/* The text kept under name (caller frees), or NULL. */
char *kept_text_load(const char *name);
/* Keeps text under name, durably (NULL: removes what is kept, which
 * cannot fail). 0 or an exit code with err set. */
int kept_text_save(const char *name, const char *text, struct tt_error *err);
/* Removes what is kept under name (nothing kept is no error). */
void kept_text_forget(const char *name);
/* Where name's text is kept, for saying so (caller frees). */
char *kept_text_where(const char *name);

#endif
