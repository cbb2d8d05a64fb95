CREATE SEQUENCE "public"."sync_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "sync_scope_exits" (
	"user_id" uuid NOT NULL,
	"collection" text NOT NULL,
	"doc_id" uuid NOT NULL,
	"server_seq" bigint NOT NULL,
	CONSTRAINT "sync_scope_exits_user_id_collection_doc_id_pk" PRIMARY KEY("user_id","collection","doc_id")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "remote_number" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "server_seq" bigint DEFAULT nextval('sync_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_scope_exits" ADD CONSTRAINT "sync_scope_exits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_scope_exits_user_seq_idx" ON "sync_scope_exits" USING btree ("user_id","collection","server_seq","doc_id");--> statement-breakpoint
CREATE INDEX "customers_tenant_seq_idx" ON "customers" USING btree ("tenant_id","server_seq","id");--> statement-breakpoint
CREATE INDEX "interactions_tenant_seq_idx" ON "interactions" USING btree ("tenant_id","server_seq","id");--> statement-breakpoint
CREATE INDEX "work_orders_tenant_seq_idx" ON "work_orders" USING btree ("tenant_id","server_seq","id");--> statement-breakpoint
CREATE INDEX "work_orders_assignee_seq_idx" ON "work_orders" USING btree ("assignee_id","server_seq","id");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not generate functions or triggers).
-- Every write to a replicated row takes the next sync sequence value. The per-tenant
-- transaction-level advisory lock makes writers of one tenant take values in commit order,
-- so a pull by checkpoint {serverSeq, id} never skips a row that committed late.
CREATE FUNCTION sync_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('sync:' || NEW.tenant_id::text));
  NEW.server_seq := nextval('sync_seq');
  RETURN NEW;
END $$;--> statement-breakpoint
-- One notification per tenant and collection per transaction (PostgreSQL folds identical
-- payloads): the servers' LISTEN loops turn it into pulls for their stream clients.
CREATE FUNCTION sync_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sync_changes', json_build_object('c', TG_ARGV[0], 't', NEW.tenant_id)::text);
  RETURN NULL;
END $$;--> statement-breakpoint
-- A technician's scope follows assignment: a reassigned order (and its customer, when he has
-- no other order of it) leaves it through a tombstone row; a newly assigned order's customer
-- enters it by a sequence bump, so his next pull carries the customer too.
CREATE FUNCTION sync_work_order_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.assignee_id IS NOT NULL
     AND OLD.assignee_id IS DISTINCT FROM NEW.assignee_id THEN
    INSERT INTO sync_scope_exits (user_id, collection, doc_id, server_seq)
      VALUES (OLD.assignee_id, 'work_orders', OLD.id, nextval('sync_seq'))
      ON CONFLICT (user_id, collection, doc_id) DO UPDATE SET server_seq = EXCLUDED.server_seq;
    IF NOT EXISTS (SELECT 1 FROM work_orders
                   WHERE assignee_id = OLD.assignee_id AND customer_id = OLD.customer_id) THEN
      INSERT INTO sync_scope_exits (user_id, collection, doc_id, server_seq)
        VALUES (OLD.assignee_id, 'customers', OLD.customer_id, nextval('sync_seq'))
        ON CONFLICT (user_id, collection, doc_id) DO UPDATE SET server_seq = EXCLUDED.server_seq;
    END IF;
  END IF;
  IF NEW.assignee_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id) THEN
    DELETE FROM sync_scope_exits
      WHERE user_id = NEW.assignee_id
        AND ((collection = 'work_orders' AND doc_id = NEW.id)
          OR (collection = 'customers' AND doc_id = NEW.customer_id));
    UPDATE customers SET updated_at = updated_at WHERE id = NEW.customer_id;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER customers_sync_bump BEFORE INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION sync_bump();--> statement-breakpoint
CREATE TRIGGER work_orders_sync_bump BEFORE INSERT OR UPDATE ON work_orders
  FOR EACH ROW EXECUTE FUNCTION sync_bump();--> statement-breakpoint
CREATE TRIGGER interactions_sync_bump BEFORE INSERT OR UPDATE ON interactions
  FOR EACH ROW EXECUTE FUNCTION sync_bump();--> statement-breakpoint
CREATE TRIGGER customers_sync_notify AFTER INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION sync_notify('customers');--> statement-breakpoint
CREATE TRIGGER work_orders_sync_notify AFTER INSERT OR UPDATE ON work_orders
  FOR EACH ROW EXECUTE FUNCTION sync_notify('work_orders');--> statement-breakpoint
CREATE TRIGGER interactions_sync_notify AFTER INSERT OR UPDATE ON interactions
  FOR EACH ROW EXECUTE FUNCTION sync_notify('interactions');--> statement-breakpoint
CREATE TRIGGER work_orders_sync_scope AFTER INSERT OR UPDATE ON work_orders
  FOR EACH ROW EXECUTE FUNCTION sync_work_order_scope();
