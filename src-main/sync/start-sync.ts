import { Subject } from 'rxjs';
import {
  getAssumedMasterState,
  prepareQuery,
  type RxCollection,
  type RxReplicationPullStreamItem,
  type RxReplicationWriteToMasterRow,
} from 'rxdb';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { CONFLICTS_COLLECTION, type ConflictDoc } from '../../src-shared/rxdb/conflicts';
import {
  MAX_PULL_LIMIT,
  MAX_PUSH_ROWS,
  READ_ONLY_COLLECTIONS,
  SYNC_COLLECTIONS,
  type PushRow,
  type SyncCheckpoint,
  type SyncCollection,
  type WireDocument,
} from '../../src-shared/sync/protocol';
import type { ReplicaDatabase } from '../replica/open-replica';
import { createConflictHandler } from './conflict-handler';
import { createPullPacer } from './pull-pacing';
import { keepPullMarks, repairPulledAssumedMasters, withoutPulledStates } from './pulled-states';
import { pushWithRefusals, type RefusalBook } from './refused-pushes';
import { encodeAttachmentsForPush, fillMissingAttachments } from './attachment-transfer';

/** Rows per work-order push: each may carry attachments of up to 2 MiB (decision 0018). */
const WORK_ORDER_PUSH_ROWS = 5;
import { createSyncApi } from './server-api';
import { replicationIdentifier } from './replication-identifier';
import { startInitialLoad, type InitialLoad } from './initial-load/initial-load';
import { forgetLoadWorkerCheckpoint } from './initial-load/upstream-checkpoint';
import { connectStream } from './stream-connection';
import { UnansweredPushes } from './unanswered-pushes';
import { openUnansweredPushStore } from './unanswered-push-store';

export interface SyncStatus {
  /** The live stream to the server is connected. */
  online: boolean;
  /** Epoch ms of the last successful pull or push; 0 before the first. */
  lastSyncAt: number;
  /** Local changes handed to a push that has not succeeded yet. */
  pendingPushes: number;
  /** The latest errors, newest last (at most 20). */
  errors: string[];
  /** Unresolved conflict records. */
  conflicts: number;
}

export interface StartSyncOptions {
  database: ReplicaDatabase;
  /** e.g. 'https://switchboard.example.com' */
  serverUrl: string;
  /** A valid access token (the caller refreshes it). */
  getAccessToken: () => Promise<string>;
  onStatus?: (status: SyncStatus) => void;
  /** Wait before RxDB retries a failed pull or push (default 5 s). */
  retryTimeMs?: number;
  /** A pull or push without an answer is abandoned (and retried) after this (default 30 s). */
  requestTimeoutMs?: number;
  /** Stream reconnect backoff (default 1 s doubling to 60 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Stream heartbeat: ping interval and the silence after which the link counts as dead. */
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  /**
   * A local deletion that only frees room on this desktop (a technician's closed order): it
   * is answered as accepted and never sent, and the server keeps the document.
   */
  isLocalOnlyDeletion?: (collection: SyncCollection, doc: WireDocument) => boolean;
  /** Collections this user only reads (beyond reference data): never pushed. */
  pullOnly?: readonly SyncCollection[];
  /**
   * Empty collections are first filled by the sync load worker, off the main thread
   * (initial-load/, decision 0024); RxDB's replication then starts where it stopped.
   */
  initialLoad?: boolean | { workerUrl?: URL };
}

export interface SyncHandle {
  stop(): Promise<void>;
  status(): SyncStatus;
  /** Resolves when every collection has pushed and pulled all it knows of. */
  awaitInSync(): Promise<void>;
  /** Pull and push again now (the user's "retry"), without waiting for the retry timer. */
  retryNow(): void;
  /**
   * Local documents of a collection whose state the server has not accepted yet, each with
   * the fields that differ from the last state the server agreed to.
   */
  unsynced(collection: SyncCollection): Promise<UnsyncedDocument[]>;
}

export type UnsyncedDocument = { id: string; fields: string[] };

const NOT_CONTENT = new Set(['_rev', '_meta', 'serverSeq', 'updatedAt']);

/** Fields of a local document that differ from the master state (all, when there is none). */
function changedSince(master: Record<string, unknown> | undefined, doc: Record<string, unknown>) {
  const stubs = (value: unknown) =>
    Object.fromEntries(
      Object.entries((value ?? {}) as Record<string, { digest?: string }>).map(([k, v]) => [
        k,
        v.digest,
      ]),
    );
  const fields = new Set([...Object.keys(doc), ...Object.keys(master ?? {})]);
  return [...fields].filter((field) => {
    if (NOT_CONTENT.has(field)) return false;
    if (!master) return true;
    if (field === '_attachments') return !deepEqual(stubs(master[field]), stubs(doc[field]));
    return !deepEqual(master[field], doc[field]);
  });
}

type ConflictsDatabase = { conflicts?: RxCollection<ConflictDoc> };
type StreamItem = RxReplicationPullStreamItem<unknown, SyncCheckpoint>;

/**
 * Reference data is pulled only: the server owns it and refuses pushes. So is what the user's
 * role may not write: a push of it could only be refused, and would leave a refusal record.
 */
function unlessReadOnly<T>(
  collection: SyncCollection,
  push: T,
  pullOnly: readonly SyncCollection[] = [],
): T | undefined {
  return READ_ONLY_COLLECTIONS.includes(collection) || pullOnly.includes(collection)
    ? undefined
    : push;
}

/** Replicates customers, work orders, interactions and (pull only) reference data. */
export async function startSync(options: StartSyncOptions): Promise<SyncHandle> {
  const { database } = options;
  // The conflict records live in the replica too (collection 'conflicts'); opened here when
  // the replica does not open it itself.
  const db = database as unknown as ConflictsDatabase & typeof database;
  if (!db.conflicts) await database.addCollections(CONFLICTS_COLLECTION);
  const conflicts = db.conflicts!;

  const status: SyncStatus = {
    online: false,
    lastSyncAt: 0,
    pendingPushes: 0,
    errors: [],
    conflicts: 0,
  };
  const pending = new Map<SyncCollection, number>();
  const report = () => options.onStatus?.({ ...status, errors: [...status.errors] });
  const update = (patch: Partial<SyncStatus>) => {
    Object.assign(status, patch);
    report();
  };
  const addError = (message: string) => update({ errors: [...status.errors, message].slice(-20) });
  const synced = () => update({ lastSyncAt: Date.now() });

  const api = createSyncApi(options.serverUrl, options.getAccessToken, options.requestTimeoutMs);
  const streams = new Map(SYNC_COLLECTIONS.map((c) => [c, new Subject<StreamItem>()]));
  const replications: RxReplicationState<unknown, SyncCheckpoint>[] = [];
  const replicationOf = new Map<SyncCollection, RxReplicationState<unknown, SyncCheckpoint>>();
  const refusals: RefusalBook = new Map();
  const unansweredStore = await openUnansweredPushStore(database);
  const withAttachmentsOf = new Map<
    SyncCollection,
    (documents: WireDocument[]) => Promise<WireDocument[]>
  >();
  // Stream items wait for their attachments' bytes, in arrival order per collection.
  const streamQueues = new Map<SyncCollection, Promise<void>>();

  const conflictSub = conflicts
    .count({ selector: { resolved: false } })
    .$.subscribe((count) => update({ conflicts: count }));

  const pushOptionsOf = new Map<SyncCollection, { initialCheckpoint: unknown }>();
  const loading = options.initialLoad !== undefined && options.initialLoad !== false;
  // A load worker's upstream checkpoint, left by a load cut off in this session or (killed) in
  // an earlier one, would keep main's replication from pushing: removed before it starts.
  const pushed = SYNC_COLLECTIONS.filter((c) => unlessReadOnly(c, true, options.pullOnly));
  /** Runs a repair of the replication state on each pushed collection; a failure is reported. */
  const repairEachPushed = async (
    repair: (collection: RxCollection<unknown>, identifier: string) => Promise<unknown>,
  ) => {
    for (const collection of pushed) {
      const rxCollection = database.collections[collection] as unknown as RxCollection<unknown>;
      await repair(rxCollection, replicationIdentifier(collection, options.serverUrl)).catch(
        (error: unknown) => addError(`${collection}: ${String(error)}`),
      );
    }
  };
  const forgetLoadWorkerCheckpoints = () => repairEachPushed(forgetLoadWorkerCheckpoint);
  // Before the repair below, with or without a load now: that checkpoint is past every write,
  // and the repair, which reads from the upstream checkpoint on, would find nothing to repair.
  await forgetLoadWorkerCheckpoints();
  // A kill between RxDB's two pull writes left a stale assumed master: repaired before any
  // edit can be pushed over it (decision 0025).
  await repairEachPushed(repairPulledAssumedMasters);
  for (const collection of SYNC_COLLECTIONS) {
    const setPending = (count: number) => {
      pending.set(collection, count);
      update({ pendingPushes: [...pending.values()].reduce((a, b) => a + b, 0) });
    };
    const rxCollection = database.collections[collection] as unknown as RxCollection<unknown>;
    const withAttachments = (documents: WireDocument[]) =>
      rxCollection.schema.jsonSchema.attachments
        ? fillMissingAttachments(rxCollection, documents, api.attachment)
        : Promise.resolve(documents);
    withAttachmentsOf.set(collection, withAttachments);
    // RxDB takes the conflict handler from the collection; sync owns it.
    const unanswered = await UnansweredPushes.load(collection, unansweredStore);
    (rxCollection as unknown as { conflictHandler: unknown }).conflictHandler =
      createConflictHandler(collection, conflicts, refusals, 'id', unanswered);
    const pacer = createPullPacer(() => replication);
    const identifier = replicationIdentifier(collection, options.serverUrl);
    const push = unlessReadOnly(
      collection,
      {
        // Work orders carry new attachments' bytes: small batches keep a push body bounded.
        batchSize: collection === 'work_orders' ? WORK_ORDER_PUSH_ROWS : MAX_PUSH_ROWS,
        // Set when the load worker filled the collection: what lies before it needs no push.
        initialCheckpoint: undefined as unknown,
        async handler(rows: RxReplicationWriteToMasterRow<unknown>[]) {
          const edited = await withoutPulledStates(rxCollection, identifier, rows);
          setPending(edited.length);
          const localOnly = options.isLocalOnlyDeletion;
          const toSend = (edited as unknown as PushRow[]).filter(
            (row) => !localOnly?.(collection, row.newDocumentState),
          );
          const encoded = await encodeAttachmentsForPush(toSend);
          const conflictsFound = await withAttachments(
            await pushWithRefusals(
              encoded,
              (batch) => api.push(collection, batch),
              refusals,
              unanswered,
            ),
          );
          for (const row of toSend) {
            const reason = refusals.get(row.newDocumentState.id);
            if (reason) addError(`${collection} ${row.newDocumentState.id} refused: ${reason}`);
          }
          setPending(0);
          synced();
          return conflictsFound as never[];
        },
      },
      options.pullOnly,
    );
    if (push) pushOptionsOf.set(collection, push);
    await keepPullMarks(rxCollection, identifier);
    const replication = replicateRxCollection<unknown, SyncCheckpoint>({
      collection: rxCollection,
      replicationIdentifier: identifier,
      live: true,
      retryTime: options.retryTimeMs ?? 5000,
      waitForLeadership: false,
      pull: {
        // The largest page the server serves: fewer round trips and fewer replica commits.
        batchSize: MAX_PULL_LIMIT,
        async handler(checkpoint, batchSize) {
          await pacer.beforePull(checkpoint);
          const page = await api.pull(collection, checkpoint, batchSize);
          const documents = await withAttachments(page.documents);
          synced();
          return {
            documents: documents as never[],
            checkpoint: page.checkpoint ?? checkpoint,
          };
        },
        stream$: streams.get(collection)!.asObservable(),
      },
      push,
      // With a load: started below, after the worker and the check of its checkpoint.
      autoStart: !loading,
    });
    replication.error$.subscribe((error) => {
      const cause = (error as { parameters?: { errors?: unknown } }).parameters?.errors;
      const detail =
        Array.isArray(cause) && cause[0] instanceof Error ? cause[0].message : error.message;
      addError(`${collection}: ${detail}`);
    });
    // Idle: RxDB has recorded the assumed masters of every answer; the book may let go of them.
    replication.active$.subscribe((active) => {
      if (!active)
        unanswered.settle().catch((error: unknown) => addError(`${collection}: ${String(error)}`));
    });
    replications.push(replication);
    replicationOf.set(collection, replication);
  }

  const stream = connectStream({
    serverUrl: options.serverUrl,
    getAccessToken: options.getAccessToken,
    minDelayMs: options.reconnectMinMs ?? 1000,
    maxDelayMs: options.reconnectMaxMs ?? 60_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs,
    onOnline: (online) => update({ online }),
    onError: addError,
    onMessage(message) {
      if (message === 'RESYNC') {
        for (const subject of streams.values()) subject.next('RESYNC');
        // Pending pushes go out now rather than at the next retry.
        for (const replication of replications) replication.reSync();
        return;
      }
      const { collection, checkpoint } = message;
      const fill = withAttachmentsOf.get(collection);
      const subject = streams.get(collection);
      if (!fill || !subject) return;
      const previous = streamQueues.get(collection) ?? Promise.resolve();
      const next = previous
        .then(() => fill(message.documents as WireDocument[]))
        .then((documents) => subject.next({ documents: documents as never[], checkpoint }))
        // A missing attachment: the next pull (RESYNC, retry) fetches the document again.
        .catch((error: unknown) => {
          addError(`${collection}: ${String(error)}`);
          subject.next('RESYNC');
        });
      streamQueues.set(collection, next);
    },
  });

  let stopped = false;
  let load: InitialLoad | undefined;
  // Replication starts once the worker has filled what was empty (or at once, without it).
  const started = (async () => {
    if (!loading) return;
    try {
      const workerUrl = typeof options.initialLoad === 'object' && options.initialLoad.workerUrl;
      load = await startInitialLoad({
        database,
        serverUrl: options.serverUrl,
        getAccessToken: options.getAccessToken,
        collections: SYNC_COLLECTIONS,
        pushed,
        onError: addError,
        ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
        ...(workerUrl ? { workerUrl } : {}),
      });
      if (stopped) await load.stop();
      for (const [collection, checkpoint] of await load.done) {
        const push = pushOptionsOf.get(collection);
        if (push) push.initialCheckpoint = checkpoint;
      }
    } catch (error) {
      // Without the worker, RxDB's own pull fills the replica, as it always could.
      addError(`initial load: ${String(error)}`);
    }
    if (stopped) return;
    await forgetLoadWorkerCheckpoints();
    await Promise.all(replications.map((r) => r.start()));
  })();

  return {
    async stop() {
      stopped = true;
      await load?.stop();
      await started;
      stream.close();
      conflictSub.unsubscribe();
      await Promise.all(replications.map((r) => r.cancel()));
      for (const subject of streams.values()) subject.complete();
    },
    status: () => ({ ...status, errors: [...status.errors] }),
    async awaitInSync() {
      await started;
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    retryNow() {
      for (const subject of streams.values()) subject.next('RESYNC');
      for (const replication of replications) replication.reSync();
    },
    async unsynced(collection) {
      const replication = replicationOf.get(collection);
      const state = replication?.internalReplicationState;
      if (!replication || !state) return [];
      const local = await replication.collection.storageInstance.query(
        prepareQuery(replication.collection.schema.jsonSchema, {
          selector: {},
          sort: [{ id: 'asc' }],
          skip: 0,
        }),
      );
      const docs = local.documents as unknown as (WireDocument & Record<string, unknown>)[];
      const assumed = await getAssumedMasterState(
        state,
        docs.map((d) => d.id),
      );
      return docs.flatMap((doc) => {
        const master = assumed[doc.id]?.docData as Record<string, unknown> | undefined;
        const fields = changedSince(master, doc);
        return fields.length > 0 ? [{ id: doc.id, fields }] : [];
      });
    },
  };
}
