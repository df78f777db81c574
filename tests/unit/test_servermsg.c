/* Unit tests for db/servermsg: the message formats found in the embedded
 * migrations all have a Spanish translation, incoming messages are matched
 * and filled with their values, unknown messages and English stay as they
 * are. Needs the compiled catalog (TICKETTY_LOCALEDIR). */
#include <stdlib.h>
#include <string.h>

#include "db/servermsg.h"
#include "testdb.h"
#include "util/i18n.h"
#include "util/strbuf.h"

static void language(const char *lang)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	setenv("LANG", lang, 1);
	i18n_init(NULL);
}

static void check_translated(const char *format, void *arg)
{
	struct strbuf *missing = arg;
	if (i18n_pgettext("server", format) == format)
		sb_addf(missing, "\n  %s", format);
}

START_TEST(every_server_format_is_translated)
{
	language("es_ES.UTF-8");
	struct strbuf missing;
	sb_init(&missing);
	size_t n = servermsg_formats(check_translated, &missing);
	ck_assert_msg(n >= 3, "only %zu formats found in the migrations", n);
	ck_assert_msg(missing.len == 0, "server messages without a Spanish translation "
	              "(run make update-po and translate them):%s", missing.buf);
	sb_done(&missing);
}
END_TEST

static void expect(const char *english, const char *want)
{
	char *got = servermsg_translate(english);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(messages_are_filled_with_their_values)
{
	language("es_ES.UTF-8");
	expect("ticket 42 not found", "no se encuentra el ticket 42");
	expect("unknown time zone \"Mars/Olympus\"", "zona horaria desconocida \"Mars/Olympus\"");
	expect("Use an IANA zone name such as America/New_York (see pg_timezone_names).",
	       "Use un nombre de zona IANA como America/New_York (consulte pg_timezone_names).");
	/* a refused field's message, from an escape string (E'field\tcode\t...') */
	expect("Acme Media has no account representative", "Acme Media no tiene representante de cuenta");
	expect("carla@acme.example is an authorised single point of contact of Acme Media: accept the mail instead",
	       "carla@acme.example es un punto único de contacto autorizado de Acme Media: acepte el correo");
	expect("is held (auto_submitted): it is never answered or made a ticket; discard it",
	       "está retenido (respuesta automática): nunca se responde ni se convierte en ticket; descártelo");
	/* a role or hold reason the server names by its key reads in words,
	 * a list of them item by item; the same word as a name stays */
	expect("agent \"admin\" has role pm, but this needs one of: engineer, admin",
	       "el agente \"admin\" tiene el rol responsable de producto, pero esto requiere uno de: "
	       "ingeniero de soporte, administrador");
	expect("agent \"dev1\" is a developer and writes internal notes only",
	       "el agente «dev1» es desarrollador y solo escribe notas internas");
	expect("inbox mail 7 is held (unknown_sender)", "el correo de entrada 7 está retenido (remitente desconocido)");
	/* a refused field's message wherever the migrations write it: joined
	 * to its field (p_field || E'\ttoo_long\t...'), and as the third
	 * argument of admin_problem / intake_line, a label joined before it */
	expect("is longer than 100000 characters", "tiene más de 100000 caracteres");
	expect("you cannot deactivate yourself", "no puede desactivarse a sí mismo");
	expect("Browser must be text", "Navegador debe ser texto");
	/* the summary admin_refuse_if raises, its last argument, and the
	 * refusals nested before it (ARRAY[admin_problem(...)], 'no such customer') */
	expect("the agent was not changed", "no se cambió el agente");
	expect("no such customer", "no existe ese cliente");
	expect("no customer has this name or id", "ningún cliente tiene este nombre o número");
	/* status keys and the migrations' own English value words are translated */
	expect("ticket 5 is already in_progress", "el ticket 5 ya está en curso");
	/* "de nuevo" alone would read "again": the states are named as states */
	expect("ticket 5: new -> closed is not allowed", "ticket 5: no se permite pasar del estado «nuevo» a «cerrado»");
	/* a stale edit's changes, each a message of its own (460), each
	 * time in the reader's order and month names, the zone as it came */
	expect("ticket 1 changed since version 2: alice took it at Nov 18 10:01 EST; "
	       "the system set status to resolved at Dec 1 09:02 EST (now version 4)",
	       "el ticket 1 cambió tras la versión 2: alice lo asumió el 18 nov 10:01 EST; "
	       "el sistema cambió el estado a resuelto el 1 dic 09:02 EST (ahora versión 4)");
	/* what is no such time stays as it came */
	expect("ticket 1 changed since version 2: alice took it at Noo 18 10:01 EST (now version 3)",
	       "el ticket 1 cambió tras la versión 2: alice lo asumió el Noo 18 10:01 EST (ahora versión 3)");
	expect("ticket 1 changed since version 2: alice took it at Nov 38 10:01 (now version 3)",
	       "el ticket 1 cambió tras la versión 2: alice lo asumió el Nov 38 10:01 (ahora versión 3)");
	expect("From in_progress a ticket may go to: waiting_customer, resolved.",
	       "Desde en curso un ticket puede pasar a: esperando al cliente, resuelto.");
	expect("only Ana Ruiz (holder of the CSM level) or a higher level may acknowledge this escalation",
	       "solo Ana Ruiz (titular de Resp. Éxito) o superior puede confirmar");
	/* who must act reads in words; the names in it stay as they are */
	expect("customer Acme has no active CSM to escalate ticket 3 to: an administrator (Sam Porter <sam>) must assign one",
	       "el cliente Acme no tiene un CSM activo al que escalar el ticket 3: un administrador (Sam Porter <sam>) "
	       "debe asignarle uno");
	expect("there is no active agent with role coo to escalate ticket 3 to: an administrator must add one",
	       "no hay ningún agente activo con el rol director de operaciones al que escalar el ticket 3: "
	       "un administrador debe añadir uno");
	/* a request type's name is the database's English reference text:
	 * in the reader's words as the form shows it (i18n_db); a name the
	 * catalogue does not know, and a customer's, stay as they are */
	expect("Billing requests are not support tickets: contact the account representative of Billing Co, "
	       "Rita Rep <rita@example.com>",
	       "las solicitudes de tipo Facturación no son tickets: contacte con el representante de cuenta "
	       "de Billing Co, Rita Rep <rita@example.com>");
	expect("Billing requests are not support tickets: contact the customer's account representative",
	       "las solicitudes de tipo Facturación no son tickets: contacte con el representante de cuenta "
	       "del cliente");
	expect("Partner deals requests are not support tickets: contact the customer's account representative",
	       "las solicitudes de tipo Partner deals no son tickets: contacte con el representante de cuenta "
	       "del cliente");
	expect("Browser is required for request type Billing",
	       "el campo Navegador es obligatorio para el tipo de solicitud Facturación");
	/* a label of any gender and number: "Capturas de pantalla es
	 * obligatorio" agreed with none */
	expect("Screenshots is required for request type Billing",
	       "el campo Capturas de pantalla es obligatorio para el tipo de solicitud Facturación");
	expect("Description is required", "el campo Descripción es obligatorio");
	/* and every intake refusal a label opens (020, 520, 580) */
	expect("Emergency phone is required for a severity 1 (Critical) emergency",
	       "el campo Tel. de emergencia es obligatorio en una emergencia de gravedad 1 (Crítica)");
	expect("Title must be one line, without line breaks, tabs or other control characters",
	       "Título debe ocupar una sola línea, sin saltos de línea, tabuladores ni otros caracteres de control");
	expect("Operating system must contain a version number or a release name, e.g. Windows 11, macOS Sonoma "
	       "or Ubuntu 24.04 LTS",
	       "Sistema operativo debe incluir un número o un nombre de versión, p. ej., Windows 11, "
	       "macOS Sonoma o Ubuntu 24.04 LTS");
	expect("Object IDs must be positive whole numbers; \"x9\" is not",
	       "ID de objetos deben ser números enteros positivos; \"x9\" no lo es");
	/* a value that is no label stays as it is */
	expect("Zorblax must be text", "Zorblax debe ser texto");
	/* the customer's or agent's own words inside a value stay as they are */
	expect("database role \"ana % ñ\" is not a ticketty agent",
	       "el rol de base de datos \"ana % ñ\" no es un agente de ticketty");
}
END_TEST

START_TEST(unknown_messages_and_english_stay)
{
	language("es_ES.UTF-8");
	expect("duplicate key value violates unique constraint \"x\"",
	       "duplicate key value violates unique constraint \"x\"");
	/* formats with too few fixed words are not used to match */
	expect("record \"new\" has no field \"x\"", "record \"new\" has no field \"x\"");
	expect("", "");
	char *null_msg = servermsg_translate(NULL);
	ck_assert_str_eq(null_msg, "");
	free(null_msg);
	language("C.UTF-8");
	expect("ticket 42 not found", "ticket 42 not found");
	/* in English a status is said in words too, not as the database's
	 * key ("in_progress -> closed"), and nothing else changes */
	expect("ticket 5: in_progress -> closed is not allowed",
	       "ticket 5: in progress -> closed is not allowed");
	expect("From waiting_customer a ticket may go to: in_progress, resolved.",
	       "From waiting on customer a ticket may go to: in progress, resolved.");
	expect("ticket 5 is already waiting_engineering", "ticket 5 is already waiting on engineering");
	/* and in each change a stale edit names, the time as it came */
	expect("ticket 1 changed since version 2: alice took it at Nov 18 10:01 EST; "
	       "alice set status to waiting_customer at Nov 18 10:02 EST (now version 4)",
	       "ticket 1 changed since version 2: alice took it at Nov 18 10:01 EST; "
	       "alice set status to waiting on customer at Nov 18 10:02 EST (now version 4)");
	expect("database role \"ana\" is not a ticketty agent", "database role \"ana\" is not a ticketty agent");
}
END_TEST

static Suite *servermsg_suite(void)
{
	Suite *s = suite_create("servermsg");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, every_server_format_is_translated);
	tcase_add_test(tc, messages_are_filled_with_their_values);
	tcase_add_test(tc, unknown_messages_and_english_stay);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(servermsg_suite)
