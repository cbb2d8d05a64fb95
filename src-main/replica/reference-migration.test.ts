import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  REFERENCE_KINDS_V0,
  referenceId,
  referenceSchema,
  type ReferenceDoc,
} from '../../src-shared/rxdb/reference';
import { openReplica, type ReplicaDatabase } from './open-replica';
import { getRxStorageSqlite } from './storage/sqlite-storage';
import { tempDir } from './storage/test-helpers';

/** The reference schema as version 0 shipped it: six kinds. */
const v0Schema = {
  ...referenceSchema,
  version: 0,
  properties: {
    ...referenceSchema.properties,
    kind: { type: 'string', enum: [...REFERENCE_KINDS_V0], maxLength: 20 },
  },
} as unknown as RxJsonSchema<ReferenceDoc>;

const v0Doc = (kind: ReferenceDoc['kind'], key: string, i: number): ReferenceDoc => ({
  id: referenceId(kind, key),
  kind,
  key,
  label: { en: `${kind} ${key}`, zhCN: `${key}（中文）` },
  active: i % 2 === 0,
  sortOrder: i * 10,
  data: kind === 'queue' ? { skills: ['billing'] } : {},
  updatedAt: 1_700_000_000_000 + i,
  serverSeq: i + 1,
});

describe('reference v0 -> v1 migration', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  let db: ReplicaDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    tmp?.cleanup();
  });

  it('keeps every document of the old kinds unchanged and accepts the new kinds', async () => {
    tmp = tempDir();
    const old = await createRxDatabase({
      name: 'switchboard',
      storage: getRxStorageSqlite({ directory: tmp.dir }),
      multiInstance: false,
    });
    await old.addCollections({ reference: { schema: v0Schema } });
    const before = REFERENCE_KINDS_V0.map((kind, i) => v0Doc(kind, `k${i}`, i));
    await old.collections.reference!.bulkInsert(before);
    await old.close();

    db = await openReplica({ dataDir: tmp.dir, devMode: false });
    const migrated = await db.reference.find({ sort: [{ id: 'asc' }] }).exec();
    expect(migrated.map((d) => d.toJSON())).toEqual(
      [...before].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    await db.reference.insert({
      ...v0Doc('product', 'BB100', 9),
      data: { code: 'BB100', price: 59 },
    });
    expect(await db.reference.count({ selector: { kind: 'product' } }).exec()).toBe(1);
  });
});
