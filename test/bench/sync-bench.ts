/**
 * `npm run bench:sync`: replication against the real server on real PostgreSQL (a scratch
 * database of DATABASE_URL, dropped at the end), the server in its own process, this process
 * playing the agent core. Writes bench-results/sync.json and prints a table.
 *
 * 1. Initial sync of BENCH_CUSTOMERS customers and BENCH_WORK_ORDERS work orders into an empty
 *    replica (docs/s), next to a raw PostgreSQL SELECT of the same rows in this process; this
 *    process's event-loop delay during that sync, next to the same monitor on an idle loop; an
 *    agent's local writes made meanwhile (they wait for the load worker's transaction), next
 *    to the same writes on the idle replica.
 * 2. Change propagation with BENCH_CLIENTS stream clients of one tenant: a write on replica
 *    A until it is in replica B (both real startSync replicas; the others plain stream
 *    sockets the server fans out to), next to a raw PostgreSQL UPDATE whose trigger's NOTIFY
 *    reaches a LISTEN connection, and the server's push round trip alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import type { RxCollection } from 'rxdb';
import { filter, firstValueFrom } from 'rxjs';
import { ROOT } from '../../scripts/lib/stack';
import type { ConflictDoc } from '../../src-shared/rxdb/conflicts';
import type { PullResponse, WireDocument } from '../../src-shared/sync/protocol';
import { openReplica, type ReplicaDatabase } from '../../src-main/replica/open-replica';
import { startSync, type SyncHandle } from '../../src-main/sync/start-sync';
import { createTestDatabase } from '../../src-server/test-support/test-database';
import {
  formatTable,
  login,
  metric,
  openStreamClient,
  percentile,
  sleep,
  startBenchServer,
  writeReport,
  type Metric,
} from './sync-bench-support';

process.env['DATABASE_URL'] ??= 'postgres://postgres@127.0.0.1:5432/test';
const CUSTOMERS = Number(process.env['BENCH_CUSTOMERS'] ?? 200_000);
const WORK_ORDERS = Number(process.env['BENCH_WORK_ORDERS'] ?? 100_000);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 50);
const WRITES = Number(process.env['BENCH_WRITES'] ?? 200);
/** The agent core's way (the load worker, decision 0024); BENCH_INITIAL_LOAD=0: RxDB on main. */
const INITIAL_LOAD = process.env['BENCH_INITIAL_LOAD'] !== '0';
const GOALS = {
  docsPerSecond: 10_000,
  propagationP50Ms: 25,
  propagationP99Ms: 100,
  eventLoopMaxMs: 50,
};

const ms = (ns: number) => ns / 1e6;

async function openSyncedReplica(serverUrl: string, token: string, dir: string) {
  // A name of its own: RxDB closes an open database of the same name (closeDuplicates).
  const db = await openReplica({ dataDir: dir, name: path.basename(dir), devMode: false });
  const sync = await startSync({ database: db, serverUrl, getAccessToken: async () => token });
  return { db, sync };
}

async function closeReplica(replica: { db: ReplicaDatabase; sync: SyncHandle }) {
  await replica.sync.stop();
  await replica.db.close();
}

/** The same rows in one SELECT each, decoded by node-postgres in this process. */
async function rawSelect(databaseUrl: string): Promise<{ rows: number; seconds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    let rows = 0;
    for (const table of ['customers', 'work_orders']) {
      const result = await client.query(
        `SELECT * FROM ${table} WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'demo') ORDER BY server_seq, id`,
      );
      rows += result.rowCount ?? 0;
    }
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

async function idleLoopDelay(durationMs: number) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await sleep(durationMs);
  histogram.disable();
  return { max: ms(histogram.max), p99: ms(histogram.percentile(99)) };
}

async function initialSync(serverUrl: string, dir: string) {
  const token = await login(serverUrl, 'demo', 'agent');
  const db = await openReplica({ dataDir: dir, name: 'initial', devMode: false });
  // From here on it is sync alone: opening the replica (schemas, tables) is not measured.
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  const sync = await startSync({
    database: db,
    serverUrl,
    getAccessToken: async () => token,
    initialLoad: INITIAL_LOAD,
  });
  const replica = { db, sync };
  const synced = sync.awaitInSync().then(() => performance.now());
  const duringSync = await localWritesUntil(db, synced);
  const seconds = ((await synced) - started) / 1000;
  histogram.disable();
  const idleWrites = await localWritesUntil(db, sleep(2000));
  const docs =
    (await replica.db.customers.count().exec()) + (await replica.db.work_orders.count().exec());
  await closeReplica(replica);
  if (docs !== CUSTOMERS + WORK_ORDERS) {
    throw new Error(`replica has ${docs} documents, expected ${CUSTOMERS + WORK_ORDERS}`);
  }
  return {
    docs,
    seconds,
    loopMax: ms(histogram.max),
    loopP99: ms(histogram.percentile(99)),
    duringSync,
    idleWrites,
  };
}

/**
 * An agent's own writes (a local conflict record, in a collection sync never loads) every
 * 100 ms until `until` settles: how long each takes to commit. The first, which compiles the
 * collection's validator, is left out.
 */
async function localWritesUntil(db: ReplicaDatabase, until: Promise<unknown>) {
  const conflicts = (db as unknown as { conflicts: RxCollection<ConflictDoc> }).conflicts;
  let done = false;
  void until.then(() => (done = true));
  const times: number[] = [];
  for (let n = 0; !done; n++) {
    const started = performance.now();
    await conflicts.upsert({
      id: `bench:local-write:${n % 20}`,
      sourceCollection: 'work_orders',
      docId: 'bench',
      field: 'description',
      base: '""',
      local: JSON.stringify(`local ${n}`),
      server: '""',
      serverSeq: 0,
      createdAt: Date.now(),
      resolved: false,
    });
    if (n > 0) times.push(performance.now() - started);
    await sleep(100);
  }
  return times;
}

/** UPDATE of an acme customer until its trigger's NOTIFY reaches a LISTEN connection. */
async function rawWriteNotify(databaseUrl: string, customerId: string): Promise<number[]> {
  const listener = new pg.Client({ connectionString: databaseUrl });
  const writer = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([listener.connect(), writer.connect()]);
  try {
    await listener.query('LISTEN sync_changes');
    const times: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const notified = new Promise((resolve) => listener.once('notification', resolve));
      const started = performance.now();
      await writer.query('UPDATE customers SET tags = $1 WHERE id = $2', [
        [`raw-${i}`],
        customerId,
      ]);
      await notified;
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await Promise.all([listener.end(), writer.end()]);
  }
}

/** The server's push endpoint alone: one row, assumed master = the last state pushed. */
async function pushRoundTrips(serverUrl: string, token: string): Promise<number[]> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const page = (await (
    await fetch(`${serverUrl}/api/sync/customers/pull?limit=1`, { headers })
  ).json()) as PullResponse;
  let master: WireDocument = page.documents[0]!;
  const times: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const next = { ...master, tags: [`push-${i}`] };
    const started = performance.now();
    const response = await fetch(`${serverUrl}/api/sync/customers/push`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ rows: [{ assumedMasterState: master, newDocumentState: next }] }),
    });
    const answer = (await response.json()) as { conflicts: unknown[] };
    times.push(performance.now() - started);
    if (!response.ok || answer.conflicts.length > 0) throw new Error(`push ${response.status}`);
    master = next;
  }
  return times;
}

/** A write on replica A until replica B has it, with CLIENTS stream clients connected. */
async function propagation(serverUrl: string, root: string) {
  const tokenA = await login(serverUrl, 'acme', 'agent');
  const tokenB = await login(serverUrl, 'acme', 'supervisor');
  const a = await openSyncedReplica(serverUrl, tokenA, path.join(root, 'a'));
  const b = await openSyncedReplica(serverUrl, tokenB, path.join(root, 'b'));
  const others = await Promise.all(
    Array.from({ length: CLIENTS - 2 }, () => openStreamClient(serverUrl, tokenA)),
  );
  try {
    await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
    log(`replicas A and B in sync, ${others.length} more stream clients`);
    const ids = (await a.db.customers.find().exec()).map((doc) => doc.id);
    const times: number[] = [];
    for (let i = 0; i < WRITES; i++) {
      const id = ids[i % ids.length]!;
      const tag = `bench-${i}`;
      const arrived = firstValueFrom(
        b.db.customers.$.pipe(
          filter(
            (event) =>
              event.documentId === id &&
              (event.documentData as { tags?: string[] } | undefined)?.tags?.includes(tag) === true,
          ),
        ),
      );
      const started = performance.now();
      await (await a.db.customers.findOne(id).exec())!.incrementalPatch({ tags: [tag] });
      await arrived;
      times.push(performance.now() - started);
    }
    const fannedOut = others.reduce((sum, client) => sum + client.messages, 0) / others.length;
    return { times, fannedOut };
  } finally {
    for (const client of others) client.close();
    await Promise.all([closeReplica(a), closeReplica(b)]);
  }
}

const log = (message: string) =>
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-sync-bench-'));
  const databaseUrl = database.databaseUrl!;
  const server = await startBenchServer({
    BENCH_DATABASE_URL: databaseUrl,
    BENCH_CUSTOMERS: String(CUSTOMERS),
    BENCH_WORK_ORDERS: String(WORK_ORDERS),
  });
  // Interrupted: still drop the scratch database (gigabytes at full size) and the replicas.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void server
        .stop()
        .then(() => database.drop())
        .finally(() => {
          rmSync(dir, { recursive: true, force: true });
          process.exit(130);
        });
    });
  }
  try {
    console.log(
      `sync benchmark: ${CUSTOMERS} customers + ${WORK_ORDERS} work orders seeded in ${(server.seedMs / 1000).toFixed(1)} s; ${CLIENTS} stream clients, ${WRITES} writes`,
    );
    const idle = await idleLoopDelay(2000);
    const raw = await rawSelect(databaseUrl);
    log('raw select done; initial sync');
    const sync = await initialSync(server.url, path.join(dir, 'initial'));
    console.log(
      `initial sync (${INITIAL_LOAD ? 'load worker' : 'RxDB on main'}): ${sync.docs} docs in ${sync.seconds.toFixed(1)} s; raw SELECT: ${raw.rows} rows in ${raw.seconds.toFixed(1)} s`,
    );

    const acme = new pg.Client({ connectionString: databaseUrl });
    await acme.connect();
    const { rows } = await acme.query<{ id: string }>(
      `SELECT c.id FROM customers c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'acme' LIMIT 1`,
    );
    await acme.end();
    // Baselines first, while no stream client is connected to fan their writes out to.
    const rawNotify = await rawWriteNotify(databaseUrl, rows[0]!.id);
    log('raw write+notify done');
    const push = await pushRoundTrips(server.url, await login(server.url, 'acme', 'admin'));
    log('push round trips done; propagation');
    const live = await propagation(server.url, dir);

    const metrics: Metric[] = [
      metric('initial-sync', sync.docs / sync.seconds, 'docs/s', raw.rows / raw.seconds),
      metric('initial-sync-event-loop-max', sync.loopMax, 'ms', idle.max),
      metric('initial-sync-event-loop-p99', sync.loopP99, 'ms', idle.p99),
      metric(
        'local-write-during-sync-p50',
        percentile(sync.duringSync, 50),
        'ms',
        percentile(sync.idleWrites, 50),
      ),
      metric(
        'local-write-during-sync-max',
        Math.max(...sync.duringSync),
        'ms',
        Math.max(...sync.idleWrites),
      ),
      metric('propagation-p50', percentile(live.times, 50), 'ms', percentile(rawNotify, 50)),
      metric('propagation-p99', percentile(live.times, 99), 'ms', percentile(rawNotify, 99)),
      metric('server-push-p50', percentile(push, 50), 'ms', percentile(rawNotify, 50)),
      metric('server-push-p99', percentile(push, 99), 'ms', percentile(rawNotify, 99)),
    ];
    writeReport(ROOT, {
      name: 'sync',
      sizes: {
        customers: CUSTOMERS,
        workOrders: WORK_ORDERS,
        streamClients: CLIENTS,
        writes: WRITES,
      },
      baselines: {
        'initial-sync': 'raw PostgreSQL SELECT of the same rows (node-postgres, this process)',
        'event-loop': 'the same monitor on this idle process for 2 s',
        'propagation / server-push':
          'raw PostgreSQL UPDATE until its trigger NOTIFY reaches LISTEN',
      },
      goals: GOALS,
      metrics,
    });
    console.log(formatTable(metrics));
    if (CLIENTS > 2) {
      console.log(
        `each of the ${CLIENTS - 2} plain stream clients received ${live.fannedOut.toFixed(0)} messages`,
      );
    }
    const byName = new Map(metrics.map((m) => [m.metric, m.value]));
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      [
        `goal initial sync >= ${GOALS.docsPerSecond} docs/s: ${verdict(byName.get('initial-sync')! >= GOALS.docsPerSecond)}`,
        `goal propagation p50 <= ${GOALS.propagationP50Ms} ms: ${verdict(byName.get('propagation-p50')! <= GOALS.propagationP50Ms)}`,
        `goal propagation p99 <= ${GOALS.propagationP99Ms} ms: ${verdict(byName.get('propagation-p99')! <= GOALS.propagationP99Ms)}`,
        `goal no event-loop stall over ${GOALS.eventLoopMaxMs} ms: ${verdict(byName.get('initial-sync-event-loop-max')! <= GOALS.eventLoopMaxMs)}`,
      ].join('\n'),
    );
  } finally {
    await server.stop();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
