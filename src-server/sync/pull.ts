import { and, asc, eq, max } from 'drizzle-orm';
import type {
  PullResponse,
  SyncCheckpoint,
  SyncCollection,
  WireDocument,
} from '../../src-shared/sync/protocol';
import type { Database } from '../db/connect';
import { customers, interactions, referenceItems, syncScopeExits, workOrders } from '../db/schema';
import { afterCheckpoint, type SyncAdapter, type SyncScope } from './adapter';

/**
 * Tombstones of documents that left a technician's scope, as deleted documents carrying the
 * tombstone's sequence value (so they sort into the pull like any other change).
 */
async function exitsAfter(
  db: Database,
  adapter: SyncAdapter,
  scope: Extract<SyncScope, { kind: 'technician' }>,
  after: SyncCheckpoint,
  limit: number,
): Promise<WireDocument[]> {
  const exits = await db
    .select({ docId: syncScopeExits.docId, serverSeq: syncScopeExits.serverSeq })
    .from(syncScopeExits)
    .where(
      and(
        eq(syncScopeExits.userId, scope.userId),
        eq(syncScopeExits.collection, adapter.collection),
        afterCheckpoint(syncScopeExits.serverSeq, syncScopeExits.docId, after),
      ),
    )
    .orderBy(asc(syncScopeExits.serverSeq), asc(syncScopeExits.docId))
    .limit(limit);
  const docs = new Map(
    (
      await adapter.byIds(
        db,
        scope.tenantId,
        exits.map((e) => e.docId),
      )
    ).map((d) => [d.id, d]),
  );
  return exits.flatMap((exit) => {
    const doc = docs.get(exit.docId);
    return doc ? [{ ...doc, serverSeq: exit.serverSeq, _deleted: true }] : [];
  });
}

const order = (a: WireDocument, b: WireDocument) =>
  (a.serverSeq as number) - (b.serverSeq as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** One page of changes after the checkpoint, in the order of the server's change sequence. */
export async function pullChanges(
  db: Database,
  adapter: SyncAdapter,
  scope: SyncScope,
  after: SyncCheckpoint,
  limit: number,
): Promise<PullResponse> {
  // A tenant's page is one statement (each adapter's pullAfter is one SELECT), consistent by
  // itself: no BEGIN/COMMIT round trips on the path of every page and every streamed change.
  if (scope.kind !== 'technician') {
    return pageOf(await adapter.pullAfter(db, scope, after, limit), after);
  }
  // A repeatable-read snapshot: documents and tombstones are read as of one moment.
  const documents = await db.transaction(
    async (tx) => {
      const live = await adapter.pullAfter(tx, scope, after, limit);
      if (adapter.tenantWide) return live;
      const gone = await exitsAfter(tx, adapter, scope, after, limit);
      return [...live, ...gone].sort(order).slice(0, limit);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return pageOf(documents, after);
}

function pageOf(documents: WireDocument[], after: SyncCheckpoint): PullResponse {
  const last = documents.at(-1);
  return {
    documents,
    checkpoint: last ? { serverSeq: last.serverSeq as number, id: last.id } : after,
  };
}

const TABLES = {
  customers,
  work_orders: workOrders,
  interactions,
  reference: referenceItems,
} as const;

/** Sorts after every id of the collection at the same sequence value. */
const LAST_ID: Partial<Record<SyncCollection, string>> = { reference: '~' };

/**
 * Where a stream client starts: after the newest committed change of the tenant. Writers of
 * a tenant take sequence values in commit order (see migration 0002), so nothing committed
 * later can sort before this point.
 */
export async function streamStart(
  db: Database,
  collection: SyncCollection,
  tenantId: string,
): Promise<SyncCheckpoint> {
  const table = TABLES[collection];
  const [row] = await db
    .select({ seq: max(table.serverSeq) })
    .from(table)
    .where(eq(table.tenantId, tenantId));
  return {
    serverSeq: row?.seq ?? 0,
    id: LAST_ID[collection] ?? 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  };
}
