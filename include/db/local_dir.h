/* The private cluster's directory (base_dir): checks, creation with the
 * right owner, and the start lock. */
#ifndef TICKETTY_DB_LOCAL_DIR_H
#define TICKETTY_DB_LOCAL_DIR_H

#include <sys/types.h>

#include "db/local.h"
#include "util/error.h"

/* 78 when base_dir is unknown, holds a character pg_ctl's shell would
 * interpret (" \ $ ` newline) or is too long for a Unix socket path. */
int local_check_path(const struct local_cluster *lc, struct tt_error *err);

/* Creates base_dir (0700). As root: creates the server's system user when
 * missing, hands base_dir to it (only a new or empty directory: else 77)
 * and checks that it can reach base_dir; its ids come back in *uid and
 * *gid, which are (uid_t)-1 / (gid_t)-1 when not root. */
int local_prepare_dir(struct local_cluster *lc, uid_t *uid, gid_t *gid, struct tt_error *err);

/* Takes the exclusive lock base_dir/ticketty.lock (blocking); the caller
 * closes *fd to release it. */
int local_lock(const struct local_cluster *lc, int *fd, struct tt_error *err);

#endif
