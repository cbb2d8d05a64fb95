import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { findCustomersByPhone, searchCustomers } from './customer-lookup';
import { openReplica, type ReplicaDatabase } from './open-replica';
import { tempDir } from './storage/test-helpers';

let tmp: ReturnType<typeof tempDir>;
let db: ReplicaDatabase | undefined;
const logged: string[] = [];
const logger = { info: () => {}, error: (m: string) => logged.push(m) };

beforeEach(() => {
  tmp = tempDir();
  logged.length = 0;
});
afterEach(async () => {
  await db?.close();
  db = undefined;
  tmp.cleanup();
});

type NewCustomer = Pick<CustomerDoc, 'id' | 'name' | 'phones'> & Partial<CustomerDoc>;
function customer(c: NewCustomer): CustomerDoc {
  // Derived keys are placeholders: the pre-insert hook computes the real ones.
  return {
    emails: [],
    accountNumber: '',
    vipTier: 'none',
    tags: [],
    nameKey: '',
    pinyinKey: '',
    phoneRev0: '',
    phoneRev1: '',
    phoneRev2: '',
    phoneRev3: '',
    updatedAt: 0,
    serverSeq: 0,
    ...c,
  };
}

async function seeded(): Promise<ReplicaDatabase> {
  db = await openReplica({ dataDir: tmp.dir, devMode: true, logger });
  await db.customers.bulkInsert([
    customer({ id: 'c1', name: '张三丰', phones: ['+8613800138000', '+861065529988'] }),
    customer({ id: 'c2', name: '李四', phones: ['+8613912345678'] }),
    customer({ id: 'c3', name: 'Zhang Wei', phones: ['+862161234567', '+8618600008000'] }),
    customer({ id: 'c4', name: 'Émile Zola', phones: [] }),
  ]);
  return db;
}

describe('openReplica', () => {
  it('opens the four collections on the SQLite storage in the data folder', async () => {
    db = await openReplica({ dataDir: tmp.dir, devMode: true, logger }); // first open: dev-mode checks on for this file
    expect(Object.keys(db.collections).sort()).toEqual([
      'customers',
      'interactions',
      'reference',
      'work_orders',
    ]);
    expect(existsSync(join(tmp.dir, 'switchboard.sqlite'))).toBe(true);
  });

  it('rejects a document that violates the schema with a clear validation error', async () => {
    db = await openReplica({ dataDir: tmp.dir, devMode: false, logger });
    const bad = { ...customer({ id: 'x', name: 'X', phones: ['13800138000'] }) }; // not E.164
    const err = await db.customers.insert(bad).then(
      () => null,
      (e: unknown) =>
        e as {
          code?: string;
          parameters?: {
            writeError?: {
              status: number;
              validationErrors: { instancePath: string; message: string }[];
            };
          };
        },
    );
    expect(err?.code).toBe('VD2');
    expect(err?.parameters?.writeError?.status).toBe(422);
    expect(err?.parameters?.writeError?.validationErrors[0]).toMatchObject({
      instancePath: '/phones/0',
      message: expect.stringMatching(/must match pattern/),
    });
    expect(await db.customers.count().exec()).toBe(0);
  });

  it('moves a corrupt database file aside, logs it, and opens a fresh replica', async () => {
    const file = join(tmp.dir, 'switchboard.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x5a)); // not a SQLite file at all
    db = await openReplica({ dataDir: tmp.dir, devMode: false, logger });
    const aside = readdirSync(tmp.dir).filter((f) => f.startsWith('switchboard.sqlite.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(logged.join('\n')).toMatch(/corrupt.*moved to .*switchboard\.sqlite\.corrupt-/s);
    expect(await db.customers.count().exec()).toBe(0);
  });

  it('keeps data across close and reopen', async () => {
    await seeded();
    await db!.close();
    db = await openReplica({ dataDir: tmp.dir, devMode: false, logger });
    expect(await db.customers.count().exec()).toBe(4);
  });
});

describe('customer lookup', () => {
  const ids = (docs: { id: string }[]) => docs.map((d) => d.id).sort();

  it.each([
    ['13800138000', ['c1']],
    ['+86 138-0013-8000', ['c1']],
    ['008613800138000', ['c1']],
    ['8613800138000', ['c1']],
    ['１３８００１３８０００', ['c1']],
    ['010-6552 9988', ['c1']],
    ['(010)65529988', ['c1']],
    ['021 6123 4567', ['c3']],
    ['18600008000', ['c3']],
    ['13900000000', []],
    ['not a number', []],
  ])('findCustomersByPhone(%s)', async (raw, expected) => {
    await seeded();
    expect(ids(await findCustomersByPhone(db!.customers, raw))).toEqual(expected);
  });

  it('finds a bare local landline number with the configured area code', async () => {
    await seeded();
    expect(
      ids(await findCustomersByPhone(db!.customers, '6552 9988', { defaultAreaCode: '10' })),
    ).toEqual(['c1']);
  });

  it('searches by phone suffix, pinyin initials and name prefix', async () => {
    await seeded();
    expect(ids((await searchCustomers(db!.customers, '8000')).customers)).toEqual(['c1', 'c3']);
    expect(ids((await searchCustomers(db!.customers, '9988')).customers)).toEqual(['c1']);
    expect(ids((await searchCustomers(db!.customers, 'zs')).customers)).toEqual(['c1']);
    expect(ids((await searchCustomers(db!.customers, 'ZH')).customers)).toEqual(['c3']); // name prefix
    expect(ids((await searchCustomers(db!.customers, '李')).customers)).toEqual(['c2']);
    expect(ids((await searchCustomers(db!.customers, 'émile')).customers)).toEqual(['c4']);
  });

  it('keeps derived keys current when a customer is edited', async () => {
    await seeded();
    const doc = await db!.customers.findOne('c2').exec();
    await doc!.incrementalPatch({ name: '王五', phones: ['+8613711112222'] });
    expect(ids(await findCustomersByPhone(db!.customers, '13711112222'))).toEqual(['c2']);
    expect(await findCustomersByPhone(db!.customers, '13912345678')).toEqual([]);
    expect(ids((await searchCustomers(db!.customers, 'ww')).customers)).toEqual(['c2']);
  });

  it('serves phone lookups from an index (the query plan uses the slot index)', async () => {
    await seeded();
    const q = db!.customers.find({ selector: { phoneRev1: { $eq: '8899556010168' } } });
    const plan = q.getPreparedQuery().queryPlan;
    // RxDB prefixes every index with _deleted (queries always filter on it).
    expect(plan.index).toEqual(['_deleted', 'phoneRev1', 'id']);
    expect(plan.selectorSatisfiedByIndex).toBe(true);
  });
});
