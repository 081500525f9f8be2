DROP INDEX "platform_audit_created_idx";--> statement-breakpoint
DROP INDEX "audit_log_tenant_created_idx";--> statement-breakpoint
CREATE INDEX "platform_audit_action_idx" ON "platform_audit_log" USING btree ("action","created_at","id");--> statement-breakpoint
CREATE INDEX "platform_audit_tenant_idx" ON "platform_audit_log" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "platform_audit_actor_idx" ON "platform_audit_log" USING btree ("actor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_action_idx" ON "audit_log" USING btree ("tenant_id","action","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_actor_idx" ON "audit_log" USING btree ("tenant_id","actor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_impersonation_idx" ON "audit_log" USING btree ("tenant_id","created_at","id") WHERE impersonated_by is not null or action like 'impersonation.%';--> statement-breakpoint
CREATE INDEX "platform_audit_created_idx" ON "platform_audit_log" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_tenant_created_idx" ON "audit_log" USING btree ("tenant_id","created_at","id");