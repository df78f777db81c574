/* The mail inbox (`3`): mail from known contacts that is not a reply on a
 * ticket, oldest first (received, sender, customer, state, subject), and
 * below the list the selected mail's sender, contact, the names of its
 * files and its first lines. The list holds one screenful (and a small
 * read-ahead) read by keyset (model/inbox_page.h) and moved as the
 * queue's (ui/keyset_window.h): moving past its edges, a page or to
 * either end reads the rows there, so every mail is reached however many
 * are held; the status line counts them up to a bound. `/` filters both lists by a piece of the
 * sender or the subject (an empty filter, or Esc in the list, clears it).
 * Enter opens the intake form filled in from the mail (submitting it
 * accepts the mail: its ticket's first response answers it); `a` asks the
 * sender for the mandatory items the mail lacks (listed before sending),
 * `r` refuses (not the SPOC: names the SPOCs; the account
 * representative's matter: names the representative), `d` discards after
 * a confirmation, `h` shows the held mail instead (where `N` puts a
 * held reply of a ticket on it as an internal note), `w` and `v` save or
 * open one of its files (ui/ticket_files.c). Every text of a mail
 * is hostile: it is drawn through draw_text (text_fit) only.
 * Mail in and out is support staff's (docs/access.md): to a pm or
 * developer the database refuses the reading (77, sql/320), and the view
 * says the inbox is not shown to their role, in its list and its status,
 * and answers its keys with that, never with an empty inbox. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/inbox.h"
#include "model/inbox_page.h"
#include "ui/draw.h"
#include "ui/keyset_window.h"
#include "ui/layout.h"
#include "ui/screen.h"
#include "ui/ticket_files.h"
#include "ui/view.h"
#include "ui/widgets/list.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

enum { ACT_INBOX_ASK = ACT_VIEW_BASE + 1, ACT_INBOX_REFUSE, ACT_INBOX_DISCARD, ACT_INBOX_HELD, ACT_INBOX_NOTE };

enum col { C_ID, C_RECEIVED, C_FROM, C_CUSTOMER, C_STATE, C_SUBJECT, NCOLS };

/* Titles are translated when drawn. */
static const struct layout_column columns[NCOLS] = {
	[C_ID] = { N_("ID"), 3, 5, 0, true },
	[C_RECEIVED] = { N_("RECEIVED"), 16, 20, 3, false },  /* the zone too from 20 cells */
	[C_FROM] = { N_("FROM"), 8, 26, 1, false },
	[C_CUSTOMER] = { N_("CUSTOMER"), 8, 16, 2, false },
	[C_STATE] = { N_("STATE"), 8, 18, 4, false },
	[C_SUBJECT] = { N_("SUBJECT"), 22, 0, 0, false },
};

#define DETAIL_ROWS 8  /* separator, from, customer/contact, subject, state, 3 lines of text */

enum pending { P_NONE, P_ASK, P_REFUSE, P_DISCARD, P_NOTE };

struct iview {
	struct inbox_filter filter; /* which list (held mail or not) and its text filter */
	struct inbox_list list; /* the window's rows: on screen, then the read-ahead */
	struct inbox_list spare; /* what the window's reads fill */
	struct keyset_window win; /* moves `list` by keyset, and the cursor over it */
	long count;             /* the list's mails at the last reload, up to
	                           INBOX_COUNT_CAP + 1 (more than the cap) */
	bool refused;           /* the caller's role may not read mail (77):
	                           nothing is shown and no action is offered */
	int widths[NCOLS];
	long long preview_id;   /* whose body `preview` holds */
	char *preview;
	enum pending pending;   /* a prompt about mail `pending_id` is open */
	long long pending_id;
	char *missing;          /* P_ASK: what the request will list */
	struct inbox_refusal who; /* P_REFUSE: whom a refusal names */
	struct ticket_files files; /* the selected mail's, read when saved or opened */
};

static const struct keybinding inbox_keys[] = {
	{ 'a', ACT_INBOX_ASK },
	{ 'r', ACT_INBOX_REFUSE },
	{ 'd', ACT_INBOX_DISCARD },
	{ 'h', ACT_INBOX_HELD },
	{ 'N', ACT_INBOX_NOTE },
	{ 'w', ACT_FILE_SAVE },
	{ 'v', ACT_FILE_OPEN },
	{ 0, 0 },
};

static const struct action_info inbox_actions[] = {
	{ ACT_OPEN, "open", N_("open the intake form filled in from the mail; submitting it accepts the mail") },
	{ ACT_INBOX_ASK, "ask", N_("ask the sender for the mandatory items the mail lacks (lists them first)") },
	{ ACT_INBOX_REFUSE, "refuse", N_("refuse: not the authorised contact, or a matter for the account representative") },
	{ ACT_INBOX_DISCARD, "discard", N_("discard the mail without answering (asks first)") },
	{ ACT_INBOX_HELD, "held", N_("toggle: show held mail (automatic replies, unknown senders)") },
	{ ACT_SEARCH, "search", N_("filter by a piece of the sender or the subject (empty, or Esc in the list, clears it)") },
	{ ACT_INBOX_NOTE, "note", N_("held mail of a ticket (a reply to a copy sent to staff, or from an address not allowed on the ticket): put it on the ticket as an internal note (asks first)") },
	{ ACT_FILE_SAVE, "save-attachment", N_("save a file of the mail (asks which, and the path)") },
	{ ACT_FILE_OPEN, "open-attachment", N_("open a file of the mail with xdg-open or run-mailcap") },
	{ 0, NULL, NULL },
};

/* True for an action the view offers on mail (inbox_actions): none is,
 * to a role that may not read it. */
static bool offered(int action)
{
	for (const struct action_info *a = inbox_actions; a->name; a++)
		if (a->action == action)
			return true;
	return false;
}

static struct iview *I(struct view *v)
{
	return v->data;
}

static const struct inbox_item *selected(const struct iview *e)
{
	int i = keyset_window_selected(&e->win);
	return i >= 0 ? &e->list.items[i] : NULL;
}

static void cancel_pending(struct iview *e)
{
	e->pending = P_NONE;
	free(e->missing);
	e->missing = NULL;
	inbox_refusal_done(&e->who);
}

/* Reads the selected mail's text for the preview (once per mail). */
static void load_preview(struct view *v)
{
	struct iview *e = I(v);
	const struct inbox_item *it = selected(e);
	struct db *db = screen_db(v->screen);

	if (!it || it->id == e->preview_id || !db)
		return;
	struct inbox_list one;
	struct tt_error err;
	tt_error_init(&err);
	free(e->preview);
	e->preview = NULL;
	e->preview_id = it->id;
	if (inbox_get(db, it->id, &one, &err) == 0 && one.n == 1 && one.items[0].body)
		e->preview = xstrdup(one.items[0].body);
	else if (err.code)
		screen_error(v->screen, &err);
	inbox_list_done(&one);
	tt_error_clear(&err);
}

/* ---------------------------------------------------------------- load -- */

static long long item_id(const void *list, int i)
{
	return ((const struct inbox_list *)list)->items[i].id;
}

/* The role may not read mail: nothing is held or offered. */
static void refuse(struct view *v)
{
	struct iview *e = I(v);
	keyset_window_clear(&e->win);
	cancel_pending(e);
	e->refused = true;
	e->count = 0;
	free(e->preview);
	e->preview = NULL;
	e->preview_id = 0;
}

/* Runs one read of the window (ui/keyset_window.h) into `out`, counting
 * the list too when the read places the window afresh; false when it
 * failed (said in the status line, or the role's refusal kept for the
 * list and the status to say). */
static bool fetch(void *view, const struct keyset_read *r, void *out)
{
	static const enum inbox_from from[] = {
		[KEYSET_FIRST] = INBOX_FIRST, [KEYSET_LAST] = INBOX_LAST, [KEYSET_AFTER] = INBOX_AFTER,
		[KEYSET_BEFORE] = INBOX_BEFORE, [KEYSET_AT] = INBOX_AT,
	};
	struct view *v = view;
	struct iview *e = I(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long n = 0;

	if (!db)
		return false;
	struct inbox_key k, *key = NULL;
	if (r->from != KEYSET_FIRST && r->from != KEYSET_LAST) {
		k = (struct inbox_key){ e->list.items[r->at].received_us, e->list.items[r->at].id };
		key = &k;
	}
	tt_error_init(&err);
	int rc = inbox_fetch(db, &e->filter, from[r->from], key, r->limit, out, r->anew ? &n : NULL, &err);
	if (rc == EX_NOPERM) {
		refuse(v);
	} else if (rc) {
		screen_error(v->screen, &err);
	} else {
		e->refused = false;
		if (r->anew)
			e->count = n;
	}
	tt_error_clear(&err);
	return rc == 0;
}

LIST_WINDOW_OPS(list_ops, inbox_list);

static const struct keyset_window_ops window_ops = { &list_ops, item_id, fetch };

/* ------------------------------------------------------------ movement -- */

/* A movement action (keyset_window_move's): true when it was one; the
 * preview follows the selection. */
static bool move(struct view *v, int action)
{
	if (!keyset_window_move(&I(v)->win, action))
		return false;
	load_preview(v);
	return true;
}

/* The list from its start again: another list or another filter. */
static void restart(struct view *v)
{
	struct iview *e = I(v);
	keyset_window_move(&e->win, ACT_FIRST);
	e->preview_id = 0;
	load_preview(v);
}

/* ---------------------------------------------------------------- steps -- */

static unsigned report(struct view *v, int rc, struct tt_error *err, const char *done, long long id)
{
	if (rc)
		screen_error(v->screen, err);
	else
		screen_message(v->screen, done, id);
	tt_error_clear(err);
	return VR_HANDLED | VR_RELOAD;
}

static unsigned ask_done(struct view *v, const char *text, void *arg)
{
	struct iview *e = I(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long long id = e->pending_id;
	(void)arg;
	bool go = screen_said_yes(text);
	cancel_pending(e);
	if (!go || !db)
		return VR_HANDLED | VR_RELOAD; /* mail may have come meanwhile */
	tt_error_init(&err);
	return report(v, inbox_ask(db, id, &err), &err, _("mail %lld: the missing items were requested"), id);
}

static unsigned refuse_done(struct view *v, const char *text, void *arg)
{
	struct iview *e = I(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long long id = e->pending_id;
	(void)arg;
	const char *reason = NULL;
	int c = text ? tolower((unsigned char)*text) : 0;
	if (c && c == tolower((unsigned char)*i18n_pgettext("refusal", NC_("refusal", "s"))))
		reason = "not_spoc";
	else if (c && c == tolower((unsigned char)*i18n_pgettext("refusal", NC_("refusal", "r"))))
		reason = "account_rep";
	cancel_pending(e);
	if (!reason || !db) {
		if (text && *text)
			screen_error_msg(v->screen, "%s", _("not refused: answer s or r"));
		return VR_HANDLED | VR_RELOAD;
	}
	tt_error_init(&err);
	return report(v, inbox_refuse(db, id, reason, &err), &err,
		      !strcmp(reason, "not_spoc") ? _("mail %lld refused: the sender was told whom to ask")
						  : _("mail %lld refused: the sender was sent to the account representative"),
		      id);
}

static unsigned discard_done(struct view *v, const char *text, void *arg)
{
	struct iview *e = I(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long long id = e->pending_id;
	(void)arg;
	bool go = screen_said_yes(text);
	cancel_pending(e);
	if (!go || !db)
		return VR_HANDLED | VR_RELOAD;
	tt_error_init(&err);
	return report(v, inbox_discard(db, id, &err), &err, _("mail %lld discarded"), id);
}

static unsigned note_done(struct view *v, const char *text, void *arg)
{
	struct iview *e = I(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long long id = e->pending_id, ticket = 0;
	(void)arg;
	bool go = screen_said_yes(text);
	cancel_pending(e);
	if (!go || !db)
		return VR_HANDLED | VR_RELOAD;
	tt_error_init(&err);
	if (inbox_note(db, id, &ticket, &err))
		screen_error(v->screen, &err);
	else
		screen_message(v->screen, _("mail %lld is now an internal note on ticket %lld"), id, ticket);
	tt_error_clear(&err);
	return VR_HANDLED | VR_RELOAD;
}

static unsigned start(struct view *v, int action)
{
	struct iview *e = I(v);
	const struct inbox_item *it = selected(e);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int rc = 0;

	if (!it)
		return VR_HANDLED;
	if (!db) {
		screen_error_msg(v->screen, "%s", _("not connected to the database"));
		return VR_HANDLED;
	}
	cancel_pending(e);
	tt_error_init(&err);
	e->pending_id = it->id;
	if (action == ACT_INBOX_ASK) {
		rc = inbox_missing(db, it->id, i18n_language(), &e->missing, &err);
		if (!rc) {
			e->pending = P_ASK;
			screen_ask(v->screen, v, *e->missing ? _("Send this request for information? [y/N] ")
							     : _("Nothing mandatory is missing; ask anyway? [y/N] "),
				   false, ask_done, NULL);
		}
	} else if (action == ACT_INBOX_REFUSE) {
		rc = inbox_refusal_names(db, it->id, &e->who, &err);
		if (!rc) {
			e->pending = P_REFUSE;
			screen_prompt(v->screen, v, _("Refuse: s = not the authorised contact, r = account representative: "),
				      NULL, refuse_done, NULL);
		}
	} else if (action == ACT_INBOX_NOTE) {
		char question[160];
		e->pending = P_NOTE;
		snprintf(question, sizeof(question), _("Put this mail on ticket #%lld as an internal note? [y/N] "),
			 it->ticket);
		screen_ask(v->screen, v, question, false, note_done, NULL);
	} else {
		e->pending = P_DISCARD;
		screen_ask(v->screen, v, _("Discard this mail without answering? [y/N] "), false,
			   discard_done, NULL);
	}
	if (rc)
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	return VR_HANDLED | VR_REDRAW;
}

/* `w` and `v`: the selected mail's files, read afresh, saved or opened as
 * in the ticket view (ui/ticket_files.c). */
static unsigned mail_files(struct view *v, int action)
{
	struct iview *e = I(v);
	const struct inbox_item *it = selected(e);
	struct db *db = screen_db(v->screen);
	if (!it || !db)
		return VR_HANDLED;
	if (!it->files) {
		screen_error_msg(v->screen, "%s", _("this mail has no files"));
		return VR_HANDLED;
	}
	struct attachment_list fresh;
	struct tt_error err;
	tt_error_init(&err);
	if (attachment_list_load_mail(db, it->id, &fresh, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED | VR_REDRAW;
	}
	ticket_files_set(&e->files, &fresh);
	return ticket_files_action(v, &e->files, action);
}

/* ------------------------------------------------------------------ ops -- */

static int iv_open(struct view *v, const char *arg)
{
	(void)arg;
	struct iview *e = xcalloc(1, sizeof(*e));
	inbox_filter_init(&e->filter);
	inbox_list_init(&e->list);
	inbox_list_init(&e->spare);
	keyset_window_init(&e->win, &window_ops, v, &e->list, &e->spare);
	ticket_files_init(&e->files, 0);
	v->data = e;
	return 0;
}

static void iv_close(struct view *v)
{
	struct iview *e = I(v);
	cancel_pending(e);
	ticket_files_done(&e->files);
	keyset_window_done(&e->win);
	inbox_list_done(&e->list);
	inbox_list_done(&e->spare);
	inbox_filter_done(&e->filter);
	free(e->preview);
	free(e);
}

/* Read again where it stands (mail came or was handled, `R`, a new
 * size), the cursor on the same mail; its text may have changed too. */
static unsigned iv_reload(struct view *v)
{
	struct iview *e = I(v);
	keyset_window_reload(&e->win);
	e->preview_id = 0;
	load_preview(v);
	return VR_REDRAW;
}

static unsigned iv_resize(struct view *v, int rows, int cols)
{
	struct iview *e = I(v);
	int height = rows - 1 - DETAIL_ROWS;
	keyset_window_resize(&e->win, height >= 1 ? height : rows - 1);
	layout_columns(columns, NCOLS, cols, e->widths);
	return VR_RELOAD;   /* a window of the new height */
}

static unsigned iv_notify(struct view *v, long long ticket, const char *kind)
{
	(void)ticket;
	/* a prompt about a mail stays valid: the list is read again after it */
	if (I(v)->pending != P_NONE)
		return VR_HANDLED;
	return kind && !strcmp(kind, "mail") ? VR_RELOAD : VR_HANDLED;
}

/* `/` answered: the list from its start with the new filter (an empty
 * one shows every mail); a cancelled prompt changes nothing. */
static unsigned filter_done(struct view *v, const char *text, void *arg)
{
	(void)arg;
	if (!text)
		return VR_HANDLED;
	inbox_filter_text(&I(v)->filter, text);
	restart(v);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned iv_action(struct view *v, int action)
{
	struct iview *e = I(v);
	const struct inbox_item *it = selected(e);
	char arg[40];

	if (move(v, action))
		return VR_HANDLED | VR_REDRAW;
	if (e->refused && offered(action)) {
		screen_error_msg(v->screen, "%s", _("the inbox is not shown to your role: no mail to act on"));
		return VR_HANDLED;
	}
	switch (action) {
	case ACT_OPEN:
		if (!it)
			return VR_HANDLED;
		/* a sender unknown when the mail came may be a contact by now:
		 * the database takes it back into the inbox on accepting */
		if (e->filter.held && strcmp(it->hold_reason, "unknown_sender")) {
			screen_error_msg(v->screen, "%s", _("held mail is never answered or accepted"));
			return VR_HANDLED;
		}
		snprintf(arg, sizeof(arg), "mail:%lld", it->id);
		return view_request_open(v, "intake", arg);
	case ACT_INBOX_ASK:
	case ACT_INBOX_REFUSE:
	case ACT_INBOX_DISCARD:
		return start(v, action);
	case ACT_INBOX_NOTE:
		if (!e->filter.held) {
			screen_error_msg(v->screen, "%s", _("only held mail becomes a note (h shows it)"));
			return VR_HANDLED;
		}
		if (it && !it->ticket) {
			/* said before asking: the database would refuse it */
			screen_error_msg(v->screen, _("mail %lld names no ticket: it stays held"), it->id);
			return VR_HANDLED;
		}
		return start(v, action);
	case ACT_FILE_SAVE:
	case ACT_FILE_OPEN:
		return mail_files(v, action);
	case ACT_INBOX_HELD:
		e->filter.held = !e->filter.held;
		restart(v);
		return VR_HANDLED | VR_REDRAW;
	case ACT_SEARCH:
		screen_prompt(v->screen, v, _("Filter (sender or subject): "), e->filter.text, filter_done, NULL);
		return VR_HANDLED;
	case ACT_BACK:
		/* back from a filtered list is to the whole list first */
		if (!inbox_filter_has_text(&e->filter))
			return VR_UNHANDLED;
		inbox_filter_text(&e->filter, NULL);
		restart(v);
		return VR_HANDLED | VR_REDRAW;
	default:
		return VR_UNHANDLED;
	}
}

/* A click selects, a double click opens; the wheel moves the window by
 * keyset, the cursor staying on its mail while it is on screen. */
static unsigned iv_mouse(struct view *v, const struct mouse_event *m)
{
	struct iview *e = I(v);
	if (m->kind == MOUSE_WHEEL_DOWN || m->kind == MOUSE_WHEEL_UP) {
		keyset_window_wheel(&e->win, m->kind == MOUSE_WHEEL_DOWN);
		load_preview(v);
		return VR_HANDLED | VR_REDRAW;
	}
	switch (list_mouse(&e->win.cur, m)) {
	case LIST_MOUSE_OPEN:
		load_preview(v);
		return iv_action(v, ACT_OPEN) | VR_REDRAW;
	case LIST_MOUSE_MOVED:
		load_preview(v);
		return VR_HANDLED | VR_REDRAW;
	default:
		return VR_HANDLED;
	}
}


static void draw_item(struct iview *e, int row, int y, int x, int w)
{
	const struct inbox_item *it = &e->list.items[row];
	char id[24];
	struct strbuf when, state, line;

	snprintf(id, sizeof(id), "%lld", it->id);
	sb_init(&when);
	sb_init(&state);
	sb_init(&line);
	timefmt_append_cell(&when, it->received_at, e->widths[C_RECEIVED]);
	inbox_state_words(it, &state);
	/* the words when the column holds them, else their brief form (the
	 * preview pane below says them whole) */
	if (text_width(state.buf) > e->widths[C_STATE]) {
		sb_reset(&state);
		inbox_state_brief(it, &state);
	}
	const char *cells[NCOLS] = {
		[C_ID] = id,
		[C_RECEIVED] = when.buf,
		[C_FROM] = it->from,
		[C_CUSTOMER] = *it->customer ? it->customer : "-",
		[C_STATE] = state.buf,
		[C_SUBJECT] = it->subject,
	};
	layout_row(&line, columns, NCOLS, e->widths, cells, draw_text_flags());
	draw_text(y, x, w, line.buf, list_style(&e->win.cur, row,
			!strcmp(it->answer, "suppressed") || *it->hold_reason ? STYLE_DIM : STYLE_NORMAL));
	sb_done(&when);
	sb_done(&state);
	sb_done(&line);
}

/* "label text" on one line: the label dim, the text fitted after it. */
static void draw_labelled(int y, int x, int w, const char *label, const char *text, enum style st)
{
	int used = draw_text_part(y, x, w, label, STYLE_DIM);
	if (used < w)
		draw_text(y, x + used, w - used, text, st);
}

/* Word-wraps "label text" over at most `rows` lines of w cells. */
static int draw_wrapped(int y, int x, int w, int rows, const char *label, const char *text)
{
	struct strbuf clean;
	int used = 0, lw = text_width(label);

	if (rows <= 0 || w <= lw + 4)
		return 0;
	draw_text_part(y, x, w, label, STYLE_DIM);
	sb_init(&clean);
	text_sanitize(&clean, text, strlen(text), draw_text_flags());
	const char *p = clean.buf;
	while (used < rows) {
		int cx = used ? x + 2 : x + lw, cw = used ? w - 2 : w - lw;
		size_t len = strlen(p), cut = text_offset_for_width(p, cw);
		if (cut < len && used + 1 < rows) {
			size_t sp = cut;
			while (sp > 0 && p[sp] != ' ')
				sp--;
			if (sp > 0)
				cut = sp;
		}
		char *line = xstrndup(p, used + 1 < rows ? cut : len);
		if (used)
			draw_blank(y + used, x, 2, STYLE_NORMAL);
		draw_text(y + used, cx, cw, line, STYLE_HEADER);
		free(line);
		used++;
		p += cut;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
	}
	sb_done(&clean);
	return used;
}

/* What the open prompt will do, in the detail rows. */
static int draw_pending(struct iview *e, int y, int x, int w, int rows)
{
	struct strbuf sb, rep;
	int used = 0;

	if (e->pending == P_ASK)
		return draw_wrapped(y, x, w, rows, _("The request will list: "),
				    *e->missing ? e->missing : _("(nothing is missing)"));
	if (e->pending != P_REFUSE)
		return 0;
	sb_init(&sb);
	sb_init(&rep);
	sb_addf(&sb, "%s: %s ", i18n_pgettext("refusal", "s"), _("not the authorised contact, names"));
	used += draw_wrapped(y, x, w, rows - 1, sb.buf, *e->who.spoc ? e->who.spoc : _("(none: cannot be used)"));
	sb_reset(&sb);
	sb_addf(&sb, "%s: %s ", i18n_pgettext("refusal", "r"), _("account representative's matter, names"));
	if (*e->who.rep_email)
		sb_addf(&rep, "%s <%s>", e->who.rep_name, e->who.rep_email);
	else
		sb_add(&rep, _("(none: cannot be used)"));
	used += draw_wrapped(y + used, x, w, rows - used, sb.buf, rep.buf);
	sb_done(&sb);
	sb_done(&rep);
	return used;
}

/* " · " between the parts of a detail line; " | " on a terminal that
 * is not UTF-8 (LANG=C). */
static const char *separator(void)
{
	return draw_text_flags() ? " | " : " \u00b7 ";
}

static void draw_detail(struct view *v, const struct area *a, int y0)
{
	struct iview *e = I(v);
	const struct inbox_item *it = selected(e);
	int rows = a->y + a->h - y0;
	struct strbuf sb;

	for (int i = 0; i < rows; i++)
		draw_blank(y0 + i, a->x, a->w, STYLE_NORMAL);
	if (rows <= 0)
		return;
	sb_init(&sb);
	for (int i = 0; i < a->w; i++)
		sb_add(&sb, draw_text_flags() ? "-" : "\u2500");
	draw_text(y0, a->x, a->w, sb.buf, STYLE_DIM);
	sb_done(&sb);
	if (!it)
		return;
	int y = y0 + 1, end = a->y + a->h;
	if (y < end)
		draw_labelled(y++, a->x, a->w, _("From: "), it->from, STYLE_HEADER);
	if (y < end) {
		sb_init(&sb);
		sb_addf(&sb, "%s", *it->customer ? it->customer : _("(unknown sender)"));
		if (*it->contact) {
			sb_add(&sb, " / ");
			sb_add(&sb, it->contact);
		}
		if (it->files) {
			sb_add(&sb, separator());
			sb_addf(&sb, ngettext("%d file", "%d files", it->files), it->files);
		}
		draw_labelled(y++, a->x, a->w, _("Customer: "), sb.buf, STYLE_NORMAL);
		sb_done(&sb);
	}
	if (y < end)
		draw_labelled(y++, a->x, a->w, _("Subject: "), it->subject, STYLE_NORMAL);
	if (y < end && it->file_names && *it->file_names) {
		/* the names of the files, so that a screenshot is seen before accepting */
		sb_init(&sb);
		for (const char *p = it->file_names; *p; p++) {
			if (*p == '\x1f')
				sb_add(&sb, separator());
			else
				sb_addc(&sb, *p);
		}
		draw_labelled(y++, a->x, a->w, _("Files: "), sb.buf, STYLE_NORMAL);
		sb_done(&sb);
	}
	if (y < end) {
		struct strbuf when;
		sb_init(&sb);
		sb_init(&when);
		inbox_state_words(it, &sb);
		/* when, in full and with the zone (the list's column may not hold
		 * it): after the state, or under it when both do not fit */
		time_t t;
		if (timefmt_parse(it->received_at, &t) == 0) {
			struct strbuf at;
			sb_init(&at);
			timefmt_append(&at, t, TIMEFMT_NEAR);
			sb_addf(&when, _("received %s"), at.buf);
			sb_done(&at);
		}
		const char *label = _("State: ");
		int lw = text_width(label);
		if (when.len && (lw + text_width(sb.buf) + text_width(separator()) + text_width(when.buf) <= a->w ||
				 y + 1 >= end)) {
			sb_add(&sb, separator());
			sb_add(&sb, when.buf);
			sb_reset(&when);
		}
		draw_labelled(y++, a->x, a->w, label, sb.buf, STYLE_NORMAL);
		if (when.len) {
			draw_blank(y, a->x, lw, STYLE_NORMAL);
			draw_text(y++, a->x + lw, a->w - lw, when.buf, STYLE_NORMAL);
		}
		sb_done(&when);
		sb_done(&sb);
	}
	if (e->pending != P_NONE && e->pending_id == it->id)
		y += draw_pending(e, y, a->x, a->w, end - y);
	/* the first lines of the text, each line fitted on its own */
	const char *p = e->preview_id == it->id && e->preview ? e->preview : "";
	while (y < end && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n) {
			char *line = xstrndup(p, n);
			draw_text(y++, a->x, a->w, line, STYLE_DIM);
			free(line);
		}
		p += n + (nl ? 1 : 0);
	}
}

static void iv_draw(struct view *v, const struct area *a)
{
	struct iview *e = I(v);
	const char *titles[NCOLS];
	struct strbuf sb;

	for (int c = 0; c < NCOLS; c++)
		titles[c] = _(columns[c].title);
	sb_init(&sb);
	layout_row(&sb, columns, NCOLS, e->widths, titles, draw_text_flags());
	draw_text(a->y, a->x, a->w, sb.buf, STYLE_HEADER);
	sb_done(&sb);
	list_place(&e->win.cur, a->y + 1);
	for (int i = 0; i < e->win.height && i + 1 < a->h; i++) {
		int y = a->y + 1 + i, row = e->win.cur.top + i;
		if (row < (int)e->list.n)
			draw_item(e, row, y, a->x, a->w);
		else if (i == 0)
			draw_text(y, a->x, a->w,
				  !screen_db(v->screen) ? _("(not connected to the database)")
				  : e->refused ? _("(the inbox is not shown to your role)")
				  : inbox_filter_has_text(&e->filter) ? _("(no mail matches the filter)")
				  : e->filter.held ? _("(no held mail)") : _("(the inbox is empty)"), STYLE_DIM);
		else
			draw_blank(y, a->x, a->w, STYLE_NORMAL);
	}
	if (1 + e->win.height < a->h)
		draw_detail(v, a, a->y + 1 + e->win.height);
}

static void iv_status(struct view *v, struct strbuf *out)
{
	struct iview *e = I(v);
	struct strbuf count;

	if (e->refused) {
		sb_add(out, _("the inbox is not shown to your role"));
		return;
	}
	/* how many: exact up to the bound the count stops at, then "more than" */
	sb_init(&count);
	size_t n = (size_t)e->count;
	/* nothing read while the database is unavailable: no count (the
	 * list says it is not connected), not "0 mails in the inbox" */
	if (!screen_db(v->screen) && !e->list.n)
		sb_add(&count, _("not read yet"));
	else if (e->count > INBOX_COUNT_CAP && e->filter.held)
		sb_addf(&count, _("more than %d held mails"), INBOX_COUNT_CAP);
	else if (e->count > INBOX_COUNT_CAP)
		sb_addf(&count, _("more than %d mails in the inbox"), INBOX_COUNT_CAP);
	else if (e->filter.held)
		sb_addf(&count, ngettext("%zu held mail", "%zu held mails", (unsigned long)n), n);
	else
		sb_addf(&count, ngettext("%zu mail in the inbox", "%zu mails in the inbox", (unsigned long)n), n);
	if (inbox_filter_has_text(&e->filter))
		sb_addf(out, _("filter \"%s\": %s"), e->filter.text, count.buf);
	else
		sb_add(out, count.buf);
	sb_done(&count);
	/* where the screen is in a list longer than it */
	if (e->win.at_start && e->win.more)
		sb_addf(out, "  %s", _("(top)"));
	else if (!e->win.at_start && !e->win.more)
		sb_addf(out, "  %s", _("(end)"));
}

static void iv_help(struct view *v, struct strbuf *out)
{
	if (I(v)->refused) {
		sb_add(out, _("The inbox is not shown to your role: mail in and out carries the customers'\n"
			      "addresses, which only support staff read. None of the keys below applies.\n"));
		return;
	}
	sb_add(out, _("Mail from the customers' contacts that is not a reply on a ticket, oldest first;\n"
		      "the keys that page and go to either end reach every mail, however many there are.\n"
		      "/ filters by a piece of the sender or the subject; q or Esc clears the filter first.\n"
		      "Enter opens the intake form filled in from the mail; submitting it opens the ticket,\n"
		      "whose first response answers the customer's mail. Answers to mail are limited per\n"
		      "sender and day: past the limit they are kept, not sent (\"daily limit\").\n"));
}

const struct view_ops view_inbox_ops = {
	.name = "inbox",
	.title = N_("Inbox"),
	.keys = inbox_keys,
	.actions = inbox_actions,
	.open = iv_open,
	.close = iv_close,
	.reload = iv_reload,
	.draw = iv_draw,
	.action = iv_action,
	.resize = iv_resize,
	.notify = iv_notify,
	.status = iv_status,
	.help = iv_help,
	.mouse = iv_mouse,
};
