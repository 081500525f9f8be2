ALTER TYPE "public"."usage_metric" ADD VALUE 'workflow_runs';--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "workflow_run_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
-- Automation's plan limits: runs started per month and workflows switched on at once (absent = unlimited).
UPDATE "plans" SET "limits" = "limits" || '{"workflowRunsPerMonth": 10000, "activeWorkflows": 25}'::jsonb WHERE "key" = 'pro';--> statement-breakpoint
UPDATE "plans" SET "limits" = "limits" || '{"workflowRunsPerMonth": 1000, "activeWorkflows": 5}'::jsonb WHERE "key" = 'starter';
