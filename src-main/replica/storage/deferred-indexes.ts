import { getPrimaryFieldOfPrimaryKey, toArray, type RxJsonSchema } from 'rxdb';
import { buildIndexKeyColumns, indexName } from './index-keys';
import type { SqliteInternals } from './sqlite-storage-instance';
import { keyIndexName, quoteIdent } from './table-definition';

/** An index taken off a table for a bulk load, with the statement that builds it again. */
type DroppedIndex = { readonly name: string; readonly sql: string };

export type DeferredIndexes = {
  /** The indexes taken off, by name. */
  readonly dropped: readonly string[];
  /**
   * Builds every dropped index again, one statement (and one write transaction) each, with
   * an asynchronous pause between them so that another connection's writes get the lock.
   * Harmless if called twice.
   */
  build(): Promise<void>;
};

/**
 * Takes the index of every RxDB index of an empty collection's table off it, for a bulk load
 * (decision 0026), except those given in `keep` and RxDB's ['_meta.lwt', primary key] index
 * (its keys arrive in order, so it costs little, and it orders the checkpoints).
 *
 * Why: each document goes into every index, and the keys of most are random. A commit then
 * rewrites one leaf page per document per index, into the WAL and again into the file; a
 * CREATE INDEX afterwards sorts once and writes each page once. Queries stay correct in the
 * meantime (they filter on the key columns; without the index SQLite scans the table).
 *
 * The table must exist already (createTablesNow), or the first instance to find it would
 * build every index. If the process ends before build() has run, the next open of the
 * collection builds the missing ones (ensureTable creates every declared index not there).
 */
export function deferKeyIndexes(
  internals: SqliteInternals,
  schema: RxJsonSchema<unknown>,
  keep: readonly (readonly string[])[] = [],
): DeferredIndexes {
  const { db } = internals.conn;
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
  // RxDB's filled schema puts '_deleted' before an index's fields and the primary key after.
  const bare = (fields: readonly string[]) =>
    fields.filter(
      (f, i) => !(i === 0 && f === '_deleted') && !(i === fields.length - 1 && f === primaryPath),
    );
  const isKept = (fields: readonly string[]) =>
    (fields[0] === '_meta.lwt' && fields.length === 2) ||
    keep.some((k) => indexName(bare(fields)) === indexName(k));
  const definition = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`)
    .pluck();
  const dropped: DroppedIndex[] = [];
  const indexes = (schema.indexes ?? []).map((index) => toArray(index));
  for (const key of buildIndexKeyColumns(schema as never, indexes)) {
    if (isKept(key.fields)) continue;
    const name = keyIndexName(internals.tableName, key.column);
    const sql = definition.get(name) as string | undefined;
    if (sql) dropped.push({ name, sql });
  }
  db.transaction(() => {
    for (const index of dropped) db.exec(`DROP INDEX ${quoteIdent(index.name)}`);
  }).immediate();
  let built = false;
  return {
    dropped: dropped.map((index) => index.name),
    async build() {
      if (built) return;
      built = true;
      for (const index of dropped) {
        if (!db.open) return;
        db.exec(index.sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS '));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
