/* Unit tests for util/i18n: language selection (ui.language, LC_ALL,
 * LC_MESSAGES, LANG), the Spanish catalog, contexts, plural forms, and the
 * fallback to English (never an empty label) when a translation or a
 * locale is missing. Needs the compiled catalog (TICKETTY_LOCALEDIR, set
 * by tests/run.sh) and es_ES.UTF-8 (scripts/locales.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testdb.h"
#include "util/error.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "util/strbuf.h"
#include "util/text.h"

/* Sets the locale variables (NULL = unset) so each test starts alike. */
static void use_env(const char *lc_all, const char *lc_messages, const char *lang,
                    const char *language)
{
	const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE" };
	const char *values[] = { lc_all, lc_messages, lang, language };
	for (int i = 0; i < 4; i++) {
		if (values[i])
			setenv(names[i], values[i], 1);
		else
			unsetenv(names[i]);
	}
	unsetenv("LC_TIME");
	unsetenv("LC_CTYPE");
}

START_TEST(config_language_selects_spanish)
{
	use_env(NULL, NULL, "C", NULL);
	i18n_init("es");
	ck_assert_str_eq(i18n_language(), "es");
	ck_assert_str_eq(_("Usage:"), "Uso:");
	ck_assert_str_eq(_("Commands:"), "Órdenes:");
}
END_TEST

START_TEST(config_language_wins_over_environment)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init("en");
	ck_assert_str_eq(i18n_language(), "en");
	ck_assert_str_eq(_("Usage:"), "Usage:");
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init("es_ES.UTF-8");
	ck_assert_str_eq(_("Usage:"), "Uso:");
}
END_TEST

START_TEST(lang_selects_spanish)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_language(), "es");
	ck_assert_int_eq(i18n_utf8(), 1);
	ck_assert_str_eq(_("Usage:"), "Uso:");
}
END_TEST

START_TEST(lc_all_and_lc_messages_take_precedence)
{
	use_env(NULL, "es_ES.UTF-8", "C.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(_("Usage:"), "Uso:");
	use_env("C.UTF-8", "es_ES.UTF-8", "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_language(), "en");
	ck_assert_str_eq(_("Usage:"), "Usage:");
	use_env("es_ES.UTF-8", NULL, "C", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(_("Usage:"), "Uso:");
}
END_TEST

START_TEST(uninstalled_locale_keeps_its_language)
{
	/* es_MX is not generated on the test machine: messages stay Spanish
	 * (the es catalog), the terminal stays UTF-8. */
	use_env(NULL, NULL, "es_MX.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_language(), "es");
	ck_assert_int_eq(i18n_utf8(), 1);
	ck_assert_str_eq(_("Usage:"), "Uso:");
}
END_TEST

/* ticketty's own separators and symbols: Unicode under a UTF-8 locale,
 * ASCII otherwise (LANG=C printed "new <U+00B7> 2 Urgent"). */
START_TEST(symbols_follow_the_charset)
{
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_sym(SYM_SEP), " \u00b7 ");
	ck_assert_str_eq(i18n_sym(SYM_ARROW), "\u2192");
	use_env("C", NULL, "C", NULL);
	i18n_init(NULL);
	ck_assert_int_eq(i18n_utf8(), 0);
	for (int sym = SYM_SEP; sym <= SYM_TIMES; sym++) {
		const char *s = i18n_sym((enum i18n_symbol)sym);
		ck_assert(*s);
		for (; *s; s++)
			ck_assert_msg((unsigned char)*s < 0x80, "symbol %d is not ASCII", sym);
	}
	ck_assert_str_eq(i18n_sym(SYM_SEP), " | ");
	ck_assert_str_eq(i18n_sym(SYM_ARROW), "->");
}
END_TEST

START_TEST(language_without_catalog_falls_back_to_english)
{
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init("fr");
	ck_assert_str_eq(_("Usage:"), "Usage:");
	ck_assert_str_eq(i18n_term("status", "waiting_customer"), "waiting on customer");
	ck_assert_str_eq(i18n_db("Critical"), "Critical");
}
END_TEST

START_TEST(missing_translation_falls_back_to_english)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	/* a text the catalog does not have comes back as itself */
	const char *customer_words = "La campaña no arranca desde ayer";
	ck_assert_ptr_eq(i18n_db(customer_words), customer_words);
	ck_assert_str_eq(_("a message nobody translated"), "a message nobody translated");
	ck_assert_str_eq(i18n_db(""), "");
	ck_assert_str_eq(i18n_db(NULL), "");
	/* an unknown context falls back to the context-free translation */
	ck_assert_str_eq(i18n_pgettext("no_such_context", "Usage:"), "Uso:");
	ck_assert_str_eq(i18n_pgettext("no_such_context", "never translated"), "never translated");
	ck_assert_str_eq(i18n_pgettext(NULL, "Usage:"), "Uso:");
}
END_TEST

START_TEST(terms_are_translated_in_context)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_term("status", "waiting_customer"), "esperando al cliente");
	ck_assert_str_eq(i18n_term("status", "in_progress"), "en curso");
	ck_assert_str_eq(i18n_term("status", "acknowledged"), "confirmado");
	ck_assert_str_eq(i18n_term("sla_state", "breached"), "vencido");
	ck_assert_str_eq(i18n_term("sla_state", "missed"), "incumplido");
	ck_assert_str_eq(i18n_term("clock", "business"), "horas hábiles");
	ck_assert_str_eq(i18n_term("escalation_state", "passed_up"), "elevado");
	ck_assert_str_eq(i18n_term("comment", "internal"), "nota interna");
	/* unknown keys and domains come back unchanged, NULL as "" */
	ck_assert_str_eq(i18n_term("status", "no_such_status"), "no_such_status");
	ck_assert_str_eq(i18n_term("no_such_domain", "new"), "new");
	ck_assert_str_eq(i18n_term("status", NULL), "");
}
END_TEST

/* The short labels of narrow columns fit their cells and tell every
 * value of their domain apart, in each language. */
START_TEST(short_labels_fit_and_differ)
{
	static const struct {
		const char *domain;
		int cells;
		const char *keys[8];
	} sets[] = {
		{ "status_short", 10, { "new", "acknowledged", "in_progress", "waiting_customer",
					"waiting_engineering", "resolved", "closed" } },
		{ "severity_short", 5, { "1", "2", "3", "4" } },
		{ "sla_state_short", 8, { "ok", "at_risk", "breached", "met", "missed" } },
		{ "escalation_state_short", 9, { "open", "acknowledged", "resolved", "passed_up" } },
	};
	const char *langs[] = { "C.UTF-8", "es_ES.UTF-8" };
	for (int l = 0; l < 2; l++) {
		use_env(NULL, NULL, langs[l], NULL);
		i18n_init(NULL);
		for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
			for (int i = 0; sets[s].keys[i]; i++) {
				const char *a = i18n_term(sets[s].domain, sets[s].keys[i]);
				ck_assert_msg(text_width(a) <= sets[s].cells, "%s: %s \"%s\" is wider than %d cells",
					      langs[l], sets[s].domain, a, sets[s].cells);
				for (int j = 0; j < i; j++)
					ck_assert_msg(strcmp(a, i18n_term(sets[s].domain, sets[s].keys[j])),
						      "%s: %s says \"%s\" for %s and %s", langs[l], sets[s].domain, a,
						      sets[s].keys[j], sets[s].keys[i]);
			}
		}
	}
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_term("escalation_state_short", "acknowledged"), "confirm.");
	ck_assert_str_eq(i18n_severity_name(2), "Urgente");
	ck_assert_str_eq(i18n_severity_short(2), "Urg");
	ck_assert_ptr_null(i18n_severity_name(5));
}
END_TEST

START_TEST(typed_labels_map_back_to_keys)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_term_key("status", "en curso"), "in_progress");
	ck_assert_str_eq(i18n_term_key("status", "Esperando a ingeniería"), "waiting_engineering");
	ck_assert_str_eq(i18n_term_key("status", "waiting on customer"), "waiting_customer");
	ck_assert_str_eq(i18n_term_key("status", "resolved"), "resolved");
	ck_assert_ptr_null(i18n_term_key("status", "en marcha"));
	ck_assert_ptr_null(i18n_term_key("status", ""));
	ck_assert_ptr_null(i18n_term_key("no_such_domain", "new"));
}
END_TEST

START_TEST(terms_in_english)
{
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_language(), "en");
	ck_assert_str_eq(i18n_term("status", "waiting_customer"), "waiting on customer");
	ck_assert_str_eq(i18n_term("escalation", "csm"), "Customer Success Manager");
	ck_assert_str_eq(i18n_field_reason("contact", "not_spoc", "x"),
	                 "is not an authorised single point of contact of this customer");
}
END_TEST

START_TEST(reference_texts_from_the_database)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_db("Critical"), "Crítica");
	ck_assert_str_eq(i18n_db("Urgent"), "Urgente");
	ck_assert_str_eq(i18n_db("High"), "Alta");
	ck_assert_str_eq(i18n_db("Medium"), "Media");
	ck_assert_str_eq(i18n_db("Requesting contact"), "Contacto solicitante");
	ck_assert_str_eq(i18n_db("Billing"), "Facturación");
	ck_assert_str_eq(i18n_db("Chief Executive Officer"), "Director General");
}
END_TEST

START_TEST(field_reasons)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_field_reason("title", "required", "is required"), "es obligatorio");
	ck_assert_str_eq(i18n_field_reason("contact", "not_spoc", NULL),
	                 "no es un punto único de contacto autorizado");
	/* an unknown code shows the server's message, else the code */
	ck_assert_str_eq(i18n_field_reason("x", "brand_new_code", "server says no"), "server says no");
	ck_assert_str_eq(i18n_field_reason("x", "brand_new_code", ""), "brand_new_code");
	ck_assert_str_eq(i18n_field_reason(NULL, NULL, NULL), "");
	/* refusals the server words in English only: read by code */
	ck_assert_str_eq(i18n_field_reason("value", "not_hours", "\"0\" is not ..."),
	                 "no es un número entero de horas de 1 a 2160");
	ck_assert_str_eq(i18n_field_reason("bug_ref", "unexpected", "is only taken when ..."),
	                 "solo se admite cuando el ticket espera a ingeniería");
	ck_assert_str_eq(i18n_field_reason("severity", "no_target", "there is no ..."),
	                 "no hay objetivo de SLA para este plan y esta gravedad");
	/* a code that reads by field: a ticket linked to itself, an admin
	 * deactivating their own login */
	ck_assert_str_eq(i18n_field_reason("other", "self", NULL), "es el propio ticket");
	ck_assert_str_eq(i18n_field_reason("login", "self", NULL), "no puede desactivarse a sí mismo");
	ck_assert_str_eq(i18n_field_reason("active", "self", NULL), "no puede desactivarse a sí mismo");
}
END_TEST

/* A refusal whose server text carries the facts (a limit, a person) keeps
 * them beside the reader's words; others read by code alone. */
START_TEST(field_lines_keep_the_facts)
{
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init(NULL);
	struct tt_error err;
	tt_error_init(&err);
	tt_error_add_field(&err, "message", "too_long", "is longer than 100000 characters");
	tt_error_add_field(&err, "title", "required", "a title is required");
	struct strbuf sb;
	sb_init(&sb);
	tt_field_error_text(&err.fields[0], &sb);
	ck_assert_str_eq(sb.buf, "message: is too long (is longer than 100000 characters)");
	sb_reset(&sb);
	tt_field_error_reason(&err.fields[1], &sb);
	ck_assert_str_eq(sb.buf, "is required");
	/* an unknown value: what the server says is taken */
	tt_error_add_field(&err, "plan", "unknown", "unknown plan \"gold\" (premium or basic)");
	tt_error_add_field(&err, "role", "unknown", "one of engineer, csm");
	sb_reset(&sb);
	tt_field_error_text(&err.fields[2], &sb);
	ck_assert_str_eq(sb.buf, "plan: is unknown (unknown plan \"gold\" (premium or basic))");
	sb_reset(&sb);
	tt_field_error_text(&err.fields[3], &sb);
	ck_assert_str_eq(sb.buf, "role: is unknown (one of engineer, csm)");
	/* required, not a number, malformed: the server's words when they say
	 * more than the reason (which condition, which entry, what form) */
	tt_error_add_field(&err, "phone", "required", "Emergency phone is required for a severity 1 (Critical) emergency");
	tt_error_add_field(&err, "object_ids", "not_a_number", "Object IDs must be positive whole numbers; \"x9\" is not");
	tt_error_add_field(&err, "email", "malformed", "expected an address like name@example.com");
	tt_error_add_field(&err, "member_id", "not_a_number", "Member ID must be a positive whole number");
	const char *want[] = {
		"phone: is required (Emergency phone is required for a severity 1 (Critical) emergency)",
		"object_ids: must be a positive whole number (Object IDs must be positive whole numbers; \"x9\" is not)",
		"email: is malformed (expected an address like name@example.com)",
		"member_id: must be a positive whole number",
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		sb_reset(&sb);
		tt_field_error_text(&err.fields[4 + i], &sb);
		ck_assert_str_eq(sb.buf, want[i]);
	}
	sb_done(&sb);
	tt_error_clear(&err);
}
END_TEST

/* A refused field is named as the form names it when it has a label
 * (intake_fields.label, in the reader's words), else by its key. */
START_TEST(field_lines_name_the_label)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	struct tt_error err;
	tt_error_init(&err);
	tt_error_add_field(&err, "title", "required", "Title is required");
	tt_error_add_field(&err, "status", "not_allowed", "closed is not reachable");
	ck_assert_ptr_null(err.fields[0].label);
	err.fields[0].label = xstrdup("Title");
	struct strbuf sb;
	sb_init(&sb);
	tt_field_error_text(&err.fields[0], &sb);
	ck_assert_str_eq(sb.buf, "Título: es obligatorio");
	sb_reset(&sb);
	tt_field_error_reason(&err.fields[0], &sb);
	ck_assert_str_eq(sb.buf, "es obligatorio");
	sb_reset(&sb);
	tt_field_error_text(&err.fields[1], &sb);
	ck_assert_str_eq(sb.buf, "status: no se puede alcanzar desde el estado del ticket");
	/* a label the catalogue does not know (an administrator's) as it is */
	err.fields[1].label = xstrdup("Rollout window");
	sb_reset(&sb);
	tt_field_error_text(&err.fields[1], &sb);
	ck_assert_str_eq(sb.buf, "Rollout window: no se puede alcanzar desde el estado del ticket");
	sb_done(&sb);
	tt_error_clear(&err);
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init(NULL);
}
END_TEST

START_TEST(plural_forms)
{
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	const char *one = "applied %d migration; schema is at version %d\n";
	const char *many = "applied %d migrations; schema is at version %d\n";
	ck_assert_str_eq(ngettext(one, many, 1), "se aplicó %d migración; el esquema está en la versión %d\n");
	ck_assert_str_eq(ngettext(one, many, 2), "se aplicaron %d migraciones; el esquema está en la versión %d\n");
	/* Spanish, like English, uses the plural for zero */
	ck_assert_str_eq(ngettext(one, many, 0), "se aplicaron %d migraciones; el esquema está en la versión %d\n");
	ck_assert_str_eq(ngettext("%llu business hour", "%llu business hours", 4), "%llu horas hábiles");
	ck_assert_str_eq(ngettext("%llu business day", "%llu business days", 1), "%llu día hábil");
	/* a plural nobody translated falls back to the English forms */
	ck_assert_str_eq(ngettext("%d gizmo", "%d gizmos", 1), "%d gizmo");
	ck_assert_str_eq(ngettext("%d gizmo", "%d gizmos", 3), "%d gizmos");
}
END_TEST

/* Numbers shown to people take the locale's decimal separator; C's own
 * formatting (SQL parameters, JSON) keeps '.'. */
START_TEST(decimals_for_people_follow_the_locale)
{
	char buf[16], tiny[4], printed[16];
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_decimal(buf, sizeof(buf), " 66.7"), " 66,7");
	ck_assert_str_eq(i18n_decimal(buf, sizeof(buf), "100"), "100");
	snprintf(printed, sizeof(printed), "%.1f", 2.5);
	ck_assert_str_eq(printed, "2.5");
	/* cut to fit, never past the buffer */
	ck_assert_str_eq(i18n_decimal(tiny, sizeof(tiny), "66.7"), "66,");
	/* ui.language = "es" with an English environment: the dates and the
	 * numbers follow the Spanish locale */
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init("es_ES.UTF-8");
	ck_assert_str_eq(i18n_decimal(buf, sizeof(buf), "0.5"), "0,5");
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_decimal(buf, sizeof(buf), "66.7"), "66.7");
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init("en");
	ck_assert_str_eq(i18n_decimal(buf, sizeof(buf), "66.7"), "66.7");
}
END_TEST

/* A percentage as each language writes it: Spanish puts a space before
 * the sign ("95 %"), English does not. */
START_TEST(percentages_for_people_follow_the_language)
{
	char buf[32];
	use_env(NULL, NULL, "es_ES.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_percent(buf, sizeof(buf), "66.7"), "66,7 %");
	ck_assert_str_eq(i18n_percent(buf, sizeof(buf), "95"), "95 %");
	ck_assert_int_eq(i18n_percent_width(), 7);
	use_env(NULL, NULL, "C.UTF-8", NULL);
	i18n_init(NULL);
	ck_assert_str_eq(i18n_percent(buf, sizeof(buf), "66.7"), "66.7%");
	ck_assert_int_eq(i18n_percent_width(), 6);
}
END_TEST

static Suite *i18n_suite(void)
{
	Suite *s = suite_create("i18n");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, config_language_selects_spanish);
	tcase_add_test(tc, decimals_for_people_follow_the_locale);
	tcase_add_test(tc, percentages_for_people_follow_the_language);
	tcase_add_test(tc, config_language_wins_over_environment);
	tcase_add_test(tc, lang_selects_spanish);
	tcase_add_test(tc, lc_all_and_lc_messages_take_precedence);
	tcase_add_test(tc, uninstalled_locale_keeps_its_language);
	tcase_add_test(tc, language_without_catalog_falls_back_to_english);
	tcase_add_test(tc, missing_translation_falls_back_to_english);
	tcase_add_test(tc, symbols_follow_the_charset);
	tcase_add_test(tc, terms_are_translated_in_context);
	tcase_add_test(tc, short_labels_fit_and_differ);
	tcase_add_test(tc, typed_labels_map_back_to_keys);
	tcase_add_test(tc, terms_in_english);
	tcase_add_test(tc, reference_texts_from_the_database);
	tcase_add_test(tc, field_reasons);
	tcase_add_test(tc, field_lines_keep_the_facts);
	tcase_add_test(tc, field_lines_name_the_label);
	tcase_add_test(tc, plural_forms);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(i18n_suite)
