import type { BulkWriteRow, RxStorage, RxStorageInstance } from 'rxdb';

/** What RxDB's pull stamps on a document it writes: the revision height and the replication. */
export type PullMark = { _rev: number; hash: string };

/** A pull's write context (RxDB's downstreamBulkWriteFlag) → its replication's hash. */
const PULL_CONTEXTS = new Map<string, string>();

/**
 * Declares the write context of a replication's pull and the hash its stamp carries
 * (sync/pulled-states.ts computes both as RxDB does). Inserts written in that context get
 * the stamp back below RxDB's storage wrapper; see `pullMarks`.
 */
export function notePullContext(context: string, replicationHash: string): void {
  PULL_CONTEXTS.set(context, replicationHash);
}

/**
 * Keeps RxDB's pull stamp on documents pulled for the first time.
 *
 * RxDB's pull stamps every document it writes with `_meta.o` (the revision height it wrote,
 * the replication's hash), so that a document pulled but not yet recorded as the assumed
 * master (a process killed between the pull's two writes) is known for the server's state,
 * not for a local edit (decision 0025). But RxDB 17.6's storage wrapper
 * (rx-storage-helper.js, bulkWrite) replaces the whole `_meta` of every insert with
 * `{ lwt }`: only updates kept their stamp. A pulled insert whose meta row was lost was then
 * pushed as a local edit with no assumed master, and the merge took the server's state for
 * the base: the pulled, older value won over the server's newer one (decision 0027).
 *
 * Beneath that wrapper, this puts the stamp RxDB wrote back: height 1 (an insert), the hash of
 * the replication whose pull context the write carries.
 */
export function pullMarks<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return {
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      return markedPullInserts(instance);
    },
  };
}

function markedPullInserts<T, Internals, Options>(
  instance: RxStorageInstance<T, Internals, Options>,
): RxStorageInstance<T, Internals, Options> {
  const write = instance.bulkWrite.bind(instance);
  instance.bulkWrite = (rows, context) => {
    const hash = PULL_CONTEXTS.get(context);
    return write(hash === undefined ? rows : rows.map((row) => marked(row, hash)), context);
  };
  return instance;
}

function marked<T>(row: BulkWriteRow<T>, hash: string): BulkWriteRow<T> {
  const meta = row.document._meta as { lwt: number; o?: PullMark };
  if (row.previous || meta.o) return row;
  // A copy: RxDB shares one _meta object among all the inserts of a write.
  const o: PullMark = { _rev: 1, hash };
  return { ...row, document: { ...row.document, _meta: { ...meta, o } } };
}
