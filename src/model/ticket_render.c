/* The ticket as text, once for every screen: the detail (header, the
 * deadlines counted at a given database instant, the escalation chain,
 * the intake fields, the customer's other tickets) and the timeline
 * entries, as lines with a style
 * each. `ticketty ticket show` prints them, the ticket view pages them.
 * Lines are untrusted (they hold database text): the sink sanitises,
 * keeping the line breaks of the blocks and bodies. A line that must
 * stay one (the header, a field, an event, the chain) is sanitised as
 * one here first (emit_one), so a line break a title, a browser or a
 * reason holds shows as "↵" and can forge no line of its own. */
#include "model/ticket_render.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/bytesize.h"
#include "util/i18n.h"
#include "util/mail_quote.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static void emit(const struct tr_sink *p, const char *text, enum tr_style st)
{
	p->line(p->arg, text, st);
}

/* A line that is one line whatever its database text holds: line breaks
 * (and every other unsafe character) made visible as the queue shows
 * them, before the sink, which keeps line breaks, sees it. Sanitising
 * again in the sink changes nothing. */
static void emit_one(const struct tr_sink *p, const char *text, enum tr_style st)
{
	struct strbuf sb;
	sb_init(&sb);
	text_sanitize(&sb, text, strlen(text), i18n_utf8() ? 0 : TEXT_ASCII);
	emit(p, sb.buf, st);
	sb_done(&sb);
}

static void emitf_one(const struct tr_sink *p, enum tr_style st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void emitf_one(const struct tr_sink *p, enum tr_style st, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	emit_one(p, sb.buf, st);
	sb_done(&sb);
}

static void add_time(struct strbuf *sb, time_t t)
{
	if (t)
		timefmt_append(sb, t, TIMEFMT_FULL);  /* the zone shown: the desk's, not UTC */
	else
		sb_add(sb, "-");
}

/* A deadline's instant: the year only when it is not the year of the
 * read (the database's clock), so the figure fits 80 columns. */
static void add_near(struct strbuf *sb, time_t t, long long read_us)
{
	if (t)
		timefmt_append_at(sb, t, (time_t)(read_us / 1000000), TIMEFMT_NEAR);
	else
		sb_add(sb, "-");
}

/* The label padded to the value column, in cells (Spanish labels have
 * accents), and two spaces: the pager hangs a wrapped value under itself
 * after such a gap, whatever the label's width. */
static void label_cell(struct strbuf *sb, const char *label)
{
	text_pad(sb, label, 20, 0);
	sb_add(sb, "  ");
}

static void line(const struct tr_sink *p, const char *label, const char *value)
{
	if (value && *value) {
		struct strbuf sb;
		sb_init(&sb);
		label_cell(&sb, label);
		sb_add(&sb, value);
		emit_one(p, sb.buf, TR_NORMAL);
		sb_done(&sb);
	}
}

static void block(const struct tr_sink *p, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	emit(p, label, TR_HEADER);
	struct strbuf sb;
	sb_init(&sb);
	for (const char *s = value; *s; s++) {
		if (s == value || s[-1] == '\n')
			sb_add(&sb, "  ");
		sb_addc(&sb, *s);
	}
	emit(p, sb.buf, TR_NORMAL);
	sb_done(&sb);
}

/* Seconds left on a business clock at now_us: the figure at the read less
 * the opening hours that passed since. */
static long long business_left(const struct tr_deadline *d, long long now_us)
{
	long long from = d->read_us > d->opens_us ? d->read_us : d->opens_us;
	long long to = now_us < d->closes_us ? now_us : d->closes_us;
	long long ran = d->opens_us && to > from ? to - from : 0;
	return d->left_s - ran / 1000000;
}

void ticket_render_deadline(struct strbuf *row, const struct tr_deadline *d, long long now_us,
			    enum tr_style *style)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, _("due "));
	add_near(&sb, d->due, d->read_us);
	if (d->outcome && !d->done)
		sb_addf(&sb, "%s%s", i18n_sym(SYM_SEP), i18n_term("sla_state", d->outcome));
	else if (!d->done && d->paused)
		sb_addf(&sb, "%s%s", i18n_sym(SYM_SEP), _("paused"));
	else if (!d->done) {
		/* whole seconds left, rounded up: "in 0 s" never shows before it is due */
		long long diff = d->due_us - now_us;
		long long left = diff > 0 ? (diff + 999999) / 1000000 : -(-diff / 1000000);
		if (d->clock == DURATION_BUSINESS && d->have_left)
			left = business_left(d, now_us);
		if (diff <= 0 && left == 0) {
			/* due when the desk closed: no business time has run
			 * since, and "overdue by 0 business seconds" all evening
			 * said nothing */
			sb_addf(&sb, "%s%s", i18n_sym(SYM_SEP), _("overdue"));
		} else {
			sb_addf(&sb, "%s%s ", i18n_sym(SYM_SEP), diff <= 0 ? _("overdue by") : _("in"));
			duration_words(&sb, left < 0 ? -left : left, d->clock, d->day_secs);
		}
	}
	*style = d->outcome && !strcmp(d->outcome, "missed") ? TR_SLA_BREACHED
	       : !d->outcome && !d->done && !d->paused && d->due_us <= now_us ? TR_SLA_BREACHED
	       : TR_NORMAL;
	sb_reset(row);
	label_cell(row, d->label);
	sb_add(row, sb.buf);
	sb_done(&sb);
}

/* A deadline: its first line (announced to the sink, which may count it
 * down) and when it was met on a line of its own under the value (two
 * dates on one line do not fit 80 columns, in Spanish even less). */
static void deadline(const struct tr_sink *p, const struct ticket_detail *t, long long now_us,
		     const char *kind, const char *label, time_t due, long long due_us, time_t done,
		     const char *outcome, const char *done_word, bool paused)
{
	if (!due)
		return;
	struct tr_deadline d = { .label = label, .due = due, .due_us = due_us, .done = done,
				 .outcome = outcome, .paused = paused, .clock = DURATION_WALL,
				 .day_secs = t->day_secs, .read_us = t->now_us,
				 .opens_us = t->opens_us, .closes_us = t->closes_us };
	for (size_t i = 0; i < t->ndeadlines; i++) {
		const struct ticket_deadline *k = &t->deadlines[i];
		if (k->kind && !strcmp(k->kind, kind)) {
			d.clock = duration_clock_of(k->clock);
			d.have_left = true;
			d.left_s = k->remaining_s;
		}
	}
	struct strbuf row;
	enum tr_style st;
	sb_init(&row);
	ticket_render_deadline(&row, &d, now_us, &st);
	if (p->deadline)
		p->deadline(p->arg, &d, row.buf);
	emit(p, row.buf, st);
	if (done) {
		sb_reset(&row);
		label_cell(&row, "");
		sb_addf(&row, "%s ", done_word);
		add_near(&row, done, d.read_us);
		if (outcome)
			sb_addf(&row, "%s%s", i18n_sym(SYM_SEP), i18n_term("sla_state", outcome));
		emit(p, row.buf, st);
	}
	sb_done(&row);
}

static void join(struct strbuf *sb, char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sb_addf(sb, "%s%s", i ? ", " : "", items[i]);
}

/* The header's SLA state: the database's (ticket_sla_state, the worst
 * running deadline), except that a first response already missed is
 * said while the deadlines still running are ok or at risk ("SLA FR
 * missed", "SLA at risk · FR missed"): "SLA ok" would hide the breach.
 * A running deadline overdue ("breached") says more and stays. */
static void add_sla_state(struct strbuf *sb, const struct ticket_detail *t)
{
	const char *st = t->sla_state;
	bool fr_missed = t->first_response_outcome && !strcmp(t->first_response_outcome, "missed");

	sb_addf(sb, "%s ", _("SLA"));
	if (fr_missed && st && !strcmp(st, "at_risk"))
		sb_addf(sb, "%s%s", i18n_term("sla_state", st), i18n_sym(SYM_SEP));
	if (fr_missed && st && (!strcmp(st, "ok") || !strcmp(st, "at_risk")))
		/* TRANSLATORS: the header's SLA state when the first response
		 * (FR) came too late and the other deadlines still run: "SLA FR
		 * missed". Keep it short (the header line has 80 columns). */
		sb_add(sb, _("FR missed"));
	else
		sb_add(sb, st ? i18n_term("sla_state", st) : "-");
}

static void build_header(const struct tr_sink *p, const struct ticket_detail *t)
{
	struct strbuf sb;
	sb_init(&sb);

	emitf_one(p, TR_HEADER, "#%lld  %s", t->id, t->title);
	const char *sep = i18n_sym(SYM_SEP);
	sb_addf(&sb, "%s%s%d %s%s", i18n_term("status", t->status), sep, t->severity,
		i18n_db(t->severity_name), sep);
	add_sla_state(&sb, t);
	/* the number a CLI change must carry (--version); the TUI sends the
	 * version it read without naming it */
	if (p->show_versions)
		sb_addf(&sb, "%s%s %d", sep, _("version"), t->version);
	if (t->escalation_level > 0)
		sb_addf(&sb, "%s%s L%d", i18n_sym(SYM_SEP), _("escalated"), t->escalation_level);
	else if (t->nescalations > 0)  /* the last round is over: say so, not a stale level */
		sb_addf(&sb, "%s%s (L%d)", i18n_sym(SYM_SEP), _("escalation resolved"),
			t->escalations[t->nescalations - 1].level);
	emit_one(p, sb.buf, t->severity == 1 ? TR_SEV1 : TR_NORMAL);
	emit(p, "", TR_NORMAL);

	sb_reset(&sb);
	sb_addf(&sb, "%s (%s)", t->customer, i18n_term("plan", t->plan));
	line(p, _("Customer"), sb.buf);
	sb_reset(&sb);
	if (t->contact)
		sb_addf(&sb, "%s <%s>", t->contact, t->contact_email ? t->contact_email : "");
	else	/* row-level security hides contacts from pm and developer */
		sb_add(&sb, _("(not shown to your role)"));
	line(p, _("Contact"), sb.buf);
	line(p, _("Request type"), i18n_db(t->request_type));
	line(p, _("Team"), i18n_db(t->team));
	line(p, _("Case reason"), i18n_db(t->reason));
	line(p, _("Assignee"), t->assignee ? t->assignee : _("(unassigned)"));
	line(p, _("Collaborators"), t->collaborators);
	sb_reset(&sb);
	add_time(&sb, t->created_at);
	if (t->created_by)
		sb_addf(&sb, " %s %s", _("by"), t->created_by);
	line(p, _("Created"), sb.buf);
	/* "duplicate of #12, related #9": each link seen from this ticket */
	sb_reset(&sb);
	for (const char *l = t->links; l && *l;) {
		const char *colon = strchr(l, ':'), *end = strchr(l, ',');
		if (!colon || (end && colon > end))
			break;
		char kind[16];
		snprintf(kind, sizeof(kind), "%.*s", (int)(colon - l), l);
		sb_addf(&sb, "%s%s #%lld", sb.len ? ", " : "", i18n_term("link", kind), strtoll(colon + 1, NULL, 10));
		l = end ? end + 1 : colon + strlen(colon);
	}
	line(p, _("Links"), sb.buf);
	sb_done(&sb);
}

static void build_deadlines(const struct tr_sink *p, const struct ticket_detail *t, long long now_us)
{
	emit(p, "", TR_NORMAL);
	emit(p, _("Deadlines"), TR_HEADER);
	deadline(p, t, now_us, "first_response", _("First response"), t->first_response_due,
		 t->first_response_due_us, t->acknowledged_at, t->first_response_outcome,
		 _("acknowledged"), false);
	deadline(p, t, now_us, "resolution", _("Resolution"), t->resolution_due, t->resolution_due_us,
		 t->resolved_at, t->resolution_outcome, _("resolved"), t->waiting_since != 0);
	if (t->resolution_paused_s > 0) {
		struct strbuf sb;
		sb_init(&sb);
		duration_words(&sb, t->resolution_paused_s, DURATION_PLAIN, 0);
		line(p, _("  paused so far"), sb.buf);
		sb_done(&sb);
	}
	if (t->update_due)
		deadline(p, t, now_us, "update", _("Customer update"), t->update_due, t->update_due_us,
			 0, NULL, "", false);
	if (t->update_missed_count > 0) {
		struct strbuf sb;
		sb_init(&sb);
		label_cell(&sb, _("  updates missed"));
		sb_addf(&sb, "%d", t->update_missed_count);
		emit(p, sb.buf, TR_SLA_BREACHED);
		sb_done(&sb);
	}
	if (t->closed_at) {
		struct strbuf sb;
		sb_init(&sb);
		add_time(&sb, t->closed_at);
		line(p, _("Closed"), sb.buf);
		sb_done(&sb);
	}
}

static void build_chain(const struct tr_sink *p, const struct ticket_detail *t)
{
	if (!t->nescalations)
		return;
	emit(p, "", TR_NORMAL);
	emit(p, _("Escalation chain"), TR_HEADER);
	for (size_t i = 0; i < t->nescalations; i++) {
		const struct ticket_escalation *e = &t->escalations[i];
		struct strbuf sb;
		sb_init(&sb);
		if (e->level == 1 && e->round > 1) {
			char *round = xasprintf(_("Round %d"), e->round);
			emit(p, round, TR_DIM);
			free(round);
		}
		sb_addf(&sb, "L%d %s%s%s%s%s %s", e->level, i18n_term("escalation", e->level_key),
			i18n_sym(SYM_SEP), i18n_term("escalation_state", e->state), i18n_sym(SYM_SEP), _("held by"),
			e->holder ? e->holder : "-");
		emit_one(p, sb.buf, TR_NORMAL);
		sb_reset(&sb);
		sb_addf(&sb, "   %s %s, ", _("raised by"), e->raised_by);
		add_time(&sb, e->raised_at);
		sb_addf(&sb, ": %s", e->reason);
		emit_one(p, sb.buf, TR_DIM);
		if (e->acknowledged_by) {
			sb_reset(&sb);
			sb_addf(&sb, "   %s %s, ", _("acknowledged by"), e->acknowledged_by);
			add_time(&sb, e->acknowledged_at);
			emit_one(p, sb.buf, TR_DIM);
		}
		if (e->resolved_by || (e->resolved_at && !strcmp(e->state, "resolved"))) {
			sb_reset(&sb);
			if (e->resolved_by)
				sb_addf(&sb, "   %s %s, ",
					!strcmp(e->state, "passed_up") ? _("passed up by") : _("resolved by"),
					e->resolved_by);
			else    /* nobody's step: it ended with its closed ticket (sql/931) */
				sb_addf(&sb, "   %s, ", _("ended with the ticket"));
			add_time(&sb, e->resolved_at);
			/* it ended with its ticket: why, in the reader's words */
			if (e->end_cause && !strcmp(e->end_cause, "ticket_closed"))
				sb_addf(&sb, ": %s", _("the ticket was closed"));
			else
				sb_addf(&sb, ": %s", e->resolution_note ? e->resolution_note : "");
			emit_one(p, sb.buf, TR_DIM);
		}
		sb_done(&sb);
	}
}

static void build_intake(const struct tr_sink *p, const struct ticket_detail *t)
{
	struct strbuf sb;
	sb_init(&sb);
	emit(p, "", TR_NORMAL);
	/* the notes of the mails it was made of under it (sql/730) */
	char *description = t->description ? xstrdup(t->description) : NULL;
	if (description && t->description_notes) {
		char *with = xasprintf("%s\n\n%s", description, t->description_notes);
		free(description);
		description = with;
	}
	block(p, _("Description"), description);
	free(description);
	block(p, _("Impact"), t->impact);
	block(p, _("Steps to reproduce"), t->repro_steps);
	emit(p, "", TR_NORMAL);
	join(&sb, t->object_ids, t->nobject_ids);
	line(p, _("Object IDs"), sb.buf);
	sb_reset(&sb);
	sb_addf(&sb, "%lld", t->member_id);
	line(p, _("Member ID"), sb.buf);
	if (t->bidder_id) {
		sb_reset(&sb);
		sb_addf(&sb, "%lld", t->bidder_id);
		line(p, _("Bidder ID"), sb.buf);
	}
	if (t->creative_id) {
		sb_reset(&sb);
		sb_addf(&sb, "%lld", t->creative_id);
		line(p, _("Creative ID"), sb.buf);
	}
	sb_reset(&sb);
	join(&sb, t->screenshots, t->nscreenshots);
	line(p, _("Screenshots"), sb.buf);
	line(p, _("Browser"), t->browser);
	line(p, _("Operating system"), t->os);
	line(p, _("Emergency phone"), t->phone);
	line(p, _("Bug reference"), t->bug_ref);
	sb_done(&sb);
}

/* The customer's other tickets: a row each, "#12  2 Urg   working    Title",
 * the open ones first (closed ones dim), the title cut at the width;
 * then how many more there are and where they are listed. */
static void build_others(const struct tr_sink *p, const struct ticket_detail *t)
{
	if (!t->nothers)
		return;
	int flags = i18n_utf8() ? 0 : TEXT_ASCII, status_w = 0, id_w = 0;
	for (size_t i = 0; i < t->nothers; i++) {
		int w = text_width(i18n_term("status_short", t->others[i].status));
		if (w > status_w)
			status_w = w;
		w = snprintf(NULL, 0, "#%lld", t->others[i].id);
		if (w > id_w)
			id_w = w;
	}
	struct strbuf sb;
	sb_init(&sb);
	emit(p, "", TR_NORMAL);
	/* TRANSLATORS: the heading of the ticket's list of the other tickets
	 * of its customer (%s) */
	emitf_one(p, TR_HEADER, _("Other tickets of %s"), t->customer ? t->customer : "");
	for (size_t i = 0; i < t->nothers; i++) {
		const struct ticket_other *o = &t->others[i];
		const char *sev = i18n_severity_short(o->severity);
		sb_reset(&sb);
		char id[24];
		snprintf(id, sizeof(id), "#%lld", o->id);
		sb_addf(&sb, "  %-*s  %d ", id_w, id, o->severity);
		text_pad(&sb, sev ? sev : "", 4, flags);
		sb_add(&sb, "  ");
		text_pad(&sb, i18n_term("status_short", o->status), status_w, flags);
		sb_add(&sb, "  ");
		text_sanitize(&sb, o->title, strlen(o->title), flags);
		(p->row ? p->row : p->line)(p->arg, sb.buf, o->open ? TR_NORMAL : TR_DIM);
	}
	int more = t->others_total - (int)t->nothers;
	if (more > 0) {
		sb_reset(&sb);
		sb_add(&sb, "  ");
		if (t->others_total >= TICKET_OTHERS_COUNTED)
			/* TRANSLATORS: under the customer's other tickets: more
			 * than that many are not shown ("95+ more tickets") */
			sb_addf(&sb, _("%d+ more tickets"), more);
		else
			sb_addf(&sb, ngettext("%d more ticket", "%d more tickets", (unsigned long)more), more);
		if (p->history_hint)
			sb_addf(&sb, ": %s", p->history_hint);
		emit_one(p, sb.buf, TR_DIM);
	}
	sb_done(&sb);
}

/* What every entry of a page says the same way, translated once. */
struct entry_words {
	struct timefmt_datetime at;
	const char *internal, *customer, *public_, *question, *by;
};

static void entry_words_init(struct entry_words *w)
{
	timefmt_datetime_init(&w->at);
	w->internal = _("INTERNAL NOTE");
	w->customer = _("FROM THE CUSTOMER");
	w->public_ = _("PUBLIC REPLY");
	/* TRANSLATORS: a timeline entry's heading: a public message that
	 * asked the customer something (the ticket waits on them) */
	w->question = _("QUESTION TO THE CUSTOMER");
	w->by = _("by");
}

/* len bytes of a body, each line behind the prefix. */
static void add_body(struct strbuf *sb, const char *prefix, const char *body, size_t len)
{
	const char *end = body + len;
	for (const char *s = body; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		sb_add(sb, prefix);
		sb_addn(sb, s, n);
		s += n;
	}
}

/* The files that went with a message, one line each below its text:
 * "sent with the message: placements.csv (32 bytes)". */
static void add_files(const struct tr_sink *p, const struct timeline_entry *e, const char *prefix,
		      bool internal, struct strbuf *sb)
{
	char *all = xstrdup(e->files), *save = NULL;
	struct strbuf size;
	sb_init(&size);
	for (char *item = strtok_r(all, "\x1e", &save); item; item = strtok_r(NULL, "\x1e", &save)) {
		char *bytes = strchr(item, '\x1f');
		if (!bytes)
			continue;
		*bytes++ = '\0';
		sb_reset(&size);
		bytesize_add(&size, strtoll(bytes, NULL, 10));
		sb_reset(sb);
		sb_add(sb, prefix);
		/* TRANSLATORS: below a note's text: a file kept with it, its size */
		sb_addf(sb, internal ? _("kept with the note: %s (%s)")
			/* TRANSLATORS: below a public message's text: a file sent
			 * with it to the customer, its size */
			: _("sent with the message: %s (%s)"), item, size.buf);
		emit_one(p, sb->buf, internal ? TR_INTERNAL : TR_DIM);
	}
	sb_done(&size);
	free(all);
}

static void render_entry(const struct tr_sink *p, const struct timeline_entry *e,
			 const struct entry_words *w, struct strbuf *sb)
{
	sb_reset(sb);
	/* the same zone as the deadlines above, which name it */
	timefmt_append_datetime(sb, e->at, &w->at);
	sb_add(sb, "  ");
	if (e->kind == TIMELINE_EVENT) {
		timeline_event_describe(e, sb);
		/* the version the event made only where versions are named */
		if (e->version > 0 && p->show_versions)
			sb_addf(sb, " [v%d]", e->version);
		if (e->author)
			sb_addf(sb, " (%s)", e->author);
		emit_one(p, sb->buf, TR_DIM);
		return;
	}
	bool internal = e->kind == TIMELINE_INTERNAL;
	/* internal notes are marked in words too, not only by style */
	sb_add(sb, internal ? w->internal : e->kind == TIMELINE_CUSTOMER ? w->customer
					  : e->question ? w->question : w->public_);
	sb_addc(sb, ' ');
	sb_add(sb, w->by);
	sb_addc(sb, ' ');
	sb_add(sb, e->author ? e->author : "-");
	if (e->delivery)
		sb_addf(sb, " (%s)", i18n_term("delivery", e->delivery));
	/* the version its note or reply made (the event is not shown apart) */
	if (e->version > 0 && p->show_versions)
		sb_addf(sb, " [v%d]", e->version);
	emit_one(p, sb->buf, internal ? TR_INTERNAL : TR_HEADER);
	sb_reset(sb);
	const char *prefix = internal ? "  | " : "    ";
	const char *body = e->body ? e->body : "";
	struct mail_quote q;
	if (e->kind != TIMELINE_CUSTOMER || !mail_quote_find(body, &q)) {
		add_body(sb, prefix, body, strlen(body));
		emit(p, sb->buf, internal ? TR_INTERNAL : TR_NORMAL);
		if (e->files)
			add_files(p, e, prefix, internal, sb);
		return;
	}
	/* the customer's own words, then the earlier mail they quoted (shown
	 * below the blank lines that part them, folded right below the words) */
	add_body(sb, prefix, body, p->show_quoted ? q.start - 1 : q.end);
	emit(p, sb->buf, TR_NORMAL);
	sb_reset(sb);
	if (p->show_quoted) {
		add_body(sb, prefix, body + q.start, strlen(body + q.start));
	} else {
		sb_add(sb, prefix);
		sb_addc(sb, '[');
		sb_addf(sb, ngettext("%d line quoted from earlier mail", "%d lines quoted from earlier mail",
				     (unsigned long)q.lines), q.lines);
		if (p->quoted_hint)
			sb_addf(sb, ": %s", p->quoted_hint);
		sb_addc(sb, ']');
	}
	emit(p, sb->buf, TR_DIM);
}

void ticket_render_entries(const struct tr_sink *p, const struct timeline_entry *e, size_t n)
{
	struct entry_words w;
	struct strbuf sb;
	entry_words_init(&w);
	sb_init(&sb);
	for (size_t i = 0; i < n; i++)
		render_entry(p, &e[i], &w, &sb);
	sb_done(&sb);
}

void ticket_render_entry(const struct tr_sink *p, const struct timeline_entry *e)
{
	ticket_render_entries(p, e, 1);
}

void ticket_render_detail(const struct tr_sink *sink, const struct ticket_detail *t, long long now_us)
{
	build_header(sink, t);
	build_deadlines(sink, t, now_us);
	build_chain(sink, t);
	build_intake(sink, t);
	build_others(sink, t);
}
