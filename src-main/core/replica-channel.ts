import { Subject } from 'rxjs';
import type { CollectionsOfDatabase, RxDatabase } from 'rxdb';
import { exposeRxStorageRemote, type MessageFromRemote } from 'rxdb/plugins/storage-remote';
import { z } from 'zod';

/**
 * The storage methods a renderer may call on main's replica. RxDB's remote storage would call
 * any method name it is sent (including `remove`, which deletes the replica); we pass only these.
 * `cleanup` stays with main, which knows what has been synced.
 */
const RENDERER_METHODS = [
  'create',
  'bulkWrite',
  'findDocumentsById',
  'query',
  'count',
  'getAttachmentData',
  'getChangedDocumentsSince',
  'close',
] as const;

/** Largest message a renderer may send (a bulk write with small attachments fits). */
export const MAX_REPLICA_MESSAGE_BYTES = 8 * 1024 * 1024;

const MessageToRemoteSchema = z.object({
  connectionId: z.string().min(1).max(200),
  requestId: z.string().min(1).max(200),
  method: z.string().max(100),
  version: z.string().max(50),
  params: z.unknown(),
});
type MessageToRemote = z.infer<typeof MessageToRemoteSchema>;

export type ReplicaConnection = {
  /** A message from the renderer, as received (string from a socket, object from IPC). */
  receive(raw: unknown): void;
  close(): void;
};

export type ReplicaChannel = {
  connect(send: (message: MessageFromRemote) => void): ReplicaConnection;
};

export type ReplicaChannelLogger = { warn: (message: string) => void };

/**
 * Exposes main's replica (one RxDatabase) to renderers over any message transport (Electron
 * IPC, WebSocket). Each message is parsed and checked before RxDB's remote-storage server sees
 * it: method allow-list, known collections only, bounded size. Writes go into the database's
 * own storage instances, which validate documents against their schemas here in main.
 */
export function createReplicaChannel<Collections extends CollectionsOfDatabase>(
  database: RxDatabase<Collections>,
  logger: ReplicaChannelLogger,
): ReplicaChannel {
  const allowedMethods = new Set<string>(RENDERER_METHODS);
  return {
    connect(send) {
      const messages$ = new Subject<MessageToRemote>();
      let closed = false;
      exposeRxStorageRemote({
        database: database as unknown as RxDatabase,
        messages$: messages$.asObservable() as never,
        send: (message) => {
          if (!closed) send(message);
        },
      });
      const refuse = (message: MessageToRemote, reason: string): void => {
        logger.warn(`replica channel refused ${message.method}: ${reason}`);
        send({
          connectionId: message.connectionId,
          answerTo: message.requestId,
          method: message.method as MessageFromRemote['method'],
          error: { name: 'ReplicaChannelError', message: reason } as never,
        });
      };
      return {
        receive(raw) {
          if (closed) return;
          const message = parse(raw);
          if (!message.ok) {
            logger.warn(`replica channel dropped a message: ${message.reason}`);
            return;
          }
          const { value } = message;
          if (!allowedMethods.has(value.method)) {
            refuse(value, `method '${value.method}' is not available to the renderer`);
            return;
          }
          if (value.method === 'create') {
            const collection = (value.params as { collectionName?: unknown } | null)
              ?.collectionName;
            const known = [...database.storageInstances].some(
              (instance) => instance.collectionName === collection,
            );
            if (typeof collection !== 'string' || !known) {
              refuse(value, `unknown collection ${JSON.stringify(collection)}`);
              return;
            }
          } else if (!Array.isArray(value.params)) {
            refuse(value, 'params must be an array');
            return;
          }
          messages$.next(value);
        },
        close() {
          closed = true;
          messages$.complete();
        },
      };
    },
  };
}

type Parsed = { ok: true; value: MessageToRemote } | { ok: false; reason: string };

function parse(raw: unknown): Parsed {
  let data = raw;
  if (typeof raw === 'string') {
    if (raw.length > MAX_REPLICA_MESSAGE_BYTES) return { ok: false, reason: 'message too large' };
    try {
      data = JSON.parse(raw);
    } catch {
      return { ok: false, reason: 'not JSON' };
    }
  }
  const parsed = MessageToRemoteSchema.safeParse(data);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: 'not a remote-storage message' };
}
