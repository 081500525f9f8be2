-- A delivery's tries move onto its row (attempt_log), so recording a try is one write, not two;
-- the request body is not kept per try any more (it is the event's envelope, rebuilt when shown).
-- Events get a lease while a run sends their first deliveries, which are then inserted with their
-- outcome in one statement.
ALTER TABLE "domain_events" ADD COLUMN "dispatch_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "attempt_log" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- The owner runs migrations; with RLS forced it would see no workspace's rows while copying.
ALTER TABLE webhook_attempts NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE webhook_deliveries NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE webhook_deliveries d SET attempt_log = a.log
FROM (
  SELECT tenant_id, delivery_id, jsonb_agg(jsonb_build_object(
    'attempt', attempt,
    'startedAt', to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'durationMs', duration_ms,
    'requestHeaders', request_headers,
    'responseStatus', response_status,
    'responseBody', response_body,
    'error', error) ORDER BY attempt) AS log
  FROM webhook_attempts GROUP BY tenant_id, delivery_id
) a
WHERE d.tenant_id = a.tenant_id AND d.id = a.delivery_id;--> statement-breakpoint
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "webhook_attempts" CASCADE;
