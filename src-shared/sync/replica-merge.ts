import { WORK_ORDER_STATUS_PROGRESS } from '../domain/work-order';
import { PHONE_SLOTS } from '../rxdb/customer-keys';
import { mergeDocuments, type FieldConflict, type MergePolicy } from './three-way-merge';

/**
 * The replica's merge of a push conflict: the field-level three-way merge, plus work order
 * history merged as an append-only log (its entries carry no ids, so mergeDocuments'
 * append-only union does not apply): the server's entries, then the local entries the
 * server does not have yet. A work order's status never moves backwards through a merge.
 */
const POLICY: MergePolicy = {
  // The technician's lists carry entry ids: a union by id, never a conflict.
  appendOnly: ['partsUsed', 'timeSpent'],
  ranked: { status: WORK_ORDER_STATUS_PROGRESS },
  serverOwned: ['serverSeq', 'updatedAt', '_attachments'],
};

type Doc = Record<string, unknown>;

/**
 * Search keys derived from other fields (customer-keys.ts): they follow their source field's
 * outcome in the merge, so a conflict on them is never a user's edit of its own.
 */
const DERIVED_FIELDS = new Set(['nameKey', 'pinyinKey', ...PHONE_SLOTS]);
const userConflicts = (conflicts: readonly FieldConflict[]) =>
  conflicts.filter((c) => !DERIVED_FIELDS.has(c.field));

function appendedHistory(base: Doc, local: Doc, server: Doc): unknown[] | undefined {
  const [b, l, s] = [base['history'], local['history'], server['history']];
  if (!Array.isArray(b) || !Array.isArray(l) || !Array.isArray(s)) return undefined;
  const known = new Set(s.map((entry) => JSON.stringify(entry)));
  const added = l.slice(b.length).filter((entry) => !known.has(JSON.stringify(entry)));
  return [...s, ...added];
}

type AttachmentStubs = Record<string, unknown>;

/**
 * RxDB attachments (a work order's photos, files, signature) are added, never edited: the
 * union of both sides' attachments by id, the server's stub where both have one.
 */
function unitedAttachments(local: Doc, server: Doc): AttachmentStubs | undefined {
  const [l, s] = [local['_attachments'], server['_attachments']];
  if (l === undefined && s === undefined) return undefined;
  return { ...((l ?? {}) as AttachmentStubs), ...((s ?? {}) as AttachmentStubs) };
}

export function mergeReplicaDocument<T extends Doc>(
  base: T,
  local: T,
  server: T,
): { merged: T; conflicts: readonly FieldConflict[] } {
  const attachments = unitedAttachments(local, server);
  const { merged, conflicts } = mergeFields(base, local, server);
  return {
    merged: (attachments ? { ...merged, _attachments: attachments } : merged) as T,
    conflicts,
  };
}

function mergeFields<T extends Doc>(
  base: T,
  local: T,
  server: T,
): { merged: T; conflicts: readonly FieldConflict[] } {
  const history = appendedHistory(base, local, server);
  if (!history) {
    const result = mergeDocuments(base, local, server, POLICY);
    return { merged: result.merged, conflicts: userConflicts(result.conflicts) };
  }
  const strip = ({ history: _history, ...rest }: Doc) => rest;
  const result = mergeDocuments(strip(base), strip(local), strip(server), POLICY);
  return {
    merged: { ...result.merged, history } as unknown as T,
    conflicts: userConflicts(result.conflicts),
  };
}
