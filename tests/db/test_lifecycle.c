/* Database tests for the ticket lifecycle API (sql/030_ticket_api.sql)
 * through the C model, run as real agent login roles: every status pair
 * allowed or refused, acknowledgement, replies and notes, bug references,
 * resolve/close/reopen, stale versions naming who changed what, one audit
 * row per change with its version plus the NOTIFY, permissions, and the
 * detail/timeline reads. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/conn.h"
#include "model/inbox.h"
#include "model/ticket.h"
#include "ticket_fixture.h"
#include "testdb.h"
#include "util/i18n.h"

static const char *const statuses[] = {
	"new", "acknowledged", "in_progress", "waiting_customer",
	"waiting_engineering", "resolved", "closed",
};
#define NSTATUS 7

/* DESIGN.md section 5, as set_status performs it (new -> acknowledged
 * needs the first public reply, so only ack/reply do it). */
static bool allowed(const char *from, const char *to)
{
	static const char *const pairs[][2] = {
		{ "new", "resolved" },
		{ "acknowledged", "in_progress" },
		{ "acknowledged", "waiting_customer" },      /* through in_progress (751) */
		{ "acknowledged", "waiting_engineering" },   /* through in_progress (751) */
		{ "acknowledged", "resolved" },
		{ "in_progress", "waiting_customer" },
		{ "in_progress", "waiting_engineering" },
		{ "in_progress", "resolved" },
		{ "waiting_customer", "in_progress" },
		{ "waiting_customer", "resolved" },
		{ "waiting_engineering", "in_progress" },
		{ "waiting_engineering", "resolved" },
		{ "resolved", "closed" },
		{ "resolved", "in_progress" },
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (!strcmp(pairs[i][0], from) && !strcmp(pairs[i][1], to))
			return true;
	return false;
}

/* Puts ticket `id` straight into `status` (as the superuser), with the
 * columns that state implies. */
static void force_status(long long id, const char *status)
{
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	const char *p[2] = { idbuf, status };
	free(testdb_value(
		"UPDATE tickets SET status = $2::ticket_status,"
		" acknowledged_at = CASE WHEN $2 = 'new' THEN NULL ELSE tt_now() END,"
		" bug_ref = CASE WHEN $2 = 'waiting_engineering' THEN 'BUG-7' END,"
		" resolved_at = CASE WHEN $2 IN ('resolved', 'closed') THEN tt_now() END,"
		" closed_at = CASE WHEN $2 = 'closed' THEN tt_now() END"
		" WHERE id = $1::bigint RETURNING id",
		2, p));
}

static char *col(long long id, const char *expr)
{
	return fixture_col(id, expr);
}

static void assert_col(long long id, const char *expr, const char *want)
{
	char *v = col(id, expr);
	if (!want)
		ck_assert_msg(v == NULL, "%s of ticket %lld: want NULL, got %s", expr, id, v);
	else
		ck_assert_msg(v && !strcmp(v, want), "%s of ticket %lld: want %s, got %s", expr, id,
			      want, v ? v : "NULL");
	free(v);
}

static struct db *setup(long long *first, int n)
{
	testdb_create();
	testdb_clock("2026-11-18T15:00:00Z", TESTDB_CLOCK_RUNNING);   /* a Wednesday, 10:00 in New York */
	fixture_customer();
	testdb_agent("alice", "engineer");
	testdb_agent("bob", "engineer");
	*first = fixture_tickets(n, "app_support");
	return testdb_open("alice");
}

START_TEST(every_status_pair)
{
	long long first;
	struct db *db = setup(&first, NSTATUS * NSTATUS);
	struct tt_error err;
	tt_error_init(&err);
	int n = 0;
	for (int f = 0; f < NSTATUS; f++) {
		for (int t = 0; t < NSTATUS; t++, n++) {
			long long id = first + n;
			const char *from = statuses[f], *to = statuses[t];
			force_status(id, from);
			char *before = col(id, "version");
			int v = 0;
			const char *bug = !strcmp(to, "waiting_engineering") ? "BUG-9" : NULL;
			int rc = ticket_set_status(db, id, TICKET_ANY_VERSION, to, bug, &v, &err);
			if (allowed(from, to) && !strcmp(to, "resolved")) {
				/* resolving needs a public resolution message: resolve does it */
				ck_assert_msg(rc == 65, "%s -> resolved without a message: got %d", from, rc);
				ck_assert_uint_eq(err.nfields, 1);
				ck_assert_str_eq(err.fields[0].field, "message");
				assert_col(id, "status", from);
				assert_col(id, "version", before);
			} else if (allowed(from, to)) {
				ck_assert_msg(rc == 0, "%s -> %s refused: %s", from, to, err.message);
				/* two steps, two versions, through in_progress */
				bool through = !strcmp(from, "acknowledged") && strncmp(to, "waiting_", 8) == 0;
				ck_assert_int_eq(v, atoi(before) + (through ? 2 : 1));
				assert_col(id, "status", to);
			} else {
				/* no retry can make it: bad data (65), not a conflict (75) */
				ck_assert_msg(rc == 65, "%s -> %s: want 65, got %d", from, to, rc);
				ck_assert_str_eq(err.sqlstate, "TT400");
				ck_assert_uint_eq(err.nfields, 1);
				/* the statuses in words, as the client says them */
				char *arrow = xasprintf("%s -> %s", i18n_term("status", from),
							i18n_term("status", to));
				ck_assert_msg(strstr(err.message, arrow) || strstr(err.message, "already") ||
						      strstr(err.message, "first public reply"),
					      "%s -> %s: message '%s'", from, to, err.message);
				free(arrow);
				assert_col(id, "status", from);
				assert_col(id, "version", before);
			}
			free(before);
			tt_error_clear(&err);
		}
	}
	db_close(db);
}
END_TEST

START_TEST(ack_is_first_response_only_from_new)
{
	long long id;
	struct db *db = setup(&id, 2);
	struct tt_error err;
	int v = 0;
	tt_error_init(&err);
	ck_assert_int_eq(ticket_ack(db, id, 1, "We are on it.", &v, &err), 0);
	ck_assert_int_eq(v, 2);
	assert_col(id, "status", "acknowledged");
	assert_col(id, "acknowledged_at IS NOT NULL AND last_public_reply_at = acknowledged_at", "true");
	assert_col(id, "(SELECT kind || ':' || body FROM comments WHERE ticket_id = tickets.id)",
		   "public:We are on it.");
	/* a second acknowledgement is refused, and an empty one names the field */
	ck_assert_int_eq(ticket_ack(db, id, 2, "again", &v, &err), 65);
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_ack(db, id + 1, 1, "  \n", &v, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "message");
	tt_error_clear(&err);
	assert_col(id + 1, "status", "new");
	db_close(db);
}
END_TEST

START_TEST(reply_and_note)
{
	long long id;
	struct db *db = setup(&id, 3);
	struct tt_error err;
	int v = 0;
	tt_error_init(&err);
	/* a reply on a new ticket acknowledges it */
	ck_assert_int_eq(ticket_reply(db, id, TICKET_ANY_VERSION, "Hello", &v, &err), 0);
	assert_col(id, "status", "acknowledged");
	assert_col(id, "(SELECT kind FROM ticket_events WHERE ticket_id = tickets.id)", "ack");
	/* otherwise the status stays */
	force_status(id + 1, "waiting_customer");
	ck_assert_int_eq(ticket_reply(db, id + 1, TICKET_ANY_VERSION, "Any news?", &v, &err), 0);
	assert_col(id + 1, "status", "waiting_customer");
	assert_col(id + 1, "last_public_reply_at IS NOT NULL", "true");
	/* closed: no replies, but notes are fine (and never public) */
	force_status(id + 2, "closed");
	/* closed is final: no retry mends it, so it is no conflict (65, not
	 * 75), the field named */
	ck_assert_int_eq(ticket_reply(db, id + 2, TICKET_ANY_VERSION, "late", &v, &err), 65);
	ck_assert_str_eq(err.sqlstate, "TT400");
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "status");
	ck_assert_str_eq(err.fields[0].code, "closed");
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_note(db, id + 2, TICKET_ANY_VERSION, "for the record", &v, &err), 0);
	assert_col(id + 2, "(SELECT string_agg(kind::text, ',') FROM comments WHERE ticket_id = tickets.id)",
		   "internal");
	assert_col(id + 2, "last_public_reply_at IS NULL", "true");
	db_close(db);
}
END_TEST

START_TEST(waiting_engineering_needs_bug_ref)
{
	long long id;
	struct db *db = setup(&id, 1);
	struct tt_error err;
	int v = 0;
	tt_error_init(&err);
	force_status(id, "in_progress");
	ck_assert_int_eq(ticket_set_status(db, id, TICKET_ANY_VERSION, "waiting_engineering", NULL, &v, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "bug_ref");
	ck_assert_str_eq(err.fields[0].code, "required");
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_set_status(db, id, TICKET_ANY_VERSION, "waiting_customer", "BUG-1", &v, &err), 65);
	ck_assert_str_eq(err.fields[0].field, "bug_ref");
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_set_status(db, id, TICKET_ANY_VERSION, "waiting_engineering", "ENG-42", &v, &err), 0);
	assert_col(id, "status || ' ' || bug_ref", "waiting_engineering ENG-42");
	ck_assert_int_eq(ticket_set_status(db, id, TICKET_ANY_VERSION, "nonsense", NULL, &v, &err), 65);
	ck_assert_str_eq(err.fields[0].field, "status");
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

START_TEST(resolve_close_reopen)
{
	long long id;
	struct db *db = setup(&id, 2);
	struct tt_error err;
	int v = 0;
	tt_error_init(&err);
	force_status(id, "in_progress");
	ck_assert_int_eq(ticket_resolve(db, id, TICKET_ANY_VERSION, "Fixed in 4.2", &v, &err), 0);
	assert_col(id, "status || ' ' || (resolved_at IS NOT NULL)", "resolved true");
	testdb_sql("UPDATE tickets SET resolution_outcome = 'met'");
	ck_assert_int_eq(ticket_reopen(db, id, TICKET_ANY_VERSION, "customer says no", &v, &err), 0);
	assert_col(id, "status", "in_progress");
	assert_col(id, "resolved_at", NULL);
	assert_col(id, "resolution_outcome", NULL);
	assert_col(id, "(SELECT body FROM comments WHERE ticket_id = tickets.id AND kind = 'internal')",
		   "customer says no");
	/* reopen only from resolved; close only from resolved; closed is final */
	ck_assert_int_eq(ticket_reopen(db, id, TICKET_ANY_VERSION, NULL, &v, &err), 65);
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_close(db, id, TICKET_ANY_VERSION, &v, &err), 65);
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_resolve(db, id, TICKET_ANY_VERSION, NULL, &v, &err), 65);
	ck_assert_str_eq(err.fields[0].field, "message");
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_resolve(db, id, TICKET_ANY_VERSION, "Fixed in 4.3", &v, &err), 0);
	ck_assert_int_eq(ticket_close(db, id, v, &v, &err), 0);
	assert_col(id, "status || ' ' || (closed_at IS NOT NULL)", "closed true");
	ck_assert_int_eq(ticket_reopen(db, id, TICKET_ANY_VERSION, NULL, &v, &err), 65);
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_take(db, id, TICKET_ANY_VERSION, &v, &err), 65);
	ck_assert_str_eq(err.fields[0].code, "closed");
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_assign(db, id, TICKET_ANY_VERSION, "bob", &v, &err), 65);
	ck_assert_uint_eq(err.nfields, 1);
	ck_assert_str_eq(err.fields[0].field, "status");
	ck_assert_str_eq(err.fields[0].code, "closed");
	tt_error_clear(&err);
	/* resolving a never-answered ticket with a message is its first response */
	ck_assert_int_eq(ticket_resolve(db, id + 1, 1, "Duplicate of another case", &v, &err), 0);
	assert_col(id + 1, "acknowledged_at IS NOT NULL", "true");
	db_close(db);
}
END_TEST

START_TEST(stale_version_names_the_change)
{
	long long id;
	struct db *db = setup(&id, 1);
	struct db *bob = testdb_open("bob");
	struct tt_error err;
	int v = 0;
	tt_error_init(&err);
	ck_assert_int_eq(ticket_ack(db, id, 1, "Looking", &v, &err), 0);
	ck_assert_int_eq(ticket_set_status(db, id, 2, "in_progress", NULL, &v, &err), 0);
	ck_assert_int_eq(ticket_set_status(db, id, 3, "waiting_customer", NULL, &v, &err), 0);
	ck_assert_int_eq(v, 4);
	/* bob still looks at version 2 */
	ck_assert_int_eq(ticket_note(bob, id, 2, "my note", &v, &err), 75);
	ck_assert_str_eq(err.sqlstate, "TT409");
	ck_assert_msg(strstr(err.message, "changed since version 2"), "%s", err.message);
	ck_assert_msg(strstr(err.message, "alice set status to in progress"), "%s", err.message);
	ck_assert_msg(strstr(err.message, "alice set status to waiting on customer"), "%s", err.message);
	ck_assert_msg(strstr(err.message, "now version 4"), "%s", err.message);
	tt_error_clear(&err);
	assert_col(id, "version || ' ' || status", "4 waiting_customer");
	assert_col(id, "(SELECT count(*) FROM comments WHERE ticket_id = tickets.id)", "1");
	/* every action refuses a stale version */
	ck_assert_int_eq(ticket_take(bob, id, 3, &v, &err), 75);
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_assign(bob, id, 3, "bob", &v, &err), 75);
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_reply(bob, id, 3, "x", &v, &err), 75);
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_resolve(bob, id, 3, NULL, &v, &err), 75);
	tt_error_clear(&err);
	assert_col(id, "version || ' ' || status || ' ' || (assignee_id IS NULL)", "4 waiting_customer true");
	/* with the current version it goes through */
	ck_assert_int_eq(ticket_note(bob, id, 4, "my note", &v, &err), 0);
	ck_assert_int_eq(v, 5);
	db_close(bob);
	db_close(db);
}
END_TEST

static void count_notify(void *arg, const char *channel, const char *payload)
{
	if (!strcmp(channel, "ticketty") && strstr(payload, "\"kind\""))
		(*(int *)arg)++;
}

START_TEST(one_audit_row_per_change_and_notify)
{
	long long id;
	struct db *db = setup(&id, 1);
	struct db *listener = testdb_open("bob");
	struct tt_error err;
	int v = 0, notified = 0;
	tt_error_init(&err);
	ck_assert_int_eq(db_listen(listener, "ticketty", &err), 0);
	ck_assert_int_eq(ticket_ack(db, id, 1, "hi", &v, &err), 0);
	ck_assert_int_eq(ticket_take(db, id, v, &v, &err), 0);
	ck_assert_int_eq(ticket_take(db, id, v, &v, &err), 0); /* already mine: no change */
	ck_assert_int_eq(ticket_set_status(db, id, v, "in_progress", NULL, &v, &err), 0);
	ck_assert_int_eq(ticket_note(db, id, TICKET_ANY_VERSION, "n", &v, &err), 0);
	ck_assert_int_eq(ticket_assign(db, id, v, "bob", &v, &err), 0);
	ck_assert_int_eq(ticket_resolve(db, id, v, "done", &v, &err), 0);
	ck_assert_int_eq(ticket_close(db, id, v, &v, &err), 0);
	ck_assert_int_eq(v, 8);
	assert_col(id, "(SELECT string_agg(kind || '@' || version, ',' ORDER BY id) FROM ticket_events"
		       " WHERE ticket_id = tickets.id)",
		   "ack@2,take@3,status@4,note@5,assign@6,resolve@7,close@8");
	assert_col(id, "(SELECT count(DISTINCT actor_id) FROM ticket_events WHERE ticket_id = tickets.id)", "1");
	/* the listener hears all seven, without sleeping a fixed time */
	time_t deadline = time(NULL) + 10;
	while (notified < 7 && time(NULL) < deadline) {
		struct pollfd pfd = { .fd = db_socket(listener), .events = POLLIN };
		poll(&pfd, 1, 200);
		db_drain_notifications(listener, count_notify, &notified);
	}
	ck_assert_int_eq(notified, 7);
	db_close(listener);
	db_close(db);
}
END_TEST

START_TEST(permissions_and_missing)
{
	long long id;
	struct db *db = setup(&id, 1);
	struct tt_error err;
	int v = 0;
	tt_error_init(&err);
	/* a login in the agent group but not (or no longer) an agent */
	testdb_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mallory') THEN"
		   " CREATE ROLE mallory LOGIN IN ROLE ticketty_engineer; END IF; END $$");
	struct db *m = testdb_open("mallory");
	ck_assert_int_eq(ticket_take(m, id, TICKET_ANY_VERSION, &v, &err), 77);
	tt_error_clear(&err);
	db_close(m);
	testdb_agent("carol", "engineer");
	testdb_sql("UPDATE agents SET active = false WHERE login = 'carol'");
	struct db *c = testdb_open("carol");
	ck_assert_int_eq(ticket_note(c, id, TICKET_ANY_VERSION, "x", &v, &err), 77);
	tt_error_clear(&err);
	db_close(c);
	/* agents cannot write tables or call the internal helpers */
	PGresult *r = PQexec(db_pgconn(db), "UPDATE ticketty.tickets SET status = 'closed'");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
	PQclear(r);
	r = PQexec(db_pgconn(db), "SELECT ticketty.ticket_lock(1, NULL)");
	ck_assert_str_eq(PQresultErrorField(r, PG_DIAG_SQLSTATE), "42501");
	PQclear(r);
	/* unknown ticket, unknown or inactive assignee */
	ck_assert_int_eq(ticket_take(db, id + 1000, TICKET_ANY_VERSION, &v, &err), 65);
	ck_assert_str_eq(err.sqlstate, "TT404");
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_assign(db, id, TICKET_ANY_VERSION, "nobody", &v, &err), 65);
	ck_assert_str_eq(err.fields[0].field, "assignee");
	ck_assert_str_eq(err.fields[0].code, "unknown");
	tt_error_clear(&err);
	ck_assert_int_eq(ticket_assign(db, id, TICKET_ANY_VERSION, "carol", &v, &err), 65);
	ck_assert_str_eq(err.fields[0].code, "inactive");
	tt_error_clear(&err);
	assert_col(id, "version", "1");
	db_close(db);
}
END_TEST

/* One ticket, acknowledged and given five internal notes with `body`:
 * a timeline of seven entries (created, acknowledged, five notes). */
static struct db *noted_ticket(long long *id, const char *body, struct tt_error *err)
{
	struct db *db = setup(id, 1);
	int v = 0;
	tt_error_init(err);
	ck_assert_int_eq(ticket_ack(db, *id, 1, "one", &v, err), 0);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(ticket_note(db, *id, TICKET_ANY_VERSION, body, &v, err), 0);
	return db;
}

START_TEST(detail_and_timeline_pages)
{
	long long id;
	struct tt_error err;
	int v = 0;
	struct db *db = noted_ticket(&id, "note \x1b[31m", &err);
	ck_assert_int_eq(ticket_assign(db, id, TICKET_ANY_VERSION, "bob", &v, &err), 0);
	testdb_sql("INSERT INTO escalations (ticket_id, level, raised_by, reason)"
		   " SELECT min(id), 1, (SELECT id FROM agents WHERE login = 'alice'), 'customer is furious'"
		   " FROM tickets");

	struct ticket_detail *t = NULL;
	ck_assert_int_eq(ticket_detail_load(db, id, &t, &err), 0);
	ck_assert_str_eq(t->customer, "Acme Media");
	ck_assert_str_eq(t->contact, "Carla Contact");
	ck_assert_str_eq(t->team_key, "app_support");
	ck_assert_str_eq(t->status, "acknowledged");
	ck_assert_str_eq(t->assignee_login, "bob");
	ck_assert_int_eq(t->version, v);
	ck_assert_uint_eq(t->nobject_ids, 1);
	ck_assert_str_eq(t->object_ids[0], "li-1");
	ck_assert_ptr_nonnull(t->sla_state);
	ck_assert_uint_eq(t->nescalations, 1);
	ck_assert_str_eq(t->escalations[0].reason, "customer is furious");
	/* comments + the events that say more than a message (ack, assign):
	 * the five notes' own events fold into them */
	ck_assert_int_eq(t->timeline_total, 1 + 5 + 2);
	/* every deadline with its state: first response decided by the ack */
	ck_assert_uint_ge(t->ndeadlines, 2);
	ck_assert_str_eq(t->deadlines[0].kind, "first_response");
	ck_assert_msg(!strcmp(t->deadlines[0].state, "met") || !strcmp(t->deadlines[0].state, "missed"),
		      "first response state %s", t->deadlines[0].state);
	ck_assert_str_eq(t->deadlines[1].kind, "resolution");
	ck_assert_msg(strstr("ok at_risk breached", t->deadlines[1].state), "resolution state %s",
		      t->deadlines[1].state);
	ck_assert(t->deadlines[1].due > 0);
	long total = t->timeline_total;
	ticket_detail_free(t);

	/* pages of 4: every entry exactly once, in time order */
	struct timeline_cursor cur;
	memset(&cur, 0, sizeof(cur));
	long seen = 0, publics = 0, internals = 0, events = 0;
	time_t last = 0;
	for (;;) {
		struct timeline_page page;
		ck_assert_int_eq(ticket_timeline_load(db, id, &cur, 4, &page, &err), 0);
		for (size_t i = 0; i < page.n; i++) {
			struct timeline_entry *e = &page.entries[i];
			ck_assert(e->at >= last);
			last = e->at;
			publics += e->kind == TIMELINE_PUBLIC;
			internals += e->kind == TIMELINE_INTERNAL;
			events += e->kind == TIMELINE_EVENT;
			if (e->kind == TIMELINE_INTERNAL) {
				ck_assert_str_eq(e->body, "note \x1b[31m");
				ck_assert_int_ge(e->version, 3);   /* the version the note made */
			}
		}
		seen += (long)page.n;
		cur = page.next;
		bool more = page.more;
		timeline_page_done(&page);
		if (!more)
			break;
	}
	ck_assert_int_eq(seen, total);
	ck_assert_int_eq(publics, 1);
	ck_assert_int_eq(internals, 5);
	ck_assert_int_eq(events, 2);   /* the ack and the assignment; each note's version is on it */
	ck_assert_int_eq(ticket_detail_load(db, id + 99, &t, &err), 65);
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

/* The reads are prepared statements: a new connection after a lost one
 * knows none of them, and the loads must still work. */
START_TEST(reads_survive_a_reconnect)
{
	long long id;
	struct db *db = setup(&id, 1);
	struct tt_error err;
	struct ticket_detail *t = NULL;
	struct timeline_page page;
	tt_error_init(&err);
	for (int round = 0; round < 3; round++) {
		ck_assert_int_eq(ticket_detail_load(db, id, &t, &err), 0);
		ck_assert_int_eq(t->id, id);
		ticket_detail_free(t);
		ck_assert_int_eq(ticket_timeline_load(db, id, NULL, 10, &page, &err), 0);
		timeline_page_done(&page);
		testdb_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
			   " WHERE usename = 'alice' AND datname = current_database()");
	}
	/* inside a transaction block the plain path is used */
	ck_assert_int_eq(ticket_detail_load(db, id, &t, &err), 0);
	ticket_detail_free(t);
	ck_assert_int_eq(db_begin(db, &err), 0);
	ck_assert_int_eq(ticket_detail_load(db, id, &t, &err), 0);
	ticket_detail_free(t);
	ck_assert_int_eq(db_commit(db, &err), 0);
	db_close(db);
}
END_TEST

/* ticket_load: the ticket, its first timeline page and its attachments in
 * one pipeline, the same as the separate reads; its statements are
 * prepared once per session (a second load prepares nothing again) and a
 * missing ticket is 65. */
START_TEST(ticket_load_is_the_separate_reads_at_once)
{
	long long id;
	struct tt_error err;
	struct db *db = noted_ticket(&id, "note", &err);
	char sql[256];
	snprintf(sql, sizeof(sql), "INSERT INTO attachments (ticket_id, filename, content_type, size, sha256, data)"
		 " VALUES (%lld, 'shot.png', 'image/png', 4, sha256('\\x89504e47'), '\\x89504e47')", id);
	testdb_sql(sql);

	for (int round = 0; round < 2; round++) {
		struct ticket_detail *t = NULL, *t2 = NULL;
		struct timeline_page page, page2;
		struct attachment_list files;
		ck_assert_int_eq(ticket_load(db, id, 4, &t, &page, &files, &err), 0);
		ck_assert_int_eq(ticket_detail_load(db, id, &t2, &err), 0);
		ck_assert_int_eq(ticket_timeline_load(db, id, NULL, 4, &page2, &err), 0);
		ck_assert_int_eq(t->version, t2->version);
		ck_assert_str_eq(t->status, t2->status);
		ck_assert_int_eq(t->timeline_total, t2->timeline_total);
		ck_assert_uint_eq(t->ndeadlines, t2->ndeadlines);
		ck_assert_uint_eq(page.n, 4);
		ck_assert(page.more);
		ck_assert_uint_eq(page.n, page2.n);
		for (size_t i = 0; i < page.n; i++) {
			ck_assert_int_eq(page.entries[i].id, page2.entries[i].id);
			ck_assert_int_eq(page.entries[i].kind, page2.entries[i].kind);
		}
		ck_assert_str_eq(page.next.at, page2.next.at);
		ck_assert_uint_eq(files.n, 1);
		ck_assert_str_eq(files.items[0].filename, "shot.png");
		ck_assert_int_eq(files.items[0].size, 4);
		ticket_detail_free(t);
		ticket_detail_free(t2);
		timeline_page_done(&page);
		timeline_page_done(&page2);
		attachment_list_done(&files);
	}
	/* each read prepared once in this session, under its name */
	PGresult *r = db_query(db, "SELECT string_agg(name, ',' ORDER BY name) FROM pg_prepared_statements",
			       0, NULL, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(PQgetvalue(r, 0, 0), "tt_ticket_detail,tt_ticket_extras,tt_ticket_files,tt_ticket_others,tt_ticket_timeline");
	PQclear(r);
	struct ticket_detail *t = NULL;
	struct timeline_page page;
	ck_assert_int_eq(ticket_load(db, id + 99, 4, &t, &page, NULL, &err), 65);
	ck_assert_ptr_null(t);
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

static Suite *lifecycle_suite(void)
{
	Suite *s = suite_create("lifecycle");
	TCase *tc = tcase_create("api");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, every_status_pair);
	tcase_add_test(tc, ack_is_first_response_only_from_new);
	tcase_add_test(tc, reply_and_note);
	tcase_add_test(tc, waiting_engineering_needs_bug_ref);
	tcase_add_test(tc, resolve_close_reopen);
	tcase_add_test(tc, stale_version_names_the_change);
	tcase_add_test(tc, one_audit_row_per_change_and_notify);
	tcase_add_test(tc, permissions_and_missing);
	tcase_add_test(tc, detail_and_timeline_pages);
	tcase_add_test(tc, reads_survive_a_reconnect);
	tcase_add_test(tc, ticket_load_is_the_separate_reads_at_once);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(lifecycle_suite)
