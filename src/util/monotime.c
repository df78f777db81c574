/* The monotonic clock (see util/monotime.h). */
#include "util/monotime.h"

#include <time.h>

long long monotime_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

long long monotime_ms(void)
{
	return monotime_us() / 1000;
}
