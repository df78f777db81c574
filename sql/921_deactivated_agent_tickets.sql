-- 921_deactivated_agent_tickets.sql: an agent deactivated while tickets
-- were assigned to them kept them: take-next and the queue's "unassigned"
-- filter skip an assigned ticket, so they stayed with someone who could
-- no longer act, and nobody was told (a customer's reply reopening a
-- resolved one told the inactive assignee only). Deactivating now returns
-- every ticket of theirs that is not closed to its team's queue,
-- unassigned, each with an 'unassign' event naming who had it and why,
-- in the same transaction as the deactivation, and the admin audit row
-- lists the tickets. api_admin_agent_deactivate (330) is replaced whole.

SELECT set_config('search_path', 'ticketty', true);

