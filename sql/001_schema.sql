-- 001_schema.sql: tables, types, reference data and indexes of ticketty.
--
-- Applied by the migration runner inside ONE transaction (no BEGIN/COMMIT
-- here), by a superuser or the database owner. The runner itself creates
-- the schema and schema_migrations before applying this file, hence the
-- IF NOT EXISTS on those two objects only. Never edit this file once it has
-- been applied anywhere: add a new numbered migration instead.

CREATE SCHEMA IF NOT EXISTS ticketty;
SELECT set_config('search_path', 'ticketty', true);

CREATE TABLE IF NOT EXISTS schema_migrations (
    version    int PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()  -- layer-check: real clock (bookkeeping)
);

-- ---------------------------------------------------------------- clock --
-- THE clock of every rule (deadlines, SLA states, pauses, cadence, reports,
-- escalation ages, the time stamps the schema writes): nothing in sql/ or
-- src/model calls now() but tt_now() below (make check-layers enforces it).
--
-- Tests and demos pin it in two ways:
--   * per database: one row in clock_pin, written by the schema owner or a
--     superuser only (agents may read it). `pinned_at` is what the clock
--     showed at the real instant `set_at`; a running pin moves on from there
--     at the real pace, a frozen one stands still.
--   * per session: the setting ticketty.now (an ISO 8601 instant, frozen),
--     honoured only when the session's login may write clock_pin. An agent's
--     SET, set_config() or `options=-c ticketty.now=...` changes nothing.

CREATE TABLE clock_pin (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    pinned_at timestamptz NOT NULL,
    set_at    timestamptz NOT NULL DEFAULT now(),  -- layer-check: real clock (the pin's origin)
    frozen    boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE clock_pin IS
    'At most one row: the database''s pinned clock (tests, demos). Owner-only writes; see tt_now().';

-- @function clock_may_pin (sql/functions/schema.sql)

-- @function tt_now (sql/functions/schema.sql)

-- ---------------------------------------------------------------- types --

CREATE TYPE plan_kind        AS ENUM ('premium', 'basic');
CREATE TYPE agent_role       AS ENUM ('engineer', 'csm', 'coo', 'ceo', 'pm', 'developer', 'admin');
CREATE TYPE ticket_status    AS ENUM ('new', 'acknowledged', 'in_progress', 'waiting_customer',
                                      'waiting_engineering', 'resolved', 'closed');
CREATE TYPE comment_kind     AS ENUM ('public', 'internal', 'customer');
CREATE TYPE sla_clock        AS ENUM ('business', 'wall');
CREATE TYPE sla_kind         AS ENUM ('first_response', 'resolution', 'update');
CREATE TYPE sla_outcome      AS ENUM ('met', 'missed');
CREATE TYPE escalation_state AS ENUM ('open', 'acknowledged', 'resolved', 'passed_up');
CREATE TYPE field_kind       AS ENUM ('text', 'multiline', 'customer', 'contact', 'request_type',
                                      'reason', 'severity', 'id_list', 'id', 'url_list', 'phone');

-- ------------------------------------------------------------- routing --

CREATE TABLE teams (
    id   smallserial PRIMARY KEY,
    key  text UNIQUE NOT NULL CHECK (key ~ '^[a-z_]+$'),
    name text NOT NULL CHECK (btrim(name) <> '')
);

CREATE TABLE request_types (
    id          smallserial PRIMARY KEY,
    key         text UNIQUE NOT NULL CHECK (key ~ '^[a-z_]+$'),
    name        text NOT NULL CHECK (btrim(name) <> ''),
    example     text,
    team_id     smallint REFERENCES teams,
    account_rep boolean NOT NULL DEFAULT false,
    ui_related  boolean NOT NULL DEFAULT false,
    position    int NOT NULL UNIQUE,
    CHECK (account_rep = (team_id IS NULL))
);

CREATE TABLE severities (
    level             smallint PRIMARY KEY CHECK (level BETWEEN 1 AND 4),
    key               text UNIQUE NOT NULL CHECK (key IN ('critical', 'urgent', 'high', 'medium')),
    name              text NOT NULL CHECK (name IN ('Critical', 'Urgent', 'High', 'Medium')),
    emergency         boolean NOT NULL,
    definition        text NOT NULL,
    function_criteria text NOT NULL,
    data_criteria     text NOT NULL,
    backend_criteria  text NOT NULL
);

CREATE TABLE case_reasons (
    id         smallserial PRIMARY KEY,
    key        text UNIQUE NOT NULL CHECK (key ~ '^[a-z_]+$'),
    name       text NOT NULL,
    definition text NOT NULL
);

CREATE TABLE escalation_levels (
    level smallint PRIMARY KEY CHECK (level BETWEEN 1 AND 3),
    key   text UNIQUE NOT NULL CHECK (key IN ('csm', 'coo', 'ceo')),
    title text NOT NULL
);

-- ------------------------------------------------------------ calendars --

-- @function is_valid_time_zone (sql/functions/schema.sql)

CREATE TABLE calendars (
    id         smallserial PRIMARY KEY,
    name       text UNIQUE NOT NULL CHECK (btrim(name) <> ''),
    time_zone  text NOT NULL,
    is_default boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX calendars_one_default ON calendars ((true)) WHERE is_default;

-- @function calendars_check_time_zone (sql/functions/schema.sql)
CREATE TRIGGER calendars_check_time_zone
    BEFORE INSERT OR UPDATE OF time_zone ON calendars
    FOR EACH ROW EXECUTE FUNCTION calendars_check_time_zone();

-- @function default_calendar_id (sql/functions/schema.sql)

CREATE TABLE calendar_hours (
    calendar_id smallint REFERENCES calendars ON DELETE CASCADE,
    isodow      smallint CHECK (isodow BETWEEN 1 AND 7),
    opens       time NOT NULL,
    closes      time NOT NULL,
    CHECK (closes > opens),
    PRIMARY KEY (calendar_id, isodow)
);

-- Holidays come from rules, for any year (DESIGN.md §6): a fixed date
-- (with its observed day when `observed`: Saturday -> Friday, Sunday ->
-- Monday, even across a year end) or the nth weekday of a month (nth = -1
-- for the last one). calendar_holidays() turns them into dates.
CREATE TABLE holiday_rules (
    id          serial PRIMARY KEY,
    calendar_id smallint NOT NULL REFERENCES calendars ON DELETE CASCADE,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    month       smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
    day         smallint CHECK (day BETWEEN 1 AND 31),
    isodow      smallint CHECK (isodow BETWEEN 1 AND 7),
    nth         smallint CHECK (nth IN (-1, 1, 2, 3, 4, 5)),
    observed    boolean NOT NULL DEFAULT false,
    CHECK ((day IS NULL) = (isodow IS NOT NULL) AND (isodow IS NULL) = (nth IS NULL)),
    CHECK (day IS NOT NULL OR NOT observed)
);
CREATE INDEX holiday_rules_calendar_idx ON holiday_rules (calendar_id);

-- One-off dates an admin adds (working = false: closed that day) or takes
-- away from the rules (working = true: open after all).
CREATE TABLE holidays (
    calendar_id smallint REFERENCES calendars ON DELETE CASCADE,
    day         date,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    working     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (calendar_id, day)
);

CREATE TABLE sla_targets (
    kind     sla_kind,
    plan     plan_kind,
    severity smallint REFERENCES severities,
    minutes  int NOT NULL CHECK (minutes > 0),
    clock    sla_clock NOT NULL,
    PRIMARY KEY (kind, plan, severity)
);

-- ------------------------------------------------------ people, accounts --

CREATE TABLE agents (
    id           serial PRIMARY KEY,
    login        name UNIQUE NOT NULL CHECK (login <> ''),
    display_name text NOT NULL CHECK (btrim(display_name) <> ''),
    email        text CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    role         agent_role NOT NULL,
    team_id      smallint REFERENCES teams,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT tt_now()
);

CREATE TABLE customers (
    id                serial PRIMARY KEY,
    name              text UNIQUE NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    member_id         bigint NOT NULL UNIQUE CHECK (member_id > 0),
    plan              plan_kind NOT NULL,
    csm_id            int REFERENCES agents,
    account_rep_name  text,
    account_rep_email text CHECK (account_rep_email ~ '^[^@\s]+@[^@\s]+$'),
    calendar_id       smallint NOT NULL DEFAULT default_calendar_id() REFERENCES calendars,
    active            boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT tt_now()
);
CREATE INDEX customers_csm_idx ON customers (csm_id);

CREATE TABLE contacts (
    id          serial PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customers,
    name        text NOT NULL CHECK (btrim(name) <> ''),
    email       text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    phone       text,
    spoc        boolean NOT NULL DEFAULT false,
    active      boolean NOT NULL DEFAULT true,
    lang        text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es'))
);
CREATE UNIQUE INDEX contacts_customer_email_key ON contacts (customer_id, lower(email));

-- --------------------------------------------------------------- intake --

CREATE TABLE intake_fields (
    name        text PRIMARY KEY CHECK (name ~ '^[a-z_]+$'),
    label       text NOT NULL,
    kind        field_kind NOT NULL,
    required    boolean NOT NULL,
    applies_when text NOT NULL DEFAULT 'always'
                CHECK (applies_when IN ('always', 'ui_related', 'emergency')),
    position    int NOT NULL UNIQUE,
    max_length  int CHECK (max_length > 0),
    help        text NOT NULL
);

-- -------------------------------------------------------------- tickets --

CREATE TABLE tickets (
    id                     bigserial PRIMARY KEY,
    customer_id            int NOT NULL REFERENCES customers,
    contact_id             int NOT NULL REFERENCES contacts,
    request_type_id        smallint NOT NULL REFERENCES request_types,
    team_id                smallint NOT NULL REFERENCES teams,
    reason_id              smallint NOT NULL REFERENCES case_reasons,
    severity               smallint NOT NULL REFERENCES severities,
    status                 ticket_status NOT NULL DEFAULT 'new',
    title                  text NOT NULL,
    description            text NOT NULL,
    impact                 text NOT NULL,
    object_ids             text[] NOT NULL,
    member_id              bigint NOT NULL,
    bidder_id              bigint,
    creative_id            bigint,
    repro_steps            text NOT NULL,
    screenshots            text[] NOT NULL DEFAULT '{}',
    browser                text NOT NULL,
    os                     text NOT NULL,
    phone                  text,
    bug_ref                text,
    assignee_id            int REFERENCES agents,
    created_by             int REFERENCES agents,
    calendar_id            smallint NOT NULL REFERENCES calendars,
    plan                   plan_kind NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT tt_now(),
    updated_at             timestamptz NOT NULL DEFAULT tt_now(),
    first_response_due     timestamptz NOT NULL,
    acknowledged_at        timestamptz,
    first_response_outcome sla_outcome,
    resolution_due         timestamptz NOT NULL,
    resolution_paused      interval NOT NULL DEFAULT '0',
    waiting_since          timestamptz,
    resolved_at            timestamptz,
    resolution_outcome     sla_outcome,
    update_due             timestamptz,
    last_public_reply_at   timestamptz,
    update_missed_count    int NOT NULL DEFAULT 0 CHECK (update_missed_count >= 0),
    closed_at              timestamptz,
    -- the level of the live (open or acknowledged) escalation, 0 when none is live
    escalation_level       smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
    version                int NOT NULL DEFAULT 1 CHECK (version > 0),
    idempotency_key        text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    idempotency_digest     bytea,   -- sha256 of the intake payload that used the key
    is_open                boolean GENERATED ALWAYS AS (status NOT IN ('resolved', 'closed')) STORED,
    next_due               timestamptz GENERATED ALWAYS AS (
                               LEAST(CASE WHEN acknowledged_at IS NULL THEN first_response_due END,
                                     CASE WHEN resolved_at IS NULL THEN resolution_due END,
                                     update_due)) STORED,
    -- The queue's sort keys (DESIGN.md §6): a ticket whose every clock is
    -- paused (waiting on the customer after the first response, no update
    -- cadence) sorts after the running ones; queue_due is the *next running*
    -- deadline (first response while unacknowledged, the update cadence,
    -- the resolution unless paused), for a paused ticket its frozen
    -- resolution deadline. queue_sla() (050_queue.sql) shows the time left
    -- to this same deadline.
    queue_paused           boolean GENERATED ALWAYS AS (
                               status = 'waiting_customer'
                               AND (acknowledged_at IS NOT NULL OR first_response_outcome IS NOT NULL)
                               AND update_due IS NULL) STORED,
    queue_due              timestamptz GENERATED ALWAYS AS (
                               CASE WHEN status NOT IN ('resolved', 'closed') THEN
                               coalesce(LEAST(CASE WHEN acknowledged_at IS NULL AND first_response_outcome IS NULL
                                                   THEN first_response_due END,
                                              update_due,
                                              CASE WHEN resolved_at IS NULL AND status <> 'waiting_customer'
                                                   THEN resolution_due END),
                                        resolution_due) END) STORED,

    -- the SLA bookkeeping owned by the triggers of 010_sla.sql (see its
    -- header): each target's clock and minutes, the at-risk instants, and
    -- the business positions of the dues with the calendar generation
    -- they were measured on
    first_response_clock   sla_clock,
    first_response_minutes int,
    first_response_risk_at timestamptz,
    resolution_clock       sla_clock,
    resolution_minutes     int,
    resolution_risk_at     timestamptz,
    update_risk_at         timestamptz,
    first_response_due_pos numeric,
    resolution_due_pos     numeric,
    sla_generation         bigint,
    update_clock           sla_clock,

    -- intake fields a deployment added to intake_fields that have no
    -- column of their own, validated like the others, by field name
    extra jsonb NOT NULL DEFAULT '{}'
        CONSTRAINT tickets_extra_object CHECK (jsonb_typeof(extra) = 'object'),

    -- state machine invariants
    CONSTRAINT tickets_waiting_engineering_needs_bug_ref
        CHECK (status <> 'waiting_engineering' OR (bug_ref IS NOT NULL AND btrim(bug_ref) <> '')),
    CONSTRAINT tickets_emergency_needs_phone
        CHECK (severity <> 1 OR (phone IS NOT NULL AND btrim(phone) <> '')),
    CONSTRAINT tickets_closed_iff_closed_at
        CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
    CONSTRAINT tickets_resolved_has_resolved_at
        CHECK (status <> 'resolved' OR resolved_at IS NOT NULL),
    CONSTRAINT tickets_ack_after_creation    CHECK (acknowledged_at >= created_at),
    CONSTRAINT tickets_resolved_after_creation CHECK (resolved_at >= created_at),
    CONSTRAINT tickets_closed_after_creation CHECK (closed_at >= created_at),
    CONSTRAINT tickets_paused_not_negative   CHECK (resolution_paused >= interval '0'),

    -- field bounds: intake_fields.max_length states them for the check and
    -- the form; these repeat them as the last guard, and test_intake
    -- (length_bounds_agree_with_the_table) fails when the two differ
    CONSTRAINT tickets_title_len
        CHECK (char_length(title) BETWEEN 1 AND 200 AND btrim(title) <> ''),
    CONSTRAINT tickets_description_len  CHECK (char_length(description) BETWEEN 1 AND 100000),
    CONSTRAINT tickets_impact_len       CHECK (char_length(impact) BETWEEN 1 AND 20000),
    CONSTRAINT tickets_repro_steps_len  CHECK (char_length(repro_steps) BETWEEN 1 AND 100000),
    CONSTRAINT tickets_browser_len      CHECK (char_length(browser) BETWEEN 1 AND 200),
    CONSTRAINT tickets_os_len           CHECK (char_length(os) BETWEEN 1 AND 200),
    CONSTRAINT tickets_phone_len        CHECK (char_length(phone) BETWEEN 1 AND 64),
    CONSTRAINT tickets_bug_ref_len      CHECK (char_length(bug_ref) BETWEEN 1 AND 200),
    CONSTRAINT tickets_object_ids_card
        CHECK (cardinality(object_ids) BETWEEN 1 AND 1000 AND array_position(object_ids, NULL) IS NULL),
    CONSTRAINT tickets_screenshots_card
        CHECK (cardinality(screenshots) <= 100 AND array_position(screenshots, NULL) IS NULL),
    CONSTRAINT tickets_ids_positive
        CHECK (member_id > 0 AND (bidder_id IS NULL OR bidder_id > 0)
               AND (creative_id IS NULL OR creative_id > 0))
);

-- Queue: open tickets by severity, running before paused, next running
-- deadline, id (DESIGN.md §6). Keyset pagination uses the same row order.
CREATE INDEX tickets_queue_idx
    ON tickets (severity, queue_paused, queue_due, id) WHERE is_open;
CREATE INDEX tickets_assignee_queue_idx
    ON tickets (assignee_id, severity, queue_paused, queue_due, id) WHERE is_open;
CREATE INDEX tickets_team_queue_idx
    ON tickets (team_id, severity, queue_paused, queue_due, id) WHERE is_open;
-- (tickets by customer, and the customers foreign key: the leading column
-- of tickets_customer_history_idx, 070; an index of customer_id alone
-- would only cost every insert)
-- Every filter of the queue has an index in the queue's order, so a page
-- reads its rows and no others however large the desk grows: one open
-- status, one closed status (the queue adds NOT is_open to that filter),
-- the two waiting states together, and the unassigned tickets of all teams.
CREATE INDEX tickets_open_status_queue_idx
    ON tickets (status, severity, queue_paused, queue_due, id) WHERE is_open;
CREATE INDEX tickets_closed_status_queue_idx
    ON tickets (status, severity, queue_paused, queue_due, id) WHERE NOT is_open;
CREATE INDEX tickets_waiting_queue_idx
    ON tickets (severity, queue_paused, queue_due, id)
    WHERE is_open AND status IN ('waiting_customer', 'waiting_engineering');
CREATE INDEX tickets_open_unassigned_queue_idx
    ON tickets (severity, queue_paused, queue_due, id) WHERE is_open AND assignee_id IS NULL;
-- SLA sweeps: open tickets whose nearest deadline has passed.
CREATE INDEX tickets_open_next_due_idx ON tickets (next_due) WHERE is_open;

CREATE TABLE comments (
    id         bigserial PRIMARY KEY,
    ticket_id  bigint NOT NULL REFERENCES tickets,
    author_id  int REFERENCES agents,
    kind       comment_kind NOT NULL,
    body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
    created_at timestamptz NOT NULL DEFAULT tt_now()
);
CREATE INDEX comments_ticket_idx ON comments (ticket_id, created_at, id);

CREATE TABLE ticket_events (
    id        bigserial PRIMARY KEY,
    ticket_id bigint NOT NULL REFERENCES tickets,
    actor_id  int REFERENCES agents,
    at        timestamptz NOT NULL DEFAULT tt_now(),
    kind      text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]*$'),
    version   int,
    details   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, at, id);

CREATE TABLE escalations (
    id              bigserial PRIMARY KEY,
    ticket_id       bigint NOT NULL REFERENCES tickets,
    round           smallint NOT NULL DEFAULT 1 CHECK (round > 0),
    level           smallint NOT NULL REFERENCES escalation_levels,
    -- the ticket's severity, kept current on live rows by triggers
    -- (040_escalation.sql): the escalation lists' order, from one index
    ticket_severity smallint NOT NULL,
    holder_id       int REFERENCES agents,
    raised_by       int NOT NULL REFERENCES agents,
    reason          text NOT NULL CHECK (btrim(reason) <> ''),
    raised_at       timestamptz NOT NULL DEFAULT tt_now(),
    state           escalation_state NOT NULL DEFAULT 'open',
    acknowledged_by int REFERENCES agents,
    acknowledged_at timestamptz,
    resolved_by     int REFERENCES agents,
    resolved_at     timestamptz,
    resolution_note text,
    UNIQUE (ticket_id, round, level),
    CONSTRAINT escalations_ack_pair
        CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)),
    CONSTRAINT escalations_acknowledged_has_ack
        CHECK (state <> 'acknowledged' OR acknowledged_at IS NOT NULL),
    CONSTRAINT escalations_resolved_has_note
        CHECK (state <> 'resolved'
               OR (resolved_at IS NOT NULL AND resolution_note IS NOT NULL
                   AND btrim(resolution_note) <> ''))
);
-- At most one live (open or acknowledged) escalation per ticket.
CREATE UNIQUE INDEX escalations_one_live_per_ticket
    ON escalations (ticket_id) WHERE state IN ('open', 'acknowledged');
-- The escalation lists (every level, or one): highest level first, then
-- the most severe ticket, oldest first. A read stops at its LIMIT: view 2
-- reads a page of 100 rows (more as the cursor nears the end), the CLI at
-- most 500.
CREATE INDEX escalations_live_list_idx
    ON escalations (level DESC, ticket_severity, raised_at, id) WHERE state IN ('open', 'acknowledged');
CREATE INDEX escalations_live_holder_idx
    ON escalations (holder_id, raised_at) WHERE state IN ('open', 'acknowledged');

CREATE TABLE ticket_collaborators (
    ticket_id bigint REFERENCES tickets,
    agent_id  int REFERENCES agents,
    added_by  int REFERENCES agents,
    added_at  timestamptz NOT NULL DEFAULT tt_now(),
    PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX ticket_collaborators_agent_idx ON ticket_collaborators (agent_id);

CREATE TABLE notifications (
    id                   bigserial PRIMARY KEY,
    recipient_agent_id   int REFERENCES agents,
    recipient_contact_id int REFERENCES contacts,
    recipient_email      text,
    kind                 text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.-]*$'),
    ticket_id            bigint REFERENCES tickets,
    escalation_id        bigint REFERENCES escalations,
    payload              jsonb NOT NULL DEFAULT '{}',
    created_at           timestamptz NOT NULL DEFAULT tt_now(),
    sent_at              timestamptz,
    read_at              timestamptz,
    CHECK (recipient_agent_id IS NOT NULL OR recipient_contact_id IS NOT NULL
           OR recipient_email IS NOT NULL)
);
CREATE INDEX notifications_unsent_idx ON notifications (created_at, id) WHERE sent_at IS NULL;
CREATE INDEX notifications_unread_agent_idx
    ON notifications (recipient_agent_id, created_at) WHERE read_at IS NULL;
CREATE INDEX notifications_ticket_idx ON notifications (ticket_id);

-- ------------------------------------------------------------- comments --

COMMENT ON TABLE schema_migrations    IS 'Migrations applied so far, one row per sql/NNN_*.sql file.';
COMMENT ON TABLE teams                IS 'Support teams that tickets are routed to.';
COMMENT ON TABLE request_types        IS 'Kinds of request on the intake form, each routed to a team or refused to the account representative.';
COMMENT ON TABLE severities           IS 'Severity levels 1-4 with the definition and Function/Data/Back End criteria shown as intake help.';
COMMENT ON TABLE case_reasons         IS 'Why the customer opened the case (bug, handling question, customization, feature request).';
COMMENT ON TABLE escalation_levels    IS 'The three-step support escalation path: CSM, COO, CEO.';
COMMENT ON TABLE calendars            IS 'Business calendars (time zone); exactly one may be the default.';
COMMENT ON TABLE calendar_hours       IS 'Opening hours per ISO weekday, half-open [opens, closes) in the calendar''s zone.';
COMMENT ON TABLE holiday_rules        IS 'Holidays of each calendar as rules for every year (fixed date with observed day, or nth weekday).';
COMMENT ON TABLE holidays             IS 'One-off dates per calendar: closed (added) or, with working, open although a rule says holiday.';
COMMENT ON TABLE sla_targets          IS 'SLA targets in minutes by kind, plan and severity, on the business or wall clock (1 business day = 540).';
COMMENT ON TABLE agents               IS 'Support staff; login is the PostgreSQL role name matched against session_user.';
COMMENT ON TABLE customers            IS 'Customer accounts with plan, CSM, account representative and business calendar.';
COMMENT ON TABLE contacts             IS 'People at a customer; spoc marks those authorised to open tickets.';
COMMENT ON TABLE intake_fields        IS 'Intake form metadata, in form order: drives both the client form and the server-side check.';
COMMENT ON TABLE tickets              IS 'Support tickets with routing, state, SLA deadlines/outcomes and a version for optimistic locking.';
COMMENT ON TABLE comments             IS 'Public replies to the customer, the customer''s own messages (mail) and internal notes on tickets.';
COMMENT ON TABLE ticket_events        IS 'Append-only audit log of every change made to a ticket.';
COMMENT ON TABLE escalations          IS 'One row per escalation step of a ticket (round, level, who raised it, acknowledgement, outcome).';
COMMENT ON TABLE ticket_collaborators IS 'Agents working a ticket besides its assignee.';
COMMENT ON TABLE notifications        IS 'Outbox of notifications to agents, contacts or plain addresses.';

-- ------------------------------------------------------- reference data --

INSERT INTO teams (key, name) VALUES
    ('anti_malvertising', 'Anti-Malvertising'),
    ('app_support',       'App Support'),
    ('ad_quality',        'Ad Quality'),
    ('client_services',   'Client Services'),
    ('inventory_quality', 'Inventory Quality');

INSERT INTO request_types (key, name, example, team_id, account_rep, ui_related, position)
SELECT v.key, v.name, v.example, t.id, v.team IS NULL, v.ui, v.pos
FROM (VALUES
    (1,  'anti_malvertising',        'Anti-malvertising',
         'A creative delivers malicious code on the publisher''s inventory', 'anti_malvertising', false),
    (2,  'app_bug',                  'App bug',
         'The app does not start or never finishes loading', 'app_support', true),
    (3,  'creative_audit',           'Creative audit',
         'A creative was turned down although it meets the rules', 'ad_quality', false),
    (4,  'critical_data_pull',       'Critical data pull',
         'Data the business depends on that no report in the product can return', 'client_services', false),
    (5,  'inventory_quality',        'Inventory quality',
         'A campaign delivers on a site below the inventory standards', 'inventory_quality', false),
    (6,  'technical_implementation', 'Technical implementation',
         'Ad calls come back with errors because of how they were set up', 'client_services', false),
    (7,  'manual_configuration',     'Manual configuration change',
         'A change the product cannot make itself, such as sharing a data provider''s segment', 'client_services', false),
    (8,  'ad_serving',               'Ad serving issue',
         'Placements suddenly render blank with no visible cause', 'client_services', false),
    (9,  'media_trading',            'Buying or selling media',
         'A campaign does not deliver and nothing explains why', 'client_services', false),
    (10, 'traffic_quality',          'Traffic quality',
         'A click-through rate that looks too high to be real', 'client_services', false),
    (11, 'ui_api_bug',               'UI/API bug or product issue',
         'A button does nothing, or an API PUT call does not apply the change', 'client_services', true),
    (12, 'business_question',        'Business question',
         'Questions about contracts or the commercial relationship', NULL, false),
    (13, 'billing',                  'Billing',
         'Invoices, fees and payments', NULL, false),
    (14, 'training',                 'Training',
         'Learning how to use the platform', NULL, false),
    (15, 'enhancement_request',      'Enhancement request',
         'Asking for the product to be extended or changed', NULL, false),
    (16, 'product_roadmap',          'Product roadmap',
         'What is planned and when it will ship', NULL, false),
    (17, 'general_usage',            'General product usage',
         'How to do an everyday task in the product', NULL, false),
    (18, 'beta_participation',       'Alpha/beta participation',
         'Joining an early test of a new feature', NULL, false)
) AS v(pos, key, name, example, team, ui)
LEFT JOIN teams t ON t.key = v.team;

INSERT INTO severities (level, key, name, emergency, definition,
                        function_criteria, data_criteria, backend_criteria) VALUES
(1, 'critical', 'Critical', true,
 'A production problem that hits every user, such as the system being down or data integrity being lost, and no workaround exists.',
 'Software errors keep the platform from working at all.',
 'Platform data is badly wrong, corrupt, unusable or gone, so the analyses it produces cannot be trusted in substance.',
 'Data or functions received through interfaces from connected systems (for example the ad server) are badly wrong, because an interface fails or a platform function distorts them.'),
(2, 'urgent', 'Urgent', false,
 'Major functionality is impaired or performance is badly degraded; the problem persists, reaches many users or a major function, and there is no reasonable workaround.',
 'Functions that are not critical have failed in a way users notice.',
 'Some platform data is wrong; more of it is corrupt, unusable or missing, or the accuracy of analyses is partly affected.',
 'Some data or functions received through interfaces from connected systems are wrong, because an interface fails or a platform function distorts them.'),
(3, 'high', 'High', false,
 'A performance problem or bug that reaches some users but not all; a short-term workaround exists but does not scale.',
 'Functions that are not critical have failed in a way users notice.',
 'Some platform data is wrong; more of it is corrupt, unusable or missing, or the accuracy of analyses is partly affected.',
 'Some data or functions received through interfaces from connected systems are wrong, because an interface fails or add-ons installed with the platform distort them.'),
(4, 'medium', 'Medium', false,
 'A routine technical question, a question about what the application can do, navigation, installation or configuration, or a bug that reaches few users. A reasonable workaround exists; fix as soon as reasonably practical.',
 'Small software errors that leave the platform and its add-ons fully usable.',
 'Slightly more data discrepancies than usual; data is unusable only to a minor degree and neither daily work nor the accuracy of analyses suffers.',
 'Small discrepancies, or wrong or unavailable data or functions, that affect neither staff nor analyses.');

INSERT INTO case_reasons (key, name, definition) VALUES
('bug',                   'Bug',
 'The product behaves abnormally, unexpectedly or irregularly, or shows errors.'),
('handling_question',     'Question about handling',
 'Any question or doubt about using the product or its documentation, including new functions, help where documentation is missing or not written yet, and functions that are hard to understand.'),
('customization_request', 'Customization / development request',
 'The customer needs something adapted or built for their own business only.'),
('feature_request',       'Feature request',
 'A new feature that would make the product better for all customers.');

INSERT INTO escalation_levels (level, key, title) VALUES
(1, 'csm', 'Customer Success Manager'),
(2, 'coo', 'Chief Operating Officer'),
(3, 'ceo', 'Chief Executive Officer');

INSERT INTO calendars (name, time_zone, is_default) VALUES ('default', 'America/New_York', true);

INSERT INTO calendar_hours (calendar_id, isodow, opens, closes)
SELECT default_calendar_id(), d, '09:00', '18:00' FROM generate_series(1, 5) AS d;

-- The US federal holidays (5 U.S.C. 6103): fixed dates observed on the
-- nearest weekday, the others on the nth (or last) weekday of their month.
INSERT INTO holiday_rules (calendar_id, name, month, day, isodow, nth, observed)
SELECT default_calendar_id(), v.name, v.month, v.day, v.isodow, v.nth, v.day IS NOT NULL
FROM (VALUES
    ('New Year''s Day',                      1,    1, NULL::int, NULL::int),
    ('Birthday of Martin Luther King, Jr.',  1, NULL,    1,  3),
    ('Washington''s Birthday',               2, NULL,    1,  3),
    ('Memorial Day',                         5, NULL,    1, -1),
    ('Juneteenth National Independence Day', 6,   19, NULL, NULL),
    ('Independence Day',                     7,    4, NULL, NULL),
    ('Labor Day',                            9, NULL,    1,  1),
    ('Columbus Day',                        10, NULL,    1,  2),
    ('Veterans Day',                        11,   11, NULL, NULL),
    ('Thanksgiving Day',                    11, NULL,    4,  4),
    ('Christmas Day',                       12,   25, NULL, NULL)
) AS v(name, month, day, isodow, nth);

-- 1 business hour = 60, 1 business day = 540 (one 9-hour opening day).
INSERT INTO sla_targets (kind, plan, severity, minutes, clock) VALUES
('first_response', 'premium', 1,   60, 'wall'),
('first_response', 'premium', 2,  120, 'business'),
('first_response', 'premium', 3,  240, 'business'),
('first_response', 'premium', 4,  540, 'business'),
('first_response', 'basic',   1,   60, 'wall'),
('first_response', 'basic',   2,  240, 'business'),
('first_response', 'basic',   3,  540, 'business'),
('first_response', 'basic',   4, 1080, 'business'),
('resolution',     'premium', 1,  480, 'wall'),
('resolution',     'premium', 2,  540, 'business'),
('resolution',     'premium', 3, 1620, 'business'),
('resolution',     'premium', 4, 2700, 'business'),
('resolution',     'basic',   1, 1440, 'wall'),
('resolution',     'basic',   2, 1080, 'business'),
('resolution',     'basic',   3, 2700, 'business'),
('resolution',     'basic',   4, 5400, 'business'),
('update',         'premium', 1,  120, 'wall'),
('update',         'basic',   1,  120, 'wall');

INSERT INTO intake_fields (name, label, kind, required, applies_when, position, max_length, help) VALUES
('customer',     'Customer',             'customer',     true,  'always',     10,  NULL,
 'The account the ticket is opened for.'),
('contact',      'Requesting contact',   'contact',      true,  'always',     20,  NULL,
 'Who asks for help. Only contacts the customer has authorised as its single point of contact may open tickets.'),
('request_type', 'Request type',         'request_type', true,  'always',     30,  NULL,
 'What the request is about; this decides which team receives it. Some types are handled by the account representative and are not tickets.'),
('reason',       'Case reason',          'reason',       true,  'always',     40,  NULL,
 'Why the case is opened: a bug, a question about handling, a customization request or a feature request.'),
('severity',     'Severity',             'severity',     true,  'always',     50,  NULL,
 'How badly the problem hurts the business, from 1 Critical (an emergency) to 4 Medium. See the definitions and criteria of each level.'),
('title',        'Title',                'text',         true,  'always',     60,  200,
 'One line summing up the problem.'),
('description',  'Description',          'multiline',    true,  'always',     70,  100000,
 'What goes wrong, in as much detail as you can: what you expected, what happened instead, since when.'),
('impact',       'Impact',               'multiline',    true,  'always',     80,  20000,
 'What the problem costs or blocks for the customer right now (revenue, campaigns, deadlines).'),
('object_ids',   'Object IDs',           'id_list',      true,  'always',     90,  NULL,
 'Every object involved (line items, campaigns, placements, creatives ...), at least one, separated by commas or spaces.'),
('member_id',    'Member ID',            'id',           true,  'always',     100, NULL,
 'The member ID of the account where the problem shows.'),
('bidder_id',    'Bidder ID',            'id',           false, 'always',     110, NULL,
 'The bidder ID, if a bidder is involved.'),
('creative_id',  'Creative ID',          'id',           false, 'always',     120, NULL,
 'The creative ID, if a creative is involved.'),
('repro_steps',  'Steps to reproduce',   'multiline',    true,  'always',     130, 100000,
 'Numbered steps that make the problem appear, with the test pages, URLs or calls used.'),
('screenshots',  'Screenshots',          'url_list',     true,  'ui_related', 140, NULL,
 'Paths or URLs of screenshots showing the problem; needed whenever the request concerns the user interface.'),
('browser',      'Browser',              'text',         true,  'always',     150, 200,
 'Browser name and its exact version, e.g. Firefox 128.0.'),
('os',           'Operating system',     'text',         true,  'always',     160, 200,
 'Operating system name and its version, e.g. Windows 11 23H2.'),
('phone',        'Emergency phone',      'phone',        true,  'emergency',  170, 64,
 'A phone number where the emergency contact can be reached at once; needed for severity 1.');
