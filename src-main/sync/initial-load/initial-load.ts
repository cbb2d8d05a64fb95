import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  now,
  type EventBulk,
  type RxCollection,
  type RxStorageChangeEvent,
  type RxStorageDefaultCheckpoint,
} from 'rxdb';
import type { SyncCollection } from '../../../src-shared/sync/protocol';
import type { ReplicaDatabase } from '../../replica/open-replica';
import {
  announceWrites,
  createTablesNow,
  type SqliteInternals,
} from '../../replica/storage/sqlite-storage-instance';
import { FromLoadWorkerSchema, type LoadWorkerData, type ToLoadWorker } from './load-protocol';

/**
 * Documents per write transaction in the worker. Every commit rewrites the leaf pages its
 * documents touched in each of a collection's indexes (nine for customers, with random keys),
 * so fewer, larger commits write far fewer pages. But a local write of the agent core waits
 * for the worker's current transaction (SQLite has one writer per file), so it stays bounded.
 */
export const LOAD_WRITE_SLICE = 1000;
/** Documents per message to main: main deserialises a message in one go. */
export const LOAD_ANNOUNCE_CHUNK = 250;

export type InitialLoadOptions = {
  database: ReplicaDatabase;
  serverUrl: string;
  getAccessToken: () => Promise<string>;
  /** The collections that may be loaded; only those empty in the replica are. */
  collections: readonly SyncCollection[];
  /** Those that main's replication pushes (the default: all). */
  pushed?: readonly SyncCollection[];
  requestTimeoutMs?: number;
  /** The worker's module (default: beside this module, or the build's sync-load-worker.js). */
  workerUrl?: URL;
  onError?: (message: string) => void;
};

export type InitialLoad = {
  /**
   * Resolves when the worker has ended, with each collection it loaded completely and the
   * checkpoint from which main's replication must push: the first local write made during the
   * load, or the load's end. Everything before that checkpoint is the server's own state.
   */
  readonly done: Promise<Map<SyncCollection, RxStorageDefaultCheckpoint>>;
  /** Ends the load early (sign-out); what was written stays, with its checkpoint. */
  stop(): Promise<void>;
};

type AnyCollection = RxCollection<unknown>;
type Bulk = EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>;

function sqliteInternals(collection: AnyCollection): SqliteInternals | undefined {
  const internals = collection.storageInstance.internals as Partial<SqliteInternals> | undefined;
  const filename = internals?.conn?.filename;
  // An in-memory replica cannot be shared with another thread.
  if (!filename || filename === ':memory:' || !internals.tableName) return undefined;
  return internals as SqliteInternals;
}

async function isEmpty(collection: AnyCollection): Promise<boolean> {
  const changed = await collection.storageInstance.getChangedDocumentsSince!(1);
  return changed.documents.length === 0;
}

function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./load-worker.ts', here);
  // Built: the worker is its own entry beside the main bundles (electron.vite.config.ts);
  // this code may sit in a shared chunk one folder down.
  for (const candidate of ['./sync-load-worker.js', '../sync-load-worker.js']) {
    const url = new URL(candidate, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error('sync: the load worker (sync-load-worker.js) is missing from the build');
}

function spawnWorker(url: URL, data: LoadWorkerData): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: data });
  // From sources (tests, tsx): the worker registers tsx itself before importing its module.
  const bootstrap =
    `import('tsx/esm/api').then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}

const nothingLoaded = (): InitialLoad => ({
  done: Promise.resolve(new Map()),
  stop: async () => {},
});

/**
 * Fills the replica's empty collections from the server in a worker thread (load-worker.ts),
 * before main's replication starts; see decision 0024. Rows the worker commits are announced
 * here on the collections' change streams. Local writes made meanwhile are noted, so that the
 * replication that follows still pushes them.
 */
export async function startInitialLoad(options: InitialLoadOptions): Promise<InitialLoad> {
  const targets: { name: SyncCollection; internals: SqliteInternals }[] = [];
  const firstLocalWrite = new Map<SyncCollection, number>();
  const announced = new WeakSet<object>();
  const subscriptions: { unsubscribe(): void }[] = [];
  for (const name of options.collections) {
    const collection = options.database.collections[name] as unknown as AnyCollection;
    const internals = sqliteInternals(collection);
    if (!internals) continue;
    // Watching before the emptiness check: no local write can slip between the two.
    subscriptions.push(
      collection.storageInstance.changeStream().subscribe((bulk) => {
        if (announced.has(bulk) || firstLocalWrite.has(name)) return;
        const lwts = bulk.events.map(
          (e) => (e.documentData as { _meta: { lwt: number } })._meta.lwt,
        );
        firstLocalWrite.set(name, Math.min(...lwts));
      }),
    );
    if (await isEmpty(collection)) targets.push({ name, internals });
  }
  // Here, before the worker takes the indexes off (decision 0026), not at the first write.
  for (const target of targets) createTablesNow(target.internals);
  if (targets.length === 0) {
    for (const s of subscriptions) s.unsubscribe();
    return nothingLoaded();
  }
  // Each of the worker's commits makes SQLite drop main's whole page cache at main's next
  // read. The first such read would free all of it: at 1,000,000 customers a 64 MiB cache,
  // 150-270 ms inside a screen pop's look-up (bench:cti, perf: pcache1TruncateUnsafe and
  // free). Freed here instead, at the load's start; the cache is of no use while it runs.
  const mainDb = targets[0]!.internals.conn.db;
  mainDb.pragma('shrink_memory');

  const worker = spawnWorker(options.workerUrl ?? defaultWorkerUrl(), {
    kind: 'switchboard-initial-load',
    file: targets[0]!.internals.conn.filename,
    databaseName: options.database.name,
    collections: targets.map((t) => t.name),
    pushed: [...(options.pushed ?? options.collections)],
    serverUrl: options.serverUrl,
    writeSlice: LOAD_WRITE_SLICE,
    announceChunk: LOAD_ANNOUNCE_CHUNK,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  });
  const internalsOf = new Map(targets.map((t) => [t.name, t.internals]));
  const loaded = new Set<SyncCollection>();
  // A commit on main would fold the worker's WAL (up to 1,000 pages, 8 MiB) on main's
  // thread: while the worker runs, it alone folds.
  const mainAutocheckpoint = mainDb.pragma('wal_autocheckpoint', { simple: true }) as number;
  mainDb.pragma('wal_autocheckpoint = 0');
  const reply = (message: ToLoadWorker) => worker.postMessage(message);
  const fail = (message: string) => options.onError?.(`initial load: ${message}`);

  const done = new Promise<Map<SyncCollection, RxStorageDefaultCheckpoint>>((resolve) => {
    let ended = false;
    // After a message that fits nothing, nothing more of this worker is believed.
    let distrusted = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (mainDb.open) mainDb.pragma(`wal_autocheckpoint = ${mainAutocheckpoint}`);
      for (const s of subscriptions) s.unsubscribe();
      const endedAt = now();
      const checkpoints = new Map<SyncCollection, RxStorageDefaultCheckpoint>();
      for (const name of loaded) {
        const lwt = Math.min(firstLocalWrite.get(name) ?? endedAt, endedAt);
        checkpoints.set(name, { id: '', lwt });
      }
      resolve(checkpoints);
    };
    worker.on('message', (raw: unknown) => {
      if (distrusted) return;
      const parsed = FromLoadWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        distrusted = true;
        loaded.clear();
        fail(`a message of the worker did not fit: ${parsed.error.issues[0]?.message ?? ''}`);
        void worker.terminate();
        return;
      }
      const message = parsed.data;
      if (message.type === 'token') {
        options.getAccessToken().then(
          (token) => reply({ type: 'token', id: message.id, token }),
          (error: unknown) =>
            reply({ type: 'token-failed', id: message.id, message: String(error) }),
        );
      } else if (message.type === 'writes') {
        const internals = internalsOf.get(message.collection);
        if (!internals) return;
        const bulk = message.bulk as unknown as Bulk;
        announced.add(bulk);
        announceWrites(internals, bulk);
      } else if (message.type === 'loaded') {
        loaded.add(message.collection);
      } else if (message.type === 'failed') {
        loaded.delete(message.collection);
        fail(`${message.collection}: ${message.message}`);
      } else {
        // 'closed': its database is closed and every message before this one is handled.
        void worker.terminate();
      }
    });
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', end);
  });

  return {
    done,
    async stop() {
      reply({ type: 'stop' });
      await worker.terminate();
      await done;
    },
  };
}
