/* Small file-system helpers: create and remove directory trees, write a
 * file atomically with a given owner, read a line back, complete a path,
 * open the file a command reads. */
#ifndef TICKETTY_UTIL_FS_H
#define TICKETTY_UTIL_FS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "util/error.h"

/* mkdir -p: creates the missing directories of path with `mode`.
 * 0, or 73 (EX_CANTCREAT) with err naming the directory and the reason. */
int fs_mkdir_p(const char *path, mode_t mode, struct tt_error *err);
/* rm -rf without following symbolic links; 0 when path did not exist. */
int fs_remove_tree(const char *path, struct tt_error *err);
bool fs_is_dir(const char *path);
bool fs_exists(const char *path);
/* True when the directory has no entries besides . and .. */
bool fs_dir_empty(const char *path);
/* Writes content to path through a temporary file and rename, with mode
 * and, unless uid is (uid_t)-1, that owner. */
int fs_write_file(const char *path, const char *content, mode_t mode, uid_t uid, gid_t gid,
		  struct tt_error *err);
/* Appends text to an existing file. */
int fs_append(const char *path, const char *text, struct tt_error *err);
/* Opens the file a command reads, "-" being standard input: NULL with err
 * set (66, EX_NOINPUT) naming the path and why it cannot be opened, or
 * "not a regular file" for a directory (which opens, then fails to read);
 * a pipe or a device, such as <(...) or /dev/stdin, is read as it comes.
 * fs_close_input closes it (standard input stays open). */
FILE *fs_open_input(const char *path, struct tt_error *err);
void fs_close_input(FILE *f);
/* Line n (1-based) of a file without its newline (caller frees), or NULL. */
char *fs_read_line(const char *path, int n);
/* The last non-blank line of a file (caller frees), or NULL. */
char *fs_last_line(const char *path);
/* `path` with a leading "~/" made `home`/... (unchanged when home is
 * NULL); caller frees. */
char *fs_expand_home(const char *path, const char *home);
/* Completes a typed path as a shell's Tab does (glob(3): hidden files
 * only when the typed name starts with a dot): to the one matching name,
 * a directory with its "/", or to what all matching names share. A
 * leading "~/" stays. NULL when nothing matches or nothing can be added;
 * caller frees. When `matches` is not NULL and nothing can be added but
 * several names match, *matches gets them as a shell's second Tab lists
 * them: the names alone (a directory with its "/"), two spaces apart, in
 * glob's order (caller frees); else NULL. */
char *fs_complete_path(const char *typed, const char *home, char **matches);

#endif
