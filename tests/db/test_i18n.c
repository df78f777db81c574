/* Database tests for translation: every English reference text a migrated
 * database holds (the columns scripts/sql-strings.pl extracts) and every
 * value of the enumerations the client shows has a Spanish translation, so
 * a Spanish user never meets an English label from the database. Catches
 * a migration that adds reference rows the extractor cannot see. */
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/i18n.h"
#include "util/strbuf.h"

static void spanish(void)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	setenv("LANG", "es_ES.UTF-8", 1);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_language(), "es");
}

/* Splits the rows of one text value (separated by \x1e) and calls check on each. */
static int each_row(char *rows, int (*check)(const char *row, struct strbuf *missing),
                    struct strbuf *missing)
{
	int n = 0;
	for (char *row = rows, *next; row && *row; row = next) {
		next = strchr(row, '\x1e');
		if (next)
			*next++ = '\0';
		n += check(row, missing);
	}
	return n;
}

static int untranslated_text(const char *text, struct strbuf *missing)
{
	/* gettext returns the msgid itself when the catalog lacks it */
	if (i18n_db(text) != text && *i18n_db(text))
		return 0;
	sb_addf(missing, "\n  %s", text);
	return 1;
}

START_TEST(every_reference_text_is_translated)
{
	testdb_create();
	spanish();
	char *rows = testdb_value(
		"SELECT string_agg(t, chr(30)) FROM ("
		" SELECT name AS t FROM teams"
		" UNION ALL SELECT name FROM request_types UNION ALL SELECT example FROM request_types"
		" UNION ALL SELECT name FROM severities UNION ALL SELECT definition FROM severities"
		" UNION ALL SELECT function_criteria FROM severities"
		" UNION ALL SELECT data_criteria FROM severities"
		" UNION ALL SELECT backend_criteria FROM severities"
		" UNION ALL SELECT name FROM case_reasons UNION ALL SELECT definition FROM case_reasons"
		" UNION ALL SELECT title FROM escalation_levels"
		" UNION ALL SELECT label FROM intake_fields UNION ALL SELECT help FROM intake_fields"
		" UNION ALL SELECT rule FROM intake_fields"
		" UNION ALL SELECT name FROM holidays) AS x WHERE t IS NOT NULL AND t <> ''",
		0, NULL);
	ck_assert_ptr_nonnull(rows);
	struct strbuf missing;
	sb_init(&missing);
	int bad = each_row(rows, untranslated_text, &missing);
	ck_assert_msg(bad == 0, "%d reference text(s) without a Spanish translation "
	              "(run make update-po and translate them):%s", bad, missing.buf);
	sb_done(&missing);
	free(rows);
}
END_TEST

static int untranslated_term(const char *row, struct strbuf *missing)
{
	/* row = "domain<TAB>key" */
	char domain[64];
	const char *tab = strchr(row, '\t');
	if (!tab || (size_t)(tab - row) >= sizeof(domain))
		return 0;
	memcpy(domain, row, (size_t)(tab - row));
	domain[tab - row] = '\0';
	const char *key = tab + 1;
	const char *label = i18n_term(domain, key);
	/* an unknown key comes back as the key itself */
	if (label != key && *label)
		return 0;
	sb_addf(missing, "\n  %s %s", domain, key);
	return 1;
}

START_TEST(every_enum_value_has_a_translated_label)
{
	testdb_create();
	spanish();
	/* the enumerations a user reads, by the i18n_term domain that shows them */
	char *rows = testdb_value(
		"SELECT string_agg(d.domain || chr(9) || e.enumlabel, chr(30)) "
		"FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
		"JOIN (VALUES ('ticket_status', 'status'), ('escalation_state', 'escalation_state'), "
		"             ('comment_kind', 'comment'), ('plan_kind', 'plan'), ('agent_role', 'role'), "
		"             ('sla_clock', 'clock'), ('sla_kind', 'sla_kind'), ('sla_outcome', 'sla_state')) "
		"     AS d(type, domain) ON d.type = t.typname "
		"WHERE t.typnamespace = 'ticketty'::regnamespace",
		0, NULL);
	ck_assert_ptr_nonnull(rows);
	struct strbuf missing;
	sb_init(&missing);
	int bad = each_row(rows, untranslated_term, &missing);
	ck_assert_msg(bad == 0, "%d enum value(s) without a label in util/i18n.c terms[]:%s",
	              bad, missing.buf);
	/* and the escalation levels by key */
	char *levels = testdb_value("SELECT string_agg('escalation' || chr(9) || key, chr(30)) "
	                            "FROM escalation_levels", 0, NULL);
	ck_assert_int_eq(each_row(levels, untranslated_term, &missing), 0);
	sb_done(&missing);
	free(levels);
	free(rows);
}
END_TEST

START_TEST(spanish_labels_of_the_severities)
{
	testdb_create();
	spanish();
	char *names = testdb_value("SELECT string_agg(name, ',' ORDER BY level) FROM severities", 0, NULL);
	ck_assert_str_eq(names, "Critical,Urgent,High,Medium");
	const char *want[] = { "Crítica", "Urgente", "Alta", "Media" };
	char *save = NULL;
	int i = 0;
	for (char *n = strtok_r(names, ",", &save); n; n = strtok_r(NULL, ",", &save), i++)
		ck_assert_str_eq(i18n_db(n), want[i]);
	ck_assert_int_eq(i, 4);
	free(names);
}
END_TEST

START_TEST(raised_errors_arrive_in_spanish)
{
	testdb_create();
	spanish();
	struct tt_error err;
	tt_error_init(&err);
	struct db *db = testdb_open(NULL);
	const char *params[] = { "Mars/Olympus" };
	PGresult *res = db_exec(db, "INSERT INTO calendars (name, time_zone) VALUES ('mars', $1)",
	                        1, params, &err);
	ck_assert_ptr_null(res);
	ck_assert_str_eq(err.message, "zona horaria desconocida \"Mars/Olympus\"");
	ck_assert_ptr_nonnull(err.hint);
	ck_assert_ptr_nonnull(strstr(err.hint, "Use un nombre de zona IANA"));
	tt_error_clear(&err);
	db_close(db);
}
END_TEST

START_TEST(cli_speaks_spanish)
{
	testdb_create();
	spanish();  /* the ticketty the test runs inherits LANG */
	testdb_agent("es_cli_eng", "engineer");
	ck_assert_int_eq(testdb_cli("es_cli_eng", NULL, "escalate 424242 --reason 'se cayó'"), 65);
	ck_assert_msg(strstr(testdb_stderr(), "no se encuentra el ticket 424242") != NULL,
		      "stderr: %s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("es_cli_eng", NULL, "queue --limit 0"), 64);
	ck_assert_msg(strstr(testdb_stderr(), "--limit debe ser un número entre 1 y") != NULL,
		      "stderr: %s", testdb_stderr());
	ck_assert_int_eq(testdb_cli("es_cli_eng", NULL, "--help"), 0);
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "Uso:"));
	ck_assert_ptr_nonnull(strstr(testdb_stdout(), "[--config ARCHIVO]"));
	/* listings: a column's title whole ("GRAV", not "GR…"), the report's
	 * period a Spanish sentence ("desde … hasta hoy", not "del el … al hoy") */
	ck_assert_int_eq(testdb_cli("es_cli_eng", NULL, "queue --limit 5"), 0);
	ck_assert_msg(strstr(testdb_stdout(), " GRAV ") && !strstr(testdb_stdout(), "GR\u2026"),
		      "stdout: %s", testdb_stdout());
	ck_assert_int_eq(testdb_cli("es_cli_eng", NULL, "report sla"), 0);
	/* (the period's days beside its words: test_report_title) */
	ck_assert_msg(strstr(testdb_stdout(), "desde el comienzo de la semana de hace 11 semanas (")
		      && strstr(testdb_stdout(), ") hasta hoy ("), "stdout: %s", testdb_stdout());
	/* ui.language = "en" would win; LANG=C.UTF-8 is English */
	setenv("LANG", "C.UTF-8", 1);
	ck_assert_int_eq(testdb_cli("es_cli_eng", NULL, "queue --limit 0"), 64);
	ck_assert_ptr_nonnull(strstr(testdb_stderr(), "--limit must be a number from 1 to"));
}
END_TEST

static Suite *i18n_db_suite(void)
{
	Suite *s = suite_create("i18n_db");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, every_reference_text_is_translated);
	tcase_add_test(tc, every_enum_value_has_a_translated_label);
	tcase_add_test(tc, spanish_labels_of_the_severities);
	tcase_add_test(tc, raised_errors_arrive_in_spanish);
	tcase_add_test(tc, cli_speaks_spanish);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(i18n_db_suite)
