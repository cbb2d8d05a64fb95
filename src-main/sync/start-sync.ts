import { Subject } from 'rxjs';
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
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
import { pushWithRefusals, type RefusalBook } from './refused-pushes';
import { createSyncApi } from './server-api';
import { connectStream } from './stream-connection';
import { UnansweredPushes } from './unanswered-pushes';

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
}

export interface SyncHandle {
  stop(): Promise<void>;
  status(): SyncStatus;
  /** Resolves when every collection has pushed and pulled all it knows of. */
  awaitInSync(): Promise<void>;
}

type ConflictsDatabase = { conflicts?: RxCollection<ConflictDoc> };
type StreamItem = RxReplicationPullStreamItem<unknown, SyncCheckpoint>;

/** Reference data is pulled only: the server owns it and refuses pushes. */
function unlessReadOnly<T>(collection: SyncCollection, push: T): T | undefined {
  return READ_ONLY_COLLECTIONS.includes(collection) ? undefined : push;
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
  const refusals: RefusalBook = new Map();
  const unanswered = new UnansweredPushes();

  const conflictSub = conflicts
    .count({ selector: { resolved: false } })
    .$.subscribe((count) => update({ conflicts: count }));

  for (const collection of SYNC_COLLECTIONS) {
    const setPending = (count: number) => {
      pending.set(collection, count);
      update({ pendingPushes: [...pending.values()].reduce((a, b) => a + b, 0) });
    };
    const rxCollection = database.collections[collection] as unknown as RxCollection<unknown>;
    // RxDB takes the conflict handler from the collection; sync owns it.
    (rxCollection as unknown as { conflictHandler: unknown }).conflictHandler =
      createConflictHandler(collection, conflicts, refusals, 'id', unanswered);
    const pacer = createPullPacer(() => replication);
    const replication = replicateRxCollection<unknown, SyncCheckpoint>({
      collection: rxCollection,
      replicationIdentifier: `switchboard-sync-${collection}-${options.serverUrl}`,
      live: true,
      retryTime: options.retryTimeMs ?? 5000,
      waitForLeadership: false,
      pull: {
        // The largest page the server serves: fewer round trips and fewer replica commits.
        batchSize: MAX_PULL_LIMIT,
        async handler(checkpoint, batchSize) {
          await pacer.beforePull(checkpoint);
          const page = await api.pull(collection, checkpoint, batchSize);
          synced();
          return {
            documents: page.documents as never[],
            checkpoint: page.checkpoint ?? checkpoint,
          };
        },
        stream$: streams.get(collection)!.asObservable(),
      },
      push: unlessReadOnly(collection, {
        batchSize: MAX_PUSH_ROWS,
        async handler(rows) {
          setPending(rows.length);
          const conflictsFound = await pushWithRefusals(
            rows as unknown as PushRow[],
            (batch) => api.push(collection, batch),
            refusals,
            unanswered,
          );
          for (const row of rows as unknown as PushRow[]) {
            const reason = refusals.get(row.newDocumentState.id);
            if (reason) addError(`${collection} ${row.newDocumentState.id} refused: ${reason}`);
          }
          setPending(0);
          synced();
          return conflictsFound as never[];
        },
      }),
    });
    replication.error$.subscribe((error) => {
      const cause = (error as { parameters?: { errors?: unknown } }).parameters?.errors;
      const detail =
        Array.isArray(cause) && cause[0] instanceof Error ? cause[0].message : error.message;
      addError(`${collection}: ${detail}`);
    });
    replications.push(replication);
  }

  const stream = connectStream({
    serverUrl: options.serverUrl,
    getAccessToken: options.getAccessToken,
    minDelayMs: options.reconnectMinMs ?? 1000,
    maxDelayMs: options.reconnectMaxMs ?? 60_000,
    onOnline: (online) => update({ online }),
    onError: addError,
    onMessage(message) {
      if (message === 'RESYNC') {
        for (const subject of streams.values()) subject.next('RESYNC');
        // Pending pushes go out now rather than at the next retry.
        for (const replication of replications) replication.reSync();
        return;
      }
      streams.get(message.collection)?.next({
        documents: message.documents as WireDocument[] as never[],
        checkpoint: message.checkpoint,
      });
    },
  });

  return {
    async stop() {
      stream.close();
      conflictSub.unsubscribe();
      await Promise.all(replications.map((r) => r.cancel()));
      for (const subject of streams.values()) subject.complete();
    },
    status: () => ({ ...status, errors: [...status.errors] }),
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
  };
}
