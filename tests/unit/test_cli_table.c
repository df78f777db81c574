/* Unit tests for CLI listings (cli/table.c): on a terminal a row never
 * runs past its width, whatever the language makes of the words;
 * piped, nothing is cut. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/table.h"
#include "testdb.h"
#include "util/i18n.h"
#include "util/text.h"

/* The Spanish `admin agent list` with a customer success manager, the
 * caps agent_list gives: 82 cells wide at its narrowest with two cells
 * between columns. */
static struct cli_table *spanish_agents(void)
{
	const char *head[] = { "ID", "USUARIO", "NOMBRE", "ROL", "EQUIPO", "IDIOMA", "ESTADO" };
	const int cap[] = { 0, 16, 24, 0, 18, 0, 0 };
	struct cli_table *t = cli_table_new(7, head, cap);
	const char *a[] = { "12", "postgres", "Pat Postgres", "ingeniero de soporte", "client_services",
			    "en", "activo" };
	const char *b[] = { "13", "cecilia", "Cecilia Csm", "responsable de éxito del cliente",
			    "client_services", "es", "activo" };
	cli_table_add(t, a);
	cli_table_add(t, b);
	return t;
}

/* Prints t for a terminal `cols` wide; returns the text (caller frees). */
static char *printed(struct cli_table *t, int cols)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	cli_table_print_cols(t, f, cols);
	fclose(f);
	return buf;
}

static int widest_line(const char *text)
{
	int widest = 0;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, "\n");
		char *one = strndup(p, n);
		int w = text_width(one);
		free(one);
		if (w > widest)
			widest = w;
		p += n + (p[n] == '\n');
	}
	return widest;
}

START_TEST(spanish_agents_fit_80_columns)
{
	struct cli_table *t = spanish_agents();
	char *out = printed(t, 80);
	ck_assert_msg(widest_line(out) <= 80, "a row is %d cells wide:\n%s", widest_line(out), out);
	/* the role and the state are whole: the gaps give the room first */
	ck_assert_msg(strstr(out, " responsable de éxito del cliente ") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "ID USUARIO ") == out, "%s", out);
	free(out);
	/* still wider: two cells between columns, nothing changed */
	out = printed(t, 120);
	ck_assert_msg(strstr(out, "ID  USUARIO   NOMBRE") == out, "%s", out);
	ck_assert_msg(strstr(out, "Pat Postgres") != NULL, "%s", out);
	free(out);
	/* piped: nothing cut */
	out = printed(t, 0);
	ck_assert_msg(strstr(out, "  client_services  es      activo\n") != NULL, "%s", out);
	free(out);
	cli_table_free(t);
}
END_TEST

/* The Spanish `admin customer list`: a long account representative's
 * address gives way first, then the gaps; the names and titles stay whole
 * (they were levelled with it to 9 cells: "Acme Med…", "Resp. Éx…"). */
START_TEST(spanish_customers_keep_their_names)
{
	const char *head[] = { "ID", "NOMBRE", "ID DE MIEMBRO", "PLAN", "Resp. Éxito", "REPRESENTANTE",
			       "CONTACTOS" };
	const int cap[] = { 0, 28, 0, 0, 16, 30, 0 };
	struct cli_table *t = cli_table_new(7, head, cap);
	const char *a[] = { "1", "Acme Media", "1001", "prémium", NULL,
			    "representative.long@example-customer.com", "1 contacto (1 SPOC)" };
	cli_table_add(t, a);
	char *out = printed(t, 80);
	ck_assert_msg(widest_line(out) <= 80, "a row is %d cells wide:\n%s", widest_line(out), out);
	ck_assert_msg(strstr(out, " Resp. Éxito ") && strstr(out, " Acme Media ") &&
			      strstr(out, " 1 contacto (1 SPOC)\n") && strstr(out, " representat"),
		      "%s", out);
	free(out);
	cli_table_free(t);
}
END_TEST

START_TEST(any_listing_fits_a_narrow_terminal)
{
	struct cli_table *t = spanish_agents();
	for (int cols = 60; cols >= 20; cols -= 5) {
		char *out = printed(t, cols);
		ck_assert_msg(widest_line(out) <= cols, "%d columns: a row is %d cells wide:\n%s", cols,
			      widest_line(out), out);
		free(out);
	}
	cli_table_free(t);
}
END_TEST

static Suite *cli_table_suite(void)
{
	Suite *s = suite_create("cli_table");
	TCase *tc = tcase_create("core");
	setenv("LC_ALL", "C.UTF-8", 1);
	i18n_init(NULL);  /* UTF-8: the ellipsis and accents as they are */
	tcase_add_test(tc, spanish_agents_fit_80_columns);
	tcase_add_test(tc, spanish_customers_keep_their_names);
	tcase_add_test(tc, any_listing_fits_a_narrow_terminal);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(cli_table_suite)
