/* Language selection and the translation of stable keys. The English
 * labels for database keys live here once; gettext translates them. */
#include "util/i18n.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/text.h"
#include "util/xalloc.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "ticketty"

struct term {
	const char *domain;
	const char *key;
	const char *label;
};

/* The labels of the schema's enumerations (sql/001_schema.sql CREATE TYPE);
 * tests/db/test_i18n.c checks that every enum value has one. */
static const struct term terms[] = {
	{ "status", "new", NC_("status", "new") },
	{ "status", "acknowledged", NC_("status", "acknowledged") },
	{ "status", "in_progress", NC_("status", "in progress") },
	{ "status", "waiting_customer", NC_("status", "waiting on customer") },
	{ "status", "waiting_engineering", NC_("status", "waiting on engineering") },
	{ "status", "resolved", NC_("status", "resolved") },
	{ "status", "closed", NC_("status", "closed") },
	/* the same states in at most 10 cells, each distinct (narrow columns) */
	{ "status_short", "new", NC_("status_short", "new") },
	{ "status_short", "acknowledged", NC_("status_short", "acked") },
	{ "status_short", "in_progress", NC_("status_short", "working") },
	{ "status_short", "waiting_customer", NC_("status_short", "wait cust") },
	{ "status_short", "waiting_engineering", NC_("status_short", "wait eng") },
	{ "status_short", "resolved", NC_("status_short", "resolved") },
	{ "status_short", "closed", NC_("status_short", "closed") },
	/* severity levels 1-4 in at most 5 cells (the database names them in full) */
	{ "severity_short", "1", NC_("severity_short", "Crit") },
	{ "severity_short", "2", NC_("severity_short", "Urg") },
	{ "severity_short", "3", NC_("severity_short", "High") },
	{ "severity_short", "4", NC_("severity_short", "Med") },
	{ "sla_state", "ok", NC_("sla_state", "ok") },
	{ "sla_state", "at_risk", NC_("sla_state", "at risk") },
	{ "sla_state", "breached", NC_("sla_state", "breached") },
	{ "sla_state", "met", NC_("sla_state", "met") },
	{ "sla_state", "missed", NC_("sla_state", "missed") },
	/* the same in at most 8 cells, each distinct (narrow columns) */
	{ "sla_state_short", "ok", NC_("sla_state_short", "ok") },
	{ "sla_state_short", "at_risk", NC_("sla_state_short", "at risk") },
	{ "sla_state_short", "breached", NC_("sla_state_short", "breached") },
	{ "sla_state_short", "met", NC_("sla_state_short", "met") },
	{ "sla_state_short", "missed", NC_("sla_state_short", "missed") },
	{ "escalation", "csm", NC_("escalation", "Customer Success Manager") },
	{ "escalation", "coo", NC_("escalation", "COO") },
	{ "escalation", "ceo", NC_("escalation", "CEO") },
	{ "escalation_state", "open", NC_("escalation_state", "open") },
	{ "escalation_state", "acknowledged", NC_("escalation_state", "acknowledged") },
	{ "escalation_state", "resolved", NC_("escalation_state", "resolved") },
	{ "escalation_state", "passed_up", NC_("escalation_state", "passed up") },
	/* the same in at most 9 cells, each distinct (narrow columns) */
	{ "escalation_state_short", "open", NC_("escalation_state_short", "open") },
	{ "escalation_state_short", "acknowledged", NC_("escalation_state_short", "acked") },
	{ "escalation_state_short", "resolved", NC_("escalation_state_short", "resolved") },
	{ "escalation_state_short", "passed_up", NC_("escalation_state_short", "passed up") },
	{ "comment", "public", NC_("comment", "public reply") },
	{ "comment", "internal", NC_("comment", "internal note") },
	{ "comment", "customer", NC_("comment", "from the customer") },
	{ "delivery", "queued", NC_("delivery", "mail queued") },
	{ "delivery", "sent", NC_("delivery", "mail sent") },
	{ "delivery", "failed", NC_("delivery", "mail failed, retrying") },
	{ "delivery", "suppressed", NC_("delivery", "mail not sent: daily limit") },
	{ "delivery", "bounced", NC_("delivery", "mail bounced: not delivered") },
	{ "mail_state", "threaded", NC_("mail_state", "added to its ticket") },
	{ "mail_state", "inbox", NC_("mail_state", "in the inbox") },
	{ "mail_state", "held", NC_("mail_state", "held") },
	{ "mail_state", "accepted", NC_("mail_state", "accepted") },
	{ "mail_state", "asked", NC_("mail_state", "asked for details") },
	{ "mail_state", "refused", NC_("mail_state", "refused") },
	{ "mail_state", "discarded", NC_("mail_state", "discarded") },
	{ "mail_state", "answered", NC_("mail_state", "answered by a later mail") },
	{ "mail_state", "duplicate", NC_("mail_state", "already stored") },
	{ "hold_reason", "auto_submitted", NC_("hold_reason", "automatic reply") },
	{ "hold_reason", "precedence", NC_("hold_reason", "bulk mail") },
	{ "hold_reason", "list", NC_("hold_reason", "mailing list") },
	{ "hold_reason", "null_sender", NC_("hold_reason", "no sender") },
	{ "hold_reason", "daemon", NC_("hold_reason", "delivery report") },
	{ "hold_reason", "unknown_sender", NC_("hold_reason", "unknown sender") },
	{ "hold_reason", "closed_ticket", NC_("hold_reason", "reply to a closed ticket") },
	{ "hold_reason", "staff_reply", NC_("hold_reason", "reply to a copy sent to staff") },
	{ "hold_reason", "thread_stranger", NC_("hold_reason", "reply from an address not allowed on the ticket") },
	{ "hold_reason", "own_mail", NC_("hold_reason", "the desk's own mail coming back") },
	/* the same states and reasons in at most 10 cells, each distinct (the
	 * inbox list's STATE column at 80 columns) */
	{ "mail_state_short", "threaded", NC_("mail_state_short", "on ticket") },
	{ "mail_state_short", "inbox", NC_("mail_state_short", "inbox") },
	{ "mail_state_short", "held", NC_("mail_state_short", "held") },
	{ "mail_state_short", "accepted", NC_("mail_state_short", "accepted") },
	{ "mail_state_short", "asked", NC_("mail_state_short", "asked") },
	{ "mail_state_short", "refused", NC_("mail_state_short", "refused") },
	{ "mail_state_short", "discarded", NC_("mail_state_short", "discarded") },
	{ "mail_state_short", "answered", NC_("mail_state_short", "answered") },
	{ "mail_state_short", "duplicate", NC_("mail_state_short", "duplicate") },
	{ "hold_reason_short", "auto_submitted", NC_("hold_reason_short", "auto-reply") },
	{ "hold_reason_short", "precedence", NC_("hold_reason_short", "bulk mail") },
	{ "hold_reason_short", "list", NC_("hold_reason_short", "list") },
	{ "hold_reason_short", "null_sender", NC_("hold_reason_short", "no sender") },
	{ "hold_reason_short", "daemon", NC_("hold_reason_short", "report") },
	{ "hold_reason_short", "unknown_sender", NC_("hold_reason_short", "unknown") },
	{ "hold_reason_short", "closed_ticket", NC_("hold_reason_short", "closed") },
	{ "hold_reason_short", "staff_reply", NC_("hold_reason_short", "staff copy") },
	{ "hold_reason_short", "thread_stranger", NC_("hold_reason_short", "stranger") },
	{ "hold_reason_short", "own_mail", NC_("hold_reason_short", "own mail") },
	{ "plan", "premium", NC_("plan", "premium") },
	{ "plan", "basic", NC_("plan", "basic") },
	{ "role", "engineer", NC_("role", "support engineer") },
	{ "role", "csm", NC_("role", "customer success manager") },
	{ "role", "coo", NC_("role", "chief operating officer") },
	{ "role", "ceo", NC_("role", "chief executive officer") },
	{ "role", "pm", NC_("role", "product manager") },
	{ "role", "developer", NC_("role", "developer") },
	{ "role", "admin", NC_("role", "administrator") },
	{ "role", "mail", NC_("role", "mail gateway") },
	{ "clock", "business", NC_("clock", "business hours") },
	{ "clock", "wall", NC_("clock", "round the clock") },
	{ "sla_kind", "first_response", NC_("sla_kind", "first response") },
	{ "sla_kind", "resolution", NC_("sla_kind", "resolution") },
	{ "sla_kind", "update", NC_("sla_kind", "customer update") },
	/* notifications.kind (sql/020, 040, 045, 062, 071, 100, 200; test_notify
	 * holds this list to what the schema writes) */
	{ "notification", "emergency", NC_("notification", "emergency") },
	{ "notification", "escalation.raised", NC_("notification", "escalation raised") },
	{ "notification", "escalation.passed_up", NC_("notification", "escalation passed up") },
	{ "notification", "escalation.acknowledged", NC_("notification", "escalation acknowledged") },
	{ "notification", "escalation.resolved", NC_("notification", "escalation resolved") },
	{ "notification", "escalation.handed", NC_("notification", "escalation handed to you") },
	{ "notification", "ticket.acknowledged", NC_("notification", "ticket acknowledged") },
	{ "notification", "ticket.changed", NC_("notification", "ticket changed") },
	{ "notification", "ticket.resolved", NC_("notification", "ticket resolved") },
	{ "notification", "ticket.duplicate", NC_("notification", "closed as a duplicate") },
	{ "notification", "ticket.customer_reply", NC_("notification", "customer replied") },
	{ "notification", "ticket.retriaged", NC_("notification", "triage corrected") },
	{ "notification", "ticket.rerouted", NC_("notification", "sent to your team") },
	{ "notification", "ticket.mail_bounced", NC_("notification", "answer not delivered") },
	{ "link", "related", NC_("link", "related") },
	{ "link", "duplicate_of", NC_("link", "duplicate of") },
	{ "link", "duplicated_by", NC_("link", "duplicated by") },
	{ "recipient", "agent", NC_("recipient", "agent") },
	{ "recipient", "contact", NC_("recipient", "contact") },
	{ "recipient", "email", NC_("recipient", "e-mail") },
	/* ticket_events.kind the timeline has no sentence of its own for */
	{ "event", "created", NC_("event", "ticket created") },
	{ "event", "escalation.raised", NC_("event", "escalation raised") },
	{ "event", "escalation.passed_up", NC_("event", "escalation passed up") },
	{ "event", "escalation.acknowledged", NC_("event", "escalation acknowledged") },
	{ "event", "escalation.resolved", NC_("event", "escalation resolved") },
	{ "event", "escalation.handed", NC_("event", "escalation handed over") },
	{ "event", "collaborator.added", NC_("event", "collaborator added") },
	{ "event", "collaborator.removed", NC_("event", "collaborator removed") },
	{ "event", "link", NC_("event", "linked") },
	{ "event", "unlink", NC_("event", "unlinked") },
	/* the keys of refused fields the server names (DETAIL's
	 * "field<TAB>code<TAB>message" lines, HACKING.md) that a person reads
	 * as words, for the status line ("team: is unknown", "equipo: es
	 * desconocido"; tt_field_error_words); JSON members (member_id, object_ids,
	 * idempotency_key, payload) stay as they are typed. The English label
	 * is the key itself: what English output always said. */
	{ "field", "status", NC_("field", "status") },
	{ "field", "reason", NC_("field", "reason") },
	{ "field", "login", NC_("field", "login") },
	{ "field", "name", NC_("field", "name") },
	{ "field", "email", NC_("field", "email") },
	{ "field", "role", NC_("field", "role") },
	{ "field", "team", NC_("field", "team") },
	{ "field", "key", NC_("field", "key") },
	{ "field", "csm", NC_("field", "csm") },
	{ "field", "value", NC_("field", "value") },
	{ "field", "other", NC_("field", "other") },
	{ "field", "customer", NC_("field", "customer") },
	{ "field", "changes", NC_("field", "changes") },
	{ "field", "severity", NC_("field", "severity") },
	{ "field", "plan", NC_("field", "plan") },
	{ "field", "escalation", NC_("field", "escalation") },
	{ "field", "body", NC_("field", "body") },
	{ "field", "query", NC_("field", "query") },
	{ "field", "message", NC_("field", "message") },
	{ "field", "mail", NC_("field", "mail") },
	{ "field", "lang", NC_("field", "lang") },
	{ "field", "file", NC_("field", "file") },
	{ "field", "filename", NC_("field", "filename") },
	{ "field", "contact", NC_("field", "contact") },
	{ "field", "account_rep", NC_("field", "account_rep") },
	{ "field", "note", NC_("field", "note") },
	{ "field", "kind", NC_("field", "kind") },
	{ "field", "from", NC_("field", "from") },
	{ "field", "bug_ref", NC_("field", "bug_ref") },
	{ "field", "title", NC_("field", "title") },
	{ "field", "ticket", NC_("field", "ticket") },
	{ "field", "subject", NC_("field", "subject") },
	{ "field", "phone", NC_("field", "phone") },
	{ "field", "password", NC_("field", "password") },
	{ "field", "limit", NC_("field", "limit") },
	{ "field", "level", NC_("field", "level") },
	{ "field", "created", NC_("field", "created") },
	{ "field", "assignee", NC_("field", "assignee") },
	{ "field", "active", NC_("field", "active") },
	{ "field", "type", NC_("field", "type") },
	{ "field", "template", NC_("field", "template") },
	{ "field", "request_type", NC_("field", "request_type") },
};

struct reason {
	const char *field;   /* NULL: any field */
	const char *code;
	const char *text;
};

static const struct reason reasons[] = {
	{ NULL, "required", N_("is required") },
	{ NULL, "not_spoc", N_("is not an authorised single point of contact of this customer") },
	{ NULL, "other_customer", N_("belongs to another customer") },
	{ NULL, "account_rep", N_("goes to the account representative, not to support") },
	{ NULL, "too_long", N_("is too long") },
	{ NULL, "too_large", N_("is larger than the desk allows") },
	{ NULL, "invalid_utf8", N_("is not valid UTF-8") },
	{ NULL, "nul_byte", N_("contains a NUL byte") },
	/* a member of a --json document PostgreSQL would not read; the
	 * message says where (intake_payload_from_json) */
	{ NULL, "not_json", N_("is not valid JSON") },
	/* a duplicate link (sql/540): the ticket the link points to, or the
	 * ticket being closed, is a duplicate itself (before "given twice") */
	{ "other", "duplicate", N_("is itself a duplicate") },
	{ "ticket", "duplicate", N_("is already a duplicate") },
	{ "other", "not_open", N_("is not open") },
	{ NULL, "duplicate", N_("is given twice") },
	{ NULL, "too_deep", N_("is nested too deeply") },
	{ NULL, "malformed", N_("is malformed") },
	{ NULL, "unknown", N_("is unknown") },
	{ NULL, "not_a_language", N_("must be en or es") },
	{ NULL, "inactive", N_("is no longer active") },
	{ NULL, "not_a_number", N_("must be a positive whole number") },
	{ NULL, "empty_list", N_("needs at least one entry") },
	{ NULL, "not_encrypted", N_("must be sent encrypted, never in clear") },
	{ "password", "blank", N_("is only spaces: a password must have more than blanks") },
	{ NULL, "reused_key", N_("was already used for a different ticket") },
	{ NULL, "no_words", N_("has no word to look for (only very common words such as \"the\")") },
	{ NULL, "only_excluded", N_("needs at least one word that must appear, not only -excluded ones") },
	{ NULL, "ambiguous", N_("matches several customers; give the name or number") },
	{ NULL, "out_of_range", N_("is out of range") },
	{ NULL, "still_csm", N_("is still a Customer Success Manager; give the customers another CSM first") },
	{ NULL, "holds_escalations", N_("holds open escalations that nobody else of their level can take; add an agent for that level, resolve them or pass them up first") },
	{ NULL, "wrong_role", N_("cannot hold this escalation level: it needs the level's own role") },
	{ NULL, "assigned_tickets", N_("is never assigned tickets in that role; reassign them first") },
	{ "bug_ref", "unexpected", N_("is only taken when the ticket waits on engineering") },
	{ "from", "after_to", N_("the first day comes after the last") },
	{ NULL, "future", N_("is after today: the period has not begun") },
	{ "payload", "invalid", N_("is not a JSON object") },
	{ "severity", "no_target", N_("there is no SLA target for this plan and severity") },
	{ "value", "not_address", N_("is not one address, such as support@example.com") },
	{ "value", "not_domain", N_("is not a domain of letters, digits, dots and hyphens") },
	{ "value", "not_hours", N_("is not a whole number of hours from 1 to 2160") },
	{ "value", "not_number", N_("is not a whole number from 1 to 1073741823") },
	{ "status", "not_allowed", N_("cannot be reached from the ticket's status") },
	{ "status", "unchanged", N_("is already the ticket's status") },
	{ "other", "self", N_("is the ticket itself") },
	{ "role", "self", N_("you cannot change your own role") },
	{ NULL, "self", N_("you cannot deactivate yourself") },
};

static int utf8_locale;
static char decimal_point[8] = ".";
static char message_language[16] = "en";

static const char *find_localedir(void)
{
	const char *env = getenv("TICKETTY_LOCALEDIR");
	static char beside_exe[PATH_MAX];
	struct stat st;

	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", beside_exe, sizeof(beside_exe) - 16);
	if (n > 0) {
		beside_exe[n] = '\0';
		char *slash = strrchr(beside_exe, '/');
		if (slash) {
			strcpy(slash + 1, "locale");
			if (stat(beside_exe, &st) == 0 && S_ISDIR(st.st_mode))
				return beside_exe;
		}
	}
	return LOCALEDIR;
}

/* The locale variable that decides `category`, as POSIX orders them. */
static const char *env_locale(const char *category_var)
{
	const char *vars[] = { "LC_ALL", category_var, "LANG" };
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return v;
	}
	return NULL;
}

static int is_c_locale(const char *name)
{
	return !name || !*name || !strcmp(name, "C") || !strcmp(name, "POSIX") ||
	       !strncmp(name, "C.", 2);
}

/* "es", "es_ES", "es_ES.UTF-8@euro" -> "es" (at most 3 letters). */
static void language_of(const char *name, char *out, size_t size)
{
	size_t n = 0;
	while (name[n] && name[n] != '_' && name[n] != '.' && name[n] != '@' &&
	       name[n] != ':' && n + 1 < size)
		n++;
	memcpy(out, name, n);
	out[n] = '\0';
}

/* Sets `category` to a UTF-8 locale of `language` if one is installed:
 * the name as given, <name>.UTF-8, then <ll>_<LL>.UTF-8 (es -> es_ES,
 * en -> en_US). Returns 1 when one was set. */
static int set_locale_for(int category, const char *language)
{
	char ll[8], buf[64];

	if (strchr(language, '.') && setlocale(category, language))
		return 1;
	snprintf(buf, sizeof(buf), "%s.UTF-8", language);
	if (setlocale(category, buf))
		return 1;
	language_of(language, ll, sizeof(ll));
	if (!strchr(language, '_') && ll[0]) {
		char cc[8];
		size_t i;
		const char *country = !strcmp(ll, "en") ? "US" : NULL;
		if (!country) {
			for (i = 0; ll[i] && i + 1 < sizeof(cc); i++)
				cc[i] = (char)(ll[i] >= 'a' && ll[i] <= 'z' ? ll[i] - 'a' + 'A' : ll[i]);
			cc[i] = '\0';
			country = cc;
		}
		snprintf(buf, sizeof(buf), "%s_%s.UTF-8", ll, country);
		if (setlocale(category, buf))
			return 1;
	}
	return 0;
}

void i18n_init(const char *language)
{
	int have_locale = setlocale(LC_ALL, "") != NULL;

	if (!have_locale) {
		/* The locale the environment names is not installed. Keep its
		 * language for messages (gettext reads LANGUAGE under any non-C
		 * locale) and its UTF-8 character set for the terminal. */
		setlocale(LC_ALL, "C");
		const char *ctype = env_locale("LC_CTYPE");
		if (ctype && (strstr(ctype, "UTF-8") || strstr(ctype, "utf8")))
			setlocale(LC_CTYPE, "C.UTF-8");
		const char *msgs = env_locale("LC_MESSAGES");
		if (msgs && !is_c_locale(msgs) && !(language && *language)) {
			const char *cur = getenv("LANGUAGE");
			if (!cur || !*cur)
				setenv("LANGUAGE", msgs, 1);
			setlocale(LC_MESSAGES, "C.UTF-8");
		}
	}
	if (language && *language) {
		if (is_c_locale(language) || !strncmp(language, "en", 2)) {
			setenv("LANGUAGE", "en", 1);
		} else {
			setenv("LANGUAGE", language, 1);
		}
		/* LANGUAGE is ignored under the C locale: move messages to a
		 * locale of that language, else to C.UTF-8. Dates follow it. */
		if (!set_locale_for(LC_MESSAGES, language) &&
		    is_c_locale(setlocale(LC_MESSAGES, NULL)) &&
		    strcmp(setlocale(LC_MESSAGES, NULL), "C.UTF-8"))
			setlocale(LC_MESSAGES, "C.UTF-8");
		if (!set_locale_for(LC_TIME, language))
			setlocale(LC_TIME, "C.UTF-8");
	}
	/* Numbers keep one format: SQL parameters and epoch seconds are
	 * printed and parsed with '.' whatever the language. */
	setlocale(LC_NUMERIC, "C");
	/* ... but a number shown to people (i18n_decimal) has the decimal
	 * separator of the locale its dates follow */
	strcpy(decimal_point, ".");
	locale_t shown = newlocale(LC_NUMERIC_MASK, setlocale(LC_TIME, NULL), (locale_t)0);
	if (shown) {
		const char *p = nl_langinfo_l(RADIXCHAR, shown);
		if (p && *p && strlen(p) < sizeof(decimal_point))
			strcpy(decimal_point, p);
		freelocale(shown);
	}
	utf8_locale = !strcmp(nl_langinfo(CODESET), "UTF-8");
	bindtextdomain(DOMAIN, find_localedir());
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);

	/* Which language gettext will use: LANGUAGE's first entry unless
	 * messages are in the C locale, else the LC_MESSAGES locale. */
	const char *msgs = setlocale(LC_MESSAGES, NULL);
	const char *lang_env = getenv("LANGUAGE");
	const char *pick = NULL;
	if (msgs && strcmp(msgs, "C") && strcmp(msgs, "POSIX"))
		pick = lang_env && *lang_env ? lang_env : msgs;
	if (!pick || is_c_locale(pick))
		pick = "en";
	language_of(pick, message_language, sizeof(message_language));
	if (!message_language[0])
		strcpy(message_language, "en");
}

void i18n_messages_use(const char *language, struct i18n_messages *saved)
{
	const char *env = getenv("LANGUAGE");
	saved->language_env = env ? xstrdup(env) : NULL;
	saved->lc_messages = xstrdup(setlocale(LC_MESSAGES, NULL));
	memcpy(saved->message_language, message_language, sizeof(message_language));

	const char *lang = language && *language && !is_c_locale(language) ? language : "en";
	setenv("LANGUAGE", lang, 1);
	/* LANGUAGE is ignored under the C locale; setting LC_MESSAGES again
	 * also tells gettext that the language changed */
	if (!set_locale_for(LC_MESSAGES, lang) &&
	    (is_c_locale(setlocale(LC_MESSAGES, NULL)) || !setlocale(LC_MESSAGES, saved->lc_messages)))
		setlocale(LC_MESSAGES, "C.UTF-8");
	language_of(lang, message_language, sizeof(message_language));
	if (!message_language[0])
		strcpy(message_language, "en");
}

void i18n_messages_restore(struct i18n_messages *saved)
{
	if (saved->language_env)
		setenv("LANGUAGE", saved->language_env, 1);
	else
		unsetenv("LANGUAGE");
	setlocale(LC_MESSAGES, saved->lc_messages);
	memcpy(message_language, saved->message_language, sizeof(message_language));
	free(saved->language_env);
	free(saved->lc_messages);
	saved->language_env = saved->lc_messages = NULL;
}

int i18n_utf8(void)
{
	return utf8_locale;
}

char *i18n_decimal(char *buf, size_t size, const char *number)
{
	size_t n = 0, dl = strlen(decimal_point);
	if (!size)
		return buf;
	for (const char *p = number; *p; p++) {
		const char *add = *p == '.' ? decimal_point : p;
		size_t len = *p == '.' ? dl : 1;
		if (n + len >= size)
			break;
		memcpy(buf + n, add, len);
		n += len;
	}
	buf[n] = '\0';
	return buf;
}

char *i18n_percent(char *buf, size_t size, const char *number)
{
	char shown[32];
	i18n_decimal(shown, sizeof(shown), number);
	/* TRANSLATORS: a percentage, %s the number ("66.7"); Spanish and
	 * French put a space before the sign ("%s %%") */
	snprintf(buf, size, _("%s%%"), shown);
	return buf;
}

int i18n_percent_width(void)
{
	char buf[48];
	return text_width(i18n_percent(buf, sizeof(buf), "100.0"));
}

const char *i18n_sym(enum i18n_symbol sym)
{
	static const char *const utf8[] = {
		[SYM_SEP] = " \u00b7 ", [SYM_ARROW] = "\u2192", [SYM_VBAR] = "\u2502",
		[SYM_HLINE] = "\u2500", [SYM_TIMES] = "\u00d7",
	};
	static const char *const ascii[] = {
		[SYM_SEP] = " | ", [SYM_ARROW] = "->", [SYM_VBAR] = "|",
		[SYM_HLINE] = "-", [SYM_TIMES] = "x",
	};
	if ((unsigned)sym >= sizeof(utf8) / sizeof(utf8[0]))
		return "";
	return utf8_locale ? utf8[sym] : ascii[sym];
}

const char *i18n_language(void)
{
	return message_language;
}

const char *i18n_language_name(const char *code)
{
	return code && !strcmp(code, "es") ? _("Spanish") : _("English");
}

const char *i18n_db(const char *english)
{
	if (!english || !*english)
		return english ? english : "";
	return gettext(english);
}

const char *i18n_pgettext(const char *context, const char *msgid)
{
	if (!msgid || !*msgid)
		return msgid ? msgid : "";
	if (!context || !*context)
		return gettext(msgid);
	/* The catalog stores a context as "context\004msgid". */
	size_t lc = strlen(context), lm = strlen(msgid);
	char small[256];
	char *key = lc + lm + 2 <= sizeof(small) ? small : xmalloc(lc + lm + 2);
	memcpy(key, context, lc);
	key[lc] = '\004';
	memcpy(key + lc + 1, msgid, lm + 1);
	const char *t = gettext(key);
	int found = t != key;
	if (key != small)
		free(key);
	return found ? t : gettext(msgid);
}

const char *i18n_term(const char *domain, const char *key)
{
	if (!key)
		return "";
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (!strcmp(terms[i].domain, domain) && !strcmp(terms[i].key, key))
			return i18n_pgettext(terms[i].domain, terms[i].label);
	return key;
}

const char *i18n_severity_name(int severity)
{
	/* the names of sql/001_schema.sql's severities, in the catalogue from there */
	static const char *const names[] = { N_("Critical"), N_("Urgent"), N_("High"), N_("Medium") };
	return severity >= 1 && severity <= 4 ? i18n_db(names[severity - 1]) : NULL;
}

const char *i18n_severity_short(int severity)
{
	static const char *const keys[] = { "1", "2", "3", "4" };
	return severity >= 1 && severity <= 4 ? i18n_term("severity_short", keys[severity - 1]) : NULL;
}

const char *i18n_term_key(const char *domain, const char *text)
{
	if (!domain || !text || !*text)
		return NULL;
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		const struct term *t = &terms[i];
		if (strcmp(t->domain, domain))
			continue;
		if (!strcasecmp(t->key, text) || !strcasecmp(t->label, text) ||
		    !strcasecmp(i18n_pgettext(t->domain, t->label), text))
			return t->key;
	}
	return NULL;
}

const char *i18n_field_reason_english(const char *field, const char *code)
{
	for (size_t i = 0; code && i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (!strcmp(reasons[i].code, code) &&
		    (!reasons[i].field || (field && !strcmp(reasons[i].field, field))))
			return reasons[i].text;
	return NULL;
}

const char *i18n_field_reason(const char *field, const char *code, const char *fallback)
{
	const char *english = i18n_field_reason_english(field, code);
	if (english)
		return gettext(english);
	return fallback && *fallback ? fallback : (code ? code : "");
}
