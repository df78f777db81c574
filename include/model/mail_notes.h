/* What ticketty notes about a received mail (sql/632_mail_notes.sql: its
 * MIME structure was broken, its parts were nested too deep, it held only
 * a calendar invitation, a header was too long to read whole, a file was
 * over the size limit, the message made of it on its ticket was cut to
 * fit), kept apart
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

/* The words of every note as formats, in the current language, as the
 * JSON object 730's mail_notes_json takes ({"mime_broken": ...,
 * "mime_deep": ..., "calendar_only": ..., "header_too_long": ...,
 * "file_too_large": ...,
 * "cut": ...}); malloc'd. */
char *mail_notes_words_json(void);

/* The heading of a held mail put on a ticket as a note (sql/730): "Mail
 * from NAME <ADDRESS>, SUBJECT:" in the current language, the address
 * for a missing name, "(no subject)" for a missing subject; onto out. */
void mail_note_heading(struct strbuf *out, const char *name, const char *address, const char *subject);

#endif
