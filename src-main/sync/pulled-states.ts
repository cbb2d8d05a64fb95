import {
  createRevision,
  getHeightOfRevision,
  now,
  writeDocToDocState,
  type BulkWriteRow,
  type RxCollection,
  type RxDocumentData,
  type RxReplicationWriteToMasterRow,
} from 'rxdb';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import { notePullContext } from '../replica/pull-marks';
import { openReplicationMeta, type ReplicationMetaRow } from './replication-meta';

/** Documents read per step of the repair; the event loop runs between steps. */
const REPAIR_BATCH = 500;

/** What RxDB's pull stamps on a document it writes: its revision height and the replication. */
type PulledMark = { o?: { _rev?: number; hash?: string } };

/**
 * Leaves out of a push the documents whose replica state is one the pull wrote, untouched
 * since.
 *
 * RxDB's pull writes a document, then in a second write its assumed master state. A process
 * killed between the two restarts with the pulled state and an older assumed master; RxDB's
 * upstream then pushes the pulled state as if it were a local edit over that older master. If
 * the server moved on meanwhile, the merge took the other side's old value for this agent's
 * edit and filed a conflict record against the newer one (the fault runs found it; decision
 * 0025). RxDB stamps every document its pull writes with `_meta.o` (the revision height it
 * wrote and the replication's hash) and uses the stamp in its own pull for this very case, but
 * not in its push: this does the same for the push. A document left out counts as pushed, so
 * RxDB records the pulled state as its assumed master: the server held that state.
 */
export async function withoutPulledStates<Row extends RxReplicationWriteToMasterRow<unknown>>(
  collection: RxCollection<unknown>,
  replicationIdentifier: string,
  rows: Row[],
): Promise<Row[]> {
  if (rows.length === 0) return rows;
  const idOf = (doc: unknown) => primaryKeyOf(collection, doc);
  // As RxDB's replication names itself (rxdb/plugins/replication: 'rxdbreplication' + id).
  const hash = await pullHash(collection, replicationIdentifier);
  const stored = await collection.storageInstance.findDocumentsById(
    rows.map((row) => idOf(row.newDocumentState)),
    true,
  );
  const byId = new Map(stored.map((doc) => [idOf(doc), doc as RxDocumentData<unknown>]));
  const hasAttachments = !!collection.schema.jsonSchema.attachments;
  return rows.filter((row) => {
    const doc = byId.get(idOf(row.newDocumentState));
    if (!doc || !isPulledState(doc, hash)) return true;
    const state = writeDocToDocState(doc, hasAttachments, false);
    return !deepEqual(comparable(state), comparable(row.newDocumentState));
  });
}

/**
 * Before a collection's replication starts: where the replica holds a state RxDB's pull wrote,
 * untouched since, but the assumed master beside it is another (the process was killed between
 * the pull's two writes), writes that state as the assumed master, as RxDB's pull would have.
 * Otherwise an edit made before the replication's first scan is pushed over the older master,
 * and the pulled values count as the agent's own edits (decision 0025). Only documents written
 * since the upstream checkpoint are read: RxDB's upstream has handled those before it.
 */
export async function repairPulledAssumedMasters(
  collection: RxCollection<unknown>,
  replicationIdentifier: string,
): Promise<number> {
  const hash = await pullHash(collection, replicationIdentifier);
  const hasAttachments = !!collection.schema.jsonSchema.attachments;
  const meta = await openReplicationMeta(collection, replicationIdentifier);
  let repaired = 0;
  try {
    const stored = (await meta.upstreamCheckpoint())?.checkpointData;
    let checkpoint =
      stored?.id !== undefined && stored.lwt !== undefined
        ? { id: stored.id, lwt: stored.lwt }
        : undefined;
    for (;;) {
      const page = await collection.storageInstance.getChangedDocumentsSince!(
        REPAIR_BATCH,
        checkpoint,
      );
      const pulled = page.documents.filter((doc) => isPulledState(doc, hash));
      if (pulled.length > 0) {
        const ids = pulled.map((doc) => meta.rowId('0', primaryKeyOf(collection, doc)));
        const metaRows = new Map(
          (await meta.instance.findDocumentsById(ids, true)).map((row) => [row.itemId, row]),
        );
        const writes: BulkWriteRow<ReplicationMetaRow>[] = [];
        for (const doc of pulled) {
          const docId = primaryKeyOf(collection, doc);
          const state = writeDocToDocState(doc, hasAttachments, false);
          const previous = metaRows.get(docId);
          if (previous && deepEqual(comparable(previous.docData), comparable(state))) continue;
          writes.push({
            previous,
            document: assumedMasterRow(
              meta.rowId('0', docId),
              docId,
              state,
              previous,
              collection.database.token,
            ),
          });
        }
        if (writes.length > 0) {
          const result = await meta.instance.bulkWrite(writes, 'repair-pulled-assumed-master');
          if (result.error.length > 0) {
            throw new Error(`assumed master not repaired: ${result.error[0]!.status}`);
          }
          repaired += writes.length;
        }
      }
      if (page.documents.length < REPAIR_BATCH || !page.checkpoint) return repaired;
      checkpoint = page.checkpoint;
    }
  } finally {
    await meta.close();
  }
}

/** The meta row RxDB's pull writes for a pulled state (replication-protocol/meta-instance). */
function assumedMasterRow(
  id: string,
  docId: string,
  state: unknown,
  previous: RxDocumentData<ReplicationMetaRow> | undefined,
  token: string,
): RxDocumentData<ReplicationMetaRow> {
  return {
    ...(previous ?? { isCheckpoint: '0', itemId: docId, _attachments: {}, _deleted: false }),
    id,
    docData: state,
    _meta: { ...(previous?._meta ?? {}), lwt: now() },
    _rev: createRevision(token, previous),
  } as RxDocumentData<ReplicationMetaRow>;
}

function primaryKeyOf(collection: RxCollection<unknown>, doc: unknown): string {
  return String((doc as Record<string, unknown>)[collection.schema.primaryPath as string]);
}

/** The name RxDB's replication plugin gives the replication of this identifier. */
const rxdbIdentifier = (replicationIdentifier: string) => `rxdbreplication${replicationIdentifier}`;

/** The hash RxDB's pull stamps, of the replication's name. */
function pullHash(collection: RxCollection<unknown>, replicationIdentifier: string) {
  return collection.database.hashFunction(rxdbIdentifier(replicationIdentifier));
}

/**
 * Before a replication of the collection starts (in main or in the load worker): its pull's
 * inserts keep RxDB's stamp (replica/pull-marks.ts). The context is RxDB's
 * `downstreamBulkWriteFlag` (replication-protocol/index.js and checkpoint.js).
 */
export async function keepPullMarks(
  collection: RxCollection<unknown>,
  replicationIdentifier: string,
): Promise<void> {
  const identifier = rxdbIdentifier(replicationIdentifier);
  const instance = collection.storageInstance;
  const checkpointKey = await collection.database.hashFunction(
    [identifier, instance.databaseName, instance.collectionName].join('||'),
  );
  notePullContext(
    `replication-downstream-rx_storage_replication_${checkpointKey}`,
    await pullHash(collection, replicationIdentifier),
  );
}

/** Written by the pull of that replication, and not written since. */
function isPulledState(doc: RxDocumentData<unknown>, hash: string): boolean {
  const mark = (doc._meta as PulledMark).o;
  return mark?.hash === hash && mark._rev === getHeightOfRevision(doc._rev);
}

/** RxDB adds the bytes of attachments new to the assumed master to a push row: digests compare. */
function comparable(state: unknown): unknown {
  if (state === undefined) return undefined;
  const { _attachments: attachments, ...rest } = state as Record<string, unknown>;
  if (!attachments) return rest;
  const digests = Object.entries(attachments as Record<string, { digest: string }>).map(
    ([id, attachment]) => [id, attachment.digest],
  );
  return { ...rest, _attachments: Object.fromEntries(digests) };
}
