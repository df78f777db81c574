/* Unit tests for util/draft (atomic draft files), util/kept_text (a
 * ticket's unsent texts, by name) and util/json (payload string escaping
 * and the member scanner). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testdb.h"
#include "util/draft.h"
#include "util/json.h"
#include "util/kept_text.h"
#include "util/xalloc.h"

static char dir[64];

static void setup(void)
{
	strcpy(dir, "/tmp/ticketty-draft-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
}

static char *sub(const char *rest)
{
	return xasprintf("%s/%s", dir, rest);
}

START_TEST(save_and_load_keep_every_byte)
{
	struct draft d, back;
	struct tt_error err;
	tt_error_init(&err);
	draft_init(&d, "intake", "k-1");
	const char bytes[] = "line 1\nfield x 3\nend\n\0\xff café 日本";
	draft_set(&d, "description", bytes, sizeof(bytes) - 1);
	draft_set(&d, "title", "", 0);
	draft_set(&d, "title", "Second value", 12);
	char *dd = sub("a/b/drafts");
	ck_assert_int_eq(draft_save(dd, &d, true, &err), 0);
	ck_assert_int_eq(draft_load(dd, "k-1", &back, &err), 0);
	ck_assert_str_eq(back.kind, "intake");
	ck_assert_uint_eq(back.n, 2);
	size_t len;
	const char *v = draft_get(&back, "description", &len);
	ck_assert_uint_eq(len, sizeof(bytes) - 1);
	ck_assert_int_eq(memcmp(v, bytes, len), 0);
	ck_assert_str_eq(draft_get(&back, "title", NULL), "Second value");
	ck_assert_ptr_null(draft_get(&back, "os", NULL));
	/* private: directory 0700, file 0600, no temporary left behind */
	struct stat st;
	ck_assert_int_eq(stat(dd, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
	char *f = xasprintf("%s/k-1.draft", dd);
	ck_assert_int_eq(stat(f, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	char **ids;
	size_t n;
	ck_assert_int_eq(draft_list(dd, "intake", &ids, &n, &err), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(ids[0], "k-1");
	free(ids[0]);
	free(ids);
	free(f);
	free(dd);
	draft_done(&d);
	draft_done(&back);
}
END_TEST

START_TEST(list_newest_first_by_kind_and_delete)
{
	struct tt_error err;
	tt_error_init(&err);
	const char *names[] = { "old", "mid", "new" };
	for (int i = 0; i < 3; i++) {
		struct draft d;
		draft_init(&d, "intake", names[i]);
		draft_set(&d, "title", names[i], strlen(names[i]));
		ck_assert_int_eq(draft_save(dir, &d, i == 0, &err), 0);
		draft_done(&d);
		char *path = xasprintf("%s/%s.draft", dir, names[i]);
		char *cmd = xasprintf("touch -d '2026-01-0%d 10:00' '%s'", i + 1, path);
		ck_assert_int_eq(system(cmd), 0);
		free(cmd);
		free(path);
	}
	struct draft other;
	draft_init(&other, "reply", "r1");
	ck_assert_int_eq(draft_save(dir, &other, false, &err), 0);
	draft_done(&other);
	/* a damaged file is skipped, not removed */
	char *junk = sub("junk.draft");
	FILE *f = fopen(junk, "w");
	fputs("ticketty-draft 1\nfield title 99\nshort", f);
	fclose(f);

	char **ids;
	size_t n;
	ck_assert_int_eq(draft_list(dir, "intake", &ids, &n, &err), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(ids[0], "new");
	ck_assert_str_eq(ids[1], "mid");
	ck_assert_str_eq(ids[2], "old");
	for (size_t i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
	ck_assert_int_eq(access(junk, F_OK), 0);
	struct draft d;
	ck_assert_int_eq(draft_load(dir, "junk", &d, &err), 65);
	draft_done(&d);
	tt_error_clear(&err);

	ck_assert(draft_exists(dir, "mid"));
	ck_assert(draft_exists(dir, "junk"));   /* there, even damaged */
	ck_assert_int_eq(draft_delete(dir, "mid", &err), 0);
	ck_assert(!draft_exists(dir, "mid"));
	ck_assert_int_eq(draft_delete(dir, "mid", &err), 0);
	ck_assert_int_eq(draft_load(dir, "mid", &d, &err), 66);
	draft_done(&d);
	tt_error_clear(&err);
	/* names that could escape the directory are refused */
	ck_assert_int_eq(draft_load(dir, "../x", &d, &err), 66);
	ck_assert(!draft_exists(dir, "../new"));
	draft_done(&d);
	tt_error_clear(&err);
	free(junk);
	/* a missing directory holds no drafts */
	char *none = sub("nothing/here");
	ck_assert_int_eq(draft_list(none, "intake", &ids, &n, &err), 0);
	ck_assert_uint_eq(n, 0);
	free(ids);
	free(none);
}
END_TEST

START_TEST(directory_follows_xdg_state_home)
{
	setenv("XDG_STATE_HOME", "/srv/state", 1);
	char *d = draft_dir();
	ck_assert_str_eq(d, "/srv/state/ticketty/drafts");
	free(d);
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/u", 1);
	d = draft_dir();
	ck_assert_str_eq(d, "/home/u/.local/state/ticketty/drafts");
	free(d);
}
END_TEST

/* The names the command line and both views share: a text kept by one
 * is found by the others under the same name. */
START_TEST(kept_texts_have_one_name_each_and_round_trip)
{
	static const struct { enum kept_for what; const char *name; } names[] = {
		{ KEPT_ACK, "ack-42" }, { KEPT_REPLY, "reply-42" }, { KEPT_NOTE, "note-42" },
		{ KEPT_RESOLVE, "resolve-42" }, { KEPT_ASK, "ask-42" }, { KEPT_ESCALATE, "escalate-42" },
		{ KEPT_ESC_RESOLVE, "escalation-resolve-42" }, { KEPT_ESC_UP, "escalation-up-42" },
		{ KEPT_ESC_HAND, "escalation-hand-42" },
	};
	char name[KEPT_NAME_MAX];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		kept_text_name(name, names[i].what, 42);
		ck_assert_str_eq(name, names[i].name);
	}
	kept_text_name(name, KEPT_ESC_HAND, 9223372036854775807LL);
	ck_assert_str_eq(name, "escalation-hand-9223372036854775807");

	setenv("XDG_STATE_HOME", dir, 1);
	kept_text_name(name, KEPT_ESC_UP, 7);
	ck_assert_ptr_null(kept_text_load(name));
	struct tt_error err;
	tt_error_init(&err);
	ck_assert_int_eq(kept_text_save(name, "Beyond my authority", &err), 0);
	char *text = kept_text_load(name), *where = kept_text_where(name), *file = sub("ticketty/drafts/text-escalation-up-7.draft");
	ck_assert_str_eq(text, "Beyond my authority");
	ck_assert_str_eq(where, file);
	ck_assert_int_eq(access(file, F_OK), 0);
	/* another step of the same ticket keeps nothing */
	kept_text_name(name, KEPT_ESC_RESOLVE, 7);
	ck_assert_ptr_null(kept_text_load(name));
	kept_text_name(name, KEPT_ESC_UP, 7);
	kept_text_forget(name);
	ck_assert_ptr_null(kept_text_load(name));
	ck_assert_int_ne(access(file, F_OK), 0);
	/* keeping no text removes what was kept */
	ck_assert_int_eq(kept_text_save(name, "Beyond my authority", &err), 0);
	ck_assert_int_eq(kept_text_save(name, NULL, &err), 0);
	ck_assert_ptr_null(kept_text_load(name));
	ck_assert_int_ne(access(file, F_OK), 0);
	free(text);
	free(where);
	free(file);
	tt_error_clear(&err);
	unsetenv("XDG_STATE_HOME");
}
END_TEST

START_TEST(json_strings_are_escaped_per_rfc8259)
{
	struct strbuf sb;
	sb_init(&sb);
	const char in[] = "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f é";
	json_add_string(&sb, in, sizeof(in) - 1);
	ck_assert_str_eq(sb.buf, "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f é\"");
	sb_reset(&sb);
	json_add_string(&sb, "a\0b", 3);
	ck_assert_str_eq(sb.buf, "\"a\\u0000b\"");
	sb_done(&sb);
}
END_TEST

START_TEST(json_members_are_found_with_their_raw_values)
{
	const char doc[] = " { \"a\" : [1, {\"x\": \"]}\"}] , \"b\":\"s\\\"t\",\"c\":-1.5e3,\"d\":null } ";
	struct json_member *m;
	long n = json_object_members(doc, sizeof(doc) - 1, &m);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq((int)m[0].key_len, 1);
	ck_assert_int_eq(memcmp(m[0].value, "[1, {\"x\": \"]}\"}]", m[0].value_len), 0);
	ck_assert_int_eq(memcmp(m[1].value, "\"s\\\"t\"", m[1].value_len), 0);
	ck_assert_int_eq(memcmp(m[2].value, "-1.5e3", m[2].value_len), 0);
	ck_assert_int_eq(memcmp(m[3].value, "null", m[3].value_len), 0);
	ck_assert(!m[0].has_nul && !m[1].has_nul);
	free(m);
	const char *bad[] = { "", "[1]", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":1} x", "{a:1}" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(json_object_members(bad[i], strlen(bad[i]), &m), -1);
		ck_assert_ptr_null(m);
	}
	/* and where each one stops making sense (len: it ends too soon) */
	const size_t at[] = { 0, 0, 6, 5, 7, 8, 1 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		size_t bad_at = 99;
		ck_assert_int_eq(json_object_members_at(bad[i], strlen(bad[i]), &m, &bad_at), -1);
		ck_assert_msg(bad_at == at[i], "%s: at %zu, want %zu", bad[i], bad_at, at[i]);
	}
	ck_assert_int_eq(json_object_members("{}", 2, &m), 0);
	free(m);
	const char nul[] = "{\"a\":\"x\\u0000\",\"b\":\"\\\\u0000\"}";
	ck_assert_int_eq(json_object_members(nul, sizeof(nul) - 1, &m), 2);
	ck_assert(m[0].has_nul);
	ck_assert(!m[1].has_nul);
	free(m);
}
END_TEST

static Suite *draft_suite(void)
{
	Suite *s = suite_create("draft");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, save_and_load_keep_every_byte);
	tcase_add_test(tc, list_newest_first_by_kind_and_delete);
	tcase_add_test(tc, directory_follows_xdg_state_home);
	tcase_add_test(tc, kept_texts_have_one_name_each_and_round_trip);
	tcase_add_test(tc, json_strings_are_escaped_per_rfc8259);
	tcase_add_test(tc, json_members_are_found_with_their_raw_values);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(draft_suite)
