/**
 * Benchmark of the replica's storage.
 * 1. RxDB's own runPerformanceTests on our SQLite storage and on RxDB's memory storage in
 *    the same process and run (interleaved run by run), so the ratio is what matters, not
 *    absolute times.
 * 2. 1,000,000 customers (the server's demo generator) in a replica opened as the app opens
 *    it: screen-pop lookup by phone through RxDB against a raw indexed SELECT on the same
 *    file, the search box's searches, file size, RSS.
 * Writes bench-results/replica.json and prints the tables.
 * Usage: npx tsx src-main/replica/bench/replica-bench.ts [runs=20] [customers=1000000]
 * (rxdb/plugins/test-utils needs the dev dependencies async-test-util and clone.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../storage/test-helpers';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { customerSchema } from '../../../src-shared/rxdb/customers';
import { KEY_FORMAT } from '../storage/index-keys';
import { buildMillionReplica, readMillionBuild, type MillionResult } from './million-customers';
import { measureRxdbPerformance, percentile, type PerformanceSummary } from './rxdb-performance';

export type Metric = {
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
};

const runs = Number(process.argv[2] ?? 20);
const customers = Number(process.argv[3] ?? 1_000_000);
const LOOKUPS = 500;
const rebuild = process.argv.includes('--rebuild');

/**
 * The built replica is kept between runs (in the OS temp folder, named by size, schema
 * version and key format, so a change to either builds anew): building 1,000,000
 * customers takes far longer than measuring them. `--rebuild` builds it again.
 */
async function millionCustomers(): Promise<MillionResult & { builtNow: boolean }> {
  const dir = join(
    tmpdir(),
    'switchboard-replica-bench',
    `customers-${customers}-v${customerSchema.version}-keys${KEY_FORMAT}`,
  );
  let build = rebuild ? null : readMillionBuild(dir, customers);
  const builtNow = build === null;
  if (!build) {
    console.warn(`building the replica of ${customers} customers in ${dir} ...`);
    build = await buildMillionReplica(dir, customers);
  }
  const script = fileURLToPath(new URL('./million-customers.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, dir, String(LOOKUPS)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`bench: measuring process failed: ${child.stderr}`);
  return {
    ...build,
    ...(JSON.parse(child.stdout) as Omit<MillionResult, keyof typeof build>),
    builtNow,
  };
}

const tmp = tempDir('replica-bench-');
try {
  const perf = await measureRxdbPerformance(tmp.dir, runs);
  const million = await millionCustomers();
  const metrics = [...perfMetrics(perf), ...millionMetrics(million)];
  const outDir = join(process.cwd(), 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const report = { name: 'replica', metrics };
  writeFileSync(join(outDir, 'replica.json'), JSON.stringify(report, null, 2) + '\n');
  console.warn(
    `RxDB runPerformanceTests: ${runs} runs per storage (interleaved), 4 collections x 3000 docs; ` +
      `"rxdb" = RxDB's figure (its average keeps the fastest 5% of runs); p50/p95 over all runs`,
  );
  process.stdout.write(
    formatTable([
      [
        'metric',
        'sqlite ms',
        'memory ms',
        'ratio',
        'sqlite p50',
        'p95',
        'memory p50',
        'p95',
        'ratio p50',
      ],
      ...perf.map((p) => [
        p.metric,
        fixed(p.ours),
        fixed(p.memory),
        fixed(p.ratio),
        fixed(p.oursP50),
        fixed(p.oursP95),
        fixed(p.memoryP50),
        fixed(p.memoryP95),
        fixed(p.ratioP50),
      ]),
    ]),
  );
  process.stdout.write('\n' + millionTable(million));
} finally {
  tmp.cleanup();
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

function millionTable(m: MillionResult & { builtNow: boolean }): string {
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

function perfMetrics(perf: PerformanceSummary[]): Metric[] {
  const out: Metric[] = [];
  for (const p of perf) {
    out.push({
      metric: p.metric,
      value: round(p.ours),
      unit: 'ms',
      baseline: round(p.memory),
      ratio: round(p.ratio),
    });
    out.push({
      metric: `${p.metric} p50`,
      value: round(p.oursP50),
      unit: 'ms',
      baseline: round(p.memoryP50),
      ratio: round(p.oursP50 / p.memoryP50),
    });
    out.push({
      metric: `${p.metric} p95`,
      value: round(p.oursP95),
      unit: 'ms',
      baseline: round(p.memoryP95),
      ratio: round(p.oursP95 / p.memoryP95),
    });
  }
  return out;
}

function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
      )
      .join('\n') + '\n'
  );
}

function fixed(n: number): string {
  return round(n).toFixed(2);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
