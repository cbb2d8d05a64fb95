import type { PushRow, WireDocument } from '../../src-shared/sync/protocol';
import { deepEqual } from '../../src-shared/sync/three-way-merge';

type Doc = Record<string, unknown>;

/** Fields whose values the server sets: a pushed document's own values are not its. */
const SERVER_OWNED = new Set(['serverSeq', 'updatedAt']);
/** History merges as an append-only log (replica-merge.ts), whatever the base. */
const LOG_FIELDS = new Set(['history']);
const KEPT_PER_DOCUMENT = 20;

/**
 * Documents this client pushed without hearing the answer (a reset connection, a timeout).
 * The server may have applied such a push. If the user edits the document again before the
 * retry, RxDB retries with the newest state and the old assumed master; the server answers
 * with a conflict whose master holds the client's own earlier values, and the three-way merge
 * would take them for another side's change: the document would go back to the user's older
 * value and the newer one into a conflict record. With this book the conflict handler treats
 * a master value equal to one this client sent as the client's own, so the newer edit wins.
 * In memory: a process killed in mid-push forgets it (see decision note 0012).
 */
export class UnansweredPushes {
  private readonly byId = new Map<string, WireDocument[]>();

  sent(rows: readonly PushRow[]): void {
    for (const { newDocumentState: doc } of rows) {
      const states = this.byId.get(doc.id) ?? [];
      if (!states.some((s) => deepEqual(s, doc))) states.push(doc);
      this.byId.set(doc.id, states.slice(-KEPT_PER_DOCUMENT));
    }
  }

  /**
   * The server answered: what it holds is known again. Rows it answered with a conflict stay
   * until the conflict handler has used them (then `forget`).
   */
  answered(rows: readonly PushRow[], conflicts: readonly WireDocument[] = []): void {
    const conflicted = new Set(conflicts.map((c) => c.id));
    for (const row of rows) {
      if (!conflicted.has(row.newDocumentState.id)) this.byId.delete(row.newDocumentState.id);
    }
  }

  forget(id: string): void {
    this.byId.delete(id);
  }

  /**
   * The base for merging `local` with `server`: the assumed master, except that a field whose
   * server value this client itself sent (unanswered) counts as already the base.
   */
  effectiveBase<T extends Doc>(id: string, base: T, server: T): T {
    const states = this.byId.get(id);
    if (!states) return base;
    const effective: Doc = { ...base };
    for (const field of Object.keys(server)) {
      if (SERVER_OWNED.has(field) || LOG_FIELDS.has(field)) continue;
      if (states.some((s) => deepEqual(s[field], server[field]))) effective[field] = server[field];
    }
    return effective as T;
  }
}
