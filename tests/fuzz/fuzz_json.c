/* libFuzzer harness for util/json and the intake payload: any bytes
 * escape to a JSON string literal that decodes back to exactly those bytes
 * and holds no raw control character; the member scanner never reads out
 * of bounds and its members lie inside the input; the strict value reader
 * takes every string literal json_add_string writes of valid UTF-8, and
 * says where it stops inside the input. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/intake.h"
#include "util/json.h"
#include "util/text.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes the literal json_add_string wrote; aborts on anything else. */
static void check_roundtrip(const char *lit, size_t n, const uint8_t *orig, size_t size)
{
	size_t o = 0;
	if (n < 2 || lit[0] != '"' || lit[n - 1] != '"')
		abort();
	for (size_t i = 1; i + 1 < n; i++) {
		unsigned char c = (unsigned char)lit[i], d;
		if (c < 0x20 || c == '"')
			abort();
		if (c == '\\') {
			char e = lit[++i];
			switch (e) {
			case '"': d = '"'; break;
			case '\\': d = '\\'; break;
			case 'b': d = '\b'; break;
			case 'f': d = '\f'; break;
			case 'n': d = '\n'; break;
			case 'r': d = '\r'; break;
			case 't': d = '\t'; break;
			case 'u':
				if (i + 4 >= n || lit[i + 1] != '0' || lit[i + 2] != '0')
					abort();
				d = (unsigned char)(hexval(lit[i + 3]) * 16 + hexval(lit[i + 4]));
				i += 4;
				break;
			default:
				abort();
			}
		} else {
			d = c;
		}
		if (o >= size || orig[o++] != d)
			abort();
	}
	if (o != size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb;
	struct json_member *m;

	sb_init(&sb);
	json_add_string(&sb, (const char *)data, size);
	check_roundtrip(sb.buf, sb.len, data, size);

	size_t at;
	if (utf8_valid((const char *)data, size) && !json_value_valid(sb.buf, sb.len, &at))
		abort();
	if (!json_value_valid((const char *)data, size, &at) && at > size)
		abort();

	long n = json_object_members((const char *)data, size, &m);
	for (long i = 0; i < n; i++) {
		const char *lo = (const char *)data, *hi = lo + size;
		if (m[i].key < lo || m[i].key + m[i].key_len > hi || m[i].value < lo ||
		    m[i].value + m[i].value_len > hi || m[i].value_len == 0)
			abort();
	}
	free(m);

	/* the payload rebuilt from a document never carries a refused byte */
	struct tt_error bad, err;
	tt_error_init(&bad);
	tt_error_init(&err);
	sb_reset(&sb);
	if (intake_payload_from_json((const char *)data, size, &sb, &bad, &err) == 0 &&
	    memchr(sb.buf, '\0', sb.len))
		abort();
	tt_error_clear(&bad);
	tt_error_clear(&err);
	sb_done(&sb);
	return 0;
}
