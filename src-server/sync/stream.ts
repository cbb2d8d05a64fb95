import type { WebSocket } from 'ws';
import {
  DEFAULT_PULL_LIMIT,
  SYNC_COLLECTIONS,
  type StreamMessage,
  type SyncCheckpoint,
  type SyncCollection,
} from '../../src-shared/sync/protocol';
import type { AccessClaims } from '../auth/access-tokens';
import type { Database } from '../db/connect';
import { scopeOf } from './adapter';
import { SYNC_ADAPTERS } from './adapters';
import type { ChangeFeed } from './change-feed';
import { pullChanges, streamStart } from './pull';

/**
 * One client's live stream: 'RESYNC' on connect (the client pulls what it missed), then for
 * every change of its tenant the documents of its own scope after its stream checkpoint.
 * Work for one socket runs strictly in order, so checkpoints only move forward.
 */
export function serveStream(
  socket: WebSocket,
  claims: AccessClaims,
  db: Database,
  feed: ChangeFeed,
) {
  const scope = scopeOf(claims);
  const checkpoints = new Map<SyncCollection, SyncCheckpoint>();
  let chain: Promise<void> = Promise.resolve();
  const send = (message: StreamMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const enqueue = (work: () => Promise<void>) => {
    chain = chain.then(work).catch(() => {
      // A failed pull (database away) is recovered by the client's RESYNC pull.
      socket.close(1011, 'sync stream failed');
    });
  };
  const streamChanges = async (collection: SyncCollection) => {
    let after = checkpoints.get(collection)!;
    for (;;) {
      const page = await pullChanges(
        db,
        SYNC_ADAPTERS[collection],
        scope,
        after,
        DEFAULT_PULL_LIMIT,
      );
      if (page.documents.length === 0 || !page.checkpoint) break;
      after = page.checkpoint;
      checkpoints.set(collection, after);
      send({ collection, documents: page.documents, checkpoint: after });
      if (page.documents.length < DEFAULT_PULL_LIMIT) break;
    }
  };
  const unsubscribe = feed.subscribe((event) => {
    if (event.kind === 'resync') return enqueue(async () => send('RESYNC'));
    if (event.tenantId !== claims.tenantId) return;
    enqueue(() => streamChanges(event.collection));
  });
  enqueue(async () => {
    for (const collection of SYNC_COLLECTIONS) {
      checkpoints.set(collection, await streamStart(db, collection, claims.tenantId));
    }
    send('RESYNC');
  });
  socket.on('close', unsubscribe);
  // Clients only listen; anything they send is ignored.
  socket.on('message', () => {});
}
