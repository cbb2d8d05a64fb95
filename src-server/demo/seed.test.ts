import { count, eq, sql } from 'drizzle-orm';
import { phoneDigitsColumn } from '../customers/phone-search';
import { DEFAULT_REFERENCE_TIME } from './generate';
import { describe, expect, it } from 'vitest';
import { customers, interactions, tenants, users, workOrders } from '../db/schema';
import { bearer, login, useTestServer } from '../test-support/test-server';
import { seedDemo } from './seed';
import { ACME_CUSTOMER_COUNT, ACME_TENANT, DEMO_TENANT } from './users';

// Explicitly on PGlite, so that the embedded database serves a full login and search
// even where CI points DATABASE_URL at PostgreSQL.
const server = useTestServer({ pglite: true, demoSize: 120 });

describe('seedDemo (on PGlite)', () => {
  it('creates both tenants with their users and data', async () => {
    const db = server().db;
    expect(server().database).toBe('pglite');
    const rows = await db.select().from(tenants);
    expect(rows.map((t) => t.slug).sort()).toEqual(['acme', 'demo']);
    const demo = rows.find((t) => t.slug === 'demo')!;
    expect(demo.name).toBe(DEMO_TENANT.name);
    const demoUsers = await db.select().from(users).where(eq(users.tenantId, demo.id));
    expect(demoUsers.map((u) => u.username).sort()).toEqual(
      DEMO_TENANT.users.map((u) => u.username).sort(),
    );
    const n = async (table: typeof customers | typeof workOrders | typeof interactions) =>
      (await db.select({ n: count() }).from(table).where(eq(table.tenantId, demo.id)))[0]?.n;
    expect(await n(customers)).toBe(120);
    expect(await n(workOrders)).toBeGreaterThan(0);
    expect(await n(interactions)).toBeGreaterThan(0);
    expect(ACME_TENANT.users.length).toBeGreaterThan(0);
  });

  it('stores arrays, JSON and timestamps faithfully', async () => {
    const db = server().db;
    const rows = await db.select().from(customers).limit(50);
    for (const c of rows) {
      expect(c.phones.length).toBeGreaterThan(0);
      for (const phone of c.phones) expect(phone).toMatch(/^\+86\d{9,11}$/);
      expect(c.phoneDigits).toBe(phoneDigitsColumn(c.phones));
      expect(c.createdAt.getTime()).toBeLessThan(Date.parse(DEFAULT_REFERENCE_TIME));
    }
    const [order] = await db
      .select()
      .from(workOrders)
      .where(eq(workOrders.status, 'closed'))
      .limit(1);
    expect(order?.history.map((h) => h.status).at(-1)).toBe('closed');
    const linked = await db
      .select({ ids: interactions.workOrderIds })
      .from(interactions)
      .where(sql`cardinality(${interactions.workOrderIds}) > 0`);
    expect(linked.length).toBeGreaterThan(0);
    const orderIds = new Set(
      (await db.select({ id: workOrders.id }).from(workOrders)).map((w) => w.id),
    );
    for (const { ids } of linked) for (const id of ids) expect(orderIds.has(id)).toBe(true);
  });

  it('leaves a database that already has data alone', async () => {
    const again = await seedDemo(server().db, { size: 10, seed: 99 });
    expect(again).toEqual({ seeded: false, customers: 0 });
    const [total] = await server().db.select({ n: count() }).from(customers);
    expect(total?.n).toBe(120 + ACME_CUSTOMER_COUNT);
  });

  it('lets every demo user log in with the demo password and search', async () => {
    for (const user of DEMO_TENANT.users) {
      const pair = await login(server(), user.username);
      expect(pair.user).toMatchObject({ role: user.role, displayName: user.displayName });
    }
    const pair = await login(server(), 'agent');
    const response = await server().app.inject({
      method: 'GET',
      url: '/api/customers?limit=5',
      headers: bearer(pair.accessToken),
    });
    expect(response.json()).toMatchObject({ total: 120 });
  });
});
