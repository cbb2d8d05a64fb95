import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConflictDoc } from '../../../../src-shared/rxdb/conflicts';
import type { WorkOrderDoc } from '../../../../src-shared/rxdb/work-orders';
import type {
  PullResponse,
  SyncCheckpoint,
  WireDocument,
} from '../../../../src-shared/sync/protocol';
import { startTcpProxy, type TcpProxy } from '../../../../src-main/sync/tcp-proxy';
import { FAULT_CLIENT_SCRIPT, FAULT_SERVER_SCRIPT, startChild, type Child } from './child-process';
import { checkInvariants, type ClientName, type Write } from './fault-invariants';

/**
 * One fault run: the real server (its own process, real PostgreSQL) and two agents' replicas
 * (each its own process running startSync on a replica file, each behind its own TCP proxy)
 * edit the same few work orders while the run injects faults: delayed and reset connections,
 * cut links, a client SIGKILLed in mid-push, the server SIGKILLed in mid-pull and restarted.
 * Then the faults stop, everything syncs, and the run checks:
 *
 *  - convergence: both replicas hold exactly the server's work orders;
 *  - history notes (append-only): every acknowledged note is on the server exactly once;
 *  - description (both clients edit it): every acknowledged value is the final one, or was
 *    seen and overwritten by a later edit, or is kept in its writer's conflict records;
 *  - priority (only client A edits it): the final value is A's last acknowledged one;
 *  - conflict records only where both sides changed the same field: each names description,
 *    a value of its own client as local and a value of the other client that did not see it.
 *
 * The schedule comes from the seed; network timing does not, so a failure replays the same
 * operations and faults, not necessarily the same interleaving.
 */
export interface FaultRunOptions {
  seed: number;
  /** Steps of the schedule (edits and faults). */
  operations: number;
  /** An existing database (the runs of one test file or soak share it). */
  databaseUrl: string;
  /** How many work orders both clients edit. */
  contended?: number;
  log?: (line: string) => void;
}

export interface FaultRunReport {
  seed: number;
  operations: number;
  edits: { sent: number; acknowledged: number };
  faults: {
    delayWindows: number;
    connectionResets: number;
    linkCuts: number;
    connectionDrops: number;
    clientKillsMidPush: number;
    serverRestartsMidPull: number;
  };
  converged: boolean;
  /**
   * Conflict records found. fault-invariants.ts allows one only where both clients changed the
   * description concurrently: not where the other client had seen the local value (a push
   * applied, its answer lost, then overwritten; decision 0023 has the server say so), and not
   * the client's own older value come back (decision 0020).
   */
  conflictRecords: number;
  /**
   * Kept for the soak report (scripts/soak-sync.ts); always 0. It counted records of a push
   * applied, its answer lost, then overwritten knowingly: since decision 0023 the server says
   * the push was applied and the client records nothing, and the invariant above reports such
   * a record as a violation.
   */
  recordsAfterLostAcknowledgement: number;
  violations: string[];
}

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const USERNAMES: Record<ClientName, string> = { A: 'agent', B: 'agent2' };

export async function startServer(databaseUrl: string) {
  const child = await startChild(FAULT_SERVER_SCRIPT, { FAULT_DATABASE_URL: databaseUrl });
  const url = child.ready['url'] as string;
  return { child, url, port: Number(new URL(url).port) };
}

export async function pullAll(
  url: string,
  token: string,
  collection: string,
): Promise<WireDocument[]> {
  const byId = new Map<string, WireDocument>();
  let checkpoint: SyncCheckpoint | null = null;
  for (;;) {
    const query = checkpoint ? `&serverSeq=${checkpoint.serverSeq}&id=${checkpoint.id}` : '';
    const response = await fetch(`${url}/api/sync/${collection}/pull?limit=500${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`pull ${response.status}`);
    const page = (await response.json()) as PullResponse;
    if (page.documents.length === 0) return [...byId.values()];
    for (const doc of page.documents) byId.set(doc.id, doc);
    checkpoint = page.checkpoint;
  }
}

export async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', username, password: 'switchboard-demo' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A document as both sides hold it, without storage bookkeeping. */
function comparable(doc: Record<string, unknown>): string {
  const { _deleted: _d, _rev: _r, _meta: _m, _attachments: _a, ...rest } = doc;
  return JSON.stringify(rest, Object.keys(rest).sort());
}

export async function runFaultScenario(options: FaultRunOptions): Promise<FaultRunReport> {
  const random = seededRandom(options.seed);
  const log = options.log ?? (() => {});
  const debug = process.env['SYNC_FAULT_DEBUG'] ? log : () => {};
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const tag = `s${options.seed}`;
  const report: FaultRunReport = {
    seed: options.seed,
    operations: options.operations,
    edits: { sent: 0, acknowledged: 0 },
    faults: {
      delayWindows: 0,
      connectionResets: 0,
      linkCuts: 0,
      connectionDrops: 0,
      clientKillsMidPush: 0,
      serverRestartsMidPull: 0,
    },
    converged: false,
    conflictRecords: 0,
    recordsAfterLostAcknowledgement: 0,
    violations: [],
  };
  const dirs: Record<ClientName, string> = {
    A: mkdtempSync(join(tmpdir(), 'sb-fault-A-')),
    B: mkdtempSync(join(tmpdir(), 'sb-fault-B-')),
  };
  let server = await startServer(options.databaseUrl);
  let serverRestart: Promise<void> | undefined;
  let restarting = false;
  const clients = {} as Record<ClientName, Child | undefined>;
  const restarts = {} as Record<ClientName, Promise<void> | undefined>;
  const proxies = {} as Record<ClientName, TcpProxy>;
  const armed = { killClient: undefined as ClientName | undefined, restartServer: false };

  const spawnClient = async (name: ClientName) => {
    clients[name] = await startChild(FAULT_CLIENT_SCRIPT, {
      FAULT_SERVER_URL: proxies[name].url,
      FAULT_USERNAME: USERNAMES[name],
      FAULT_DATA_DIR: dirs[name],
    });
  };
  const restartServerSoon = () => {
    const old = server;
    restarting = true;
    serverRestart = (async () => {
      await old.child.kill('SIGKILL');
      await sleep(100 + random() * 400);
      server = await startServer(options.databaseUrl);
      for (const proxy of Object.values(proxies)) proxy.setTarget(server.port);
      restarting = false;
    })();
  };
  /** Acts on request lines: the armed kills happen while a push or a pull is in flight. */
  const watch = (name: ClientName) => (chunk: Buffer) => {
    const head = chunk.subarray(0, 64).toString('latin1');
    if (armed.killClient === name) debug(`run ${tag}: ${name} sends ${head.slice(0, 40)}`);
    if (armed.killClient === name && /^POST \/api\/sync\/\w+\/push/.test(head)) {
      armed.killClient = undefined;
      report.faults.clientKillsMidPush++;
      debug(`run ${tag}: killing ${name} in mid-push`);
      const victim = clients[name]!;
      restarts[name] = (async () => {
        await sleep(random() * 25);
        await victim.kill('SIGKILL');
        clients[name] = undefined;
        await sleep(50 + random() * 300);
        await spawnClient(name);
      })();
    }
    if (armed.restartServer && /^GET \/api\/sync\/\w+\/pull/.test(head)) {
      armed.restartServer = false;
      report.faults.serverRestartsMidPull++;
      setTimeout(restartServerSoon, random() * 15);
    }
  };

  const writes: Write[] = [];
  try {
    for (const name of ['A', 'B'] as const) {
      proxies[name] = await startTcpProxy(server.port, { random, onClientData: watch(name) });
    }
    await Promise.all((['A', 'B'] as const).map(spawnClient));
    await Promise.all(
      (['A', 'B'] as const).map((n) => clients[n]!.request({ op: 'sync' }, 60_000)),
    );
    const supervisor = await login(server.url, 'supervisor');
    const live = (await pullAll(server.url, supervisor, 'work_orders')).filter((d) => !d._deleted);
    const contended = [...live]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .filter(() => random() < 0.5)
      .slice(0, options.contended ?? 3);
    if (contended.length === 0) contended.push(live[0]!);
    debug(`run ${tag}: clients synced, contended ${contended.map((d) => d.id).join(' ')}`);
    const initialPriority = new Map(contended.map((d) => [d.id, d['priority'] as number]));

    const edit = async (name: ClientName, seq: number, only?: Write['field']) => {
      // A killed client's user edits again once the app is back.
      if (!clients[name]) await restarts[name];
      const client = clients[name];
      if (!client) return;
      const order = pick(contended);
      const kind = random();
      const field: Write['field'] =
        only ?? (kind < 0.4 ? 'description' : kind < 0.8 || name === 'B' ? 'note' : 'priority');
      const value = field === 'priority' ? 1 + Math.floor(random() * 4) : `${tag}-${name}${seq}`;
      const write: Write = { client: name, workOrderId: order.id, field, value, seq, acked: false };
      writes.push(write);
      report.edits.sent++;
      try {
        const answer = await client.request(
          { op: 'edit', workOrderId: order.id, [field]: value },
          10_000,
        );
        write.acked = true;
        write.base = answer['base'] as string;
        report.edits.acknowledged++;
      } catch {
        // The client was killed with this edit in flight: it may or may not have committed.
      }
    };
    const forcedKill = Math.floor(options.operations / 3);
    const forcedRestart = Math.floor((2 * options.operations) / 3);
    for (let seq = 0; seq < options.operations; seq++) {
      let roll = random();
      const name: ClientName = random() < 0.5 ? 'A' : 'B';
      // Every run has at least one of each process fault; an edit follows to set it off.
      if (seq === forcedKill && clients[name] && !armed.killClient) {
        armed.killClient = name;
        debug(`run ${tag}: kill of ${name} armed at ${seq}`);
      }
      if (seq === forcedRestart && !restarting && !armed.restartServer) {
        armed.restartServer = true;
        proxies[name].dropConnections();
      }
      if (seq === forcedKill || seq === forcedRestart) roll = 0;
      if (roll < 0.68) {
        await edit(name, seq);
      } else if (roll < 0.76) {
        proxies[name].setFaults({ maxDelayMs: 5 + random() * 60, resetRate: random() * 0.05 });
        report.faults.delayWindows++;
      } else if (roll < 0.8) {
        proxies[name].setFaults({});
      } else if (roll < 0.85) {
        report.faults.linkCuts++;
        await proxies[name].cut();
        await sleep(random() * 400);
        await proxies[name].restore();
      } else if (roll < 0.9) {
        report.faults.connectionDrops++;
        proxies[name].dropConnections();
      } else if (roll < 0.95) {
        if (clients[name] && !armed.killClient) armed.killClient = name;
      } else if (!armed.restartServer && !restarting) {
        armed.restartServer = true;
        // The stream reconnects and the RESYNC pull comes: the restart lands in it.
        proxies[name].dropConnections();
      }
      await sleep(random() * 30);
    }

    // An armed kill waits for a push: edit on that client until it comes.
    for (let i = 0; i < 10 && armed.killClient; i++) {
      await edit(armed.killClient, options.operations + i, 'note');
      await sleep(200);
    }
    // An armed restart waits for a pull: provoke one (the stream's RESYNC) until it comes.
    for (let i = 0; i < 20 && armed.restartServer; i++) {
      proxies[i % 2 ? 'A' : 'B'].dropConnections();
      await sleep(250);
    }
    debug(`run ${tag}: schedule done, faults ${JSON.stringify(report.faults)}`);
    // Quiesce: no more faults, everyone up, sync until all three agree.
    armed.killClient = undefined;
    armed.restartServer = false;
    for (const proxy of Object.values(proxies)) {
      proxy.setFaults({});
      await proxy.restore().catch(() => {});
    }
    await serverRestart;
    await Promise.all(Object.values(restarts));
    debug(`run ${tag}: quiet`);
    report.faults.connectionResets = proxies.A.stats.resets + proxies.B.stats.resets;
    const token = await login(server.url, 'supervisor');
    let state:
      | {
          server: WireDocument[];
          A: WorkOrderDoc[];
          B: WorkOrderDoc[];
          conflicts: Record<ClientName, ConflictDoc[]>;
        }
      | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const dumps = await Promise.all(
        (['A', 'B'] as const).map(async (n) => {
          await clients[n]!.request({ op: 'sync' }, 30_000);
          return clients[n]!.request({ op: 'dump' }, 30_000);
        }),
      );
      const onServer = (await pullAll(server.url, token, 'work_orders')).filter((d) => !d._deleted);
      state = {
        server: onServer,
        A: dumps[0]!['workOrders'] as WorkOrderDoc[],
        B: dumps[1]!['workOrders'] as WorkOrderDoc[],
        conflicts: {
          A: dumps[0]!['conflicts'] as ConflictDoc[],
          B: dumps[1]!['conflicts'] as ConflictDoc[],
        },
      };
      debug(`run ${tag}: sync round read`);
      const expected = state.server.map(comparable).sort().join('\n');
      const a = state.A.map((d) => comparable(d))
        .sort()
        .join('\n');
      const b = state.B.map((d) => comparable(d))
        .sort()
        .join('\n');
      if (a === expected && b === expected) {
        report.converged = true;
        break;
      }
      await sleep(300);
    }
    if (!state) throw new Error('no state read');
    if (!report.converged)
      report.violations.push('replicas and server did not converge within 60 s');
    checkInvariants(report, writes, state.server, state.conflicts, initialPriority);
    log(
      `fault run seed=${options.seed}: ${report.edits.acknowledged}/${report.edits.sent} edits acknowledged, ` +
        `faults ${JSON.stringify(report.faults)}, converged=${report.converged}, ` +
        `conflict records=${report.conflictRecords}, ` +
        `violations=${report.violations.length}`,
    );
    return report;
  } finally {
    await Promise.all(Object.values(restarts)).catch(() => {});
    for (const name of ['A', 'B'] as const) {
      const client = clients[name];
      if (client?.alive) await client.request({ op: 'stop' }, 10_000).catch(() => client.kill());
      await client?.kill();
    }
    for (const proxy of Object.values(proxies)) await proxy.close().catch(() => {});
    await serverRestart?.catch(() => {});
    await server.child.kill('SIGTERM');
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
}
