import {
  fillWithDefaultSettings,
  normalizeMangoQuery,
  prepareQuery,
  toArray,
  type RxJsonSchema,
} from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHONE_SLOTS } from '../../../src-shared/rxdb/customer-keys';
import { REPLICA_COLLECTIONS } from '../../../src-shared/rxdb/collections';
import { deferKeyIndexes } from '../../replica/storage/deferred-indexes';
import { buildIndexKeyColumns } from '../../replica/storage/index-keys';
import {
  createTablesNow,
  type SqliteInternals,
} from '../../replica/storage/sqlite-storage-instance';
import { keyIndexName } from '../../replica/storage/table-definition';
import {
  createInstance,
  tableIndexes,
  tempDir,
  testStorage,
} from '../../replica/storage/test-helpers';
import { KEPT_DURING_LOAD } from './kept-indexes';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

async function deferredFor(name: keyof typeof KEPT_DURING_LOAD) {
  const schema = fillWithDefaultSettings(REPLICA_COLLECTIONS[name].schema as RxJsonSchema<unknown>);
  const inst = await createInstance<unknown>(testStorage(tmp.dir), schema, 'kept', name);
  const internals = inst.internals as SqliteInternals;
  createTablesNow(internals);
  deferKeyIndexes(internals, schema as never, KEPT_DURING_LOAD[name]);
  const keyIndexOf = (fields: readonly string[]) =>
    keyIndexName(internals.tableName, buildIndexKeyColumns(schema as never, [fields])[0]!.column);
  const keyIndexes = new Set((schema.indexes ?? []).map((index) => keyIndexOf(toArray(index))));
  const left = tableIndexes(internals)
    .map((index) => index.name)
    .filter((name) => keyIndexes.has(name));
  const indexOfQuery = (selector: Record<string, unknown>) => {
    // As RxDB's collection asks its storage: an equality and only the living documents.
    const query = { selector: { ...selector, _deleted: { $eq: false } } };
    return keyIndexOf(
      prepareQuery(schema, normalizeMangoQuery(schema as never, query as never)).queryPlan.index,
    );
  };
  return { inst, left, indexOfQuery };
}

describe('indexes kept while a collection first loads (decision 0026)', () => {
  it('keeps what the screen pop reads: each phone slot, so that no look-up scans the customers', async () => {
    const { inst, left, indexOfQuery } = await deferredFor('customers');
    // The lwt index and one per phone slot; name, pinyin, account number and updatedAt wait.
    expect(left).toHaveLength(PHONE_SLOTS.length + 1);
    for (const slot of PHONE_SLOTS)
      expect(left).toContain(indexOfQuery({ [slot]: { $eq: '1234' } }));
    expect(left).not.toContain(indexOfQuery({ accountNumber: { $eq: 'C1' } }));
    await inst.close();
  });

  it("keeps what the caller's 360 reads: his orders and his interactions", async () => {
    for (const name of ['work_orders', 'interactions'] as const) {
      const { inst, left, indexOfQuery } = await deferredFor(name);
      expect(left).toHaveLength(2);
      expect(left).toContain(indexOfQuery({ customerId: { $eq: 'c1' } }));
      await inst.close();
    }
  });
});
