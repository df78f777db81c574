/* FIELD=VALUE changes: placeholders for jsonb_build_object and parsing. */
#include "model/pairs.h"

#include <string.h>

#include "util/i18n.h"
#include "util/strbuf.h"

char *pairs_object_sql(size_t n, int first)
{
	struct strbuf sb;
	sb_init(&sb);
	sb_add(&sb, "jsonb_build_object(");
	for (size_t i = 0; i < n; i++)
		sb_addf(&sb, "%s$%d::text, $%d::text", i ? ", " : "", first + (int)(2 * i),
			first + (int)(2 * i) + 1);
	sb_add(&sb, ")");
	return sb_detach(&sb);
}

int pairs_parse(char *arg, struct field_pair *out, struct tt_error *err)
{
	char *eq = strchr(arg, '=');
	if (!eq || eq == arg)
		return tt_error_set(err, EX_USAGE, _("'%s' is not FIELD=VALUE"), arg);
	*eq = '\0';
	out->field = arg;
	out->value = eq + 1;
	return 0;
}

int pairs_parse_all(char **args, int n, struct field_pair *out, struct tt_error *err)
{
	for (int i = 0; i < n; i++) {
		if (pairs_parse(args[i], &out[i], err))
			return err->code;
		for (int j = 0; j < i; j++)
			if (!strcmp(out[j].field, out[i].field))
				return tt_error_set(err, EX_USAGE, _("%s given twice; give it once"),
						    out[i].field);
	}
	return 0;
}
