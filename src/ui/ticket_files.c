/* Attachments in the ticket view (see ui/ticket_files.h). */
#include "ui/ticket_files.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/mail.h"
#include "ui/screen.h"
#include "util/bytesize.h"
#include "util/fs.h"
#include "util/i18n.h"
#include "util/spawn.h"
#include "util/text.h"
#include "util/xalloc.h"

const struct action_info ticket_files_actions[] = {
	{ ACT_FILE_SAVE, "save-attachment", N_("save an attachment to a file (asks for the path)") },
	{ ACT_FILE_OPEN, "open-attachment", N_("open an attachment with xdg-open or run-mailcap") },
	{ ACT_FILE_ATTACH, "attach-file",
	  N_("a file with your next message (asks for its path): to the customer with an acknowledgement, reply, resolution or question, for the desk with a note") },
	{ 0, NULL, NULL },
};

void ticket_files_init(struct ticket_files *f, long long ticket)
{
	memset(f, 0, sizeof(*f));
	f->ticket = ticket;
}

void ticket_files_done(struct ticket_files *f)
{
	ticket_files_sent(f);
	attachment_list_done(&f->list);
	free(f->path);
	f->path = NULL;
	free(f->typed);
	f->typed = NULL;
}

void ticket_files_set(struct ticket_files *f, struct attachment_list *fresh)
{
	attachment_list_done(&f->list);
	f->list = *fresh;
	fresh->items = NULL;
	fresh->n = 0;
}

void ticket_files_build(const struct ticket_files *f, struct pager *p)
{
	struct strbuf sb;
	if (!f->list.n)
		return;
	pager_add(p, "", STYLE_NORMAL);
	pager_addf(p, STYLE_HEADER, _("Attachments (%zu; w saves, v opens)"), f->list.n);
	sb_init(&sb);
	for (size_t i = 0; i < f->list.n; i++) {
		const struct attachment *a = &f->list.items[i];
		sb_reset(&sb);
		sb_addf(&sb, "  %zu  ", i + 1);
		sb_add(&sb, a->filename);
		sb_addf(&sb, "  %s  ", a->type);
		bytesize_add(&sb, a->size);
		if (attachment_mark(a))
			sb_addf(&sb, "  %s", attachment_mark(a));
		pager_add(p, sb.buf, STYLE_NORMAL);
	}
	sb_done(&sb);
}

/* The attachment's name made safe as a file name in a directory: no
 * leading dot or dash (the server already removed '/', '\' and controls). */
static char *safe_name(const char *name)
{
	char *s = xstrdup(*name ? name : "attachment");
	for (char *c = s; *c; c++)
		if (*c == '/' || *c == '\\' || (unsigned char)*c < 0x20)
			*c = '_';
	if (*s == '.' || *s == '-')
		*s = '_';
	return s;
}

/* Writes the chosen attachment to path; `replace` allows an existing file. */
static unsigned write_to(struct view *v, struct ticket_files *f, const char *path, bool replace)
{
	struct db *db = screen_db(v->screen);
	const struct attachment *a = &f->list.items[f->chosen];
	unsigned char *data;
	size_t len;
	char *name;
	struct tt_error err;

	if (!db) {
		screen_error_msg(v->screen, "%s", _("not connected to the database"));
		return VR_HANDLED | VR_REDRAW;
	}
	tt_error_init(&err);
	if (attachment_get(db, a->id, &data, &len, &name, &err)) {
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED | VR_REDRAW;
	}
	free(name);
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (replace ? O_TRUNC : O_EXCL), 0644);
	int saved = errno;
	size_t done = 0;
	while (fd >= 0 && done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = errno;
			break;
		}
		done += (size_t)n;
	}
	if (fd >= 0 && close(fd) != 0 && done == len) {
		saved = errno;
		done = len + 1;
	}
	free(data);
	if (fd < 0)
		screen_error_msg(v->screen, _("cannot save to %s: %s"), path, strerror(saved));
	else if (done != len)
		screen_error_msg(v->screen, _("cannot save to %s: %s"), path, strerror(saved));
	else
		screen_message(v->screen, ngettext("saved %s (%zu byte)", "saved %s (%zu bytes)", len), path, len);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned overwrite_done(struct view *v, const char *text, void *arg)
{
	struct ticket_files *f = arg;
	unsigned r = VR_HANDLED | VR_REDRAW;
	if (screen_said_yes(text) && f->path)
		r = write_to(v, f, f->path, true);
	else if (f->path)
		screen_message(v->screen, _("not saved: %s was left as it was"), f->path);
	free(f->path);
	f->path = NULL;
	return r;
}

static unsigned path_done(struct view *v, const char *text, void *arg)
{
	struct ticket_files *f = arg;
	if (!text || !*text || f->chosen >= f->list.n)
		return VR_HANDLED | VR_REDRAW;
	if (access(text, F_OK) == 0) {
		free(f->path);
		f->path = xstrdup(text);
		char *q = xasprintf(_("%s exists: overwrite it? [y/N] "), text);
		screen_ask(v->screen, v, q, false, overwrite_done, f);
		free(q);
		return VR_HANDLED | VR_REDRAW;
	}
	return write_to(v, f, text, false);
}

/* The private copies `v` made for a viewer ("DIR/NAME"), removed when
 * ticketty exits rather than at once: xdg-open returns before the viewer
 * it starts has read the file. */
static char **opened;
static size_t nopened;

static void remove_opened(void)
{
	for (size_t i = 0; i < nopened; i++) {
		unlink(opened[i]);
		char *slash = strrchr(opened[i], '/');
		if (slash) {
			*slash = '\0';
			rmdir(opened[i]);
		}
		free(opened[i]);
	}
	free(opened);
	opened = NULL;
	nopened = 0;
}

static void remove_at_exit(const char *path)
{
	static bool registered;
	if (!registered)
		registered = atexit(remove_opened) == 0;
	opened = xrealloc(opened, (nopened + 1) * sizeof(*opened));
	opened[nopened++] = xstrdup(path);
}

/* Writes the chosen attachment into a new private directory and hands it
 * to the opener; both go when ticketty exits. */
static unsigned open_chosen(struct view *v, struct ticket_files *f)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/ticketty-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	const struct attachment *a = &f->list.items[f->chosen];
	unsigned r = VR_HANDLED | VR_REDRAW;

	if (!mkdtemp(dir)) {
		screen_error_msg(v->screen, _("cannot save to %s: %s"), dir, strerror(errno));
		free(dir);
		return r;
	}
	char *name = safe_name(a->filename);
	char *path = xasprintf("%s/%s", dir, name);
	free(name);
	remove_at_exit(path);
	r = write_to(v, f, path, false);
	if (access(path, R_OK) == 0) {
		const char *g = getenv("DISPLAY"), *w = getenv("WAYLAND_DISPLAY");
		bool desktop = (g && *g) || (w && *w);
		char *xdg = spawn_which("xdg-open"), *mc = spawn_which("run-mailcap");
		char *typed = xasprintf("%s:%s", a->type, path);
		const char *argv[4] = { NULL, NULL, NULL, NULL };
		if (xdg && (desktop || !mc)) {
			argv[0] = xdg;
			argv[1] = path;
		} else if (mc) {
			argv[0] = mc;
			argv[1] = "--action=view";
			argv[2] = typed;
		}
		struct tt_error err;
		int status = 0;
		tt_error_init(&err);
		if (!argv[0])
			screen_error_msg(v->screen, "%s", _("neither xdg-open nor run-mailcap is installed"));
		else if (screen_run_program(v->screen, argv, &status, &err))
			screen_error(v->screen, &err);
		else if (status)
			screen_error_msg(v->screen, _("%s failed (exit %d) on %s"), argv[0], status, path);
		else
			screen_message(v->screen, _("opened %s"), path);
		tt_error_clear(&err);
		free(typed);
		free(xdg);
		free(mc);
		r = VR_HANDLED | VR_REDRAW;
	}
	free(path);
	free(dir);
	return r;
}

static unsigned ask_path(struct view *v, struct ticket_files *f)
{
	char *name = safe_name(f->list.items[f->chosen].filename);
	char *initial = xasprintf("./%s", name);
	screen_prompt(v->screen, v, _("Save to: "), initial, path_done, f);
	free(initial);
	free(name);
	return VR_HANDLED | VR_REDRAW;
}

static unsigned which_done(struct view *v, const char *text, void *arg)
{
	struct ticket_files *f = arg;
	char *end;
	long n = text ? strtol(text, &end, 10) : 0;
	bool save = f->path && !strcmp(f->path, "save");
	free(f->path);
	f->path = NULL;
	if (!text || !*text)
		return VR_HANDLED | VR_REDRAW;
	if (*end || n < 1 || (size_t)n > f->list.n) {
		screen_error_msg(v->screen, _("no attachment %s: give a number from 1 to %zu"), text, f->list.n);
		return VR_HANDLED | VR_REDRAW;
	}
	f->chosen = (size_t)n - 1;
	return save ? ask_path(v, f) : open_chosen(v, f);
}

/* ------------------------------------------------------- files to send -- */

void ticket_files_sent(struct ticket_files *f)
{
	for (size_t i = 0; i < f->nout; i++)
		mail_file_done(&f->out[i]);
	f->nout = 0;
}

void ticket_files_status(const struct ticket_files *f, struct strbuf *out)
{
	if (f->nout)
		sb_addf(out, ngettext("  %zu file to send", "  %zu files to send", (unsigned long)f->nout), f->nout);
}

/* The path typed: a file to send ("~/" is the home directory), or
 * nothing to drop the files chosen so far. */
static unsigned attach_done(struct view *v, const char *text, void *arg)
{
	struct ticket_files *f = arg;
	struct tt_error err;
	struct mail_file file;
	if (!text)
		return VR_HANDLED | VR_REDRAW;
	/* what was typed is offered again only while it failed (below) */
	char *typed = xstrdup(text);
	free(f->typed);
	f->typed = NULL;
	if (!*text) {
		free(typed);
		if (f->nout)
			screen_message(v->screen, "%s", _("no file waits for your next message"));
		ticket_files_sent(f);
		return VR_HANDLED | VR_REDRAW;
	}
	if (f->nout == MAIL_FILES_MAX) {
		f->typed = typed;
		screen_error_msg(v->screen, _("at most %d files go with one message"), MAIL_FILES_MAX);
		return VR_HANDLED | VR_REDRAW;
	}
	/* the desk's limits (api_message_attach), said now rather than
	 * when the message written with the file is sent; without them
	 * (no connection) the database says them then */
	size_t max = MAIL_FILE_READ_MAX, together = SIZE_MAX, file_max, files_max, chosen = 0;
	struct db *db = screen_db(v->screen);
	tt_error_init(&err);
	if (db && !mail_file_limits(db, &file_max, &files_max, &err)) {
		max = file_max < max ? file_max : max;
		together = files_max;
	}
	tt_error_clear(&err);
	for (size_t i = 0; i < f->nout; i++)
		chosen += f->out[i].len;
	char *path = fs_expand_home(text, getenv("HOME"));
	tt_error_init(&err);
	int rc = mail_file_read(path, max, &file, &err);
	if (!rc && (rc = mail_file_fits(&file, chosen, max, together, &err)))
		mail_file_done(&file);
	free(path);
	if (rc) {
		/* the error stays on the status line; the next A starts
		 * from the path typed, to correct it: nothing typed is lost */
		f->typed = typed;
		screen_error(v->screen, &err);
		tt_error_clear(&err);
		return VR_HANDLED | VR_REDRAW;
	}
	free(typed);
	f->out[f->nout++] = file;
	struct strbuf size;
	sb_init(&size);
	bytesize_add(&size, file.len);
	screen_message(v->screen, _("%s (%s) goes with your next message"), file.filename,
		       size.buf);
	sb_done(&size);
	return VR_HANDLED | VR_REDRAW;
}

/* Tab in the path prompt: as a shell completes it. */
static char *complete_path(const char *text, char **matches)
{
	return fs_complete_path(text, getenv("HOME"), matches);
}

unsigned ticket_files_action(struct view *v, struct ticket_files *f, int action)
{
	if (action == ACT_FILE_ATTACH) {
		screen_prompt(v->screen, v, _("File for your next message, public or a note (empty: none): "),
			      f->typed, attach_done, f);
		screen_prompt_completes(v->screen, complete_path);
		return VR_HANDLED | VR_REDRAW;
	}
	if (action != ACT_FILE_SAVE && action != ACT_FILE_OPEN)
		return VR_UNHANDLED;
	if (!f->list.n) {
		screen_error_msg(v->screen, "%s", _("this ticket has no attachments"));
		return VR_HANDLED;
	}
	if (f->list.n > 1) {
		free(f->path);
		f->path = xstrdup(action == ACT_FILE_SAVE ? "save" : "open");
		char *q = xasprintf(action == ACT_FILE_SAVE ? _("Save which attachment (1-%zu)? ")
							    : _("Open which attachment (1-%zu)? "),
				    f->list.n);
		screen_prompt(v->screen, v, q, NULL, which_done, f);
		free(q);
		return VR_HANDLED | VR_REDRAW;
	}
	f->chosen = 0;
	return action == ACT_FILE_SAVE ? ask_path(v, f) : open_chosen(v, f);
}
