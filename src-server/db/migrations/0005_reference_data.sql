CREATE TABLE "reference_items" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"label_en" text NOT NULL,
	"label_zh" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reference_items_tenant_id_kind_key_pk" PRIMARY KEY("tenant_id","kind","key"),
	CONSTRAINT "reference_items_kind_check" CHECK (kind in ('user', 'team', 'queue', 'reason_code', 'disposition', 'work_order_type', 'product', 'fee', 'policy', 'department')),
	CONSTRAINT "reference_items_key_check" CHECK ("reference_items"."key" ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
	CONSTRAINT "reference_items_sort_order_check" CHECK ("reference_items"."sort_order" between 0 and 1000000)
);
--> statement-breakpoint
ALTER TABLE "reference_items" ADD CONSTRAINT "reference_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reference_items_tenant_seq_idx" ON "reference_items" USING btree ("tenant_id","server_seq");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate functions or triggers).
-- Reference rows replicate like every other synced table (functions of migration 0002).
CREATE TRIGGER reference_items_sync_bump BEFORE INSERT OR UPDATE ON reference_items
  FOR EACH ROW EXECUTE FUNCTION sync_bump();--> statement-breakpoint
CREATE TRIGGER reference_items_sync_notify AFTER INSERT OR UPDATE ON reference_items
  FOR EACH ROW EXECUTE FUNCTION sync_notify('reference');--> statement-breakpoint
-- Every user is also a reference row of kind 'user' (key: the user's id), kept by this
-- trigger so that any writer of users (seeding, administration, SQL by hand) updates the
-- desktops' directory; writes that change nothing it shows (a password, a login) do not.
CREATE FUNCTION reference_user_upsert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.display_name, OLD.username, OLD.role, OLD.disabled, OLD.tenant_id)
         IS NOT DISTINCT FROM (NEW.display_name, NEW.username, NEW.role, NEW.disabled, NEW.tenant_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO reference_items (tenant_id, kind, key, label_en, label_zh, active, sort_order, data)
    VALUES (NEW.tenant_id, 'user', NEW.id::text, NEW.display_name, NEW.display_name,
            NOT NEW.disabled, 0,
            jsonb_build_object('role', NEW.role::text, 'username', NEW.username))
    ON CONFLICT (tenant_id, kind, key) DO UPDATE SET
      label_en = EXCLUDED.label_en,
      label_zh = EXCLUDED.label_zh,
      active = EXCLUDED.active,
      data = EXCLUDED.data,
      deleted = false,
      updated_at = now();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER users_reference_upsert AFTER INSERT OR UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION reference_user_upsert();--> statement-breakpoint
-- Users that exist before this migration get their rows too.
INSERT INTO reference_items (tenant_id, kind, key, label_en, label_zh, active, sort_order, data)
  SELECT tenant_id, 'user', id::text, display_name, display_name, NOT disabled, 0,
         jsonb_build_object('role', role::text, 'username', username)
  FROM users
  ON CONFLICT (tenant_id, kind, key) DO NOTHING;
