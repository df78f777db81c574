/* libFuzzer harness for util/text: decoding, sanitising, width and fitting
 * must never crash, and what they produce must be safe for a terminal. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

static void assert_terminal_safe(const char *s, size_t n, int multiline)
{
	size_t i = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == '\n' && multiline)
			continue;
		if (text_is_unsafe(cp))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	struct strbuf out;
	char *copy;

	if (!initialised) {
		setlocale(LC_ALL, "C.UTF-8");
		initialised = 1;
	}
	if (size < 1)
		return 0;
	int flags = data[0] & (TEXT_MULTILINE | TEXT_ASCII | TEXT_TABS);
	int width = data[0] >> 3;
	data++;
	size--;

	sb_init(&out);
	text_sanitize(&out, (const char *)data, size, flags);
	if (strlen(out.buf) != out.len)
		abort(); /* no NUL may survive */
	assert_terminal_safe(out.buf, out.len, flags & TEXT_MULTILINE);
	if (!utf8_valid(out.buf, out.len))
		abort();

	copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	sb_reset(&out);
	text_fit(&out, copy, width, flags);
	if (width > 0 && text_width(out.buf) != width)
		abort(); /* fitted text is exactly as wide as asked */
	assert_terminal_safe(out.buf, out.len, 0);
	(void)utf8_length(copy, strlen(copy));
	free(copy);
	sb_done(&out);
	return 0;
}
