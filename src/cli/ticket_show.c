/* `ticketty ticket show ID [--json]`: every field, the deadlines, the
 * escalation chain, the attachments (id, name, type, size) and the whole timeline as sanitised plain text, or the
 * JSON object PostgreSQL builds, printed exactly. */
#include "cli/ticket.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "model/inbox.h"
#include "model/ticket.h"
#include "util/duration.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

static const char usage[] = "ticket show ID [--json]";

#define TIMELINE_PAGE 200

static int text_flags(void)
{
	return i18n_utf8() ? 0 : TEXT_ASCII;
}

/* "label: value" with the value sanitised to one line; nothing for NULL. */
static void field(const char *label, const char *value)
{
	struct strbuf sb;
	if (!value)
		return;
	sb_init(&sb);
	text_pad(&sb, label, 22, text_flags());
	sb_addc(&sb, ' ');
	text_sanitize(&sb, value, strlen(value), text_flags());
	printf("%s\n", sb.buf);
	sb_done(&sb);
}

/* A multi-line text under its label, indented. */
static void body(const char *label, const char *value, const char *indent)
{
	struct strbuf sb;
	if (!value)
		return;
	sb_init(&sb);
	text_sanitize(&sb, value, strlen(value), text_flags() | TEXT_MULTILINE | TEXT_TABS);
	if (label)
		printf("%s\n", label);
	for (char *line = sb.buf, *nl; line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		printf("%s%s\n", indent, line);
	}
	sb_done(&sb);
}

static const char *when(time_t t, char *buf, size_t n)
{
	if (!t)
		return NULL;
	char *s = timefmt(t, TIMEFMT_FULL);
	snprintf(buf, n, "%s", s);
	free(s);
	return buf;
}

static void print_detail(const struct ticket_detail *t)
{
	char buf[64], buf2[64];
	struct strbuf sb;

	sb_init(&sb);
	text_sanitize(&sb, t->title, strlen(t->title), text_flags());
	printf("#%lld  %s\n", t->id, sb.buf);
	sb_done(&sb);
	char *v = xasprintf("%d", t->version);
	field(_("Version:"), v);
	free(v);
	field(_("Status:"), i18n_term("status", t->status));
	v = xasprintf("%d %s", t->severity, i18n_db(t->severity_name));
	field(_("Severity:"), v);
	free(v);
	v = xasprintf("%s (%s)", t->customer, i18n_term("plan", t->plan));
	field(_("Customer:"), v);
	free(v);
	v = xasprintf("%s <%s>", t->contact, t->contact_email);
	field(_("Contact:"), v);
	free(v);
	field(_("Request type:"), i18n_db(t->request_type));
	field(_("Team:"), i18n_db(t->team));
	field(_("Case reason:"), i18n_db(t->reason));
	field(_("Assignee:"), t->assignee ? t->assignee : _("(unassigned)"));
	field(_("Created:"), when(t->created_at, buf, sizeof(buf)));
	field(_("Created by:"), t->created_by);
	field(_("Updated:"), when(t->updated_at, buf, sizeof(buf)));

	struct strbuf ids;
	sb_init(&ids);
	for (size_t i = 0; i < t->nobject_ids; i++)
		sb_addf(&ids, "%s%s", i ? ", " : "", t->object_ids[i]);
	field(_("Object IDs:"), ids.buf);
	sb_done(&ids);
	v = xasprintf("%lld", t->member_id);
	field(_("Member ID:"), v);
	free(v);
	if (t->bidder_id) {
		v = xasprintf("%lld", t->bidder_id);
		field(_("Bidder ID:"), v);
		free(v);
	}
	if (t->creative_id) {
		v = xasprintf("%lld", t->creative_id);
		field(_("Creative ID:"), v);
		free(v);
	}
	field(_("Browser:"), t->browser);
	field(_("Operating system:"), t->os);
	field(_("Emergency phone:"), t->phone);
	field(_("Bug reference:"), t->bug_ref);
	for (size_t i = 0; i < t->nscreenshots; i++)
		field(i ? "" : _("Screenshots:"), t->screenshots[i]);

	printf("\n%s\n", _("Deadlines"));
	field(_("  SLA state:"), i18n_term("sla_state", t->sla_state ? t->sla_state : "ok"));
	for (size_t i = 0; i < t->ndeadlines; i++) {
		const struct ticket_deadline *d = &t->deadlines[i];
		struct strbuf left;
		sb_init(&left);
		duration_format(&left, d->remaining_s, d->clock && !strcmp(d->clock, "business"));
		char *label = xasprintf("  %s:", i18n_term("sla_kind", d->kind));
		v = xasprintf("%s, %s (%s %s)", when(d->due, buf2, sizeof(buf2)),
			      i18n_term("sla_state", d->state), _("time left"), left.buf);
		field(label, v);
		free(label);
		free(v);
		sb_done(&left);
	}
	field(_("  First response due:"), when(t->first_response_due, buf, sizeof(buf)));
	if (t->acknowledged_at) {
		v = xasprintf("%s%s%s", when(t->acknowledged_at, buf2, sizeof(buf2)),
			      t->first_response_outcome ? " - " : "",
			      t->first_response_outcome ? i18n_term("sla_state", t->first_response_outcome) : "");
		field(_("  Acknowledged:"), v);
		free(v);
	}
	field(_("  Resolution due:"), when(t->resolution_due, buf, sizeof(buf)));
	if (t->resolution_paused_s > 0) {
		v = xasprintf(_("%ld min"), t->resolution_paused_s / 60);
		field(_("  Paused so far:"), v);
		free(v);
	}
	field(_("  Waiting since:"), when(t->waiting_since, buf, sizeof(buf)));
	if (t->resolved_at) {
		v = xasprintf("%s%s%s", when(t->resolved_at, buf2, sizeof(buf2)),
			      t->resolution_outcome ? " - " : "",
			      t->resolution_outcome ? i18n_term("sla_state", t->resolution_outcome) : "");
		field(_("  Resolved:"), v);
		free(v);
	}
	field(_("  Update due:"), when(t->update_due, buf, sizeof(buf)));
	field(_("  Last public reply:"), when(t->last_public_reply_at, buf, sizeof(buf)));
	field(_("  Closed:"), when(t->closed_at, buf, sizeof(buf)));

	v = xasprintf("%d", t->escalation_level);
	printf("\n");
	field(_("Escalation level:"), v);
	free(v);
	for (size_t i = 0; i < t->nescalations; i++) {
		const struct ticket_escalation *e = &t->escalations[i];
		v = xasprintf("%d %s, %s, %s %s, %s %s", e->level, i18n_term("escalation", e->level_key),
			      i18n_term("escalation_state", e->state), _("holder"),
			      e->holder ? e->holder : "-", _("raised by"),
			      e->raised_by ? e->raised_by : "-");
		field(when(e->raised_at, buf, sizeof(buf)), v);
		free(v);
		body(NULL, e->reason, "    ");
		if (e->resolution_note)
			body(NULL, e->resolution_note, "    ");
	}
	printf("\n");
	body(_("Description:"), t->description, "  ");
	body(_("Impact:"), t->impact, "  ");
	body(_("Steps to reproduce:"), t->repro_steps, "  ");
}

static void print_entry(const struct timeline_entry *e)
{
	char buf[64];
	struct strbuf line;

	sb_init(&line);
	sb_addf(&line, "%s  %s  ", when(e->at, buf, sizeof(buf)),
		e->author ? e->author : _("system"));
	if (e->kind == TIMELINE_EVENT) {
		timeline_event_describe(e, &line);
		body(NULL, line.buf, "  ");
	} else {
		sb_add(&line, e->kind == TIMELINE_PUBLIC     ? i18n_term("comment", "public")
			      : e->kind == TIMELINE_CUSTOMER ? i18n_term("comment", "customer")
							     : i18n_term("comment", "internal"));
		if (e->kind == TIMELINE_INTERNAL)
			sb_addf(&line, " (%s)", _("not shown to the customer"));
		if (e->delivery)
			sb_addf(&line, " (%s)", i18n_term("delivery", e->delivery));
		body(NULL, line.buf, "  ");
		body(NULL, e->body, "      ");
	}
	sb_done(&line);
}

/* "Attachments" with one line each: id (for `attachment get`), name, type, bytes. */
static int print_attachments(struct db *db, long long id, struct tt_error *err)
{
	struct attachment_list l;
	int rc = attachment_list_load(db, id, &l, err);
	if (rc || !l.n) {
		attachment_list_done(&l);
		return rc;
	}
	printf("\n%s\n", _("Attachments"));
	for (size_t i = 0; i < l.n; i++) {
		char *num = xasprintf("  #%lld", l.items[i].id);
		char *size = xasprintf(ngettext("%lld byte", "%lld bytes", (unsigned long)l.items[i].size),
				       l.items[i].size);
		char *v = xasprintf("%s  %s  %s", l.items[i].filename, l.items[i].type, size);
		field(num, v);
		free(v);
		free(size);
		free(num);
	}
	attachment_list_done(&l);
	return 0;
}

static int print_timeline(struct db *db, long long id, long total, struct tt_error *err)
{
	struct timeline_page page;
	struct timeline_cursor cur;
	int rc;

	memset(&cur, 0, sizeof(cur));
	printf("\n%s\n", _("Timeline"));
	if (total == 0)
		printf("  %s\n", _("(nothing yet)"));
	do {
		if ((rc = ticket_timeline_load(db, id, &cur, TIMELINE_PAGE, &page, err)))
			return rc;
		for (size_t i = 0; i < page.n; i++)
			print_entry(&page.entries[i]);
		cur = page.next;
		bool more = page.more;
		timeline_page_done(&page);
		if (!more)
			break;
	} while (1);
	return 0;
}

int cli_ticket_show(struct app *app, int argc, char **argv)
{
	bool json = false;
	const char *ids = NULL;
	long long id;
	struct tt_error err;
	struct db *db;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage(usage, _("unknown option '%s'"), argv[i]);
		else if (ids)
			return cli_usage(usage, _("unexpected argument '%s'"), argv[i]);
		else
			ids = argv[i];
	}
	if (!ids)
		return cli_usage(usage, "%s", _("which ticket?"));
	if (!cli_parse_id(ids, &id))
		return cli_usage(usage, _("'%s' is not a ticket id"), ids);
	tt_error_init(&err);
	if ((rc = app_db(app, &db, &err)) == 0) {
		if (json) {
			char *text = NULL;
			if ((rc = ticket_show_json(db, id, &text, &err)) == 0)
				printf("%s\n", text);
			free(text);
		} else {
			struct ticket_detail *t = NULL;
			if ((rc = ticket_detail_load(db, id, &t, &err)) == 0) {
				print_detail(t);
				rc = print_attachments(db, id, &err);
				if (!rc)
					rc = print_timeline(db, id, t->timeline_total, &err);
				ticket_detail_free(t);
			}
		}
	}
	if (rc)
		rc = cli_fail(&err);
	tt_error_clear(&err);
	return rc;
}
