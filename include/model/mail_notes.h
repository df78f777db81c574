/* What ticketty notes about a received mail (sql/632_mail_notes.sql: its
 * MIME structure was broken, a file was over the size limit, the message
 * made of it on its ticket was cut to fit), kept apart
 * from the customer's text and said in the reader's language where the
 * mail, or the message made of it on a ticket, is shown. */
#ifndef TICKETTY_MODEL_MAIL_NOTES_H
#define TICKETTY_MODEL_MAIL_NOTES_H

#include "util/strbuf.h"

/* Appends to *text (a mail's or a comment's text, malloc'd; NULL is left
 * alone) the notes `flat` holds, as api_mail_notes gives them (NULL or ""
 * for none): each one a paragraph in square brackets, in the current
 * language. Unknown notes are left out. */
void mail_notes_append(char **text, const char *flat);

/* The words of the notes `flat` holds, one line each, onto out. */
void mail_notes_words(const char *flat, struct strbuf *out);

#endif
