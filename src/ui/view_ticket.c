/* The ticket view (Enter on the queue, `:123`): every intake field, the
 * deadlines with their outcomes, the escalation chain, the customer's
 * other tickets (the first few; h lists them all) and the timeline
 * (public replies, internal notes marked as such, audit events) in a pager
 * with / search and n/N. Actions are one checked API call each, carrying
 * the version shown: a stale refusal keeps the typed text, says who
 * changed what, and reloads. The text comes from model/ticket_render.h
 * (shared with `ticketty ticket show`); the deadline lines count down
 * on an idle screen (tick). Its attachments are listed, saved and
 * opened by ui/ticket_files.c, which also holds the files chosen (A) to
 * go with the next message (public, or a note). E re-triages it in the intake form
 * (view "retriage", view_intake.c). + and - add and remove its
 * collaborators (pickers in ui/ticket_pickers.c), named under the
 * assignee. Choosing "waiting on customer" in the status picker (s) asks
 * whether to ask the customer something: y writes the question in the
 * editor and sends it with the change and the files chosen with A
 * (api_ticket_ask, mailed as request_info; a refused question is kept,
 * with its files, as a reply is), n only changes the status. A text
 * mailed to the customer (a reply, a first response, a question, a
 * resolution message) goes once the status line's "Send to <contact>?"
 * is answered y; e edits it again, n keeps it unsent (ui.confirm_reply). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/agent.h"
#include "model/agent_pick.h"
#include "model/canned.h"
#include "model/collab.h"
#include "model/escalation.h"
#include "model/retriage.h"
#include "model/ticket.h"
#include "model/ticket_render.h"
#include "ui/draw.h"
#include "ui/retriage_draft.h"
#include "ui/screen.h"
#include "ui/ticket_files.h"
#include "ui/ticket_pickers.h"
#include "ui/view.h"
#include "ui/view_search.h"
#include "ui/widgets/pager.h"
#include "util/i18n.h"
#include "util/kept_text.h"
#include "util/monotime.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The timeline is read a page at a time by keyset, as the reader nears
 * the end of what is loaded, so opening a ticket with a long history
 * costs one page; TIMELINE_MAX bounds what one view ever holds. */
#define TIMELINE_PAGE 200
#define TIMELINE_MAX 5000

/* The key's action that sends each of the ticket's own kept texts again
 * (util/kept_text.h, whose names the command line uses too); a slot of
 * KEPT_TICKET_TEXTS stands for none. */
static const int kept_action[KEPT_TICKET_TEXTS] = {
	[KEPT_ACK] = ACT_ACKNOWLEDGE, [KEPT_REPLY] = ACT_REPLY, [KEPT_NOTE] = ACT_NOTE,
	[KEPT_RESOLVE] = ACT_RESOLVE, [KEPT_ASK] = ACT_STATUS, [KEPT_ESCALATE] = ACT_ESCALATE,
};

/* A deadline line that counts down on an idle screen (the tick op). */
struct live_deadline {
	struct tr_deadline d;      /* its strings point into tv->t */
	int src;                   /* its logical line in the pager */
	char *shown;               /* the text shown, owned */
};
#define LIVE_MAX 4

struct tview {
	long long id;
	struct ticket_detail *t;   /* NULL until loaded */
	bool load_failed;          /* the last load failed or was cancelled */
	struct pager pager;
	char *kept[KEPT_TICKET_TEXTS];    /* text of a refused reply/note, offered again */
	char *role;                /* the agent's role as last read (writer_of), NULL before */
	char *pending_status;      /* status waiting for its bug reference */
	/* the version shown when s or a was pressed: what the status or
	 * the assignee picked (and the bug reference or the question asked
	 * after it) is checked against, not the version a live reload
	 * brought in while the picker or the prompt was open */
	int picked_on;
	char *bug_typed;           /* a bug reference refused: offered again */
	int pending_action;        /* asked for by the opener (view->request), run once loaded */
	struct timeline_cursor tl_next; /* where the loaded timeline ends */
	bool tl_more;              /* entries follow tl_next */
	int tl_loaded;             /* timeline entries in the pager */
	int tl_last_message;       /* pager source line where the last message begins, -1 none */
	bool show_own;             /* one's own text was just sent: the next read shows it */
	/* the database's clock = monotonic µs + db_offset (set at each read):
	 * the deadlines count down from tt_now(), never the client's clock */
	long long db_offset;
	long long read_us;         /* the database's clock at the read */
	struct live_deadline live[LIVE_MAX];
	int nlive;
	struct ticket_files files; /* its attachments */
	/* a text for the customer written and kept (in kept[slot]), waiting
	 * for the answer to "Send to ...?" (ui.confirm_reply) */
	struct {
		int action;            /* the key's action that wrote it */
		enum kept_for slot;
		enum ticket_message kind;
		char *ok;              /* what the line says once it went, owned */
		int version;           /* the version shown when it was written */
	} confirm;
	bool show_quoted;          /* the earlier mail customers quoted is shown (z) */
	char quoted_hint[64];      /* "z shows them", with the key bound */
	char history_hint[64];     /* "press h", with the key bound */
	bool retriage_kept;        /* a re-triage of it was changed and never sent */
};

static unsigned tv_action(struct view *v, int action);

static const struct keybinding ticket_keys[] = {
	{ 'n', ACT_SEARCH_NEXT },
	{ 'N', ACT_SEARCH_PREV },
	{ 'a', ACT_ACKNOWLEDGE },
	{ 'r', ACT_REPLY },
	{ 'c', ACT_NOTE },
	{ 't', ACT_TAKE },
	{ 's', ACT_STATUS },
	{ 'e', ACT_ESCALATE },
	{ 'x', ACT_RESOLVE },
	{ 'X', ACT_CLOSE },
	{ 'o', ACT_REOPEN },
	{ '@', ACT_ASSIGN },
	{ 'w', ACT_FILE_SAVE },
	{ 'v', ACT_FILE_OPEN },
	{ 'A', ACT_FILE_ATTACH },
	{ 'h', ACT_HISTORY },
	{ 'L', ACT_LINK },
	{ 'T', ACT_CANNED },
	{ 'E', ACT_RETRIAGE },
	{ 'z', ACT_QUOTED },
	{ '+', ACT_COLLAB_ADD },
	{ '-', ACT_COLLAB_REMOVE },
	{ 0, 0 },
};

static struct tview *TV(struct view *v)
{
	return v->data;
}

/* ---------------------------------------------------------- building -- */

/* The database's clock now, in seconds since the epoch. */
static long long db_now_us(const struct tview *tv)
{
	return monotime_us() + tv->db_offset;
}

static void live_clear(struct tview *tv)
{
	for (int i = 0; i < tv->nlive; i++)
		free(tv->live[i].shown);
	tv->nlive = 0;
}

static enum style style_of(enum tr_style st)
{
	static const enum style map[] = {
		[TR_NORMAL] = STYLE_NORMAL, [TR_HEADER] = STYLE_HEADER, [TR_DIM] = STYLE_DIM,
		[TR_SLA_BREACHED] = STYLE_SLA_BREACHED, [TR_SEV1] = STYLE_SEV1, [TR_INTERNAL] = STYLE_INTERNAL,
	};
	return map[st];
}

/* The renderer's sink: lines into the pager, deadline lines remembered
 * so the tick can count them down. */
static void sink_line(void *arg, const char *text, enum tr_style st)
{
	struct tview *tv = arg;
	pager_add(&tv->pager, text, style_of(st));
}

static void sink_row(void *arg, const char *text, enum tr_style st)
{
	struct tview *tv = arg;
	pager_add_row(&tv->pager, text, style_of(st));
}

static void sink_deadline(void *arg, const struct tr_deadline *d, const char *text)
{
	struct tview *tv = arg;
	if (tv->nlive >= LIVE_MAX)
		return;
	struct live_deadline *l = &tv->live[tv->nlive++];
	l->d = *d;
	l->src = tv->pager.nsrc;
	l->shown = xstrdup(text);
}

static struct tr_sink sink_of(struct view *v)
{
	struct tview *tv = TV(v);
	const char *key = screen_key_for(v->screen, v, ACT_QUOTED);
	snprintf(tv->quoted_hint, sizeof(tv->quoted_hint), _("%s shows them"), key);
	const char *hkey = screen_key_for(v->screen, v, ACT_HISTORY);
	/* TRANSLATORS: after "3 more tickets: ": the key (%s) that lists
	 * the customer's other tickets */
	snprintf(tv->history_hint, sizeof(tv->history_hint), _("press %s"), hkey);
	return (struct tr_sink){ .line = sink_line, .row = sink_row, .deadline = sink_deadline, .arg = tv,
				 .show_quoted = tv->show_quoted, .quoted_hint = *key ? tv->quoted_hint : NULL,
				 .history_hint = *hkey ? tv->history_hint : NULL };
}

/* Appends a page of the timeline that was read, and frees it. */
static void timeline_take(struct view *v, struct timeline_page *page)
{
	struct tview *tv = TV(v);
	struct tr_sink sink = sink_of(v);
	/* where the page's last message (not an event) begins: the one just
	 * sent is shown from there (show_sent) */
	size_t last = page->n;
	for (size_t i = page->n; i-- > 0;)
		if (page->entries[i].kind != TIMELINE_EVENT) {
			last = i;
			break;
		}
	ticket_render_entries(&sink, page->entries, last < page->n ? last : page->n);
	if (last < page->n) {
		tv->tl_last_message = tv->pager.nsrc;
		ticket_render_entries(&sink, page->entries + last, page->n - last);
	}
	tv->tl_loaded += (int)page->n;
	tv->tl_next = page->next;
	tv->tl_more = page->more && page->n > 0;
	timeline_page_done(page);
	if (tv->tl_more && tv->tl_loaded >= TIMELINE_MAX) {
		tv->tl_more = false;
		pager_addf(&tv->pager, STYLE_DIM, _("(the first %d entries are shown; see ticketty ticket show)"),
			   TIMELINE_MAX);
	}
}

/* Appends the next page of the timeline (at most TIMELINE_PAGE entries,
 * never past TIMELINE_MAX in all). */
static int timeline_page(struct view *v, struct tt_error *err)
{
	struct tview *tv = TV(v);
	struct timeline_page page = { 0 };
	int limit = TIMELINE_MAX - tv->tl_loaded;

	if (limit > TIMELINE_PAGE)
		limit = TIMELINE_PAGE;
	int rc = ticket_timeline_load(screen_db(v->screen), tv->id, tv->tl_loaded ? &tv->tl_next : NULL,
				      limit, &page, err);
	if (rc) {
		tv->tl_more = false;
		return rc;
	}
	timeline_take(v, &page);
	return 0;
}

/* Loads pages until at least `want` entries are in (or none are left). */
static int timeline_upto(struct view *v, int want, struct tt_error *err)
{
	struct tview *tv = TV(v);
	int rc = 0;
	while (rc == 0 && tv->tl_more && tv->tl_loaded < want)
		rc = timeline_page(v, err);
	return rc;
}

/* The timeline header and its first page, read with the ticket (and as
 * many entries more as were loaded before a live reload, so the reading
 * position stays). */
static int build_timeline(struct view *v, int keep, struct timeline_page *first, struct tt_error *err)
{
	struct tview *tv = TV(v);

	pager_add(&tv->pager, "", STYLE_NORMAL);
	pager_addf(&tv->pager, STYLE_HEADER,
		   ngettext("Timeline (%ld entry)", "Timeline (%ld entries)", (unsigned long)tv->t->timeline_total),
		   tv->t->timeline_total);
	tv->tl_loaded = 0;
	tv->tl_last_message = -1;
	tv->tl_more = true;
	memset(&tv->tl_next, 0, sizeof(tv->tl_next));
	timeline_take(v, first);
	return timeline_upto(v, keep, err);
}

/* Reads the next page while the reader is within two screens of the end
 * of what is loaded. */
static void timeline_prefetch(struct view *v)
{
	struct tview *tv = TV(v);
	struct tt_error err;

	if (!screen_db(v->screen))
		return;
	tt_error_init(&err);
	while (tv->tl_more && tv->pager.top + 2 * tv->pager.height >= tv->pager.n)
		if (timeline_page(v, &err)) {
			screen_error(v->screen, &err);
			break;
		}
	tt_error_clear(&err);
}

/* Sets (text, owned; NULL: clears) what is kept in slot, in the view and
 * as a draft, so a lost session keeps it too. 0 or an exit code. */
static int keep(struct tview *tv, enum kept_for slot, char *text, struct tt_error *err)
{
	char name[KEPT_NAME_MAX];
	kept_text_name(name, slot, tv->id);
	free(tv->kept[slot]);
	tv->kept[slot] = text;
	return kept_text_save(name, text, err);
}

/* Keeps text in slot; a draft that cannot be written is not said here
 * (the text stays in the view; write_text says it once). */
static void keep_quietly(struct tview *tv, enum kept_for slot, char *text)
{
	struct tt_error err;
	tt_error_init(&err);
	keep(tv, slot, text, &err);
	tt_error_clear(&err);
}

/* What was written for this ticket and never sent, here or on the
 * command line, is offered again: read where the view holds nothing (at
 * open, and on each reload, so a text kept meanwhile elsewhere shows). */
static void load_kept(struct tview *tv)
{
	for (int i = 0; i < KEPT_TICKET_TEXTS; i++) {
		char name[KEPT_NAME_MAX];
		kept_text_name(name, (enum kept_for)i, tv->id);
		if (!tv->kept[i])
			tv->kept[i] = kept_text_load(name);
	}
	tv->retriage_kept = retriage_draft_waiting(tv->id);
}

/* --------------------------------------------------------------- ops -- */

static int tv_open(struct view *v, const char *arg)
{
	char *end = NULL;
	long long id = arg ? strtoll(arg, &end, 10) : 0;
	if (!arg || *end || id <= 0) {
		screen_error_msg(v->screen, _("'%s' is not a ticket number"), arg ? arg : "");
		return EX_USAGE;
	}
	struct tview *tv = xcalloc(1, sizeof(*tv));
	tv->id = id;
	load_kept(tv);
	/* the action the opener asked for (the queue's `r`), on the version
	 * the view is about to show */
	tv->pending_action = v->request;
	pager_init(&tv->pager);
	ticket_files_init(&tv->files, id);
	v->data = tv;
	return 0;
}

static void tv_close(struct view *v)
{
	struct tview *tv = TV(v);
	ticket_detail_free(tv->t);
	live_clear(tv);
	pager_done(&tv->pager);
	ticket_files_done(&tv->files);
	for (int i = 0; i < KEPT_TICKET_TEXTS; i++)
		free(tv->kept[i]);
	free(tv->role);
	free(tv->pending_status);
	free(tv->bug_typed);
	free(tv->confirm.ok);
	free(tv);
}

/* After one's own message went (a reply, a note, a question, ...), the
 * timeline shows it wherever the reader was: read to its end, the
 * newest message's first line on screen, and as much as fits below it
 * (the events that came with it). */
static void show_sent(struct view *v)
{
	struct tview *tv = TV(v);
	struct tt_error err;

	tv->show_own = false;
	tt_error_init(&err);
	if (timeline_upto(v, TIMELINE_MAX, &err))
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	if (tv->tl_last_message < 0)
		return;
	int line = 0;
	while (line < tv->pager.n && tv->pager.lines[line].source < tv->tl_last_message)
		line++;
	tv->pager.top = line;
	pager_resize(&tv->pager, tv->pager.height, tv->pager.width);
}

static unsigned tv_reload(struct view *v)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	struct ticket_detail *t = NULL;

	load_kept(tv);
	if (!db)
		return VR_REDRAW;
	tt_error_init(&err);
	long long sent = monotime_us();
	struct timeline_page first;
	struct attachment_list files;
	/* the ticket, its attachments and the first page: one round trip */
	if (ticket_load(db, tv->id, TIMELINE_PAGE, &t, &first, &files, &err)) {
		tv->load_failed = true;
		screen_error(v->screen, &err);
		/* no such ticket (":99999"): R cannot bring it, so the view
		 * goes, the message stays; a read cut short stays for R */
		unsigned r = !tv->t && err.code == EX_DATAERR ? VR_CLOSE : VR_REDRAW;
		tt_error_clear(&err);
		return r;
	}
	tv->load_failed = false;
	ticket_detail_free(tv->t);
	tv->t = t;
	/* the read happened after `sent`: counting from there never runs
	 * ahead of the database */
	tv->db_offset = t->now_us - sent;
	tv->read_us = t->now_us;
	int top = tv->pager.top;
	int keep = tv->tl_loaded;
	char *search = tv->pager.search ? xstrdup(tv->pager.search) : NULL;
	pager_clear(&tv->pager);
	live_clear(tv);
	struct tr_sink sink = sink_of(v);
	ticket_render_detail(&sink, t, db_now_us(tv));
	ticket_files_set(&tv->files, &files);
	ticket_files_build(&tv->files, &tv->pager);
	if (build_timeline(v, keep, &first, &err))
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	/* keep the reading position across live reloads */
	tv->pager.top = top;
	pager_resize(&tv->pager, tv->pager.height, tv->pager.width);
	if (tv->show_own)
		show_sent(v);
	timeline_prefetch(v);
	free(tv->pager.search);
	tv->pager.search = search;
	if (tv->pending_action) {
		/* the action the queue asked for, on the version just shown */
		int action = tv->pending_action;
		tv->pending_action = ACT_NONE;
		if (tv_action(v, action) & VR_RELOAD)
			return tv_reload(v);
	}
	return VR_REDRAW;
}

static unsigned tv_resize(struct view *v, int rows, int cols)
{
	pager_resize(&TV(v)->pager, rows, cols);
	if (TV(v)->t)
		timeline_prefetch(v);
	return VR_REDRAW;
}

static unsigned tv_notify(struct view *v, long long ticket, const char *kind)
{
	(void)kind;
	return ticket == TV(v)->id || ticket == 0 ? VR_RELOAD : 0;
}

static void tv_draw(struct view *v, const struct area *a)
{
	struct tview *tv = TV(v);
	if (!tv->t) {
		for (int r = 0; r < a->h; r++)
			draw_blank(a->y + r, a->x, a->w, STYLE_NORMAL);
		const char *why = !screen_db(v->screen) ? _("(not connected to the database)")
				  : tv->load_failed ? _("(not loaded: R tries again)")
				  : _("(loading)");
		draw_text(a->y, a->x, a->w, why, STYLE_DIM);
		return;
	}
	pager_draw(&tv->pager, a);
}

static void tv_status(struct view *v, struct strbuf *out)
{
	struct tview *tv = TV(v);
	sb_addf(out, "#%lld", tv->id);
	if (tv->t)
		sb_addf(out, "  %s", i18n_term("status", tv->t->status));
	if (tv->pager.n > 0) {
		int seen = (tv->pager.top + tv->pager.height) * 100 / tv->pager.n;
		char num[16], pct[48];
		snprintf(num, sizeof(num), "%d", seen > 100 ? 100 : seen);
		sb_addf(out, "  %s", i18n_percent(pct, sizeof(pct), num));
	}
	if (tv->t && tv->tl_more)
		/* TRANSLATORS: timeline entries read so far of the ticket's total. */
		sb_addf(out, _("  timeline %d/%ld"), tv->tl_loaded, tv->t->timeline_total);
	for (int i = 0; i < KEPT_TICKET_TEXTS; i++)
		if (tv->kept[i]) {
			sb_addf(out, "  %s", _("(unsent text kept)"));
			break;
		}
	if (tv->retriage_kept)
		/* TRANSLATORS: a re-triage of this ticket was changed and never
		 * sent; %s is the key that brings it back */
		sb_addf(out, _("  (unsent re-triage: %s)"), screen_key_for(v->screen, v, ACT_RETRIAGE));
	ticket_files_status(&tv->files, out);
}

static void tv_help(struct view *v, struct strbuf *out)
{
	sb_add(out, _("Replies and notes are written in $VISUAL/$EDITOR. A change refused because\n"
		      "someone else changed the ticket first keeps your text: press the key again.\n"));
	if (screen_app(v->screen)->cfg.confirm_reply)
		sb_add(out, _("Before a text is mailed to the customer, the status line names who gets it:\n"
			      "y sends it, e edits it again, n keeps it unsent.\n"));
}

/* ----------------------------------------------------------- actions -- */

/* Who may write to the customer: support staff; product managers and
 * developers write internal notes only (DESIGN.md section 5; the
 * database refuses the rest, ticket_require_support in
 * sql/030_ticket_api.sql). Asked before an editor opens, so nothing is
 * written that can never be sent. The role is read each time (it may
 * change during a session); the last one read answers while the
 * connection is away, and none read leaves it to the database. */
enum writer { WRITES_PUBLIC, WRITES_NOTES, WRITES_UNKNOWN };

static enum writer writer_of(struct view *v)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);

	if (db) {
		struct agent_info me;
		struct tt_error err;
		agent_info_init(&me);
		tt_error_init(&err);
		if (agent_whoami(db, &me, &err)) {
			screen_error(v->screen, &err);
			tt_error_clear(&err);
			agent_info_done(&me);
			return WRITES_UNKNOWN;
		}
		free(tv->role);
		tv->role = me.role;
		me.role = NULL;
		agent_info_done(&me);
	}
	if (tv->role && (!strcmp(tv->role, "pm") || !strcmp(tv->role, "developer")))
		return WRITES_NOTES;
	return WRITES_PUBLIC;
}

/* A refusal for a stale version: ticket_lock's TT409, the only TT409
 * with a DETAIL ("current version: N"; the client translates it, so its
 * words are not parsed here). */
static bool stale_version(const struct tt_error *err)
{
	return !strcmp(err->sqlstate, "TT409") && err->detail && *err->detail;
}

/* Reports the outcome of an action; a refusal keeps `text` for next time. */
static unsigned done(struct view *v, int rc, struct tt_error *err, const char *ok,
		     enum kept_for slot, const char *text)
{
	struct tview *tv = TV(v);
	if (rc == 0) {
		if (slot < KEPT_TICKET_TEXTS) {
			keep_quietly(tv, slot, NULL);
			/* the message one just wrote is shown (tv_reload); an
			 * escalation's reason is an event, no message */
			tv->show_own = slot != KEPT_ESCALATE;
		}
		screen_message(v->screen, "%s", ok);
	} else {
		screen_error(v->screen, err);
		if (slot < KEPT_TICKET_TEXTS && text) {
			keep_quietly(tv, slot, xstrdup(text));
			/* say why it was refused, then that nothing was lost; a
			 * stale edit lists every change since (460), too long for
			 * one line with the key that sends the text, and in
			 * versions the screen does not show: the line says the
			 * ticket changed, :messages (screen_error above) lists how.
			 * Only a stale version is such a change: other TT409s (an
			 * escalation another agent holds) are said in their own
			 * words, not as a change nobody made */
			char *why = !stale_version(err)
					    ? xstrdup(err->message ? err->message : "")
					    /* TRANSLATORS: a text was refused because
					     * someone changed the ticket since it was
					     * shown; "text kept: ..." follows */
					    : xasprintf(_("ticket %lld was changed meanwhile (:messages says how)"), tv->id);
			/* the role changed while it was written: it can only
			 * become a note (kept_public_to_note). The key is named
			 * after the role is read (a statement repaints the title,
			 * which names a key too). */
			bool to_note = rc == EX_NOPERM && slot != KEPT_NOTE && slot != KEPT_ESCALATE &&
				       writer_of(v) == WRITES_NOTES;
			const char *note_key = screen_key_for(v->screen, v, ACT_NOTE);
			if (to_note && *note_key)
				/* TRANSLATORS: why the reply was refused, then the
				 * key that turns the kept text into a note; keep it
				 * short (an 80-column status line). */
				screen_error_msg(v->screen, _("%s; text kept: %s makes it an internal note"),
						 why, note_key);
			else
				screen_text_kept(v->screen, v, kept_action[slot], why);
			free(why);
		}
	}
	tt_error_clear(err);
	return VR_HANDLED | VR_RELOAD;
}

/* Runs the editor on the kept (or empty) text; NULL when nothing to send. */
static char *write_text(struct view *v, enum kept_for slot)
{
	struct tview *tv = TV(v);
	struct tt_error err;
	tt_error_init(&err);
	char *text = screen_edit(v->screen, tv->kept[slot], &err);
	if (!text) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return NULL;
	}
	if (text_blank(text)) {
		free(text);
		screen_message(v->screen, "%s", _("empty text: nothing sent"));
		return NULL;
	}
	/* kept before it is sent: a session lost meanwhile loses nothing */
	if (keep(tv, slot, xstrdup(text), &err)) {
		screen_error_msg(v->screen, _("the text could not be kept as a draft: %s"),
				 err.message ? err.message : "?");
		tt_error_clear(&err);
	}
	return text;
}

/* The texts kept for the customer (a reply, a first response, a
 * resolution message, a question), in the order they become a note's. */
static const enum kept_for kept_public[] = { KEPT_ACK, KEPT_REPLY, KEPT_RESOLVE, KEPT_ASK };
#define NKEPT_PUBLIC (sizeof(kept_public) / sizeof(kept_public[0]))

static bool has_kept_public(const struct tview *tv)
{
	for (size_t i = 0; i < NKEPT_PUBLIC; i++)
		if (tv->kept[kept_public[i]])
			return true;
	return false;
}

/* A message to the customer asked for by an agent who writes notes only:
 * said at once, with the key that writes a note (which starts from any
 * text kept for the customer); no editor opens. */
static unsigned notes_only(struct view *v, int action)
{
	struct tview *tv = TV(v);
	const char *what = action == ACT_ACKNOWLEDGE ? _("acknowledging is for the support staff")
			   : action == ACT_RESOLVE ? _("resolving is for the support staff")
			   : _("a public reply is for the support staff");
	const char *key = screen_key_for(v->screen, v, ACT_NOTE);

	if (!*key)
		screen_error_msg(v->screen, "%s", what);
	else if (has_kept_public(tv))
		/* TRANSLATORS: the first %s says what is for the support staff
		 * ("a public reply is for the support staff"), the second is the
		 * key that writes an internal note. */
		screen_error_msg(v->screen, _("%s: %s turns your kept text into a note"), what, key);
	else
		/* TRANSLATORS: the first %s says what is for the support staff
		 * ("a public reply is for the support staff"), the second is the
		 * key that writes an internal note. */
		screen_error_msg(v->screen, _("%s: %s writes an internal note"), what, key);
	return VR_HANDLED | VR_REDRAW;
}

/* A message to the customer (a first response, a reply, a resolution) on a closed
 * ticket: the database would refuse it (api_ticket_reply), so it is said
 * before an editor opens and nothing is written in vain. Only closed: a
 * reply reopens a resolved ticket. A ticket closed by someone else since
 * the view read it is still refused by the database, the text kept. */
static bool refused_closed(struct view *v)
{
	struct tview *tv = TV(v);
	if (!tv->t || strcmp(tv->t->status, "closed"))
		return false;
	screen_error_msg(v->screen, _("ticket %lld is closed: it takes no more replies"), tv->id);
	return true;
}

/* An agent who writes notes only starts the note from the texts kept for
 * the customer (after a note kept before): nothing typed is lost. */
static void kept_public_to_note(struct tview *tv)
{
	for (size_t i = 0; i < NKEPT_PUBLIC; i++) {
		const char *text = tv->kept[kept_public[i]];
		if (!text)
			continue;
		const char *note = tv->kept[KEPT_NOTE];
		keep_quietly(tv, KEPT_NOTE, note && !text_blank(note) ? xasprintf("%s\n\n%s", note, text)
									: xstrdup(text));
		keep_quietly(tv, kept_public[i], NULL);
	}
}

/* A message with the files chosen for it (A): to the customer with a
 * public one, kept for the desk with a note; they are dropped once it
 * went, kept with the text when it was refused. */
static int send_message(struct tview *tv, struct db *db, enum ticket_message kind, const char *text,
			int version, int *ver, struct tt_error *err)
{
	int rc = ticket_message_send(db, kind, tv->id, version, text, tv->files.out,
				     tv->files.nout, ver, err);
	if (!rc)
		ticket_files_sent(&tv->files);
	return rc;
}

/* Sends the text of `slot` (kept) as `kind` on `version` with the files
 * chosen (send_message); `ok` says it went. Without a database the text
 * stays kept for `action` (the key that writes it again); a refusal
 * keeps it and the files (done). */
static unsigned send_kept(struct view *v, int action, enum kept_for slot, enum ticket_message kind,
			  const char *ok, int version, char *text)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0;

	if (!db) {
		keep_quietly(tv, slot, text);
		screen_text_kept(v->screen, v, action, NULL);
		return VR_HANDLED | VR_REDRAW;
	}
	tt_error_init(&err);
	unsigned r = done(v, send_message(tv, db, kind, text, version, &ver, &err), &err, ok, slot, text);
	free(text);
	return r;
}

/* Who a text for the customer is mailed to (the ticket's contact: the
 * outbox addresses every public message to them, sql/061_mail_out.sql),
 * sanitised and cut to `width` cells: "Name <address>", the address
 * alone when both do not fit, the address cut (…) when it does not.
 * False when the address had to be cut. */
static bool recipient_fit(struct strbuf *out, const struct ticket_detail *t, int width)
{
	struct strbuf full;
	int flags = draw_text_flags();
	sb_init(&full);
	if (width < 8)
		width = 8;
	if (t->contact && t->contact_email && *t->contact_email)
		sb_addf(&full, "%s <%s>", t->contact, t->contact_email);
	else if (t->contact_email && *t->contact_email)
		sb_add(&full, t->contact_email);
	else
		/* TRANSLATORS: who a reply is mailed to when the ticket does
		 * not say (the contact is hidden): "Send to the contact?" */
		sb_add(&full, t->contact ? t->contact : _("the contact"));
	text_sanitize(out, full.buf, full.len, flags);
	if (text_width(out->buf) > width && t->contact && t->contact_email && *t->contact_email) {
		sb_reset(out);
		text_sanitize(out, t->contact_email, strlen(t->contact_email), flags);
	}
	bool whole = text_width(out->buf) <= width;
	if (!whole) {
		sb_reset(&full);
		sb_add(&full, out->buf);
		sb_reset(out);
		text_fit(out, full.buf, width, flags);
	}
	sb_done(&full);
	/* without an address there is nothing the shorter question could save */
	return whole || !(t->contact_email && *t->contact_email);
}

static unsigned confirm_done(struct view *v, const char *answer, void *arg);

/* Asks before the text kept in `slot` is mailed: the status line names
 * the recipient (cut so the keys that answer always show) and y sends,
 * e edits again, n, Esc or Enter keep it unsent. */
static void ask_to_send(struct view *v, int action, enum kept_for slot, enum ticket_message kind,
			const char *ok, int version)
{
	struct tview *tv = TV(v);
	const char *questions[] = {
		/* TRANSLATORS: asked before a text is mailed to the customer;
		 * %s is the recipient ("Carla Contact <carla@example.com>").
		 * y, e and n are the answer letters (msgctxt "answer"); n (and
		 * Enter) keeps the text unsent. Keep it short: the name needs
		 * the 80 columns. */
		_("Send to %s? y: send, e: edit, n: keep unsent "),
		/* TRANSLATORS: the same question when the address needs the
		 * room: y sends, e edits again, n keeps it unsent */
		_("Send to %s? y/e/n "),
	};
	struct strbuf who, q;
	sb_init(&who);
	sb_init(&q);
	/* the question's own words, then the rest of the line for the name;
	 * when the address would be cut, the answers in short: the address
	 * matters more than the legend (y, e, n stay visible) */
	const char *question = NULL;
	for (size_t i = 0; i < sizeof(questions) / sizeof(questions[0]) && !question; i++) {
		sb_reset(&q);
		sb_addf(&q, questions[i], "");
		sb_reset(&who);
		if (recipient_fit(&who, tv->t, tv->pager.width - text_width(q.buf) - 1) ||
		    i + 1 == sizeof(questions) / sizeof(questions[0]))
			question = questions[i];
	}
	sb_reset(&q);
	sb_addf(&q, question, who.buf);
	if (tv->confirm.ok != ok) {
		free(tv->confirm.ok);
		tv->confirm.ok = xstrdup(ok);
	}
	tv->confirm.action = action;
	tv->confirm.slot = slot;
	tv->confirm.kind = kind;
	tv->confirm.version = version;
	screen_ask_or_edit(v->screen, v, q.buf, confirm_done, NULL);
	sb_done(&who);
	sb_done(&q);
}

/* Writes the text of `slot` in the editor, starting from the text kept
 * there, on `version` (the one shown when the key was pressed). A text
 * for the customer is confirmed first (ask_to_send, ui.confirm_reply),
 * a note goes at once (send_kept). */
static unsigned write_version(struct view *v, int action, enum kept_for slot, enum ticket_message kind,
			      const char *ok, int version)
{
	char *text = write_text(v, slot);
	if (!text)
		return VR_HANDLED | VR_REDRAW;
	if (kind != MESSAGE_NOTE && screen_db(v->screen) && screen_app(v->screen)->cfg.confirm_reply) {
		/* the text is kept (write_text) until the answer */
		free(text);
		ask_to_send(v, action, slot, kind, ok, version);
		return VR_HANDLED | VR_REDRAW;
	}
	return send_kept(v, action, slot, kind, ok, version, text);
}

/* The answer to "Send to ...?": y sends the text kept, e opens it in the
 * editor again (and asks again), anything else keeps it unsent, said as
 * a refusal's kept text is, with the key that offers it again. */
static unsigned confirm_done(struct view *v, const char *answer, void *arg)
{
	struct tview *tv = TV(v);
	enum kept_for slot = tv->confirm.slot;
	int action = tv->confirm.action;
	char *ok = tv->confirm.ok;
	unsigned r;
	(void)arg;

	tv->confirm.ok = NULL;
	if (answer && !strcmp(answer, "e") && tv->t)
		r = write_version(v, action, slot, tv->confirm.kind, ok, tv->confirm.version);
	else if (screen_said_yes(answer) && tv->kept[slot])
		r = send_kept(v, action, slot, tv->confirm.kind, ok, tv->confirm.version, xstrdup(tv->kept[slot]));
	else {
		/* TRANSLATORS: the text was not mailed (answered n to "Send
		 * to ...?"); "; text kept: r sends it" follows. */
		screen_text_kept(v->screen, v, kept_action[slot], _("not sent"));
		r = VR_HANDLED | VR_REDRAW;
	}
	free(ok);
	return r;
}

/* Writes the text of `slot` in the editor and sends it as `kind` with
 * the files chosen (send_message), once confirmed when it is mailed to
 * the customer (write_version); `ok` says it went. */
static unsigned write_and_send(struct view *v, int action, enum kept_for slot, enum ticket_message kind,
			       const char *ok)
{
	return write_version(v, action, slot, kind, ok, TV(v)->t->version);
}

static unsigned text_action(struct view *v, int action)
{
	if (action == ACT_ACKNOWLEDGE)
		return write_and_send(v, action, KEPT_ACK, MESSAGE_ACK, _("acknowledged: first response sent"));
	if (action == ACT_REPLY)
		return write_and_send(v, action, KEPT_REPLY, MESSAGE_REPLY, _("public reply sent"));
	return write_and_send(v, action, KEPT_NOTE, MESSAGE_NOTE, _("internal note added"));
}

static unsigned set_status(struct view *v, const char *status, const char *bug, int version)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0, rc;

	if (!db)
		return VR_HANDLED;
	tt_error_init(&err);
	if (!strcmp(status, "closed"))
		rc = ticket_close(db, tv->id, version, &ver, &err);
	else if (!strcmp(tv->t->status, "resolved") && !strcmp(status, "in_progress"))
		rc = ticket_reopen(db, tv->id, version, NULL, &ver, &err);
	else
		rc = ticket_set_status(db, tv->id, version, status, bug, &ver, &err);
	/* a bug reference refused is offered again by the next prompt */
	free(tv->bug_typed);
	tv->bug_typed = rc && bug ? xstrdup(bug) : NULL;
	char *ok = xasprintf(_("status is now %s"), i18n_term("status", status));
	unsigned r = done(v, rc, &err, ok, KEPT_TICKET_TEXTS, NULL);
	free(ok);
	return r;
}

/* The answer to "Close #N for good?": yes closes it at the
 * version it was asked on. */
static unsigned close_done(struct view *v, const char *text, void *arg)
{
	(void)arg;
	if (!screen_said_yes(text))
		return VR_HANDLED | VR_REDRAW;
	return set_status(v, "closed", NULL, TV(v)->picked_on);
}

static unsigned bug_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	(void)arg;
	unsigned r = VR_HANDLED;
	if (text && tv->pending_status)
		r = set_status(v, tv->pending_status, text, tv->picked_on);
	free(tv->pending_status);
	tv->pending_status = NULL;
	return r;
}

static unsigned tv_action(struct view *v, int action);

/* Waiting on the customer, with a question to them or without (the
 * answer to ask_question's y/n): y writes the question in the editor
 * (starting from one kept) and sends it with the change and the files
 * chosen (A) in one transaction, so the customer is mailed them
 * (request_info); a refusal keeps the question and the files, as a
 * reply's are kept. n changes the status alone (asked by phone; the
 * files wait for the next message); Esc changes nothing. */
static unsigned ask_done(struct view *v, const char *answer, void *arg)
{
	struct tview *tv = TV(v);
	(void)arg;
	if (!answer || !*answer || !tv->t)
		return VR_HANDLED;
	if (!screen_said_yes(answer))
		return set_status(v, "waiting_customer", NULL, tv->picked_on);
	enum writer w = writer_of(v);
	if (w != WRITES_PUBLIC)
		return w == WRITES_NOTES ? notes_only(v, ACT_REPLY) : VR_HANDLED | VR_REDRAW;
	/* TRANSLATORS: the question went to the customer with the change;
	 * %s is the status, "waiting on customer". */
	char *ok = xasprintf(_("asked the customer; status is now %s"), i18n_term("status", "waiting_customer"));
	/* with the files chosen (A), as a reply takes them */
	unsigned r = write_version(v, ACT_STATUS, KEPT_ASK, MESSAGE_ASK, ok, tv->picked_on);
	free(ok);
	return r;
}

static unsigned status_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	(void)arg;
	if (!text || text_blank(text))
		return VR_HANDLED;
	while (*text == ' ')
		text++;
	const char *typed = text;
	/* the key or the state's name in the user's language */
	const char *key = i18n_term_key("status", text);
	if (key)
		text = key;
	/* only the changes allowed now, read from the database */
	struct ticket_transition *tr = NULL;
	size_t n = 0;
	struct tt_error err;
	tt_error_init(&err);
	if (ticket_transitions_load(screen_db(v->screen), tv->id, &tr, &n, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED;
	}
	const struct ticket_transition *pick = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(tr[i].to, text))
			pick = &tr[i];
	if (!pick) {
		struct strbuf sb;
		sb_init(&sb);
		for (size_t i = 0; i < n; i++)
			sb_addf(&sb, "%s%s", i ? ", " : "", i18n_term("status", tr[i].to));
		screen_error_msg(v->screen, _("\"%s\" is not a status this ticket can take now; it can go to: %s"),
				 typed, n ? sb.buf : _("nothing (closed)"));
		sb_done(&sb);
		free(tr);
		return VR_HANDLED;
	}
	bool public_msg = !strcmp(pick->message, "public"), needs_bug = pick->needs_bug_ref;
	bool question = !strcmp(pick->message, "question");
	bool is_ack = !strcmp(pick->action, "ack");
	free(tr);
	if (public_msg)
		return tv_action(v, is_ack ? ACT_ACKNOWLEDGE : ACT_RESOLVE);
	if (question) {
		/* TRANSLATORS: one key answers (y or n, [Y/n]: Enter is yes);
		 * keep it within an 80-column status line. */
		screen_ask(v->screen, v, _("Ask the customer something? y: write the question, n: just wait [Y/n] "),
			   true, ask_done, NULL);
		return VR_HANDLED;
	}
	if (needs_bug) {
		free(tv->pending_status);
		tv->pending_status = xstrdup(text);
		screen_prompt(v->screen, v, _("Engineering bug reference: "),
			      tv->bug_typed ? tv->bug_typed : tv->t->bug_ref, bug_done, NULL);
		return VR_HANDLED;
	}
	return set_status(v, text, NULL, tv->picked_on);
}

static unsigned escalate_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct esc_result res;
	struct tt_error err;
	(void)arg;
	if (!text)
		return VR_HANDLED;
	if (!db) {
		if (!text_blank(text)) {
			keep_quietly(tv, KEPT_ESCALATE, xstrdup(text));
			screen_text_kept(v->screen, v, ACT_ESCALATE, NULL);
		}
		return VR_HANDLED;
	}
	esc_result_init(&res);
	tt_error_init(&err);
	int rc = esc_raise(db, tv->id, text, &res, &err);
	char *ok = rc ? NULL : xasprintf(_("escalated to level %d (%s)"), res.level,
					 res.holder ? res.holder : "-");
	/* a reason whose escalation failed is kept and offered again */
	unsigned r = done(v, rc, &err, ok ? ok : "", KEPT_ESCALATE, text_blank(text) ? NULL : text);
	free(ok);
	esc_result_done(&res);
	return r;
}

static unsigned assign_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0;
	(void)arg;
	if (!text || text_blank(text) || !db || !tv->t)
		return VR_HANDLED;
	while (*text == ' ')
		text++;
	tt_error_init(&err);
	int rc = ticket_assign(db, tv->id, tv->picked_on, text, &ver, &err);
	/* the agent by name, as the ticket and its timeline name them (the
	 * picker hands over the login); the login when the name is unknown */
	char *name = NULL;
	if (rc == 0) {
		struct tt_error name_err;
		tt_error_init(&name_err);
		name = agent_display_name(db, text, &name_err);
		tt_error_clear(&name_err);
	}
	char *ok = xasprintf(_("assigned to %s"), name && *name ? name : text);
	free(name);
	unsigned r = done(v, rc, &err, ok, KEPT_TICKET_TEXTS, NULL);
	free(ok);
	return r;
}

/* A collaborator picked (+ adds, - removes): one checked call, refused
 * as on the command line (no permission, the ticket's row locked
 * elsewhere past the lock timeout); the line says whether anything
 * changed (someone may have done it meanwhile: the lists are read when
 * the picker opens). */
static unsigned collab_done(struct view *v, const char *login, bool add)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	bool changed = false;
	if (!login || !db)
		return VR_HANDLED;
	tt_error_init(&err);
	int rc = add ? collab_add(db, tv->id, login, &changed, &err)
		     : collab_remove(db, tv->id, login, &changed, &err);
	char *ok = xasprintf(add ? (changed ? _("%s now follows this ticket") : _("%s already follows this ticket"))
				 : (changed ? _("%s no longer follows this ticket") : _("%s did not follow this ticket")),
			     login);
	unsigned r = done(v, rc, &err, ok, KEPT_TICKET_TEXTS, NULL);
	free(ok);
	/* the role's refusal names every role allowed, too long for the
	 * status line: :messages keeps it (done above), the line says why */
	if (rc == EX_NOPERM)
		screen_error_msg(v->screen, "%s", add ? _("adding a collaborator is for the support staff")
						     : _("removing another agent is for the support staff"));
	return r;
}

static unsigned collab_add_done(struct view *v, const char *login, void *arg)
{
	(void)arg;
	return collab_done(v, login, true);
}

static unsigned collab_remove_done(struct view *v, const char *login, void *arg)
{
	(void)arg;
	return collab_done(v, login, false);
}

/* A canned reply chosen: the database fills it in for this ticket, and
 * the reply is written from it (after any reply text kept from before). */
static unsigned canned_done(struct view *v, const char *key, void *arg)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	char *text = NULL;
	(void)arg;
	if (!key || !db || !tv->t)
		return VR_HANDLED;
	tt_error_init(&err);
	if (canned_render(db, key, tv->id, NULL, &text, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED;
	}
	const char *kept = tv->kept[KEPT_REPLY];
	keep_quietly(tv, KEPT_REPLY, kept && !text_blank(kept) ? xasprintf("%s\n\n%s", kept, text) : xstrdup(text));
	free(text);
	return text_action(v, ACT_REPLY);
}

static unsigned search_done(struct view *v, const char *text, void *arg)
{
	struct tview *tv = TV(v);
	(void)arg;
	if (text && *text && !pager_search(&tv->pager, text, false)) {
		/* not in what is loaded: read the rest of the timeline (bounded) */
		struct tt_error err;
		tt_error_init(&err);
		bool more = tv->tl_more;
		if (more && timeline_upto(v, TIMELINE_MAX, &err))
			screen_error(v->screen, &err);
		tt_error_clear(&err);
		if (!more || !pager_search(&tv->pager, text, false))
			screen_error_msg(v->screen, _("not found: %s"), text);
	}
	return VR_HANDLED | VR_REDRAW;
}

static unsigned tv_action(struct view *v, int action)
{
	struct tview *tv = TV(v);
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int ver = 0;
	unsigned files = ticket_files_action(v, &tv->files, action);

	if (files)
		return files;
	switch (action) {
	case ACT_SEARCH:
		screen_prompt(v->screen, v, "/", tv->pager.search, search_done, NULL);
		return VR_HANDLED;
	case ACT_OPEN:
		return VR_HANDLED;
	case ACT_HISTORY:
	case ACT_LINK:
		return tv->t ? view_search_ticket_action(v, action, tv->id) : VR_HANDLED;
	case ACT_QUOTED:
		/* rendered again from a fresh read, the reading position kept */
		tv->show_quoted = !tv->show_quoted;
		screen_message(v->screen, "%s", tv->show_quoted ? _("quoted earlier mail shown")
							 : _("quoted earlier mail folded"));
		return VR_RELOAD;
	case ACT_ACKNOWLEDGE:
	case ACT_REPLY:
	case ACT_NOTE: {
		if (!tv->t)
			return VR_HANDLED;
		if (action != ACT_NOTE && refused_closed(v))
			return VR_HANDLED | VR_REDRAW;
		/* the role is asked for a note only when a text for the
		 * customer is kept, to carry it over */
		enum writer w = action != ACT_NOTE || has_kept_public(tv) ? writer_of(v) : WRITES_PUBLIC;
		if (w == WRITES_UNKNOWN)
			return VR_HANDLED | VR_REDRAW;
		if (w == WRITES_NOTES && action != ACT_NOTE)
			return notes_only(v, action);
		if (w == WRITES_NOTES)
			kept_public_to_note(tv);
		return text_action(v, action);
	}
	default:
		break;
	}
	if (tv->t && (action == ACT_LAST || action == ACT_SEARCH_NEXT)) {
		/* the end (or the next match) may lie past what is loaded */
		tt_error_init(&err);
		if (timeline_upto(v, TIMELINE_MAX, &err))
			screen_error(v->screen, &err);
		tt_error_clear(&err);
	}
	unsigned moved = pager_action(&tv->pager, action);
	if (moved) {
		if (tv->t)
			timeline_prefetch(v);
		return moved;
	}
	if (!tv->t || !db)
		return VR_UNHANDLED;
	tt_error_init(&err);
	switch (action) {
	case ACT_TAKE:
		return done(v, ticket_take(db, tv->id, tv->t->version, &ver, &err), &err,
			    _("the ticket is yours"), KEPT_TICKET_TEXTS, NULL);
	case ACT_RESOLVE: {
		/* resolving needs a public resolution message to the customer */
		if (refused_closed(v))
			return VR_HANDLED | VR_REDRAW;
		enum writer w = writer_of(v);
		if (w != WRITES_PUBLIC)
			return w == WRITES_NOTES ? notes_only(v, action) : VR_HANDLED | VR_REDRAW;
		return write_and_send(v, action, KEPT_RESOLVE, MESSAGE_RESOLVE, _("resolved: resolution message sent"));
	}
	case ACT_CLOSE: {
		/* closing is final (the customer's next mail is a new ticket):
		 * one key does not do it unasked */
		if (!strcmp(tv->t->status, "closed"))
			return set_status(v, "closed", NULL, tv->t->version);
		char question[200];
		tv->picked_on = tv->t->version;
		snprintf(question, sizeof(question),
			 _("Close #%lld for good? A later mail opens a new ticket [y/N] "),
			 tv->id);
		screen_ask(v->screen, v, question, false, close_done, NULL);
		return VR_HANDLED;
	}
	case ACT_REOPEN:
		return done(v, ticket_reopen(db, tv->id, tv->t->version, NULL, &ver, &err), &err,
			    _("reopened"), KEPT_TICKET_TEXTS, NULL);
	case ACT_STATUS:
		/* nothing leaves closed: say that, not that the reader may not */
		if (!strcmp(tv->t->status, "closed")) {
			screen_error_msg(v->screen, _("ticket %lld is closed, which is final: its status no longer changes"),
					 tv->id);
			return VR_HANDLED | VR_REDRAW;
		}
		tv->picked_on = tv->t->version;
		return ticket_pick_status(v, tv->id, status_done);
	case ACT_ESCALATE:
		screen_prompt(v->screen, v, _("Reason to escalate: "), tv->kept[KEPT_ESCALATE], escalate_done, NULL);
		return VR_HANDLED;
	case ACT_ASSIGN:
		tv->picked_on = tv->t->version;
		return ticket_pick_assignee(v, assign_done);
	case ACT_COLLAB_ADD:
		return ticket_pick_collaborator_add(v, tv->id, collab_add_done);
	case ACT_COLLAB_REMOVE:
		return ticket_pick_collaborator_remove(v, tv->id, collab_remove_done);
	case ACT_CANNED: {
		/* a canned reply is a public reply */
		if (refused_closed(v))
			return VR_HANDLED | VR_REDRAW;
		enum writer w = writer_of(v);
		if (w != WRITES_PUBLIC)
			return w == WRITES_NOTES ? notes_only(v, ACT_REPLY) : VR_HANDLED | VR_REDRAW;
		return ticket_pick_canned(v, canned_done);
	}
	case ACT_RETRIAGE: {
		/* the intake form on this ticket (view_intake.c, "retriage") */
		char id[24];
		snprintf(id, sizeof(id), "%lld", tv->id);
		return view_request_open(v, "retriage", id);
	}
	default:
		return VR_UNHANDLED;
	}
}

/* The clock moved: the deadline figures count down from the database's
 * clock; at an instant that changes more than a figure (a deadline
 * passes, or turns at risk) the ticket is read again, so the SLA state
 * in the header is the database's. */
static unsigned tv_tick(struct view *v, long long *wake_ms)
{
	struct tview *tv = TV(v);
	const struct ticket_detail *t = tv->t;
	long long now = db_now_us(tv);
	long long next = LLONG_MAX;
	unsigned r = VR_UNHANDLED;

	if (!t)
		return VR_UNHANDLED;
	/* a re-triage kept or sent from its form since (the status line) */
	bool retriage_kept = retriage_draft_waiting(tv->id);
	if (retriage_kept != tv->retriage_kept) {
		tv->retriage_kept = retriage_kept;
		r = VR_REDRAW;
	}
	for (int i = 0; i < tv->nlive; i++) {
		const struct tr_deadline *d = &tv->live[i].d;
		long long at = d->due_us;
		if (d->done || d->outcome || d->paused || at <= tv->read_us)
			continue;
		if (at <= now)
			return VR_RELOAD;
		if (at < next)
			next = at;
	}
	for (size_t i = 0; i < t->ndeadlines; i++) {
		const struct ticket_deadline *d = &t->deadlines[i];
		long long at = (long long)d->risk_at * 1000000;
		if (!d->risk_at || !d->state || strcmp(d->state, "ok") || at <= tv->read_us)
			continue;
		if (at <= now)
			return VR_RELOAD;
		if (at < next)
			next = at;
	}
	struct strbuf row;
	sb_init(&row);
	for (int i = 0; i < tv->nlive; i++) {
		struct live_deadline *l = &tv->live[i];
		enum tr_style st;
		ticket_render_deadline(&row, &l->d, now, &st);
		if (strcmp(row.buf, l->shown)) {
			pager_set(&tv->pager, l->src, row.buf, style_of(st));
			free(l->shown);
			l->shown = xstrdup(row.buf);
			r = VR_REDRAW;
		}
	}
	sb_done(&row);
	if (next != LLONG_MAX) {
		/* wake just after the instant, on the monotonic clock */
		long long at = (next - tv->db_offset) / 1000 + 1;
		if (at < *wake_ms)
			*wake_ms = at;
	}
	return r;
}

const struct view_ops view_ticket_ops = {
	.name = "ticket",
	.title = N_("Ticket"),
	.keys = ticket_keys,
	.actions = ticket_files_actions,
	.open = tv_open,
	.close = tv_close,
	.reload = tv_reload,
	.draw = tv_draw,
	.action = tv_action,
	.resize = tv_resize,
	.notify = tv_notify,
	.status = tv_status,
	.help = tv_help,
	.tick = tv_tick,
};
