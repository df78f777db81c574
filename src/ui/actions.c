/* The one action vocabulary: every shared action with its config name
 * and help text (shown by `?`), and typed view-to-view requests. */
#include "ui/view.h"

#include <stdlib.h>

#include "util/i18n.h"
#include "util/xalloc.h"

static const struct action_info actions[] = {
	{ ACT_UP, "up", N_("move up one line") },
	{ ACT_DOWN, "down", N_("move down one line") },
	{ ACT_PAGE_DOWN, "page-down", N_("next page") },
	{ ACT_PAGE_UP, "page-up", N_("previous page") },
	{ ACT_FIRST, "first", N_("go to the first line") },
	{ ACT_LAST, "last", N_("go to the last line") },
	{ ACT_OPEN, "open", N_("open the selected item") },
	/* q on the first view quits (global_action in screen.c), Esc does not */
	{ ACT_BACK, "back", N_("back to the previous view; on the first view, quit (not Esc)") },
	{ ACT_QUIT, "quit", N_("quit ticketty") },
	{ ACT_SEARCH, "search", N_("filter (lists) or search (text)") },
	{ ACT_SEARCH_NEXT, "search-next", N_("next match") },
	{ ACT_SEARCH_PREV, "search-prev", N_("previous match") },
	{ ACT_HELP, "help", N_("show the keys of this view") },
	{ ACT_COMMAND, "command", N_("command line (:123 opens ticket 123, :q quits)") },
	{ ACT_RELOAD, "reload", N_("reload from the database") },
	{ ACT_REDRAW, "redraw", N_("redraw the screen") },
	{ ACT_VIEW_QUEUE, "view-queue", N_("go to the queue") },
	{ ACT_VIEW_ESCALATIONS, "view-escalations", N_("go to the escalations") },
	{ ACT_VIEW_INBOX, "view-inbox", N_("go to the mail inbox") },
	{ ACT_VIEW_DASHBOARD, "view-dashboard", N_("go to the dashboard") },
	{ ACT_VIEW_NOTIFICATIONS, "view-notifications", N_("go to your notifications") },
	{ ACT_CANNED, "canned-reply", N_("public reply from a canned reply") },
	{ ACT_NEW_TICKET, "new-ticket", N_("open a new ticket (intake form)") },
	{ ACT_ACKNOWLEDGE, "acknowledge", N_("acknowledge: send the first response") },
	{ ACT_REPLY, "reply", N_("public reply to the customer") },
	{ ACT_NOTE, "note", N_("internal note (not seen by the customer)") },
	{ ACT_TAKE, "take", N_("take the ticket (assign it to yourself)") },
	{ ACT_STATUS, "status", N_("change the status") },
	{ ACT_ESCALATE, "escalate", N_("escalate one level") },
	{ ACT_RESOLVE, "resolve", N_("resolve the ticket") },
	{ ACT_CLOSE, "close", N_("close the ticket for good (asks first)") },
	{ ACT_REOPEN, "reopen", N_("reopen a resolved ticket") },
	{ ACT_ASSIGN, "assign", N_("assign the ticket to an agent") },
	{ ACT_TAKE_NEXT, "take-next", N_("take the most urgent unassigned ticket of your team") },
	{ ACT_FILTER_MINE, "filter-mine", N_("toggle filter: assigned to me") },
	{ ACT_FILTER_UNASSIGNED, "filter-unassigned", N_("toggle filter: unassigned") },
	{ ACT_FILTER_TEAM, "filter-team", N_("toggle filter: my team") },
	{ ACT_FILTER_BREACHED, "filter-breached", N_("toggle filter: a deadline has passed") },
	{ ACT_FILTER_WAITING, "filter-waiting", N_("toggle filter: waiting on customer or engineering") },
	{ ACT_FILTER_FOLLOWING, "filter-following", N_("toggle filter: tickets you follow") },
	{ ACT_FILTER_ALL, "filter-all", N_("toggle: include resolved and closed tickets") },
	{ ACT_FILTER_CLEAR, "filter-clear", N_("clear every filter") },
	{ ACT_EDIT_LEFT, "edit-left", N_("text: one character left") },
	{ ACT_EDIT_RIGHT, "edit-right", N_("text: one character right") },
	{ ACT_EDIT_HOME, "edit-home", N_("text: start of the line") },
	{ ACT_EDIT_END, "edit-end", N_("text: end of the line") },
	{ ACT_EDIT_BACKSPACE, "edit-backspace", N_("text: delete the character before the cursor") },
	{ ACT_EDIT_DELETE, "edit-delete", N_("text: delete the character under the cursor") },
	{ ACT_EDIT_KILL_START, "edit-kill-start", N_("text: cut from the line start to the cursor") },
	{ ACT_EDIT_KILL_END, "edit-kill-end", N_("text: cut from the cursor to the line end") },
	{ ACT_EDIT_KILL_WORD, "edit-kill-word", N_("text: cut the word before the cursor") },
	{ ACT_EDIT_YANK, "edit-yank", N_("text: paste what was cut last") },
	{ ACT_EDIT_COMPLETE, "edit-complete", N_("text: complete a file's path, as a shell does") },
	{ ACT_ACCEPT, "accept", N_("prompt: accept the text") },
	{ ACT_CANCEL, "cancel", N_("prompt: cancel") },
	{ ACT_VIEW_SEARCH, "view-search", N_("search every ticket: words, \"phrases\", -excluded, IDs") },
	{ ACT_HISTORY, "history", N_("the customer's other tickets (open, then closed)") },
	{ ACT_LINK, "link", N_("link to another ticket: related, duplicate of, or unlink") },
	{ ACT_RETRIAGE, "retriage", N_("re-triage: change severity, request type, case reason or any intake field, with a reason") },
	{ ACT_QUOTED, "quoted", N_("show or fold the earlier mail that customers quote below their words") },
	{ ACT_COLLAB_ADD, "collaborator-add", N_("add a collaborator: an agent who follows the ticket") },
	{ ACT_COLLAB_REMOVE, "collaborator-remove", N_("remove a collaborator (yourself: stop following)") },
};

const struct action_info *action_global_info(int action)
{
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (actions[i].action == action)
			return &actions[i];
	return NULL;
}

unsigned view_request_open(struct view *v, const char *name, const char *arg)
{
	return view_request_action(v, name, arg, ACT_NONE);
}

unsigned view_request_action(struct view *v, const char *name, const char *arg, int action)
{
	free(v->want_arg);
	v->want_view = name;
	v->want_arg = arg ? xstrdup(arg) : NULL;
	v->want_action = action;
	return VR_OPEN | VR_HANDLED;
}
