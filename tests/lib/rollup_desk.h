/* The small desk the rollup tests share (test_dashboard,
 * test_rollup_locks, test_update_past_due): two customers, one on each
 * plan, each with its single point of contact, the clock frozen at
 * 2027-03-12 12:00 in New York; and its tickets, inserted as rows. */
#ifndef TICKETTY_TESTS_ROLLUP_DESK_H
#define TICKETTY_TESTS_ROLLUP_DESK_H

/* A new test database holding that desk. */
void rollup_desk(void);
/* A new ticket of the customer on `plan` ("basic", "premium"), severity
 * sev, in team `team`, created (and last updated) at New York time
 * `created` ("2027-03-08 10:00"); returns its id. */
long long rollup_desk_ticket(const char *plan, int sev, int team, const char *created);

#endif
