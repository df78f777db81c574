/* Drafts of forms, so typed text survives a crash, a killed SSH session
 * or a lost database: one file per form under
 * $XDG_STATE_HOME/ticketty/drafts/ (default ~/.local/state/ticketty/drafts),
 * written atomically (temporary file, fsync, rename, fsync of the
 * directory), private to the user (0700 directory, 0600 files).
 * Format: a header line, then per field "field NAME LENGTH\n" followed by
 * exactly LENGTH bytes and "\n", so any bytes survive unchanged. */
#ifndef TICKETTY_UTIL_DRAFT_H
#define TICKETTY_UTIL_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/error.h"

struct draft_field {
	char *name;   /* owned */
	char *value;  /* owned, NUL-terminated, may hold any bytes */
	size_t len;
};

struct draft {
	char *id;     /* owned: names the file; letters, digits, '-' and '_' only */
	char *kind;   /* owned: what form it belongs to, e.g. "intake" */
	time_t saved; /* modification time when loaded */
	struct draft_field *fields; /* owned */
	size_t n;
};

void draft_init(struct draft *d, const char *kind, const char *id);
void draft_done(struct draft *d);
/* Sets (or replaces) a field's value. */
void draft_set(struct draft *d, const char *name, const char *value, size_t len);
/* The field's value or NULL; *len receives its length when not NULL. */
const char *draft_get(const struct draft *d, const char *name, size_t *len);

/* The drafts directory (caller frees); not created here. */
char *draft_dir(void);
/* Writes the draft into dir (created when missing) by rename, so a reader
 * sees the old or the new file, never half of one. With `durable` the data
 * and the rename are fsync()ed (survives a power cut, not only a killed
 * process); a form saving on every keystroke asks for that at most once a
 * second. 0 or an exit code. */
int draft_save(const char *dir, const struct draft *d, bool durable, struct tt_error *err);
/* Reads dir/<id>.draft. 0, 66 when there is no such draft, 65 when damaged. */
int draft_load(const char *dir, const char *id, struct draft *d, struct tt_error *err);
/* True when dir holds a draft named id (its content not read). */
bool draft_exists(const char *dir, const char *id);
/* Ids of the drafts of `kind` in dir, newest first (caller frees each and
 * the array). A missing directory means no drafts. */
int draft_list(const char *dir, const char *kind, char ***ids, size_t *n, struct tt_error *err);
/* Removes a draft; 0 when it did not exist either. */
int draft_delete(const char *dir, const char *id, struct tt_error *err);

#endif
