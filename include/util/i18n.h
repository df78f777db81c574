/* Translation: gettext wrappers and the lookups that turn the stable keys
 * and English reference texts the database holds into the user's language.
 *
 * Marking strings (scripts/update-po.sh extracts these keywords):
 *   _("text")                 translated now
 *   N_("text")                marked for extraction, translated later with _()
 *   NC_("context", "text")    like N_ with a context (i18n_term's tables)
 *   ngettext("one", "many", n) plural forms
 * A string with no translation comes back as the English msgid, never empty. */
#ifndef TICKETTY_UTIL_I18N_H
#define TICKETTY_UTIL_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) (s)
#define NC_(ctx, s) (s)

/* Binds the catalog and selects the language: `language` (from the config
 * ui.language, e.g. "es", "es_ES" or "es_ES.UTF-8"; "en" or "C" force
 * English) wins over LANG/LC_ALL/LC_MESSAGES when not NULL/empty, and also
 * picks that language's date conventions when its locale is installed.
 * Without `language` the usual variables decide; when the locale they name
 * is not installed, messages still follow its language (dates fall back to
 * C.UTF-8). LC_NUMERIC stays "C" so numbers parse and print the same way
 * everywhere (SQL parameters, epoch seconds). May be called again. */
void i18n_init(const char *language);

/* Messages in another language for a while (mail ticketty writes to an
 * agent, in the agent's language): i18n_messages_use switches gettext to
 * `language` ("en", "es") and keeps what was in *saved; restore puts it
 * back. Dates, numbers and the character set stay as they were. */
struct i18n_messages {
	char *language_env;  /* LANGUAGE as it was, NULL when unset */
	char *lc_messages;   /* the LC_MESSAGES locale as it was */
	char message_language[16];
};
void i18n_messages_use(const char *language, struct i18n_messages *saved);
void i18n_messages_restore(struct i18n_messages *saved);

/* True when the terminal character set is UTF-8 (decided by the locale). */
int i18n_utf8(void);

/* ticketty's own separators and symbols (not text from the database) in
 * the terminal's character set: the Unicode form under a UTF-8 locale,
 * an ASCII stand-in otherwise (LANG=C), so they never come out as
 * "<U+00B7>". The one place that decides; a static string. */
enum i18n_symbol {
	SYM_SEP,      /* " · " / " | ": between the parts of one line */
	SYM_ARROW,    /* "→" / "->": from, to; routes to */
	SYM_VBAR,     /* "│" / "|": a column rule */
	SYM_HLINE,    /* "─" / "-": a horizontal rule, one cell */
	SYM_TIMES,    /* "×" / "x": 80×24 */
};
const char *i18n_sym(enum i18n_symbol sym);

/* `number` ("66.7", as C and SQL write it) written into buf for people:
 * its decimal point is the locale's ("66,7" in Spanish). Never for SQL,
 * JSON or CSV, which keep '.'. Returns buf (cut to fit size). */
char *i18n_decimal(char *buf, size_t size, const char *number);

/* `number` ("66.7") as a percentage for people, in buf: the locale's
 * decimal point and the messages' language's sign, "66.7%" in English,
 * "66,7 %" in Spanish (a space before the sign, as Spanish writes it).
 * Returns buf. */
char *i18n_percent(char *buf, size_t size, const char *number);
/* Cells the widest percentage, "100.0%" / "100,0 %", takes. */
int i18n_percent_width(void);

/* The language messages are shown in: "es", "en", ... (two letters, or the
 * first entry of LANGUAGE); "en" when English (no catalog or C locale). */
const char *i18n_language(void);
/* The name of a mail language ("en", "es") in the reader's words. */
const char *i18n_language_name(const char *code);

/* Translates an English text that came from the database (severity names,
 * request types, teams, ...); returns it unchanged when no translation. */
const char *i18n_db(const char *english);

/* Translates a stable key of a domain: i18n_term("status", "waiting_customer")
 * -> "waiting on customer" / "esperando al cliente". Unknown keys come back
 * unchanged; NULL comes back as "". Domains: status, sla_state, escalation,
 * escalation_state, comment, plan, role, clock, sla_kind, notification
 * (notifications.kind), recipient (agent/contact/email), event
 * (ticket_events.kind without a sentence in the timeline), status_short
 * (a status in at most 10 cells), severity_short ("1".."4", at most 5
 * cells), sla_state_short (8 cells), escalation_state_short (9 cells):
 * the short forms are distinct within their domain. The label is
 * translated in the domain's context (msgctxt = domain), so "acknowledged"
 * can agree in gender with a ticket or an escalation. Severities, request
 * types, teams, case reasons and intake fields have their English names in
 * the database: show those with i18n_db(name). */
const char *i18n_term(const char *domain, const char *key);

/* The name of severity 1..4 as the database has it, translated
 * ("Urgent", "Urgente"), and its short form (severity_short: "Urg");
 * NULL for other numbers. */
const char *i18n_severity_name(int severity);
const char *i18n_severity_short(int severity);

/* The reverse of i18n_term: the stable key whose key, English label or
 * translated label is `text` (ASCII case ignored), e.g. ("status",
 * "en curso") -> "in_progress"; NULL when nothing matches. For prompts
 * where the user types a state in their own language. */
const char *i18n_term_key(const char *domain, const char *text);

/* The reason `field` was refused, by its stable code (some codes read
 * differently by field), else `fallback`. */
const char *i18n_field_reason(const char *field, const char *code, const char *fallback);

/* The same reason in English (as the server writes it), or NULL when the
 * code has none. */
const char *i18n_field_reason_english(const char *field, const char *code);

/* gettext with a context (like pgettext): the translation of msgid in
 * `context`, else the context-free translation, else msgid. */
const char *i18n_pgettext(const char *context, const char *msgid);

#endif
