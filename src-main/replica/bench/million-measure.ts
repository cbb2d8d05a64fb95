import Database from 'better-sqlite3';
import {
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  INDEX_MAX,
  INDEX_MIN,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PHONE_SLOTS, reversedDigits } from '../../../src-shared/rxdb/customer-keys';
import type { CustomerDoc } from '../../../src-shared/rxdb/customers';
import { findCustomersByPhone, searchCustomers } from '../customer-lookup';
import { openReplica } from '../open-replica';
import { buildIndexKeyColumns, encodeIndexKey } from '../storage/index-keys';
import { databaseFile, tableNameFor } from '../storage/sqlite-storage';
import { quoteIdent } from '../storage/table-definition';

/**
 * The measuring half of the 1,000,000-customer benchmark (the building half, which needs
 * the server's demo generator, is test/bench/replica-million-customers.ts).
 */
const SEARCHES: [
  string,
  (c: CustomerDoc) => string,
  (found: CustomerDoc, query: string) => boolean,
][] = [
  [
    'name prefix',
    (c) => c.name.slice(0, 2),
    (d, q) => d.nameKey.startsWith(q.toLowerCase()) || d.pinyinKey.startsWith(q.toLowerCase()),
  ],
  [
    'pinyin initials',
    (c) => c.pinyinKey.slice(0, 2) || c.name.slice(0, 2).toLowerCase(),
    (d, q) => d.pinyinKey.startsWith(q) || d.nameKey.startsWith(q),
  ],
  [
    'phone suffix',
    (c) => c.phones[0]!.slice(-4),
    (d, q) => d.phones.some((p) => p.endsWith(q)) || d.accountNumber.startsWith(q),
  ],
];

export type MillionMeasure = {
  lookups: number;
  fileBytes: number;
  /** Bytes of the customers' JSON: the data itself, without keys, indexes or pages. */
  jsonBytes: number;
  /** RSS of the measuring process before it opened the replica. */
  rssEmptyBytes: number;
  /** RSS after opening the replica and running every lookup and search. */
  rssBytes: number;
  phone: { rxdb: number[]; raw: number[] };
  search: Record<string, number[]>;
};

/**
 * Times, on a built replica: the screen-pop lookup through RxDB and through a raw indexed
 * SELECT on the same file, and the search box's three kinds of search. Run in a process of
 * its own so that its RSS is that of an app with the replica open, not of the build.
 */
export async function measureMillionReplica(
  dataDir: string,
  lookups: number,
): Promise<MillionMeasure> {
  const rssEmptyBytes = process.memoryUsage().rss;
  const replica = await openReplica({ dataDir, devMode: false });
  const size = await replica.customers.count().exec();
  // The sample: customers spread evenly over the generated order, found by account number.
  const sample: CustomerDoc[] = [];
  for (let k = 0; k < lookups; k++) {
    const index = Math.floor((k * size) / lookups);
    const accountNumber = `C${String(index + 1).padStart(8, '0')}`;
    const doc = await replica.customers.findOne({ selector: { accountNumber } }).exec();
    if (!doc) throw new Error(`bench: no customer ${accountNumber}`);
    sample.push(doc.toJSON() as CustomerDoc);
  }
  const jsonBytes = Math.round(
    (sample.reduce((sum, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0) / sample.length) *
      size,
  );
  const file = databaseFile({ directory: dataDir }, 'switchboard');

  // Screen pop through RxDB: the real lookup code path, with the number as a switch sends it.
  const phone = { rxdb: [] as number[], raw: [] as number[] };
  for (const c of sample) {
    const t = performance.now();
    const found = await findCustomersByPhone(replica.customers, c.phones[0]!);
    phone.rxdb.push(performance.now() - t);
    if (!found.some((d) => d.id === c.id)) throw new Error(`bench: lookup missed ${c.id}`);
  }
  // The same question asked of SQLite directly, on a second connection to the same file:
  // per phone slot one SELECT on that slot's index (the key columns RxDB's index strings
  // fill), rows parsed from JSON as any reader must.
  const schema = replica.customers.schema.jsonSchema as RxJsonSchema<RxDocumentData<CustomerDoc>>;
  const slotIndexes = PHONE_SLOTS.map((slot) => ['_deleted', slot, 'id']);
  const keyColumns = buildIndexKeyColumns(schema, slotIndexes);
  const raw = new Database(file, { readonly: true });
  const table = quoteIdent(tableNameFor('customers', schema.version));
  const slotStatements = keyColumns.map((k) =>
    raw.prepare(`SELECT data FROM ${table} WHERE ${quoteIdent(k.column)} BETWEEN ? AND ?`).pluck(),
  );
  const lookupRaw = raw.transaction((key: string) =>
    slotStatements.flatMap((stmt, i) => {
      const index = slotIndexes[i]!;
      const lo = getStartIndexStringFromLowerBound(schema, index, [false, key, INDEX_MIN]);
      const hi = getStartIndexStringFromUpperBound(schema, index, [false, key, INDEX_MAX]);
      return (stmt.all(encodeIndexKey(lo), encodeIndexKey(hi)) as string[]).map(
        (data) => JSON.parse(data) as CustomerDoc,
      );
    }),
  );
  for (const c of sample) {
    const key = reversedDigits(c.phones[0]!);
    const t = performance.now();
    const found = lookupRaw(key);
    phone.raw.push(performance.now() - t);
    if (!found.some((d) => d.id === c.id)) throw new Error(`bench: raw lookup missed ${c.id}`);
  }
  raw.close();
  // The search box with what an agent types: the first two characters of a name (a
  // Chinese surname alone matches tens of thousands), two pinyin initials, the last four
  // digits of a number.
  // Each distinct query once: RxDB answers a repeated query from its query cache while
  // nothing was written, which would time the cache, not the search.
  const search: Record<string, number[]> = {};
  for (const [kind, queryOf, check] of SEARCHES) {
    const times: number[] = [];
    for (const q of new Set(sample.map(queryOf))) {
      const t = performance.now();
      const result = await searchCustomers(replica.customers, q, { limit: 20 });
      times.push(performance.now() - t);
      if (result.total === 0 || !result.customers.every((d) => check(d, q))) {
        throw new Error(`bench: ${kind} search for "${q}" answered wrongly`);
      }
    }
    search[kind] = times;
  }
  const rssBytes = process.memoryUsage().rss;
  await replica.close();
  return {
    lookups,
    fileBytes: statSync(file).size,
    rssBytes,
    rssEmptyBytes,
    jsonBytes,
    phone,
    search,
  };
}

// Entry of the measuring process: prints its result as JSON on stdout.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, lookups] = process.argv.slice(2);
  const result = await measureMillionReplica(dir!, Number(lookups));
  process.stdout.write(JSON.stringify(result) + '\n');
}
