/* The text form of `ticketty report`: a title line, a header, one line a
 * row. Every column is as wide as its widest figure or title, so no
 * figure is ever cut; row labels are held to 24 cells on a terminal only.
 * The bars shrink, and then go, until a line fits the terminal (80
 * columns over SSH); piped into a file they keep their full length. */
#ifndef TICKETTY_CLI_REPORT_TEXT_H
#define TICKETTY_CLI_REPORT_TEXT_H

#include "model/report.h"

/* SLA attainment per clock (first response, update cadence, resolution):
 * a bar, the percentage and met/decided; `by` names the rows (week,
 * team, customer, severity, plan, total); from/to are the period's words.
 * With a trend (report_sla_load's, NULL or empty for none) a second table
 * follows: each row's weeks as sparklines, one mark a week and clock,
 * ASCII when the terminal is not UTF-8. */
void report_text_sla(const struct report_table *t, const struct report_table *trend, const char *by,
		     const char *from, const char *to);
/* The open backlog by age band, with a bar of each row's total; from/to
 * (each NULL when not given) bound the day the tickets were created, and
 * the title says so. */
void report_text_backlog(const struct report_table *t, const char *by, const char *from, const char *to);
/* Open escalations per level: how many and the oldest's age; from/to
 * (each NULL when not given) bound the day the level was raised, and the
 * title says so. */
void report_text_escalations(const struct report_table *t, const char *by, const char *from, const char *to);
/* The oldest open tickets, oldest first, as the dashboard lists them: the
 * ticket, severity, age, SLA state, status, customer, team and title, in
 * columns (cli/table.h: on a terminal the customer, team and title
 * narrow to fit, piped nothing is cut). */
void report_text_oldest(const struct report_table *t);

#endif
