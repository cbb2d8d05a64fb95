import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deferKeyIndexes } from './deferred-indexes';
import { createTablesNow, type SqliteInternals } from './sqlite-storage-instance';
import { buildIndexKeyColumns } from './index-keys';
import { keyIndexName } from './table-definition';
import {
  createInstance,
  itemSchema,
  newDoc,
  tableIndexes,
  tempDir,
  testStorage,
  type Item,
} from './test-helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  tmp.cleanup();
});

const item = (n: number): Item => ({
  id: `id-${String(n).padStart(4, '0')}`,
  name: `name-${(n * 7919) % 1000}`,
  age: n % 90,
  active: n % 3 === 0,
  group: `g${n % 5}`,
  nested: { score: (n % 200) - 100 },
  tags: [],
});

async function emptyTable(databaseName: string) {
  const inst = await createInstance<Item>(testStorage(tmp.dir), itemSchema(), databaseName);
  const internals = inst.internals as SqliteInternals;
  createTablesNow(internals);
  return { inst, internals };
}

describe('indexes deferred for a bulk load', () => {
  it('takes every key index off but the lwt and the kept ones, answers the same meanwhile, and builds them as they were', async () => {
    const { inst, internals } = await emptyTable('deferred');
    const before = tableIndexes(internals);
    // As RxDB fills the schema: '_deleted' first, the primary key last (but for lwt's).
    const column = (fields: string[]) =>
      keyIndexName(internals.tableName, buildIndexKeyColumns(itemSchema(), [fields])[0]!.column);
    const deferred = deferKeyIndexes(internals, itemSchema() as never, [['group', 'age']]);

    const left = tableIndexes(internals).map((i) => i.name);
    expect(left).toContain(column(['_meta.lwt', 'id']));
    expect(left).toContain(column(['_deleted', 'group', 'age', 'id']));
    expect(left).not.toContain(column(['_deleted', 'name', 'id']));
    expect(left).not.toContain(column(['_deleted', 'age', 'id']));
    expect(deferred.dropped).toHaveLength(before.length - left.length);
    expect(deferred.dropped.length).toBeGreaterThanOrEqual(4);

    const docs = Array.from({ length: 300 }, (_, n) => newDoc(item(n), 1000 + n));
    await inst.bulkWrite(
      docs.map((document) => ({ document })),
      'load',
    );
    const queries = [
      { selector: { age: { $gte: 30, $lt: 40 } }, sort: [{ age: 'asc' }, { id: 'asc' }] },
      { selector: { name: { $gt: 'name-5' } }, sort: [{ name: 'asc' }, { id: 'asc' }] },
      { selector: { group: 'g2', age: { $gt: 10 } }, sort: [{ group: 'asc' }, { age: 'asc' }] },
      { selector: { active: true }, sort: [{ active: 'asc' }, { name: 'asc' }], limit: 7 },
    ];
    const answer = async () =>
      Promise.all(
        queries.map(async (q) => {
          const prepared = prepareQuery(inst.schema, normalizeMangoQuery(inst.schema, q as never));
          const found = await inst.query(prepared);
          return [found.documents.map((d) => d.id), (await inst.count(prepared)).count];
        }),
      );
    const withoutIndexes = await answer();
    await deferred.build();
    await deferred.build();
    expect(tableIndexes(internals)).toEqual(before);
    expect(await answer()).toEqual(withoutIndexes);
    expect(withoutIndexes.every(([ids]) => (ids as string[]).length > 0)).toBe(true);
    await inst.close();
  });

  it('leaves nothing missing when the load ends before the indexes were built: the next open builds them', async () => {
    const { inst, internals } = await emptyTable('interrupted');
    const before = tableIndexes(internals);
    deferKeyIndexes(internals, itemSchema() as never);
    expect(tableIndexes(internals).length).toBeLessThan(before.length);
    await inst.bulkWrite([{ document: newDoc(item(1)) }], 'load');
    await inst.close();

    const reopened = await createInstance<Item>(testStorage(tmp.dir), itemSchema(), 'interrupted');
    expect(tableIndexes(reopened.internals as SqliteInternals)).toEqual(before);
    const byName = prepareQuery(
      reopened.schema,
      normalizeMangoQuery(reopened.schema, { selector: { name: item(1).name } }),
    );
    expect((await reopened.query(byName)).documents.map((d) => d.id)).toEqual([item(1).id]);
    await reopened.close();
  });
});
