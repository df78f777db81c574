/* A growable, always NUL-terminated byte string. */
#ifndef TICKETTY_UTIL_STRBUF_H
#define TICKETTY_UTIL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct strbuf {
	char *buf;   /* never NULL after sb_init; owned by the strbuf */
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_done(struct strbuf *sb);          /* frees the buffer */
void sb_reset(struct strbuf *sb);         /* empties, keeps the memory */
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
/* Appends everything left in f; false when reading failed (ferror). */
bool sb_add_stream(struct strbuf *sb, FILE *f);
/* The same, but stops once more than `max` bytes were read (*over set,
 * sb holding max + 1 of them): an endless or huge input (/dev/zero, `yes`)
 * is refused without taking the memory it would. */
bool sb_add_stream_max(struct strbuf *sb, FILE *f, size_t max, bool *over);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_truncate(struct strbuf *sb, size_t len);
void sb_trim_spaces(struct strbuf *sb);   /* drops the spaces at its end */
/* Hands the buffer to the caller (who frees it) and leaves sb empty and
 * usable without holding any memory, so `return sb_detach(&sb);` leaks
 * nothing; a later sb_done is harmless. */
char *sb_detach(struct strbuf *sb);

#endif
