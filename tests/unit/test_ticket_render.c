/* Unit tests for the customer's other tickets in the rendered ticket
 * (model/ticket_render.h): a row each through the sink's row op (closed
 * ones dim, hostile titles made visible), how many more there are with
 * the sink's hint, "95+" once the count reached its bound, nothing for
 * a customer with no other ticket; and the pager's rows
 * (ui/widgets/pager.h pager_add_row), cut at any width, never wrapped. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "model/ticket_render.h"
#include "testdb.h"
#include "ui/widgets/pager.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* What the sink heard: each line as "L|text", each row as "R|text",
 * a dim one with "~" after the letter. */
static void heard(void *arg, const char *text, enum tr_style st, char kind)
{
	sb_addf(arg, "%c%s|%s\n", kind, st == TR_DIM ? "~" : "", text);
}

static void on_line(void *arg, const char *text, enum tr_style st)
{
	heard(arg, text, st, 'L');
}

static void on_row(void *arg, const char *text, enum tr_style st)
{
	heard(arg, text, st, 'R');
}

static struct ticket_detail *ticket(size_t n, int total)
{
	static const char *const titles[] = {
		"Budget not applied", "Pacing \x1b[31mred\x1b[0m stops", "Old invoice",
		"Four", "Five",
	};
	struct ticket_detail *t = xcalloc(1, sizeof(*t));
	t->id = 9;
	t->status = xstrdup("new");
	t->severity = 3;
	t->severity_key = xstrdup("high");
	t->severity_name = xstrdup("High");
	t->customer = xstrdup("Acme Media");
	t->plan = xstrdup("premium");
	t->request_type = xstrdup("Ad serving issue");
	t->team = xstrdup("Client Services");
	t->reason = xstrdup("Bug");
	t->title = xstrdup("The one shown");
	t->sla_state = xstrdup("ok");
	t->others = n ? xcalloc(n, sizeof(*t->others)) : NULL;
	for (size_t i = 0; i < n; i++) {
		struct ticket_other *o = &t->others[i];
		o->id = i == 1 ? 1234 : 10 + (long long)i;
		o->open = i != 2;
		o->status = xstrdup(i == 2 ? "closed" : i == 1 ? "waiting_customer" : "new");
		o->severity = i == 1 ? 2 : 3;
		o->title = xstrdup(titles[i]);
	}
	t->nothers = n;
	t->others_total = total;
	return t;
}

/* The section the sink heard, from its heading to the end. */
static char *render(const struct ticket_detail *t, const char *hint, bool rows)
{
	struct strbuf sb;
	sb_init(&sb);
	struct tr_sink sink = { .line = on_line, .row = rows ? on_row : NULL, .arg = &sb,
				.history_hint = hint };
	ticket_render_detail(&sink, t, 0);
	const char *at = strstr(sb.buf, "L|Other tickets of");
	char *out = xstrdup(at ? at : "");
	sb_done(&sb);
	return out;
}

START_TEST(rows_open_first_then_closed_dim)
{
	struct ticket_detail *t = ticket(3, 3);
	char *got = render(t, "press h", true);
	ck_assert_str_eq(got,
		"L|Other tickets of Acme Media\n"
		"R|  #10    3 High  new        Budget not applied\n"
		"R|  #1234  2 Urg   wait cust  Pacing ^[[31mred^[[0m stops\n"
		"R~|  #12    3 High  closed     Old invoice\n");
	free(got);
	/* a sink without rows hears them as lines */
	got = render(t, NULL, false);
	ck_assert_ptr_nonnull(strstr(got, "L|  #10    3 High  new        Budget not applied\n"));
	free(got);
	ticket_detail_free(t);
}
END_TEST

START_TEST(more_with_the_hint_and_the_bound)
{
	struct ticket_detail *t = ticket(5, 7);
	char *got = render(t, "press h", true);
	ck_assert_msg(strstr(got, "R|  #14    3 High  new        Five\nL~|  2 more tickets: press h\n"), "%s", got);
	free(got);
	got = render(t, NULL, true);
	ck_assert_msg(strstr(got, "\nL~|  2 more tickets\n"), "%s", got);
	free(got);
	t->others_total = 6;
	got = render(t, "ticketty ticket history 9", true);
	ck_assert_msg(strstr(got, "\nL~|  1 more ticket: ticketty ticket history 9\n"), "%s", got);
	free(got);
	/* counted up to the bound: that many or more */
	t->others_total = TICKET_OTHERS_COUNTED;
	got = render(t, "press h", true);
	ck_assert_msg(strstr(got, "\nL~|  95+ more tickets: press h\n"), "%s", got);
	free(got);
	ticket_detail_free(t);
}
END_TEST

START_TEST(none_says_nothing)
{
	struct ticket_detail *t = ticket(0, 0);
	char *got = render(t, "press h", true);
	ck_assert_str_eq(got, "");
	free(got);
	ticket_detail_free(t);
}
END_TEST

START_TEST(pager_rows_are_cut_never_wrapped)
{
	struct pager p;
	pager_init(&p);
	pager_resize(&p, 10, 30);
	pager_add(&p, "a line of words that wraps at thirty cells", STYLE_NORMAL);
	int wrapped = p.n;
	ck_assert_int_gt(wrapped, 1);
	pager_add_row(&p, "  #12  3 High  new  A title far too long for the row", STYLE_NORMAL);
	ck_assert_int_eq(p.n, wrapped + 1);
	ck_assert_str_eq(p.lines[p.n - 1].text, "  #12  3 High  new  A title f…");
	/* wider: whole; narrower: cut there */
	pager_resize(&p, 10, 100);
	ck_assert_str_eq(p.lines[p.n - 1].text, "  #12  3 High  new  A title far too long for the row");
	ck_assert_int_eq(p.lines[p.n - 1].source, p.lines[p.n - 2].source + 1);
	pager_resize(&p, 10, 20);
	ck_assert_str_eq(p.lines[p.n - 1].text, "  #12  3 High  new …");
	ck_assert_int_eq(p.lines[p.n - 2].source, 0);
	pager_done(&p);
}
END_TEST

/* A business deadline due when the desk closed reads "overdue" all
 * evening, not "overdue by 0 business seconds"; once business time runs
 * again it says by how much, and round the clock always does. */
START_TEST(overdue_at_closing_says_overdue)
{
	long long now = 1795000000LL * 1000000;
	struct tr_deadline d = { .label = "Resolution", .due = 1794996400, .due_us = now - 3600LL * 1000000,
				 .clock = DURATION_BUSINESS, .day_secs = 9 * 3600, .have_left = true,
				 .left_s = 0, .read_us = now, .opens_us = now + 12 * 3600LL * 1000000,
				 .closes_us = now + 21 * 3600LL * 1000000 };
	struct strbuf row;
	enum tr_style st;
	sb_init(&row);
	ticket_render_deadline(&row, &d, now, &st);
	ck_assert_msg(strstr(row.buf, "overdue") && !strstr(row.buf, "overdue by") && !strstr(row.buf, " 0 "),
		      "%s", row.buf);
	ck_assert_int_eq(st, TR_SLA_BREACHED);
	/* the next morning, an hour into the opening hours */
	ticket_render_deadline(&row, &d, now + 13 * 3600LL * 1000000, &st);
	ck_assert_msg(strstr(row.buf, "overdue by 1 business hour"), "%s", row.buf);
	/* round the clock: the wall time */
	d.clock = DURATION_WALL;
	d.have_left = false;
	ticket_render_deadline(&row, &d, now, &st);
	ck_assert_msg(strstr(row.buf, "overdue by 1 hour round the clock"), "%s", row.buf);
	sb_done(&row);
}
END_TEST

static Suite *render_suite(void)
{
	Suite *s = suite_create("ticket_render");
	TCase *tc = tcase_create("others");
	unsetenv("LC_ALL");
	unsetenv("LANGUAGE");
	setenv("LANG", "C.UTF-8", 1);
	setenv("TZ", "UTC", 1);
	i18n_init("en");
	tcase_add_test(tc, rows_open_first_then_closed_dim);
	tcase_add_test(tc, more_with_the_hint_and_the_bound);
	tcase_add_test(tc, none_says_nothing);
	tcase_add_test(tc, pager_rows_are_cut_never_wrapped);
	tcase_add_test(tc, overdue_at_closing_says_overdue);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(render_suite)
