/* The attachments of a ticket in the ticket view, listed in its pager
 * (name, type, size), or of a received mail in the inbox view: saved to a
 * file (the path asked for, by default the
 * file's name in the current directory, an existing file overwritten only
 * after a yes) or opened with xdg-open (a graphical session) or
 * run-mailcap (a terminal), the terminal handed over meanwhile. And the
 * files an agent chooses (A, a path) to send with the next public
 * message: read when chosen, kept until a message carries them. A file
 * the message could not carry (its name, what it is, the desk's size
 * limits) is refused when chosen, the path typed offered again. */
#ifndef TICKETTY_UI_TICKET_FILES_H
#define TICKETTY_UI_TICKET_FILES_H

#include "util/file_read.h"
#include "model/inbox.h"
#include "ui/view.h"
#include "ui/widgets/pager.h"

struct db;

enum { ACT_FILE_SAVE = ACT_VIEW_BASE + 50, ACT_FILE_OPEN, ACT_FILE_ATTACH };

/* The descriptions of the three actions (the views bind their keys:
 * w, v and, in the ticket view, A). */
extern const struct action_info ticket_files_actions[];

struct ticket_files {
	long long ticket;
	struct attachment_list list;
	size_t chosen;     /* the attachment a prompt is about */
	char *path;        /* the path waiting for an overwrite answer, owned */
	char *typed;       /* a path to attach that was no file, offered again (A), owned */
	struct mail_file out[MAIL_FILES_MAX]; /* to go with the next message */
	size_t nout;
};

void ticket_files_init(struct ticket_files *f, long long ticket);
void ticket_files_done(struct ticket_files *f);
/* Takes the list read with the ticket (model/ticket.h ticket_load):
 * *fresh is left empty. */
void ticket_files_set(struct ticket_files *f, struct attachment_list *fresh);
/* Appends the "Attachments" section (nothing when there are none). */
void ticket_files_build(const struct ticket_files *f, struct pager *p);
/* Handles ACT_FILE_SAVE, ACT_FILE_OPEN and ACT_FILE_ATTACH for view v
 * (prompts, messages); VR flags, VR_UNHANDLED for any other action. */
unsigned ticket_files_action(struct view *v, struct ticket_files *f, int action);
/* The chosen files went out with a message: they are dropped. */
void ticket_files_sent(struct ticket_files *f);
/* "  2 files to send" for the status line (nothing when none). */
void ticket_files_status(const struct ticket_files *f, struct strbuf *out);

#endif
