CREATE TABLE "inbound_webhooks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"receiver_id" uuid NOT NULL,
	"message_id" text,
	"status" text NOT NULL,
	"reason" text,
	"headers" jsonb NOT NULL,
	"body" text NOT NULL,
	"source_ip" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_webhooks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_receivers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_received_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_receivers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "inbound_webhooks" ADD CONSTRAINT "inbound_webhooks_tenant_id_receiver_id_webhook_receivers_tenant_id_id_fk" FOREIGN KEY ("tenant_id","receiver_id") REFERENCES "public"."webhook_receivers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_receivers" ADD CONSTRAINT "webhook_receivers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_webhooks_message_uq" ON "inbound_webhooks" USING btree ("tenant_id","receiver_id","message_id") WHERE status = 'accepted';--> statement-breakpoint
CREATE INDEX "inbound_webhooks_receiver_received_idx" ON "inbound_webhooks" USING btree ("tenant_id","receiver_id","received_at");--> statement-breakpoint
-- Hand-written: grants and row-level security (pattern of 0025).
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_receivers, inbound_webhooks TO atrium_app;
--> statement-breakpoint
ALTER TABLE webhook_receivers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE webhook_receivers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON webhook_receivers FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
--> statement-breakpoint
ALTER TABLE inbound_webhooks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE inbound_webhooks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON inbound_webhooks FOR ALL
  USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
