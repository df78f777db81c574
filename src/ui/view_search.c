/* The ticket lists of DESIGN.md section 11, one list code for three views:
 *   search   every ticket by words, "phrases", -excluded words, IDs,
 *            customer or contact; ranked, open tickets first (A: all
 *            together); each hit on two lines, the second the snippet
 *            with the matching words highlighted. `/` searches again.
 *   history  the customer's other tickets of a ticket (open first, then
 *            closed, newest first), with the link to it if any.
 *   similar  the likely duplicates of a ticket being filed.
 * Enter opens the selected ticket. Plus the ticket view's hooks: `h`
 * opens the history, `L` links (123 related, =123 duplicate of, -123
 * unlinks). */
#include "ui/view_search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/search.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/widgets/list.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

enum kind { K_SEARCH, K_HISTORY, K_SIMILAR };

struct sview {
	enum kind kind;
	struct search_list list;
	char *query;          /* search: the last query; NULL before the first */
	bool all;
	bool asked;           /* search: the first prompt was shown */
	long long ticket;     /* history */
	char *customer, *title, *ids;   /* similar */
	struct list cur;      /* a search hit takes two lines */
	bool loaded;
};

static const struct keybinding search_keys[] = {
	{ 'A', ACT_FILTER_ALL },
	{ 0, 0 },
};

static const struct action_info search_actions[] = {
	{ ACT_SEARCH, "search", N_("search again (words, \"phrase\", -excluded, or, IDs)") },
	{ ACT_FILTER_ALL, "filter-all", N_("toggle: rank open and closed tickets together") },
	{ ACT_OPEN, "open", N_("open the ticket") },
	{ 0, NULL, NULL },
};

static const struct action_info list_actions[] = {
	{ ACT_OPEN, "open", N_("open the ticket") },
	{ 0, NULL, NULL },
};

static struct sview *S(struct view *v)
{
	return v->data;
}

static int rows_per_hit(const struct sview *s)
{
	return s->kind == K_SEARCH ? 2 : 1;
}

static long long hit_id(const void *rows, int i)
{
	return ((const struct search_hit *)rows)[i].id;
}

/* Says why a search failed. A refusal of the search text itself (too
 * common words only, only -excluded words, too long) is one sentence with
 * its reason: the server's message and its field line said the same twice
 * ("...has no word to look for; query: has no word to look for"), named
 * the field "query" in English in every language, and the 80 columns cut
 * off the part that says why. */
static void search_failed(struct view *v, const struct tt_error *err)
{
	if (err->nfields != 1 || strcmp(err->fields[0].field, "query")) {
		screen_error(v->screen, err);
		return;
	}
	struct strbuf why;
	sb_init(&why);
	tt_field_error_reason(&err->fields[0], &why);
	/* TRANSLATORS: a search refused for its text; %s is why, e.g. "has
	 * no word to look for (only very common words such as "the")" or
	 * "needs at least one word that must appear, not only -excluded
	 * ones" */
	screen_error_msg(v->screen, _("the search text %s"), why.buf);
	sb_done(&why);
}

/* Reads the list; `keep` keeps the selection on the same ticket (a
 * reload), else it starts at the top (a new query). */
static void load(struct view *v, bool keep)
{
	struct sview *s = S(v);
	long long id = keep ? list_selected_id(&s->cur, hit_id, s->list.hits) : 0;
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	int rc = 0;

	if (!db || (s->kind == K_SEARCH && !s->query))
		return;
	tt_error_init(&err);
	if (s->kind == K_SEARCH) {
		struct search_opts o = { s->query, s->all, NULL, 100 };
		rc = search_run(db, &o, &s->list, &err);
	} else if (s->kind == K_HISTORY) {
		rc = search_history(db, s->ticket, 100, &s->list, &err);
	} else {
		rc = search_duplicates(db, s->customer, s->title, s->ids, 20, &s->list, &err);
	}
	if (rc)
		search_failed(v, &err);
	else
		s->loaded = true;
	tt_error_clear(&err);
	if (!keep)
		list_select(&s->cur, 0);
	list_set(&s->cur, (int)s->list.n, s->cur.height);
	list_reselect(&s->cur, id, hit_id, s->list.hits);
}

static unsigned query_done(struct view *v, const char *text, void *arg)
{
	struct sview *s = S(v);
	(void)arg;
	if (!text || !*text)
		return s->query ? VR_HANDLED | VR_REDRAW : VR_HANDLED | VR_CLOSE;
	free(s->query);
	s->query = xstrdup(text);
	/* the hits of the query before are not this query's: while the
	 * database is unavailable the list stays empty and says so */
	s->loaded = false;
	search_list_done(&s->list);
	list_set(&s->cur, 0, s->cur.height);
	load(v, false);
	return VR_HANDLED | VR_REDRAW;
}

static void ask(struct view *v)
{
	screen_prompt(v->screen, v, _("Search: "), S(v)->query, query_done, NULL);
}

/* ------------------------------------------------------------------ ops -- */

static int sv_open(struct view *v, const char *arg)
{
	struct sview *s = xcalloc(1, sizeof(*s));
	search_list_init(&s->list);
	list_init(&s->cur);
	v->data = s;
	if (!strcmp(v->ops->name, "history")) {
		s->kind = K_HISTORY;
		s->ticket = arg ? strtoll(arg, NULL, 10) : 0;
	} else if (!strcmp(v->ops->name, "similar")) {
		s->kind = K_SIMILAR;
		const char *a = arg ? arg : "";
		const char *nl1 = strchr(a, '\n');
		const char *nl2 = nl1 ? strchr(nl1 + 1, '\n') : NULL;
		s->customer = nl1 ? xstrndup(a, (size_t)(nl1 - a)) : xstrdup(a);
		s->title = nl1 ? (nl2 ? xstrndup(nl1 + 1, (size_t)(nl2 - nl1 - 1)) : xstrdup(nl1 + 1))
			       : xstrdup("");
		s->ids = xstrdup(nl2 ? nl2 + 1 : "");
	} else {
		s->kind = K_SEARCH;
		if (arg && *arg)
			s->query = xstrdup(arg);
	}
	return 0;
}

static void sv_close(struct view *v)
{
	struct sview *s = S(v);
	search_list_done(&s->list);
	list_done(&s->cur);
	free(s->query);
	free(s->customer);
	free(s->title);
	free(s->ids);
	free(s);
}

static unsigned sv_reload(struct view *v)
{
	struct sview *s = S(v);
	if (s->kind == K_SEARCH && !s->query && !s->asked) {
		s->asked = true;
		ask(v);
		return VR_REDRAW;
	}
	load(v, true);
	return VR_REDRAW;
}

static unsigned sv_resize(struct view *v, int rows, int cols)
{
	struct sview *s = S(v);
	(void)cols;
	list_set_per(&s->cur, rows_per_hit(s));
	list_resize(&s->cur, rows);
	return VR_REDRAW;
}

static unsigned sv_action(struct view *v, int action)
{
	struct sview *s = S(v);
	char id[32];

	if (list_action(&s->cur, action))
		return VR_HANDLED | VR_REDRAW;
	switch (action) {
	case ACT_OPEN:
		if (s->cur.sel < 0 || s->cur.sel >= (int)s->list.n)
			return VR_HANDLED;
		snprintf(id, sizeof(id), "%lld", s->list.hits[s->cur.sel].id);
		return view_request_open(v, "ticket", id);
	case ACT_SEARCH:
		if (s->kind != K_SEARCH)
			return VR_UNHANDLED;
		ask(v);
		return VR_HANDLED;
	case ACT_FILTER_ALL:
		if (s->kind != K_SEARCH)
			return VR_UNHANDLED;
		s->all = !s->all;
		load(v, false);
		break;
	default:
		return VR_UNHANDLED;
	}
	return VR_HANDLED | VR_REDRAW;
}

static unsigned sv_mouse(struct view *v, const struct mouse_event *m)
{
	return list_view_mouse(&S(v)->cur, v, m);
}

/* "#12  in progress  3 High  Customer  Title" (customer only in search),
 * when it fits in w cells. Else the title, the most telling part, comes
 * before the customer, and the status and severity take their short
 * labels: "#12  working  3 High  Title  (Customer)", cut at the edge. */
static void hit_line(const struct sview *s, const struct search_hit *h, int w, struct strbuf *out)
{
	const char *sev = i18n_severity_name(h->severity);
	bool customer = s->kind == K_SEARCH && *h->customer;
	size_t start = out->len;
	sb_addf(out, "#%lld  %s  %d %s  ", h->id, i18n_term("status", h->status), h->severity, sev ? sev : "");
	if (customer)
		sb_addf(out, "%s  ", h->customer);
	sb_add(out, h->title);
	if (text_width(out->buf + start) > w) {
		sb_truncate(out, start);
		const char *short_sev = i18n_severity_short(h->severity);
		sb_addf(out, "#%lld  %s  %d %s  ", h->id, i18n_term("status_short", h->status), h->severity,
			short_sev ? short_sev : "");
		sb_add(out, h->title);
		if (customer)
			sb_addf(out, "  (%s)", h->customer);
	}
	if (s->kind == K_HISTORY && *h->snippet)
		sb_addf(out, "  (%s)", i18n_term("link", h->snippet));
	if (s->kind == K_SIMILAR && *h->snippet)
		sb_addf(out, "  (%s %s)", _("shares"), h->snippet);
}

/* The snippet: plain parts dim, matched words highlighted. */
static void draw_snippet(const char *snip, int y, int x, int w)
{
	int used = draw_text_part(y, x, w, "    ", STYLE_DIM);
	bool match = false;
	const char *p = snip;
	while (*p && used < w) {
		size_t n = strcspn(p, "\x02\x03");
		if (n) {
			char *part = xstrndup(p, n);
			used += draw_text_part(y, x + used, w - used, part, match ? STYLE_MATCH : STYLE_DIM);
			free(part);
		}
		p += n;
		if (*p) {
			match = *p == SEARCH_MARK_START;
			p++;
		}
	}
	if (used < w)
		draw_blank(y, x + used, w - used, STYLE_NORMAL);
}

static void sv_draw(struct view *v, const struct area *a)
{
	struct sview *s = S(v);
	int per = rows_per_hit(s), y = 0;
	struct strbuf sb;

	sb_init(&sb);
	list_place(&s->cur, a->y);
	for (int i = list_line_item(&s->cur, s->cur.top); i >= 0 && i < (int)s->list.n && y + per <= a->h; i++) {
		const struct search_hit *h = &s->list.hits[i];
		sb_reset(&sb);
		hit_line(s, h, a->w, &sb);
		draw_text(a->y + y, a->x, a->w, sb.buf, list_style(&s->cur, i, h->open ? STYLE_NORMAL : STYLE_DIM));
		if (per == 2)
			draw_snippet(h->snippet, a->y + y + 1, a->x, a->w);
		y += per;
	}
	if (!s->list.n && y < a->h) {
		const char *empty = !screen_db(v->screen) ? _("(not connected to the database)")
				    : s->kind == K_SEARCH && !s->query ? _("(type what to look for)")
				    : s->kind == K_SEARCH && s->list.more
					? _("(none among the newest 10000 tickets: add a rarer word to search them all)")
				    : s->kind == K_SEARCH ? _("(no ticket matches)")
				    : s->kind == K_HISTORY ? _("(the customer has no other tickets)")
				    : _("(no open ticket of this customer looks the same)");
		draw_text(a->y + y++, a->x, a->w, s->loaded || s->kind == K_SEARCH ? empty : "", STYLE_DIM);
	}
	for (; y < a->h; y++)
		draw_blank(a->y + y, a->x, a->w, STYLE_NORMAL);
	sb_done(&sb);
}

static void sv_status(struct view *v, struct strbuf *out)
{
	struct sview *s = S(v);
	if (s->kind == K_SEARCH && !s->query)
		return;
	/* nothing read while the database is unavailable: no count, not
	 * "0 tickets for ..." */
	if (!s->loaded && !screen_db(v->screen)) {
		if (s->kind == K_SEARCH)
			sb_addf(out, "\"%s\": ", s->query);
		sb_add(out, _("not read yet"));
		return;
	}
	if (s->kind == K_SEARCH) {
		sb_addf(out, ngettext("%zu ticket for \"%s\"", "%zu tickets for \"%s\"",
				      (unsigned long)s->list.n), s->list.n, s->query);
		if (s->all)
			sb_addf(out, ", %s", _("open and closed together"));
		if (s->list.more)
			sb_addf(out, " %s", _("(more match: add words)"));
	} else if (s->kind == K_HISTORY) {
		sb_addf(out, ngettext("%zu other ticket of the customer of #%lld",
				      "%zu other tickets of the customer of #%lld", (unsigned long)s->list.n),
			s->list.n, s->ticket);
	} else {
		sb_addf(out, ngettext("%zu likely duplicate", "%zu likely duplicates",
				      (unsigned long)s->list.n), s->list.n);
	}
}

static void sv_help(struct view *v, struct strbuf *out)
{
	struct sview *s = S(v);
	if (s->kind == K_SEARCH)
		sb_add(out, _("Searches titles, descriptions, steps, messages and notes, every ID, "
			      "customers and contacts; accents do not matter.\n"
			      "Words must all appear; \"quoted words\" side by side; -word must not "
			      "appear; or between words allows either; word* finds what starts with it "
			      "(part of an ID); a contact's phone finds its tickets.\n"
			      "Open tickets come first, best match first; A ranks closed ones with "
			      "them. Enter opens a ticket.\n"));
	else if (s->kind == K_HISTORY)
		sb_add(out, _("The other tickets of this customer: open ones first, then closed "
			      "ones, newest first. Enter opens one.\n"));
	else
		sb_add(out, _("Open tickets of this customer that share an object ID or have a "
			      "similar title. Enter opens one; q goes back to the form, which keeps "
			      "what you typed.\n"));
}

#define LIST_VIEW(ident, vname, vtitle, vkeys, vactions)                          \
	const struct view_ops ident = {                                          \
		.name = vname, .title = vtitle, .keys = vkeys, .actions = vactions, \
		.open = sv_open, .close = sv_close, .reload = sv_reload,          \
		.draw = sv_draw, .action = sv_action, .resize = sv_resize,        \
		.status = sv_status, .help = sv_help, .mouse = sv_mouse,          \
	}

LIST_VIEW(view_search_ops, "search", N_("Search"), search_keys, search_actions);
LIST_VIEW(view_history_ops, "history", N_("Customer history"), NULL, list_actions);
LIST_VIEW(view_similar_ops, "similar", N_("Likely duplicates"), NULL, list_actions);

/* ------------------------------------------------------- ticket hooks -- */

char *view_similar_arg(const char *customer, const char *title, const char *object_ids)
{
	return xasprintf("%s\n%s\n%s", customer ? customer : "", title ? title : "",
			 object_ids ? object_ids : "");
}

static unsigned link_done(struct view *v, const char *text, void *arg)
{
	long long ticket = (long long)(intptr_t)arg;
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	long long other;
	char *end;
	int rc, ver = 0;

	if (!text)
		return VR_HANDLED;
	while (*text == ' ')
		text++;
	char mode = *text == '=' || *text == '-' ? *text++ : 0;
	if (*text == '#')
		text++;
	other = strtoll(text, &end, 10);
	while (*end == ' ')
		end++;
	if (!*text || *end || other <= 0) {
		screen_error_msg(v->screen, _("'%s' is not a ticket number"), text);
		return VR_HANDLED;
	}
	if (!db) {
		screen_error_msg(v->screen, "%s", _("not connected to the database"));
		return VR_HANDLED;
	}
	tt_error_init(&err);
	if (mode == '-') {
		bool removed = false;
		rc = search_unlink(db, ticket, other, &removed, &err);
		if (!rc)
			screen_message(v->screen, removed ? _("no longer linked to #%lld")
							  : _("was not linked to #%lld"), other);
	} else {
		rc = search_link(db, ticket, other, mode == '=' ? "duplicate_of" : "related", -1, &ver,
				 &err);
		if (!rc)
			screen_message(v->screen, mode == '=' ? _("closed as a duplicate of #%lld")
							  : _("related to #%lld"), other);
	}
	if (rc)
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	return VR_HANDLED | VR_RELOAD;
}

unsigned view_search_ticket_action(struct view *v, int action, long long ticket)
{
	char id[32];
	if (action == ACT_HISTORY) {
		snprintf(id, sizeof(id), "%lld", ticket);
		return view_request_open(v, "history", id);
	}
	/* the ticket travels in the pointer: nothing to free if the prompt is dropped */
	screen_prompt(v->screen, v, _("Link to ticket (123 related, =123 duplicate of, -123 unlink): "),
		      NULL, link_done, (void *)(intptr_t)ticket);
	return VR_HANDLED;
}
