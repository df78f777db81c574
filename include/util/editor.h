/* Running the user's $VISUAL/$EDITOR on a text: write it to a private
 * temporary file, run the editor, read the result back. Used by the CLI
 * and (with curses suspended) by the TUI. */
#ifndef TICKETTY_UTIL_EDITOR_H
#define TICKETTY_UTIL_EDITOR_H

#include "util/error.h"

/* Returns the edited text (caller frees) or NULL with err set. `initial`
 * may be NULL. The temporary file is removed afterwards, except when the
 * editor failed after changing it (the message names the file): an editor
 * that cannot be started, or that failed with the text unchanged, leaves
 * no file behind. */
char *editor_edit(const char *initial, struct tt_error *err);

#endif
