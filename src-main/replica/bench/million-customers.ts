import Database from 'better-sqlite3';
import {
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  INDEX_MAX,
  INDEX_MIN,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCustomer, type DemoCustomer } from '../../../src-server/demo/generate-customer';
import { DemoRandom } from '../../../src-server/demo/random';
import { PHONE_SLOTS, reversedDigits } from '../../../src-shared/rxdb/customer-keys';
import { CUSTOMER_PHONE_SLOTS, type CustomerDoc } from '../../../src-shared/rxdb/customers';
import { findCustomersByPhone, searchCustomers } from '../customer-lookup';
import { openReplica } from '../open-replica';
import { buildIndexKeyColumns, encodeIndexKey } from '../storage/index-keys';
import { databaseFile, tableNameFor } from '../storage/sqlite-storage';
import { quoteIdent } from '../storage/table-definition';

const BATCH = 10_000;
const SEED = 20_261_202;
const REF_MS = Date.parse('2026-01-15T08:00:00.000Z');

/**
 * The replica document of a demo customer, as the server's sync adapter builds it. The
 * search keys are left to the replica's insert hook, which derives them on every write.
 */
function toDoc(c: DemoCustomer, index: number): CustomerDoc {
  const phones = c.phones.slice(0, CUSTOMER_PHONE_SLOTS);
  return {
    id: c.id,
    name: c.name,
    nameKey: '',
    pinyinKey: '',
    phoneRev0: '',
    phoneRev1: '',
    phoneRev2: '',
    phoneRev3: '',
    phones,
    emails: c.email ? [c.email] : [],
    accountNumber: c.accountNumber,
    vipTier: c.vipTier,
    address: { line1: c.address.slice(0, 200), city: c.city },
    tags: c.tags,
    updatedAt: Date.parse(c.createdAt),
    serverSeq: index + 1,
  };
}

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

/** What the build of the replica measured; kept next to the file (`built.json`). */
export type MillionBuild = {
  customers: number;
  seed: number;
  loadMs: number;
  /** Time of the generator alone, included in loadMs. */
  generateMs: number;
};

export type MillionResult = MillionBuild & {
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

const BUILT = 'built.json';

/**
 * Fills a replica with `size` demo customers: the server's deterministic generator, bulk
 * inserts of 10,000 through RxDB, the replica opened as the app opens it.
 */
export async function buildMillionReplica(dataDir: string, size: number): Promise<MillionBuild> {
  rmSync(dataDir, { recursive: true, force: true });
  const replica = await openReplica({ dataDir, devMode: false });
  const rng = new DemoRandom(SEED);
  let generateMs = 0;
  const loadStart = performance.now();
  for (let start = 0; start < size; start += BATCH) {
    const docs: CustomerDoc[] = [];
    const genStart = performance.now();
    for (let i = start; i < Math.min(size, start + BATCH); i++) {
      docs.push(toDoc(generateCustomer(rng, i, 'C', REF_MS), i));
    }
    generateMs += performance.now() - genStart;
    const { error } = await replica.customers.bulkInsert(docs);
    if (error.length > 0) throw new Error(`bench: ${error.length} customers were refused`);
  }
  const loadMs = performance.now() - loadStart;
  await replica.close();
  const built: MillionBuild = { customers: size, seed: SEED, loadMs, generateMs };
  writeFileSync(join(dataDir, BUILT), JSON.stringify(built) + '\n');
  return built;
}

/** The build recorded in `dataDir`, if it holds a complete one of this size. */
export function readMillionBuild(dataDir: string, size: number): MillionBuild | null {
  try {
    const built = JSON.parse(readFileSync(join(dataDir, BUILT), 'utf8')) as MillionBuild;
    return built.customers === size && built.seed === SEED ? built : null;
  } catch {
    return null;
  }
}

/**
 * Times, on a built replica: the screen-pop lookup through RxDB and through a raw indexed
 * SELECT on the same file, and the search box's three kinds of search. Run in a process of
 * its own so that its RSS is that of an app with the replica open, not of the build.
 */
export async function measureMillionReplica(
  dataDir: string,
  lookups: number,
): Promise<Omit<MillionResult, keyof MillionBuild>> {
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
