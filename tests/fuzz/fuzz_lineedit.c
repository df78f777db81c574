/* libFuzzer harness for the field editor: any sequence of keystrokes and
 * pastes keeps the cursor on a character boundary inside the text, keeps a
 * single-line field free of line breaks, and never loses the buffer. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/lineedit.h"
#include "util/text.h"

static void check(const struct lineedit *le)
{
	size_t len = le_len(le);
	const char *s = le_text(le);
	uint32_t cp;

	if (le->cursor > len || strlen(s) != len)  /* no NUL: it would cut the text */
		abort();
	if (le->cursor < len && le->cursor > 0) {
		/* the cursor may not sit inside a multi-byte sequence of valid text */
		size_t i = 0;
		while (i < le->cursor)
			i += utf8_decode(s + i, len - i, &cp);
		if (i != le->cursor)
			abort();
	}
	if (!le->multiline && memchr(s, '\n', len))
		abort();
	if (le_cursor_row(le) >= le_lines(le))
		abort();
	if (le_cursor_column(le) < 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	struct lineedit le;
	size_t i = 0;

	if (!initialised) {
		setlocale(LC_ALL, "C.UTF-8");
		initialised = 1;
	}
	if (size == 0)
		return 0;
	le_init(&le, data[0] & 1);
	i = 1;
	/* yanking again and again grows the text geometrically (each check
	 * walks all of it): past 64 KiB, which no field holds, the rest of
	 * the input is left out (a 268 s unit stalled a 10-minute run) */
	while (i < size && le_len(&le) <= 65536) {
		uint8_t b = data[i++];
		if (b < 0x20) {
			/* control byte: an editing operation or a Ctrl key */
			int op = le_op_for_control(b);
			if (op >= 0)
				le_apply(&le, (enum le_op)op);
			else
				le_apply(&le, (enum le_op)(b % (LE_NEWLINE + 1)));
		} else {
			/* a run of typed bytes up to the next control byte */
			size_t start = i - 1;
			while (i < size && data[i] >= 0x20)
				i++;
			le_insert(&le, (const char *)data + start, i - start);
		}
		check(&le);
	}
	size_t row_start, row_end;
	for (size_t r = 0; r < le_lines(&le); r++)
		if (!le_line(&le, r, &row_start, &row_end) || row_end < row_start || row_end > le_len(&le))
			abort();
	le_done(&le);
	return 0;
}
