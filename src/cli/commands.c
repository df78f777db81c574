/* The table of subcommands: one line each, in the order `--help` lists them.
 * Usage lines (the outline `--help` lists; `forms`, every form in full,
 * for `ticketty NAME --help`) are translatable for their placeholders (FILE, LOGIN ...);
 * command and option names stay as they are. */
#include "cli/admin.h"
#include "cli/admin_records.h"
#include "cli/canned.h"
#include "cli/cli.h"
#include "cli/collab.h"
#include "cli/db.h"
#include "cli/local.h"
#include "cli/mail.h"
#include "cli/ticket.h"
#include "cli/queue.h"
#include "cli/escalation.h"
#include "cli/inbox.h"
#include "cli/notify.h"
#include "cli/ticket_new.h"
#include "cli/report.h"
#include "cli/search.h"
#include "cli/sla.h"
#include "util/i18n.h"

const struct cli_command cli_commands[] = {
	{ "db", cli_db, N_("db migrate | db version | db seed-demo [--tickets N] [--seed S] [--timing]"),
	  N_("apply schema migrations, show the schema version, load demo data"), NULL },
	{ "local", cli_local, N_("local start | local status | local stop"),
	  N_("start, inspect or stop the private database used when none is configured"), NULL },
	{ "admin", cli_admin,
	  N_("admin customer|contact|agent add ... | admin customer|contact|agent set REF FIELD=VALUE ... | admin customer|contact|agent deactivate REF | admin customer|agent list [--json] | admin contact list CUSTOMER [--json] | admin audit [--json] | admin team|request-type list|add|set ... | admin policy show|load | admin template list [--json] | admin template show|set ..."),
	  N_("run the desk: add, change and deactivate customers, contacts, agents and teams, add and route request types, list them, read the audit log, edit mail templates"), cli_admin_forms },
	{ "ticket", cli_ticket,
	  N_("ticket new|show|ack|reply|note|take|assign|status|resolve|close|reopen|link|unlink|history ID ... | ticket set ID FIELD=VALUE ... --reason TEXT | ticket reply ID --template KEY | ticket take-next [--team T] | ticket similar --customer C ..."),
	  N_("file a new ticket, show a ticket and work it: reply, note, take, assign, re-triage, link, change its status"), cli_ticket_forms },
	{ "contacts", cli_contacts, N_("contacts list CUSTOMER [--json]"),
	  N_("a customer's contacts: who is its authorised single point of contact"), NULL },
	{ "canned", cli_canned,
	  N_("canned list [--lang L] [--json] | canned set KEY --lang L --title TITLE [--body TEXT] | canned remove KEY [--lang L] | canned show KEY --ticket ID [--lang L]"),
	  N_("canned replies: list them, read one filled in for a ticket; admins and leads add, change or remove them"), cli_canned_forms },
	{ "search", cli_search, N_("search QUERY [--all] [--customer C] [--limit N] [--json]"),
	  N_("find tickets by any word of their text, any ID, customer or contact (\"phrase\", -word, or)"), NULL },
	{ "queue", cli_queue, N_("queue [--limit N] [--after CURSOR] [--status S] [--team T] [--mine] [--following] [--unassigned] [--my-team] [--breached] [--waiting] [--all] [--filter TEXT] [--json]"),
	  N_("list the queue a page at a time (continue with --after the printed next: cursor)"), cli_queue_forms },
	{ "escalate", cli_escalate, N_("escalate ID [--reason TEXT] [--version N]"),
	  N_("raise a ticket to its next escalation level (CSM, COO, CEO) with a reason"), NULL },
	{ "escalation", cli_escalation,
	  N_("escalation ack ID [--version N] | escalation resolve|up ID [--message TEXT] [--version N] | escalation hand ID --to LOGIN [--message TEXT] [--version N]"),
	  N_("acknowledge, resolve (with a note), pass up or hand over an escalation at your level"), NULL },
	{ "escalations", cli_escalations, N_("escalations [--level csm|coo|ceo] [--mine] [--limit N] [--after CURSOR] [--json]"),
	  N_("list open escalations by level, with the chain of each ticket"), NULL },
	{ "notify", cli_notify,
	  N_("notify pending [--limit N] [--json] | notify mark-sent ID... | notify mine [--filter WORDS] [--limit N] [--after ID] [--mark-read] [--json] | notify mark-read ID...|--all|--filter WORDS"),
	  N_("the notifications outbox: undelivered ones (admin), marking them sent, your own unread, newest first a page at a time, marking them read"), cli_notify_forms },
	{ "mail", cli_mail,
	  N_("mail send [--once|--watch] [--sendmail CMD] | mail receive | mail status [--json] | mail policy [--json | KEY VALUE] | mail notifications [on|off] [--json] | mail language [en|es] [--json]"),
	  N_("deliver the outbox to the MTA, store one received message (stdin), show delivery state, the desk's mail settings; your own mail: notifications and their language"), cli_mail_forms },
	{ "inbox", cli_inbox,
	  N_("inbox list [--held] [--filter TEXT] [--limit N] [--after ID] [--json] | inbox show|ask|discard|note ID | inbox accept ID [--json FILE|-] [--set FIELD=VALUE ...] | inbox refuse ID not_spoc|account_rep"),
	  N_("mail from customers waiting for an engineer: make a ticket of it, ask for what is missing, refuse or discard it"), cli_inbox_forms },
	{ "attachment", cli_attachment, N_("attachment get ID [-o FILE] | attachment list TICKET [--json]"),
	  N_("save a file that came by mail, list a ticket's files"), cli_attachment_forms },
	{ "collaborator", cli_collaborator, N_("collaborator add|remove ID [LOGIN] | collaborator list ID [--json]"),
	  N_("add or remove agents following a ticket, list them"), NULL },
	{ "sla", cli_sla, N_("sla due --plan P --severity N --created ISO8601 [--kind K] | sla explain TICKET [--json]"),
	  N_("when an SLA target falls due; every deadline of a ticket and how it was computed"), cli_sla_forms },
	{ "report", cli_report, N_("report sla|backlog|escalations [--from DATE] [--to DATE] [--by week|team|customer|severity|plan|total] [--format text|json|csv] | report oldest [--limit N] [--format text|json|csv]"),
	  N_("SLA attainment per clock, the open backlog by age, escalations by level, the oldest open tickets"), cli_report_forms },
	{ NULL, NULL, NULL, NULL, NULL },
};
