import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  averageOfTimeValues,
  runPerformanceTests,
  type PerformanceTestResult,
} from 'rxdb/plugins/test-utils';
import type { RxStorage } from 'rxdb';
import { getRxStorageSqlite } from '../storage/sqlite-storage';

/** One metric of RxDB's runPerformanceTests: every run's time for both storages. */
export type PerformanceSeries = { metric: string; ours: number[]; memory: number[] };

export type PerformanceSummary = {
  metric: string;
  /** RxDB's own figure: averageOfTimeValues(times, 95), i.e. the fastest 5% of the runs. */
  ours: number;
  memory: number;
  ratio: number;
  oursP50: number;
  oursP95: number;
  memoryP50: number;
  memoryP95: number;
  ratioP50: number;
};

/**
 * RxDB's runPerformanceTests, one run at a time, alternating our storage and RxDB's memory
 * storage (which goes first alternates too), so that load from other processes on the
 * machine falls on both alike. One run per call gives every run's figure, from which the
 * percentiles come; the headline figure is computed exactly as the library computes it.
 */
export async function measureRxdbPerformance(
  directory: string,
  runs: number,
): Promise<PerformanceSummary[]> {
  const ours = getRxStorageSqlite({ directory });
  const memory = getRxStorageMemory();
  const series = new Map<string, PerformanceSeries>();
  const record = (result: PerformanceTestResult, side: 'ours' | 'memory') => {
    for (const [metric, value] of Object.entries(result)) {
      if (typeof value !== 'number' || metric === 'collectionsAmount' || metric === 'docsAmount')
        continue;
      let s = series.get(metric);
      if (!s) series.set(metric, (s = { metric, ours: [], memory: [] }));
      s[side].push(value);
    }
  };
  const once = (storage: RxStorage<unknown, unknown>, name: string) =>
    runPerformanceTests(storage, name, { runs: 1, log: false, waitBetweenTests: 20 });
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      record(await once(ours, 'switchboard-sqlite'), 'ours');
      record(await once(memory, 'memory'), 'memory');
    } else {
      record(await once(memory, 'memory'), 'memory');
      record(await once(ours, 'switchboard-sqlite'), 'ours');
    }
  }
  return [...series.values()].map((s) => {
    const oursFigure = averageOfTimeValues([...s.ours], 95);
    const memoryFigure = averageOfTimeValues([...s.memory], 95);
    const oursP50 = percentile(s.ours, 50);
    const memoryP50 = percentile(s.memory, 50);
    return {
      metric: s.metric,
      ours: oursFigure,
      memory: memoryFigure,
      ratio: oursFigure / memoryFigure,
      oursP50,
      oursP95: percentile(s.ours, 95),
      memoryP50,
      memoryP95: percentile(s.memory, 95),
      ratioP50: oursP50 / memoryP50,
    };
  });
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
