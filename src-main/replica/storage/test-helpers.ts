import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRevision,
  fillWithDefaultSettings,
  now,
  randomToken,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageSqlite, type SqliteStorageSettings } from './sqlite-storage';
import type { SqliteInternals } from './sqlite-storage-instance';

/** Test-only helpers shared by the replica's tests. */
export function tempDir(prefix = 'replica-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testStorage(dir: string, extra: Partial<SqliteStorageSettings> = {}) {
  return getRxStorageSqlite({ directory: dir, ...extra });
}

export type Item = {
  id: string;
  name: string;
  age: number;
  active: boolean;
  group: string;
  nested: { score: number };
  tags: string[];
};

export function itemSchema(attachments = false): RxJsonSchema<RxDocumentData<Item>> {
  return fillWithDefaultSettings<Item>({
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 40 },
      name: { type: 'string', maxLength: 30 },
      age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
      active: { type: 'boolean' },
      group: { type: 'string', maxLength: 10 },
      nested: {
        type: 'object',
        properties: { score: { type: 'number', minimum: -1000, maximum: 1000, multipleOf: 0.01 } },
        required: ['score'],
      },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['id', 'name', 'age', 'active', 'group', 'nested', 'tags'],
    indexes: ['name', 'age', ['group', 'age'], ['active', 'name'], 'nested.score'],
    ...(attachments ? { attachments: {} } : {}),
  });
}

export async function createInstance<T>(
  storage: RxStorage<unknown, unknown>,
  schema: RxJsonSchema<RxDocumentData<T>>,
  databaseName = 'db' + randomToken(6).toLowerCase(),
  collectionName = 'items',
): Promise<RxStorageInstance<T, unknown, unknown>> {
  return storage.createStorageInstance<T>({
    databaseInstanceToken: randomToken(10),
    databaseName,
    collectionName,
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

export function newDoc(item: Item, lwt = now()): RxDocumentData<Item> {
  return {
    ...item,
    _deleted: false,
    _attachments: {},
    _rev: createRevision(randomToken(10)),
    _meta: { lwt },
  };
}

/** The next revision of a document, as RxDB writes it. */
export function nextRev<T>(
  prev: RxDocumentData<T>,
  patch: Partial<RxDocumentData<T>>,
  token = 'tk',
): RxDocumentData<T> {
  const doc = { ...prev, ...patch, _meta: { lwt: now() } } as RxDocumentData<T>;
  doc._rev = createRevision(token, prev);
  return doc;
}

/** The SQL indexes of an instance's documents table (those SQLite creates itself left out). */
export function tableIndexes(internals: SqliteInternals): { name: string; sql: string }[] {
  return internals.conn.db
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
    )
    .all(internals.tableName) as { name: string; sql: string }[];
}
