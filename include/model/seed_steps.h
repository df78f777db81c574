/* The SQL statements of the demo seeder (model/seed.c runs them in order,
 * in one transaction). Split by concern: people and accounts
 * (seed_people.c), tickets and their history (seed_tickets.c). */
#ifndef TICKETTY_MODEL_SEED_STEPS_H
#define TICKETTY_MODEL_SEED_STEPS_H

/* Which values a statement takes as $1, $2: */
enum seed_params {
	SEED_P_NONE,          /* no parameters */
	SEED_P_SEED,          /* $1 = seed */
	SEED_P_SEED_TICKETS,  /* $1 = seed, $2 = number of tickets */
	SEED_P_ME,            /* $1 = the local login (skipped when there is none) */
};

struct seed_step {
	const char *what;     /* for error messages, N_("creating the agents") */
	enum seed_params params;
	const char *sql;
};

/* Arrays ended by an entry whose sql is NULL. */
extern const struct seed_step seed_people_steps[];
extern const struct seed_step seed_ticket_steps[];

/* After the commit: builds the search indexes the load left to build
 * (search_rebuild(true), sql/810), those of ticket_search in db's session
 * and those of ticket_search_shared in a second session opened like it,
 * both at once; all in db's session when no second one opens. Implemented
 * in src/model/seed_index.c. 0, or the database's code with err set. */
struct db;
struct tt_error;
int seed_search_indexes(struct db *db, struct tt_error *err);

#endif
