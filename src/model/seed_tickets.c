/* Demo data, part 2: N tickets with their history, set-based. One
 * statement draws every ticket's random choices and timeline into a
 * temporary table (seed_t); the following ones insert the tickets, their
 * escalations, audit events and comments from it, and the search vectors
 * of the tickets' own fields from their templates (for search_rebuild()). Nothing loops per row
 * on the client. Ticket i gets id i (the table is empty when we start).
 *
 * The timeline of a ticket, in order (each step only when its status got
 * that far): created -> acknowledged (the first public reply; the
 * assignee takes it) -> in_progress -> waiting_customer or
 * waiting_engineering -> escalation steps (open tickets only) ->
 * resolved -> closed. Its version is the number of audit events. */
#include "model/seed_steps.h"

#include <stddef.h>

#include "util/i18n.h"

/* Ticket texts: format() templates per request type, with
 * %1$s = first object id, %2$s = member id, %3$s = creative id (or the
 * first object id), %4$s = browser, %5$s = customer, %6$s = customer domain.
 * A type with no template of its own uses the '*' ones. */
#define TEMPLATES \
	"CREATE TEMP TABLE seed_tpl ON COMMIT DROP AS" \
	" SELECT v.key, (row_number() OVER (PARTITION BY v.key ORDER BY v.n) - 1)::int AS n," \
	"        v.title, v.description, v.impact, v.repro FROM (VALUES" \
	" ('anti_malvertising', 1, 'Creative %3$s sends readers to a fake prize page'," \
	"  'Since this morning readers of our sports section tell us they are redirected to a page claiming they won a phone. We traced it to creative %3$s, served on placement %1$s of member %2$s. Mobile Safari sees it more often than desktop browsers.'," \
	"  'Readers complain publicly and two direct advertisers asked whether our site is safe. We switched the placement off, which costs about a fifth of the section''s daily revenue.'," \
	"  E'1. Open https://www.%6$s/sports on an iPhone.\\n2. Scroll to the second ad slot (placement %1$s).\\n3. A few seconds later the browser leaves for the prize page.')," \
	" ('anti_malvertising', 2, 'An ad on placement %1$s starts a download without a click'," \
	"  'One of our testers saw a file download begin while the page was still loading, without touching anything. The ad call log shows creative %3$s winning the auction for placement %1$s right before.'," \
	"  'Legal needs to know whether visitors'' devices were exposed; the placement stays off until then.'," \
	"  E'1. Load https://www.%6$s/news in %4$s with a fresh profile.\\n2. Wait for placement %1$s to render.\\n3. Watch the downloads bar.')," \
	" ('app_bug', 1, 'Mobile app hangs on the loading screen after sign-in'," \
	"  'Since the last update our traders cannot get past the spinner after signing in; the dashboard of member %2$s never appears. Reinstalling the app did not help.'," \
	"  'The team approves line items from their phones in the evening; right now nothing can be approved outside the office.'," \
	"  E'1. Install the current app version.\\n2. Sign in as any user of member %2$s.\\n3. The spinner keeps turning for more than five minutes.')," \
	" ('app_bug', 2, 'App closes itself when opening line item %1$s'," \
	"  'Opening line item %1$s from the campaign list makes the app quit at once. Other line items of member %2$s open fine; this one has more than 400 creatives attached.'," \
	"  'The line item is our biggest campaign this month and its manager travels without a laptop.'," \
	"  E'1. Open the campaign list in the app.\\n2. Tap line item %1$s.\\n3. The app disappears and shows the home screen.')," \
	" ('creative_audit', 1, 'Creative %3$s refused although it follows the policy'," \
	"  'The audit turned creative %3$s down for misleading claims, yet the copy only gives the dates of the sale. Nothing changed compared with creative %1$s, which was approved last month.'," \
	"  'The seasonal sale campaign was due to start today; every day of delay is spend the advertiser will not make up.'," \
	"  E'1. Open creative %3$s in the creative manager.\\n2. Read the audit status and the reason given.\\n3. Compare with the approved creative %1$s.')," \
	" ('creative_audit', 2, 'Creative %3$s waiting for audit for four days'," \
	"  'Creative %3$s was uploaded on Monday and still shows as pending audit. Our other uploads of the same week went through within hours.'," \
	"  'The line item %1$s it belongs to cannot deliver, so the launch date agreed with the advertiser slips.'," \
	"  E'1. Search creative %3$s in the creative manager.\\n2. Look at the audit status column.\\n3. It still says pending.')," \
	" ('critical_data_pull', 1, 'Hourly impressions by device for member %2$s, last 90 days'," \
	"  'Finance must settle a disputed invoice and needs hourly impressions split by device type for line item %1$s. Reporting keeps only 30 days at hourly grain.'," \
	"  'The advertiser holds back a payment until we produce the figures; the deadline is Friday.'," \
	"  E'1. Open network analytics in reporting.\\n2. Pick the hourly interval and device type for line item %1$s.\\n3. Dates older than 30 days cannot be selected.')," \
	" ('inventory_quality', 1, 'Campaign %1$s delivering on sites below our standards'," \
	"  'Our brand safety vendor flags part of the impressions of campaign %1$s as served on made-for-advertising sites, although the campaign only targets the premium inventory list of member %2$s.'," \
	"  'The advertiser wants the spend on flagged impressions refunded.'," \
	"  E'1. Run the site domain report for campaign %1$s over the last 7 days.\\n2. Keep only domains not on the allow list.\\n3. Several low-quality domains remain.')," \
	" ('technical_implementation', 1, 'Ad calls from our header bidding wrapper return HTTP 400'," \
	"  'Since we moved to the new wrapper version, about a third of the ad calls for placement %1$s come back with status 400 and the message invalid size. The sizes look right in our setup.'," \
	"  'Fill rate on the home page of %5$s fell from 92%% to 60%%.'," \
	"  E'1. Open https://www.%6$s with the developer tools of %4$s.\\n2. Filter network requests on the ad call for placement %1$s.\\n3. One call in three answers 400.')," \
	" ('technical_implementation', 2, 'Tag for placement %1$s never fires on AMP pages'," \
	"  'Our AMP article pages include the tag for placement %1$s, but no ad request leaves the page. The same tag works on the regular pages.'," \
	"  'AMP pages bring half of our mobile traffic and show no ads at all.'," \
	"  E'1. Open any AMP article on https://www.%6$s/amp/.\\n2. Check the network panel for calls for placement %1$s.\\n3. There are none.')," \
	" ('manual_configuration', 1, 'Please share data provider segment %1$s with member %2$s'," \
	"  'Our data partner made segment %1$s available to us, but it does not show in the segment list of member %2$s. They confirm the sharing request went out two weeks ago.'," \
	"  'The retargeting campaign built on this segment cannot launch.'," \
	"  E'1. Open segment targeting on any line item of member %2$s.\\n2. Search for segment %1$s.\\n3. Nothing is found.')," \
	" ('ad_serving', 1, 'Placements render blank since this morning'," \
	"  'Placement %1$s and several others of member %2$s began showing empty frames around 8 in the morning. The auction reports a winning bid, but nothing is displayed.'," \
	"  'About 40%% of home page impressions are blank and the direct campaigns of %5$s under-deliver.'," \
	"  E'1. Open https://www.%6$s in %4$s.\\n2. Look at the leaderboard slot (placement %1$s).\\n3. It stays white; the console shows the creative request ending with no content.')," \
	" ('ad_serving', 2, 'Video placement %1$s plays a black screen with sound'," \
	"  'Pre-roll ads on placement %1$s play their audio over a black frame. It started with creative %3$s and now affects other video creatives too.'," \
	"  'Video advertisers measure viewability and will not pay for these views.'," \
	"  E'1. Open a video page on https://www.%6$s in %4$s.\\n2. Start the player so the pre-roll on placement %1$s runs.\\n3. Sound plays, the picture stays black.')," \
	" ('media_trading', 1, 'Line item %1$s does not spend at all'," \
	"  'Line item %1$s has been active for two days with a healthy budget and broad targeting but shows no impressions. Its bid is above the floors we see in the bid landscape.'," \
	"  'The campaign must deliver two million impressions by the end of the month.'," \
	"  E'1. Open line item %1$s.\\n2. The delivery tab shows zero bids submitted.\\n3. The diagnosis tool gives no reason.')," \
	" ('media_trading', 2, 'Deal %1$s receives no bid requests'," \
	"  'The private deal %1$s between member %2$s and our buyer is active on both sides, but the buyer sees no bid requests for it since it started.'," \
	"  'The buyer committed a fixed budget to this deal and will move it elsewhere next week.'," \
	"  E'1. Open deal %1$s in the deal manager.\\n2. Check the deal health report.\\n3. Bid requests: 0 for the last 7 days.')," \
	" ('traffic_quality', 1, 'Click-through rate of 9%% on placement %1$s looks artificial'," \
	"  'The click-through rate of placement %1$s went from 0.2%% to about 9%% overnight, and most clicks come from a few IP ranges.'," \
	"  'Advertisers are billed for clicks that are probably fake, and buyers may block our inventory.'," \
	"  E'1. Run a placement report for %1$s by hour over the last 3 days.\\n2. Compare clicks with impressions.\\n3. Break the clicks down by IP range in the log-level data.')," \
	" ('ui_api_bug', 1, 'API PUT on line item %1$s answers 200 but changes nothing'," \
	"  'We update the budget of line item %1$s with a PUT call to the line item service; the answer is 200 with the old values, and the interface still shows the old budget.'," \
	"  'Our pacing automation cannot adjust budgets, so hundreds of line items are changed by hand.'," \
	"  E'1. PUT /line-item?id=%1$s with a new lifetime budget.\\n2. Read the response body.\\n3. GET the same line item: the budget did not change.')," \
	" ('ui_api_bug', 2, 'Save button does nothing on the targeting tab'," \
	"  'Clicking Save on the targeting tab of line item %1$s gives neither an error nor a confirmation; after a reload the old targeting is back. Seen in %4$s.'," \
	"  'Campaign managers cannot change targeting, which blocks every optimisation this week.'," \
	"  E'1. Open line item %1$s, tab Targeting.\\n2. Add a country and click Save.\\n3. Reload the page.')," \
	" ('*', 1, 'Problem with object %1$s on member %2$s'," \
	"  'Object %1$s of member %2$s does not behave as documented since yesterday.'," \
	"  'Work on the account of %5$s is slowed down.'," \
	"  E'1. Open object %1$s.\\n2. Repeat the last change.\\n3. Compare with the documentation.')" \
	" ) AS v(key, n, title, description, impact, repro)"

/* The per-ticket draw, in layers (OFFSET 0 keeps each layer computed once
 * per row instead of being inlined into every use). Status codes:
 * 0 new, 1 acknowledged, 2 in_progress, 3 waiting_customer,
 * 4 waiting_engineering, 5 resolved, 6 closed. The first 28 tickets cover
 * every status x severity pair, the first 44 every request type, and
 * tickets 3, 4 and 10 are escalated to levels 1, 2 and 3. */
#define DRAW \
	"CREATE TEMP TABLE seed_t ON COMMIT DROP AS" \
	" WITH x AS (" \
	"  SELECT g::bigint AS g," \
	"    pg_temp.seed_r($1, g, 1) AS r_cust, pg_temp.seed_r($1, g, 2) AS r_spoc," \
	"    pg_temp.seed_r($1, g, 3) AS r_rt, pg_temp.seed_r($1, g, 4) AS r_sev," \
	"    pg_temp.seed_r($1, g, 5) AS r_open, pg_temp.seed_r($1, g, 6) AS r_st," \
	"    pg_temp.seed_r($1, g, 7) AS r_day, pg_temp.seed_r($1, g, 8) AS r_tod," \
	"    pg_temp.seed_r($1, g, 9) AS r_biz, pg_temp.seed_r($1, g, 10) AS r_wk," \
	"    pg_temp.seed_r($1, g, 11) AS r_ack, pg_temp.seed_r($1, g, 12) AS r_met," \
	"    pg_temp.seed_r($1, g, 13) AS r_res, pg_temp.seed_r($1, g, 14) AS r_rmet," \
	"    pg_temp.seed_r($1, g, 15) AS r_close, pg_temp.seed_r($1, g, 16) AS r_prog," \
	"    pg_temp.seed_r($1, g, 17) AS r_eng, pg_temp.seed_r($1, g, 18) AS r_cs," \
	"    pg_temp.seed_r($1, g, 19) AS r_esc, pg_temp.seed_r($1, g, 20) AS r_lvl," \
	"    pg_temp.seed_r($1, g, 21) AS r_eack, pg_temp.seed_r($1, g, 22) AS r_bug," \
	"    pg_temp.seed_r($1, g, 23) AS r_tpl, pg_temp.seed_r($1, g, 24) AS r_reason," \
	"    pg_temp.seed_r($1, g, 25) AS r_nobj, pg_temp.seed_r($1, g, 26) AS r_bidder," \
	"    pg_temp.seed_r($1, g, 27) AS r_creative, pg_temp.seed_r($1, g, 28) AS r_browser," \
	"    pg_temp.seed_r($1, g, 29) AS r_os, pg_temp.seed_r($1, g, 30) AS r_shot," \
	"    pg_temp.seed_r($1, g, 31) AS r_note," \
	"    1000000 + floor(pg_temp.seed_r($1, g, 32) * 8999999)::bigint AS o1," \
	"    1000000 + floor(pg_temp.seed_r($1, g, 33) * 8999999)::bigint AS o2," \
	"    1000000 + floor(pg_temp.seed_r($1, g, 34) * 8999999)::bigint AS o3" \
	"  FROM generate_series(1, $2::bigint) AS g OFFSET 0)," \
	" y AS (" \
	"  SELECT x.*, c.id AS customer_id, c.name AS customer_name, c.domain, c.plan, c.member_id," \
	"    c.calendar_id, c.csm_id, c.tz, sp.contact_id, sp.first_name, sp.phone AS contact_phone," \
	"    rt.id AS request_type_id, rt.key AS rt_key, rt.team_id, rt.ui_related, rt.neng," \
	"    rtt.tpl_key, rtt.ntpl," \
	"    CASE WHEN x.g <= 28 THEN ((x.g - 1) % 7)::int" \
	"         WHEN x.r_open < 0.2 THEN CASE WHEN x.r_st < 0.2 THEN 0 WHEN x.r_st < 0.35 THEN 1" \
	"                                       WHEN x.r_st < 0.7 THEN 2 WHEN x.r_st < 0.88 THEN 3" \
	"                                       ELSE 4 END" \
	"         WHEN x.r_st < 0.25 THEN 5 ELSE 6 END AS st," \
	"    CASE WHEN x.g <= 28 THEN ((x.g - 1) % 4 + 1)" \
	"         WHEN x.r_sev < 0.05 THEN 1 WHEN x.r_sev < 0.2 THEN 2 WHEN x.r_sev < 0.55 THEN 3" \
	"         ELSE 4 END::smallint AS severity" \
	"  FROM x" \
	"  JOIN seed_cust c ON c.k = floor(x.r_cust * (SELECT count(*) FROM seed_cust))::int" \
	"  JOIN seed_spoc sp ON sp.ck = c.k AND sp.n = floor(x.r_spoc * c.nspoc)::int" \
	"  JOIN seed_rt_bucket b ON b.b = floor(x.r_rt * 1000)::int" \
	"  JOIN seed_rt rt ON rt.k = CASE WHEN x.g <= 44 THEN ((x.g - 1) % (SELECT count(*) FROM seed_rt))::int" \
	"                                ELSE b.k END" \
	"  JOIN seed_rt_tpl rtt ON rtt.k = rt.k" \
	"  OFFSET 0)," \
	" d AS (" \
	"  SELECT y.*, (tt_now() AT TIME ZONE y.tz)::date" \
	"     - CASE y.st WHEN 0 THEN floor(y.r_day ^ 3 * 3) WHEN 5 THEN 1 + floor(y.r_day ^ 2 * 10)" \
	"                 WHEN 6 THEN 2 + floor(y.r_day * 58) ELSE floor(y.r_day ^ 3 * 20) END::int AS d0," \
	"    CASE WHEN y.r_biz < 0.8 THEN 32400 + floor(y.r_tod * 32400)" \
	"         ELSE floor(y.r_tod * 86400) END AS tod" \
	"  FROM y OFFSET 0)," \
	" c AS (" \
	"  SELECT d.*, ((d.d0 - CASE WHEN d.r_wk >= 0.85 THEN 0" \
	"                           WHEN (d.d0 - date '2024-01-01') % 7 = 5 THEN 1 + floor(d.r_wk * 5.88)::int" \
	"                           WHEN (d.d0 - date '2024-01-01') % 7 = 6 THEN 2 + floor(d.r_wk * 5.88)::int" \
	"                           ELSE 0 END)" \
	"               + make_interval(secs => d.tod)) AT TIME ZONE d.tz AS c0" \
	"  FROM d OFFSET 0)," \
	" t AS (" \
	"  SELECT c.*, CASE WHEN c.c0 > tt_now() - interval '10 minutes' THEN c.c0 - interval '1 day'" \
	"                   ELSE c.c0 END AS created" \
	"  FROM c OFFSET 0)," \
	" s AS (" \
	"  SELECT t.*, tf.clock AS fr_clock, tf.minutes AS fr_minutes," \
	"    tr.clock AS rd_clock, tr.minutes AS rd_minutes," \
	"    CASE WHEN dm.opens_at IS NOT NULL AND t.created >= dm.opens_at" \
	"         THEN dm.cum_before + least(extract(epoch FROM t.created - dm.opens_at), dm.secs)" \
	"         ELSE dm.prev_end END AS pos0" \
	"  FROM t" \
	"  JOIN sla_targets tf ON tf.kind = 'first_response' AND tf.plan = t.plan AND tf.severity = t.severity" \
	"  JOIN sla_targets tr ON tr.kind = 'resolution' AND tr.plan = t.plan AND tr.severity = t.severity" \
	"  JOIN seed_daymap dm ON dm.cal = t.calendar_id AND dm.day = (t.created AT TIME ZONE t.tz)::date" \
	"  OFFSET 0)," \
	" s2 AS (" \
	"  SELECT s.*, s.pos0 + s.fr_minutes * 60 AS p_fr, s.pos0 + ceil(s.fr_minutes * 60 * 0.8) AS p_frr," \
	"    s.pos0 + s.rd_minutes * 60 AS p_rd, s.pos0 + ceil(s.rd_minutes * 60 * 0.8) AS p_rdr" \
	"  FROM s OFFSET 0)," \
	" s3 AS (" \
	"  SELECT s2.*," \
	"    CASE WHEN s2.fr_clock = 'wall' THEN s2.created + make_interval(mins => s2.fr_minutes)" \
	"         ELSE m1.opens_at + make_interval(secs => (s2.p_fr - m1.cum_before)::float8) END AS fr_due," \
	"    CASE WHEN s2.fr_clock = 'wall'" \
	"         THEN s2.created + make_interval(secs => ceil(s2.fr_minutes * 60 * 0.8)::float8)" \
	"         ELSE m2.opens_at + make_interval(secs => (s2.p_frr - m2.cum_before)::float8) END AS fr_risk," \
	"    CASE WHEN s2.rd_clock = 'wall' THEN s2.created + make_interval(mins => s2.rd_minutes)" \
	"         ELSE m3.opens_at + make_interval(secs => (s2.p_rd - m3.cum_before)::float8) END AS rd_due," \
	"    CASE WHEN s2.rd_clock = 'wall'" \
	"         THEN s2.created + make_interval(secs => ceil(s2.rd_minutes * 60 * 0.8)::float8)" \
	"         ELSE m4.opens_at + make_interval(secs => (s2.p_rdr - m4.cum_before)::float8) END AS rd_risk" \
	"  FROM s2" \
	"  LEFT JOIN seed_posmap m1 ON m1.cal = s2.calendar_id AND m1.b = floor(s2.p_fr / 3600)::bigint" \
	"        AND m1.cum_before < ceil(s2.p_fr) AND m1.cum_before + m1.secs >= s2.p_fr" \
	"  LEFT JOIN seed_posmap m2 ON m2.cal = s2.calendar_id AND m2.b = floor(s2.p_frr / 3600)::bigint" \
	"        AND m2.cum_before < ceil(s2.p_frr) AND m2.cum_before + m2.secs >= s2.p_frr" \
	"  LEFT JOIN seed_posmap m3 ON m3.cal = s2.calendar_id AND m3.b = floor(s2.p_rd / 3600)::bigint" \
	"        AND m3.cum_before < ceil(s2.p_rd) AND m3.cum_before + m3.secs >= s2.p_rd" \
	"  LEFT JOIN seed_posmap m4 ON m4.cal = s2.calendar_id AND m4.b = floor(s2.p_rdr / 3600)::bigint" \
	"        AND m4.cum_before < ceil(s2.p_rdr) AND m4.cum_before + m4.secs >= s2.p_rdr" \
	"  OFFSET 0)," \
	" a AS (" \
	"  SELECT s.*," \
	"    CASE WHEN s.st >= 1 THEN date_trunc('second', s.created + least((s.fr_due - s.created)" \
	"         * CASE WHEN s.r_met < 0.88 THEN 0.05 + 0.85 * s.r_ack ELSE 1.05 + 1.5 * s.r_ack END," \
	"         (tt_now() - s.created) * 0.3)) END AS ack" \
	"  FROM s3 AS s OFFSET 0)," \
	" r AS (" \
	"  SELECT a.*," \
	"    CASE WHEN a.st >= 5 THEN date_trunc('second', a.ack + least((a.rd_due - a.created)" \
	"         * CASE WHEN a.r_rmet < 0.85 THEN 0.1 + 0.8 * a.r_res ELSE 1.05 + a.r_res END," \
	"         (tt_now() - a.ack) * 0.6)) END AS resolved" \
	"  FROM a OFFSET 0)," \
	" p AS (" \
	"  SELECT r.*," \
	"    CASE WHEN r.st = 6 THEN date_trunc('second', r.resolved + least(interval '1 hour'" \
	"         + interval '3 days' * r.r_close, (tt_now() - r.resolved) * 0.9)) END AS closed," \
	"    CASE WHEN r.st >= 2 THEN date_trunc('second', r.ack + least(interval '20 minutes'" \
	"         + interval '3 hours' * r.r_prog, (coalesce(r.resolved, tt_now()) - r.ack) * 0.3)) END AS inprog" \
	"  FROM r OFFSET 0)," \
	" w AS (" \
	"  SELECT p.*," \
	"    CASE WHEN p.st IN (3, 4) THEN date_trunc('second', p.inprog + (tt_now() - p.inprog)" \
	"         * (0.2 + 0.6 * p.r_close)) END AS wait_at," \
	"    CASE WHEN p.st BETWEEN 1 AND 4 THEN CASE" \
	"         WHEN p.g = 3 THEN 1 WHEN p.g = 4 THEN 2 WHEN p.g = 10 THEN 3" \
	"         WHEN p.r_esc >= 0.06 THEN 0" \
	"         WHEN p.r_lvl < 0.65 THEN 1 WHEN p.r_lvl < 0.9 THEN 2 ELSE 3 END ELSE 0 END AS lvl," \
	"    ea.agent_id AS assignee_id, ec.agent_id AS created_by, rr.id AS reason_id" \
	"  FROM p" \
	"  LEFT JOIN seed_eng ea ON p.st >= 1 AND ea.team_id = p.team_id" \
	"                       AND ea.n = floor(p.r_eng * p.neng)::int" \
	"  LEFT JOIN seed_eng ec ON ec.team_id = (SELECT id FROM teams WHERE key = 'client_services')" \
	"                       AND ec.n = floor(p.r_cs * (SELECT count(*) FROM seed_eng e2" \
	"                           WHERE e2.team_id = (SELECT id FROM teams WHERE key = 'client_services')))::int" \
	"  JOIN seed_reason rr ON rr.k = CASE WHEN p.r_reason < 0.55 THEN 0 WHEN p.r_reason < 0.8 THEN 1" \
	"                                     WHEN p.r_reason < 0.9 THEN 2 ELSE 3 END" \
	"  OFFSET 0)," \
	" e AS (" \
	"  SELECT w.*, coalesce(w.wait_at, w.inprog, w.ack) AS esc_base, w.r_eack < 0.5 AS top_acked" \
	"  FROM w OFFSET 0)," \
	" f AS (" \
	"  SELECT e.*," \
	"   (ARRAY['new', 'acknowledged', 'in_progress', 'waiting_customer', 'waiting_engineering'," \
	"          'resolved', 'closed'])[e.st + 1]::ticket_status AS status," \
	"   CASE WHEN e.lvl >= 1 THEN date_trunc('second', e.esc_base + (tt_now() - e.esc_base) * 0.2) END AS e1," \
	"   CASE WHEN e.lvl >= 2 THEN date_trunc('second', e.esc_base + (tt_now() - e.esc_base) * 0.4) END AS e2," \
	"   CASE WHEN e.lvl >= 3 THEN date_trunc('second', e.esc_base + (tt_now() - e.esc_base) * 0.6) END AS e3," \
	"   date_trunc('second', (tt_now() - e.esc_base) * 0.05) AS e_ack_after," \
	"   CASE WHEN e.st = 4 OR (e.st >= 5 AND e.r_bug < 0.3) THEN 'ENG-' || (20000 + floor(e.r_bug * 9000))::int END" \
	"       AS bug_ref," \
	"   greatest(CASE WHEN e.st >= 1 THEN e.ack END, CASE WHEN e.st = 3 THEN e.wait_at END, e.resolved)" \
	"       AS last_public," \
	"   (e.st >= 1 AND e.assignee_id IS NOT NULL) AS assigned" \
	"  FROM e OFFSET 0)" \
	" SELECT f.*," \
	"   1 + (f.st >= 1)::int + f.assigned::int + (f.st >= 2)::int + (f.st IN (3, 4))::int" \
	"     + f.lvl + greatest(f.lvl - 1, 0) + (f.lvl > 0 AND f.top_acked)::int" \
	"     + (f.st >= 5)::int + (f.st = 6)::int AS version," \
	"   greatest(f.created, f.ack, CASE WHEN f.assigned THEN f.ack + interval '1 second' END, f.inprog," \
	"            f.wait_at, f.e1, f.e2, f.e3," \
	"            CASE WHEN f.lvl > 0 AND f.top_acked THEN" \
	"                 (CASE f.lvl WHEN 1 THEN f.e1 WHEN 2 THEN f.e2 ELSE f.e3 END) + f.e_ack_after END," \
	"            f.resolved, f.closed) AS updated_at," \
	"   CASE WHEN f.r_bidder < 0.4 THEN 100 + floor(f.r_bidder * 2000)::bigint END AS bidder_id," \
	"   CASE WHEN f.rt_key IN ('creative_audit', 'anti_malvertising') OR f.r_creative < 0.12" \
	"        THEN 10000000 + floor(f.r_creative * 89999999)::bigint END AS creative_id," \
	"   (ARRAY['Chrome 131.0.6778.86', 'Chrome 130.0.6723.117', 'Firefox 133.0'," \
	"          'Firefox ESR 128.5.1', 'Safari 18.1.1', 'Edge 131.0.2903.70'," \
	"          'Safari 17.6', 'Chrome 129.0.6668.101'])[1 + floor(f.r_browser * 8)::int] AS browser," \
	"   (ARRAY['Windows 11 23H2', 'Windows 10 22H2', 'macOS 15.1 Sequoia', 'macOS 14.7 Sonoma'," \
	"          'Ubuntu 24.04 LTS', 'iOS 18.1', 'Android 15'])[1 + floor(f.r_os * 7)::int] AS os," \
	"   floor(f.r_tpl * f.ntpl)::int AS tpl_n" \
	" FROM f"

/* (d - 2024-01-01) % 7 is 0 on Mondays, 5 on Saturdays, 6 on Sundays. */


const struct seed_step seed_ticket_steps[] = {
	{ N_("preparing the ticket texts"), SEED_P_NONE, TEMPLATES },

	/* Secondary indexes are dropped for the load and rebuilt afterwards
	 * (much faster than maintaining them row by row); the whole thing is
	 * one transaction, so a failure puts them back. Constraint indexes
	 * (primary keys, UNIQUE) stay. */
	{ N_("noting the secondary indexes"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_indexes ON COMMIT DROP AS"
	  " SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def"
	  "   FROM pg_index i"
	  "  WHERE i.indrelid IN ('ticketty.tickets'::regclass, 'ticketty.ticket_events'::regclass,"
	  "                      'ticketty.comments'::regclass, 'ticketty.escalations'::regclass)"
	  "    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)" },
	{ N_("dropping the secondary indexes for the load"), SEED_P_NONE,
	  "DO $$ DECLARE r record; BEGIN"
	  " FOR r IN SELECT name FROM seed_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;"
	  " END $$" },
	{ N_("matching templates to request types"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_rt_tpl ON COMMIT DROP AS"
	  " SELECT rt.k, coalesce(own.key, '*') AS tpl_key,"
	  "        coalesce(own.n, (SELECT count(*) FROM seed_tpl WHERE key = '*'))::int AS ntpl"
	  "   FROM seed_rt rt"
	  "   LEFT JOIN (SELECT key, count(*) AS n FROM seed_tpl GROUP BY key) own ON own.key = rt.key" },
	/* Deadlines exactly as sla_due() and sla_risk_at() of 010_sla.sql give
	 * them, but set-based: the business position of an instant and the
	 * instant of a position are looked up in calendar_days through two
	 * small maps joined by equality (local date; hour of business time),
	 * instead of two index probes per call and four calls per ticket. */
	{ N_("mapping calendar days"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_daymap ON COMMIT DROP AS"
	  " SELECT c.calendar_id AS cal, d::date AS day, cd.opens_at, cd.secs, cd.cum_before,"
	  "        (SELECT p.cum_before + p.secs FROM calendar_days p"
	  "          WHERE p.calendar_id = c.calendar_id AND p.day < d::date"
	  "          ORDER BY p.day DESC LIMIT 1) AS prev_end"
	  "   FROM (SELECT DISTINCT calendar_id FROM seed_cust) c"
	  "  CROSS JOIN generate_series(tt_now()::date - 120, tt_now()::date + 5, interval '1 day') AS d"
	  "   LEFT JOIN calendar_days cd ON cd.calendar_id = c.calendar_id AND cd.day = d::date" },
	{ N_("mapping business time"), SEED_P_NONE,
	  "CREATE TEMP TABLE seed_posmap ON COMMIT DROP AS"
	  " SELECT cd.calendar_id AS cal, b, cd.opens_at, cd.cum_before, cd.secs"
	  "   FROM calendar_days cd"
	  "  CROSS JOIN LATERAL generate_series(cd.cum_before / 3600, (cd.cum_before + cd.secs) / 3600) AS b"
	  "  WHERE cd.calendar_id IN (SELECT calendar_id FROM seed_cust)"
	  "    AND cd.day BETWEEN tt_now()::date - 120 AND tt_now()::date + 365" },
	{ N_("measuring the lookup tables"), SEED_P_NONE,
	  "ANALYZE seed_cust, seed_spoc, seed_eng, seed_rt, seed_rt_bucket, seed_reason, seed_tpl, seed_rt_tpl,"
	  "        seed_daymap, seed_posmap" },
	{ N_("drawing the tickets"), SEED_P_SEED_TICKETS, DRAW },

	{ N_("inserting the tickets"), SEED_P_NONE,
	  "INSERT INTO tickets (id, customer_id, contact_id, request_type_id, team_id, reason_id, severity,"
	  "    status, title, description, impact, object_ids, member_id, bidder_id, creative_id,"
	  "    repro_steps, screenshots, browser, os, phone, bug_ref, assignee_id, created_by,"
	  "    calendar_id, plan, created_at, updated_at, first_response_due, acknowledged_at,"
	  "    first_response_outcome, resolution_due, waiting_since, resolved_at, resolution_outcome,"
	  "    update_due, last_public_reply_at, closed_at, escalation_level, version,"
	  "    first_response_clock, first_response_minutes, first_response_risk_at,"
	  "    resolution_clock, resolution_minutes, resolution_risk_at, update_risk_at, queue_paused_left)"
	  " SELECT t.g, t.customer_id, t.contact_id, t.request_type_id, t.team_id, t.reason_id, t.severity,"
	  "    t.status,"
	  "    format(tp.title, t.o1, t.member_id, coalesce(t.creative_id, t.o1), t.browser,"
	  "           t.customer_name, t.domain),"
	  "    format(tp.description, t.o1, t.member_id, coalesce(t.creative_id, t.o1), t.browser,"
	  "           t.customer_name, t.domain),"
	  "    format(tp.impact, t.o1, t.member_id, coalesce(t.creative_id, t.o1), t.browser,"
	  "           t.customer_name, t.domain),"
	  "    CASE WHEN t.r_nobj < 0.6 THEN ARRAY[t.o1::text]"
	  "         WHEN t.r_nobj < 0.9 THEN ARRAY[t.o1::text, t.o2::text]"
	  "         ELSE ARRAY[t.o1::text, t.o2::text, t.o3::text] END,"
	  "    t.member_id, t.bidder_id, t.creative_id,"
	  "    format(tp.repro, t.o1, t.member_id, coalesce(t.creative_id, t.o1), t.browser,"
	  "           t.customer_name, t.domain),"
	  "    CASE WHEN t.ui_related OR t.r_shot < 0.15"
	  "         THEN ARRAY['https://files.' || t.domain || '/support/T' || t.g || '-1.png']"
	  "              || CASE WHEN t.r_shot < 0.5 THEN ARRAY['https://files.' || t.domain"
	  "                                                    || '/support/T' || t.g || '-2.png'] ELSE '{}' END"
	  "         ELSE '{}' END,"
	  "    t.browser, t.os,"
	  "    CASE WHEN t.severity = 1 OR t.r_shot > 0.9"
	  "         THEN coalesce(t.contact_phone, '+1 212 555 01' || lpad((t.g % 100)::text, 2, '0')) END,"
	  "    t.bug_ref, t.assignee_id, t.created_by, t.calendar_id, t.plan, t.created, t.updated_at,"
	  "    t.fr_due, t.ack,"
	  "    CASE WHEN t.ack IS NULL THEN NULL WHEN t.ack <= t.fr_due THEN 'met' ELSE 'missed' END::sla_outcome,"
	  "    t.rd_due, CASE WHEN t.st = 3 THEN t.wait_at END, t.resolved,"
	  "    CASE WHEN t.resolved IS NULL THEN NULL WHEN t.resolved <= t.rd_due THEN 'met'"
	  "         ELSE 'missed' END::sla_outcome,"
	  "    CASE WHEN t.severity = 1 AND t.st BETWEEN 1 AND 4"
	  "         THEN t.last_public + make_interval(mins => tu.minutes) END,"
	  "    t.last_public, t.closed, t.lvl, t.version,"
	  "    t.fr_clock, t.fr_minutes, t.fr_risk, t.rd_clock, t.rd_minutes, t.rd_risk,"
	  "    CASE WHEN t.severity = 1 AND t.st BETWEEN 1 AND 4"
	  "         THEN t.last_public + make_interval(secs => ceil(tu.minutes * 60 * 0.8)::float8) END,"
	  /* what tickets_queue_paused_left() of 340 gives: a ticket waiting on
	   * the customer without an update cadence (not an emergency) keeps
	   * the resolution time left at wait_at, clock_between(wait_at,
	   * rd_due) on its clock; the business position of wait_at is read
	   * from the day map as pos0 is, that of rd_due is p_rd */
	  "    CASE WHEN t.st <> 3 OR (t.severity = 1 AND tu.minutes IS NOT NULL) THEN 0"
	  "         WHEN t.rd_clock = 'wall' THEN floor(extract(epoch FROM t.rd_due - t.wait_at))::bigint"
	  "         WHEN t.p_rd >= w.pos THEN floor(t.p_rd - w.pos)::bigint"
	  "         ELSE -floor(w.pos - t.p_rd)::bigint END"
	  "  FROM seed_t t"
	  "  JOIN seed_tpl tp ON tp.key = t.tpl_key AND tp.n = t.tpl_n"
	  /* the update cadence is on the wall clock (DESIGN.md 6) */
	  "  LEFT JOIN sla_targets tu ON tu.kind = 'update' AND tu.plan = t.plan AND tu.severity = t.severity"
	  "  LEFT JOIN seed_daymap dw ON t.st = 3 AND dw.cal = t.calendar_id"
	  "        AND dw.day = (t.wait_at AT TIME ZONE t.tz)::date"
	  "  CROSS JOIN LATERAL (SELECT CASE WHEN dw.opens_at IS NOT NULL AND t.wait_at >= dw.opens_at"
	  "        THEN dw.cum_before + least(extract(epoch FROM t.wait_at - dw.opens_at), dw.secs)"
	  "        ELSE dw.prev_end END AS pos) w" },

	{ N_("opening the customer-wait pauses"), SEED_P_NONE,
	  /* what the AFTER INSERT trigger of 010_sla.sql does when it runs */
	  "INSERT INTO sla_pauses (ticket_id, started_at, clock)"
	  " SELECT t.g, t.wait_at, t.rd_clock FROM seed_t t"
	  "  WHERE t.st = 3 AND current_setting('session_replication_role') = 'replica'" },

	{ N_("moving the ticket number sequence"), SEED_P_NONE,
	  "SELECT setval(pg_get_serial_sequence('ticketty.tickets', 'id'), coalesce(max(id), 1),"
	  "              max(id) IS NOT NULL) FROM tickets" },

	{ N_("recording the escalations"), SEED_P_NONE,
	  /* level 1 is held by the customer's CSM, 2 by the COO, 3 by the CEO;
	   * every level below the current one was acknowledged and then passed
	   * up by its holder, with the reason of the next level as its note */
	  "INSERT INTO escalations (ticket_id, level, ticket_severity, holder_id, raised_by, reason,"
	  "                         raised_at, state, acknowledged_by, acknowledged_at, resolved_by,"
	  "                         resolved_at, resolution_note)"
	  " SELECT t.g, l, t.severity, h.holder, h.raiser, r.reasons[(l - 1) * 3 + 1 + (t.g % 3)::int], h.raised_at,"
	  "        CASE WHEN l < t.lvl THEN 'passed_up' WHEN t.top_acked THEN 'acknowledged'"
	  "             ELSE 'open' END::escalation_state,"
	  "        CASE WHEN l < t.lvl OR t.top_acked THEN h.holder END,"
	  "        CASE WHEN l < t.lvl OR t.top_acked THEN h.raised_at + t.e_ack_after END,"
	  "        CASE WHEN l < t.lvl THEN h.holder END,"
	  "        CASE WHEN l < t.lvl THEN h.next_at END,"
	  "        CASE WHEN l < t.lvl THEN r.reasons[l * 3 + 1 + (t.g % 3)::int] END"
	  "   FROM seed_t t"
	  "   CROSS JOIN (SELECT ARRAY["
	  "       'The problem blocks a campaign launch and the customer asks for their CSM to step in.',"
	  "       'Three days without a workaround; the customer wants management attention.',"
	  "       'The customer disputes the severity and asks for a second opinion.',"
	  "       'The CSM could not obtain a date from engineering while the revenue impact grows.',"
	  "       'The customer threatens to pause all spend on the platform until this is fixed.',"
	  "       'Needs engineers from several teams; the CSM asks the COO to set priorities.',"
	  "       'The contract renewal is at risk: the customer''s CEO wrote to ours.',"
	  "       'The customer complained publicly; an executive answer is needed.',"
	  "       'Several customers hit the same fault; a decision on a hotfix is needed.'] AS reasons) r"
	  "   CROSS JOIN LATERAL generate_series(1, t.lvl) AS l"
	  "   CROSS JOIN LATERAL (SELECT"
	  "       CASE l WHEN 1 THEN t.csm_id WHEN 2 THEN (SELECT min(id) FROM agents WHERE role = 'coo' AND active)"
	  "              ELSE (SELECT min(id) FROM agents WHERE role = 'ceo' AND active) END AS holder,"
	  "       CASE l WHEN 1 THEN coalesce(t.assignee_id, t.created_by) WHEN 2 THEN t.csm_id"
	  "              ELSE (SELECT min(id) FROM agents WHERE role = 'coo' AND active) END AS raiser,"
	  "       CASE l WHEN 1 THEN t.e1 WHEN 2 THEN t.e2 ELSE t.e3 END AS raised_at,"
	  "       CASE l WHEN 1 THEN t.e2 WHEN 2 THEN t.e3 END AS next_at) AS h"
	  "  WHERE t.lvl > 0"
	  "  ORDER BY t.g, l" },

	{ N_("writing the audit log"), SEED_P_NONE,
	  /* kinds and details as the API functions write them (created, ack,
	   * take, status, resolve, close, escalation.*). The version of each
	   * event is the ticket's version after it; the ticket's own version
	   * is the number of its events. One branch per step, each reading
	   * only the tickets that took it. */
	  "WITH t AS MATERIALIZED ("
	  "   SELECT s.g, s.st, s.lvl, s.top_acked, s.created, s.ack, s.inprog, s.wait_at, s.resolved,"
	  "          s.closed, s.e1, s.e2, s.e3, s.e_ack_after, s.created_by, s.csm_id, s.status, s.bug_ref,"
	  "          s.severity, s.rt_key, s.customer_id, s.contact_id, s.team_id, s.assigned::int AS a,"
	  "          coalesce(s.assignee_id, s.created_by) AS worker,"
	  "          2 + s.assigned::int + (s.st >= 2)::int + (s.st IN (3, 4))::int AS vb"
	  "     FROM seed_t s),"
	  " x AS (SELECT o.id AS coo, o.login AS coo_login, e.id AS ceo, e.login AS ceo_login"
	  "         FROM (SELECT min(id) AS id FROM agents WHERE role = 'coo' AND active) oi"
	  "         LEFT JOIN agents o ON o.id = oi.id"
	  "        CROSS JOIN (SELECT min(id) AS id FROM agents WHERE role = 'ceo' AND active) ei"
	  "         LEFT JOIN agents e ON e.id = ei.id)"
	  " INSERT INTO ticket_events (ticket_id, actor_id, at, kind, version, details)"
	  " SELECT t.g, t.created_by, t.created, 'created', 1,"
	  "        jsonb_build_object('team', tm.key, 'request_type', t.rt_key, 'severity', t.severity,"
	  "                           'customer', t.customer_id, 'contact', t.contact_id)"
	  "   FROM t JOIN teams tm ON tm.id = t.team_id"
	  " UNION ALL"
	  " SELECT t.g, t.worker, t.ack, 'ack', 2, '{\"from\": \"new\", \"to\": \"acknowledged\"}'"
	  "   FROM t WHERE t.st >= 1"
	  " UNION ALL"
	  " SELECT t.g, t.worker, t.ack + interval '1 second', 'take', 3,"
	  "        jsonb_build_object('from', NULL, 'assignee', aw.login)"
	  "   FROM t JOIN agents aw ON aw.id = t.worker WHERE t.a = 1"
	  " UNION ALL"
	  " SELECT t.g, t.worker, t.inprog, 'status', 3 + t.a,"
	  "        '{\"from\": \"acknowledged\", \"to\": \"in_progress\"}'"
	  "   FROM t WHERE t.st >= 2"
	  " UNION ALL"
	  " SELECT t.g, t.worker, t.wait_at, 'status', 4 + t.a,"
	  "        jsonb_build_object('from', 'in_progress', 'to', t.status)"
	  "        || CASE WHEN t.st = 4 THEN jsonb_build_object('bug_ref', t.bug_ref) ELSE '{}' END"
	  "   FROM t WHERE t.st IN (3, 4)"
	  " UNION ALL"
	  " SELECT t.g, t.worker, t.e1, 'escalation.raised', t.vb + 1,"
	  "        jsonb_build_object('level', 1, 'level_key', 'csm', 'holder', ac.login)"
	  "   FROM t LEFT JOIN agents ac ON ac.id = t.csm_id WHERE t.lvl >= 1"
	  " UNION ALL"
	  " SELECT t.g, t.csm_id, t.e1 + t.e_ack_after, 'escalation.acknowledged', t.vb + 2, '{\"level\": 1}'"
	  "   FROM t WHERE t.lvl >= 2 OR (t.lvl = 1 AND t.top_acked)"
	  " UNION ALL"
	  " SELECT t.g, t.csm_id, t.e2, 'escalation.passed_up', t.vb + 3,"
	  "        jsonb_build_object('level', 2, 'level_key', 'coo', 'holder', x.coo_login)"
	  "   FROM t CROSS JOIN x WHERE t.lvl >= 2"
	  " UNION ALL"
	  " SELECT t.g, x.coo, t.e2 + t.e_ack_after, 'escalation.acknowledged', t.vb + 4, '{\"level\": 2}'"
	  "   FROM t CROSS JOIN x WHERE t.lvl >= 3 OR (t.lvl = 2 AND t.top_acked)"
	  " UNION ALL"
	  " SELECT t.g, x.coo, t.e3, 'escalation.passed_up', t.vb + 5,"
	  "        jsonb_build_object('level', 3, 'level_key', 'ceo', 'holder', x.ceo_login)"
	  "   FROM t CROSS JOIN x WHERE t.lvl >= 3"
	  " UNION ALL"
	  " SELECT t.g, x.ceo, t.e3 + t.e_ack_after, 'escalation.acknowledged', t.vb + 6, '{\"level\": 3}'"
	  "   FROM t CROSS JOIN x WHERE t.lvl = 3 AND t.top_acked"
	  " UNION ALL"
	  " SELECT t.g, t.worker, t.resolved, 'resolve', 4 + t.a,"
	  "        '{\"from\": \"in_progress\", \"to\": \"resolved\"}'"
	  "   FROM t WHERE t.st >= 5"
	  " UNION ALL"
	  " SELECT t.g, t.worker, t.closed, 'close', 5 + t.a, '{\"from\": \"resolved\", \"to\": \"closed\"}'"
	  "   FROM t WHERE t.st = 6" },

	{ N_("writing the comments"), SEED_P_NONE,
	  "WITH t AS MATERIALIZED ("
	  "   SELECT s.g, s.st, s.ack, s.inprog, s.wait_at, s.resolved, s.r_note, s.bug_ref,"
	  "          coalesce(s.assignee_id, s.created_by) AS author,"
	  "          'Hello ' || s.first_name || E',\\n\\n' AS hello, (s.g % 3)::int + 1 AS v"
	  "     FROM seed_t s WHERE s.st >= 1)"
	  " INSERT INTO comments (ticket_id, author_id, kind, body, created_at)"
	  " SELECT t.g, t.author, 'public'::comment_kind, t.hello || (ARRAY["
	  "       'thank you for the detailed report. We can see the behaviour you describe and are working on it; you will hear from us as soon as we know more.',"
	  "       'thanks for reaching out. An engineer has taken the case and is going through the objects you listed.',"
	  "       'we received your request and are investigating. We will post every step here.'"
	  "     ])[t.v] || E'\\n\\nBest regards,\\nClient Services', t.ack"
	  "   FROM t"
	  " UNION ALL"
	  " SELECT t.g, t.author, 'internal', (ARRAY["
	  "       'Reproduced with the customer''s steps on a test member; sent the logs to the engineering channel.',"
	  "       'Not reproduced on staging yet; going through the production logs for the object IDs given.',"
	  "       'Looks related to last week''s release; comparing with similar tickets before asking engineering.'"
	  "     ])[1 + ((t.g / 3) % 3)::int], t.inprog"
	  "   FROM t WHERE t.st >= 2 AND t.r_note < 0.5"
	  " UNION ALL"
	  " SELECT t.g, t.author, 'public', t.hello || (ARRAY["
	  "       'could you tell us when you last saw the problem (with the time zone), and send a HAR file of the page if you can?',"
	  "       'one more detail would help: does it also happen in another browser or in a private window?',"
	  "       'did anything change in your setup shortly before the problem started?'"
	  "     ])[t.v] || E'\\n\\nBest regards,\\nClient Services', t.wait_at"
	  "   FROM t WHERE t.st = 3"
	  " UNION ALL"
	  " SELECT t.g, t.author, 'internal', 'Filed ' || t.bug_ref"
	  "        || ' with engineering. The fix needs a release; the ticket stays open until it ships.', t.wait_at"
	  "   FROM t WHERE t.st = 4"
	  " UNION ALL"
	  " SELECT t.g, t.author, 'public', t.hello || (ARRAY["
	  "       'the fix is live. Please check on your side; unless you tell us otherwise we will close this ticket in a few days.',"
	  "       'we corrected the configuration on our side and the numbers look right again. Thank you for your patience.',"
	  "       'as discussed, this is how the product works with this setup; the article we sent explains how to change it.'"
	  "     ])[t.v] || E'\\n\\nBest regards,\\nClient Services', t.resolved"
	  "   FROM t WHERE t.st >= 5" },

	{ N_("rebuilding the secondary indexes"), SEED_P_NONE,
	  "DO $$ DECLARE r record; BEGIN"
	  " FOR r IN SELECT def FROM seed_indexes LOOP EXECUTE r.def; END LOOP;"
	  " END $$" },

	/* the emergencies' last update period as a stored cadence outcome */
	{ N_("recording the update cadence"), SEED_P_NONE,
	  "INSERT INTO sla_update_outcomes (ticket_id, at, outcome)"
	  " SELECT t.id, t.last_public_reply_at,"
	  "        CASE WHEN t.update_missed_count > 0 THEN 'missed' ELSE 'met' END::sla_outcome"
	  "   FROM tickets t"
	  "  WHERE t.severity = 1 AND t.last_public_reply_at > t.acknowledged_at"
	  "    AND t.update_missed_count <= 1" },

	{ N_("counting the dashboard's figures"), SEED_P_NONE,
	  "SELECT dashboard_rebuild()" },

	/* The vectors of the tickets' own fields (search_own_doc() of
	 * 070_search.sql, through search_words() since 650) for
	 * search_rebuild(), without parsing each ticket's
	 * text: a ticket's text is its template filled in with its IDs, so the
	 * template is parsed once per customer, browser and shape with
	 * stand-in numbers (9 digits, unlike any real ID), and each ticket's
	 * vector is that one with its own numbers put in (tsvector input
	 * sorts and merges the lexemes again). A number is one token
	 * whatever its length, so the positions are the same. */
	{ N_("preparing the search vectors"), SEED_P_NONE,
	  "CREATE TEMP TABLE search_own_docs ON COMMIT DROP AS"
	  " WITH b AS MATERIALIZED ("
	  "   SELECT k.tpl_key, k.tpl_n, k.customer_id, k.browser, k.cr,"
	  "          setweight(ticketty.search_words(concat_ws(' ',"
	  "            format(tp.description, '900000001', k.member_id, CASE WHEN k.cr THEN '900000003' ELSE '900000001' END,"
	  "                   k.browser, k.customer_name, k.domain),"
	  "            format(tp.impact, '900000001', k.member_id, CASE WHEN k.cr THEN '900000003' ELSE '900000001' END,"
	  "                   k.browser, k.customer_name, k.domain),"
	  "            format(tp.repro, '900000001', k.member_id, CASE WHEN k.cr THEN '900000003' ELSE '900000001' END,"
	  "                   k.browser, k.customer_name, k.domain))), 'B')::text AS doc"
	  "     FROM (SELECT DISTINCT tpl_key, tpl_n, customer_id, member_id, customer_name, domain, browser,"
	  "                  creative_id IS NOT NULL AS cr FROM seed_t) k"
	  "     JOIN seed_tpl tp ON tp.key = k.tpl_key AND tp.n = k.tpl_n),"
	  " a AS MATERIALIZED ("
	  "   SELECT k.tpl_key, k.tpl_n, k.cr, k.nobj, k.bidder, k.bug,"
	  "          setweight(ticketty.search_words(concat_ws(' ', '900000000',"
	  "            format(tp.title, '900000001', '900000002', CASE WHEN k.cr THEN '900000003' ELSE '900000001' END),"
	  "            array_to_string((ARRAY['900000001', '900000004', '900000005'])[1:k.nobj], ' '),"
	  "            '900000002', CASE WHEN k.bidder THEN '900000006' END, CASE WHEN k.cr THEN '900000003' END,"
	  "            CASE WHEN k.bug THEN 'ENG-900000008' END)), 'A')::text AS doc"
	  "     FROM (SELECT DISTINCT tpl_key, tpl_n, creative_id IS NOT NULL AS cr,"
	  "                  CASE WHEN r_nobj < 0.6 THEN 1 WHEN r_nobj < 0.9 THEN 2 ELSE 3 END AS nobj,"
	  "                  bidder_id IS NOT NULL AS bidder, bug_ref IS NOT NULL AS bug FROM seed_t) k"
	  "     JOIN seed_tpl tp ON tp.key = k.tpl_key AND tp.n = k.tpl_n)"
	  " SELECT t.g AS ticket_id, t.customer_id, t.contact_id, t.st < 5 AS is_open, t.created AS created_at,"
	  "        replace(replace(replace(replace(replace(replace(replace(replace(a.doc,"
	  "          '900000000', t.g::text), '900000001', t.o1::text), '900000002', t.member_id::text),"
	  "          '900000003', coalesce(t.creative_id::text, '')), '900000004', t.o2::text),"
	  "          '900000005', t.o3::text), '900000006', coalesce(t.bidder_id::text, '')),"
	  "          '900000008', coalesce(substr(t.bug_ref, 5), ''))::tsvector"
	  "     || replace(replace(b.doc, '900000001', t.o1::text),"
	  "                '900000003', coalesce(t.creative_id::text, ''))::tsvector AS doc"
	  "   FROM seed_t t"
	  "   JOIN a ON a.tpl_key = t.tpl_key AND a.tpl_n = t.tpl_n AND a.cr = (t.creative_id IS NOT NULL)"
	  "         AND a.nobj = CASE WHEN t.r_nobj < 0.6 THEN 1 WHEN t.r_nobj < 0.9 THEN 2 ELSE 3 END"
	  "         AND a.bidder = (t.bidder_id IS NOT NULL) AND a.bug = (t.bug_ref IS NOT NULL)"
	  "   JOIN b ON b.tpl_key = t.tpl_key AND b.tpl_n = t.tpl_n AND b.customer_id = t.customer_id"
	  "         AND b.browser = t.browser AND b.cr = (t.creative_id IS NOT NULL)"
	  "  WHERE current_setting('session_replication_role') = 'replica'" },

	/* the search index (sql/070_search.sql) is kept by triggers, which a
	 * superuser's load switches off: fill it set-based instead; its
	 * indexes are built after the commit, two sessions at once
	 * (seed_search_indexes, sql/810) */
	{ N_("filling the search index"), SEED_P_NONE,
	  "SELECT ticketty.search_rebuild(true)"
	  " WHERE current_setting('session_replication_role') = 'replica'" },

	{ N_("updating statistics"), SEED_P_NONE,
	  "ANALYZE customers, contacts, agents, tickets, ticket_events, comments, escalations,"
	  " sla_pauses, sla_update_outcomes, sla_rollup, sla_rollup_customer, sla_rollup_customer_week,"
	  " backlog_rollup, backlog_rollup_customer, sla_pending, sla_pending_customer, sla_pending_hour,"
	  " sla_pending_customer_hour" },

	{ NULL, SEED_P_NONE, NULL },
};
