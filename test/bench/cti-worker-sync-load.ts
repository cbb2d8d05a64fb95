/**
 * bench:cti's sync load as the load worker runs a first sync (BENCH_SYNC_LOAD=worker, the
 * default): the real server on a scratch PostgreSQL database with BENCH_SYNC_WORK_ORDERS work
 * orders (and as many customers: the demo generator gives a customer at most one), and the load
 * worker (decision 0024) filling the replica's empty work orders while the calls come in, its
 * writes announced to main's RxDB. The replica's customers are the bench's own, seeded before:
 * they are not synced, so that nothing else runs on main.
 */
import type { ReplicaDatabase } from '../../src-main/replica/open-replica';
import { startInitialLoad } from '../../src-main/sync/initial-load/initial-load';
import { createTestDatabase } from '../../src-server/test-support/test-database';
import { keepServerInBackground, SERVER_NICENESS } from './server-in-background';
import { login, startBenchServer } from './sync-bench-support';

const WORK_ORDERS = Number(process.env.BENCH_SYNC_WORK_ORDERS ?? 150_000);

export type SyncLoad = {
  /** The load is still running (calls made now are under load). */
  running(): boolean;
  stop(): Promise<{ written: number; perSecond: number; pageMs: number[] }>;
};

export async function startWorkerSyncLoad(
  replica: ReplicaDatabase,
  /** Called just before the load starts (after the server's seeding). */
  beforeLoad: () => void = () => undefined,
): Promise<SyncLoad> {
  process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/test';
  const database = await createTestDatabase();
  const server = await startBenchServer({
    BENCH_DATABASE_URL: database.databaseUrl!,
    BENCH_CUSTOMERS: String(WORK_ORDERS),
    BENCH_WORK_ORDERS: String(WORK_ORDERS),
  });
  console.log(
    `  sync load: ${WORK_ORDERS} work orders on the server, seeded in ${(server.seedMs / 1000).toFixed(1)} s`,
  );
  const token = await login(server.url, 'demo', 'agent');
  const background = await keepServerInBackground(server.pid, database.databaseUrl!);
  console.log(
    `  sync load: the server and its PostgreSQL backends at niceness ${SERVER_NICENESS} (BENCH_SERVER_NICE)` +
      (background.failures.length ? `; NOT lowered: ${background.failures.join(', ')}` : ''),
  );
  beforeLoad();
  const started = performance.now();
  let endedAt: number | undefined;
  const load = await startInitialLoad({
    database: replica,
    serverUrl: server.url,
    getAccessToken: async () => token,
    collections: ['work_orders'],
    onError: (message) => console.error(`  sync load: ${message}`),
  });
  const done = load.done.then((loaded) => {
    endedAt = performance.now();
    if (!loaded.has('work_orders'))
      console.error('  sync load: the work orders were not all loaded');
  });
  return {
    running: () => endedAt === undefined,
    async stop() {
      const loadedAt = endedAt ?? performance.now();
      await load.stop();
      await done;
      const written = await replica.work_orders.count().exec();
      await background.stop();
      await server.stop();
      await database.drop();
      return { written, perSecond: written / ((loadedAt - started) / 1000), pageMs: [] };
    },
  };
}
