/**
 * `npm run bench:cti`: from the SIP INVITE leaving SIPp to the screen-pop payload ready in main
 * (the agent desk's `call.screenPop` event, the one the core sends to the renderer), with
 * 1,000,000 customers in the replica and a sync load writing into it the whole time. Next to
 * it, in the same run and under the same load, the baseline: the bare replica look-up by phone
 * (findCustomersByPhone). Writes bench-results/cti.json and prints a table.
 *
 * Real parts: baresip driven by our provider, SIPp customers (customer-rings-shortly.xml; the
 * INVITE's send time from SIPp's own message trace, µs wall clock), the replica on our SQLite
 * RxStorage. The sync load (BENCH_SYNC_LOAD): `worker`, the default, is a real first sync of
 * work orders from the real server through the load worker (decision 0024; off in the core for
 * now; cti-worker-sync-load.ts), with the server and its PostgreSQL at the lowest CPU priority
 * as a stand-in for machines of their own (server-in-background.ts, decision 0028); `main` is
 * what RxDB replication on the main thread does with pulled pages: bulkWrites of SYNC_PAGE new
 * customers into the customers collection's storage
 * instance, one page every SYNC_INTERVAL_MS. Only calls made while the load runs are counted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createRevision, now, type RxDocumentData } from 'rxdb';
import type { ScreenPop } from '../../src-shared/domain/agent';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { deriveCustomerKeys } from '../../src-shared/rxdb/customer-keys';
import { AgentSession } from '../../src-main/agent/agent-session';
import { createAgentDesk } from '../../src-main/core/agent-desk';
import { createCallerLookup } from '../../src-main/core/caller-lookup';
import { CoreEvents } from '../../src-main/core/core-events';
import { findCustomersByPhone } from '../../src-main/replica/customer-lookup';
import { openReplica, type ReplicaDatabase } from '../../src-main/replica/open-replica';
import { deferKeyIndexes } from '../../src-main/replica/storage/deferred-indexes';
import {
  createTablesNow,
  type SqliteInternals,
} from '../../src-main/replica/storage/sqlite-storage-instance';
import { startTestEngine } from '../sip/harness/engine';
import { ringOnce, startSippLauncher } from './sipp-invite';
import { startWorkerSyncLoad, type SyncLoad } from './cti-worker-sync-load';
import { SERVER_NICENESS } from './server-in-background';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 120);
const SEED_BATCH = 10_000;
/** RxDB replication's pull page (DEFAULT_PULL_LIMIT) and how often one lands. */
const SYNC_PAGE = Number(process.env.BENCH_SYNC_PAGE ?? 100);
const SYNC_INTERVAL_MS = Number(process.env.BENCH_SYNC_INTERVAL_MS ?? 10);
const GOAL_P99_MS = 25;
const SYNC_LOAD = process.env.BENCH_SYNC_LOAD === 'main' ? 'main' : 'worker';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['芳', '娜', '伟', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰'];

/** Customer ids are UUIDs (the server's keys): customer i's, deterministically. */
const benchId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

/** Customer i: a unique Chinese mobile number (+86 13x…), a name, an account number. */
function customer(i: number, lwt: number): RxDocumentData<CustomerDoc> {
  const mobile = `+8613${String(i).padStart(9, '0')}`;
  const phones = i % 5 === 0 ? [mobile, `+861065${String(i).padStart(6, '0')}`] : [mobile];
  const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i >> 4) % GIVEN.length]}${i}`;
  const doc = {
    id: benchId(i),
    name,
    phones,
    emails: [],
    accountNumber: `B${String(i).padStart(8, '0')}`,
    vipTier: 'none' as const,
    tags: [],
    updatedAt: Math.floor(lwt),
    serverSeq: i + 1,
  };
  return {
    ...doc,
    ...deriveCustomerKeys(doc),
    _deleted: false,
    _attachments: {},
    _rev: createRevision('bench'),
    _meta: { lwt },
  };
}

async function writeCustomers(replica: ReplicaDatabase, from: number, to: number): Promise<void> {
  const lwt = now();
  const rows = [];
  for (let i = from; i < to; i++) rows.push({ document: customer(i, lwt) });
  const result = await replica.customers.storageInstance.bulkWrite(rows, 'cti-bench');
  if (result.error.length > 0) throw new Error(`bulkWrite: ${JSON.stringify(result.error[0])}`);
}

/**
 * The seed goes straight to our SQLite storage instance, under RxDB's, the validating and the
 * slicing wrappers: our own generated documents need no schema check, and they are written
 * before the clock starts.
 */
async function seed(replica: ReplicaDatabase): Promise<number> {
  const started = performance.now();
  type Instance = typeof replica.customers.storageInstance;
  let storage: Instance = replica.customers.storageInstance;
  for (;;) {
    const inner = (storage as Instance & { originalStorageInstance?: Instance })
      .originalStorageInstance;
    if (!inner) break;
    storage = inner;
  }
  // Seeding is not measured: the indexes are built once at the end (decision 0026).
  const internals = storage.internals as SqliteInternals;
  createTablesNow(internals);
  const deferred = deferKeyIndexes(internals, replica.customers.schema.jsonSchema as never);
  for (let from = 0; from < CUSTOMERS; from += SEED_BATCH) {
    const lwt = now();
    const rows = [];
    for (let i = from; i < Math.min(CUSTOMERS, from + SEED_BATCH); i++) {
      rows.push({ document: customer(i, lwt) });
    }
    const result = await storage.bulkWrite(rows, 'cti-bench-seed');
    if (result.error.length > 0) throw new Error(`seed: ${JSON.stringify(result.error[0])}`);
    if ((from / SEED_BATCH) % 20 === 0) process.stdout.write(`  seeded ${from}\r`);
  }
  await deferred.build();
  return performance.now() - started;
}

/** Pages of new customers landing in the replica the way an initial sync's pulls on main do. */
function startMainThreadSyncLoad(replica: ReplicaDatabase, beforeLoad: () => void): SyncLoad {
  beforeLoad();
  let next = CUSTOMERS;
  let written = 0;
  let stopped = false;
  const pageMs: number[] = [];
  const started = performance.now();
  const done = (async () => {
    while (!stopped) {
      const page = performance.now();
      await writeCustomers(replica, next, next + SYNC_PAGE);
      pageMs.push(performance.now() - page);
      next += SYNC_PAGE;
      written += SYNC_PAGE;
      const wait = SYNC_INTERVAL_MS - (performance.now() - page);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    }
  })();
  return {
    running: () => !stopped,
    async stop() {
      stopped = true;
      await done;
      return {
        written,
        perSecond: written / ((performance.now() - started) / 1000),
        pageMs,
      };
    },
  };
}

function ring(target: string, caller: string, traceDir: string, index: number): Promise<number> {
  const traceFile = path.join(traceDir, `call-${index}.log`);
  return ringOnce({ target, caller, scenario: 'customer-rings-shortly.xml', traceFile });
}

const wallClock = () => performance.timeOrigin + performance.now();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-cti-bench-'));
  // Production settings: no RxDB dev-mode checks on every write.
  const replica = await openReplica({
    dataDir: path.join(dir, 'replica'),
    devMode: false,
    ...(process.env.BENCH_SYNCHRONOUS === 'NORMAL' ? { storage: { synchronous: 'NORMAL' } } : {}),
  });
  const engine = await startTestEngine('agent');
  const events = new CoreEvents();
  const session = new AgentSession({
    link: engine.link,
    sink: { write: () => undefined },
    wrapUpMode: { kind: 'optional' },
  });
  const desk = createAgentDesk({
    session,
    events,
    lookupCaller: createCallerLookup(replica, () => {
      throw new Error('every bench caller is in the replica: the server must not be asked');
    }),
    warn: (message) => console.warn(message),
  });
  // Where the time goes: the engine's CALL_INCOMING reaching our link (INVITE → offered), then
  // the core (offered → screen pop: call model, replica look-up, event).
  const offeredAt = new Map<string, number>();
  engine.link.on((event) => {
    if (event.type === 'offered') offeredAt.set(event.peer.number, wallClock());
  });
  const pops = new Map<string, { at: number; customer: string | null }>();
  events.subscribe((event, payload) => {
    if (event !== 'call.screenPop') return;
    const pop = payload as ScreenPop;
    pops.set(pop.rawNumber, { at: wallClock(), customer: pop.customer?.id ?? null });
  });
  try {
    console.log(`cti benchmark: seeding ${CUSTOMERS} customers into the replica…`);
    const seedMs = await seed(replica);
    console.log(`  ${CUSTOMERS} customers in ${(seedMs / 1000).toFixed(1)} s`);
    desk.signIn();
    session.setReady();
    startSippLauncher();

    // From the load's start (its setup on main included): not the server's seeding before it.
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    const startLoad = () => loopDelay.enable();
    const load =
      SYNC_LOAD === 'worker'
        ? await startWorkerSyncLoad(replica, startLoad)
        : startMainThreadSyncLoad(replica, startLoad);
    const endToEnd: number[] = [];
    const lookup: number[] = [];
    const engineLeg: number[] = [];
    const coreLeg: number[] = [];
    const traceDir = mkdtempSync(path.join(tmpdir(), 'sb-cti-bench-sipp-'));
    for (let call = 0; call < CALLS && load.running(); call++) {
      // Spread over the whole replica; national mobile form, as a Chinese caller id carries it.
      const index = Math.floor((call * 7919 + 13) % CUSTOMERS);
      const national = `13${String(index).padStart(9, '0')}`;
      const inviteAt = await ring(`127.0.0.1:${engine.sipPort}`, national, traceDir, call);
      // A call that ended after the load did was not made under it.
      if (!load.running()) break;
      const pop = pops.get(national);
      if (!pop) throw new Error(`no screen pop for call ${call} (${national})`);
      if (pop.customer !== benchId(index)) {
        throw new Error(`call ${call}: popped ${pop.customer}, expected ${benchId(index)}`);
      }
      endToEnd.push(pop.at - inviteAt);
      const offered = offeredAt.get(national)!;
      engineLeg.push(offered - inviteAt);
      coreLeg.push(pop.at - offered);
      // The baseline under the same load: the replica look-up alone.
      const before = performance.now();
      const found = await findCustomersByPhone(replica.customers, national);
      lookup.push(performance.now() - before);
      if (found[0]?.id !== benchId(index)) throw new Error(`look-up missed ${national}`);
      while (session.status !== 'ready') await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const sync = await load.stop();
    loopDelay.disable();
    const stalls = {
      syncPageWriteMs: { p50: percentile(sync.pageMs, 50), p99: percentile(sync.pageMs, 99) },
      eventLoopDelayMs: {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      },
    };
    // The load worker writes pages on its own thread: main times none of them.
    const pageWrites =
      sync.pageMs.length > 0
        ? `sync page write: p50 ${percentile(sync.pageMs, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(sync.pageMs, 99).toFixed(1)} ms; `
        : '';
    console.log(
      `  ${pageWrites}event-loop delay p50 ` +
        `${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ` +
        `${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms`,
    );
    rmSync(traceDir, { recursive: true, force: true });
    report(endToEnd, lookup, sync, { engineLeg, coreLeg }, stalls);
  } finally {
    desk.dispose();
    session.dispose();
    await engine.dispose();
    await replica.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  endToEnd: number[],
  lookup: number[],
  sync: { written: number; perSecond: number; pageMs: number[] },
  legs: { engineLeg: number[]; coreLeg: number[] },
  stalls: Record<string, Record<string, number>>,
) {
  const round = (value: number) => Math.round(value * 100) / 100;
  const metrics = [50, 99].map((p) => {
    const value = round(percentile(endToEnd, p));
    const baseline = round(percentile(lookup, p));
    return {
      metric: `invite-to-screen-pop-p${p}`,
      value,
      unit: 'ms',
      baseline,
      ratio: round(value / baseline),
    };
  });
  const result = {
    name: 'cti',
    calls: endToEnd.length,
    customers: CUSTOMERS,
    syncLoad: {
      kind:
        SYNC_LOAD === 'worker'
          ? 'first sync of work orders through the load worker'
          : 'bulkWrites on main',
      ...(SYNC_LOAD === 'main' ? { pageSize: SYNC_PAGE, intervalMs: SYNC_INTERVAL_MS } : {}),
      // The server on these same cores, at this niceness (server-in-background.ts).
      ...(SYNC_LOAD === 'worker' ? { serverNiceness: SERVER_NICENESS } : {}),
      documentsWritten: sync.written,
      documentsPerSecond: Math.round(sync.perSecond),
    },
    baseline: 'findCustomersByPhone on the same replica, same run, same sync load',
    goal: `p99 <= ${GOAL_P99_MS} ms end to end while the sync load runs`,
    max: round(Math.max(...endToEnd)),
    // Where the slowest calls spent their time: the engine's leg or the core's.
    slowest: endToEnd
      .map((ms, call) => ({
        call,
        endToEnd: round(ms),
        engine: round(legs.engineLeg[call]!),
        core: round(legs.coreLeg[call]!),
      }))
      .sort((a, b) => b.endToEnd - a.endToEnd)
      .slice(0, 5),
    mainThread: Object.fromEntries(
      Object.entries(stalls).map(([name, figures]) => [
        name,
        Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, round(value)])),
      ]),
    ),
    breakdown: Object.fromEntries(
      Object.entries({
        'invite-to-cti-offered': legs.engineLeg,
        'cti-offered-to-screen-pop': legs.coreLeg,
      }).map(([name, values]) => [
        name,
        { p50: round(percentile(values, 50)), p99: round(percentile(values, 99)) },
      ]),
    ),
    metrics,
  };
  mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench-results', 'cti.json'), JSON.stringify(result, null, 2));
  console.log(
    `cti benchmark: ${endToEnd.length} calls under load, ${CUSTOMERS} customers, sync load ` +
      `${Math.round(sync.perSecond)} documents/s (${result.syncLoad.kind})`,
  );
  console.log('metric                        end-to-end ms  look-up ms  ratio');
  for (const m of metrics) {
    console.log(
      `${m.metric.padEnd(30)}${String(m.value).padStart(13)}${String(m.baseline).padStart(12)}${String(m.ratio).padStart(7)}`,
    );
  }
  for (const [name, figures] of Object.entries(result.breakdown)) {
    console.log(`  ${name.padEnd(28)} p50 ${figures.p50} ms, p99 ${figures.p99} ms`);
  }
  console.log(
    `  slowest calls (engine + core ms): ${result.slowest
      .map((call) => `${call.endToEnd} (${call.engine} + ${call.core})`)
      .join(', ')}`,
  );
  const p99 = metrics[1]!.value;
  console.log(
    `goal p99 <= ${GOAL_P99_MS} ms: ${p99 <= GOAL_P99_MS ? 'met' : 'NOT met'} (${p99} ms)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
