/* The table of subcommands: one line each, in the order `--help` lists them.
 * Usage lines are translatable for their placeholders (FILE, LOGIN ...);
 * command and option names stay as they are. */
#include "cli/admin.h"
#include "cli/cli.h"
#include "cli/collab.h"
#include "cli/db.h"
#include "cli/local.h"
#include "cli/ticket.h"
#include "cli/queue.h"
#include "cli/escalation.h"
#include "cli/notify.h"
#include "cli/ticket_new.h"
#include "cli/report.h"
#include "cli/search.h"
#include "cli/sla.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, N_("db migrate | db version | db seed-demo [--tickets N] [--seed S]"),
	  N_("apply schema migrations, show the schema version, load demo data") },
	{ "local", cli_local, N_("local start | local status | local stop"),
	  N_("start, inspect or stop the private database used when none is configured") },
	{ "admin", cli_admin,
	  N_("admin customer|contact|agent add ... | admin customer|agent list [--json] | admin agent deactivate LOGIN | admin policy show|load"),
	  N_("run the desk: add customers, contacts and agents, list them") },
	{ "ticket", cli_ticket,
	  N_("ticket new|show|ack|reply|note|take|assign|status|resolve|close|reopen|link|unlink|history ID ... | ticket take-next [--team T] | ticket similar --customer C ..."),
	  N_("file a new ticket, show a ticket and work it: reply, note, take, assign, change its status") },
	{ "search", cli_search, N_("search QUERY [--all] [--customer C] [--limit N] [--json]"),
	  N_("find tickets by any word of their text, any ID, customer or contact (\"phrase\", -word, or)") },
	{ "queue", cli_queue, N_("queue [--limit N] [--after CURSOR] [--status S] [--team T] [--mine] [--following] [--json]"),
	  N_("list the queue a page at a time (continue with --after the printed next: cursor)") },
	{ "escalate", cli_escalate, N_("escalate ID [--reason TEXT]"),
	  N_("raise a ticket to its next escalation level (CSM, COO, CEO) with a reason") },
	{ "escalation", cli_escalation, N_("escalation ack ID | escalation resolve|up ID [--message TEXT]"),
	  N_("acknowledge, resolve (with a note) or pass up the escalation you hold") },
	{ "escalations", cli_escalations, N_("escalations [--level csm|coo|ceo] [--mine] [--json]"),
	  N_("list open escalations by level, with the chain of each ticket") },
	{ "notify", cli_notify,
	  N_("notify pending [--limit N] [--json] | notify mark-sent ID... | notify mine [--mark-read] [--json]"),
	  N_("the notifications outbox: undelivered ones (admin), marking them sent, your own unread") },
	{ "collaborator", cli_collaborator, N_("collaborator add|remove ID LOGIN | collaborator list ID"),
	  N_("add or remove agents following a ticket, list them") },
	{ "sla", cli_sla, N_("sla due --plan P --severity N --created ISO8601 [--kind K] | sla explain TICKET [--json]"),
	  N_("when an SLA target falls due; every deadline of a ticket and how it was computed") },
	{ "report", cli_report, N_("report sla [--from DATE] [--to DATE] [--json]"),
	  N_("first-response SLA compliance per severity, plan and team") },
	{ NULL, NULL, NULL, NULL },
};
