import { createHash } from 'node:crypto';
import {
  getIndexableStringMonad,
  getSchemaByObjectPath,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';

/**
 * RxDB orders every index by one "indexable string" per document (custom-index.ts):
 * fixed-width, so comparing the strings compares the indexed fields in order. We store
 * that string per index in its own column and let SQLite's B-tree range-scan it, which
 * gives exactly RxDB's index order and bounds (the memory storage does the same with
 * binary search).
 *
 * JS compares strings by UTF-16 code unit; SQLite's BINARY text collation compares UTF-8
 * bytes, which orders U+E000..U+FFFF after astral characters and would disagree with
 * RxDB. A BLOB of big-endian UTF-16 compared with memcmp orders exactly like JS, so the
 * keys (and the bounds we compare them with) are stored as such BLOBs.
 */
export function encodeIndexKey(value: string): Buffer {
  return Buffer.from(value, 'utf16le').swap16();
}

export type IndexKeyColumn = {
  /** The RxDB index, fields in order. */
  readonly fields: readonly string[];
  /** SQL column name; a hash so a changed index definition gets a fresh column. */
  readonly column: string;
  readonly toKey: (doc: RxDocumentData<unknown>) => string;
};

export function indexName(fields: readonly string[]): string {
  return fields.join(',');
}

export function buildIndexKeyColumns<T>(
  schema: RxJsonSchema<RxDocumentData<T>>,
  indexes: readonly (readonly string[])[],
): IndexKeyColumn[] {
  const seen = new Set<string>();
  const out: IndexKeyColumn[] = [];
  for (const fields of indexes) {
    const name = indexName(fields);
    if (seen.has(name)) continue;
    seen.add(name);
    // The key's bytes depend on each field's schema (maxLength, number range), so the
    // column hash includes them: changing any of them must not reuse stale keys.
    const parts = fields.map((f) => getSchemaByObjectPath(schema, f));
    const hash = createHash('sha1')
      .update(JSON.stringify({ fields, parts }))
      .digest('hex')
      .slice(0, 12);
    out.push({
      fields,
      column: `k_${hash}`,
      toKey: getIndexableStringMonad(schema, fields as string[]) as (
        doc: RxDocumentData<unknown>,
      ) => string,
    });
  }
  return out;
}
