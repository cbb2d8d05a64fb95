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
import { scopeOf, type SyncScope } from './adapter';
import { SYNC_ADAPTERS } from './adapters';
import type { ChangeFeed } from './change-feed';
import { pullChanges, streamStart } from './pull';

type Page = Awaited<ReturnType<typeof pullChanges>>;

/**
 * One change reaches every stream client of the tenant at once, and clients of the same scope
 * at the same checkpoint ask for the same page: they share one query instead of one each (50
 * agents of a tenant: 1 query, not 50). A page is shared only until the next change of its
 * tenant and collection, so a client never gets a page read before a change it was told of.
 */
class SharedPages {
  readonly #byTopic = new Map<string, Map<string, Promise<Page>>>();

  constructor(feed: ChangeFeed) {
    // Subscribed before any client: a change clears its pages before clients ask again.
    feed.subscribe((event) => {
      if (event.kind === 'resync') this.#byTopic.clear();
      else this.#byTopic.delete(`${event.tenantId}|${event.collection}`);
    });
  }

  get(db: Database, collection: SyncCollection, scope: SyncScope, after: SyncCheckpoint) {
    const topic = `${scope.tenantId}|${collection}`;
    const key = `${scope.kind === 'technician' ? scope.userId : '*'}|${after.serverSeq}|${after.id}`;
    let pages = this.#byTopic.get(topic);
    if (!pages) this.#byTopic.set(topic, (pages = new Map()));
    let page = pages.get(key);
    if (!page) {
      page = pullChanges(db, SYNC_ADAPTERS[collection], scope, after, DEFAULT_PULL_LIMIT);
      pages.set(key, page);
      const forget = () => {
        if (pages.get(key) === page) pages.delete(key);
      };
      page.catch(forget);
    }
    return page;
  }
}

const SHARED_PAGES = new WeakMap<ChangeFeed, SharedPages>();

/**
 * A shared page goes to every client of its scope as the same message: encoded once, not once
 * per client (50 clients: 50 JSON.stringify and UTF-8 copies on the path of the last one).
 */
const ENCODED_PAGES = new WeakMap<Page, Buffer>();

function encodedPage(collection: SyncCollection, page: Page, checkpoint: SyncCheckpoint): Buffer {
  let encoded = ENCODED_PAGES.get(page);
  if (!encoded) {
    const message: StreamMessage = {
      collection,
      documents: page.documents,
      checkpoint,
    };
    ENCODED_PAGES.set(page, (encoded = Buffer.from(JSON.stringify(message))));
  }
  return encoded;
}

function sharedPagesOf(feed: ChangeFeed): SharedPages {
  let shared = SHARED_PAGES.get(feed);
  if (!shared) SHARED_PAGES.set(feed, (shared = new SharedPages(feed)));
  return shared;
}

/** The server pings each stream client this often; one that missed the last pong is dropped. */
export const STREAM_PING_INTERVAL_MS = 30_000;

export interface StreamOptions {
  pingIntervalMs?: number;
}

/**
 * A client whose link went half-open (a laptop that slept, a NAT that forgot it) never
 * closes its socket: without pings the server would keep its subscription, and its pages,
 * forever. Every WebSocket client answers a ping, so this asks nothing new of clients.
 */
function dropWhenSilent(socket: WebSocket, intervalMs: number): () => void {
  let answered = true;
  socket.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (!answered) return socket.terminate();
    answered = false;
    socket.ping();
  }, intervalMs);
  return () => clearInterval(timer);
}

/**
 * One client's live stream: 'RESYNC' on connect (the client pulls what it missed), then for
 * every change of its tenant the documents of its own scope after its stream checkpoint.
 * Work for one socket runs strictly in order, so checkpoints only move forward. Pings find
 * clients that are gone without a close.
 */
export function serveStream(
  socket: WebSocket,
  claims: AccessClaims,
  db: Database,
  feed: ChangeFeed,
  options: StreamOptions = {},
) {
  const scope = scopeOf(claims);
  const pages = sharedPagesOf(feed);
  const checkpoints = new Map<SyncCollection, SyncCheckpoint>();
  let chain: Promise<void> = Promise.resolve();
  const send = (message: StreamMessage | Buffer) => {
    if (socket.readyState !== socket.OPEN) return;
    // A text frame, as before, whether encoded here or shared.
    if (message instanceof Buffer) socket.send(message, { binary: false });
    else socket.send(JSON.stringify(message));
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
      const page = await pages.get(db, collection, scope, after);
      if (page.documents.length === 0 || !page.checkpoint) break;
      after = page.checkpoint;
      checkpoints.set(collection, after);
      send(encodedPage(collection, page, after));
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
  const stopPings = dropWhenSilent(socket, options.pingIntervalMs ?? STREAM_PING_INTERVAL_MS);
  socket.on('close', () => {
    unsubscribe();
    stopPings();
  });
  // Clients only listen; anything they send is ignored.
  socket.on('message', () => {});
}
