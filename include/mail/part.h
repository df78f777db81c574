/* GMime plumbing the mail readers share (parse.c, dsn.c): a message
 * parsed from bytes, and a leaf part's decoded bytes. Implemented in
 * src/mail/parse.c. */
#ifndef TICKETTY_MAIL_PART_H
#define TICKETTY_MAIL_PART_H

#include <gmime/gmime.h>

/* len bytes parsed as a message (its header is the first block of
 * "Name: value" lines); NULL when GMime makes no message of them. */
GMimeMessage *mime_message_from(const char *data, size_t len, GMimeParserOptions *opts);

/* The decoded bytes of a leaf part (transfer encoding undone), as a
 * GByteArray the caller unrefs; charsets are parse.c's to convert. The
 * bytes keep their length: a NUL in them ends nothing. */
GByteArray *mime_part_bytes(GMimeObject *part);

#endif
