/* Texts an agent wrote for a ticket and has not sent yet (a reply, a note,
 * a resolution message, an escalation's reason), kept as drafts
 * (util/draft.h, kind "text") under a name such as "reply-42": written
 * as soon as the editor closes, removed once the text is sent, so a
 * refusal, a lost database or a lost SSH session loses nothing. The
 * command line and the interface use the same names, so either offers
 * what the other kept. */
#ifndef TICKETTY_UTIL_KEPT_TEXT_H
#define TICKETTY_UTIL_KEPT_TEXT_H

#include "util/error.h"

/* The text kept under name (caller frees), or NULL. */
char *kept_text_load(const char *name);
/* Keeps text under name, durably. 0 or an exit code with err set. */
int kept_text_save(const char *name, const char *text, struct tt_error *err);
/* Removes what is kept under name (nothing kept is no error). */
void kept_text_forget(const char *name);
/* Where name's text is kept, for saying so (caller frees). */
char *kept_text_where(const char *name);

#endif
