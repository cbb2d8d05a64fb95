import type {
  EventBulk,
  RxDocumentData,
  RxStorageChangeEvent,
  RxStorageDefaultCheckpoint,
} from 'rxdb';
import { z } from 'zod';
import { SyncCollectionSchema, type SyncCollection } from '../../../src-shared/sync/protocol';

/**
 * The upstream checkpoint of the worker's replication: past every write, so that it never
 * pushes. Main removes it before its own replication starts (upstream-checkpoint.ts).
 */
export const LOAD_WORKER_UPSTREAM_CHECKPOINT = { id: '', lwt: Number.MAX_SAFE_INTEGER };

/** What the main thread hands the load worker (workerData). */
export type LoadWorkerData = {
  kind: 'switchboard-initial-load';
  /** The replica's file, opened by the worker with a connection of its own. */
  file: string;
  /** The RxDB database name main opened the file under: the same internal tables. */
  databaseName: string;
  collections: SyncCollection[];
  /** Those main pushes: RxDB keeps assumed master states only for them. */
  pushed: SyncCollection[];
  serverUrl: string;
  requestTimeoutMs?: number;
  /** Documents per write transaction in the worker (bounds how long main waits for its lock). */
  writeSlice: number;
  /** Documents per message to main (bounds main's deserialisation of one message). */
  announceChunk: number;
};

/** Main → worker. */
export type ToLoadWorker =
  | { type: 'token'; id: number; token: string }
  | { type: 'token-failed'; id: number; message: string }
  | { type: 'stop' };

/**
 * Worker → main. The worker is our own code, but its messages are still checked: a message
 * that does not fit ends the load (main then pulls through RxDB as before), never a crash.
 */
const WrittenEventSchema = z.object({
  documentId: z.string(),
  operation: z.enum(['INSERT', 'UPDATE', 'DELETE']),
  // Only shaped here: every document was checked against its schema (ajv) in the worker.
  documentData: z.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  ),
  previousDocumentData: z.unknown().optional(),
});

export const FromLoadWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token'), id: z.number().int() }),
  z.object({
    type: z.literal('writes'),
    collection: SyncCollectionSchema,
    bulk: z.object({
      id: z.string(),
      context: z.string(),
      checkpoint: z.object({ id: z.string(), lwt: z.number() }).nullable().optional(),
      events: z.array(WrittenEventSchema),
    }),
  }),
  z.object({ type: z.literal('loaded'), collection: SyncCollectionSchema, documents: z.number() }),
  z.object({ type: z.literal('failed'), collection: SyncCollectionSchema, message: z.string() }),
  z.object({ type: z.literal('closed') }),
]);
export type FromLoadWorker = z.infer<typeof FromLoadWorkerSchema>;

type Bulk = EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>;

/**
 * A committed bulk cut into messages of at most `size` documents: main deserialises each
 * message in one go, so a whole transaction's documents in one message would stall its event
 * loop. Each part carries the checkpoint of its own last document.
 */
export function announcedParts(bulk: Bulk, size: number): Bulk[] {
  if (bulk.events.length <= size) return [bulk];
  const parts: Bulk[] = [];
  for (let start = 0; start < bulk.events.length; start += size) {
    const events = bulk.events.slice(start, start + size);
    const last = events[events.length - 1]!;
    const lastDoc = (last.documentData ?? last.previousDocumentData) as RxDocumentData<unknown>;
    parts.push({
      ...bulk,
      id: `${bulk.id}-${start / size}`,
      events,
      checkpoint: { id: last.documentId, lwt: lastDoc._meta.lwt },
    });
  }
  return parts;
}
