import { createHash } from 'node:crypto';
import {
  MAX_SENT_BEFORE,
  type AppliedPushes,
  type PushRow,
  type SyncCollection,
  type WireDocument,
} from '../../src-shared/sync/protocol';
import { pushDigestInput } from '../../src-shared/sync/push-digest';
import { withoutAttachmentData } from '../../src-shared/sync/wire-attachments';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import type { BookEntry, SentState, UnansweredPushStore } from './unanswered-push-store';

type Doc = Record<string, unknown>;

/** Fields whose values the server sets: a pushed document's own values are not its. */
const SERVER_OWNED = new Set(['serverSeq', 'updatedAt']);
/** History merges as an append-only log (replica-merge.ts), whatever the base. */
const LOG_FIELDS = new Set(['history']);
const KEPT_PER_FIELD = 20;
/** Whole states kept per document for the server to confirm (fewer than MAX_SENT_BEFORE). */
const KEPT_STATES = 10;

/** What the merge may use of a sent state: no history, no server-owned fields, no bytes. */
function mergeable(doc: WireDocument): Doc {
  return Object.fromEntries(
    Object.entries(withoutAttachmentData(doc)).filter(
      ([field]) => !SERVER_OWNED.has(field) && !LOG_FIELDS.has(field),
    ),
  );
}

/** The name the server gives the same state (src-server/sync/applied-pushes.ts). */
export function pushDigest(doc: WireDocument): string {
  return createHash('sha256').update(pushDigestInput(doc)).digest('hex');
}

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
 *
 * It also keeps the newest whole states sent, by digest. A server that knows which pushes it
 * applied (decision 0023) is asked about them with each push of the document and says which it
 * applied; such a state is the base of the merge, so a value another client overwrote after
 * seeing it is not recorded as lost.
 */
export class UnansweredPushes {
  private readonly byId: Map<string, BookEntry>;
  /** Per conflicted document of the last answer, the digests the server said it applied. */
  private readonly confirmed = new Map<string, string[]>();
  /** Answered documents, cleared from the book at the next `settle`. */
  private readonly settled = new Set<string>();
  /** Writes to the store in the order the book changed. */
  private persisted: Promise<void> = Promise.resolve();

  constructor(
    private readonly collection: SyncCollection,
    private readonly store?: UnansweredPushStore,
    loaded: Iterable<[string, BookEntry]> = [],
  ) {
    this.byId = new Map(loaded);
  }

  /** The book of one collection as a previous run of this client left it. */
  static async load(collection: SyncCollection, store: UnansweredPushStore) {
    return new UnansweredPushes(collection, store, await store.load(collection));
  }

  /** Resolves once the rows are recorded durably: only then may the push be sent. */
  sent(rows: readonly PushRow[]): Promise<void> {
    const changed = new Map<string, BookEntry>();
    for (const { newDocumentState } of rows) {
      const doc = mergeable(newDocumentState);
      const entry = this.byId.get(newDocumentState.id) ?? { values: {}, states: [] };
      const { values } = entry;
      for (const [field, value] of Object.entries(doc)) {
        const kept = values[field] ?? [];
        if (!kept.some((v) => deepEqual(v, value))) kept.push(value);
        values[field] = kept.slice(-KEPT_PER_FIELD);
      }
      const digest = pushDigest(newDocumentState);
      const state: SentState = { digest, doc };
      entry.states = [...entry.states.filter((s) => s.digest !== digest), state].slice(
        -KEPT_STATES,
      );
      this.byId.set(newDocumentState.id, entry);
      // Sent again before the last answer settled: these values are unanswered now.
      this.settled.delete(newDocumentState.id);
      changed.set(newDocumentState.id, entry);
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
  answered(
    rows: readonly PushRow[],
    conflicts: readonly WireDocument[] = [],
    applied: readonly AppliedPushes[] = [],
  ): void {
    const conflicted = new Set(conflicts.map((c) => c.id));
    const appliedById = new Map(applied.map((a) => [a.id, a.digests]));
    for (const { newDocumentState } of rows) {
      const { id } = newDocumentState;
      if (!conflicted.has(id)) this.settled.add(id);
      const digests = conflicted.has(id) ? appliedById.get(id) : undefined;
      if (digests) this.confirmed.set(id, digests);
      else this.confirmed.delete(id);
    }
  }

  forget(id: string): void {
    this.settled.add(id);
    this.confirmed.delete(id);
  }

  /** The row as it goes to the server: with the digests of the states it may have applied. */
  withSentBefore(row: PushRow): PushRow {
    const states = this.byId.get(row.newDocumentState.id)?.states ?? [];
    if (states.length === 0) return row;
    return { ...row, sentBefore: states.map((s) => s.digest).slice(-MAX_SENT_BEFORE) };
  }

  /**
   * The base for merging when the server confirmed that it applied a state this client sent:
   * the newest such state (every later write to the document was made over it, knowingly).
   * History and the server-owned fields come from `base`, which the book does not keep.
   * Undefined when nothing was confirmed: a digest the book does not hold confirms nothing.
   */
  confirmedBase<T extends Doc>(id: string, base: T): T | undefined {
    const digests = this.confirmed.get(id);
    const states = this.byId.get(id)?.states;
    if (!digests || !states) return undefined;
    for (const digest of [...digests].reverse()) {
      const state = states.find((s) => s.digest === digest);
      if (!state) continue;
      const kept = Object.fromEntries(
        Object.entries(base).filter(
          ([field]) => SERVER_OWNED.has(field) || LOG_FIELDS.has(field) || field === '_attachments',
        ),
      );
      return { ...state.doc, ...kept } as T;
    }
    return undefined;
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
    const values = this.byId.get(id)?.values;
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
