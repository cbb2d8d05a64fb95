import { count } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords';
import { phoneDigitsColumn } from '../customers/phone-search';
import { insertJsonRows } from './bulk-insert';
import type { Database } from '../db/connect';
import { customers, interactions, sipAccounts, tenants, users, workOrders } from '../db/schema';
import { seedReference } from './seed-reference';
import { seedDemoGroups } from '../presence/seed-groups';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_SIZE, generateDemo, type DemoRecord } from './generate';
import {
  ACME_CUSTOMER_COUNT,
  ACME_TENANT,
  DEMO_PASSWORD,
  DEMO_TENANT,
  type DemoTenant,
} from './users';

export interface SeedOptions {
  size?: number;
  seed?: number;
  /** Customers per INSERT; keeps each statement well below PostgreSQL's 65535 parameters. */
  batchSize?: number;
  onProgress?: (customersInserted: number) => void;
}

export interface SeedResult {
  seeded: boolean;
  customers: number;
}

async function insertBatch(db: Database, tenantId: string, batch: DemoRecord[]): Promise<void> {
  // Generated records carry ISO timestamps already, which JSON passes through unchanged.
  const rows = {
    customers: batch.map(({ customer: c }) => ({
      ...c,
      tenantId,
      phoneDigits: phoneDigitsColumn(c.phones),
      updatedAt: c.createdAt,
    })),
    workOrders: batch.flatMap((r) => r.workOrders.map((w) => ({ ...w, tenantId }))),
    interactions: batch.flatMap((r) => r.interactions.map((i) => ({ ...i, tenantId }))),
  };
  await db.transaction(async (tx) => {
    await insertJsonRows(tx, customers, rows.customers);
    await insertJsonRows(tx, workOrders, rows.workOrders);
    await insertJsonRows(tx, interactions, rows.interactions);
  });
}

async function seedTenant(
  db: Database,
  tenant: DemoTenant,
  generator: { size: number; seed: number; batchSize: number },
  onProgress?: (n: number) => void,
): Promise<number> {
  const [row] = await db
    .insert(tenants)
    .values({ slug: tenant.slug, name: tenant.name })
    .onConflictDoNothing({ target: tenants.slug })
    .returning({ id: tenants.id });
  // Another process got there first.
  if (!row) return 0;
  const tenantId = row.id;

  const created = await db
    .insert(users)
    .values(
      await Promise.all(
        tenant.users.map(async ({ sip: _sip, ...u }) => ({
          ...u,
          tenantId,
          passwordHash: await hashPassword(DEMO_PASSWORD),
        })),
      ),
    )
    .returning({ id: users.id, role: users.role, username: users.username });
  const sipRows = created.flatMap((row) => {
    const sip = tenant.users.find((u) => u.username === row.username)?.sip;
    return sip ? [{ userId: row.id, ...sip }] : [];
  });
  if (sipRows.length > 0) await db.insert(sipAccounts).values(sipRows);
  await seedReference(db, tenantId);
  await seedDemoGroups(db, created);
  const idsOf = (...roles: string[]) =>
    created.filter((u) => roles.includes(u.role)).map((u) => u.id);

  let batch: DemoRecord[] = [];
  let inserted = 0;
  for (const record of generateDemo({
    size: generator.size,
    seed: generator.seed,
    accountPrefix: tenant.accountPrefix,
    agentIds: idsOf('agent', 'supervisor'),
    technicianIds: idsOf('technician'),
  })) {
    batch.push(record);
    if (batch.length >= generator.batchSize) {
      await insertBatch(db, tenantId, batch);
      inserted += batch.length;
      batch = [];
      onProgress?.(inserted);
    }
  }
  if (batch.length > 0) {
    await insertBatch(db, tenantId, batch);
    inserted += batch.length;
    onProgress?.(inserted);
  }
  return inserted;
}

/**
 * Fills an empty database with the demo tenants, users and generated data. A database
 * that already has any tenant is left alone, so restarting with SEED_DEMO=1 is harmless.
 */
export async function seedDemo(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const [existing] = await db.select({ n: count() }).from(tenants);
  if ((existing?.n ?? 0) > 0) return { seeded: false, customers: 0 };
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const batchSize = options.batchSize ?? 500;
  const demo = await seedTenant(
    db,
    DEMO_TENANT,
    { size: options.size ?? DEFAULT_DEMO_SIZE, seed, batchSize },
    options.onProgress,
  );
  const acme = await seedTenant(db, ACME_TENANT, {
    size: ACME_CUSTOMER_COUNT,
    seed: seed + 1,
    batchSize,
  });
  return { seeded: demo > 0, customers: demo + acme };
}
