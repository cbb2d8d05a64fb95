/**
 * Benchmark: 1,000,000 customers in the replica, opened as the app opens it (run by
 * `npm run bench:replica` after src-main/replica/bench/replica-bench.ts).
 * - Builds the replica with the server's deterministic demo generator, bulk inserts of
 *   10,000 through RxDB. The built file is kept between runs in the OS temp folder, named by
 *   size, customers schema version and key format (a change to either builds anew): the
 *   build takes far longer than the measurement. `--rebuild` builds it again.
 * - Measures in a process of its own (src-main/replica/bench/million-measure.ts): screen-pop
 *   lookup by phone through RxDB (customer-lookup.ts) and through a raw better-sqlite3
 *   indexed SELECT on the same file, the search box's searches, file size and RSS.
 * Adds its figures to bench-results/replica.json and prints a table.
 * Usage: npx tsx test/bench/replica-million-customers.ts [customers=1000000] [--rebuild]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCustomer, type DemoCustomer } from '../../src-server/demo/generate-customer';
import { DemoRandom } from '../../src-server/demo/random';
import {
  CUSTOMER_PHONE_SLOTS,
  customerSchema,
  type CustomerDoc,
} from '../../src-shared/rxdb/customers';
import type { MillionMeasure } from '../../src-main/replica/bench/million-measure';
import { fixed, formatTable, round } from '../../src-main/replica/bench/bench-format';
import { percentile } from '../../src-main/replica/bench/rxdb-performance';
import { openReplica } from '../../src-main/replica/open-replica';
import { deferKeyIndexes } from '../../src-main/replica/storage/deferred-indexes';
import { KEY_FORMAT } from '../../src-main/replica/storage/index-keys';
import {
  createTablesNow,
  type SqliteInternals,
} from '../../src-main/replica/storage/sqlite-storage-instance';

type Metric = { metric: string; value: number; unit: string; baseline: number; ratio: number };

const BATCH = 10_000;
const SEED = 20_261_202;
const REF_MS = Date.parse('2026-01-15T08:00:00.000Z');
const LOOKUPS = 500;
const MEASURE_SCRIPT = 'src-main/replica/bench/million-measure.ts';

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
    emails: c.emails,
    accountNumber: c.accountNumber,
    vipTier: c.vipTier,
    address: c.address,
    tags: c.tags,
    updatedAt: Date.parse(c.createdAt),
    serverSeq: index + 1,
  };
}

/** What the build of the replica measured; kept next to the file (`built.json`). */
export type MillionBuild = {
  customers: number;
  seed: number;
  loadMs: number;
  /** Time of the generator alone, included in loadMs. */
  generateMs: number;
};

export type MillionResult = MillionBuild & MillionMeasure & { builtNow: boolean };

const BUILT = 'built.json';

/**
 * Fills a replica with `size` demo customers: the server's deterministic generator, bulk
 * inserts of 10,000 through RxDB, the replica opened as the app opens it.
 */
export async function buildMillionReplica(dataDir: string, size: number): Promise<MillionBuild> {
  rmSync(dataDir, { recursive: true, force: true });
  const replica = await openReplica({ dataDir, devMode: false });
  // The build is not measured: the indexes are built once at the end (decision 0026).
  const internals = replica.customers.storageInstance.internals as SqliteInternals;
  createTablesNow(internals);
  const deferred = deferKeyIndexes(internals, replica.customers.schema.jsonSchema as never);
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
  await deferred.build();
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

async function millionCustomers(size: number, rebuild: boolean): Promise<MillionResult> {
  const dir = join(
    tmpdir(),
    'switchboard-replica-bench',
    `customers-${size}-v${customerSchema.version}-keys${KEY_FORMAT}`,
  );
  let build = rebuild ? null : readMillionBuild(dir, size);
  const builtNow = build === null;
  if (!build) {
    console.warn(`building the replica of ${size} customers in ${dir} ...`);
    build = await buildMillionReplica(dir, size);
  }
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', MEASURE_SCRIPT, dir, String(LOOKUPS)],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`bench: measuring process failed: ${child.stderr}`);
  return { ...build, ...(JSON.parse(child.stdout) as MillionMeasure), builtNow };
}

function millionMetrics(m: MillionResult): Metric[] {
  const n = m.customers.toLocaleString('en-US');
  const rawP50 = percentile(m.phone.raw, 50);
  const rawP99 = percentile(m.phone.raw, 99);
  const metric = (name: string, value: number, baseline: number, unit = 'ms'): Metric => ({
    metric: name,
    value: round(value),
    unit,
    baseline: round(baseline),
    ratio: round(value / baseline),
  });
  const out = [
    metric(
      `screen-pop by phone, ${n} customers, RxDB p50 (baseline raw SELECT p50)`,
      percentile(m.phone.rxdb, 50),
      rawP50,
    ),
    metric(
      `screen-pop by phone, ${n} customers, RxDB p99 (baseline raw SELECT p99)`,
      percentile(m.phone.rxdb, 99),
      rawP99,
    ),
  ];
  for (const [kind, times] of Object.entries(m.search)) {
    out.push(
      metric(
        `search ${kind}, ${n} customers, p50 (baseline raw phone SELECT p50)`,
        percentile(times, 50),
        rawP50,
      ),
    );
    out.push(
      metric(
        `search ${kind}, ${n} customers, p99 (baseline raw phone SELECT p99)`,
        percentile(times, 99),
        rawP99,
      ),
    );
  }
  out.push(
    metric(`replica file, ${n} customers (baseline their JSON)`, m.fileBytes, m.jsonBytes, 'bytes'),
  );
  out.push(
    metric(
      `process RSS, ${n} customers (baseline RSS with the empty replica)`,
      m.rssBytes,
      m.rssEmptyBytes,
      'bytes',
    ),
  );
  out.push(
    metric(
      `bulk load of ${n} customers, batches of 10,000 (baseline the generator alone)`,
      m.loadMs,
      m.generateMs,
    ),
  );
  return out;
}

function millionTable(m: MillionResult): string {
  const ms = (times: number[], p: number) => fixed(percentile(times, p));
  const rows = [
    ['', 'p50 ms', 'p99 ms'],
    [
      'screen-pop by phone: RxDB (findCustomersByPhone)',
      ms(m.phone.rxdb, 50),
      ms(m.phone.rxdb, 99),
    ],
    ['screen-pop by phone: raw better-sqlite3 SELECT', ms(m.phone.raw, 50), ms(m.phone.raw, 99)],
    ...Object.entries(m.search).map(([kind, t]) => [
      `search box: ${kind} (${t.length} distinct queries)`,
      ms(t, 50),
      ms(t, 99),
    ]),
  ];
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
  return (
    `${m.customers.toLocaleString('en-US')} customers, ${m.lookups} lookups/searches each; ` +
    `load ${(m.loadMs / 1000).toFixed(0)} s (generator ${(m.generateMs / 1000).toFixed(0)} s` +
    `${m.builtNow ? '' : ', when the kept replica was built'}); ` +
    `file ${mb(m.fileBytes)} (JSON ${mb(m.jsonBytes)}); RSS ${mb(m.rssBytes)} (empty replica ${mb(m.rssEmptyBytes)})\n` +
    formatTable(rows)
  );
}

const size = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const million = await millionCustomers(size, process.argv.includes('--rebuild'));
// The RxDB figures of replica-bench.ts stay; this run's figures replace its own.
const outFile = join(process.cwd(), 'bench-results', 'replica.json');
mkdirSync(join(process.cwd(), 'bench-results'), { recursive: true });
const previous = existsSync(outFile)
  ? (JSON.parse(readFileSync(outFile, 'utf8')) as { metrics: Metric[] }).metrics
  : [];
const mine = millionMetrics(million);
const names = new Set(mine.map((m) => m.metric));
const report = {
  name: 'replica',
  metrics: [
    ...previous.filter((m) => !names.has(m.metric) && !m.metric.includes(' customers')),
    ...mine,
  ],
};
writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
process.stdout.write(millionTable(million));
