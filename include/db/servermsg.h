/* Translation of the messages the database server raises. The migrations
 * (embedded in the binary) hold the English formats, e.g. RAISE EXCEPTION
 * 'ticket % is closed: it takes no more replies'; scripts/sql-strings.pl
 * extracts the same formats for translators (msgctxt "server"). An incoming
 * message is matched against the formats and the translated format is
 * filled with the values it carried, in order; a value that is a ticket
 * status key, or one of the few English words the migrations pass as
 * values (servermsg.c value_words), is shown translated. */
#ifndef TICKETTY_DB_SERVERMSG_H
#define TICKETTY_DB_SERVERMSG_H

#include <stddef.h>

/* The message in the user's language (newly allocated, caller frees), or a
 * copy of `english` when no format matches or no translation exists. */
char *servermsg_translate(const char *english);

/* The formats found in the embedded migrations, for tests: calls fn for
 * each (the strings live until the program ends). Returns the count. */
size_t servermsg_formats(void (*fn)(const char *format, void *arg), void *arg);

#endif
