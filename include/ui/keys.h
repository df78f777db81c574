/* Key tables: the global defaults (DESIGN §8), key names for help and
 * config ("a", "C-x", "F5", "PgDn", "Enter" ...), and the effective maps
 * built from a view's defaults plus keys.<view>.<action> overrides. */
#ifndef TICKETTY_UI_KEYS_H
#define TICKETTY_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "ui/view.h"
#include "util/strbuf.h"

/* The global key table, ended by {0, 0}. */
extern const struct keybinding keys_global[];
/* The text-editing keys of the prompt and of every form field (config
 * table "edit": keys.edit.edit-home = "C-a"), ended by {0, 0}. */
extern const struct keybinding keys_edit[];
/* Moving in a choice list (ui/widgets/picker.h), config table "picker". */
extern const struct keybinding keys_picker[];
/* The line-editor operation (enum le_op, util/lineedit.h) of an
 * ACT_EDIT_* action, -1 for any other action. */
int keys_edit_op(int action);
/* The action a default table binds to key (names resolved), ACT_NONE. */
int keys_lookup(const struct keybinding *table, int key);

/* Parses a key name; 0 when unknown. */
int keyspec_parse(const char *name);
/* Appends the display name of a key. */
void keyspec_name(int key, struct strbuf *out);

/* An effective key map (owned bindings). */
struct keymap {
	struct keybinding *binds;
	size_t n;
};

/* Builds the map of `view_name` ("global" for the global table) from its
 * defaults and the config overrides: an override replaces every default
 * key of that action in that table, and takes its key from the action
 * that had it by default. Appended to `warnings` (one line each):
 * unknown action names or keys, a default key taken that way, and a
 * view's key that hides a global one in that view. */
void keymap_build(struct keymap *km, const char *view_name, const struct keybinding *defaults,
		  const struct action_info *view_actions, const struct config *cfg,
		  struct strbuf *warnings);
void keymap_done(struct keymap *km);
/* True when `name` is a key table a config may name: global, edit,
 * picker or one of view_names (NULL-ended). */
bool keymap_table_known(const char *name, const char *const *view_names);
/* The action bound to key, or ACT_NONE. */
int keymap_lookup(const struct keymap *km, int key);
/* The first key bound to action, or 0. */
int keymap_key_for(const struct keymap *km, int action);

#endif
