/* Unit tests for the curses-free parts of the TUI: column layout with
 * wide and combining characters, key names, the prompt's line editing,
 * list arithmetic, and the queue cursor text. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "model/queue.h"
#include "testdb.h"
#include "ui/keys.h"
#include "ui/layout.h"
#include "ui/widgets/list.h"
#include "ui/widgets/prompt.h"
#include "util/text.h"

static const struct layout_column cols[] = {
	{ "ID", 4, 6, 0, true },
	{ "CUSTOMER", 6, 12, 2, false },
	{ "TEAM", 5, 10, 3, false },
	{ "TITLE", 8, 0, 0, false },
};
#define NC ((int)(sizeof(cols) / sizeof(cols[0])))

static int sum_line(const int *w, int n)
{
	int total = 0, vis = 0;
	for (int i = 0; i < n; i++)
		if (w[i] > 0) {
			total += w[i];
			vis++;
		}
	return total + (vis ? vis - 1 : 0);
}

START_TEST(columns_fill_the_width)
{
	int w[NC];
	for (int total = 26; total <= 200; total += 7) {
		layout_columns(cols, NC, total, w);
		ck_assert_int_eq(sum_line(w, NC), total);
		for (int i = 0; i < NC; i++)
			if (w[i] > 0) {
				ck_assert_int_ge(w[i], cols[i].min);
				if (cols[i].max > 0)
					ck_assert_int_le(w[i], cols[i].max);
			}
	}
}
END_TEST

START_TEST(columns_drop_by_priority)
{
	int w[NC];
	/* 4 + 6 + 5 + 8 + 3 separators = 26: everything fits */
	ck_assert_int_eq(layout_columns(cols, NC, 26, w), 4);
	/* one cell less: TEAM (priority 3) goes first */
	ck_assert_int_eq(layout_columns(cols, NC, 25, w), 3);
	ck_assert_int_eq(w[2], 0);
	ck_assert_int_gt(w[1], 0);
	/* narrower still: CUSTOMER goes too, ID and TITLE (priority 0) stay */
	ck_assert_int_eq(layout_columns(cols, NC, 15, w), 2);
	ck_assert_int_eq(w[1], 0);
	ck_assert_int_eq(sum_line(w, NC), 15);
}
END_TEST

START_TEST(rows_keep_alignment_with_wide_and_combining)
{
	int w[NC];
	struct strbuf a, b, c;
	layout_columns(cols, NC, 60, w);
	const char *plain[] = { "7", "Acme", "Ops", "Plain title" };
	const char *wide[] = { "12345", "日本語の会社名です", "Équipe", "絵文字 😀 in the title that is long" };
	const char *comb[] = { "3", "Cafe\xcc\x81 Noe\xcc\x88l", "e\xcc\x81\xcc\x81", "Re\xcc\x81sume\xcc\x81 \x1b[2J" };
	sb_init(&a);
	sb_init(&b);
	sb_init(&c);
	layout_row(&a, cols, NC, w, plain, 0);
	layout_row(&b, cols, NC, w, wide, 0);
	layout_row(&c, cols, NC, w, comb, 0);
	ck_assert_int_eq(text_width(a.buf), 60);
	ck_assert_int_eq(text_width(b.buf), 60);
	ck_assert_int_eq(text_width(c.buf), 60);
	/* the TITLE column starts at the same cell in every row */
	int off = layout_offset(w, 3);
	ck_assert_int_eq(text_width(a.buf) - text_width(a.buf + text_offset_for_width(a.buf, off)), off);
	ck_assert(strstr(a.buf + text_offset_for_width(a.buf, off), "Plain title") != NULL);
	/* a wide cell cut to an odd width never splits a character */
	ck_assert(utf8_valid(b.buf, b.len));
	/* numbers are right-aligned */
	ck_assert(!strncmp(a.buf, "     7 ", 7));
	/* combining marks stay on their base, escapes are made visible */
	ck_assert(strstr(c.buf, "Cafe\xcc\x81") != NULL);
	ck_assert(strstr(c.buf, "\x1b") == NULL);
	sb_done(&a);
	sb_done(&b);
	sb_done(&c);
}
END_TEST

START_TEST(labels_shorten_instead_of_cutting)
{
	char sev[32];
	ck_assert_str_eq(layout_label("acknowledged", "acked", 12), "acknowledged");
	ck_assert_str_eq(layout_label("acknowledged", "acked", 11), "acked");
	ck_assert_str_eq(layout_label("acknowledged", NULL, 5), "acknowledged");
	layout_severity(sev, sizeof(sev), 2, "Urgent", "Urg", 8);
	ck_assert_str_eq(sev, "2 Urgent");
	layout_severity(sev, sizeof(sev), 2, "Urgente", "Urg", 8);
	ck_assert_str_eq(sev, "2 Urg");
	layout_severity(sev, sizeof(sev), 1, "Critical", "Crit", 6);
	ck_assert_str_eq(sev, "1 Crit");
	/* not even the short name fits: the number alone, never "1 Cr…" */
	layout_severity(sev, sizeof(sev), 1, "Critical", "Crit", 5);
	ck_assert_str_eq(sev, "1");
	layout_severity(sev, sizeof(sev), 3, "High", NULL, 3);
	ck_assert_str_eq(sev, "3");
}
END_TEST

START_TEST(key_names_round_trip)
{
	const char *names[] = { "a", "Q", "C-x", "F5", "PgDn", "Enter", "Esc", "Home", "é", "?" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct strbuf sb;
		int k = keyspec_parse(names[i]);
		ck_assert_msg(k != 0, "%s", names[i]);
		sb_init(&sb);
		keyspec_name(k, &sb);
		ck_assert_str_eq(sb.buf, names[i]);
		sb_done(&sb);
	}
	ck_assert_int_eq(keyspec_parse("C-a"), 1);
	ck_assert_int_eq(keyspec_parse("^A"), 1);
	ck_assert_int_eq(keyspec_parse("nonsense"), 0);
	ck_assert_int_eq(keyspec_parse("\x1b"), 0);
}
END_TEST

START_TEST(keymap_overrides_replace_defaults)
{
	static const struct keybinding defs[] = { { 'a', ACT_ACKNOWLEDGE }, { 'r', ACT_REPLY }, { 0, 0 } };
	struct key_binding_override ov[] = {
		{ "queue", "acknowledge", "A" },
		{ "queue", "no-such-action", "z" },
		{ "other", "reply", "x" },
	};
	struct config cfg;
	struct keymap km;
	struct strbuf warn;
	conf_init(&cfg);
	cfg.keys = ov;
	cfg.nkeys = 3;
	sb_init(&warn);
	keymap_build(&km, "queue", defs, NULL, &cfg, &warn);
	ck_assert_int_eq(keymap_lookup(&km, 'A'), ACT_ACKNOWLEDGE);
	ck_assert_int_eq(keymap_lookup(&km, 'a'), ACT_NONE);
	ck_assert_int_eq(keymap_lookup(&km, 'r'), ACT_REPLY);
	ck_assert_int_eq(keymap_lookup(&km, 'x'), ACT_NONE);
	ck_assert(strstr(warn.buf, "no-such-action") != NULL);
	keymap_done(&km);
	sb_done(&warn);
}
END_TEST

static void type(struct prompt *p, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		prompt_key(p, (int)cp);
		s += k;
		n -= k;
	}
}

/* One vocabulary: the edit keys are a table of actions, each action has
 * a name and help, and the portable key names match curses. */
START_TEST(edit_keys_are_actions)
{
	ck_assert_int_eq(keys_lookup(keys_edit, KEY_CTRL('a')), ACT_EDIT_HOME);
	ck_assert_int_eq(keys_lookup(keys_edit, TT_KEY_DC), ACT_EDIT_DELETE);
	ck_assert_int_eq(keys_lookup(keys_edit, '\n'), ACT_ACCEPT);
	ck_assert_int_eq(keys_edit_op(ACT_EDIT_KILL_WORD), LE_KILL_WORD);
	ck_assert_int_eq(keys_edit_op(ACT_UP), -1);
	ck_assert_int_eq(keyspec_parse("S-Tab"), TT_KEY_BTAB);
	ck_assert_int_eq(keyspec_parse("F10"), TT_KEY_F(10));
	for (int a = 1; a < ACT__COUNT; a++) {
		const struct action_info *info = action_global_info(a);
		ck_assert_msg(info && info->name && info->help, "action %d has no name or help", a);
	}
	/* keys.edit.<action> overrides like any other table */
	struct config cfg;
	conf_init(&cfg);
	struct key_binding_override o = { .view = (char *)"edit", .action = (char *)"edit-home", .key = (char *)"C-t" };
	cfg.keys = &o;
	cfg.nkeys = 1;
	struct keymap km;
	keymap_build(&km, "edit", keys_edit, NULL, &cfg, NULL);
	ck_assert_int_eq(keymap_lookup(&km, KEY_CTRL('t')), ACT_EDIT_HOME);
	ck_assert_int_eq(keymap_lookup(&km, KEY_CTRL('a')), ACT_NONE);
	keymap_done(&km);
}
END_TEST

/* A view asks another for an action typed, never as text. */
START_TEST(requests_carry_typed_actions)
{
	struct view v = { 0 };
	ck_assert_uint_eq(view_request_action(&v, "ticket", "42", ACT_REPLY), VR_OPEN | VR_HANDLED);
	ck_assert_str_eq(v.want_view, "ticket");
	ck_assert_str_eq(v.want_arg, "42");
	ck_assert_int_eq(v.want_action, ACT_REPLY);
	view_request_open(&v, "queue", NULL);
	ck_assert_int_eq(v.want_action, ACT_NONE);
	free(v.want_arg);
}
END_TEST

START_TEST(prompt_edits_like_readline)
{
	struct prompt p;
	prompt_init(&p, "> ", "abc");
	type(&p, " déf 日本");
	ck_assert_str_eq(prompt_text(&p), "abc déf 日本");
	prompt_key(&p, 127);                 /* backspace removes a whole character */
	ck_assert_str_eq(prompt_text(&p), "abc déf 日");
	prompt_key(&p, KEY_CTRL('w'));       /* kill the last word */
	ck_assert_str_eq(prompt_text(&p), "abc déf ");
	prompt_key(&p, KEY_CTRL('a'));
	prompt_key(&p, KEY_CTRL('f'));
	prompt_key(&p, KEY_CTRL('k'));       /* kill to the end */
	ck_assert_str_eq(prompt_text(&p), "a");
	type(&p, "e\xcc\x81x");
	prompt_key(&p, KEY_CTRL('b'));
	prompt_key(&p, KEY_CTRL('b'));       /* over x, then over é as one */
	ck_assert_uint_eq(p.le.cursor, 1);
	prompt_key(&p, KEY_CTRL('u'));
	ck_assert_str_eq(prompt_text(&p), "e\xcc\x81x");
	prompt_key(&p, KEY_CTRL('e'));
	ck_assert_uint_eq(p.le.cursor, le_len(&p.le));
	ck_assert_int_eq(prompt_key(&p, '\n'), PROMPT_ACCEPT);
	ck_assert_int_eq(prompt_key(&p, KEY_ESCAPE), PROMPT_CANCEL);
	ck_assert_int_eq(prompt_key(&p, 0x1b9b), PROMPT_EDITING);
	prompt_done(&p);
}
END_TEST

START_TEST(list_moves_and_scrolls)
{
	struct list l;
	list_init(&l);
	list_set(&l, 100, 10);
	ck_assert_int_eq(l.sel, 0);
	list_action(&l, ACT_PAGE_DOWN);
	ck_assert_int_eq(l.sel, 10);
	ck_assert_int_eq(l.top, 10);
	list_action(&l, ACT_LAST);
	ck_assert_int_eq(l.sel, 99);
	ck_assert_int_eq(l.top, 90);
	list_action(&l, ACT_UP);
	ck_assert_int_eq(l.sel, 98);
	list_set(&l, 5, 10);
	ck_assert_int_eq(l.sel, 4);
	ck_assert_int_eq(l.top, 0);
	list_set(&l, 0, 10);
	ck_assert_int_eq(l.sel, -1);
}
END_TEST

START_TEST(queue_cursor_round_trip)
{
	struct queue_key k = { .severity = 2, .paused = true, .paused_left = -7200,
			       .due_us = -1795415429424747LL, .id = 987654321LL }, back;
	struct strbuf sb;
	sb_init(&sb);
	queue_key_format(&k, &sb);
	ck_assert_str_eq(sb.buf, "2.1.-7200.-1795415429424747.987654321");
	ck_assert(queue_key_parse(sb.buf, &back));
	ck_assert(k.severity == back.severity && k.paused == back.paused &&
		  k.paused_left == back.paused_left && k.due_us == back.due_us && k.id == back.id);
	/* the four-part cursor of a ticketty before paused tickets sorted by
	 * their time left is refused, not read as another position */
	ck_assert(!queue_key_parse("2.1.-1795415429424747.987654321", &back));
	ck_assert(!queue_key_parse("2.1.0.2", &back));
	ck_assert(!queue_key_parse("5.1.0.2.3", &back));
	ck_assert(!queue_key_parse("1.2.0.2.3", &back));
	ck_assert(!queue_key_parse("1.1.0.2.3x", &back));
	ck_assert(!queue_key_parse("1.a.0.2.3", &back));
	ck_assert(!queue_key_parse("1.1.0.2.0", &back));
	ck_assert(!queue_key_parse("1.1.0.2.3.4", &back));
	/* a running ticket has no paused time left */
	ck_assert(!queue_key_parse("1.0.60.2.3", &back));
	ck_assert(queue_key_parse("1.0.0.2.3", &back));
	sb_done(&sb);
}
END_TEST

static Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("core");
	setlocale(LC_ALL, "C.UTF-8");
	tcase_add_test(tc, columns_fill_the_width);
	tcase_add_test(tc, columns_drop_by_priority);
	tcase_add_test(tc, rows_keep_alignment_with_wide_and_combining);
	tcase_add_test(tc, labels_shorten_instead_of_cutting);
	tcase_add_test(tc, key_names_round_trip);
	tcase_add_test(tc, keymap_overrides_replace_defaults);
	tcase_add_test(tc, prompt_edits_like_readline);
	tcase_add_test(tc, edit_keys_are_actions);
	tcase_add_test(tc, requests_carry_typed_actions);
	tcase_add_test(tc, list_moves_and_scrolls);
	tcase_add_test(tc, queue_cursor_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(layout_suite)
