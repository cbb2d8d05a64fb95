-- Sync without loss (issue #4): the rows hold every value a replica may push. Columns are
-- converted in place (ALTER ... USING), not copied by UPDATE: an UPDATE would fire the sync
-- triggers and give every row a new server_seq, i.e. a full re-pull by every desktop, while
-- the documents the converted rows produce are the ones the old adapters sent.
ALTER TABLE "customers" ALTER COLUMN "email" SET DATA TYPE text[] USING (CASE WHEN "email" IS NULL OR "email" = '' THEN '{}'::text[] ELSE ARRAY["email"] END);--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "email" SET DEFAULT '{}'::text[];--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "email" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" RENAME COLUMN "email" TO "emails";--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "address" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "address" DROP NOT NULL;--> statement-breakpoint
-- The old adapter cut line1 and city to the replica's 200 and 100 characters when it sent them.
ALTER TABLE "customers" ALTER COLUMN "address" SET DATA TYPE jsonb USING (CASE WHEN "address" = '' AND "city" = '' THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object('line1', nullif(left("address", 200), ''), 'city', nullif(left("city", 100), ''))) END);--> statement-breakpoint
ALTER TABLE "customers" DROP COLUMN "city";--> statement-breakpoint
ALTER TABLE "work_orders" ALTER COLUMN "priority" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "work_orders" ALTER COLUMN "priority" SET DATA TYPE smallint USING (CASE "priority" WHEN 'urgent' THEN 1 WHEN 'high' THEN 2 WHEN 'normal' THEN 3 ELSE 4 END);--> statement-breakpoint
ALTER TABLE "work_orders" ALTER COLUMN "priority" SET DEFAULT 3;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_priority_check" CHECK (priority between 1 and 5);--> statement-breakpoint
DROP TYPE "public"."work_order_priority";--> statement-breakpoint
ALTER TABLE "work_orders" ALTER COLUMN "address" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "work_orders" ALTER COLUMN "address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ALTER COLUMN "address" SET DATA TYPE jsonb USING (CASE WHEN "address" = '' THEN NULL ELSE jsonb_build_object('line1', left("address", 200)) END);
