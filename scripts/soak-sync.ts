/**
 * Soak of sync under faults: `npm run soak:sync [runs] [operations]` (defaults 10 and 80).
 * Each run is one fault scenario (test/integration/sync/support/fault-scenario.ts) on a fresh
 * database of the PostgreSQL at DATABASE_URL. SYNC_FAULT_SEED sets the first run's seed;
 * every run prints its seed, so a failing one can be replayed alone:
 *   SYNC_FAULT_SEED=<seed> npm run soak:sync 1 <operations>
 * Exits 1 when any run has a violation.
 */
import { createTestDatabase } from '../src-server/test-support/test-database';
import {
  runFaultScenario,
  type FaultRunReport,
} from '../test/integration/sync/support/fault-scenario';

async function main(): Promise<number> {
  if (!process.env['DATABASE_URL']) {
    console.error(
      'soak:sync needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
    );
    return 2;
  }
  const runs = Number(process.argv[2] ?? 10);
  const operations = Number(process.argv[3] ?? 80);
  const firstSeed = Number(process.env['SYNC_FAULT_SEED'] ?? Date.now() % 1_000_000);
  const database = await createTestDatabase();
  const reports: FaultRunReport[] = [];
  const started = Date.now();
  try {
    for (let run = 0; run < runs; run++) {
      const report = await runFaultScenario({
        seed: firstSeed + run,
        operations,
        databaseUrl: database.databaseUrl!,
        log: (line) => console.warn(`[${run + 1}/${runs}] ${line}`),
      });
      reports.push(report);
      for (const violation of report.violations) console.error(`  VIOLATION: ${violation}`);
    }
  } finally {
    await database.drop();
  }
  const sum = (f: (r: FaultRunReport) => number) => reports.reduce((a, r) => a + f(r), 0);
  const failed = reports.filter((r) => r.violations.length > 0 || !r.converged);
  console.warn(
    [
      `soak:sync: ${reports.length} runs from seed ${firstSeed}, ${operations} steps each, ${Math.round((Date.now() - started) / 1000)} s`,
      `  edits: ${sum((r) => r.edits.acknowledged)} acknowledged of ${sum((r) => r.edits.sent)} sent`,
      `  faults: ${sum((r) => r.faults.delayWindows)} delay windows, ${sum((r) => r.faults.connectionResets)} connection resets, ` +
        `${sum((r) => r.faults.linkCuts)} link cuts, ${sum((r) => r.faults.connectionDrops)} connection drops, ` +
        `${sum((r) => r.faults.clientKillsMidPush)} client SIGKILLs in mid-push, ${sum((r) => r.faults.serverRestartsMidPull)} server restarts in mid-pull`,
      `  converged: ${sum((r) => (r.converged ? 1 : 0))}/${reports.length}; conflict records: ${sum((r) => r.conflictRecords)} (after a lost push acknowledgement: ${sum((r) => r.recordsAfterLostAcknowledgement)} extra, see fault-scenario.ts)`,
      `  runs with violations: ${failed.length}${failed.length ? ` (seeds ${failed.map((r) => r.seed).join(', ')})` : ''}`,
    ].join('\n'),
  );
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
