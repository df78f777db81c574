-- 020_intake.sql: taking a ticket in. api_ticket_create(payload jsonb)
-- checks a new ticket against the intake_fields metadata and the reference
-- tables, and either creates it (routed to its request type's team, plan and
-- calendar copied from the customer, audited, emergencies notified) or
-- refuses it with SQLSTATE TT400 naming every offending field at once.
-- api_ticket_check(payload) runs the same check without creating anything.
--
-- Payload: a JSON object keyed by intake field name (plus idempotency_key).
-- customer: id or exact name; contact: id or e-mail; request_type, reason:
-- key (or id); severity: level, key or name; id fields: positive integers
-- (numbers or digit strings); list fields: JSON arrays (a string is also
-- accepted: split on commas/blanks for ids, on line breaks for screenshots).
--
-- The due times of the new ticket are filled by the SLA trigger (010_sla).
-- Applied by the migration runner in one transaction; never edit once applied.

SELECT set_config('search_path', 'ticketty', true);

COMMENT ON COLUMN tickets.extra IS
    'Values of intake fields that a deployment added to intake_fields and that have no column of their own.';

-- The helpers below carry no SET clause and name everything they use with
-- its schema (pg_catalog comes first anyway): a SET clause turns every call
-- into a full function call that saves and restores the setting, and keeps
-- the planner from inlining the function. They run per field and per list
-- entry of every ticket (intake_positive_id used to run ~160 times per
-- ticket, once per customer and contact row scanned); their callers pin
-- the path.

-- @function intake_line (sql/functions/intake.sql)

-- @function intake_blank (sql/functions/intake.sql)

-- @function intake_positive_id (sql/functions/intake.sql)

-- @function intake_list (sql/functions/intake.sql)

-- A contact is looked up by its address (case-insensitive) at every intake.
CREATE INDEX contacts_email_lower_idx ON contacts (lower(email));

-- @function intake_applies (sql/functions/intake.sql)

-- @function intake_form (sql/functions/intake.sql)

-- @function intake_resolve (sql/functions/intake.sql)

-- @function ticket_notify_emergency (sql/functions/intake.sql)

-- @function api_ticket_check (sql/functions/intake.sql)

-- @function intake_same_retry (sql/functions/intake.sql)

-- @function api_ticket_create (sql/functions/intake.sql)

