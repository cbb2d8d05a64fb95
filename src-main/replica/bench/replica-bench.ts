/**
 * Benchmark of the replica's storage.
 * 1. RxDB's own runPerformanceTests on our SQLite storage and on RxDB's memory storage in
 *    the same process and run (interleaved run by run), so the ratio is what matters, not
 *    absolute times.
 * Writes bench-results/replica.json and prints a table; `npm run bench:replica` then runs
 * test/bench/replica-million-customers.ts, which adds the 1,000,000-customer figures.
 * Usage: npx tsx src-main/replica/bench/replica-bench.ts [runs=20]
 * (rxdb/plugins/test-utils needs the dev dependencies async-test-util and clone.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../storage/test-helpers';
import { fixed, formatTable, round } from './bench-format';
import { measureRxdbPerformance, type PerformanceSummary } from './rxdb-performance';

export type Metric = {
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
};

const runs = Number(process.argv[2] ?? 20);

const tmp = tempDir('replica-bench-');
try {
  const perf = await measureRxdbPerformance(tmp.dir, runs);
  const metrics = perfMetrics(perf);
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
} finally {
  tmp.cleanup();
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
