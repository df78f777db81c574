/* Formats SLA durations compactly (see util/duration.h). */
#include "util/duration.h"

#include "util/i18n.h"

void duration_format_bare(struct strbuf *out, long long secs, bool business)
{
	struct strbuf num;
	unsigned long long a = secs < 0 ? 0ULL - (unsigned long long)secs : (unsigned long long)secs;
	unsigned long long d = a / 86400, h = a / 3600, m = a % 3600 / 60;

	sb_init(&num);
	if (secs < 0)
		sb_addc(&num, '-');
	if (a < 60) {
		/* TRANSLATORS: seconds, e.g. "45s" */
		sb_addf(&num, _("%llus"), a);
	} else if (a < 3600) {
		/* TRANSLATORS: minutes, e.g. "35m" */
		sb_addf(&num, _("%llum"), a / 60);
	} else if (business || a < 86400) {
		if (m)
			/* TRANSLATORS: hours and minutes, e.g. "2h10m" */
			sb_addf(&num, _("%lluh%llum"), h, m);
		else
			/* TRANSLATORS: hours, e.g. "3h" */
			sb_addf(&num, _("%lluh"), h);
	} else {
		h = a % 86400 / 3600;
		if (h)
			/* TRANSLATORS: days and hours, e.g. "1d2h" */
			sb_addf(&num, _("%llud%lluh"), d, h);
		else
			/* TRANSLATORS: days, e.g. "3d" */
			sb_addf(&num, _("%llud"), d);
	}
	sb_add(out, num.buf);
	sb_done(&num);
}

void duration_format(struct strbuf *out, long long secs, bool business)
{
	struct strbuf num;

	sb_init(&num);
	duration_format_bare(&num, secs, business);
	if (business)
		/* TRANSLATORS: a duration counted in business hours, e.g. "2h10m business" */
		sb_addf(out, _("%s business"), num.buf);
	else
		sb_add(out, num.buf);
	sb_done(&num);
}
