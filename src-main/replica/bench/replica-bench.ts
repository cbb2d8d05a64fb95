/**
 * Benchmark: RxDB's own runPerformanceTests on our SQLite storage and on RxDB's memory
 * storage in the same process and run, so the ratio is what matters, not absolute times.
 * Writes bench-results/replica.json and prints a table.
 * Usage: npx tsx src-main/replica/bench/replica-bench.ts [runs=10]
 * (rxdb/plugins/test-utils needs the dev dependencies async-test-util and clone.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runPerformanceTests, type PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { tempDir } from '../storage/test-helpers';
import { getRxStorageSqlite } from '../storage/sqlite-storage';

type Metric = { metric: string; value: number; unit: string; baseline: number; ratio: number };

const runs = Number(process.argv[2] ?? 10);
const config = { runs, log: false, waitBetweenTests: 20 };

const tmp = tempDir('replica-bench-');
try {
  const ours = await runPerformanceTests(
    getRxStorageSqlite({ directory: tmp.dir }),
    'switchboard-sqlite',
    config,
  );
  const memory = await runPerformanceTests(getRxStorageMemory(), 'memory', config);
  const metrics = toMetrics(ours, memory);
  const outDir = join(process.cwd(), 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const report = { name: 'replica', metrics };
  writeFileSync(join(outDir, 'replica.json'), JSON.stringify(report, null, 2) + '\n');
  console.warn(
    `runPerformanceTests, ${runs} runs, ${ours.collectionsAmount} collections x ${ours.docsAmount} docs`,
  );
  process.stdout.write(formatTable(metrics));
} finally {
  tmp.cleanup();
}

function toMetrics(ours: PerformanceTestResult, memory: PerformanceTestResult): Metric[] {
  const out: Metric[] = [];
  for (const [key, value] of Object.entries(ours)) {
    const baseline = memory[key];
    if (typeof value !== 'number' || typeof baseline !== 'number') continue;
    if (key === 'collectionsAmount' || key === 'docsAmount') continue;
    out.push({
      metric: key,
      value,
      unit: 'ms',
      baseline,
      ratio: baseline > 0 ? value / baseline : Number.NaN,
    });
  }
  return out;
}

function formatTable(metrics: Metric[]): string {
  const rows = [
    ['metric', 'sqlite ms', 'memory ms', 'ratio'],
    ...metrics.map((m) => [m.metric, fixed(m.value), fixed(m.baseline), fixed(m.ratio)]),
  ];
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
