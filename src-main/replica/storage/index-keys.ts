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

/**
 * The index key columns' encoding: the same order as encodeIndexKey, in fewer bytes. RxDB's
 * keys are padded to each field's maxLength with spaces, so they are mostly ASCII; UTF-16
 * spends two bytes on each, and the keys were most of a replica's bytes (and of its write
 * time). Each UTF-16 code unit below 0x80 is one byte, any other three (0xC0 | top 4 bits,
 * then two 0x80 | 6 bits): the code is prefix-free and orders units as numbers, so memcmp of
 * two encoded keys orders them as JS orders the strings.
 */
export function encodeCompactKey(value: string): Buffer {
  // As many UTF-8 bytes as code units: all ASCII, and one byte each is the code.
  if (Buffer.byteLength(value, 'utf8') === value.length) return Buffer.from(value, 'latin1');
  const out = Buffer.allocUnsafe(value.length * 3);
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) {
      out[n++] = unit;
    } else {
      out[n++] = 0xc0 | (unit >> 12);
      out[n++] = 0x80 | ((unit >> 6) & 0x3f);
      out[n++] = 0x80 | (unit & 0x3f);
    }
  }
  return out.subarray(0, n);
}

/** Part of each key column's name: a column written in another encoding is never reused. */
const KEY_ENCODING = 'compact-1';

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
      .update(JSON.stringify({ fields, parts, encoding: KEY_ENCODING }))
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
