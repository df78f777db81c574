/* The table of subcommands: one line each, in the order `--help` lists them. */
#include "cli/cli.h"
#include "cli/db.h"
#include "cli/queue.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, "db migrate | db version | db seed-demo [--tickets N] [--seed S]",
	  N_("apply schema migrations, show the schema version, load demo data") },
	{ "queue", cli_queue, "queue [--limit N] [--after CURSOR] [--status S] [--team T] [--mine] [--json]",
	  N_("list the queue a page at a time (continue with --after the printed next: cursor)") },
	{ NULL, NULL, NULL, NULL },
};
