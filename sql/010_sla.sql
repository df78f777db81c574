-- 010_sla.sql: the SLA clock and deadlines (DESIGN.md §6).
--
-- WHO OWNS WHICH TICKET COLUMN
--
-- The lifecycle code (api_* functions of other modules) sets ONLY:
--   status, severity, acknowledged_at (on acknowledge), last_public_reply_at
--   (on every public reply), resolved_at (on resolve; back to NULL on
--   reopen), closed_at, updated_at.
--   The moment of a change is taken from NEW.updated_at when the statement
--   changes updated_at, else tt_now(); lifecycle code sets updated_at = tt_now().
--
-- The triggers below own (never write these from other code):
--   first_response_due, first_response_outcome, first_response_clock,
--   first_response_minutes, first_response_risk_at,
--   resolution_due, resolution_paused, resolution_outcome, waiting_since,
--   resolution_clock, resolution_minutes, resolution_risk_at,
--   update_due, update_risk_at, update_missed_count,
--   and the table sla_pauses.
--   An INSERT may supply first_response_due / resolution_due (the demo
--   seeder may); when NULL the BEFORE INSERT trigger computes them.
--
-- Rules:
--   * first response: due = sla_due('first_response', plan, severity,
--     created_at, calendar_id); outcome stored when acknowledged_at is first
--     set (met when acknowledged_at <= due), or at resolution when the ticket
--     is resolved without an acknowledgement.
--   * resolution: due = sla_due('resolution', ...). Entering
--     waiting_customer sets waiting_since and opens a sla_pauses row; leaving
--     it adds the paused time, measured on the resolution target's own clock
--     (business seconds or wall time), to resolution_paused and pushes
--     resolution_due (and resolution_risk_at) on by it. Outcome stored when
--     resolved_at is set; cleared when resolved_at goes back to NULL.
--   * update cadence (severity 1 only, while open): update_due =
--     last public reply (or the acknowledgement before any reply) + cadence.
--     A reply or a resolution that comes after update_due counts one miss in
--     update_missed_count.
--   * severity change: targets re-read for the new severity, from created_at,
--     for every deadline whose outcome is not yet stored (paused time kept).
--   * *_risk_at: the instant at which only 20% of the target is left on the
--     deadline's own clock; before it `ok`, from it `at_risk`, from due on
--     `breached`.
--
-- THE CLOCK
--   calendar_days holds one row per working day of each calendar (opening
--   and closing instants in the calendar's zone, so daylight saving is
--   honoured, and the cumulative business seconds before the day), for
--   2000-01-01 .. 2100-12-31. It is rebuilt by triggers whenever calendars,
--   calendar_hours, holiday_rules or holidays change, so business_add/business_seconds are
--   two index probes each, whatever the span.

SELECT set_config('search_path', 'ticketty', true);

-- ------------------------------------------------------- calendar days --

CREATE TABLE calendar_days (
    calendar_id smallint NOT NULL REFERENCES calendars ON DELETE CASCADE,
    day         date NOT NULL,
    opens_at    timestamptz NOT NULL,
    closes_at   timestamptz NOT NULL,
    secs        bigint NOT NULL CHECK (secs > 0),
    cum_before  bigint NOT NULL,
    PRIMARY KEY (calendar_id, day)
);
CREATE UNIQUE INDEX calendar_days_opens_idx ON calendar_days (calendar_id, opens_at);
CREATE UNIQUE INDEX calendar_days_cum_idx ON calendar_days (calendar_id, cum_before);
COMMENT ON TABLE calendar_days IS
    'Derived from calendars, calendar_hours and holidays: each working day as instants with the business seconds before it. Rebuilt by triggers.';

-- @function calendar_horizon_start (sql/functions/sla.sql)
-- @function calendar_horizon_end (sql/functions/sla.sql)

CREATE TABLE calendar_generations (
    calendar_id smallint PRIMARY KEY REFERENCES calendars ON DELETE CASCADE,
    generation  bigint NOT NULL
);
CREATE SEQUENCE calendar_generation_seq;
COMMENT ON TABLE calendar_generations IS
    'Bumped whenever calendar_days of a calendar is rebuilt; positions stored on tickets name the generation they were measured on.';

-- @function calendar_holidays (sql/functions/sla.sql)

-- @function calendar_rebuild (sql/functions/sla.sql)

-- @function calendar_days_refresh (sql/functions/sla.sql)

CREATE TRIGGER calendars_refresh_days
    AFTER INSERT OR UPDATE OF time_zone ON calendars
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();
CREATE TRIGGER calendar_hours_refresh_days
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_hours
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();
CREATE TRIGGER holidays_refresh_days
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holidays
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();
CREATE TRIGGER holiday_rules_refresh_days
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holiday_rules
    FOR EACH STATEMENT EXECUTE FUNCTION calendar_days_refresh();

-- --------------------------------------------------------------- clock --

-- The clock functions below are on the hot path (once per ticket when
-- seeding, a few times per queue row), so they carry no SET clause (which
-- would cost a configuration save/restore per call) and name their tables
-- with the schema instead.

-- @function business_position (sql/functions/sla.sql)

-- @function business_at (sql/functions/sla.sql)

-- @function business_seconds (sql/functions/sla.sql)

-- @function business_add (sql/functions/sla.sql)

-- @function clock_add (sql/functions/sla.sql)

-- @function clock_between (sql/functions/sla.sql)

-- ------------------------------------------------------------- targets --

-- @function sla_target (sql/functions/sla.sql)

-- @function sla_due (sql/functions/sla.sql)

-- @function sla_risk_at (sql/functions/sla.sql)

-- @function iso_in_zone (sql/functions/sla.sql)

-- ------------------------------------------------------ ticket columns --

COMMENT ON COLUMN tickets.first_response_risk_at IS 'When only 20% of the first-response target is left (at_risk from then on).';
COMMENT ON COLUMN tickets.resolution_paused IS 'Time spent waiting on the customer, on the resolution clock, added to resolution_due.';

CREATE TABLE sla_pauses (
    id          bigserial PRIMARY KEY,
    ticket_id   bigint NOT NULL REFERENCES tickets,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    clock       sla_clock NOT NULL,
    paused_secs bigint CHECK (paused_secs >= 0),
    CHECK ((ended_at IS NULL) = (paused_secs IS NULL))
);
CREATE INDEX sla_pauses_ticket_idx ON sla_pauses (ticket_id, started_at);
CREATE UNIQUE INDEX sla_pauses_one_open ON sla_pauses (ticket_id) WHERE ended_at IS NULL;
COMMENT ON TABLE sla_pauses IS 'Each period a ticket waited on the customer, with the resolution time it added back.';

-- ------------------------------------------------------------ triggers --

-- @function clock_add_cached (sql/functions/sla.sql)

-- @function tickets_sla_targets (sql/functions/sla.sql)

-- @function tickets_sla_update_due (sql/functions/sla.sql)

-- @function tickets_sla_insert (sql/functions/sla.sql)

-- @function tickets_sla_update (sql/functions/sla.sql)

CREATE TRIGGER tickets_sla_insert
    BEFORE INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_sla_insert();
CREATE TRIGGER tickets_sla_update
    BEFORE UPDATE ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_sla_update();

-- An inserted ticket already waiting on the customer gets its pause row
-- from tickets_after_insert (175), the one AFTER INSERT trigger of tickets.

-- --------------------------------------------------------------- state --

CREATE TYPE sla_info AS (
    state          text,
    kind           sla_kind,
    due            timestamptz,
    remaining_secs bigint,
    clock          sla_clock
);

-- @function ticket_sla (sql/functions/sla.sql)

-- ------------------------------------------------------------ privileges --

-- build the days of the calendars that exist already
SELECT calendar_rebuild(c.id) FROM calendars c;
