import { getRxReplicationMetaInstanceSchema, randomToken } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { getRxStorageSqlite } from './storage/sqlite-storage';
import { validatedStorage } from './validated-storage';

const docSchema = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, name: { type: 'string' } },
  required: ['id', 'name'],
  additionalProperties: false,
} as const;

const base = { _deleted: false, _attachments: {}, _rev: '1-a', _meta: { lwt: 1 } };

function instance(collectionName: string, schema: object) {
  const storage = validatedStorage(
    getRxStorageSqlite({ directory: '.', filename: () => ':memory:' }),
  );
  return storage.createStorageInstance<Record<string, unknown>>({
    databaseName: 'validated',
    collectionName,
    databaseInstanceToken: randomToken(10),
    schema: schema as never,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

describe('validatedStorage', () => {
  it("refuses a collection's document that breaks its schema", async () => {
    const customers = await instance('customers', { ...docSchema, indexes: [] });
    const result = await customers.bulkWrite(
      [{ document: { ...base, id: 'c1', name: 42 } as never }],
      'test',
    );
    expect(result.error[0]).toMatchObject({ status: 422, documentId: 'c1' });
    await customers.close();
  });

  it('writes the replication state RxDB keeps for itself without compiling a validator', async () => {
    const metaSchema = getRxReplicationMetaInstanceSchema(docSchema as never, false);
    const meta = await instance('rx-replication-meta-abc', metaSchema);
    const checkpoint = {
      ...base,
      id: 'up|1',
      isCheckpoint: '1',
      itemId: 'up',
      checkpointData: { id: '', lwt: 1 },
    };
    expect((await meta.bulkWrite([{ document: checkpoint as never }], 'test')).error).toEqual([]);
    // Not validated: a row ajv would refuse (no isCheckpoint) is stored as written.
    const unchecked = { ...base, id: 'x|0', itemId: 'x', checkpointData: 7 };
    expect((await meta.bulkWrite([{ document: unchecked as never }], 'test')).error).toEqual([]);
    await meta.close();
  });
});
