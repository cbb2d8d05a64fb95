import {
  getHeightOfRevision,
  writeDocToDocState,
  type RxCollection,
  type RxDocumentData,
  type RxReplicationWriteToMasterRow,
} from 'rxdb';
import { deepEqual } from '../../src-shared/sync/three-way-merge';

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
  const primaryPath = collection.schema.primaryPath as string;
  const idOf = (doc: unknown) => String((doc as Record<string, unknown>)[primaryPath]);
  // As RxDB's replication names itself (rxdb/plugins/replication: 'rxdbreplication' + id).
  const hash = await collection.database.hashFunction(`rxdbreplication${replicationIdentifier}`);
  const stored = await collection.storageInstance.findDocumentsById(
    rows.map((row) => idOf(row.newDocumentState)),
    true,
  );
  const byId = new Map(stored.map((doc) => [idOf(doc), doc as RxDocumentData<unknown>]));
  const hasAttachments = !!collection.schema.jsonSchema.attachments;
  return rows.filter((row) => {
    const doc = byId.get(idOf(row.newDocumentState));
    if (!doc) return true;
    const mark = (doc._meta as PulledMark).o;
    const pulled = mark?.hash === hash && mark._rev === getHeightOfRevision(doc._rev);
    if (!pulled) return true;
    const state = writeDocToDocState(doc, hasAttachments, false);
    return !deepEqual(comparable(state), comparable(row.newDocumentState));
  });
}

/** RxDB adds the bytes of attachments new to the assumed master to a push row: digests compare. */
function comparable(state: unknown): unknown {
  const { _attachments: attachments, ...rest } = state as Record<string, unknown>;
  if (!attachments) return rest;
  const digests = Object.entries(attachments as Record<string, { digest: string }>).map(
    ([id, attachment]) => [id, attachment.digest],
  );
  return { ...rest, _attachments: Object.fromEntries(digests) };
}
