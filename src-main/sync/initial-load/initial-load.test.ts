import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRevision, type RxCollection } from 'rxdb';
import { firstValueFrom, filter } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, WireDocument } from '../../../src-shared/sync/protocol';
import { openReplica, type ReplicaDatabase } from '../../replica/open-replica';
import { startServerProcess } from '../server-process';
import { replicationIdentifier } from '../replication-identifier';
import { openReplicationMeta } from '../replication-meta';
import { startSync, type SyncHandle, type SyncStatus } from '../start-sync';
import { startInitialLoad } from './initial-load';

const fixture = (name: string) =>
  new URL(`../../../test/fixtures/load-workers/${name}`, import.meta.url);

const WRITTEN_DURING_LOAD = '6f1c2a80-0000-4000-8000-00000000a001';

type Row = { id: string; data: string };

/** Every row of the replica's tables (documents and RxDB's replication state), lwt aside. */
function tableRows(file: string): Map<string, Map<string, unknown>> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rx_%'`)
      .pluck()
      .all() as string[];
    const byTable = new Map<string, Map<string, unknown>>();
    for (const table of tables.filter((t) => !t.endsWith('__att'))) {
      const rows = db.prepare(`SELECT id, data FROM "${table}"`).all() as Row[];
      byTable.set(
        table,
        new Map(
          rows.map((row) => {
            const { _meta: _lwt, ...data } = JSON.parse(row.data) as Record<string, unknown>;
            return [row.id, data];
          }),
        ),
      );
    }
    return byTable;
  } finally {
    db.close();
  }
}

/** Every index of the replica's file, by name, with its definition. */
function indexDefinitions(file: string): [string, string][] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
      )
      .raw()
      .all() as [string, string][];
  } finally {
    db.close();
  }
}

/**
 * Rows as two replicas of the same server must agree on them: the upstream checkpoint is each
 * replica's own (it follows local writes), and a revision ends in the token of the RxDB
 * instance that wrote it, new at every open; its height must agree.
 */
function withoutOwnState(rows: Map<string, unknown>): Map<string, unknown> {
  return new Map(
    [...rows]
      .filter(([id]) => id !== 'up|1')
      .map(([id, row]) => {
        const { _rev, ...data } = row as { _rev: string };
        return [id, { ...data, revisionHeight: _rev.split('-')[0] }];
      }),
  );
}

describe('the sync load worker against a real server', { timeout: 120_000 }, () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let token: string;
  const dirs: string[] = [];
  const open: { db: ReplicaDatabase; sync?: SyncHandle }[] = [];

  async function replica(name: string, folder = name) {
    const dir = mkdtempSync(join(tmpdir(), `sb-load-${folder}-`));
    dirs.push(dir);
    const db = await openReplica({ dataDir: dir, name, devMode: false });
    const entry: { db: ReplicaDatabase; sync?: SyncHandle } = { db };
    open.push(entry);
    return { db, dir, file: join(dir, `${name}.sqlite`), entry };
  }

  async function serverIds(collection: string): Promise<Map<string, WireDocument>> {
    const docs = new Map<string, WireDocument>();
    let query = '';
    for (;;) {
      const response = await fetch(`${server.url}/api/sync/${collection}/pull?limit=500${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await response.json()) as PullResponse;
      if (page.documents.length === 0) return docs;
      for (const doc of page.documents) docs.set(doc.id, doc);
      query = `&serverSeq=${page.checkpoint!.serverSeq}&id=${page.checkpoint!.id}`;
    }
  }

  /** Syncs the replica with the fixture worker `name` as its load worker; the errors seen. */
  async function syncWithWorker(
    db: ReplicaDatabase,
    entry: { sync?: SyncHandle },
    name: string,
  ): Promise<string[]> {
    let status: SyncStatus | undefined;
    entry.sync = await startSync({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      initialLoad: { workerUrl: fixture(name) },
      onStatus: (s) => (status = s),
    });
    await entry.sync.awaitInSync();
    return status?.errors ?? [];
  }

  beforeAll(async () => {
    server = await startServerProcess();
    token = await server.login('agent');
  });
  // RxDB's open-source core allows 13 open collections per process: each test closes its own.
  afterEach(async () => {
    for (const { db, sync } of open.splice(0)) {
      await sync?.stop();
      await db.close();
    }
  });
  afterAll(async () => {
    await server?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes exactly the rows RxDB replication writes, and main then neither pulls nor pushes them again', async () => {
    // The same database name in two folders: RxDB derives revisions from it.
    const plain = await replica('same', 'plain');
    plain.entry.sync = await startSync({
      database: plain.db,
      serverUrl: server.url,
      getAccessToken: async () => token,
    });
    await plain.entry.sync.awaitInSync();
    await plain.entry.sync.stop();
    await plain.db.close();
    open.splice(open.indexOf(plain.entry), 1);

    const loaded = await replica('same', 'loaded');
    const liveCount = loaded.db.customers.count().$;
    let status: SyncStatus | undefined;
    loaded.entry.sync = await startSync({
      database: loaded.db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      initialLoad: true,
      onStatus: (s) => (status = s),
    });
    const customers = await serverIds('customers');
    // A live query of main sees the worker's rows: they were announced on the change stream.
    await firstValueFrom(liveCount.pipe(filter((count) => count === customers.size)));
    await loaded.entry.sync.awaitInSync();
    // Every loaded document has its assumed master state: nothing looks like a local change.
    expect(await loaded.entry.sync.unsynced('customers')).toEqual([]);
    expect(await loaded.entry.sync.unsynced('work_orders')).toEqual([]);
    expect(status?.errors).toEqual([]);
    await loaded.entry.sync.stop();
    loaded.entry.sync = undefined;

    const expected = tableRows(plain.file);
    const actual = tableRows(loaded.file);
    const replicated = (table: string) => table !== 'rx__rxdb_internal_v0';
    expect([...actual.keys()].filter(replicated).sort()).toEqual(
      [...expected.keys()].filter(replicated).sort(),
    );
    for (const [table, rows] of expected) {
      if (!replicated(table)) continue;
      expect(Object.fromEntries(withoutOwnState(actual.get(table)!)), table).toEqual(
        Object.fromEntries(withoutOwnState(rows)),
      );
    }
    expect(expected.get('rx_customers_v1')?.size).toBe(customers.size);
    // The indexes the worker took off for the load (decision 0026) are all back, as declared.
    const indexes = indexDefinitions(loaded.file);
    expect(indexes).toEqual(indexDefinitions(plain.file));
    expect(indexes.filter(([name]) => name.startsWith('rx_customers_v1__k_')).length).toBe(9);
    // Nothing went back to the server: its documents are as they were.
    expect(await serverIds('customers')).toEqual(customers);
  });

  it('notes a local write made during the load, so that the replication after it pushes it', async () => {
    const { db, entry } = await replica('local-write');
    const load = await startInitialLoad({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      collections: ['customers', 'work_orders'],
    });
    const mine = await db.customers.insert({
      id: WRITTEN_DURING_LOAD,
      name: '装载中新建',
      phones: ['+8613900001111'],
      emails: [],
      accountNumber: 'C09990001',
      vipTier: 'gold',
      tags: [],
      // Derived keys: the replica's pre-insert hook computes them.
      nameKey: '',
      pinyinKey: '',
      phoneRev0: '',
      phoneRev1: '',
      phoneRev2: '',
      phoneRev3: '',
      address: { city: '北京市', line1: '朝阳路 2 号' },
      serverSeq: 0,
      updatedAt: Date.now(),
    });
    const checkpoints = await load.done;
    expect([...checkpoints.keys()].sort()).toEqual(['customers', 'work_orders']);
    const lwt = (mine.toJSON(true) as { _meta: { lwt: number } })._meta.lwt;
    expect(checkpoints.get('customers')!.lwt).toBeLessThanOrEqual(lwt);
    expect(checkpoints.get('work_orders')!.lwt).toBeGreaterThan(0);

    entry.sync = await startSync({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      initialLoad: true,
    });
    await entry.sync.awaitInSync();
    expect((await serverIds('customers')).get(WRITTEN_DURING_LOAD)).toMatchObject({
      name: '装载中新建',
    });
  });

  it("pushes again after a load cut off before main could remove the worker's checkpoint", async () => {
    const { db, entry } = await replica('cut-off');
    const first = await startSync({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      initialLoad: true,
    });
    // Cut off (sign-out) once the worker is filling work orders: it has its replication state.
    await firstValueFrom(db.work_orders.count().$.pipe(filter((count) => count > 0)));
    await first.stop();
    // Edited while sync is not running: only the next start's scan of the replica can find it.
    const order = (await db.work_orders.find().exec())[0]!;
    await order.incrementalPatch({ description: 'edited after a cut-off load' });

    entry.sync = await startSync({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      initialLoad: true,
    });
    await entry.sync.awaitInSync();
    const onServer = (await serverIds('work_orders')).get(order.id) as unknown as {
      description: string;
    };
    expect(onServer.description).toBe('edited after a cut-off load');
  });

  it("repairs a stale assumed master even when the worker's checkpoint was left (a load cut off between RxDB's two pull writes)", async () => {
    const { db, entry } = await replica('cut-off-meta');
    const first = await startSync({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      initialLoad: true,
    });
    await firstValueFrom(db.work_orders.count().$.pipe(filter((count) => count > 0)));
    await first.stop();
    // As a kill between the pull's document write and its meta write leaves it: the order
    // holds the pulled state, its assumed master an older one (decision 0025).
    const order = (await db.work_orders.find().exec())[0]!;
    const collection = db.work_orders as unknown as RxCollection<unknown>;
    const identifier = replicationIdentifier('work_orders', server.url);
    const meta = await openReplicationMeta(collection, identifier);
    const rowId = meta.rowId('0', order.id);
    const assumedMaster = async () =>
      (await meta.instance.findDocumentsById([rowId], false))[0]?.docData as
        { description?: string } | undefined;
    try {
      const [row] = await meta.instance.findDocumentsById([rowId], false);
      const older = { ...row!, docData: { ...(row!.docData as object), description: 'older' } };
      const written = await meta.instance.bulkWrite(
        [{ previous: row, document: { ...older, _rev: createRevision(db.token, row) } }],
        'test',
      );
      expect(written.error).toEqual([]);
      expect((await assumedMaster())?.description).toBe('older');

      entry.sync = await startSync({
        database: db,
        serverUrl: server.url,
        getAccessToken: async () => token,
        initialLoad: true,
      });
      // Repaired before startSync returns, so before the app can edit over it.
      expect((await assumedMaster())?.description).toBe(order.description);
    } finally {
      await meta.close();
    }
  });

  it('loads through the built worker too (out/main/sync-load-worker.js, as Electron and the host run it)', async () => {
    const built = new URL('../../../out/main/sync-load-worker.js', import.meta.url);
    if (!existsSync(built)) throw new Error(`${built.pathname} is missing: run 'npm run build'`);
    const { db } = await replica('built');
    const errors: string[] = [];
    const load = await startInitialLoad({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      collections: ['customers', 'work_orders', 'reference'],
      pushed: ['customers', 'work_orders'],
      workerUrl: built,
      onError: (message) => errors.push(message),
    });
    const checkpoints = await load.done;
    expect([...checkpoints.keys()].sort()).toEqual(['customers', 'reference', 'work_orders']);
    expect(errors).toEqual([]);
    // No local write: the push starts after every loaded document, none taken for a local one.
    const newest = Math.max(
      ...(await db.customers.find().exec()).map((d) => d.toJSON(true)._meta.lwt),
    );
    expect(checkpoints.get('customers')!.lwt).toBeGreaterThan(newest);
    expect(await db.work_orders.count().exec()).toBe((await serverIds('work_orders')).size);
  });

  it('ends a load whose worker sends what fits no message, and RxDB pulls everything instead', async () => {
    const { db, entry } = await replica('garbage');
    // Its 'loaded' after the garbage is not believed: no collection counts as loaded.
    const load = await startInitialLoad({
      database: db,
      serverUrl: server.url,
      getAccessToken: async () => token,
      collections: ['customers'],
      workerUrl: fixture('garbage-worker.ts'),
    });
    expect([...(await load.done).keys()]).toEqual([]);
    const errors = await syncWithWorker(db, entry, 'garbage-worker.ts');
    expect(errors.some((e) => e.includes('did not fit'))).toBe(true);
    expect(await db.customers.count().exec()).toBe((await serverIds('customers')).size);
  });

  it('falls back to RxDB replication when the worker crashes', async () => {
    const { db, entry } = await replica('crashed');
    const errors = await syncWithWorker(db, entry, 'crashing-worker.ts');
    expect(errors.some((e) => e.includes('crashed on purpose'))).toBe(true);
    expect(await db.work_orders.count().exec()).toBe((await serverIds('work_orders')).size);
  });
});
