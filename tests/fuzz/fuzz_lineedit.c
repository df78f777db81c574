/* libFuzzer harness for util/lineedit: any sequence of insertions and
 * editing operations keeps the cursor on a position inside the text, the
 * text NUL-terminated at its length, and the drawing helpers in bounds. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/lineedit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int initialised;
	struct lineedit le;

	if (!initialised) {
		setlocale(LC_ALL, "C.UTF-8");
		initialised = 1;
	}
	if (size < 1)
		return 0;
	le_init(&le, data[0] & 1);
	for (size_t i = 1; i < size;) {
		uint8_t b = data[i++];
		if (b < 0x40) {
			/* an operation */
			le_apply(&le, (enum le_op)(b % (LE_NEWLINE + 1)));
		} else {
			/* insert the next few bytes as typed text */
			size_t n = (size_t)(b & 7) + 1;
			if (n > size - i)
				n = size - i;
			le_insert(&le, (const char *)data + i, n);
			i += n;
		}
		if (le.cursor > le_len(&le) || le_text(&le)[le_len(&le)] != '\0')
			abort();
		size_t row = le_cursor_row(&le), s, e;
		if (row >= le_lines(&le) || !le_line(&le, row, &s, &e) || s > le.cursor || le.cursor > e)
			abort();
		if (le_cursor_column(&le) < 0 || le_offset_for_cells(&le, s, 3) > e)
			abort();
	}
	le_done(&le);
	return 0;
}
