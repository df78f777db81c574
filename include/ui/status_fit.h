/* A status message fitted to the room the status line gives it, free of
 * curses so it can be unit-tested. What explains a message comes first
 * in it ("ticket 1 is being changed in another session"); asides in
 * parentheses and later clauses are details that :messages keeps whole. */
#ifndef TICKETTY_UI_STATUS_FIT_H
#define TICKETTY_UI_STATUS_FIT_H

#include "util/strbuf.h"

/* Appends `msg` sanitised (flags as text_fit: TEXT_ASCII ...) and fitted
 * to at most `room` cells, never padded. When it does not fit whole:
 * the asides in parentheses go first, then the clauses after a "; " from
 * the last, then the end is cut ("…"); what was left out is pointed to
 * by `more` (" (more: :messages)") when that fits too. The first clause
 * stays whole while it fits; the first field's refusal after it ("name:
 * reason", tt_field_error_words), what the message exists for, is cut at
 * a word's end rather than dropped while its name and the head of its
 * reason (12 cells) fit, and a first clause that is one keeps them before
 * the pointer. */
void status_fit(struct strbuf *out, const char *msg, int room, const char *more, int flags);

#endif
