/* SLA durations in words and compactly (see util/duration.h). */
#include "util/duration.h"

#include <string.h>

#include "util/i18n.h"

enum duration_clock duration_clock_of(const char *key)
{
	if (key && !strcmp(key, "business"))
		return DURATION_BUSINESS;
	if (key && !strcmp(key, "wall"))
		return DURATION_WALL;
	return DURATION_PLAIN;
}

/* The magnitude, safe for the most negative value. */
static unsigned long long magnitude(long long secs)
{
	return secs < 0 ? 0ULL - (unsigned long long)secs : (unsigned long long)secs;
}

/* The length of a day on this clock; 0 when days are not counted. */
static unsigned long long day_length(enum duration_clock clock, long day_secs)
{
	if (clock == DURATION_BUSINESS)
		return day_secs > 0 ? (unsigned long long)day_secs : 0;
	return 86400;
}

/* A whole number of one unit, the clock in the words ("5 business days",
 * "1 hour round the clock", "3 days"). unit: 'd', 'h', 'm', 's'. */
static void whole(struct strbuf *out, unsigned long long n, char unit, enum duration_clock clock)
{
	unsigned long k = n > 1000000UL ? 1000000UL : (unsigned long)n;  /* plural form only */
	const char *f;

	switch (clock) {
	case DURATION_BUSINESS:
		f = unit == 'd' ? ngettext("%llu business day", "%llu business days", k)
		  : unit == 'h' ? ngettext("%llu business hour", "%llu business hours", k)
		  : unit == 'm' ? ngettext("%llu business minute", "%llu business minutes", k)
		  : ngettext("%llu business second", "%llu business seconds", k);
		break;
	case DURATION_WALL:
		f = unit == 'd' ? ngettext("%llu day round the clock", "%llu days round the clock", k)
		  : unit == 'h' ? ngettext("%llu hour round the clock", "%llu hours round the clock", k)
		  : unit == 'm' ? ngettext("%llu minute round the clock", "%llu minutes round the clock", k)
		  : ngettext("%llu second round the clock", "%llu seconds round the clock", k);
		break;
	default:
		f = unit == 'd' ? ngettext("%llu day", "%llu days", k)
		  : unit == 'h' ? ngettext("%llu hour", "%llu hours", k)
		  : unit == 'm' ? ngettext("%llu minute", "%llu minutes", k)
		  : ngettext("%llu second", "%llu seconds", k);
		break;
	}
	sb_addf(out, f, n);
}

void duration_words(struct strbuf *out, long long secs, enum duration_clock clock, long day_secs)
{
	unsigned long long a = magnitude(secs), day = day_length(clock, day_secs);
	struct strbuf num;

	if (secs < 0)
		sb_addc(out, '-');
	if (day && a >= day && a % day < 3600) {
		whole(out, a / day, 'd', clock);
		return;
	}
	if (!(day && a >= day) && a >= 3600 && a % 3600 < 60) {
		whole(out, a / 3600, 'h', clock);
		return;
	}
	if (a < 3600) {
		whole(out, a >= 60 ? a / 60 : a, a >= 60 ? 'm' : 's', clock);
		return;
	}
	/* two units: the number, then the clock around it */
	sb_init(&num);
	if (day && a >= day)
		/* TRANSLATORS: days and hours, "2 d 3 h" (business days for business time). */
		sb_addf(&num, _("%llu d %llu h"), a / day, a % day / 3600);
	else
		/* TRANSLATORS: hours and minutes, "2 h 05 min". */
		sb_addf(&num, _("%llu h %02llu min"), a / 3600, a % 3600 / 60);
	if (clock == DURATION_BUSINESS)
		/* TRANSLATORS: a span of business time, "2 d 3 h business". */
		sb_addf(out, _("%s business"), num.buf);
	else if (clock == DURATION_WALL)
		/* TRANSLATORS: a span counted round the clock (every hour of every
		 * day, severity 1), "7 h 59 min round the clock". */
		sb_addf(out, _("%s round the clock"), num.buf);
	else
		sb_add(out, num.buf);
	sb_done(&num);
}

void duration_compact(struct strbuf *out, long long secs, enum duration_clock clock, long day_secs)
{
	unsigned long long a = magnitude(secs), day = day_length(clock, day_secs);
	unsigned long long h = a / 3600, m = a % 3600 / 60;

	if (secs < 0)
		sb_addc(out, '-');
	if (a < 60) {
		/* TRANSLATORS: seconds, e.g. "45s" */
		sb_addf(out, _("%llus"), a);
	} else if (a < 3600) {
		/* TRANSLATORS: minutes, e.g. "35m" */
		sb_addf(out, _("%llum"), a / 60);
	} else if (!day || a < day) {
		if (m)
			/* TRANSLATORS: hours and minutes, e.g. "2h10m" */
			sb_addf(out, _("%lluh%llum"), h, m);
		else
			/* TRANSLATORS: hours, e.g. "3h" */
			sb_addf(out, _("%lluh"), h);
	} else {
		h = a % day / 3600;
		if (h)
			/* TRANSLATORS: days and hours, e.g. "1d2h" */
			sb_addf(out, _("%llud%lluh"), a / day, h);
		else
			/* TRANSLATORS: days, e.g. "3d" */
			sb_addf(out, _("%llud"), a / day);
	}
}

void duration_coarse(struct strbuf *out, long long secs, enum duration_clock clock, long day_secs)
{
	unsigned long long a = magnitude(secs), day = day_length(clock, day_secs);

	if (day && a >= day) {
		if (secs < 0)
			sb_addc(out, '-');
		sb_addf(out, _("%llud"), a / day);
	} else if (a >= 3600) {
		if (secs < 0)
			sb_addc(out, '-');
		sb_addf(out, _("%lluh"), a / 3600);
	} else {
		duration_compact(out, secs, clock, day_secs);
	}
}
