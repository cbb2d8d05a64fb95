/**
 * The sync load worker: fills collections that are empty in the replica with RxDB's own
 * replication, pull only, on a better-sqlite3 connection of its own, so that the agent core's
 * event loop stays free while tens of thousands of documents arrive (decision 0024). Started by
 * initial-load.ts; it runs only inside a worker thread.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { RxDBAttachmentsPlugin } from 'rxdb/plugins/attachments';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { REPLICA_COLLECTIONS } from '../../../src-shared/rxdb/collections';
import { deepEqual } from '../../../src-shared/sync/three-way-merge';
import {
  MAX_PULL_LIMIT,
  type SyncCheckpoint,
  type SyncCollection,
} from '../../../src-shared/sync/protocol';
import { deferKeyIndexes } from '../../replica/storage/deferred-indexes';
import { KEPT_DURING_LOAD } from './kept-indexes';
import { getRxStorageSqlite } from '../../replica/storage/sqlite-storage';
import type { SqliteInternals } from '../../replica/storage/sqlite-storage-instance';
import { pullMarks } from '../../replica/pull-marks';
import { validatedStorage } from '../../replica/validated-storage';
import { yieldingWrites } from '../../replica/yielding-writes';
import { lowerThisThreadsPriority } from './background-priority';
import { fillMissingAttachments } from '../attachment-transfer';
import { createSyncApi } from '../server-api';
import { keepPullMarks } from '../pulled-states';
import { replicationIdentifier } from '../replication-identifier';
import {
  announcedParts,
  LOAD_WORKER_UPSTREAM_CHECKPOINT,
  type FromLoadWorker,
  type LoadWorkerData,
  type ToLoadWorker,
} from './load-protocol';

type Port = NonNullable<typeof parentPort>;

function tokenSource(port: Port): () => Promise<string> {
  let next = 0;
  const waiting = new Map<number, { resolve: (t: string) => void; reject: (e: Error) => void }>();
  port.on('message', (message: ToLoadWorker) => {
    if (message.type !== 'token' && message.type !== 'token-failed') return;
    const request = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.type === 'token') request?.resolve(message.token);
    else request?.reject(new Error(message.message));
  });
  // Main owns the tokens (and refreshes them); the worker asks for one per request.
  return () =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      send(port, { type: 'token', id });
    });
}

function send(port: Port, message: FromLoadWorker): void {
  port.postMessage(message);
}

async function openDatabase(data: LoadWorkerData): Promise<RxDatabase> {
  addRxPlugin(RxDBMigrationSchemaPlugin);
  addRxPlugin(RxDBAttachmentsPlugin);
  const storage = getRxStorageSqlite({
    directory: '.',
    filename: () => data.file,
    // FULL, as main: with NORMAL, main's next commit fsynced every frame the worker had
    // written since, on main's thread. Large transactions keep the worker's own fsyncs few.
    // See decision 0024.
    synchronous: 'FULL',
  });
  const db = await createRxDatabase({
    name: data.databaseName,
    storage: yieldingWrites(validatedStorage(pullMarks(storage)), data.writeSlice),
    multiInstance: false,
    eventReduce: false,
  });
  const specs = Object.fromEntries(
    data.collections.map((name) => [
      name,
      {
        ...REPLICA_COLLECTIONS[name],
        // A pull never resolves conflicts; RxDB only compares the fork with the master state.
        conflictHandler: {
          isEqual: (a: unknown, b: unknown) => deepEqual(a, b),
          resolve: (input: { realMasterState: unknown }) => input.realMasterState,
        },
      },
    ]),
  );
  await db.addCollections(specs as never);
  return db;
}

/**
 * The push of a loading replication, present only so that RxDB stores the assumed master
 * states. It never runs, and never moves its checkpoint: the upstream starts past every write
 * (a checkpoint in the far future, so its first scan finds nothing), and its handling of later
 * writes waits forever (RxDB would otherwise move the checkpoint along this worker's own
 * pulled writes, past main's local writes it never sees). Main pushes main's writes, and
 * removes that checkpoint, known by its value, before its own replication starts, even after
 * a load that was killed (upstream-checkpoint.ts).
 */
const NEVER_PUSH = {
  initialCheckpoint: LOAD_WORKER_UPSTREAM_CHECKPOINT,
  waitBeforePersist: () => new Promise<void>(() => {}),
  handler(): Promise<never[]> {
    return Promise.reject(new Error('the load worker never pushes'));
  },
};

async function load(
  port: Port,
  db: RxDatabase,
  name: SyncCollection,
  data: LoadWorkerData,
  api: ReturnType<typeof createSyncApi>,
): Promise<void> {
  const collection = db.collections[name] as RxCollection<unknown>;
  const internals = collection.storageInstance.internals as SqliteInternals;
  // Main checked that it is empty: the indexes are built once it is full.
  const deferred = deferKeyIndexes(
    internals,
    collection.schema.jsonSchema as never,
    KEPT_DURING_LOAD[name],
  );
  let documents = 0;
  const written = collection.storageInstance.changeStream().subscribe((bulk) => {
    documents += bulk.events.length;
    for (const part of announcedParts(bulk, data.announceChunk)) {
      send(port, { type: 'writes', collection: name, bulk: part as never });
    }
  });
  const identifier = replicationIdentifier(name, data.serverUrl);
  await keepPullMarks(collection, identifier);
  const replication = replicateRxCollection<unknown, SyncCheckpoint>({
    collection,
    // The same identifier as main's replication: the same meta rows and checkpoint.
    replicationIdentifier: identifier,
    live: false,
    autoStart: true,
    waitForLeadership: false,
    // A failed page ends the load (main's replication goes on from the last checkpoint);
    // RxDB's own retry is never waited for.
    retryTime: 60_000,
    // As main's replication of it: RxDB keeps assumed master states only where it pushes.
    ...(data.pushed.includes(name) ? { push: NEVER_PUSH } : {}),
    pull: {
      batchSize: MAX_PULL_LIMIT,
      async handler(checkpoint, batchSize) {
        const page = await api.pull(name, checkpoint, batchSize);
        const withBytes = collection.schema.jsonSchema.attachments
          ? await fillMissingAttachments(collection, page.documents, api.attachment)
          : page.documents;
        return { documents: withBytes as never[], checkpoint: page.checkpoint ?? checkpoint };
      },
    },
  });
  try {
    const failed = new Promise<never>((_, reject) => {
      replication.error$.subscribe((error) => {
        const cause = (error as { parameters?: { errors?: unknown } }).parameters?.errors;
        reject(Array.isArray(cause) && cause[0] instanceof Error ? cause[0] : error);
      });
    });
    // In sync, not only "initial replication done": the last page's meta rows are written too.
    await Promise.race([replication.awaitInSync(), failed]);
    await replication.cancel();
    await deferred.build();
    // Folded here, off main: else main's next commit would fold the whole load's WAL.
    internals.conn.db.pragma('wal_checkpoint(PASSIVE)');
    send(port, { type: 'loaded', collection: name, documents });
  } finally {
    written.unsubscribe();
    // A failed load leaves what it wrote for main's replication, which needs the indexes.
    await deferred.build();
  }
}

async function run(port: Port, data: LoadWorkerData): Promise<void> {
  const getToken = tokenSource(port);
  const api = createSyncApi(data.serverUrl, getToken, data.requestTimeoutMs);
  let stopped = false;
  const done = new Set<SyncCollection>();
  port.on('message', (message: ToLoadWorker) => {
    if (message.type === 'stop') stopped = true;
  });
  try {
    const db = await openDatabase(data);
    // One collection at a time: they share the file's single write lock anyway.
    for (const name of data.collections) {
      if (stopped) break;
      await load(port, db, name, data, api);
      done.add(name);
    }
    await db.close();
  } catch (error) {
    // Every write so far is committed with its checkpoint; main's replication takes over
    // from there. RxDB may be waiting to retry: main ends this thread rather than close it.
    const message = error instanceof Error ? error.message : String(error);
    for (const name of data.collections) {
      if (!done.has(name)) send(port, { type: 'failed', collection: name, message });
    }
  }
  send(port, { type: 'closed' });
}

if (!isMainThread && parentPort) {
  const data = workerData as LoadWorkerData;
  if (data?.kind === 'switchboard-initial-load') {
    const port = parentPort;
    lowerThisThreadsPriority();
    void run(port, data);
  }
}
