/* For the search tests: what a search finds, as a line of ticket ids. */
#ifndef TICKETTY_TESTS_SEARCH_IDS_H
#define TICKETTY_TESTS_SEARCH_IDS_H

#include <stdbool.h>

/* The ids `query` finds (search_run, at most 50, in its order) as `login`
 * (NULL = superuser), space-separated ("" for none); caller frees. Fails
 * the test when the search is refused. */
char *search_ids_as(const char *login, const char *query, bool all, const char *customer);

#endif
