-- 175_ticket_insert.sql: the one AFTER INSERT trigger of tickets.
--
-- What a new ticket adds elsewhere, in one trigger call instead of three
-- (each PL/pgSQL trigger call sets up its own NEW record, saves and
-- restores search_path, and starts its own statements): its two search
-- rows (070), its facts in the dashboard rollups (090) and, when it is
-- inserted already waiting on the customer, its SLA pause row (010). The
-- updates and deletes of tickets keep their triggers in those files.
-- Row-level: intake creates one ticket per statement, and the bulk loader
-- (the demo seeder) runs with triggers off and rebuilds both (a statement
-- trigger over a transition table would add a tuplestore and a join per
-- single-row insert).

SELECT set_config('search_path', 'ticketty', true);

CREATE FUNCTION tickets_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = ticketty, pg_temp
AS $$
DECLARE
    v_ab       tsvector;
    v_customer text;
    v_contact  text;
    z          text;
BEGIN
    -- search (070): a new ticket has no message yet, so its two vectors are
    -- its fields (search_fields_doc(NEW) and search_fields_doc(NEW, false),
    -- the same words at the same positions), each part parsed once for both
    -- rows (search_refresh() plans its chain of SQL functions on every call)
    v_ab := setweight(to_tsvector('ticketty.search_text',
                          concat_ws(' ', NEW.id, NEW.title, array_to_string(NEW.object_ids, ' '),
                                    NEW.member_id, NEW.bidder_id, NEW.creative_id, NEW.bug_ref)), 'A')
         || setweight(to_tsvector('ticketty.search_text',
                          concat_ws(' ', NEW.description, NEW.impact, NEW.repro_steps)), 'B');
    SELECT cu.name, (SELECT concat_ws(' ', co.name, co.email) FROM contacts co WHERE co.id = NEW.contact_id)
      INTO v_customer, v_contact
      FROM customers cu WHERE cu.id = NEW.customer_id;
    INSERT INTO ticket_search (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(to_tsvector('ticketty.search_text',
                                  concat_ws(' ', v_customer, v_contact)), 'C'));
    INSERT INTO ticket_search_shared (ticket_id, customer_id, is_open, created_at, doc)
    VALUES (NEW.id, NEW.customer_id, NEW.is_open, NEW.created_at,
            v_ab || setweight(to_tsvector('ticketty.search_text', concat_ws(' ', v_customer)), 'C'));

    -- dashboard (090): the facts of dashboard_facts(NEW, zone, false), in
    -- the key order tickets_dashboard adds them (the backlog, kind NULL,
    -- first; then first response, then resolution). Each is one met, one
    -- missed or one open, never zero. The backlog, the common case, is
    -- written here; the rare outcomes of a ticket inserted already decided
    -- go through dashboard_add.
    IF NEW.is_open OR NEW.first_response_outcome IS NOT NULL OR NEW.resolution_outcome IS NOT NULL THEN
        -- report_zone(), read inline (a call of it is planned per transaction)
        z := coalesce((SELECT c.time_zone FROM calendars c WHERE c.is_default), 'UTC');
    END IF;
    IF NEW.is_open THEN
        INSERT INTO backlog_rollup AS r (day, team_id, severity, plan, open)
        VALUES ((NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
        INSERT INTO backlog_rollup_customer AS r (customer_id, day, team_id, severity, plan, open)
        VALUES (NEW.customer_id, (NEW.created_at AT TIME ZONE z)::date, NEW.team_id, NEW.severity, NEW.plan, 1)
        ON CONFLICT (customer_id, day, team_id, severity, plan) DO UPDATE SET open = r.open + EXCLUDED.open;
    END IF;
    IF NEW.first_response_outcome IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'first_response',
                              (coalesce(NEW.acknowledged_at, NEW.first_response_due) AT TIME ZONE z)::date,
                              (NEW.first_response_outcome = 'met')::int,
                              (NEW.first_response_outcome = 'missed')::int, 0);
    END IF;
    IF NEW.resolution_outcome IS NOT NULL AND NEW.resolved_at IS NOT NULL THEN
        PERFORM dashboard_add(NEW.customer_id, NEW.team_id, NEW.severity, NEW.plan, 'resolution',
                              (NEW.resolved_at AT TIME ZONE z)::date,
                              (NEW.resolution_outcome = 'met')::int,
                              (NEW.resolution_outcome = 'missed')::int, 0);
    END IF;

    -- SLA (010): a ticket inserted already waiting on the customer gets its
    -- pause row
    IF NEW.waiting_since IS NOT NULL THEN
        INSERT INTO sla_pauses (ticket_id, started_at, clock)
        VALUES (NEW.id, NEW.waiting_since, coalesce(NEW.resolution_clock, 'wall'));
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER tickets_after_insert
    AFTER INSERT ON tickets
    FOR EACH ROW EXECUTE FUNCTION tickets_after_insert();

REVOKE ALL ON FUNCTION tickets_after_insert() FROM ticketty_agent, PUBLIC;
