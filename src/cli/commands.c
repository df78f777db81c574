/* The table of subcommands: one line each, in the order `--help` lists them. */
#include "cli/admin.h"
#include "cli/cli.h"
#include "cli/db.h"
#include "cli/local.h"
#include "cli/ticket.h"
#include "cli/queue.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, "db migrate | db version | db seed-demo [--tickets N] [--seed S]",
	  N_("apply schema migrations, show the schema version, load demo data") },
	{ "local", cli_local, "local start | local status | local stop",
	  N_("start, inspect or stop the private database used when none is configured") },
	{ "admin", cli_admin,
	  "admin customer|contact|agent add ... | admin customer|agent list [--json] | admin agent deactivate LOGIN",
	  N_("run the desk: add customers, contacts and agents, list them") },
	{ "ticket", cli_ticket,
	  "ticket show|ack|reply|note|take|assign|status|resolve|close|reopen ID ... | ticket take-next [--team T]",
	  N_("show a ticket and work it: reply, note, take, assign, change its status") },
	{ "queue", cli_queue, "queue [--limit N] [--after CURSOR] [--status S] [--team T] [--mine] [--json]",
	  N_("list the queue a page at a time (continue with --after the printed next: cursor)") },
	{ NULL, NULL, NULL, NULL },
};
