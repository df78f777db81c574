#!/bin/sh
# The inbox in Spanish at 80x24: headers, states, prompts and answers in
# Spanish; a contact added with `admin contact add --lang es` gets the
# request for the missing items in Spanish, each item asked for in words
# for the customer (intake_field_asks), not the form's help;
# a refusal is answered with the Spanish letter (c).
TT_LANG=es_ES.UTF-8
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/inbox_lib.sh"

inbox_fixture
"$TICKETTY_BIN" --db "dbname=$TT_DB" admin contact add 'Acme Media' --name 'Elena Es' \
	--email elena@example.com --lang es >/dev/null || tt_fail "admin contact add --lang es failed"
# not the authorised contact: her mail may be refused as not_spoc
"$TICKETTY_BIN" --db "dbname=$TT_DB" admin contact list 'Acme Media' | grep -Eq 'elena@example.com +es( |$)' ||
	tt_fail "admin contact list does not show the language"
inbox_mail 'Elena Es <elena@example.com>' 'Anuncios en blanco' 'No se ve nada.' '<e1@customer.test>' | inbox_receive
inbox_mail 'Elena Es <elena@example.com>' 'Otra cosa' 'Hola.' '<e2@customer.test>' | inbox_receive
tt_start
tt_wait_for 'ticketty'
tt_keys 3
tt_wait_for '2 correos en la bandeja'
tt_assert 'RECIBIDO +DE +CLIENTE +ESTADO +ASUNTO'
tt_assert 'Estado: en la bandeja'
tt_assert 'Asunto: Anuncios en blanco'
tt_keys a
tt_wait_for 'La petición pedirá: Tipo de solicitud, Motivo del caso, Gravedad,'
tt_wait_for '¿Enviar esta petición de información\? \[s/N\]'
tt_keys s
tt_wait_for 'correo 1: se han pedido los datos que faltan'
tt_wait_for 'Estado: pidió detalles|Estado: .*correo en cola'

# the request's items, in the contact's language: each asked for in the
# customer's Spanish (intake_field_asks, sql/980), never with the form's
# help for the engineer (intake_field_texts)
body=$(intake_val "SELECT body FROM mail_outbox WHERE inbound_id = 1 AND kind = 'inbox_ask' AND lang = 'es'")
[ -n "$body" ] || tt_fail "no Spanish request was queued"
printf '%s\n' "$body" | grep -q '^Hola, Elena Es:' || tt_fail "the request is not the Spanish template: $body"
# every mandatory item but what the mail gives (its customer's member ID too)
intake_val "SELECT q.label || '|' || q.ask || '|' || x.help FROM intake_fields f
              JOIN intake_field_asks q ON q.name = f.name AND q.lang = 'es'
              JOIN intake_field_texts x ON x.name = f.name AND x.lang = 'es'
             WHERE f.required AND f.applies_when = 'always'
               AND f.name NOT IN ('customer', 'contact', 'title', 'description', 'member_id') ORDER BY f.position" |
while IFS='|' read -r label ask help; do
	printf '%s\n' "$body" | grep -qxF -- "- $label: $ask" ||
		tt_fail "the request does not carry '- $label: $ask': $body"
	printf '%s\n' "$body" | grep -qF -- "$help" && tt_fail "the request carries the form's help '$help': $body"
	:
done || exit 1
printf '%s\n' "$body" | grep -q '^- [A-Z][a-z ]*: [A-Z]' && printf '%s\n' "$body" | grep -q '^- Request type' &&
	tt_fail "the request has English items: $body"

# refusal with the Spanish letter
tt_keys j
tt_wait_for 'Asunto: Otra cosa'
tt_keys r
tt_wait_for 'c: no es el contacto autorizado, nombra a Carla Contact <carla1@example.com>'
tt_assert 'r: asunto del representante de cuenta, nombra a \(ninguno: no se puede usar\)'
tt_wait_for 'Rechazar: c = no es el contacto autorizado'
tt_keys c Enter
tt_wait_for 'correo 2 rechazado: se le indicó a quién dirigirse'
[ "$(intake_val "SELECT lang || '|' || kind FROM mail_outbox WHERE inbound_id = 2")" = "es|inbox_refuse_spoc" ] ||
	tt_fail "the refusal was not sent in Spanish"
tt_keys Q
tt_wait_for 'tt-exit=0'
