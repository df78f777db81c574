/* The little JSON the client writes itself: string escaping per RFC 8259
 * for request payloads (never for printed output, which PostgreSQL makes),
 * a scanner that splits a JSON object into its top-level members so
 * each member's raw bytes can be checked before anything is sent, and a
 * strict reader that says whether (and where not) one value is JSON. */
#ifndef TICKETTY_UTIL_JSON_H
#define TICKETTY_UTIL_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

/* Appends s (n bytes) as a JSON string literal with its quotes: '"', '\\'
 * and every control character below U+0020 escaped, everything else copied
 * byte for byte (the caller makes sure s is valid UTF-8). */
void json_add_string(struct strbuf *out, const char *s, size_t n);

/* Appends the text a JSON string's raw content (between the quotes, n
 * bytes) stands for: escapes decoded ("ti\u0074le" is "title"; a
 * surrogate pair is one character), a malformed escape kept as written. */
void json_string_decode(struct strbuf *out, const char *raw, size_t n);

struct json_member {
	const char *key;     /* raw key text between the quotes (escapes kept) */
	size_t key_len;
	const char *value;   /* raw value text, whitespace trimmed */
	size_t value_len;
	bool has_nul;        /* the value holds a NUL byte or a \u0000 escape */
	int depth;           /* deepest nesting of arrays/objects in the value (0 = scalar) */
};

/* Deepest nesting a request payload may hold: deeper documents are
 * refused before they reach the database (whose parser would run out of
 * stack). */
#define JSON_MAX_DEPTH 64

/* True when v[0..n) is exactly one JSON value as RFC 8259 writes it and
 * PostgreSQL's jsonb reads it (whitespace around it allowed): strings
 * without raw control characters, with valid escapes and every \uD800-
 * \uDFFF surrogate paired; numbers without a leading zero or plus sign,
 * each one PostgreSQL's numeric holds (jsonb keeps numbers as numeric:
 * 1e131072 and 1e-16384 overflow it); true, false and null in lower
 * case; no trailing commas. Else false, with *bad_at the byte offset in
 * v where it stops being JSON (n when it ends too soon; a number numeric
 * cannot hold, where it starts). Deeper than JSON_MAX_DEPTH counts as
 * not JSON there. A \u0000 escape passes (the scanner's has_nul reports
 * it). */
bool json_value_valid(const char *v, size_t n, size_t *bad_at);

/* True when v[at..n) starts with a number that is JSON but one numeric
 * cannot hold: why json_value_valid refused v at `at`, if it did so. */
bool json_number_out_of_range(const char *v, size_t n, size_t at);

/* Splits the JSON object in text[0..len) into its top-level members.
 * Nested values are skipped over, not validated (the database parses the
 * payload). Returns the number of members and sets *members (caller frees
 * the array; entries point into text), or -1 when text is not an object. */
long json_object_members(const char *text, size_t len, struct json_member **members);
/* The same, and on -1 the byte offset in text where it stopped making
 * sense (len when the text ended too soon), for saying where. */
long json_object_members_at(const char *text, size_t len, struct json_member **members,
			    size_t *bad_at);

#endif
