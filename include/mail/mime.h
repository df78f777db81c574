/* Mail messages in and out, through GMime (never hand-parsed): composing
 * one outgoing RFC 5322 message from the fields the outbox fixed, and
 * taking a received message apart (addresses, decoded subject, threading
 * headers, signs of an automatic sender, readable UTF-8 text, files).
 * mime_init()/mime_done() bracket any use (GMime's own global state).
 * The records are every program's; the functions are implemented in
 * src/mail and linked only into ticketty-mail (src/mailer). */
#ifndef TICKETTY_MAIL_MIME_H
#define TICKETTY_MAIL_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/error.h"
#include "util/file_read.h"

/* mime_init() before using GMime, mime_done() after; a process may do so
 * any number of times (GMime itself starts once: mail/compose.c). */
void mime_init(void);
void mime_done(void);

struct mail_out {
	const char *from_name, *from_address, *reply_to; /* reply_to may be NULL */
	const char *to_name, *to_address;                 /* to_name may be NULL */
	const char *subject, *body;                       /* UTF-8 */
	const char *message_id;                           /* "<...>" */
	const char *in_reply_to;                          /* NULL when none */
	const char *const *refs;                          /* "<...>" each */
	size_t nrefs;
	const char *auto_submitted;                       /* NULL, "auto-generated", ... */
	const char *ticket;                               /* X-Ticketty-Ticket, NULL = none */
	time_t date;
	const struct mail_file *files;                    /* sent after the text, base64 */
	size_t nfiles;
};

/* The message as bytes (LF line ends, as sendmail -t expects): the text
 * alone, or with files a multipart/mixed of the text and each file as an
 * attachment (its name RFC 2231-encoded when it needs it); caller frees.
 * The names and the subject go out on one line: control characters in
 * them (a line break, an escape) are spaces.
 * *len receives the length. */
char *mime_compose(const struct mail_out *m, size_t *len);

/* A delivery report (RFC 3464, multipart/report; report-type=
 * delivery-status) saying that a message could not be delivered: which
 * message (its Message-ID, from the returned message or its headers),
 * to whom, and why. message_id is NULL for any other mail, and for a
 * report that only says a delivery is delayed. */
struct mail_bounce {
	char *message_id;   /* "<...>" of the message that failed */
	char *recipient;    /* the address it failed for, NULL when unsaid */
	char *status;       /* "5.1.1", NULL when unsaid */
	char *reason;       /* the MTA's words (Diagnostic-Code, else its text), NULL when unsaid */
};

struct mail_in {
	char *message_id;   /* "<...>", NULL when the message has none */
	char *from_address; /* lower case, NULL when none/unparsable */
	char *from_name;    /* decoded, one line, NULL when none */
	char *subject;      /* decoded UTF-8, one line (control characters as
	                       spaces), "" when none; encoded words GMime reads
	                       wrongly mended first (mail/part.h) */
	char *in_reply_to;  /* "<...>" or NULL */
	char **refs;        /* "<...>" each, oldest first */
	size_t nrefs;
	const char *auto_reason; /* NULL or auto_submitted, precedence, list, null_sender, daemon */
	char *body;         /* readable UTF-8 text (HTML and enriched text turned
	                       into text), never NULL */
	bool broken;        /* GMime could not make a message of it (body is the raw
	                       text), a multipart held no part, or one never ended
	                       (cut short: a file in it may be too): kept as a
	                       note with the mail (sql/632) */
	bool deep;          /* parts nested deeper than GMime reads them (1024
	                       levels) were read again as stray words: a note
	                       (mime_deep), not broken */
	bool calendar_only; /* a calendar invitation (text/calendar, kept as a
	                       file), no other file and no words: a note
	                       (calendar_only) says so under the empty text */
	bool long_headers;  /* a header was longer than GMime may read in
	                       bounded time: only its start was read (mail/part.h,
	                       mime_message_from); a note (header_too_long) */
	struct mail_file *files; /* each named as mail/part.h's mime_part_name
	                            reads it ("" when it has none) */
	size_t nfiles;
	struct mail_bounce bounce;
};

/* Takes a received message apart. Never fails on bad MIME: what cannot
 * be parsed is kept as text (broken = true). envelope_sender is the
 * envelope sender the MTA says it received the message from (the SENDER
 * its pipe sets), NULL when it says nothing: "" or "<>" is a null sender,
 * held as such (auto_reason "null_sender") like a "Return-Path: <>". */
void mime_parse(const char *data, size_t len, const char *envelope_sender, struct mail_in *out);
void mail_in_done(struct mail_in *m);

/* Readable text from HTML (libxml2's HTML parser): tags dropped, block
 * ends as line breaks, scripts and styles left out, every entity decoded,
 * links followed by their address, <blockquote> behind "> ". Caller frees. */
char *mime_html_to_text(const char *html);

#endif
