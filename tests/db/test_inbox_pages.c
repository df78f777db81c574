/* Database tests of the inbox's pages (model/inbox_page.c, sql/820):
 * more mail than the old 500-row read held, both lists paged by keyset
 * in either direction in the order of received_at then id (ties and
 * ids out of received order included), every mail once; the bounded
 * count; the text filter on the sender and the subject (LIKE's
 * wildcards typed are plain characters); and `ticketty inbox list`
 * --limit / --after in text and JSON, whose `next:` reaches every mail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/inbox_page.h"
#include "testdb.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define HELD 1234   /* past the count's bound */
#define OPEN 640    /* inbox and asked */
#define STR_(x) #x
#define STR(x) STR_(x)

/* HELD held mails from unknown senders and OPEN open ones, interleaved in
 * time, three to a received instant (ties broken by id), the instants of
 * each block of ten inserted newest first (ids out of received order);
 * one held mail in ten from "Invoice Bot" with "INVOICE" in its subject,
 * five held mails whose subject holds a literal "50%_off"; threaded and
 * refused mail that neither list shows. */
static void fixture(void)
{
	testdb_create();
	testdb_agent("ip_alice", "engineer");
	testdb_sql(
		"INSERT INTO mail_inbound (message_id, raw, received_at, from_address, from_name, subject,"
		"                          state, hold_reason)"
		" SELECT '<h' || g || '@spam.example>', 'x',"
		"        timestamptz '2027-01-04 09:00+00' + ((g / 10) * 10 + 9 - g % 10) / 3 * interval '1 minute',"
		"        'sender' || g || '@junk.example', CASE WHEN g % 10 = 0 THEN 'Invoice Bot' ELSE 'Promo ' || g END,"
		"        CASE WHEN g % 10 = 0 THEN 'Your INVOICE ' || g WHEN g % 250 = 7 THEN 'Save 50%_off now '"
		"             ELSE 'Offer ' || g END, 'held', 'unknown_sender'"
		"   FROM generate_series(1, " STR(HELD) ") g;"
		"INSERT INTO mail_inbound (message_id, raw, received_at, from_address, from_name, subject, state)"
		" SELECT '<o' || g || '@acme.example>', 'x',"
		"        timestamptz '2027-01-04 09:00+00' + ((g / 10) * 10 + 9 - g % 10) / 3 * interval '1 minute'"
		"        + interval '20 seconds',"
		"        'carla' || g || '@acme.example', 'Carla ' || g, 'Blank placements ' || g,"
		"        CASE WHEN g % 4 = 0 THEN 'asked' ELSE 'inbox' END"
		"   FROM generate_series(1, " STR(OPEN) ") g;"
		"INSERT INTO mail_inbound (message_id, raw, received_at, from_address, subject, state)"
		" SELECT '<t' || g || '@acme.example>', 'x', timestamptz '2027-01-04 09:00+00' + g * interval '1 minute',"
		"        'carla@acme.example', 'Re: Invoice ' || g, CASE WHEN g % 2 = 0 THEN 'threaded' ELSE 'refused' END"
		"   FROM generate_series(1, 50) g;");
}

/* The ids of a list in the reference order, by plain SQL. */
static char *expected(const char *where)
{
	char *sql = xasprintf("SELECT coalesce(string_agg(id::text, ',' ORDER BY received_at, id), '')"
			      "  FROM ticketty.mail_inbound WHERE %s", where);
	char *v = testdb_value(sql, 0, NULL);
	free(sql);
	return v ? v : xstrdup("");
}

/* Fails unless the id lists are equal, saying where they part (the lists
 * are too long for a whole message). */
static void same_ids(const char *got, const char *want)
{
	size_t i = 0;
	while (got[i] && got[i] == want[i])
		i++;
	size_t from = i > 40 ? i - 40 : 0;
	ck_assert_msg(!got[i] && !want[i], "the ids part at offset %zu:\n got ...%.80s\nwant ...%.80s", i,
		      got + from, want + from);
}

static void append_ids(struct strbuf *sb, const struct inbox_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		sb_addf(sb, "%s%lld", sb->len ? "," : "", l->items[i].id);
}

static struct inbox_key key_of(const struct inbox_item *it)
{
	return (struct inbox_key){ it->received_us, it->id };
}

/* Every mail of the list forward `per` at a time, then backward from the
 * last page: both give `want`. */
static void walk_both_ways(struct db *db, const struct inbox_filter *f, int per, const char *want)
{
	struct inbox_list page;
	struct tt_error err;
	struct strbuf fwd, acc, back;

	inbox_list_init(&page);
	tt_error_init(&err);
	sb_init(&fwd);
	sb_init(&acc);
	sb_init(&back);
	ck_assert_int_eq(inbox_fetch(db, f, INBOX_FIRST, NULL, per, &page, NULL, &err), 0);
	while (page.n > 0) {
		ck_assert_int_le(page.n, per);
		append_ids(&fwd, &page);
		struct inbox_key k = key_of(&page.items[page.n - 1]);
		ck_assert_int_eq(inbox_fetch(db, f, INBOX_AFTER, &k, per, &page, NULL, &err), 0);
	}
	same_ids(fwd.buf, want);

	ck_assert_int_eq(inbox_fetch(db, f, INBOX_LAST, NULL, per, &page, NULL, &err), 0);
	while (page.n > 0) {
		sb_reset(&back);
		append_ids(&back, &page);
		if (acc.len)
			sb_addf(&back, ",%s", acc.buf);
		sb_reset(&acc);
		sb_add(&acc, back.buf);
		struct inbox_key k = key_of(&page.items[0]);
		ck_assert_int_eq(inbox_fetch(db, f, INBOX_BEFORE, &k, per, &page, NULL, &err), 0);
	}
	same_ids(acc.buf, want);
	inbox_list_done(&page);
	sb_done(&fwd);
	sb_done(&acc);
	sb_done(&back);
}

START_TEST(both_lists_page_through_every_mail_in_order)
{
	struct inbox_filter f;
	struct inbox_list page;
	struct tt_error err;

	fixture();
	struct db *db = testdb_open("ip_alice");
	inbox_filter_init(&f);
	inbox_list_init(&page);
	tt_error_init(&err);

	/* the order is not the ids' (and more mail than the old 500-row read) */
	char *held = expected("state = 'held'");
	char *by_id = testdb_value("SELECT string_agg(id::text, ',' ORDER BY id) FROM ticketty.mail_inbound"
				   " WHERE state = 'held'", 0, NULL);
	ck_assert_str_ne(held, by_id);
	free(by_id);

	f.held = true;
	walk_both_ways(db, &f, 13, held);
	f.held = false;
	char *open = expected("state IN ('inbox', 'asked')");
	walk_both_ways(db, &f, 17, open);

	/* INBOX_AT includes the key's own mail; the last page ends with the newest */
	f.held = true;
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 5, &page, NULL, &err), 0);
	struct inbox_key third = key_of(&page.items[2]);
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_AT, &third, 2, &page, NULL, &err), 0);
	ck_assert_int_eq(page.n, 2);
	ck_assert_int_eq(page.items[0].id, third.id);
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_LAST, NULL, 3, &page, NULL, &err), 0);
	char *newest = testdb_value("SELECT id FROM ticketty.mail_inbound WHERE state = 'held'"
				    " ORDER BY received_at DESC, id DESC LIMIT 1", 0, NULL);
	ck_assert_int_eq(page.items[2].id, atoll(newest));
	free(newest);

	/* the count: exact up to the bound, one past it beyond */
	long n = -1;
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 1, &page, &n, &err), 0);
	ck_assert_int_eq(n, INBOX_COUNT_CAP + 1);
	f.held = false;
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 1, &page, &n, &err), 0);
	ck_assert_int_eq(n, OPEN);

	inbox_list_done(&page);
	inbox_filter_done(&f);
	free(held);
	free(open);
	db_close(db);
}
END_TEST

START_TEST(the_filter_finds_a_piece_of_the_sender_or_subject)
{
	struct inbox_filter f;
	struct inbox_list page;
	struct tt_error err;
	long n = -1;

	fixture();
	struct db *db = testdb_open("ip_alice");
	inbox_filter_init(&f);
	inbox_list_init(&page);
	tt_error_init(&err);
	f.held = true;

	/* any case, in the sender's name or the subject; held mail only */
	inbox_filter_text(&f, "invoice");
	char *want = expected("state = 'held' AND (from_name = 'Invoice Bot')");
	walk_both_ways(db, &f, 7, want);
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 1, &page, &n, &err), 0);
	ck_assert_int_eq(n, HELD / 10);
	free(want);
	/* the sender's address */
	inbox_filter_text(&f, "SENDER12@JUNK");
	want = expected("state = 'held' AND from_address LIKE 'sender12@junk%'");
	walk_both_ways(db, &f, 7, want);
	free(want);
	/* no piece spans the sender and the subject */
	inbox_filter_text(&f, "bot\nyour");
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 5, &page, &n, &err), 0);
	ck_assert_int_eq(page.n, 0);
	ck_assert_int_eq(n, 0);
	/* % and _ are the characters typed, not LIKE's wildcards */
	inbox_filter_text(&f, "50%_off");
	want = expected("state = 'held' AND subject LIKE 'Save 50\\%\\_off%'");
	walk_both_ways(db, &f, 2, want);
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 1, &page, &n, &err), 0);
	ck_assert_int_eq(n, 5);
	free(want);
	inbox_filter_text(&f, "5_%");
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 5, &page, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	/* the open list with the same filter: its own mail */
	f.held = false;
	inbox_filter_text(&f, "carla 1");
	want = expected("state IN ('inbox', 'asked') AND from_name LIKE 'Carla 1%'");
	walk_both_ways(db, &f, 9, want);
	free(want);
	/* an empty text is no filter */
	inbox_filter_text(&f, "");
	ck_assert(!inbox_filter_has_text(&f));
	ck_assert_int_eq(inbox_fetch(db, &f, INBOX_FIRST, NULL, 1, &page, &n, &err), 0);
	ck_assert_int_eq(n, OPEN);

	inbox_list_done(&page);
	inbox_filter_done(&f);
	db_close(db);
}
END_TEST

/* Runs `inbox list ARGS` and appends the ids it printed to `ids`; returns
 * the id of its `next:` line, 0 when it has none. */
static long long cli_page(const char *args, struct strbuf *ids, int *rows)
{
	ck_assert_msg(testdb_cli("ip_alice", NULL, args) == 0, "%s: %s", args, testdb_stderr());
	long long next = 0;
	*rows = 0;
	for (const char *line = testdb_stdout(); *line;) {
		const char *nl = strchr(line, '\n');
		if (!strncmp(line, "next: ", 6)) {
			ck_assert_msg(nl && !nl[1], "%s: next: is not the last line:\n%.300s", args, nl);
			next = atoll(line + 6);
		} else if (*line >= '0' && *line <= '9') {
			sb_addf(ids, "%s%lld", ids->len ? "," : "", atoll(line));
			(*rows)++;
		}
		line = nl ? nl + 1 : line + strlen(line);
	}
	return next;
}

START_TEST(inbox_list_pages_with_limit_and_after)
{
	struct strbuf ids;
	int rows;

	fixture();
	sb_init(&ids);
	/* 50 by default, and where to go on */
	long long next = cli_page("inbox list --held", &ids, &rows);
	ck_assert_int_eq(rows, 50);
	ck_assert_int_ne(next, 0);
	/* every held mail, in order, through next: */
	sb_reset(&ids);
	next = cli_page("inbox list --held --limit 300", &ids, &rows);
	int pages = 1;
	while (next) {
		char args[80];
		ck_assert_int_eq(rows, 300);
		snprintf(args, sizeof(args), "inbox list --after %lld --held --limit 300", next);
		next = cli_page(args, &ids, &rows);
		pages++;
	}
	ck_assert_int_eq(pages, (HELD + 299) / 300);
	char *want = expected("state = 'held'");
	same_ids(ids.buf, want);
	free(want);
	/* the open list: a page exactly as long as the rest has no next: */
	sb_reset(&ids);
	want = expected("state IN ('inbox', 'asked')");
	const char *last = strrchr(want, ',');
	char *before = xstrndup(want, (size_t)(last - want));
	const char *prev = strrchr(before, ',');
	char args[80];
	snprintf(args, sizeof(args), "inbox list --limit 1 --after %s", prev + 1);
	ck_assert_int_eq(cli_page(args, &ids, &rows), 0);
	ck_assert_int_eq(rows, 1);
	ck_assert_str_eq(ids.buf, last + 1);
	/* after the newest: nothing more, said */
	snprintf(args, sizeof(args), "inbox list --after %s", last + 1);
	ck_assert_int_eq(testdb_cli("ip_alice", NULL, args), 0);
	ck_assert_str_eq(testdb_stdout(), "no more mail\n");
	free(before);
	free(want);

	/* --json: pages of objects, each naming the next page's --after */
	sb_reset(&ids);
	snprintf(args, sizeof(args), "inbox list --held --json --limit 500");
	pages = 0;
	for (;;) {
		ck_assert_msg(testdb_cli("ip_alice", NULL, args) == 0, "%s: %s", args, testdb_stderr());
		const char *doc = testdb_stdout();
		ck_assert_msg(!strncmp(doc, "{\"mail\" : [", 11), "%s: %.300s", args, doc);
		for (const char *p = doc; (p = strstr(p, "{\"id\" : ")); p++)
			sb_addf(&ids, "%s%lld", ids.len ? "," : "", atoll(p + 8));
		pages++;
		const char *nx = strstr(doc, "\"next\" : ");
		ck_assert_ptr_nonnull(nx);
		if (!strncmp(nx + 9, "null", 4))
			break;
		snprintf(args, sizeof(args), "inbox list --held --json --limit 500 --after %lld", atoll(nx + 9));
	}
	ck_assert_int_eq(pages, (HELD + 499) / 500);
	want = expected("state = 'held'");
	same_ids(ids.buf, want);
	free(want);

	/* refused arguments */
	ck_assert_int_eq(testdb_cli("ip_alice", NULL, "inbox list --limit 0"), 64);
	ck_assert_int_eq(testdb_cli("ip_alice", NULL, "inbox list --limit 1001"), 64);
	ck_assert_int_eq(testdb_cli("ip_alice", NULL, "inbox list --after x"), 64);
	ck_assert_int_eq(testdb_cli("ip_alice", NULL, "inbox list --after 999999"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "no such mail: 999999"), "stderr: %s", testdb_stderr());
	sb_done(&ids);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("inbox_pages");
	TCase *tc = tcase_create("pages");
	tcase_add_test(tc, both_lists_page_through_every_mail_in_order);
	tcase_add_test(tc, the_filter_finds_a_piece_of_the_sender_or_subject);
	tcase_add_test(tc, inbox_list_pages_with_limit_and_after);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(suite)
