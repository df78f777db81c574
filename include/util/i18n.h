/* Translation: gettext wrappers and the lookups that turn the stable keys
 * and English reference texts the database holds into the user's language. */
#ifndef TICKETTY_UTIL_I18N_H
#define TICKETTY_UTIL_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* Binds the catalog and selects the language: `language` (from the config
 * ui.language) wins over LANG/LC_ALL/LC_MESSAGES when not NULL/empty.
 * Also sets LC_ALL from the environment (setlocale(LC_ALL, "")). */
void i18n_init(const char *language);

/* True when the terminal character set is UTF-8 (decided by the locale). */
int i18n_utf8(void);

/* Translates an English text that came from the database (severity names,
 * request types, teams, ...); returns it unchanged when no translation. */
const char *i18n_db(const char *english);

/* Translates a stable key of a domain: i18n_term("status", "waiting_customer")
 * -> "waiting on customer" / "esperando al cliente". Unknown keys come back
 * unchanged. Domains: status, sla_state, escalation, comment, plan, role. */
const char *i18n_term(const char *domain, const char *key);

/* The reason a field was refused, by its stable code, else `fallback`. */
const char *i18n_field_reason(const char *code, const char *fallback);

#endif
