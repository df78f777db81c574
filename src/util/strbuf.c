/* Growable strings used wherever text is assembled. */
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* What a strbuf points to when it owns no memory (cap 0, after
 * sb_detach): always "", never written. */
static char no_memory[1];

static void sb_reserve(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->cap) {
		if (sb->cap == 0)
			sb->buf = NULL;  /* never realloc no_memory */
		sb->buf = xgrow(sb->buf, &sb->cap, sb->len + extra + 1, 1);
	}
}

void sb_init(struct strbuf *sb)
{
	sb->cap = 64;
	sb->len = 0;
	sb->buf = xmalloc(sb->cap);
	sb->buf[0] = '\0';
}

void sb_done(struct strbuf *sb)
{
	if (sb->cap)
		free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->cap)
		sb->buf[0] = '\0';
}

void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

bool sb_add_stream_max(struct strbuf *sb, FILE *f, size_t max, bool *over)
{
	char buf[8192];
	size_t n, got = 0;
	*over = false;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (n > max + 1 - got)
			n = max + 1 - got;
		sb_addn(sb, buf, n);
		got += n;
		if (got > max) {
			*over = true;
			return true;
		}
	}
	return !ferror(f);
}

bool sb_add_stream(struct strbuf *sb, FILE *f)
{
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(sb, buf, n);
	return !ferror(f);
}

void sb_add(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_addn(sb, &c, 1);
}

void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n <= 0)
		return;
	sb_reserve(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void sb_truncate(struct strbuf *sb, size_t len)
{
	if (len < sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

void sb_trim_spaces(struct strbuf *sb)
{
	size_t n = sb->len;
	while (n && sb->buf[n - 1] == ' ')
		n--;
	sb_truncate(sb, n);
}

char *sb_detach(struct strbuf *sb)
{
	char *s = sb->cap ? sb->buf : xstrdup("");
	sb->buf = no_memory;
	sb->len = sb->cap = 0;
	return s;
}
