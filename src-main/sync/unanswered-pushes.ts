import type { PushRow, SyncCollection, WireDocument } from '../../src-shared/sync/protocol';
import { withoutAttachmentData } from '../../src-shared/sync/wire-attachments';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import type { SentValues, UnansweredPushStore } from './unanswered-push-store';

type Doc = Record<string, unknown>;

/** Fields whose values the server sets: a pushed document's own values are not its. */
const SERVER_OWNED = new Set(['serverSeq', 'updatedAt']);
/** History merges as an append-only log (replica-merge.ts), whatever the base. */
const LOG_FIELDS = new Set(['history']);
const KEPT_PER_FIELD = 20;

/**
 * Documents this client pushed without hearing the answer (a reset connection, a timeout, a
 * kill). The server may have applied such a push. If the user edits the document again before
 * the retry, RxDB retries with the newest state and the old assumed master; the server answers
 * with a conflict whose master holds the client's own earlier values, and the three-way merge
 * would take them for another side's change: the document would go back to the user's older
 * value and the newer one into a conflict record. With this book the conflict handler treats
 * a master value equal to one this client sent as the client's own, so the newer edit wins.
 *
 * The book is written to the replica (UnansweredPushStore) before the push leaves, so a
 * process killed in mid-push still knows after its restart what it may have sent (decision
 * note 0020). What the merge never looks at (history, server-owned fields, attachment bytes)
 * is not kept.
 */
export class UnansweredPushes {
  private readonly byId: Map<string, SentValues>;
  /** Answered documents, cleared from the book at the next `settle`. */
  private readonly settled = new Set<string>();
  /** Writes to the store in the order the book changed. */
  private persisted: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: SyncCollection,
    private readonly store?: UnansweredPushStore,
    loaded: Iterable<[string, SentValues]> = [],
  ) {
    this.byId = new Map(loaded);
  }

  /** The book of one collection as a previous run of this client left it. */
  static async load(collection: SyncCollection, store: UnansweredPushStore) {
    return new UnansweredPushes(collection, store, await store.load(collection));
  }

  /** Resolves once the rows are recorded durably: only then may the push be sent. */
  sent(rows: readonly PushRow[]): Promise<void> {
    const changed = new Map<string, SentValues>();
    for (const { newDocumentState } of rows) {
      const doc = withoutAttachmentData(newDocumentState) as Doc;
      const values = this.byId.get(newDocumentState.id) ?? {};
      for (const [field, value] of Object.entries(doc)) {
        if (SERVER_OWNED.has(field) || LOG_FIELDS.has(field)) continue;
        const kept = values[field] ?? [];
        if (!kept.some((v) => deepEqual(v, value))) kept.push(value);
        values[field] = kept.slice(-KEPT_PER_FIELD);
      }
      this.byId.set(newDocumentState.id, values);
      // Sent again before the last answer settled: these values are unanswered now.
      this.settled.delete(newDocumentState.id);
      changed.set(newDocumentState.id, values);
    }
    return this.persist(() => this.store?.put(this.collection, [...changed]));
  }

  /**
   * The server answered: what it holds is known again. Rows it answered with a conflict stay
   * until the conflict handler has used them (then `forget`). Neither clears the book at once:
   * RxDB records the new assumed master only after the handler returns, and a process killed
   * in between would retry with the old one and meet its own value again. They are cleared
   * when the replication is idle (`settle`), by then RxDB has recorded it.
   */
  answered(rows: readonly PushRow[], conflicts: readonly WireDocument[] = []): void {
    const conflicted = new Set(conflicts.map((c) => c.id));
    for (const { newDocumentState } of rows) {
      if (!conflicted.has(newDocumentState.id)) this.settled.add(newDocumentState.id);
    }
  }

  forget(id: string): void {
    this.settled.add(id);
  }

  /** Call when the replication is idle: RxDB has recorded every answer `answered` was told of. */
  settle(): Promise<void> {
    const ids = [...this.settled].filter((id) => this.byId.delete(id));
    this.settled.clear();
    if (ids.length === 0) return this.persisted;
    return this.persist(() => this.store?.remove(this.collection, ids));
  }

  /**
   * The base for merging `local` with `server`: the assumed master, except that a field whose
   * server value this client itself sent (unanswered) counts as already the base.
   */
  effectiveBase<T extends Doc>(id: string, base: T, server: T): T {
    const values = this.byId.get(id);
    if (!values) return base;
    const effective: Doc = { ...base };
    for (const field of Object.keys(server)) {
      if (SERVER_OWNED.has(field) || LOG_FIELDS.has(field)) continue;
      if (values[field]?.some((v) => deepEqual(v, server[field]))) effective[field] = server[field];
    }
    return effective as T;
  }

  private persist(write: () => Promise<void> | undefined): Promise<void> {
    const next = this.persisted.then(write);
    // A failed write fails its own caller only; the writes after it still run.
    this.persisted = next.catch(() => {});
    return next;
  }
}
