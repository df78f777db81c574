/* The client's monotonic clock (CLOCK_MONOTONIC): for timeouts, backoff
 * and counting the database's clock forward between reads. Never the
 * wall clock: the database's tt_now() is the time of every rule. */
#ifndef TICKETTY_UTIL_MONOTIME_H
#define TICKETTY_UTIL_MONOTIME_H

/* Milliseconds / microseconds since an arbitrary fixed point. */
long long monotime_ms(void);
long long monotime_us(void);

#endif
