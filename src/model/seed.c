/* PLACEHOLDER until the seeder lands (owned by the schema engineer). */
#include "model/seed.h"
int seed_demo(struct db *db, const struct seed_options *opt, struct tt_error *err)
{
	(void)db; (void)opt;
	return tt_error_set(err, 70, "demo seeding is not built yet");
}
