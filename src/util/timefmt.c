/* Locale-aware formatting of instants (strftime with formats the
 * translation may reorder and the locale's own clock convention), parsing
 * of PostgreSQL timestamps (durations: util/duration.c). */
#include "util/timefmt.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/text.h"

bool timefmt_24h(void)
{
	/* The locale's own time format says which clock it uses: en_US has
	 * "%r" (12-hour), es_ES "%T", C "%H:%M:%S". */
	const char *t = nl_langinfo(T_FMT);
	if (!t)
		return true;
	return !(strstr(t, "%r") || strstr(t, "%I") || strstr(t, "%l") || strstr(t, "%p"));
}

static const char *time_format(void)
{
	return timefmt_24h() ? "%H:%M" : "%-I:%M %p";
}

static const char *date_format(bool with_year, bool with_weekday)
{
	/* These are strftime formats the translation may reorder: %a weekday,
	 * %b month (abbreviated), %-d day without padding, %Y year. */
	if (with_weekday && with_year)
		/* TRANSLATORS: strftime date with weekday and year, "Mon Nov 23 2026";
		 * Spanish "%a %-d %b %Y". xgettext:no-c-format */
		return _("%a %b %-d %Y");
	if (with_weekday)
		/* TRANSLATORS: strftime date with weekday, "Mon Nov 23".
		 * xgettext:no-c-format */
		return _("%a %b %-d");
	if (with_year)
		/* TRANSLATORS: strftime date with year, "Nov 23 2026".
		 * xgettext:no-c-format */
		return _("%b %-d %Y");
	/* TRANSLATORS: strftime short date, "Nov 23".
	 * xgettext:no-c-format */
	return _("%b %-d");
}

static void add_strftime(struct strbuf *out, const char *fmt, const struct tm *tm)
{
	char buf[128];
	size_t n = strftime(buf, sizeof(buf), fmt, tm);
	sb_addn(out, buf, n);
}

static long days_since_epoch(const struct tm *tm)
{
	/* Calendar-day number of a broken-down local date. */
	struct tm d = { 0 };
	d.tm_year = tm->tm_year;
	d.tm_mon = tm->tm_mon;
	d.tm_mday = tm->tm_mday;
	return (long)(timegm(&d) / 86400);
}

static void datetime(struct strbuf *out, const struct tm *tm, const char *date, const char *time)
{
	add_strftime(out, date, tm);
	sb_addc(out, ' ');
	add_strftime(out, time, tm);
}

void timefmt_append_day_time(struct strbuf *out, int month, int day, int hour, int minute)
{
	struct tm tm = { .tm_mon = month, .tm_mday = day, .tm_hour = hour, .tm_min = minute };
	datetime(out, &tm, date_format(false, false), time_format());
}

void timefmt_datetime_init(struct timefmt_datetime *f)
{
	f->date = date_format(true, true);
	f->time = time_format();
}

void timefmt_append_datetime(struct strbuf *out, time_t t, const struct timefmt_datetime *f)
{
	struct tm tm;
	if (localtime_r(&t, &tm))
		datetime(out, &tm, f->date, f->time);
}

void timefmt_append_at(struct strbuf *out, time_t t, time_t now, enum timefmt_style style)
{
	struct tm tm, now_tm;

	if (style == TIMEFMT_ISO || style == TIMEFMT_ISO_ZONE) {
		if (!localtime_r(&t, &tm))
			return;
		add_strftime(out, style == TIMEFMT_ISO ? "%Y-%m-%d %H:%M" : "%Y-%m-%d %H:%M %Z", &tm);
		return;
	}
	if (!localtime_r(&t, &tm))
		return;
	switch (style) {
	case TIMEFMT_DATETIME:
	case TIMEFMT_FULL:
		datetime(out, &tm, date_format(true, true), time_format());
		if (style == TIMEFMT_FULL)
			add_strftime(out, " %Z", &tm);
		break;
	case TIMEFMT_NEAR: {
		bool year = !localtime_r(&now, &now_tm) || now_tm.tm_year != tm.tm_year;
		add_strftime(out, date_format(year, true), &tm);
		sb_addc(out, ' ');
		add_strftime(out, time_format(), &tm);
		add_strftime(out, " %Z", &tm);
		break;
	}
	case TIMEFMT_DATE:
		add_strftime(out, date_format(true, true), &tm);
		break;
	case TIMEFMT_TIME:
		add_strftime(out, time_format(), &tm);
		break;
	case TIMEFMT_COMPACT:
	default: {
		if (!localtime_r(&now, &now_tm)) {
			add_strftime(out, date_format(true, false), &tm);
			break;
		}
		long days = days_since_epoch(&tm) - days_since_epoch(&now_tm);
		if (days == 0) {
			add_strftime(out, time_format(), &tm);
		} else if (days >= -6 && days <= 6) {
			add_strftime(out, "%a ", &tm);
			add_strftime(out, time_format(), &tm);
		} else {
			add_strftime(out, date_format(tm.tm_year != now_tm.tm_year, false), &tm);
		}
		break;
	}
	}
}

void timefmt_append(struct strbuf *out, time_t t, enum timefmt_style style)
{
	timefmt_append_at(out, t, time(NULL), style);
}

char *timefmt(time_t t, enum timefmt_style style)
{
	struct strbuf sb;
	sb_init(&sb);
	timefmt_append(&sb, t, style);
	return sb_detach(&sb);
}

static int digits(const char **p, int n, int *value)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*value = v;
	return 0;
}

int timefmt_parse(const char *text, time_t *out)
{
	const char *p = text;
	int y, mo, d, h = 0, mi = 0, s = 0;
	long offset = 0;

	if (!p || digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d))
		return -1;
	if (*p == ' ' || *p == 'T') {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &s))
				return -1;
			if (*p == '.') {
				p++;
				if (*p < '0' || *p > '9')
					return -1;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1, oh, om = 0, os = 0;
		if (digits(&p, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (*p >= '0' && *p <= '9' && digits(&p, 2, &om))
			return -1;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &os))
				return -1;
		}
		offset = sign * (oh * 3600L + om * 60L + os);
	}
	if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60)
		return -1;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	*out = timegm(&tm) - offset;
	return 0;
}

void timefmt_append_cell(struct strbuf *out, const char *db_time, int cells)
{
	time_t t;
	if (timefmt_parse(db_time, &t) != 0) {
		sb_add(out, db_time);
		return;
	}
	size_t start = out->len;
	timefmt_append(out, t, TIMEFMT_ISO_ZONE);
	if (text_width(out->buf + start) > cells) {
		sb_truncate(out, start);
		timefmt_append(out, t, TIMEFMT_ISO);
	}
}
