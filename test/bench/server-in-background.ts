/**
 * The central server of a benchmark, kept at the lowest CPU priority (decision 0028). In
 * production the server and its PostgreSQL run on machines of their own; on the benchmark's
 * two cores they would otherwise take turns with the agent core and the SIP engine, and a
 * screen pop would wait for a server process's time slice rather than for anything the
 * desktop does. The server still serves every request; it only yields the CPU.
 *
 * BENCH_SERVER_NICE sets the niceness (default 19; 0 leaves everything as it was started).
 * PostgreSQL starts a process per connection, and the server opens more as it needs them: the
 * scratch database's backends are looked up and lowered again every second.
 */
import { setPriority } from 'node:os';
import pg from 'pg';

export const SERVER_NICENESS = Number(process.env['BENCH_SERVER_NICE'] ?? 19);

export type BackgroundServer = {
  /** What could not be lowered (e.g. EPERM on another user's PostgreSQL), once per cause. */
  readonly failures: readonly string[];
  stop(): Promise<void>;
};

export async function keepServerInBackground(
  serverPid: number,
  databaseUrl: string,
): Promise<BackgroundServer> {
  const failures = new Set<string>();
  if (!(SERVER_NICENESS > 0)) return { failures: [], stop: async () => {} };
  const lower = (pid: number) => {
    try {
      setPriority(pid, SERVER_NICENESS);
    } catch (error) {
      failures.add(`${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const lowerAll = async () => {
    lower(serverPid);
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    for (const { pid } of rows) lower(pid);
  };
  await lowerAll();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (!stopped) await lowerAll().catch((error: unknown) => failures.add(String(error)));
    }
  })();
  return {
    get failures() {
      return [...failures];
    },
    async stop() {
      stopped = true;
      await loop;
      await client.end();
    },
  };
}
