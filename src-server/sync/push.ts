import { deriveCustomerKeys } from '../../src-shared/rxdb/customer-keys';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import type {
  AppliedPushes,
  PushResponse,
  PushRow,
  WireDocument,
} from '../../src-shared/sync/protocol';
import { SERVER_OWNED_FIELDS } from '../../src-shared/sync/push-digest';
import type { AccessClaims } from '../auth/access-tokens';
import type { Database } from '../db/connect';
import { DocumentError, type SyncAdapter } from './adapter';
import { appliedDigests, recordAppliedPushes } from './applied-pushes';
import { checkTechnicianChange } from './technician-rules';
import { validateDocument } from './validate-document';
import { withoutAttachmentData } from '../../src-shared/sync/wire-attachments';

/** What two states are compared on: attachments by their stubs, not their bytes. */
function content(doc: WireDocument): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(withoutAttachmentData(doc)).filter(([key]) => !SERVER_OWNED_FIELDS.has(key)),
  );
}

export function sameContent(a: WireDocument, b: WireDocument): boolean {
  return deepEqual(content(a), content(b));
}

function changedFields(master: WireDocument, next: WireDocument): string[] {
  const [a, b] = [content(master), content(next)];
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...fields].filter((f) => !deepEqual(a[f], b[f]));
}

/** Search keys are the server's to derive (the same code as the replica's). */
function normalize(collection: string, doc: WireDocument): WireDocument {
  if (collection !== 'customers') return doc;
  return { ...doc, ...deriveCustomerKeys(doc as unknown as CustomerDoc) };
}

/**
 * Applies one push batch atomically: either every row is written (or reported as a
 * conflict) or, when any row is refused, none is. Returns the master state of each row whose
 * assumed master state is outdated, as RxDB's push handler must, and for those rows which of
 * the states the client says it sent unanswered (`sentBefore`) the server applied (0023).
 */
export async function pushChanges(
  db: Database,
  adapter: SyncAdapter,
  claims: AccessClaims,
  rows: PushRow[],
): Promise<Required<PushResponse>> {
  const { collection } = adapter;
  if (claims.role === 'technician' && collection !== 'work_orders') {
    throw new DocumentError(403, `a technician may not change ${collection}`);
  }
  const checked = rows.map((row, i) => {
    validateDocument(collection, row.newDocumentState, `rows.${i}.newDocumentState`);
    if (row.assumedMasterState) {
      validateDocument(collection, row.assumedMasterState, `rows.${i}.assumedMasterState`);
    }
    if (row.assumedMasterState && row.assumedMasterState.id !== row.newDocumentState.id) {
      throw new DocumentError(400, `rows.${i}: assumedMasterState is of another document`);
    }
    return {
      received: row.newDocumentState,
      next: normalize(collection, row.newDocumentState),
      assumed: row.assumedMasterState ? normalize(collection, row.assumedMasterState) : null,
      sentBefore: row.sentBefore ?? [],
    };
  });
  return db.transaction(async (tx) => {
    const conflicts: WireDocument[] = [];
    const applied: AppliedPushes[] = [];
    const written: WireDocument[] = [];
    for (const { received, next, assumed, sentBefore } of checked) {
      const current = await adapter.lock(tx, next.id);
      if (!current) {
        if (claims.role === 'technician') {
          throw new DocumentError(403, `a technician may not create ${collection}`);
        }
        await adapter.insert(tx, next, claims);
        written.push(received);
        continue;
      }
      if (current.tenantId !== claims.tenantId) {
        throw new DocumentError(403, `document ${next.id} belongs to another tenant`);
      }
      const master = current.doc;
      // Scope before anything else: a conflict answer would disclose the master state.
      if (claims.role === 'technician' && master['assigneeId'] !== claims.userId) {
        throw new DocumentError(403, `work order ${next.id} is not assigned to you`);
      }
      // A retried push that was applied already: nothing to do, and no conflict.
      if (sameContent(master, next)) continue;
      if (!assumed || !sameContent(assumed, master)) {
        conflicts.push(master);
        const digests = await appliedDigests(tx, collection, claims, next.id, sentBefore);
        if (digests.length > 0) applied.push({ id: next.id, digests });
        continue;
      }
      const changed = changedFields(master, next);
      if (claims.role === 'technician') checkTechnicianChange(claims.userId, master, next, changed);
      await adapter.update(tx, next, master, changed, claims);
      written.push(received);
    }
    // Named by the state as the client sent it: that is what the client asks about.
    await recordAppliedPushes(tx, collection, claims, written);
    return { conflicts, applied };
  });
}
