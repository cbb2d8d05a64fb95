import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../../src-server/test-support/test-database';
import { runFaultScenario, type FaultRunReport } from './support/fault-scenario';

/**
 * Bounded randomized fault runs of sync (see support/fault-scenario.ts for what one run does
 * and checks). The seed is printed; replay with SYNC_FAULT_SEED=<seed>. `npm run soak:sync`
 * runs many more. A server restart needs a database that outlives the server process, so
 * these run on PostgreSQL only (DATABASE_URL), like two-instances.test.ts.
 */
const RUNS = Number(process.env['SYNC_FAULT_RUNS'] ?? 2);
const OPERATIONS = Number(process.env['SYNC_FAULT_OPERATIONS'] ?? 30);
const SEED = Number(process.env['SYNC_FAULT_SEED'] ?? Date.now() % 1_000_000);

describe.skipIf(!process.env.DATABASE_URL)('sync under network and process faults', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it(
    `converges with no acknowledged edit lost or applied twice (${RUNS} runs from seed ${SEED})`,
    { timeout: 200_000 * RUNS },
    async () => {
      console.warn(`sync fault runs: SYNC_FAULT_SEED=${SEED} replays the first run`);
      const reports: FaultRunReport[] = [];
      for (let run = 0; run < RUNS; run++) {
        const report = await runFaultScenario({
          seed: SEED + run,
          operations: OPERATIONS,
          databaseUrl: database.databaseUrl!,
          log: (line) => console.warn(line),
        });
        reports.push(report);
        expect(report.violations, `seed ${report.seed}`).toEqual([]);
        expect(report.converged).toBe(true);
        expect(report.edits.acknowledged).toBeGreaterThan(0);
        expect(report.faults.clientKillsMidPush).toBeGreaterThan(0);
        expect(report.faults.serverRestartsMidPull).toBeGreaterThan(0);
      }
    },
  );
});
