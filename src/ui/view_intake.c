/* The intake form (`n`): drawn from the intake_fields metadata, pickers
 * with type-to-filter for customer, contact, request type, case reason and
 * severity, line editors for text, emergency and UI-only fields appearing
 * when they apply, a draft saved on every change, submission with every
 * refused field marked in place, and a retry without duplicates after a
 * database outage (the draft's idempotency key). Opened as "mail:ID" from
 * the inbox: filled in from that mail, and submitting accepts the mail.
 * Which fields show and must be filled for the chosen request type and
 * severity is read from the database (intake_meta_rules), never decided
 * here. Choosing a customer (from the list, by its exact name typed, or
 * from the mail) fills the member ID with the customer's own while that
 * field is empty or still holds what the form filled in from the customer
 * chosen before (member_auto); one typed there stays (a ticket may concern
 * another member), and the status line says where the value came from.
 *
 * The same form re-triages a ticket (view "retriage", opened from the
 * ticket view with the ticket's id): prefilled with the ticket's values,
 * a mandatory reason first, and submitting sends the changed fields to
 * api_ticket_set (model/retriage.h); a refusal is shown on the field it
 * concerns and the form keeps everything typed. Another customer (a
 * ticket filed under the wrong one) takes another contact, as at intake.
 * Its draft ("retriage-ID": the reason, the changed fields and the
 * version they were changed on) comes back when the same ticket is
 * re-triaged again, and still meets the stale-version check. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "model/agent.h"
#include "model/inbox.h"
#include "model/intake.h"
#include "model/retriage.h"
#include "ui/intake_dups.h"
#include "ui/keys.h"
#include "ui/retriage_draft.h"
#include "ui/screen.h"
#include "ui/view.h"
#include "ui/widgets/field.h"
#include "util/draft.h"
#include "util/i18n.h"
#include "util/lineedit.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

enum picker { PICK_NONE, PICK_CUSTOMER, PICK_CONTACT, PICK_REQUEST_TYPE, PICK_REASON, PICK_SEVERITY };

enum {
	ACT_NEXT_FIELD = ACT_VIEW_BASE,
	ACT_PREV_FIELD,
	ACT_SUBMIT,
	ACT_LEAVE,
	ACT_EXTERNAL_EDITOR,
	ACT_END_OR_EDITOR,
};

#define DROPDOWN_ROWS 6
#define PROBLEM_ROWS 4
#define CUSTOMER_LIMIT 50

struct ifield {
	const struct intake_field *meta;
	struct lineedit le;
	enum picker picker;
	char *value;        /* the chosen value of a picker, NULL when none */
	char *chosen;       /* the text shown for that choice */
	char *note;         /* the choice's second column (team of a request type) */
	bool account_rep;
	char *orig;         /* re-triage: the ticket's value (what payload_text gives
	                       when unchanged), NULL otherwise */
	const char *code;   /* refusal code (points into problem_code), NULL when fine */
	char *problem;      /* translated refusal shown under the field */
	int problem_h;      /* the rows it takes, wrapped (set by intake_draw) */
};

struct intake {
	struct intake_meta meta;
	struct ifield *f;
	size_t n, cur;
	int top;                      /* first form row shown */
	struct intake_choices types, reasons, severities;
	struct intake_choices people; /* customers (filtered) or contacts of the customer */
	enum picker people_kind;
	char *people_for;             /* filter or customer id `people` was loaded for */
	size_t *shown;                /* indexes of the choices matching the filter */
	size_t nshown, pick;
	bool dropdown;
	char *key;                    /* idempotency key, also the draft's name */
	char *dir;                    /* drafts directory */
	time_t synced;                /* last durable draft save */
	bool pending;                 /* submit again once the database is back */
	bool save_failed;
	bool draft_dirty;             /* text changed since the draft was saved: saved
	                                 once the keys waiting are handled (settle) */
	long long mail;               /* the inbox mail this form accepts, 0 when none */
	struct intake_dups dups;      /* the duplicate hint (intake_dups.c) */
	char *rules_rt, *rules_sev;   /* the choices the fields' rules were read for */
	long long retriage;           /* the ticket re-triaged, 0 for a new ticket */
	int version;                  /* its version when the form was filled */
	struct intake_field reason_meta; /* the re-triage reason field (static strings) */
	char *member_auto;            /* the member ID the form filled in from the chosen
	                                 customer (re-triage: the ticket's customer's),
	                                 NULL when none; kept in the draft */
};

/* Every key of the form is here or in the edit table (ui/keys.h
 * keys_edit, which edits the focused field's text); what a movement key
 * means depends on the field (a picker, a multi-line text), decided in
 * intake_action. */
static const struct keybinding intake_keys[] = {
	{ '\t', ACT_NEXT_FIELD },
	{ TT_KEY_BTAB, ACT_PREV_FIELD },
	{ KEY_CTRL('s'), ACT_SUBMIT },
	{ TT_KEY_F(10), ACT_SUBMIT },
	{ TT_KEY_F(4), ACT_EXTERNAL_EDITOR },
	{ KEY_CTRL('e'), ACT_END_OR_EDITOR },
	{ KEY_ESCAPE, ACT_LEAVE },
	{ KEY_CTRL('g'), ACT_LEAVE },
	{ TT_KEY_UP, ACT_UP },
	{ KEY_CTRL('p'), ACT_UP },
	{ TT_KEY_DOWN, ACT_DOWN },
	{ KEY_CTRL('n'), ACT_DOWN },
	{ TT_KEY_PPAGE, ACT_PAGE_UP },
	{ TT_KEY_NPAGE, ACT_PAGE_DOWN },
	{ '\n', ACT_OPEN },
	{ '\r', ACT_OPEN },
	{ TT_KEY_ENTER, ACT_OPEN },
	{ KEY_CTRL('o'), ACT_HISTORY },
	{ 0, 0 },
};

static const struct action_info intake_actions[] = {
	{ ACT_NEXT_FIELD, "next-field", N_("next field (picks the only matching choice)") },
	{ ACT_PREV_FIELD, "previous-field", N_("previous field") },
	{ ACT_SUBMIT, "submit", N_("submit the ticket") },
	{ ACT_LEAVE, "leave", N_("leave the form (asks whether to keep the draft)") },
	{ ACT_HISTORY, "duplicates", N_("list the likely duplicates (open tickets of the customer that look the same)") },
	{ ACT_EXTERNAL_EDITOR, "external-editor", N_("edit the field in $VISUAL/$EDITOR (also Ctrl-E at the end of a field)") },
	{ ACT_END_OR_EDITOR, "end-or-editor", N_("end of the field; at its end, edit it in $VISUAL/$EDITOR") },
	{ 0, NULL, NULL },
};

static const struct action_info retriage_actions[] = {
	{ ACT_NEXT_FIELD, "next-field", N_("next field (picks the only matching choice)") },
	{ ACT_PREV_FIELD, "previous-field", N_("previous field") },
	{ ACT_SUBMIT, "submit", N_("re-triage: send the changed fields with the reason") },
	{ ACT_LEAVE, "leave", N_("leave the form (asks whether to keep the draft)") },
	{ ACT_EXTERNAL_EDITOR, "external-editor", N_("edit the field in $VISUAL/$EDITOR (also Ctrl-E at the end of a field)") },
	{ ACT_END_OR_EDITOR, "end-or-editor", N_("end of the field; at its end, edit it in $VISUAL/$EDITOR") },
	{ 0, NULL, NULL },
};

/* ------------------------------------------------------------ helpers -- */

static enum picker picker_of(const char *kind)
{
	if (!strcmp(kind, "customer"))
		return PICK_CUSTOMER;
	if (!strcmp(kind, "contact"))
		return PICK_CONTACT;
	if (!strcmp(kind, "request_type"))
		return PICK_REQUEST_TYPE;
	if (!strcmp(kind, "reason"))
		return PICK_REASON;
	if (!strcmp(kind, "severity"))
		return PICK_SEVERITY;
	return PICK_NONE;
}

static struct ifield *by_picker(struct intake *st, enum picker p)
{
	for (size_t i = 0; i < st->n; i++)
		if (st->f[i].picker == p)
			return &st->f[i];
	return NULL;
}

/* Shown for the current choices, as the database said (sync_rules). */
static bool visible(struct intake *st, size_t i)
{
	return st->f[i].meta->shown;
}

/* Reads from the database which fields show and must be filled for the
 * chosen request type and severity, once per change of either; kept as
 * they were while the database is away (read again on reconnect). */
static void sync_rules(struct view *v)
{
	struct intake *st = v->data;
	struct ifield *t = by_picker(st, PICK_REQUEST_TYPE), *sv = by_picker(st, PICK_SEVERITY);
	const char *rt = t && t->value ? t->value : "", *sev = sv && sv->value ? sv->value : "";
	struct db *db = screen_db(v->screen);
	struct tt_error err;

	if (st->rules_rt && !strcmp(st->rules_rt, rt) && !strcmp(st->rules_sev, sev))
		return;
	if (!db)
		return;
	tt_error_init(&err);
	if (intake_meta_rules(db, &st->meta, rt, sev, &err)) {
		screen_error(v->screen, &err);
	} else {
		free(st->rules_rt);
		free(st->rules_sev);
		st->rules_rt = xstrdup(rt);
		st->rules_sev = xstrdup(sev);
	}
	tt_error_clear(&err);
}

/* What the payload carries for a field: the chosen value of a picker
 * (while its text still shows that choice), else the text typed. */
static const char *payload_text(const struct ifield *f)
{
	if (f->value && f->chosen && !strcmp(le_text(&f->le), f->chosen))
		return f->value;
	return le_text(&f->le);
}

/* Re-triage: a field whose value differs from the ticket's. */
static bool field_changed(const struct ifield *f)
{
	return f->orig && strcmp(payload_text(f), f->orig) != 0;
}

static void clear_problem(struct ifield *f)
{
	free(f->problem);
	f->problem = NULL;
	f->code = NULL;
}

static void set_choice(struct ifield *f, const char *value, const char *shown, const char *note)
{
	free(f->value);
	free(f->chosen);
	free(f->note);
	f->value = value ? xstrdup(value) : NULL;
	f->chosen = shown ? xstrdup(shown) : NULL;
	f->note = note && *note ? xstrdup(note) : NULL;
	f->account_rep = false;
}

/* The text a choice shows in its field once picked. */
static char *choice_text(enum picker p, const struct intake_choice *c)
{
	if (p == PICK_SEVERITY)
		return xasprintf("%s %s", c->value, i18n_db(c->label));
	if (p == PICK_CONTACT)
		return xasprintf("%s <%s>", c->label, c->note);
	if (p == PICK_CUSTOMER)
		return xstrdup(c->label);
	return xstrdup(i18n_db(c->label));
}

static struct intake_choices *choices_for(struct intake *st, enum picker p)
{
	switch (p) {
	case PICK_REQUEST_TYPE: return &st->types;
	case PICK_REASON: return &st->reasons;
	case PICK_SEVERITY: return &st->severities;
	case PICK_CUSTOMER:
	case PICK_CONTACT: return st->people_kind == p ? &st->people : NULL;
	default: return NULL;
	}
}

/* The filter typed into a picker ("" when it still shows the choice). */
static const char *filter_of(const struct ifield *f)
{
	if (f->chosen && !strcmp(le_text(&f->le), f->chosen))
		return "";
	return le_text(&f->le);
}

/* (Re)loads customers or contacts when the focused picker needs them. */
static void load_people(struct view *v, struct ifield *f)
{
	struct intake *st = v->data;
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	const char *want = NULL;

	if (f->picker == PICK_CUSTOMER) {
		want = filter_of(f);
	} else if (f->picker == PICK_CONTACT) {
		struct ifield *c = by_picker(st, PICK_CUSTOMER);
		want = c && c->value ? c->value : NULL;
	} else {
		return;
	}
	if (st->people_kind == f->picker && want && st->people_for && !strcmp(want, st->people_for))
		return;
	intake_choices_done(&st->people);
	free(st->people_for);
	st->people_for = NULL;
	st->people_kind = PICK_NONE;
	if (!want || !db)
		return;
	tt_error_init(&err);
	int rc = f->picker == PICK_CUSTOMER ? intake_customers(db, want, CUSTOMER_LIMIT, &st->people, &err)
					    : intake_contacts(db, want, &st->people, &err);
	if (rc) {
		screen_error(v->screen, &err);
	} else {
		st->people_kind = f->picker;
		st->people_for = xstrdup(want);
	}
	tt_error_clear(&err);
}

static void refilter(struct view *v)
{
	struct intake *st = v->data;
	struct ifield *f = &st->f[st->cur];

	st->nshown = 0;
	if (f->picker == PICK_NONE)
		return;
	load_people(v, f);
	struct intake_choices *c = choices_for(st, f->picker);
	if (!c)
		return;
	const char *flt = f->picker == PICK_CUSTOMER ? "" : filter_of(f);
	st->shown = xrealloc(st->shown, (c->n ? c->n : 1) * sizeof(*st->shown));
	for (size_t i = 0; i < c->n; i++) {
		const struct intake_choice *ch = &c->items[i];
		/* case and accents ignored: "publicacion" finds "publicación" */
		if (text_fold_contains(ch->label, flt) || text_fold_contains(ch->value, flt) ||
		    text_fold_contains(ch->note, flt) || text_fold_contains(i18n_db(ch->label), flt))
			st->shown[st->nshown++] = i;
	}
	if (st->pick >= st->nshown)
		st->pick = st->nshown ? st->nshown - 1 : 0;
}

/* The member ID field, NULL when the form has none. */
static struct ifield *member_field(struct intake *st)
{
	for (size_t i = 0; i < st->n; i++)
		if (!strcmp(st->f[i].meta->name, "member_id"))
			return &st->f[i];
	return NULL;
}

/* Customer ch was chosen: its member ID goes into the member ID field
 * while that is empty or still holds what the form filled in from the
 * customer chosen before (member_auto); any other member ID there (typed,
 * or another one the mail, the draft or the ticket gave) stays. Said on
 * the status line. */
static void member_from_customer(struct view *v, const struct intake_choice *ch)
{
	struct intake *st = v->data;
	struct ifield *m = member_field(st);

	if (!m || !ch->member_id || !*ch->member_id)
		return;
	const char *now = le_text(&m->le);
	if (*now && !(st->member_auto && !strcmp(now, st->member_auto)))
		return;
	bool same = !strcmp(now, ch->member_id);
	free(st->member_auto);
	st->member_auto = xstrdup(ch->member_id);
	if (same)
		return;
	le_set(&m->le, ch->member_id, strlen(ch->member_id));
	clear_problem(m);
	screen_message(v->screen, _("member ID from %s"), ch->label);
}

static void choose(struct view *v, size_t shown_index)
{
	struct intake *st = v->data;
	struct ifield *f = &st->f[st->cur];
	struct intake_choices *c = choices_for(st, f->picker);

	if (!c || shown_index >= st->nshown)
		return;
	const struct intake_choice *ch = &c->items[st->shown[shown_index]];
	char *text = choice_text(f->picker, ch);
	const char *note = f->picker == PICK_REQUEST_TYPE ? ch->note : NULL;
	bool same = f->value && !strcmp(f->value, ch->value);
	set_choice(f, ch->value, text, note);
	f->account_rep = ch->account_rep;
	le_set(&f->le, text, strlen(text));
	free(text);
	clear_problem(f);
	if (f->picker == PICK_CUSTOMER) {
		member_from_customer(v, ch);
		/* another customer's contact cannot stay chosen, nor shown as
		 * if it were (a re-triage to another customer, 661) */
		struct ifield *ct = by_picker(st, PICK_CONTACT);
		if (ct && ct->value && !same) {
			bool shown = ct->chosen && !strcmp(le_text(&ct->le), ct->chosen);
			set_choice(ct, NULL, NULL, NULL);
			if (shown)
				le_set(&ct->le, "", 0);
		}
	}
	st->dropdown = false;
	sync_rules(v);
}

/* After restoring a draft or filling from a ticket: the team and the
 * account-representative mark of the chosen request type. */
static void restore_flags(struct intake *st, struct ifield *f)
{
	struct intake_choices *c = f->picker == PICK_REQUEST_TYPE ? &st->types
				 : f->picker == PICK_SEVERITY ? &st->severities : NULL;
	for (size_t i = 0; c && f->value && i < c->n; i++)
		if (!strcmp(c->items[i].value, f->value)) {
			f->account_rep = c->items[i].account_rep;
			free(f->note);
			f->note = f->picker == PICK_REQUEST_TYPE && *c->items[i].note ? xstrdup(c->items[i].note) : NULL;
		}
}

/* -------------------------------------------------------------- draft -- */

static bool form_empty(const struct intake *st)
{
	for (size_t i = 0; i < st->n; i++)
		if (le_len(&st->f[i].le))
			return false;
	return true;
}

/* Re-triage: anything typed or changed that leaving would drop. */
static bool retriage_touched(const struct intake *st)
{
	if (le_len(&st->f[0].le))
		return true;
	for (size_t i = 1; i < st->n; i++)
		if (field_changed(&st->f[i]))
			return true;
	return false;
}

/* A field's text and, for a picker, its choice, into the draft. */
static void draft_field(struct draft *d, const struct ifield *f)
{
	draft_set(d, f->meta->name, le_text(&f->le), le_len(&f->le));
	if (f->value) {
		char *k = xasprintf("pick_%s", f->meta->name);
		draft_set(d, k, f->value, strlen(f->value));
		free(k);
		k = xasprintf("shown_%s", f->meta->name);
		draft_set(d, k, f->chosen, strlen(f->chosen));
		free(k);
	}
}

static void forget_draft(struct intake *st)
{
	st->draft_dirty = false;
	struct tt_error err;
	tt_error_init(&err);
	draft_delete(st->dir, st->key, &err);
	tt_error_clear(&err);
}

/* Saves the form as a draft (durably at least once a second). A new
 * ticket keeps every field; a re-triage ("retriage-ID", one per ticket)
 * the reason, the fields changed and the version they were changed
 * from, and no draft at all while nothing is changed. */
static void save_draft(struct view *v, bool durable)
{
	struct intake *st = v->data;
	struct draft d;
	struct tt_error err;
	time_t now = time(NULL);

	st->draft_dirty = false;
	if (st->retriage && !retriage_touched(st)) {
		forget_draft(st);
		return;
	}
	draft_init(&d, st->retriage ? "retriage" : st->mail ? "intake_mail" : "intake", st->key);
	if (st->retriage) {
		char ver[16];
		snprintf(ver, sizeof(ver), "%d", st->version);
		draft_set(&d, "version", ver, strlen(ver));
		draft_field(&d, &st->f[0]);
	}
	for (size_t i = st->retriage ? 1 : 0; i < st->n; i++)
		if (!st->retriage || field_changed(&st->f[i]))
			draft_field(&d, &st->f[i]);
	if (st->member_auto)
		draft_set(&d, "auto_member_id", st->member_auto, strlen(st->member_auto));
	tt_error_init(&err);
	durable = durable || now - st->synced >= 1;
	if (draft_save(st->dir, &d, durable, &err)) {
		if (!st->save_failed)
			screen_error(v->screen, &err);
		st->save_failed = true;
	} else {
		st->save_failed = false;
		if (durable)
			st->synced = now;
	}
	tt_error_clear(&err);
	draft_done(&d);
}

/* The choice a draft kept for a picker field: its value and the words
 * shown for it (pick_NAME, shown_NAME); false unless both are there. */
static bool draft_choice(const struct draft *d, const struct ifield *f, const char **val, const char **shown)
{
	char *k = xasprintf("pick_%s", f->meta->name);
	*val = draft_get(d, k, NULL);
	free(k);
	k = xasprintf("shown_%s", f->meta->name);
	*shown = draft_get(d, k, NULL);
	free(k);
	return *val && *shown;
}

/* The member ID the draft's form had filled in from its customer. */
static void restore_member_auto(struct intake *st, const struct draft *d)
{
	const char *a = draft_get(d, "auto_member_id", NULL);
	if (a) {
		free(st->member_auto);
		st->member_auto = xstrdup(a);
	}
}

static void restore_draft(struct intake *st, const struct draft *d)
{
	restore_member_auto(st, d);
	for (size_t i = 0; i < st->n; i++) {
		struct ifield *f = &st->f[i];
		size_t len;
		const char *text = draft_get(d, f->meta->name, &len);
		if (text)
			le_set(&f->le, text, len);
		const char *val, *shown;
		if (draft_choice(d, f, &val, &shown) && f->picker != PICK_NONE) {
			set_choice(f, val, shown, NULL);
			restore_flags(st, f);
		}
	}
}

/* Re-triage: the reason and the fields the draft changed, over the
 * ticket's values just read (a field the draft did not change shows the
 * ticket's current value). The form sends the version the draft's
 * changes were made on: when the ticket changed since, the send is
 * refused as stale, naming the change, as if the form had stayed open.
 * False when the draft names another version than it can use. */
static bool restore_retriage(struct intake *st, const struct draft *d)
{
	restore_member_auto(st, d);
	for (size_t i = 0; i < st->n; i++) {
		struct ifield *f = &st->f[i];
		size_t len;
		const char *text = draft_get(d, f->meta->name, &len);
		if (!text)
			continue;
		le_set(&f->le, text, len);
		if (f->picker == PICK_NONE)
			continue;
		const char *val, *shown;
		bool chosen = draft_choice(d, f, &val, &shown);
		set_choice(f, chosen ? val : NULL, chosen ? shown : NULL, NULL);
		restore_flags(st, f);
	}
	const char *ver = draft_get(d, "version", NULL);
	int was = ver ? atoi(ver) : 0;
	if (was <= 0 || was > st->version)
		return false;
	bool changed = was != st->version;
	st->version = was;
	return changed;
}

/* ----------------------------------------------------------- lifecycle -- */

static void intake_close(struct view *v);
extern const struct view_ops view_retriage_ops;

/* A picker's choice from the mail: the customer by its exact name, the
 * contact by its address among that customer's contacts. */
static void prefill_pick(struct view *v, struct ifield *f, const char *text)
{
	struct intake *st = v->data;
	struct db *db = screen_db(v->screen);
	struct intake_choices c = { 0 };
	struct tt_error err;
	struct ifield *cust = by_picker(st, PICK_CUSTOMER);
	int rc;

	tt_error_init(&err);
	if (f->picker == PICK_CUSTOMER)
		rc = intake_customers(db, text, CUSTOMER_LIMIT, &c, &err);
	else if (cust && cust->value)
		rc = intake_contacts(db, cust->value, &c, &err);
	else
		rc = -1;
	for (size_t i = 0; rc == 0 && i < c.n; i++) {
		const struct intake_choice *ch = &c.items[i];
		bool same = f->picker == PICK_CUSTOMER ? !strcmp(ch->label, text) : !strcasecmp(ch->note, text);
		if (same) {
			char *shown = choice_text(f->picker, ch);
			set_choice(f, ch->value, shown, NULL);
			le_set(&f->le, shown, strlen(shown));
			free(shown);
			if (f->picker == PICK_CUSTOMER)
				member_from_customer(v, ch);
			break;
		}
	}
	if (!f->value) /* not found: the text stays for the user to pick */
		le_set(&f->le, text, strlen(text));
	if (rc > 0)
		screen_error(v->screen, &err);
	tt_error_clear(&err);
	intake_choices_done(&c);
}

/* Fills the form from inbox mail st->mail (inbox_prefill_values). */
static int prefill_from_mail(struct view *v, struct tt_error *err)
{
	struct intake *st = v->data;
	char **names, **values;
	size_t n;
	int rc = inbox_prefill_values(screen_db(v->screen), st->mail, &names, &values, &n, err);
	if (!rc && n == 0)
		rc = tt_error_set(err, EX_DATAERR, _("no such inbox mail: %lld"), st->mail);
	/* in form order, so the customer is chosen before its contact */
	for (size_t i = 0; !rc && i < st->n; i++) {
		struct ifield *f = &st->f[i];
		for (size_t j = 0; j < n; j++) {
			if (strcmp(names[j], f->meta->name))
				continue;
			if (f->picker == PICK_CUSTOMER || f->picker == PICK_CONTACT)
				prefill_pick(v, f, values[j]);
			else
				le_set(&f->le, values[j], strlen(values[j]));
		}
	}
	for (size_t j = 0; j < n; j++) {
		free(names[j]);
		free(values[j]);
	}
	free(names);
	free(values);
	return rc;
}

/* The first field the mail left empty (where the cursor starts). */
static size_t first_empty(struct intake *st)
{
	for (size_t i = 0; i < st->n; i++)
		if (visible(st, i) && !le_len(&st->f[i].le))
			return i;
	return 0;
}

/* Re-triage: a field set to the ticket's value (a picker to its choice). */
static void fill_value(struct view *v, struct ifield *f, const char *val, const struct intake_ticket *t)
{
	struct intake *st = v->data;
	char *shown = NULL;

	if (f->picker == PICK_NONE || !*val) {
		le_set(&f->le, val, strlen(val));
		return;
	}
	if (f->picker == PICK_CUSTOMER) {
		shown = xstrdup(t->customer_name);
	} else if (f->picker == PICK_CONTACT) {
		struct intake_choices c = { 0 };
		struct tt_error err;
		tt_error_init(&err);
		if (intake_contacts(screen_db(v->screen), t->customer_id, &c, &err))
			screen_error(v->screen, &err);
		for (size_t i = 0; !shown && i < c.n; i++)
			if (!strcmp(c.items[i].value, val))
				shown = choice_text(f->picker, &c.items[i]);
		tt_error_clear(&err);
		intake_choices_done(&c);
	} else {
		const struct intake_choices *c = choices_for(st, f->picker);
		for (size_t i = 0; c && !shown && i < c->n; i++)
			if (!strcmp(c->items[i].value, val))
				shown = choice_text(f->picker, &c->items[i]);
	}
	if (!shown) /* a value no picker offers: shown as it is */
		shown = xstrdup(val);
	set_choice(f, val, shown, NULL);
	restore_flags(st, f);
	le_set(&f->le, shown, strlen(shown));
	free(shown);
}

/* Re-triage: fills the form from ticket `arg` (its number). */
static int retriage_fill(struct view *v, const char *arg)
{
	struct intake *st = v->data;
	struct intake_ticket t;
	struct tt_error err;
	char *end = NULL;
	long long id = arg ? strtoll(arg, &end, 10) : 0;

	if (!arg || *end || id <= 0) {
		screen_error_msg(v->screen, _("'%s' is not a ticket number"), arg ? arg : "");
		intake_close(v);
		return EX_USAGE;
	}
	tt_error_init(&err);
	if (intake_ticket_load(screen_db(v->screen), id, &t, &err)) {
		screen_error(v->screen, &err);
		int rc = err.code;
		tt_error_clear(&err);
		intake_close(v);
		return rc;
	}
	st->retriage = id;
	st->version = t.version;
	st->key = retriage_draft_key(id);
	for (size_t i = 1; i < st->n; i++) {
		struct ifield *f = &st->f[i];
		const char *val = f->picker == PICK_CUSTOMER ? t.customer_id : intake_ticket_value(&t, f->meta->name);
		f->orig = xstrdup(val);
		fill_value(v, f, val, &t);
	}
	/* the ticket's member ID, when it is its customer's, follows the
	 * customer to another as if the form had filled it in */
	if (*t.customer_member_id)
		st->member_auto = xstrdup(t.customer_member_id);
	intake_ticket_done(&t);
	/* what was changed here before and never sent (a crash, a lost
	 * session, a draft kept on leaving) comes back */
	struct draft d;
	if (draft_load(st->dir, st->key, &d, &err) == 0) {
		bool changed = restore_retriage(st, &d);
		screen_message(v->screen, "%s", changed ? _("re-triage restored; ticket changed since")
							: _("restored your unsent re-triage"));
	}
	draft_done(&d);
	tt_error_clear(&err);
	sync_rules(v);
	st->cur = 0;
	return 0;
}

/* True, said on the status line, when the agent files no ticket: a
 * product manager or developer writes internal notes only, and filing a
 * ticket starts the customer's thread, which is the support staff's
 * (DESIGN.md section 5; the database refuses them, intake_filer in
 * sql/functions/intake.sql). Asked as the form opens, so nothing is typed
 * that can never be sent; the role is read each time (it may change
 * during a session), and a login the database refuses is said too. */
static bool files_no_ticket(struct view *v, struct db *db)
{
	struct agent_info me;
	struct tt_error err;
	bool refused;
	agent_info_init(&me);
	tt_error_init(&err);
	if (agent_whoami(db, &me, &err)) {
		screen_error(v->screen, &err);
		refused = true;
	} else {
		refused = me.role && (!strcmp(me.role, "pm") || !strcmp(me.role, "developer"));
		if (refused)
			screen_error_msg(v->screen, "%s",
					 _("filing a ticket is for the support staff: you add internal notes"));
	}
	tt_error_clear(&err);
	agent_info_done(&me);
	return refused;
}

static int intake_open(struct view *v, const char *arg)
{
	struct db *db = screen_db(v->screen);
	struct tt_error err;
	struct intake *st = xcalloc(1, sizeof(*st));

	v->data = st;
	tt_error_init(&err);
	if (!db) {
		screen_error_msg(v->screen, "%s", _("the intake form needs the database"));
		intake_close(v); /* a view whose open fails is never closed */
		return EX_UNAVAILABLE;
	}
	/* a new ticket (from an inbox mail too); a re-triage is another
	 * question (ticket_require_support refuses it when sent) */
	if (v->ops != &view_retriage_ops && files_no_ticket(v, db)) {
		intake_close(v);
		return EX_NOPERM;
	}
	if (intake_meta_load(db, &st->meta, &err) || intake_request_types(db, &st->types, &err) ||
	    intake_reasons(db, &st->reasons, &err) || intake_severities(db, &st->severities, &err)) {
		screen_error(v->screen, &err);
		int rc = err.code;
		tt_error_clear(&err);
		intake_close(v);
		return rc;
	}
	/* re-triage: the reason comes first, then every intake field */
	size_t first = v->ops == &view_retriage_ops ? 1 : 0;
	st->n = st->meta.n + first;
	st->f = xcalloc(st->n ? st->n : 1, sizeof(*st->f));
	if (first) {
		st->reason_meta = (struct intake_field){
			.name = "retriage_reason",
			.label = N_("Reason for change"),
			.kind = "text",
			.help = N_("Why the ticket is re-triaged (mandatory): kept in its history and sent to "
				   "the assignee and, when the team changes, to the new team."),
			.shown = true,
			.required = true,
		};
		st->f[0].meta = &st->reason_meta;
		le_init(&st->f[0].le, false);
	}
	for (size_t i = first; i < st->n; i++) {
		struct ifield *f = &st->f[i];
		f->meta = &st->meta.fields[i - first];
		f->picker = picker_of(f->meta->kind);
		le_init(&f->le, !strcmp(f->meta->kind, "multiline"));
	}
	/* intake_meta_load read the rules with nothing chosen */
	st->rules_rt = xstrdup("");
	st->rules_sev = xstrdup("");
	st->dir = draft_dir();
	if (first)
		return retriage_fill(v, arg);

	if (arg && !strncmp(arg, "mail:", 5)) {
		st->mail = strtoll(arg + 5, NULL, 10);
		st->key = xasprintf("mail-%lld", st->mail);
		struct draft d;
		/* what was typed for this mail before comes back; else the mail's own */
		if (draft_load(st->dir, st->key, &d, &err) == 0) {
			restore_draft(st, &d);
			screen_message(v->screen, _("restored the unsent form of mail %lld"), st->mail);
		} else {
			tt_error_clear(&err);
			if (prefill_from_mail(v, &err)) {
				screen_error(v->screen, &err);
				int rc = err.code;
				tt_error_clear(&err);
				draft_done(&d);
				intake_close(v);
				return rc;
			}
		}
		draft_done(&d);
		tt_error_clear(&err);
		st->cur = first_empty(st);
		if (st->f[st->cur].picker != PICK_NONE) {
			st->dropdown = true;
			refilter(v);
		}
		return 0;
	}

	/* the newest unsent draft (or the one named) comes back */
	char **ids = NULL;
	size_t nids = 0;
	struct draft d;
	bool restored = false;
	if (arg && *arg) {
		restored = draft_load(st->dir, arg, &d, &err) == 0;
		if (!restored)
			draft_done(&d);
	} else if (draft_list(st->dir, "intake", &ids, &nids, &err) == 0 && nids) {
		restored = draft_load(st->dir, ids[0], &d, &err) == 0;
		if (!restored)
			draft_done(&d);
	}
	for (size_t i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	tt_error_clear(&err);
	if (restored) {
		st->key = xstrdup(d.id);
		restore_draft(st, &d);
		char *when = timefmt(d.saved, TIMEFMT_DATETIME);
		screen_message(v->screen, _("restored the unsent draft of %s (Esc, then n, discards it)"), when);
		free(when);
		draft_done(&d);
	} else {
		st->key = intake_new_key();
	}
	if (!restored && st->n && st->f[0].picker != PICK_NONE) {
		st->dropdown = true; /* the customers are offered at once */
		refilter(v);
	}
	return 0;
}

static void intake_close(struct view *v)
{
	struct intake *st = v->data;
	if (!st)
		return;
	for (size_t i = 0; i < st->n; i++) {
		le_done(&st->f[i].le);
		set_choice(&st->f[i], NULL, NULL, NULL);
		clear_problem(&st->f[i]);
		free(st->f[i].orig);
	}
	free(st->f);
	free(st->rules_rt);
	free(st->rules_sev);
	intake_choices_done(&st->types);
	intake_choices_done(&st->reasons);
	intake_choices_done(&st->severities);
	intake_choices_done(&st->people);
	free(st->people_for);
	free(st->shown);
	intake_meta_done(&st->meta);
	free(st->key);
	free(st->dir);
	free(st->member_auto);
	intake_dups_done(&st->dups);
	free(st);
	v->data = NULL;
}

/* ------------------------------------------------------------- submit -- */

static unsigned submit(struct view *v);
static void update_dups(struct view *v);

static unsigned intake_reload(struct view *v)
{
	struct intake *st = v->data;
	sync_rules(v);
	if (st->retriage)
		return VR_REDRAW;
	/* after a reconnect: send what was held back during the outage */
	if (st->pending && screen_db(v->screen))
		return submit(v);
	update_dups(v);
	return VR_REDRAW;
}

static void say_unreachable(struct view *v)
{
	screen_error_msg(v->screen, "%s",
			 _("database unreachable: the form is kept and sent once it is back"));
}

/* Re-triage: api_ticket_set calls its own reason "reason" too, and checks
 * it before any field: a blank reason (required) or a too long one is the
 * re-triage's; the case reason is never too long, and is refused only
 * once a reason was given. */
static bool retriage_reason_refused(const struct intake *st, const struct tt_field_error *fe)
{
	if (!st->retriage || strcmp(fe->field, "reason"))
		return false;
	return !strcmp(fe->code, "too_long") ||
	       (!strcmp(fe->code, "required") && text_blank(le_text(&st->f[0].le)));
}

static unsigned mark_refusals(struct view *v, const struct tt_error *err)
{
	struct intake *st = v->data;
	size_t first = st->n;
	struct strbuf others;

	sb_init(&others);
	for (size_t i = 0; i < st->n; i++)
		clear_problem(&st->f[i]);
	for (size_t j = 0; j < err->nfields; j++) {
		const struct tt_field_error *fe = &err->fields[j];
		bool placed = false;
		const char *name = retriage_reason_refused(st, fe) ? st->reason_meta.name : fe->field;
		for (size_t i = 0; i < st->n; i++) {
			struct ifield *f = &st->f[i];
			if (strcmp(f->meta->name, name) || !visible(st, i))
				continue;
			clear_problem(f);
			/* with the server's facts (people, addresses, limits)
			 * where its text carries them */
			struct strbuf reason;
			sb_init(&reason);
			tt_field_error_reason(fe, &reason);
			f->problem = sb_detach(&reason);
			f->code = f->problem;
			placed = true;
			if (i < first)
				first = i;
		}
		if (!placed) {
			/* named as the form names it (intake_fields.label) */
			struct tt_field_error named = *fe;
			const struct intake_field *m = intake_meta_find(&st->meta, fe->field);
			if (m && !named.label)
				named.label = m->label;
			if (others.len)
				sb_add(&others, "; ");
			tt_field_error_words(&named, &others);
		}
	}
	if (first < st->n) {
		st->cur = first;
		st->dropdown = false;
	}
	size_t n = err->nfields;
	if (others.len)
		screen_error_msg(v->screen, "%s", others.buf);
	else
		screen_error_msg(v->screen, ngettext("%zu field needs attention", "%zu fields need attention", n), n);
	sb_done(&others);
	return VR_HANDLED | VR_REDRAW;
}

/* Fields refused before reaching the server, as a refusal (65). */
static int refused_here(const struct tt_error *bad, struct tt_error *err)
{
	tt_error_set(err, EX_DATAERR, "%s", _("the ticket was refused"));
	for (size_t i = 0; i < bad->nfields; i++)
		tt_error_add_field(err, bad->fields[i].field, bad->fields[i].code, bad->fields[i].message);
	return EX_DATAERR;
}

/* Re-triage: the changed fields and the reason go to api_ticket_set. */
static unsigned submit_retriage(struct view *v)
{
	struct intake *st = v->data;
	struct db *db = screen_db(v->screen);
	struct field_pair pairs[PAIRS_MAX];
	struct intake_value vals[PAIRS_MAX];
	size_t n = 0;
	struct strbuf json;
	struct tt_error bad, err;
	int ver = 0, rc;
	unsigned flags = VR_HANDLED | VR_REDRAW;

	for (size_t i = 0; i < st->n && n < PAIRS_MAX; i++) {
		struct ifield *f = &st->f[i];
		if (!visible(st, i) || !field_changed(f))
			continue;
		const char *text = payload_text(f);
		pairs[n] = (struct field_pair){ f->meta->name, text };
		vals[n] = (struct intake_value){ f->meta->name, text, strlen(text) };
		n++;
	}
	if (n == 0) {
		screen_error_msg(v->screen, "%s", _("nothing changed: change a field, then send the re-triage"));
		return flags;
	}
	if (!db) {
		screen_error_msg(v->screen, "%s", _("not sent: the form is kept for later"));
		return flags;
	}
	sb_init(&json);
	tt_error_init(&bad);
	tt_error_init(&err);
	/* what the client refuses itself (bytes that are not UTF-8), as at intake */
	intake_payload_build(&st->meta, vals, n, NULL, &json, &bad);
	save_draft(v, true);
	if (bad.nfields)
		rc = refused_here(&bad, &err);
	else
		rc = ticket_set(db, st->retriage, st->version, pairs, n, le_text(&st->f[0].le), &ver, &err);
	if (rc == 0) {
		forget_draft(st);
		screen_message(v->screen, _("ticket #%lld re-triaged"), st->retriage);
		flags |= VR_CLOSE;
	} else if (rc == EX_DATAERR && err.nfields) {
		flags = mark_refusals(v, &err);
	} else if (rc == EX_UNAVAILABLE) {
		screen_connection_lost(v->screen, &err);
		screen_error_msg(v->screen, "%s", _("not sent: the form is kept for later"));
	} else if (rc == EX_TEMPFAIL) {
		/* changed by someone else meanwhile: the next send applies the
		 * fields changed here to the current version */
		struct intake_ticket t;
		struct tt_error again;
		tt_error_init(&again);
		if (intake_ticket_load(db, st->retriage, &t, &again) == 0) {
			st->version = t.version;
			intake_ticket_done(&t);
			save_draft(v, true);   /* the draft now goes to that version too */
		}
		tt_error_clear(&again);
		screen_error_msg(v->screen, _("%s; your changes are kept: send again to apply them to the current version"),
				 err.message ? err.message : "");
	} else {
		screen_error(v->screen, &err);
	}
	tt_error_clear(&bad);
	tt_error_clear(&err);
	sb_done(&json);
	return flags;
}

static unsigned submit(struct view *v)
{
	struct intake *st = v->data;
	sync_rules(v);
	if (st->retriage)
		return submit_retriage(v);
	struct intake_value *vals = xcalloc(st->n ? st->n : 1, sizeof(*vals));
	size_t nv = 0;
	struct strbuf json;
	struct tt_error bad, err;
	long long id = 0;
	unsigned flags = VR_HANDLED | VR_REDRAW;

	for (size_t i = 0; i < st->n; i++) {
		struct ifield *f = &st->f[i];
		if (!visible(st, i))
			continue;
		const char *text = payload_text(f);
		vals[nv++] = (struct intake_value){ f->meta->name, text, strlen(text) };
		if (text == le_text(&f->le))
			vals[nv - 1].len = le_len(&f->le);
	}
	sb_init(&json);
	tt_error_init(&bad);
	tt_error_init(&err);
	/* a mail's form keeps the mail's own idempotency key (mail:ID) */
	intake_payload_build(&st->meta, vals, nv, st->mail ? NULL : st->key, &json, &bad);
	save_draft(v, true);
	struct db *db = screen_db(v->screen);
	int rc;
	if (!db)
		rc = EX_UNAVAILABLE;
	else if (!st->mail)
		rc = intake_submit(db, json.buf, &bad, &id, &err);
	else if (bad.nfields)
		rc = refused_here(&bad, &err);
	else
		rc = inbox_accept(db, st->mail, json.buf, &id, &err);
	if (rc == 0 && st->mail) {
		struct tt_error ignored;
		tt_error_init(&ignored);
		draft_delete(st->dir, st->key, &ignored);
		tt_error_clear(&ignored);
		st->pending = false;
		screen_message(v->screen, _("ticket #%lld created from mail %lld"), id, st->mail);
		flags = VR_HANDLED | VR_CLOSE;
	} else if (rc == 0) {
		struct tt_error ignored;
		tt_error_init(&ignored);
		draft_delete(st->dir, st->key, &ignored);
		tt_error_clear(&ignored);
		st->pending = false;
		screen_message(v->screen, _("ticket #%lld created"), id);
		flags = VR_HANDLED | VR_CLOSE;
	} else if (rc == EX_UNAVAILABLE) {
		st->pending = true;
		if (db)
			screen_connection_lost(v->screen, &err);
		say_unreachable(v);
	} else if (rc == EX_DATAERR && err.nfields) {
		st->pending = false;
		flags = mark_refusals(v, &err);
	} else {
		st->pending = false;
		screen_error(v->screen, &err);
	}
	tt_error_clear(&bad);
	tt_error_clear(&err);
	sb_done(&json);
	free(vals);
	return flags;
}

/* -------------------------------------------------------------- moves -- */

/* The duplicate hint for what the form holds now. */
static void update_dups(struct view *v)
{
	struct intake *st = v->data;
	struct ifield *c = by_picker(st, PICK_CUSTOMER);
	const char *title = "", *ids = "";
	if (st->retriage)
		return; /* the ticket itself would be its own duplicate */
	for (size_t i = 0; i < st->n; i++) {
		if (!strcmp(st->f[i].meta->name, "title"))
			title = le_text(&st->f[i].le);
		else if (!strcmp(st->f[i].meta->name, "object_ids"))
			ids = le_text(&st->f[i].le);
	}
	char *customer = c && c->value ? xasprintf("#%s", c->value) : NULL;
	intake_dups_update(&st->dups, v, customer, title, ids);
	free(customer);
}

static void leave_field(struct view *v)
{
	struct intake *st = v->data;
	struct ifield *f = &st->f[st->cur];

	/* a filter matching exactly one choice picks it */
	if (f->picker != PICK_NONE && !f->value && le_len(&f->le)) {
		refilter(v);
		if (st->nshown == 1)
			choose(v, 0);
	}
	st->dropdown = false;
	update_dups(v);
}

static unsigned move_field(struct view *v, int dir)
{
	struct intake *st = v->data;
	size_t i = st->cur;

	leave_field(v);
	for (;;) {
		if (dir > 0 && i + 1 >= st->n)
			break;
		if (dir < 0 && i == 0)
			break;
		i = dir > 0 ? i + 1 : i - 1;
		if (visible(st, i)) {
			st->cur = i;
			break;
		}
	}
	st->pick = 0;
	/* an empty picker shows its choices at once */
	if (st->f[st->cur].picker != PICK_NONE && !st->f[st->cur].value && !le_len(&st->f[st->cur].le)) {
		st->dropdown = true;
		refilter(v);
	}
	save_draft(v, false);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned leave_done(struct view *v, const char *text, void *arg)
{
	struct intake *st = v->data;
	(void)arg;
	if (!text)
		return VR_HANDLED | VR_REDRAW; /* Esc: back to the form */
	if (*text == 'n') {   /* screen_ask: "y" or "n" */
		forget_draft(st);
		screen_message(v->screen, "%s", st->retriage ? _("re-triage dropped: the ticket is unchanged")
							 : _("draft discarded"));
	} else {
		save_draft(v, true);
		screen_message(v->screen, "%s", st->retriage ? _("draft kept: E brings it back")
							 : _("draft kept: n brings it back"));
	}
	return VR_HANDLED | VR_CLOSE;
}

static unsigned external_editor(struct view *v)
{
	struct intake *st = v->data;
	struct ifield *f = &st->f[st->cur];
	struct tt_error err;

	if (f->picker != PICK_NONE)
		return VR_HANDLED;
	tt_error_init(&err);
	char *text = screen_edit(v->screen, le_text(&f->le), &err);
	if (!text) {
		screen_error(v->screen, &err);
	} else {
		size_t n = strlen(text);
		if (!f->le.multiline)
			while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
				n--;
		le_set(&f->le, text, n);
		clear_problem(f);
		free(text);
		save_draft(v, true);
	}
	tt_error_clear(&err);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned field_move(struct view *v, int action);

static unsigned intake_action(struct view *v, int action)
{
	struct intake *st = v->data;

	switch (action) {
	case ACT_NEXT_FIELD:
		return move_field(v, 1);
	case ACT_PREV_FIELD:
		return move_field(v, -1);
	case ACT_SUBMIT:
		leave_field(v);
		return submit(v);
	case ACT_LEAVE:
		if (st->dropdown && !form_empty(st)) {
			st->dropdown = false;
			return VR_HANDLED | VR_REDRAW;
		}
		/* nothing typed (a re-triage: nothing changed) leaves no draft */
		if (st->retriage ? !retriage_touched(st) : form_empty(st)) {
			forget_draft(st);
			return VR_HANDLED | VR_CLOSE;
		}
		save_draft(v, true);
		screen_ask(v->screen, v, _("Keep the draft for later? [Y/n] "), true, leave_done, NULL);
		return VR_HANDLED | VR_REDRAW;
	case ACT_EXTERNAL_EDITOR:
		return external_editor(v);
	case ACT_END_OR_EDITOR:
		if (st->f[st->cur].picker == PICK_NONE && le_apply(&st->f[st->cur].le, LE_END) == LE_NONE)
			return external_editor(v);
		return VR_HANDLED | VR_REDRAW;
	case ACT_HISTORY:
		leave_field(v);
		return st->retriage ? VR_HANDLED : intake_dups_open(&st->dups, v);
	case ACT_UP:
	case ACT_DOWN:
	case ACT_OPEN:
		return field_move(v, action);
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		for (int i = 0; i < 5; i++)
			move_field(v, action == ACT_PAGE_DOWN ? 1 : -1);
		return VR_HANDLED | VR_REDRAW;
	default:
		return VR_UNHANDLED;
	}
}

/* After the text of the focused field changed. */
static void edited(struct view *v)
{
	struct intake *st = v->data;
	struct ifield *f = &st->f[st->cur];

	clear_problem(f);
	if (f->picker != PICK_NONE) {
		if (f->value && strcmp(le_text(&f->le), f->chosen))
			set_choice(f, NULL, NULL, NULL);
		st->dropdown = true;
		st->pick = 0;
		refilter(v);
		sync_rules(v);
	}
	/* saved once the keys waiting are handled (intake_settle): a paste
	 * of 100 KB is 100,000 keys, and a save per key wrote the whole
	 * form each time (gigabytes, over a minute frozen) */
	st->draft_dirty = true;
}

/* The keys waiting were handled: the text they changed goes to the draft. */
static void intake_settle(struct view *v)
{
	struct intake *st = v->data;
	if (st && st->draft_dirty)
		save_draft(v, false);
}

/* Up, Down and Enter in a picker: open the list, move in it, choose. */
static unsigned picker_move(struct view *v, int action)
{
	struct intake *st = v->data;

	if (action == ACT_DOWN) {
		if (!st->dropdown) {
			st->dropdown = true;
			refilter(v);
		} else if (st->pick + 1 < st->nshown) {
			st->pick++;
		}
		return VR_HANDLED | VR_REDRAW;
	}
	if (action == ACT_UP) {
		if (!st->dropdown)
			return move_field(v, -1);
		if (st->pick > 0)
			st->pick--;
		return VR_HANDLED | VR_REDRAW;
	}
	if (!st->dropdown) {
		st->dropdown = true;
		refilter(v);
		return VR_HANDLED | VR_REDRAW;
	}
	refilter(v);
	if (st->nshown) {
		choose(v, st->pick);
		save_draft(v, false);
		return move_field(v, 1);
	}
	return VR_HANDLED | VR_REDRAW;
}

/* Up, Down (a line in a multi-line text, else the field before/after)
 * and Enter (a line break in a multi-line text, else the next field). */
static unsigned field_move(struct view *v, int action)
{
	struct intake *st = v->data;
	struct ifield *f = &st->f[st->cur];

	if (f->picker != PICK_NONE)
		return picker_move(v, action);
	if (action == ACT_OPEN) {
		if (!f->le.multiline)
			return move_field(v, 1);
		if (le_apply(&f->le, LE_NEWLINE) == LE_CHANGED)
			edited(v);
		return VR_HANDLED | VR_REDRAW;
	}
	bool up = action == ACT_UP;
	if (f->le.multiline && le_apply(&f->le, up ? LE_UP : LE_DOWN) != LE_NONE)
		return VR_HANDLED | VR_REDRAW;
	return move_field(v, up ? -1 : 1);
}

/* A key no table of the form binds: text editing (the edit table) or a
 * character typed into the focused field. */
static unsigned intake_key(struct view *v, int key)
{
	struct intake *st = v->data;
	struct ifield *f = &st->f[st->cur];
	enum le_result r = LE_NONE;
	int op = keys_edit_op(screen_edit_action(v->screen, key));

	if (op >= 0) {
		r = le_apply(&f->le, (enum le_op)op);
	} else if (!KEY_IS_FN(key) && key >= 0x20 && key != 0x7f) {
		struct strbuf ch;
		sb_init(&ch);
		utf8_encode(&ch, (uint32_t)key);
		r = le_insert(&f->le, ch.buf, ch.len);
		sb_done(&ch);
	} else {
		return VR_UNHANDLED;
	}
	if (r == LE_CHANGED)
		edited(v);
	return VR_HANDLED | VR_REDRAW;
}

/* --------------------------------------------------------------- draw -- */

static int field_rows(const struct intake *st, size_t i)
{
	const struct ifield *f = &st->f[i];
	int rows = 1;
	if (f->le.multiline) {
		int lines = (int)le_lines(&f->le);
		int cap = i == st->cur ? 6 : 3;
		rows = lines < 2 ? 2 : lines > cap ? cap : lines;
	}
	if (f->problem)
		rows += f->problem_h > 0 ? f->problem_h : 1;
	if (i == st->cur && st->dropdown)
		rows += st->nshown ? (st->nshown < DROPDOWN_ROWS ? (int)st->nshown : DROPDOWN_ROWS) : 1;
	return rows;
}

/* Word-wraps text into lines of `w` cells at (y, x): draws at most `rows`
 * of them (none when `draw` is false) and returns how many it drew, or
 * with draw false how many the whole text needs. When the text needs more
 * than `rows`, the last row holds the rest cut with "…". */
static int draw_wrapped(int y, int x, int w, int rows, const char *text, enum style style, bool draw)
{
	struct strbuf clean;
	int used = 0;

	sb_init(&clean);
	text_sanitize(&clean, text, strlen(text), TEXT_MULTILINE | draw_text_flags());
	const char *p = clean.buf;
	while (*p && (used < rows || !draw)) {
		const char *nl = strchr(p, '\n');
		size_t para = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, para);
		size_t cut = para ? text_wrap_line(line, w) : 0;
		if (draw && used == rows - 1 && cut < para) {
			draw_text(y + used, x, w, line, style); /* the rest, cut */
			free(line);
			used++;
			break;
		}
		line[cut] = '\0';
		if (draw)
			draw_text(y + used, x, w, line, style);
		free(line);
		used++;
		p += cut;
		if (cut == para) {
			if (!nl)
				break;
			p++;
		} else {
			while (*p == ' ')
				p++;
		}
	}
	sb_done(&clean);
	return used;
}

static const char *focused_help(struct intake *st, struct strbuf *buf)
{
	struct ifield *f = &st->f[st->cur];
	struct intake_choices *c = choices_for(st, f->picker);

	if (st->dropdown && c && st->pick < st->nshown) {
		const struct intake_choice *ch = &c->items[st->shown[st->pick]];
		if (f->picker == PICK_REQUEST_TYPE) {
			if (ch->account_rep)
				sb_addf(buf, _("Not a ticket: handled by the customer's account representative. Example: %s"),
					i18n_db(ch->help));
			else
				sb_addf(buf, _("Routed to %s. Example: %s"), i18n_db(ch->note), i18n_db(ch->help));
			return buf->buf;
		}
		if (f->picker == PICK_SEVERITY) {
			/* the definition and all three criteria */
			sb_add(buf, i18n_db(ch->help));
			static const char *const crit[3] = { N_("Function: %s"), N_("Data: %s"),
							     N_("Back End: %s") };
			for (int k = 0; k < 3; k++)
				if (ch->criteria[k]) {
					sb_add(buf, "\n");
					sb_addf(buf, _(crit[k]), i18n_db(ch->criteria[k]));
				}
			return buf->buf;
		}
		if (f->picker == PICK_REASON) {
			sb_add(buf, i18n_db(ch->help));
			return buf->buf;
		}
	}
	sb_add(buf, i18n_db(f->meta->help));
	/* what the check wants of it, as the help screen lists it */
	if (f->meta->rule && *f->meta->rule)
		sb_addf(buf, "\n%s", i18n_db(f->meta->rule));
	return buf->buf;
}

/* `offline`: the database is unavailable, so customers and contacts
 * cannot be read: an empty list of them is not "no matching choice". */
static void draw_dropdown(struct intake *st, int y, int x, int w, int rows, bool offline)
{
	struct ifield *f = &st->f[st->cur];
	struct intake_choices *c = choices_for(st, f->picker);

	if (!st->nshown || !c) {
		const char *why = f->picker == PICK_CONTACT && !(by_picker(st, PICK_CUSTOMER) &&
								 by_picker(st, PICK_CUSTOMER)->value)
					  ? _("choose the customer first")
				  : offline && !c ? _("(not connected to the database)")
					  : _("no matching choice");
		draw_text(y, x, w, why, STYLE_DIM);
		return;
	}
	size_t first = st->pick >= (size_t)rows ? st->pick - (size_t)rows + 1 : 0;
	for (int r = 0; r < rows && first + (size_t)r < st->nshown; r++) {
		size_t idx = first + (size_t)r;
		const struct intake_choice *ch = &c->items[st->shown[idx]];
		struct strbuf line;
		sb_init(&line);
		char *text = choice_text(f->picker, ch);
		sb_addf(&line, " %s", text);
		free(text);
		if (f->picker == PICK_REQUEST_TYPE)
			sb_addf(&line, "  %s %s", i18n_sym(SYM_ARROW),
				ch->account_rep ? _("account representative (not a ticket)") : i18n_db(ch->note));
		else if (f->picker == PICK_CONTACT && !ch->usable)
			sb_addf(&line, "  (%s)", _("not an authorised contact"));
		else if (f->picker == PICK_CUSTOMER && !ch->usable)
			sb_addf(&line, "  (%s)", _("no longer an active customer"));
		else if (f->picker == PICK_CUSTOMER)
			sb_addf(&line, "  %s", i18n_term("plan", ch->note));
		bool unusable = (f->picker == PICK_CONTACT || f->picker == PICK_CUSTOMER) && !ch->usable;
		enum style style = idx == st->pick ? STYLE_SELECTED
				 : unusable || ch->account_rep ? STYLE_DIM
				 : STYLE_NORMAL;
		draw_text(y + r, x, w, line.buf, style);
		sb_done(&line);
	}
}

static void intake_draw(struct view *v, const struct area *a)
{
	struct intake *st = v->data;
	int lw = a->w >= 60 ? 22 : a->w / 3;
	int fx = a->x + lw + 1, fw = a->w - lw - 1;

	if (st->dropdown)
		refilter(v);
	/* a refusal wraps under its field (it may name the account
	 * representative), up to PROBLEM_ROWS rows */
	for (size_t i = 0; i < st->n; i++) {
		struct ifield *f = &st->f[i];
		if (!f->problem || fw < 4)
			continue;
		struct strbuf p;
		sb_init(&p);
		sb_addf(&p, "! %s", f->problem);
		f->problem_h = draw_wrapped(0, 0, fw, 0, p.buf, STYLE_ERROR, false);
		if (f->problem_h > PROBLEM_ROWS)
			f->problem_h = PROBLEM_ROWS;
		sb_done(&p);
	}
	/* the help of the focused field (or of the highlighted choice) gets
	 * the rows it needs, as long as the focused field stays in view: a
	 * severity's definition and its three criteria fit at 80x24 */
	struct strbuf hb;
	sb_init(&hb);
	const char *help = focused_help(st, &hb);
	int help_rows = a->h >= 16 ? 4 : 1;
	int need = draw_wrapped(0, 0, a->w, 0, help, STYLE_DIM, false);
	int room = a->h - 1 - field_rows(st, st->cur);
	if (need > help_rows)
		help_rows = need < room ? need : room > help_rows ? room : help_rows;
	int form_h = a->h - help_rows - 1;

	if (form_h < 1 || fw < 4) {
		sb_done(&hb);
		for (int r = 0; r < a->h; r++)
			draw_blank(a->y + r, a->x, a->w, STYLE_NORMAL);
		draw_text(a->y, a->x, a->w, _("the window is too small for the form"), STYLE_ERROR);
		return;
	}
	/* keep the focused field in view */
	int y = 0, cur_y = 0, cur_h = 1;
	for (size_t i = 0; i < st->n; i++) {
		if (!visible(st, i))
			continue;
		if (i == st->cur) {
			cur_y = y;
			cur_h = field_rows(st, i);
		}
		y += field_rows(st, i);
	}
	if (cur_y < st->top)
		st->top = cur_y;
	if (cur_y + cur_h > st->top + form_h)
		st->top = cur_y + cur_h - form_h;
	if (st->top < 0)
		st->top = 0;

	for (int r = 0; r < form_h; r++)
		draw_blank(a->y + r, a->x, a->w, STYLE_NORMAL);
	y = 0;
	for (size_t i = 0; i < st->n; i++) {
		if (!visible(st, i))
			continue;
		struct ifield *f = &st->f[i];
		int rows = field_rows(st, i), row = y - st->top;
		y += rows;
		if (row + rows <= 0 || row >= form_h)
			continue;
		bool focus = i == st->cur;
		int text_rows = rows - (f->problem ? f->problem_h : 0) -
				(focus && st->dropdown ? (st->nshown ? (st->nshown < DROPDOWN_ROWS ? (int)st->nshown : DROPDOWN_ROWS) : 1) : 0);
		struct strbuf label;
		sb_init(&label);
		sb_addf(&label, "%s%s", i18n_db(f->meta->label), f->meta->required ? " *" : "");
		if (row >= 0)
			draw_text(a->y + row, a->x, lw, label.buf,
				  f->problem ? STYLE_ERROR : focus ? STYLE_HEADER : STYLE_NORMAL);
		sb_done(&label);
		int r0 = row < 0 ? 0 : row;
		int visible_rows = text_rows - (r0 - row);
		if (visible_rows > form_h - r0)
			visible_rows = form_h - r0;
		if (visible_rows > 0) {
			if (!focus && f->picker == PICK_REQUEST_TYPE && f->value && (f->note || f->account_rep)) {
				struct strbuf shown;
				sb_init(&shown);
				sb_addf(&shown, "%s  %s %s", le_text(&f->le), i18n_sym(SYM_ARROW),
					f->account_rep ? _("account representative (not a ticket)") : i18n_db(f->note));
				draw_text(a->y + r0, fx, fw, shown.buf, STYLE_NORMAL);
				sb_done(&shown);
			} else {
				field_draw(&f->le, a->y + r0, fx, visible_rows, fw, focus,
					   focus && f->picker != PICK_NONE && !le_len(&f->le)
						   ? _("type to filter, Enter to choose") : NULL,
					   STYLE_NORMAL);
			}
		}
		int next = row + text_rows;
		if (focus && st->dropdown) {
			int dr = st->nshown ? (st->nshown < DROPDOWN_ROWS ? (int)st->nshown : DROPDOWN_ROWS) : 1;
			if (next >= 0 && next + dr <= form_h)
				draw_dropdown(st, a->y + next, fx, fw, dr, !screen_db(v->screen));
			next += dr;
		}
		if (f->problem && next >= 0 && next + f->problem_h <= form_h) {
			struct strbuf p;
			sb_init(&p);
			sb_addf(&p, "! %s", f->problem);
			draw_wrapped(a->y + next, fx, fw, f->problem_h, p.buf, STYLE_ERROR, true);
			sb_done(&p);
		}
	}
	if (!intake_dups_draw(&st->dups, v, a->y + form_h, a->x, a->w))
		draw_blank(a->y + form_h, a->x, a->w, STYLE_DIM);
	int used = draw_wrapped(a->y + form_h + 1, a->x, a->w, help_rows, help, STYLE_DIM, true);
	for (int r = used; r < help_rows; r++)
		draw_blank(a->y + form_h + 1 + r, a->x, a->w, STYLE_NORMAL);
	sb_done(&hb);
}

static unsigned intake_resize(struct view *v, int rows, int cols)
{
	(void)v;
	(void)rows;
	(void)cols;
	return VR_REDRAW; /* the text lives in the line editors: nothing to redo */
}

static void intake_status(struct view *v, struct strbuf *out)
{
	struct intake *st = v->data;
	size_t shown = 0, at = 0;
	for (size_t i = 0; i < st->n; i++)
		if (visible(st, i)) {
			shown++;
			if (i == st->cur)
				at = shown;
		}
	sb_addf(out, _("field %zu/%zu"), at, shown);
	if (st->retriage) {
		size_t changed = 0;
		for (size_t i = 0; i < st->n; i++)
			changed += visible(st, i) && field_changed(&st->f[i]);
		sb_addf(out, "%s#%lld%s", i18n_sym(SYM_SEP), st->retriage, i18n_sym(SYM_SEP));
		sb_addf(out, ngettext("%zu field changed", "%zu fields changed", changed), changed);
	} else if (st->pending)
		sb_addf(out, "%s%s", i18n_sym(SYM_SEP), _("waiting for the database to submit"));
	else if (!st->save_failed && !form_empty(st))
		sb_addf(out, "%s%s", i18n_sym(SYM_SEP), _("draft saved"));
}

/* The rules the database checks, for the help screen, from the metadata
 * the form is drawn from: which fields take several lines (kind
 * multiline; every other one is one line), then each field's rule
 * (intake_fields.rule, the sentence its own help ends with). One line
 * each, ended by a full stop, so the help keeps them apart. */
static void add_rules(const struct intake *st, struct strbuf *out)
{
	if (!st || !st->meta.n)
		return;
	sb_addf(out, "\n%s\n", _("Rules the database checks when the form is sent:"));
	struct strbuf multi;
	sb_init(&multi);
	for (size_t i = 0; i < st->meta.n; i++)
		if (!strcmp(st->meta.fields[i].kind, "multiline"))
			sb_addf(&multi, "%s%s", multi.len ? ", " : "", i18n_db(st->meta.fields[i].label));
	if (multi.len) {
		sb_add(out, "  ");
		/* TRANSLATORS: %s lists the multi-line fields' labels
		 * ("Description, Impact, Steps to reproduce") */
		sb_addf(out, _("%s take several lines; every other field is one line, without line breaks, "
			       "tabs or other control characters."), multi.buf);
		sb_add(out, "\n");
	}
	sb_done(&multi);
	for (size_t i = 0; i < st->meta.n; i++) {
		const struct intake_field *f = &st->meta.fields[i];
		if (f->rule && *f->rule)
			sb_addf(out, "  %s: %s\n", i18n_db(f->label), i18n_db(f->rule));
	}
}

static void intake_help(struct view *v, struct strbuf *out)
{
	sb_add(out, _("Fields marked * are mandatory; some appear only when they apply (the emergency "
		      "phone for severity 1, screenshots for UI-related request types).\n"
		      "In a field: readline keys (Ctrl-A/E/B/F/U/K/W/Y), Enter picks a choice or starts a new "
		      "line in multi-line fields, Ctrl-E at the end of a field (or F4) edits it in $EDITOR.\n"
		      "Tab/Shift-Tab or the arrows move between fields; Ctrl-S or F10 submits; Esc or Ctrl-G "
		      "leaves.\n"
		      "Every change is saved as a draft; the next n brings an unsent form back.\n"));
	add_rules(v ? v->data : NULL, out);
}

static void retriage_help(struct view *v, struct strbuf *out)
{
	sb_add(out, _("Re-triage: every field holds the ticket's value. Change what is wrong,\n"
		      "say why in the reason (mandatory) and send with Ctrl-S or F10: only the\n"
		      "changed fields are sent, checked as at intake. Another customer needs\n"
		      "one of its own authorised contacts.\n"
		      "A refusal shows on its field and nothing typed is lost.\n"
		      "Tab/Shift-Tab or the arrows move between fields; Esc or Ctrl-G leaves.\n"
		      "Every change is saved as a draft of this ticket; the next E on it brings\n"
		      "an unsent re-triage back.\n"));
	add_rules(v ? v->data : NULL, out);
}

const struct view_ops view_intake_ops = {
	.name = "intake",
	.title = N_("New ticket"),
	.keys = intake_keys,
	.actions = intake_actions,
	.text_input = true,
	.open = intake_open,
	.close = intake_close,
	.reload = intake_reload,
	.draw = intake_draw,
	.action = intake_action,
	.key = intake_key,
	.resize = intake_resize,
	.status = intake_status,
	.help = intake_help,
	.settle = intake_settle,
};

/* The same form re-triaging ticket ID (opened with the id as argument). */
const struct view_ops view_retriage_ops = {
	.name = "retriage",
	.title = N_("Re-triage"),
	.keys = intake_keys,
	.actions = retriage_actions,
	.text_input = true,
	.open = intake_open,
	.close = intake_close,
	.reload = intake_reload,
	.draw = intake_draw,
	.action = intake_action,
	.key = intake_key,
	.resize = intake_resize,
	.status = intake_status,
	.help = retriage_help,
	.settle = intake_settle,
};
