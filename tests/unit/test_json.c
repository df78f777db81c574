/* Unit tests for util/json's strict value reader (json_value_valid) and
 * for what intake_payload_from_json makes of a --json document whose
 * members PostgreSQL would not read: each such member is refused by its
 * name, with where it goes wrong, instead of the database refusing the
 * whole ticket with "invalid input syntax for type json" and no field;
 * and a document that starts with a byte order mark is read. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "model/intake.h"
#include "util/error.h"
#include "util/json.h"
#include "util/strbuf.h"

static bool valid(const char *v, size_t *at)
{
	return json_value_valid(v, strlen(v), at);
}

START_TEST(values_postgresql_reads)
{
	static const char *const good[] = {
		"\"\"", "\"Firefox 133\"", "\"tab\\tand \\\"quotes\\\" \\\\ \\/ \\b\\f\\n\\r\"",
		"\"\\u00e9 \\ud83d\\ude00\"", "\"caf\xc3\xa9\"", "0", "-0", "12", "-1.5", "1e3", "2E-7",
		"1.25e+10", "true", "false", "null", "[]", "{}", "[1, \"a\", null]",
		" [ {\"k\" : [ ] } , 2 ] ", "{\"a\":{\"b\":[true,false]}}",
		/* numbers at the edges of what PostgreSQL's numeric holds */
		"1e131071", "-9.9e131071", "0.0001e131075", "0e131072", "0e1073741822", "1e-16383",
		"-0.0e-16382", "1E+0000000000000000000131071",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		size_t at = 0;
		ck_assert_msg(valid(good[i], &at), "refused %s at %zu", good[i], at);
	}
}
END_TEST

START_TEST(values_postgresql_refuses_and_where)
{
	static const struct {
		const char *v;
		size_t at;
	} bad[] = {
		{ "\"a\tb\"", 2 },           /* a raw tab must be escaped */
		{ "\"a\x1b[2Jb\"", 2 },      /* so must ESC */
		{ "\"a\\qb\"", 2 },          /* no such escape */
		{ "\"a\\u12\"", 2 },         /* too few hex digits */
		{ "\"\\ud800\"", 1 },        /* a high surrogate alone */
		{ "\"\\ud800\\u0041\"", 1 }, /* followed by no low one */
		{ "\"\\udc00\"", 1 },        /* a low surrogate first */
		{ "\"open", 5 },             /* never closed */
		{ "01", 1 },
		{ "+1", 0 },
		{ ".5", 0 },
		{ "1.", 2 },
		{ "1e", 2 },
		{ "1x", 1 },
		{ "-", 1 },
		{ "tru", 0 },
		{ "True", 0 },
		{ "nulls", 4 },
		{ "NaN", 0 },
		{ "'a'", 0 },
		{ "[1,]", 3 },
		{ "[1 2]", 3 },
		{ "[1", 2 },
		{ "{\"a\":}", 5 },
		{ "{\"a\" 1}", 5 },
		{ "{a:1}", 1 },
		{ "{\"a\":1,}", 7 },
		{ "1 2", 2 },
		{ "", 0 },
		/* JSON, but numbers numeric cannot hold ("value overflows
		 * numeric format"): where the number starts */
		{ "1e131072", 0 },
		{ "-10e131071", 0 },
		{ "0.0001e131076", 0 },
		{ "1e-16384", 0 },
		{ "1.5e-16383", 0 },
		{ "-0.0e-16383", 0 },
		{ "0e1073741823", 0 },
		{ "0e-1073741822", 0 },
		{ "1e99999999999999999999", 0 },
		{ "[1, 1e200000]", 4 },
		{ "{\"a\": [1e-200000]}", 7 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t at = 99;
		ck_assert_msg(!valid(bad[i].v, &at), "took %s", bad[i].v);
		ck_assert_msg(at == bad[i].at, "%s: at %zu, not %zu", bad[i].v, at, bad[i].at);
	}
	/* nesting as deep as a payload may go, and one more */
	struct strbuf deep;
	sb_init(&deep);
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		sb_addc(&deep, '[');
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		sb_addc(&deep, ']');
	size_t at;
	ck_assert(json_value_valid(deep.buf, deep.len, &at));
	sb_reset(&deep);
	for (int i = 0; i <= JSON_MAX_DEPTH; i++)
		sb_addc(&deep, '[');
	for (int i = 0; i <= JSON_MAX_DEPTH; i++)
		sb_addc(&deep, ']');
	ck_assert(!json_value_valid(deep.buf, deep.len, &at));
	ck_assert_uint_eq(at, JSON_MAX_DEPTH);
	/* as many digits after the point as numeric keeps, and one more */
	sb_reset(&deep);
	sb_add(&deep, "1.");
	for (int i = 0; i < 16383; i++)
		sb_addc(&deep, '0');
	ck_assert(json_value_valid(deep.buf, deep.len, &at));
	sb_addc(&deep, '0');
	ck_assert(!json_value_valid(deep.buf, deep.len, &at));
	ck_assert_uint_eq(at, 0);
	ck_assert(json_number_out_of_range(deep.buf, deep.len, 0));
	sb_done(&deep);
	/* why: a number out of range, not a malformed one */
	ck_assert(json_number_out_of_range("[1e131072]", 10, 1));
	ck_assert(!json_number_out_of_range("[1e131071]", 10, 1));
	ck_assert(!json_number_out_of_range("[01]", 4, 1));
	ck_assert(!json_number_out_of_range("[1e]", 4, 1));
	ck_assert(!json_number_out_of_range("[x]", 3, 1));
}
END_TEST

/* The refused field of `bad` named `name`, or NULL. */
static const struct tt_field_error *field(const struct tt_error *bad, const char *name)
{
	for (size_t i = 0; i < bad->nfields; i++)
		if (!strcmp(bad->fields[i].field, name))
			return &bad->fields[i];
	return NULL;
}

START_TEST(document_members_refused_by_name)
{
	const char doc[] = "{\"customer\": \"Acme\",\n"
			   " \"title\": \"Blank\tplacements\",\n"
			   " \"member_id\": 01200,\n"
			   " \"object_ids\": [1, 2,],\n"
			   " \"os\": \"\\ud800\",\n"
			   " \"impact\": \"fine\"}";
	struct strbuf js;
	struct tt_error bad, err;
	sb_init(&js);
	tt_error_init(&bad);
	tt_error_init(&err);
	ck_assert_int_eq(intake_payload_from_json(doc, sizeof(doc) - 1, &js, &bad, &err), 0);
	ck_assert_uint_eq(bad.nfields, 4);
	const struct tt_field_error *f = field(&bad, "title");
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->code, "not_json");
	ck_assert_str_eq(f->message, "see line 2, column 17");
	ck_assert_str_eq(field(&bad, "member_id")->message, "see line 3, column 16");
	ck_assert_str_eq(field(&bad, "object_ids")->message, "see line 4, column 22");
	ck_assert_str_eq(field(&bad, "os")->message, "see line 5, column 9");
	/* what the command prints for it */
	struct strbuf line;
	sb_init(&line);
	tt_field_error_text(f, &line);
	ck_assert_str_eq(line.buf, "title: is not valid JSON (see line 2, column 17)");
	/* the members that can be read go on, to be judged with the rest */
	ck_assert_str_eq(js.buf, "{\"customer\":\"Acme\",\"impact\":\"fine\"}");
	/* a key PostgreSQL would not read names no field: the ticket */
	sb_reset(&js);
	tt_error_clear(&bad);
	const char key[] = "{\"ti\ttle\": \"x\"}";
	ck_assert_int_eq(intake_payload_from_json(key, sizeof(key) - 1, &js, &bad, &err), 0);
	ck_assert_uint_eq(bad.nfields, 1);
	ck_assert_str_eq(bad.fields[0].field, "ticket");
	ck_assert_str_eq(bad.fields[0].code, "not_json");
	/* a key holding a \u0000 escape, which jsonb refuses ("unsupported
	 * Unicode escape sequence"), and numbers numeric cannot hold ("value
	 * overflows numeric format"): each named, not sent */
	sb_reset(&js);
	tt_error_clear(&bad);
	const char nul[] = "{\"ti\\u0000tle\": \"x\", \"member_id\": 1e131072,"
			   " \"object_ids\": [1, 1e-16384], \"bidder_id\": 1e131071, \"impact\": \"fine\"}";
	ck_assert_int_eq(intake_payload_from_json(nul, sizeof(nul) - 1, &js, &bad, &err), 0);
	ck_assert_uint_eq(bad.nfields, 3);
	ck_assert_str_eq(bad.fields[0].field, "ti\\u0000tle");
	ck_assert_str_eq(bad.fields[0].code, "nul_byte");
	ck_assert_str_eq(field(&bad, "member_id")->code, "out_of_range");
	ck_assert_str_eq(field(&bad, "object_ids")->code, "out_of_range");
	sb_reset(&line);
	tt_field_error_text(field(&bad, "member_id"), &line);
	ck_assert_str_eq(line.buf, "member_id: is out of range");
	ck_assert_str_eq(js.buf, "{\"bidder_id\":1e131071,\"impact\":\"fine\"}");
	sb_done(&line);
	sb_done(&js);
	tt_error_clear(&bad);
	tt_error_clear(&err);
}
END_TEST

START_TEST(byte_order_mark_is_no_part_of_the_document)
{
	const char doc[] = "\xef\xbb\xbf{\"title\": \"Blank placements\"}";
	struct strbuf js;
	struct tt_error bad, err;
	sb_init(&js);
	tt_error_init(&bad);
	tt_error_init(&err);
	ck_assert_int_eq(intake_payload_from_json(doc, sizeof(doc) - 1, &js, &bad, &err), 0);
	ck_assert_uint_eq(bad.nfields, 0);
	ck_assert_str_eq(js.buf, "{\"title\":\"Blank placements\"}");
	sb_done(&js);
	tt_error_clear(&bad);
	tt_error_clear(&err);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, values_postgresql_reads);
	tcase_add_test(tc, values_postgresql_refuses_and_where);
	tcase_add_test(tc, document_members_refused_by_name);
	tcase_add_test(tc, byte_order_mark_is_no_part_of_the_document);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(json_suite)
