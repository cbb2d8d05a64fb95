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
 * RxDB. So the keys (and the bounds we compare them with) are BLOBs compared with memcmp,
 * in an order-preserving prefix code of the UTF-16 code units:
 *   0x0000-0x007F -> 1 byte  (the unit)
 *   0x0080-0x3FFF -> 2 bytes (0x80 | unit >> 8, unit & 0xFF)
 *   0x4000-0xFFFF -> 3 bytes (0xC0, unit >> 8, unit & 0xFF)
 * The first byte tells the length and orders the classes, so memcmp of two keys orders
 * exactly as JS compares the strings. RxDB pads every field of an index to its maximum
 * width with spaces; at one byte per ASCII unit the keys (and the file) are half the size
 * of big-endian UTF-16, which the first format used.
 */
/** Printable ASCII (RxDB's space padding included) takes the fast path; all else the loop. */
const PRINTABLE_ASCII = /^[ -~]*$/;

export function encodeIndexKey(value: string): Buffer {
  if (PRINTABLE_ASCII.test(value)) return Buffer.from(value, 'latin1');
  const out = Buffer.allocUnsafe(value.length * 3);
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) {
      out[n++] = unit;
    } else if (unit < 0x4000) {
      out[n++] = 0x80 | (unit >> 8);
      out[n++] = unit & 0xff;
    } else {
      out[n++] = 0xc0;
      out[n++] = unit >> 8;
      out[n++] = unit & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** Part of every key column's name: a new key format gets new columns, filled on open. */
export const KEY_FORMAT = 2;

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
    // The key's bytes depend on each field's schema (maxLength, number range) and on the
    // key format, so the column hash includes them: a change must not reuse stale keys.
    const parts = fields.map((f) => getSchemaByObjectPath(schema, f));
    const hash = createHash('sha1')
      .update(JSON.stringify({ fields, parts, format: KEY_FORMAT }))
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
