/* File sizes in words, one formatter for the ticket's files pane and the
 * CLI: exact bytes below 10 KiB ("1 byte", "8 bytes"), then whole KiB
 * ("12 KiB") and MiB ("40 MiB"), rounded to the nearest. */
#ifndef TICKETTY_UTIL_BYTESIZE_H
#define TICKETTY_UTIL_BYTESIZE_H

#include "util/strbuf.h"

/* Appends the size of n bytes (n >= 0) to sb. */
void bytesize_add(struct strbuf *sb, long long n);

#endif
