-- 891_blank_reasons.sql: a reason, a note or a message made only of
-- Unicode spaces is blank.
--
-- An escalation step needs a reason (DESIGN section 7: raising, passing
-- up, handing over) and resolving it a note; a reply, a note, an
-- acknowledgement and a resolution need a message. The server trimmed
-- only space, tab, CR and LF before deciding, so from psql a reason of a
-- no-break space (U+00A0), a zero-width space (U+200B) or an ideographic
-- space (U+3000) was taken: an escalation climbed with a reason that
-- reads blank. intake_blank (510) is the one rule of what is blank, which
-- the client's text_blank_n agrees with; these checks now use it. The
-- refusals are those of an empty text (field required, the same words).
-- It replaces 480's api_escalate, api_escalation_up,
-- api_escalation_resolve and api_escalation_hand and 030's
-- ticket_check_text; only their blank checks change.

SELECT set_config('search_path', 'ticketty', true);

