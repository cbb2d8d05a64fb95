import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerSchema, type CustomerDoc } from '../../src-shared/rxdb/customers';
import { deriveCustomerKeys } from '../../src-shared/rxdb/customer-keys';
import { GATHER_LIMIT, searchCustomers } from './customer-lookup';
import { openReplica, type ReplicaDatabase } from './open-replica';
import { getRxStorageSqlite } from './storage/sqlite-storage';
import { tempDir } from './storage/test-helpers';

let tmp: ReturnType<typeof tempDir>;
let db: ReplicaDatabase | undefined;

beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  await db?.close();
  db = undefined;
  tmp.cleanup();
});

function customer(id: string, name: string, over: Partial<CustomerDoc> = {}): CustomerDoc {
  return {
    id,
    name,
    phones: [],
    emails: [],
    accountNumber: '',
    vipTier: 'none',
    tags: [],
    ...deriveCustomerKeys({ name, phones: over.phones ?? [] }),
    updatedAt: 0,
    serverSeq: 0,
    ...over,
  };
}

const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

describe('replica customer search', () => {
  it('finds account numbers by prefix, any case, and gives exact totals and pages', async () => {
    db = await openReplica({ dataDir: tmp.dir, devMode: true });
    await db.customers.bulkInsert([
      customer('a1', '张三', { accountNumber: 'C00000101', phones: ['+8613800138000'] }),
      customer('a2', '张四', { accountNumber: 'C00000102', phones: ['+8613900008000'] }),
      customer('a3', '李四', {
        accountNumber: 'C00000201',
        phones: ['+8613800008000', '+8618000008000'],
      }),
    ]);
    expect(await searchCustomers(db.customers, 'c00000102')).toMatchObject({ total: 1 });
    const prefix = await searchCustomers(db.customers, 'C000001');
    expect(prefix.total).toBe(2);
    expect(prefix.matchedBy).toContain('accountNumber');
    // Both of a3's numbers end in 8000: it is one customer, counted once.
    const phone = await searchCustomers(db.customers, '8000', { limit: 2 });
    expect(phone.total).toBe(3);
    expect(ids(phone.customers)).toHaveLength(2);
    const second = await searchCustomers(db.customers, '8000', { offset: 2, limit: 2 });
    expect(new Set([...ids(phone.customers), ...ids(second.customers)]).size).toBe(3);
    // A query without a digit does not list every account of a prefix.
    expect((await searchCustomers(db.customers, 'c')).total).toBe(0);
    const everyone = await searchCustomers(db.customers, '', { limit: 2 });
    expect(everyone.total).toBe(3);
    expect(ids(everyone.customers)).toHaveLength(2);
  });

  it('pages a broad query by its largest index range, every customer once, total exact', async () => {
    db = await openReplica({ dataDir: tmp.dir, devMode: false });
    const latin = Array.from({ length: GATHER_LIMIT + 50 }, (_, i) =>
      customer(`l${String(i).padStart(4, '0')}`, `Zed ${String(i).padStart(4, '0')}`),
    );
    // 张恩 has the initials 'ze'; 'Ze张恩' matches both the name prefix and the initials.
    const han = Array.from({ length: 10 }, (_, i) =>
      customer(`h${i}`, `张恩${'一二三四五六七八九十'[i]}`),
    );
    await db.customers.bulkInsert([...latin, ...han, customer('m1', 'Ze张恩')]);
    const first = await searchCustomers(db.customers, 'ze', { limit: 20 });
    expect(first.total).toBe(latin.length + han.length + 1);
    expect(ids(first.customers)).toEqual(ids(latin.slice(0, 20)));
    const seen: string[] = [];
    for (let offset = 0; offset < first.total; offset += 100) {
      seen.push(
        ...ids((await searchCustomers(db.customers, 'ze', { offset, limit: 100 })).customers),
      );
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
  });

  it('finishes a name prefix longer than the name key on the name itself', async () => {
    db = await openReplica({ dataDir: tmp.dir, devMode: true });
    const long = 'Alexandria Catherine Montgomery-Wellington';
    await db.customers.bulkInsert([
      customer('n1', `${long} Smith`),
      customer('n2', `${long} Jones`),
    ]);
    expect(ids((await searchCustomers(db.customers, `${long} s`)).customers)).toEqual(['n1']);
    expect((await searchCustomers(db.customers, long)).total).toBe(2);
  });
});

describe('customers schema v1', () => {
  it('migrates v0 customers: the name and pinyin keys are cut to their new widths', async () => {
    const storage = wrappedValidateAjvStorage({
      storage: getRxStorageSqlite({ directory: tmp.dir }),
    });
    const v0 = await createRxDatabase({ name: 'switchboard', storage, multiInstance: false });
    const v0Schema = {
      ...customerSchema,
      version: 0,
      properties: {
        ...customerSchema.properties,
        nameKey: { type: 'string', maxLength: 200 },
        pinyinKey: { type: 'string', maxLength: 100 },
      },
    } as unknown as RxJsonSchema<CustomerDoc>;
    await v0.addCollections({ customers: { schema: v0Schema } });
    const name = `${'欧阳'.repeat(15)}Montgomery-Wellington the Third`;
    await v0.customers!.insert(
      customer('old', name, {
        nameKey: name.toLowerCase(),
        pinyinKey: 'oy'.repeat(15),
        phones: ['+8613800138000'],
        accountNumber: 'C00000007',
      }),
    );
    await v0.close();

    db = await openReplica({ dataDir: tmp.dir, devMode: false });
    const migrated = (await db.customers.findOne('old').exec())!.toJSON();
    expect(migrated).toMatchObject(deriveCustomerKeys({ name, phones: ['+8613800138000'] }));
    expect(migrated.nameKey).toHaveLength(40);
    expect(ids((await searchCustomers(db.customers, 'C00000007')).customers)).toEqual(['old']);
    expect(ids((await searchCustomers(db.customers, '8000')).customers)).toEqual(['old']);
  });
});
