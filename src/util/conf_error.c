/* libconfig's error texts in the user's language: see util/conf_error.h. */
#include "util/conf_error.h"

#include <stddef.h>
#include <string.h>

#include "util/i18n.h"

/* Every text libconfig (1.5 to 1.8) leaves in config_error_text: its
 * grammar's, its scanner's (@include) and bison's own. */
static const char *const texts[] = {
	/* TRANSLATORS: libconfig's errors, after the file and line it
	 * stopped at: "ticketty.conf:3: syntax error". */
	N_("syntax error"),
	N_("memory exhausted"),
	N_("file I/O error"),
	N_("duplicate setting name"),
	N_("mismatched element type in array"),
	N_("cannot open include file"),
	N_("include file nesting too deep"),
};

const char *conf_error_text(const char *text)
{
	if (!text)
		return "";
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!strcmp(text, texts[i]))
			return _(texts[i]);
	return text;
}
