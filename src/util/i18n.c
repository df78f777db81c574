/* Language selection and the translation of stable keys. The English
 * labels for database keys live here once; gettext translates them. */
#include "util/i18n.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

struct term {
	const char *domain;
	const char *key;
	const char *label;
};

static const struct term terms[] = {
	{ "status", "new", N_("new") },
	{ "status", "acknowledged", N_("acknowledged") },
	{ "status", "in_progress", N_("in progress") },
	{ "status", "waiting_customer", N_("waiting on customer") },
	{ "status", "waiting_engineering", N_("waiting on engineering") },
	{ "status", "resolved", N_("resolved") },
	{ "status", "closed", N_("closed") },
	{ "sla_state", "ok", N_("ok") },
	{ "sla_state", "at_risk", N_("at risk") },
	{ "sla_state", "breached", N_("breached") },
	{ "sla_state", "met", N_("met") },
	{ "sla_state", "missed", N_("missed") },
	{ "escalation", "csm", N_("Customer Success Manager") },
	{ "escalation", "coo", N_("COO") },
	{ "escalation", "ceo", N_("CEO") },
	{ "escalation_state", "open", N_("open") },
	{ "escalation_state", "acknowledged", N_("acknowledged") },
	{ "escalation_state", "resolved", N_("resolved") },
	{ "escalation_state", "passed_up", N_("passed up") },
	{ "comment", "public", N_("public reply") },
	{ "comment", "internal", N_("internal note") },
	{ "plan", "premium", N_("premium") },
	{ "plan", "basic", N_("basic") },
	{ "role", "engineer", N_("support engineer") },
	{ "role", "csm", N_("customer success manager") },
	{ "role", "coo", N_("chief operating officer") },
	{ "role", "ceo", N_("chief executive officer") },
	{ "role", "pm", N_("product manager") },
	{ "role", "developer", N_("developer") },
	{ "role", "admin", N_("administrator") },
	{ "clock", "business", N_("business") },
	{ "clock", "wall", N_("round the clock") },
	{ "sla_kind", "first_response", N_("first response") },
	{ "sla_kind", "resolution", N_("resolution") },
	{ "sla_kind", "update", N_("customer update") },
};

struct reason {
	const char *code;
	const char *text;
};

static const struct reason reasons[] = {
	{ "required", N_("is required") },
	{ "not_spoc", N_("is not an authorised single point of contact of this customer") },
	{ "other_customer", N_("belongs to another customer") },
	{ "account_rep", N_("goes to the account representative, not to support") },
	{ "too_long", N_("is too long") },
	{ "invalid_utf8", N_("is not valid UTF-8") },
	{ "nul_byte", N_("contains a NUL byte") },
	{ "malformed", N_("is malformed") },
	{ "unknown", N_("is unknown") },
	{ "inactive", N_("is no longer active") },
	{ "not_a_number", N_("must be a positive whole number") },
	{ "empty_list", N_("needs at least one entry") },
};

static int utf8_locale;

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

void i18n_init(const char *language)
{
	if (!setlocale(LC_ALL, ""))
		setlocale(LC_ALL, "C");
	if (language && *language) {
		/* LANGUAGE steers gettext; it is ignored under the C locale, so
		 * move messages to a UTF-8 locale of that language if we can. */
		setenv("LANGUAGE", language, 1);
		const char *cur = setlocale(LC_MESSAGES, NULL);
		if (!cur || !strcmp(cur, "C") || !strcmp(cur, "POSIX")) {
			char *want = xasprintf("%s.UTF-8", language);
			if (!setlocale(LC_MESSAGES, want))
				setlocale(LC_MESSAGES, "C.UTF-8");
			free(want);
		}
	}
	utf8_locale = !strcmp(nl_langinfo(CODESET), "UTF-8");
	bindtextdomain("ticketty", find_localedir());
	bind_textdomain_codeset("ticketty", "UTF-8");
	textdomain("ticketty");
}

int i18n_utf8(void)
{
	return utf8_locale;
}

const char *i18n_db(const char *english)
{
	if (!english || !*english)
		return english ? english : "";
	return gettext(english);
}

const char *i18n_term(const char *domain, const char *key)
{
	if (!key)
		return "";
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		if (!strcmp(terms[i].domain, domain) && !strcmp(terms[i].key, key))
			return gettext(terms[i].label);
	return key;
}

const char *i18n_field_reason(const char *code, const char *fallback)
{
	for (size_t i = 0; code && i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (!strcmp(reasons[i].code, code))
			return gettext(reasons[i].text);
	return fallback && *fallback ? fallback : (code ? code : "");
}
