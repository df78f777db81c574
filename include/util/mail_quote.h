/* The quoted history at the end of a customer's mail. A reply made in a
 * mail client carries the whole earlier thread below the new words:
 * "On ... wrote:" / "El ... escribió:" over lines that begin with ">",
 * or Outlook's "-----Original Message-----" and From:/Sent:/To:/Subject:
 * (De:/Enviado:/Para:/Asunto:) block over unmarked text, its subject
 * carrying the ticket's [#ID] tag (a mail forwarded inline, without the
 * tag, is the customer's news and stays). The ticket shows
 * the new words and folds the history (model/ticket_render.c); nothing is
 * cut from what is stored. Interleaved answers ("> question" then the
 * answer) are not history: only a quoted block that runs to the end of
 * the mail is. */
#ifndef TICKETTY_UTIL_MAIL_QUOTE_H
#define TICKETTY_UTIL_MAIL_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

struct mail_quote {
	size_t start;   /* byte offset of the history's first line */
	size_t end;     /* byte offset after the new words, trailing blank lines left out */
	int lines;      /* lines of history, trailing blank lines left out */
};

/* True when text ends in quoted history with words of its own before it;
 * *q says where. False for a mail that is all quote or has none. */
bool mail_quote_find(const char *text, struct mail_quote *q);

#endif
