CREATE TABLE "sync_applied_pushes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"collection" text NOT NULL,
	"doc_id" text NOT NULL,
	"digest" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_applied_pushes_digest_check" CHECK ("sync_applied_pushes"."digest" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "sync_applied_pushes_doc_id_check" CHECK (length("sync_applied_pushes"."doc_id") <= 96)
);
--> statement-breakpoint
ALTER TABLE "sync_applied_pushes" ADD CONSTRAINT "sync_applied_pushes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_applied_pushes" ADD CONSTRAINT "sync_applied_pushes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_applied_pushes_doc_idx" ON "sync_applied_pushes" USING btree ("tenant_id","collection","doc_id","id");--> statement-breakpoint
CREATE INDEX "sync_applied_pushes_applied_at_idx" ON "sync_applied_pushes" USING btree ("applied_at");