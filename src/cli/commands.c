/* The table of subcommands: one line each, in the order `--help` lists them. */
#include "cli/cli.h"
#include "cli/collab.h"
#include "cli/db.h"
#include "cli/escalation.h"
#include "cli/notify.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, "db migrate | db version | db seed-demo [--tickets N] [--seed S]",
	  N_("apply schema migrations, show the schema version, load demo data") },
	{ "escalate", cli_escalate, "escalate ID [--reason TEXT]",
	  N_("raise a ticket to its next escalation level (CSM, COO, CEO) with a reason") },
	{ "escalation", cli_escalation, "escalation ack ID | escalation resolve|up ID [--message TEXT]",
	  N_("acknowledge, resolve (with a note) or pass up the escalation you hold") },
	{ "escalations", cli_escalations, "escalations [--level csm|coo|ceo] [--mine] [--json]",
	  N_("list open escalations by level, with the chain of each ticket") },
	{ "notify", cli_notify,
	  "notify pending [--limit N] [--json] | notify mark-sent ID... | notify mine [--mark-read] [--json]",
	  N_("the notifications outbox: undelivered ones (admin), marking them sent, your own unread") },
	{ "collaborator", cli_collaborator, "collaborator add|remove ID LOGIN | collaborator list ID",
	  N_("add or remove agents following a ticket, list them") },
	{ NULL, NULL, NULL, NULL },
};
