/* `ticket new`: builds the intake payload from a JSON document and/or
 * --set key=value pairs, submits it, prints the new ticket id; refused
 * fields are listed one per line on stderr (exit 65). */
#include "cli/ticket_new.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/intake.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char usage[] =
	"ticket new [--json FILE|-] [--set FIELD=VALUE ...]";

/* Appends the members of `extra` (an object text "{...}") to the object
 * text in `json`; later members win in jsonb, so --set overrides the file. */
static void merge_objects(struct strbuf *json, const struct strbuf *extra)
{
	if (extra->len <= 2)
		return;
	if (json->len <= 2) {
		sb_reset(json);
		sb_add(json, extra->buf);
		return;
	}
	sb_truncate(json, json->len - 1);
	sb_addc(json, ',');
	sb_add(json, extra->buf + 1);
}

int cli_ticket_new(struct app *app, int argc, char **argv)
{
	const char *json_path = NULL;
	struct intake_value *values = xcalloc((size_t)argc, sizeof(*values));
	size_t nvalues = 0;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		if (!strcmp(arg, "--json") || !strcmp(arg, "--set")) {
			if (i + 1 >= argc) {
				free(values);
				return cli_usage(usage, _("%s needs a value"), arg);
			}
			val = argv[++i];
		} else if (!strncmp(arg, "--json=", 7) || !strncmp(arg, "--set=", 6)) {
			val = strchr(arg, '=') + 1;
		} else {
			free(values);
			return cli_usage(usage, _("unexpected argument '%s'"), arg);
		}
		if (!strncmp(arg, "--json", 6)) {
			if (json_path) {
				rc = cli_given_twice(usage, "--json");
				break;
			}
			json_path = val;
			continue;
		}
		const char *eq = strchr(val, '=');
		if (!eq || eq == val) {
			rc = cli_usage(usage, _("--set needs FIELD=VALUE, not '%s'"), val);
			break;
		}
		/* a field set twice: the second would silently win */
		for (size_t k = 0; k < nvalues && !rc; k++)
			if (strlen(values[k].name) == (size_t)(eq - val) &&
			    !strncmp(values[k].name, val, (size_t)(eq - val))) {
				char *name = xasprintf("--set %s", values[k].name);
				rc = cli_given_twice(usage, name);
				free(name);
			}
		if (rc)
			break;
		values[nvalues].name = xstrndup(val, (size_t)(eq - val));
		values[nvalues].text = eq + 1;
		values[nvalues].len = strlen(eq + 1);
		nvalues++;
	}
	if (!rc && !json_path && !nvalues)
		rc = cli_usage(usage, "%s", _("give the ticket with --json FILE or --set FIELD=VALUE"));
	if (rc) {
		for (size_t i = 0; i < nvalues; i++)
			free((char *)values[i].name);
		free(values);
		return rc;
	}

	struct tt_error err, bad;
	struct strbuf doc, json, setjson;
	struct intake_meta meta = { 0 };
	struct db *db;
	long long id = 0;

	tt_error_init(&err);
	tt_error_init(&bad);
	sb_init(&doc);
	sb_init(&json);
	sb_init(&setjson);
	if (json_path) {
		rc = cli_read_document(json_path, &doc, &err);
		if (!rc)
			rc = intake_payload_from_json(doc.buf, doc.len, &json, &bad, &err);
	} else {
		sb_add(&json, "{}");
	}
	if (!rc)
		rc = app_db(app, &db, &err);
	if (!rc && nvalues && !(rc = intake_meta_load(db, &meta, &err))) {
		intake_payload_build(&meta, values, nvalues, NULL, &setjson, &bad);
		merge_objects(&json, &setjson);
	}
	if (!rc)
		rc = intake_submit(db, json.buf, &bad, &id, &err);
	if (rc) {
		rc = cli_fail(&err);
		cli_stdin_not_kept(json_path, rc);
	} else {
		printf("%lld\n", id);
	}

	intake_meta_done(&meta);
	for (size_t i = 0; i < nvalues; i++)
		free((char *)values[i].name);
	free(values);
	sb_done(&doc);
	sb_done(&json);
	sb_done(&setjson);
	tt_error_clear(&bad);
	tt_error_clear(&err);
	return rc;
}
