/* PLACEHOLDER until the private cluster lands (owned by the infra engineer). */
#include "db/local.h"
#include <string.h>
void local_init(struct local_cluster *lc, const char *configured) { (void)configured; memset(lc, 0, sizeof(*lc)); }
void local_done(struct local_cluster *lc) { (void)lc; }
int local_start(struct local_cluster *lc, bool *created, struct tt_error *err) { (void)lc; (void)created; return tt_error_set(err, 69, "private cluster not built yet"); }
int local_status(struct local_cluster *lc, bool *running, struct strbuf *out, struct tt_error *err) { (void)lc; (void)running; (void)out; return tt_error_set(err, 69, "not built"); }
int local_stop(struct local_cluster *lc, struct tt_error *err) { (void)lc; return tt_error_set(err, 69, "not built"); }
