/* GMime plumbing the mail readers share (parse.c, dsn.c, words.c,
 * names.c): a message parsed from bytes within bounds on its headers
 * (src/mail/headers.c); a leaf part's decoded bytes, bytes in a charset
 * as text (src/mail/parse.c); encoded words GMime reads wrongly, mended
 * (src/mail/words.c); a part's file name (src/mail/names.c). */
#ifndef TICKETTY_MAIL_PART_H
#define TICKETTY_MAIL_PART_H

#include <gmime/gmime.h>
#include <stdbool.h>
#include <stddef.h>

/* How much of one received mail's headers GMime was given to read, over
 * every parse of it (src/mail/headers.c); zeroed before the first. */
struct mime_budget {
	size_t all;        /* bytes of header values read */
	size_t addresses;  /* of them, of From, Sender, Reply-To, To, Cc, Bcc */
	bool cut;          /* a header was too long: only its start was read */
	GMimeStream *reading; /* the bytes mime_message_from is parsing now, NULL
	                         between parses: GMime's warning callback may
	                         end them (parse.c, at parts nested too deep) */
	unsigned parses;   /* mime_message_from calls so far */
};

/* len bytes parsed as a message (its header is the first block of
 * "Name: value" lines), each header of it (its parts' and enclosed
 * messages' too) cut before GMime reads it when it is longer than a
 * mail's headers may be read in bounded time (headers.c says how long,
 * and spends *budget); NULL when GMime makes no message of them. */
GMimeMessage *mime_message_from(const char *data, size_t len, GMimeParserOptions *opts,
				struct mime_budget *budget);

/* The decoded bytes of a leaf part (transfer encoding undone), as a
 * GByteArray the caller unrefs; charsets are parse.c's to convert. The
 * bytes keep their length: a NUL in them ends nothing. */
GByteArray *mime_part_bytes(GMimeObject *part);

/* len bytes in charset cs (as a part's Content-Type names it; NULL for
 * none) as the readable text of a text part: valid UTF-8 with LF line
 * ends, converted from cs, UTF-8 under a wrong label read as UTF-8, 8-bit
 * bytes under no label, an ASCII or a UTF-8 one read as Windows-1252,
 * each byte nothing reads U+FFFD where it stood (a NUL too). malloc'd. */
char *mime_charset_text(const char *data, size_t len, const char *cs);

/* raw (a header's raw value) with each run of encoded words GMime would
 * read wrongly rewritten as a word it reads right (bytes not in the
 * charset named: read as a text part's are; base64 that is none: the
 * words as written); NULL when there is none. malloc'd. */
char *mime_mend_words(const char *raw);

/* mime_mend_words on the raw value of msg's Subject and From headers:
 * g_mime_message_get_subject and _get_from then give the words mended. */
void mime_mend_headers(GMimeMessage *msg);

/* The file name part obj gives (Content-Disposition's filename, else
 * Content-Type's name), read from the raw header with its encoded words
 * and RFC 2231 sections mended as mime_mend_words mends a Subject, as a
 * safe name: valid UTF-8 with no blank at either end, each control, bidi
 * or line separator character and each '/' and '\' made '_' (as the
 * store does), never "." or ".."; NULL when it gives none (or nothing is
 * left). malloc'd. */
char *mime_part_name(GMimeObject *obj, GMimeParserOptions *opts);

#endif
