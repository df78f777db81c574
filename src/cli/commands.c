/* The table of subcommands: one line each, in the order `--help` lists them. */
#include "cli/cli.h"
#include "cli/db.h"
#include "cli/ticket_new.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, "db migrate | db version | db seed-demo [--tickets N] [--seed S]",
	  N_("apply schema migrations, show the schema version, load demo data") },
	{ "ticket-new", cli_ticket_new, "ticket-new [--json FILE|-] [--set FIELD=VALUE ...]",
	  N_("file a new ticket (temporary name until the ticket group lands)") },
	{ NULL, NULL, NULL, NULL },
};
