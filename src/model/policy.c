/* Reading the SLA policy and replacing it from a libconfig file (see
 * model/policy.h). The file is only parsed here; every rule (known time
 * zone, close after open, no duplicate holiday, no missing target, ...) is
 * checked by api_policy_load in the database. */
#include "model/policy.h"

#include <libconfig.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/conn.h"
#include "util/conf_error.h"
#include "util/fs.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

static char *col(const PGresult *res, int row, int c)
{
	return PQgetisnull(res, row, c) ? NULL : xstrdup(PQgetvalue(res, row, c));
}

static int read_dates(struct db *db, struct policy_holiday **out, size_t *n, const char *sql,
		      struct tt_error *err)
{
	PGresult *res = db_query(db, sql, 0, NULL, err);
	if (!res)
		return err->code;
	*n = (size_t)PQntuples(res);
	*out = xcalloc(*n + 1, sizeof(**out));
	for (int i = 0; i < PQntuples(res); i++) {
		(*out)[i].date = col(res, i, 0);
		(*out)[i].name = col(res, i, 1);
		(*out)[i].working = PQgetvalue(res, i, 2)[0] == 't';
	}
	PQclear(res);
	return 0;
}

static void dates_free(struct policy_holiday *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(h[i].date);
		free(h[i].name);
	}
	free(h);
}

int policy_read(struct db *db, struct policy *pol, struct tt_error *err)
{
	PGresult *res;
	int rc;

	memset(pol, 0, sizeof(*pol));
	res = db_query(db,
		"SELECT c.name, c.time_zone,"
		"       coalesce((SELECT l.secs FROM calendar_day_length l WHERE l.calendar_id = c.id), 0)"
		"  FROM calendars c WHERE c.is_default", 0, NULL, err);
	if (!res)
		return err->code;
	if (PQntuples(res) == 1) {
		pol->calendar = col(res, 0, 0);
		pol->time_zone = col(res, 0, 1);
		pol->day_secs = atol(PQgetvalue(res, 0, 2));
	}
	PQclear(res);

	res = db_query(db,
		"SELECT (ARRAY['mon','tue','wed','thu','fri','sat','sun'])[h.isodow], "
		"       to_char(h.opens, 'HH24:MI'), to_char(h.closes, 'HH24:MI') "
		"  FROM calendar_hours h WHERE h.calendar_id = default_calendar_id() ORDER BY h.isodow",
		0, NULL, err);
	if (!res)
		return err->code;
	pol->nhours = (size_t)PQntuples(res);
	pol->hours = xcalloc(pol->nhours + 1, sizeof(*pol->hours));
	for (int i = 0; i < PQntuples(res); i++) {
		pol->hours[i].day = col(res, i, 0);
		pol->hours[i].open = col(res, i, 1);
		pol->hours[i].close = col(res, i, 2);
	}
	PQclear(res);

	res = db_query(db,
		"SELECT r.name, r.month, coalesce(r.day, 0), coalesce(r.isodow, 0), coalesce(r.nth, 0), "
		"       r.observed "
		"  FROM holiday_rules r WHERE r.calendar_id = default_calendar_id() "
		" ORDER BY r.month, r.day, r.nth, r.isodow", 0, NULL, err);
	if (!res)
		return err->code;
	pol->nrules = (size_t)PQntuples(res);
	pol->rules = xcalloc(pol->nrules + 1, sizeof(*pol->rules));
	for (int i = 0; i < PQntuples(res); i++) {
		pol->rules[i].name = col(res, i, 0);
		pol->rules[i].month = atoi(PQgetvalue(res, i, 1));
		pol->rules[i].day = atoi(PQgetvalue(res, i, 2));
		pol->rules[i].isodow = atoi(PQgetvalue(res, i, 3));
		pol->rules[i].nth = atoi(PQgetvalue(res, i, 4));
		pol->rules[i].observed = PQgetvalue(res, i, 5)[0] == 't';
	}
	PQclear(res);

	if ((rc = read_dates(db, &pol->holidays, &pol->nholidays,
			     "SELECT to_char(x.day, 'YYYY-MM-DD'), x.name, x.working FROM holidays x "
			     " WHERE x.calendar_id = default_calendar_id() ORDER BY x.day", err)))
		return rc;
	if ((rc = read_dates(db, &pol->upcoming, &pol->nupcoming,
			     "SELECT to_char(h.day, 'YYYY-MM-DD'), h.name, false "
			     "  FROM calendars c, calendar_holidays(c.id, "
			     "       date_trunc('year', tt_now() AT TIME ZONE c.time_zone)::date, "
			     "       (date_trunc('year', tt_now() AT TIME ZONE c.time_zone) "
			     "        + interval '2 years - 1 day')::date) h "
			     " WHERE c.is_default ORDER BY h.day", err)))
		return rc;

	res = db_query(db,
		"SELECT kind, plan, severity, minutes, clock FROM sla_targets "
		" ORDER BY kind, plan, severity", 0, NULL, err);
	if (!res)
		return err->code;
	pol->ntargets = (size_t)PQntuples(res);
	pol->targets = xcalloc(pol->ntargets + 1, sizeof(*pol->targets));
	for (int i = 0; i < PQntuples(res); i++) {
		pol->targets[i].kind = col(res, i, 0);
		pol->targets[i].plan = col(res, i, 1);
		pol->targets[i].severity = atoi(PQgetvalue(res, i, 2));
		pol->targets[i].minutes = atoi(PQgetvalue(res, i, 3));
		pol->targets[i].clock = col(res, i, 4);
	}
	PQclear(res);
	return 0;
}

void policy_done(struct policy *pol)
{
	for (size_t i = 0; i < pol->nhours; i++) {
		free(pol->hours[i].day);
		free(pol->hours[i].open);
		free(pol->hours[i].close);
	}
	for (size_t i = 0; i < pol->nrules; i++)
		free(pol->rules[i].name);
	free(pol->rules);
	dates_free(pol->holidays, pol->nholidays);
	dates_free(pol->upcoming, pol->nupcoming);
	for (size_t i = 0; i < pol->ntargets; i++) {
		free(pol->targets[i].kind);
		free(pol->targets[i].plan);
		free(pol->targets[i].clock);
	}
	free(pol->hours);
	free(pol->targets);
	free(pol->calendar);
	free(pol->time_zone);
	memset(pol, 0, sizeof(*pol));
}

int policy_json(struct db *db, char **json, struct tt_error *err)
{
	*json = db_scalar(db, "SELECT json_safe_text(policy_json()::text)", 0, NULL, err);
	if (*json)
		return 0;
	return err->code ? err->code : tt_error_set(err, EX_DATAERR, "%s", _("there is no business calendar"));
}

/* ----------------------------------------------------------- loading -- */

/* One column of the policy as a PostgreSQL array literal, built up entry
 * by entry; sent as a single parameter (never spliced into SQL). */
struct column {
	struct strbuf sb;
	size_t n;
	bool closed;
};

static void column_init(struct column *c)
{
	sb_init(&c->sb);
	c->n = 0;
	c->closed = false;
}

static void column_add_text(struct column *c, const char *s)
{
	sb_add(&c->sb, c->n++ ? "," : "{");
	if (!s) {
		sb_add(&c->sb, "NULL");
		return;
	}
	sb_addc(&c->sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addc(&c->sb, '\\');
		sb_addc(&c->sb, *s);
	}
	sb_addc(&c->sb, '"');
}

static void column_add_bool(struct column *c, bool present, bool v)
{
	sb_add(&c->sb, c->n++ ? "," : "{");
	sb_add(&c->sb, !present ? "NULL" : v ? "true" : "false");
}

static void column_add_int(struct column *c, bool present, int v)
{
	sb_add(&c->sb, c->n++ ? "," : "{");
	if (present)
		sb_addf(&c->sb, "%d", v);
	else
		sb_add(&c->sb, "NULL");
}

static const char *column_value(struct column *c)
{
	if (!c->closed)
		sb_add(&c->sb, c->n ? "}" : "{}");
	c->closed = true;
	return c->sb.buf;
}

struct loader {
	const char *path;
	struct tt_error *err;
};

static void refuse(struct loader *ld, int line, const char *code, const char *fmt, const char *name)
{
	char *field = xasprintf("%s:%d", ld->path, line);
	char *msg = xasprintf(fmt, name);
	tt_error_add_field(ld->err, field, code, msg);
	free(field);
	free(msg);
}

/* A string member of an entry: NULL (and a refusal) when missing or not a string. */
static const char *member_string(struct loader *ld, config_setting_t *entry, const char *name)
{
	config_setting_t *s = config_setting_get_member(entry, name);
	if (!s) {
		refuse(ld, config_setting_source_line(entry), "missing", _("%s is missing"), name);
		return NULL;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		refuse(ld, config_setting_source_line(s), "type", _("%s must be a string in double quotes"), name);
		return NULL;
	}
	return config_setting_get_string(s);
}

static bool member_int(struct loader *ld, config_setting_t *entry, const char *name, int *v)
{
	config_setting_t *s = config_setting_get_member(entry, name);
	if (!s) {
		refuse(ld, config_setting_source_line(entry), "missing", _("%s is missing"), name);
		return false;
	}
	if (config_setting_type(s) != CONFIG_TYPE_INT) {
		refuse(ld, config_setting_source_line(s), "type", _("%s must be a whole number"), name);
		return false;
	}
	*v = config_setting_get_int(s);
	return true;
}

/* Optional members: false when absent; a refusal (and false) when present
 * with the wrong type. */
static bool optional_string(struct loader *ld, config_setting_t *entry, const char *name,
			    const char **v)
{
	*v = NULL;
	config_setting_t *s = config_setting_get_member(entry, name);
	if (!s)
		return false;
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		refuse(ld, config_setting_source_line(s), "type", _("%s must be a string in double quotes"), name);
		return false;
	}
	*v = config_setting_get_string(s);
	return true;
}

static bool optional_int(struct loader *ld, config_setting_t *entry, const char *name, int *v)
{
	*v = 0;
	if (!config_setting_get_member(entry, name))
		return false;
	return member_int(ld, entry, name, v);
}

static bool optional_bool(struct loader *ld, config_setting_t *entry, const char *name, int *v)
{
	*v = 0;
	config_setting_t *s = config_setting_get_member(entry, name);
	if (!s)
		return false;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		refuse(ld, config_setting_source_line(s), "type", _("%s must be true or false"), name);
		return false;
	}
	*v = config_setting_get_bool(s);
	return true;
}

/* The list `name` of the policy group, each element a group. */
static config_setting_t *entries(struct loader *ld, config_setting_t *pol, const char *name)
{
	config_setting_t *s = config_setting_get_member(pol, name);
	if (!s) {
		refuse(ld, config_setting_source_line(pol), "missing", _("%s is missing"), name);
		return NULL;
	}
	if (!config_setting_is_aggregate(s) || config_setting_is_group(s)) {
		refuse(ld, config_setting_source_line(s), "type",
		       _("%s must be a list ( { ... }, { ... } )"), name);
		return NULL;
	}
	for (int i = 0; i < config_setting_length(s); i++) {
		config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
		if (!config_setting_is_group(e)) {
			refuse(ld, config_setting_source_line(e), "type",
			       _("each entry of %s must be a group { ... }"), name);
			return NULL;
		}
	}
	return s;
}

static void line_add(struct column *c, config_setting_t *s)
{
	column_add_int(c, true, config_setting_source_line(s));
}

/* Server refusals name the line only: make them FILE:LINE. */
static void name_file_in_fields(struct tt_error *err, const char *path)
{
	for (size_t i = 0; i < err->nfields; i++) {
		char *f = xasprintf("%s:%s", path, err->fields[i].field);
		free(err->fields[i].field);
		err->fields[i].field = f;
	}
}

enum { H_DAY, H_OPEN, H_CLOSE, H_LINE, X_DAY, X_NAME, X_LINE,
       X_MONTH, X_MDAY, X_WEEKDAY, X_NTH, X_OBSERVED, X_WORKING, T_KIND, T_PLAN, T_SEV, T_MIN, T_CLOCK, T_LINE, SECTION_LINES, NCOLS };

static void read_policy(struct loader *ld, config_setting_t *pol, struct column *cols,
			const char **tz)
{
	config_setting_t *list, *s;

	s = config_setting_get_member(pol, "time_zone");
	column_add_int(&cols[SECTION_LINES], true, config_setting_source_line(s ? s : pol));
	*tz = s ? member_string(ld, pol, "time_zone") : NULL;
	if (!s)
		refuse(ld, config_setting_source_line(pol), "missing", _("%s is missing"), "time_zone");

	list = entries(ld, pol, "hours");
	column_add_int(&cols[SECTION_LINES], true, config_setting_source_line(list ? list : pol));
	for (int i = 0; list && i < config_setting_length(list); i++) {
		config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		column_add_text(&cols[H_DAY], member_string(ld, e, "day"));
		column_add_text(&cols[H_OPEN], member_string(ld, e, "open"));
		column_add_text(&cols[H_CLOSE], member_string(ld, e, "close"));
		line_add(&cols[H_LINE], e);
	}

	list = entries(ld, pol, "holidays");
	column_add_int(&cols[SECTION_LINES], true, config_setting_source_line(list ? list : pol));
	for (int i = 0; list && i < config_setting_length(list); i++) {
		config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		const char *date, *weekday;
		int month = 0, mday = 0, nth = 0, observed = 0, working = 0;
		optional_string(ld, e, "date", &date);
		optional_string(ld, e, "weekday", &weekday);
		bool has_month = optional_int(ld, e, "month", &month);
		bool has_mday = optional_int(ld, e, "day", &mday);
		bool has_nth = optional_int(ld, e, "nth", &nth);
		bool has_observed = optional_bool(ld, e, "observed", &observed);
		bool has_working = optional_bool(ld, e, "working", &working);
		column_add_text(&cols[X_DAY], date);
		column_add_text(&cols[X_NAME], member_string(ld, e, "name"));
		line_add(&cols[X_LINE], e);
		column_add_int(&cols[X_MONTH], has_month, month);
		column_add_int(&cols[X_MDAY], has_mday, mday);
		column_add_text(&cols[X_WEEKDAY], weekday);
		column_add_int(&cols[X_NTH], has_nth, nth);
		column_add_bool(&cols[X_OBSERVED], has_observed, observed);
		column_add_bool(&cols[X_WORKING], has_working, working);
	}

	list = entries(ld, pol, "targets");
	column_add_int(&cols[SECTION_LINES], true, config_setting_source_line(list ? list : pol));
	for (int i = 0; list && i < config_setting_length(list); i++) {
		config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
		int sev = 0, min = 0;
		column_add_text(&cols[T_KIND], member_string(ld, e, "kind"));
		column_add_text(&cols[T_PLAN], member_string(ld, e, "plan"));
		bool has_sev = member_int(ld, e, "severity", &sev);
		bool has_min = member_int(ld, e, "minutes", &min);
		column_add_int(&cols[T_SEV], has_sev, sev);
		column_add_int(&cols[T_MIN], has_min, min);
		column_add_text(&cols[T_CLOCK], member_string(ld, e, "clock"));
		line_add(&cols[T_LINE], e);
	}
}

static const char load_sql[] =
	"SELECT api_policy_load($1, $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], "
	"       $7::text[], $8::text[], $9::int[], "
	"       $10::int[], $11::int[], $12::text[], $13::int[], $14::boolean[], $15::boolean[], "
	"       $16::text[], $17::text[], $18::int[], $19::int[], $20::text[], $21::int[])";

/* The largest policy file read (a year of holidays and every target
 * come to a few KiB). */
#define POLICY_FILE_MAX (4 << 20)

/* A policy file holding a NUL byte or bytes that are no UTF-8: 65 naming
 * the first line that does, nothing changed; else 0. */
static int policy_text_check(const char *path, const char *buf, size_t len, struct tt_error *err)
{
	int line = 1;
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n' && buf[i] != '\0')
			continue;
		if (i < len && buf[i] == '\0')
			return tt_error_set(err, EX_DATAERR, _("%s:%d: holds a NUL byte; nothing was changed"), path,
					    line);
		if (!utf8_valid(buf + start, i - start))
			return tt_error_set(err, EX_DATAERR,
					    _("%s:%d: not UTF-8 text (check the file's character set); nothing was changed"),
					    path, line);
		line++;
		start = i + 1;
	}
	return 0;
}

int policy_load_file(struct db *db, const char *path, struct tt_error *err)
{
	config_t lc;
	struct column cols[NCOLS];
	struct loader ld = { path, err };
	const char *tz = NULL;
	int rc = 0;

	/* "-" is standard input; a file that cannot be opened, or a
	 * directory, is refused with why (66), before libconfig reads it */
	FILE *in = fs_open_input(path, err);
	if (!in)
		return err->code;
	/* read whole first: libconfig stops a string at a NUL byte, so a
	 * holiday named "New\0Year's Day" was loaded as "New" and the rest of
	 * the line dropped without a word; such bytes, and bytes that are no
	 * UTF-8, are refused naming the line (the server named neither) */
	struct strbuf text;
	sb_init(&text);
	bool over = false;
	bool got = sb_add_stream_max(&text, in, POLICY_FILE_MAX, &over);
	fs_close_input(in);
	if (!got || over || (rc = policy_text_check(path, text.buf, text.len, err))) {
		if (!rc)
			rc = !got ? tt_error_set(err, EX_IOERR, "%s: %s", path, _("cannot read the file"))
				  : tt_error_set(err, EX_DATAERR, _("%s: larger than %d MiB; nothing was changed"),
						 path, POLICY_FILE_MAX >> 20);
		sb_done(&text);
		return rc;
	}
	config_init(&lc);
	int read_ok = config_read_string(&lc, text.buf);
	sb_done(&text);
	if (!read_ok) {
		if (config_error_type(&lc) == CONFIG_ERR_FILE_IO)
			rc = tt_error_set(err, EX_IOERR, "%s: %s", path, _("cannot read the file"));
		else
			/* the file is data given to the command, not ticketty's
			 * own configuration: 65, with where libconfig stopped */
			/* TRANSLATORS: "policy.cfg:3: not read: syntax error;
			 * nothing was changed"; the last %s is libconfig's
			 * error ("syntax error", translated with its others). */
			rc = tt_error_set(err, EX_DATAERR, _("%s:%d: not read: %s; nothing was changed"), path,
					  config_error_line(&lc), conf_error_text(config_error_text(&lc)));
		config_destroy(&lc);
		return rc;
	}
	config_setting_t *pol = config_lookup(&lc, "policy");
	if (!pol || !config_setting_is_group(pol)) {
		rc = tt_error_set(err, EX_DATAERR, _("%s: no policy = { ... } section"), path);
		config_destroy(&lc);
		return rc;
	}
	for (int i = 0; i < NCOLS; i++)
		column_init(&cols[i]);
	read_policy(&ld, pol, cols, &tz);
	if (err->nfields) {
		rc = tt_error_set(err, EX_DATAERR, "%s", _("the policy was refused; nothing was changed"));
	} else {
		const char *p[21] = {
			tz, column_value(&cols[SECTION_LINES]),
			column_value(&cols[H_DAY]), column_value(&cols[H_OPEN]),
			column_value(&cols[H_CLOSE]), column_value(&cols[H_LINE]),
			column_value(&cols[X_DAY]), column_value(&cols[X_NAME]),
			column_value(&cols[X_LINE]),
			column_value(&cols[X_MONTH]), column_value(&cols[X_MDAY]),
			column_value(&cols[X_WEEKDAY]), column_value(&cols[X_NTH]),
			column_value(&cols[X_OBSERVED]), column_value(&cols[X_WORKING]),
			column_value(&cols[T_KIND]), column_value(&cols[T_PLAN]),
			column_value(&cols[T_SEV]), column_value(&cols[T_MIN]),
			column_value(&cols[T_CLOCK]), column_value(&cols[T_LINE]),
		};
		PGresult *res = db_exec(db, load_sql, 21, p, err);
		if (res)
			PQclear(res);
		else {
			rc = err->code;
			name_file_in_fields(err, path);
		}
	}
	for (int i = 0; i < NCOLS; i++)
		sb_done(&cols[i].sb);
	config_destroy(&lc);
	return rc;
}

/* libconfig's own writer does the quoting: names with quotes, backslashes
 * or any UTF-8 come back as they went in. */
static void add_string(config_setting_t *group, const char *name, const char *value)
{
	config_setting_set_string(config_setting_add(group, name, CONFIG_TYPE_STRING), value ? value : "");
}

static void add_int(config_setting_t *group, const char *name, int value)
{
	config_setting_set_int(config_setting_add(group, name, CONFIG_TYPE_INT), value);
}

int policy_write_conf(const struct policy *pol, FILE *out, struct tt_error *err)
{
	static const char *const days[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	config_t lc;
	config_init(&lc);
	/* "policy = {" as the sample configuration writes it, not "policy :" */
	config_set_options(&lc, config_get_options(&lc) & ~(CONFIG_OPTION_COLON_ASSIGNMENT_FOR_GROUPS |
							   CONFIG_OPTION_OPEN_BRACE_ON_SEPARATE_LINE));
	config_set_tab_width(&lc, 4);
	config_setting_t *p = config_setting_add(config_root_setting(&lc), "policy", CONFIG_TYPE_GROUP);
	add_string(p, "time_zone", pol->time_zone);

	config_setting_t *list = config_setting_add(p, "hours", CONFIG_TYPE_LIST);
	for (size_t i = 0; i < pol->nhours; i++) {
		config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
		add_string(g, "day", pol->hours[i].day);
		add_string(g, "open", pol->hours[i].open);
		add_string(g, "close", pol->hours[i].close);
	}

	list = config_setting_add(p, "holidays", CONFIG_TYPE_LIST);
	for (size_t i = 0; i < pol->nrules; i++) {
		const struct policy_holiday_rule *r = &pol->rules[i];
		config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
		add_string(g, "name", r->name);
		add_int(g, "month", r->month);
		if (r->day > 0) {
			add_int(g, "day", r->day);
			config_setting_set_bool(config_setting_add(g, "observed", CONFIG_TYPE_BOOL), r->observed);
		} else {
			add_string(g, "weekday", r->isodow >= 1 && r->isodow <= 7 ? days[r->isodow - 1] : "");
			add_int(g, "nth", r->nth);
		}
	}
	for (size_t i = 0; i < pol->nholidays; i++) {
		config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
		add_string(g, "date", pol->holidays[i].date);
		add_string(g, "name", pol->holidays[i].name);
		if (pol->holidays[i].working)
			config_setting_set_bool(config_setting_add(g, "working", CONFIG_TYPE_BOOL), 1);
	}

	list = config_setting_add(p, "targets", CONFIG_TYPE_LIST);
	for (size_t i = 0; i < pol->ntargets; i++) {
		const struct policy_target *t = &pol->targets[i];
		config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
		add_string(g, "kind", t->kind);
		add_string(g, "plan", t->plan);
		add_int(g, "severity", t->severity);
		add_int(g, "minutes", t->minutes);
		add_string(g, "clock", t->clock);
	}

	config_write(&lc, out);
	config_destroy(&lc);
	if (fflush(out) || ferror(out))
		return tt_error_set(err, EX_IOERR, "%s", _("cannot write the policy"));
	return 0;
}
