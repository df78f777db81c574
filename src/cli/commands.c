/* The table of subcommands: one line each, in the order `--help` lists them. */
#include "cli/cli.h"
#include "cli/db.h"
#include "cli/report.h"
#include "cli/sla.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, "db migrate | db version | db seed-demo [--tickets N] [--seed S]",
	  N_("apply schema migrations, show the schema version, load demo data") },
	{ "sla", cli_sla, "sla due --plan P --severity N --created ISO8601 [--kind K] | sla explain TICKET [--json]",
	  N_("when an SLA target falls due; every deadline of a ticket and how it was computed") },
	{ "report", cli_report, "report sla [--from DATE] [--to DATE] [--json]",
	  N_("first-response SLA compliance per severity, plan and team") },
	{ NULL, NULL, NULL, NULL },
};
