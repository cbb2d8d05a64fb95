import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { SyncCollectionSchema, type SyncCollection } from '../../src-shared/sync/protocol';
import type { Database, DatabaseKind } from '../db/connect';

export const SYNC_CHANNEL = 'sync_changes';

export type ChangeEvent =
  | { kind: 'change'; collection: SyncCollection; tenantId: string }
  /** Notifications may have been lost (the LISTEN connection dropped): pull everything. */
  | { kind: 'resync' };

export interface ChangeFeed {
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

/** The triggers of migration 0002 send {c: collection, t: tenant id} on every write. */
function parse(payload: string | undefined): ChangeEvent | null {
  try {
    const data = JSON.parse(payload ?? '') as { c?: unknown; t?: unknown };
    const collection = SyncCollectionSchema.safeParse(data.c);
    if (!collection.success || typeof data.t !== 'string') return null;
    return { kind: 'change', collection: collection.data, tenantId: data.t };
  } catch {
    return null;
  }
}

/**
 * Changes committed by any server process on the same database: PostgreSQL LISTEN/NOTIFY
 * (every process listens, so a write through one reaches the stream clients of all), or
 * PGlite's own listen in the single embedded process.
 */
export async function openChangeFeed(db: Database, kind: DatabaseKind): Promise<ChangeFeed> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (event: ChangeEvent | null) => event && emitter.emit('event', event);
  const client = (db as unknown as { $client: unknown }).$client;
  let stop: () => Promise<void>;
  if (kind === 'pglite') {
    const unlisten = await (client as PGlite).listen(SYNC_CHANNEL, (payload) =>
      emit(parse(payload)),
    );
    stop = unlisten;
  } else {
    stop = await listenPostgres(client as pg.Pool, emit);
  }
  return {
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    async close() {
      emitter.removeAllListeners();
      await stop();
    },
  };
}

const RETRY_MS = 1000;

/** One pooled connection kept for LISTEN; re-established (and a resync signalled) on loss. */
async function listenPostgres(
  pool: pg.Pool,
  emit: (event: ChangeEvent | null) => void,
): Promise<() => Promise<void>> {
  let closed = false;
  /** Releases the LISTEN connection once (a second release throws out of pg's handlers). */
  let releaseCurrent: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const client = await pool.connect();
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      client.release(true);
      if (releaseCurrent === release) releaseCurrent = undefined;
    };
    client.on('notification', (msg) => {
      if (msg.channel === SYNC_CHANNEL) emit(parse(msg.payload));
    });
    // Also after the feed stopped: the ended connection may still report its termination
    // (e.g. DROP DATABASE … FORCE).
    client.on('error', () => {
      release();
      if (!closed) timer = setTimeout(() => void reconnect(), RETRY_MS);
    });
    try {
      await client.query(`LISTEN ${SYNC_CHANNEL}`);
    } catch (error) {
      release();
      throw error;
    }
    // Stopped while this connection was being made: nobody will release it later.
    if (closed) return release();
    releaseCurrent = release;
  };
  const reconnect = async (): Promise<void> => {
    try {
      await connect();
      emit({ kind: 'resync' });
    } catch {
      if (!closed) timer = setTimeout(() => void reconnect(), RETRY_MS);
    }
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(timer);
    releaseCurrent?.();
  };
}
