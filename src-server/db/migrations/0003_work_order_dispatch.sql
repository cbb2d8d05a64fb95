ALTER TABLE "work_orders" ADD COLUMN "queue" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;