import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { customerDoc } from '../sync/customers-adapter';
import { workOrderDoc } from '../sync/work-orders-adapter';
import { connectDatabase, defaultMigrationsDir, type DatabaseHandle } from './connect';
import { customers, workOrders } from './schema';
import { createTestDatabase } from '../test-support/test-database';

const TENANT = '11111111-1111-4111-8111-111111111111';
const long = 'x'.repeat(250);

/** The migrations as they were before the lossless-sync one (same folder, shorter journal). */
async function migrationsBefore(tag: string, into: string): Promise<string> {
  await cp(defaultMigrationsDir(), into, { recursive: true });
  const path = join(into, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(path, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag.endsWith(tag));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  await writeFile(path, JSON.stringify(journal));
  return into;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const backends = [
  { name: 'pglite', pglite: true },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', pglite: false }] : []),
];

describe.each(backends)('the lossless-sync migration on $name', ({ pglite }) => {
  it('converts old rows in place into the documents the old adapters sent, without a re-pull', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'sb-migration-'));
    cleanups.push(() => rm(scratch, { recursive: true, force: true }));
    const database = await createTestDatabase({ pglite });
    cleanups.push(() => database.drop());
    const where = database.databaseUrl
      ? { databaseUrl: database.databaseUrl }
      : { pgliteDir: join(scratch, 'pglite') };
    const open = async (migrationsDir?: string): Promise<DatabaseHandle> =>
      connectDatabase({ ...where, ...(migrationsDir ? { migrationsDir } : {}) });

    const old = await open(await migrationsBefore('sync_lossless', join(scratch, 'migrations')));
    await old.db.execute(sql`insert into tenants (id, slug, name) values (${TENANT}, 't', 'T')`);
    await old.db.execute(sql`
      insert into customers (id, tenant_id, account_number, name, email, city, address) values
        ('21111111-1111-4111-8111-111111111111', ${TENANT}, 'A1', 'Full', 'a@x.cn', '北京', '朝阳区建国路1号'),
        ('21111111-1111-4111-8111-111111111112', ${TENANT}, 'A2', 'Empty', '', '', ''),
        ('21111111-1111-4111-8111-111111111113', ${TENANT}, 'A3', 'Null email', null, 'Paris', ''),
        ('21111111-1111-4111-8111-111111111114', ${TENANT}, 'A4', 'Long', 'b@x.cn', '', ${long})`);
    await old.db.execute(sql`
      insert into work_orders (id, tenant_id, number, type, priority, customer_id, address) values
        ('31111111-1111-4111-8111-111111111111', ${TENANT}, 'W1', 'repair', 'urgent', '21111111-1111-4111-8111-111111111111', '建国路1号'),
        ('31111111-1111-4111-8111-111111111112', ${TENANT}, 'W2', 'repair', 'high', '21111111-1111-4111-8111-111111111111', ''),
        ('31111111-1111-4111-8111-111111111113', ${TENANT}, 'W3', 'repair', 'normal', '21111111-1111-4111-8111-111111111111', ${long}),
        ('31111111-1111-4111-8111-111111111114', ${TENANT}, 'W4', 'repair', 'low', '21111111-1111-4111-8111-111111111111', '')`);
    const seqs = async (handle: DatabaseHandle) => [
      ...(await handle.db.select({ s: customers.serverSeq }).from(customers)).map((r) => r.s),
      ...(await handle.db.select({ s: workOrders.serverSeq }).from(workOrders)).map((r) => r.s),
    ];
    const before = await seqs(old);
    await old.close();

    const now = await open();
    cleanups.push(() => now.close());
    // Converted in place: no row takes a new sequence number, so no desktop pulls it again.
    expect(await seqs(now)).toEqual(before);
    const docs = (await now.db.select().from(customers).orderBy(asc(customers.accountNumber))).map(
      customerDoc,
    );
    expect(docs.map((d) => [d['emails'], d['address']])).toEqual([
      [['a@x.cn'], { line1: '朝阳区建国路1号', city: '北京' }],
      [[], undefined],
      [[], { city: 'Paris' }],
      // The old adapter cut line1 to the replica's 200 characters when it sent it.
      [['b@x.cn'], { line1: 'x'.repeat(200) }],
    ]);
    const orders = (await now.db.select().from(workOrders).orderBy(asc(workOrders.number))).map(
      workOrderDoc,
    );
    expect(orders.map((d) => [d['priority'], d['address']])).toEqual([
      [1, { line1: '建国路1号' }],
      [2, undefined],
      [3, { line1: 'x'.repeat(200) }],
      [4, undefined],
    ]);
    // The fifth level the old enum lacked is now a value like the others; 6 is not.
    const w4 = eq(workOrders.id, '31111111-1111-4111-8111-111111111114');
    await now.db.update(workOrders).set({ priority: 5 }).where(w4);
    expect((await now.db.select().from(workOrders).where(w4))[0]?.priority).toBe(5);
    await expect(now.db.update(workOrders).set({ priority: 6 }).where(w4)).rejects.toThrow();
  });
});
