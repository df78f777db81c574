/* libFuzzer harness for the intake payload builders: whatever the user
 * typed (or fed with ticket new --json), the payload sent to the database
 * is valid UTF-8 without NUL, splits back into exactly the members that
 * were kept, and every refused value is named as a bad field. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/intake.h"
#include "util/json.h"
#include "util/text.h"

static const char *const names[] = { "title", "description", "object_ids", "member_id",
				     "browser", "screenshots" };

static void check_payload(const struct strbuf *json)
{
	struct json_member *m = NULL;

	if (strlen(json->buf) != json->len || !utf8_valid(json->buf, json->len))
		abort();
	long n = json_object_members(json->buf, json->len, &m);
	if (n < 0)
		abort();
	for (long i = 0; i < n; i++)
		if (m[i].has_nul)
			abort();
	free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf json;
	struct tt_error bad, err;
	struct intake_value values[6];
	size_t nvalues = 0, start = 0;

	/* 1. typed values: the input split at 0xFF bytes into up to six fields */
	for (size_t i = 0; i <= size && nvalues < 6; i++) {
		if (i == size || data[i] == 0xFF) {
			values[nvalues].name = names[nvalues];
			values[nvalues].text = (const char *)data + start;
			values[nvalues].len = i - start;
			nvalues++;
			start = i + 1;
		}
	}
	sb_init(&json);
	tt_error_init(&bad);
	intake_payload_build(NULL, values, nvalues, "fuzz-key", &json, &bad);
	check_payload(&json);
	for (size_t i = 0; i < bad.nfields; i++)
		if (strcmp(bad.fields[i].code, "invalid_utf8") && strcmp(bad.fields[i].code, "nul_byte"))
			abort();
	tt_error_clear(&bad);

	/* 2. the same bytes as a JSON document */
	sb_reset(&json);
	tt_error_init(&err);
	if (intake_payload_from_json((const char *)data, size, &json, &bad, &err) == 0)
		check_payload(&json);
	tt_error_clear(&bad);
	tt_error_clear(&err);
	sb_done(&json);
	return 0;
}
