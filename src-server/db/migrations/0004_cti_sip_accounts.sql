CREATE TABLE "sip_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"aor" text NOT NULL,
	"registrar" text,
	"auth_user" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "talk_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "hold_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "end_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "abandoned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sip_accounts" ADD CONSTRAINT "sip_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate CHECK constraints or data changes).
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_times_non_negative" CHECK ("talk_ms" >= 0 AND "hold_ms" >= 0);--> statement-breakpoint
-- Calls recorded before these columns existed: the connected time is known (hold time is not),
-- an inbound call that ended unanswered was abandoned or missed; the end reason stays unknown.
UPDATE "interactions" SET
  "talk_ms" = LEAST(2147483647, GREATEST(0, (EXTRACT(EPOCH FROM ("ended_at" - "answered_at")) * 1000)::bigint))::integer,
  "abandoned" = false
WHERE "channel" = 'voice' AND "answered_at" IS NOT NULL AND "ended_at" IS NOT NULL;--> statement-breakpoint
UPDATE "interactions" SET "abandoned" = true
WHERE "channel" = 'voice' AND "direction" = 'inbound' AND "answered_at" IS NULL AND "ended_at" IS NOT NULL;
