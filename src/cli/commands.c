/* The table of subcommands: one line each, in the order `--help` lists them. */
#include "cli/cli.h"
#include "cli/db.h"
#include "cli/ticket.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, "db migrate | db version | db seed-demo [--tickets N] [--seed S]",
	  N_("apply schema migrations, show the schema version, load demo data") },
	{ "ticket", cli_ticket,
	  "ticket show|ack|reply|note|take|assign|status|resolve|close|reopen ID ... | ticket take-next [--team T]",
	  N_("show a ticket and work it: reply, note, take, assign, change its status") },
	{ NULL, NULL, NULL, NULL },
};
