CREATE TYPE "public"."auth_token_kind" AS ENUM('password_reset', 'invitation');--> statement-breakpoint
CREATE TABLE "auth_tokens" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" "auth_token_kind" NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_tokens_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "auth_tokens_tenant_hash_uq" ON "auth_tokens" USING btree ("tenant_id","token_hash");--> statement-breakpoint
CREATE INDEX "auth_tokens_tenant_user_idx" ON "auth_tokens" USING btree ("tenant_id","user_id");