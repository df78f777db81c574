# The dashboard tests' data (sourced after lib.sh), on a clock pinned to
# Friday 2027-03-12 12:00 in New York (the report zone), so the 12 weeks
# run from Monday 2026-12-21 and every figure below is known:
#   #1 Acme Media, premium, severity 2, Client Services, created Mon 03-08
#      09:00: acknowledged 12:00 after the 11:00 due (first response
#      missed), resolved Tue 10:00 after the Mon 18:00 due (missed).
#   #2 Acme Media, premium, severity 3, created Fri 03-05 10:00,
#      acknowledged 11:00 (met), open 7 days (5 business days);
#      escalated to the CSM today 09:00 (3h ago).
#   #3 Zeta Ads, basic, severity 1, created Wed 03-10 08:00, acknowledged
#      08:30 (met, round the clock), open 2 days.
# So: first response this week 1 of 2 (50.0%), 12 weeks 2 of 3 (66.7%),
# 1 missed; resolution 0.0%, 1 missed, 2 past due (#2 due Wed 03-10
# 10:00, #3 Thu 03-11 08:00); backlog (business days) severity 1: 1
# (1-2 d), severity 3: 1 (3-6 d); most breaches (missed or past due):
# Client Services 4, Acme Media 3, Zeta Ads 1.
dash_fixture() {
	tt_fixture
	tt_sql "
	INSERT INTO clock_pin (pinned_at, frozen) VALUES ('2027-03-12 12:00 America/New_York', true);
	SET TIME ZONE 'America/New_York';
	INSERT INTO tickets (customer_id, contact_id, request_type_id, team_id, reason_id, severity,
	                     title, description, impact, object_ids, member_id, repro_steps, browser, os,
	                     phone, calendar_id, plan, created_at, updated_at)
	SELECT c.id, ct.id, rt.id, tm.id, 1, v.sev, v.title, 'd', 'i', '{42}', c.member_id, 'r',
	       'Firefox 128', 'Linux 6', '+1 555 0100', c.calendar_id, c.plan, v.created, v.created
	  FROM (VALUES (1, 'Acme Media', 2, 'Late answer', timestamptz '2027-03-08 09:00'),
	               (2, 'Acme Media', 3, 'Old report', timestamptz '2027-03-05 10:00'),
	               (3, 'Zeta Ads', 1, 'Site down', timestamptz '2027-03-10 08:00')) v(n, cust, sev, title, created)
	  JOIN customers c ON c.name = v.cust
	  JOIN contacts ct ON ct.customer_id = c.id
	  JOIN request_types rt ON rt.key = 'ad_serving'
	  JOIN teams tm ON tm.key = 'client_services'
	 ORDER BY v.n;
	UPDATE tickets SET status = 'acknowledged', acknowledged_at = '2027-03-08 12:00', updated_at = '2027-03-08 12:00' WHERE id = 1;
	UPDATE tickets SET status = 'resolved', resolved_at = '2027-03-09 10:00', updated_at = '2027-03-09 10:00' WHERE id = 1;
	UPDATE tickets SET status = 'acknowledged', acknowledged_at = '2027-03-05 11:00', updated_at = '2027-03-05 11:00' WHERE id = 2;
	UPDATE tickets SET status = 'acknowledged', acknowledged_at = '2027-03-10 08:30', updated_at = '2027-03-10 08:30' WHERE id = 3;
	INSERT INTO escalations (ticket_id, level, raised_by, reason, raised_at)
	SELECT 2, 1, a.id, 'Customer unhappy', '2027-03-12 09:00' FROM agents a WHERE a.login = 'postgres';" >/dev/null
}

# Fails when a line of the screen is wider than the terminal.
dash_assert_width() {
	width=$(tt_screen | LC_ALL=C.UTF-8 wc -L)
	[ "$width" -le "$TT_COLS" ] || tt_fail "a line is $width cells wide"
}
