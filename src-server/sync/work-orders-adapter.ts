import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AccessClaims } from '../auth/access-tokens';
import type { Database } from '../db/connect';
import { customers, users, workOrders } from '../db/schema';
import type { AttachmentStub, WorkOrderDoc } from '../../src-shared/rxdb/work-orders';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { deepEqual } from '../../src-shared/sync/three-way-merge';
import { afterCheckpoint, DocumentError, ms, statementName, type SyncAdapter } from './adapter';
import { storeNewAttachments } from './work-order-attachments';
import { parseWorkOrderDetails } from '../../src-shared/domain/work-order-forms';
import { docEntry, isRowType, storedEntry, type StoredEntry } from './work-order-values';

type Row = typeof workOrders.$inferSelect;
const stubsOf = (doc: WireDocument) =>
  (doc['_attachments'] ?? {}) as Record<string, AttachmentStub>;
type Doc = WorkOrderDoc & { _deleted: boolean };

export function workOrderDoc(row: Row): WireDocument {
  const doc: WorkOrderDoc = {
    id: row.id,
    number: row.number,
    type: row.type,
    status: row.status,
    priority: row.priority,
    customerId: row.customerId,
    assigneeId: row.assigneeId ?? '',
    queueId: row.queue,
    details: row.details,
    appointmentStart: ms(row.appointmentStart),
    appointmentEnd: ms(row.appointmentEnd),
    ...(row.address ? { address: row.address } : {}),
    description: row.description,
    history: (row.history as StoredEntry[]).map(docEntry),
    partsUsed: row.partsUsed,
    timeSpent: row.timeSpent,
    couldNotCompleteReason: row.couldNotCompleteReason,
    updatedAt: ms(row.updatedAt),
    serverSeq: row.serverSeq,
  };
  // Stubs only: the replica fetches the bytes it lacks from the attachment route.
  return { ...doc, _attachments: row.attachments, _deleted: row.deleted };
}

/** References must point into the writer's own tenant (the foreign keys do not know tenants). */
async function checkReferences(tx: Database, doc: Doc, changed: string[], tenantId: string) {
  if (changed.includes('customerId')) {
    const [found] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, doc.customerId), eq(customers.tenantId, tenantId)));
    if (!found) throw new DocumentError(400, `customerId ${doc.customerId}: no such customer`);
  }
  if (changed.includes('assigneeId') && doc.assigneeId !== '') {
    const [found] = await tx
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.id, doc.assigneeId), eq(users.tenantId, tenantId)));
    if (!found) throw new DocumentError(400, `assigneeId ${doc.assigneeId}: no such user`);
  }
  if (changed.includes('type') && !isRowType(doc.type)) {
    throw new DocumentError(400, `type '${doc.type}' is not a work order type`);
  }
  // The desk checks the same form; the server must not trust that it did.
  if (changed.includes('details') || changed.includes('type')) {
    const parsed = parseWorkOrderDetails(doc.type, doc.details);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.length ? `details.${issue.path.join('.')}` : 'details';
      throw new DocumentError(400, `${field} does not fit the '${doc.type}' form`);
    }
  }
}

function checkAppended(
  master: readonly WorkOrderDoc['history'][number][],
  doc: Doc,
  claims: AccessClaims,
) {
  // Entries compared by value, not by JSON text (isHistoryAppendOnly): a client's own copy of
  // an entry may list its keys in another order than the server's copy.
  const kept =
    doc.history.length >= master.length && master.every((e, i) => deepEqual(e, doc.history[i]));
  if (!kept) {
    throw new DocumentError(
      400,
      `work order ${doc.id}: history is append-only; entries may not change`,
    );
  }
  for (const entry of doc.history.slice(master.length)) {
    // Who did it comes from the token, not from the client.
    if (entry.by !== claims.userId) {
      throw new DocumentError(
        403,
        `work order ${doc.id}: new history entries must be by the pushing user`,
      );
    }
  }
}

/** Entries a push adds to an append-only list: the master's stay, new ones are the pusher's. */
function checkAppendedEntries(
  field: 'partsUsed' | 'timeSpent',
  master: readonly { id: string }[],
  doc: Doc,
  claims: AccessClaims,
) {
  const next = (doc[field] ?? []) as readonly { id: string; by: string }[];
  const byId = new Map(next.map((entry) => [entry.id, entry]));
  if (byId.size !== next.length) {
    throw new DocumentError(400, `work order ${doc.id}: ${field} has duplicate entry ids`);
  }
  for (const entry of master) {
    const kept = byId.get(entry.id);
    if (!kept || !deepEqual(kept, entry)) {
      throw new DocumentError(
        400,
        `work order ${doc.id}: ${field} is append-only; entries may not change`,
      );
    }
  }
  const known = new Set(master.map((entry) => entry.id));
  for (const entry of next) {
    if (!known.has(entry.id) && entry.by !== claims.userId) {
      throw new DocumentError(
        403,
        `work order ${doc.id}: new ${field} entries must be by the pushing user`,
      );
    }
  }
}

function columnsOf(doc: Doc, changed: readonly string[]) {
  const has = (field: string) => changed.includes(field);
  return {
    ...(has('number') ? { number: doc.number } : {}),
    ...(has('type') && isRowType(doc.type) ? { type: doc.type } : {}),
    ...(has('status') ? { status: doc.status } : {}),
    ...(has('priority') ? { priority: doc.priority } : {}),
    ...(has('customerId') ? { customerId: doc.customerId } : {}),
    ...(has('assigneeId') ? { assigneeId: doc.assigneeId || null } : {}),
    ...(has('queueId') ? { queue: doc.queueId } : {}),
    ...(has('details') ? { details: doc.details } : {}),
    ...(has('appointmentStart')
      ? { appointmentStart: doc.appointmentStart ? new Date(doc.appointmentStart) : null }
      : {}),
    ...(has('appointmentEnd')
      ? { appointmentEnd: doc.appointmentEnd ? new Date(doc.appointmentEnd) : null }
      : {}),
    ...(has('address') ? { address: doc.address ?? null } : {}),
    ...(has('description') ? { description: doc.description } : {}),
    ...(has('partsUsed') ? { partsUsed: doc.partsUsed ?? [] } : {}),
    ...(has('timeSpent') ? { timeSpent: doc.timeSpent ?? [] } : {}),
    ...(has('couldNotCompleteReason')
      ? { couldNotCompleteReason: doc.couldNotCompleteReason ?? '' }
      : {}),
    ...(has('_deleted') ? { deleted: doc._deleted } : {}),
  };
}

const ALL_FIELDS = [
  'number',
  'type',
  'status',
  'priority',
  'customerId',
  'assigneeId',
  'queueId',
  'details',
  'appointmentStart',
  'appointmentEnd',
  'address',
  'description',
  'partsUsed',
  'timeSpent',
  'couldNotCompleteReason',
  '_deleted',
];

export const workOrdersAdapter: SyncAdapter = {
  collection: 'work_orders',
  async pullAfter(db, scope, after, limit) {
    const rows = await db
      .select()
      .from(workOrders)
      .where(
        and(
          eq(workOrders.tenantId, scope.tenantId),
          afterCheckpoint(workOrders.serverSeq, workOrders.id, after),
          scope.kind === 'technician' ? eq(workOrders.assigneeId, scope.userId) : undefined,
        ),
      )
      .orderBy(asc(workOrders.serverSeq), asc(workOrders.id))
      .limit(limit)
      .prepare(statementName('work_orders', `pull_${scope.kind}`))
      .execute();
    return rows.map(workOrderDoc);
  },
  async byIds(db, tenantId, ids) {
    if (ids.length === 0) return [];
    const rows = await db
      .select()
      .from(workOrders)
      .where(and(eq(workOrders.tenantId, tenantId), inArray(workOrders.id, ids)));
    return rows.map(workOrderDoc);
  },
  async lock(tx, id) {
    const [row] = await tx
      .select()
      .from(workOrders)
      .where(eq(workOrders.id, id))
      .for('update')
      .prepare(statementName('work_orders', 'lock'))
      .execute();
    return row ? { tenantId: row.tenantId, doc: workOrderDoc(row) } : null;
  },
  async update(tx, next, master, changed, claims) {
    const doc = next as unknown as Doc;
    const before = master as unknown as Doc;
    await checkReferences(tx, doc, changed, claims.tenantId);
    if (changed.includes('partsUsed')) {
      checkAppendedEntries('partsUsed', before.partsUsed ?? [], doc, claims);
    }
    if (changed.includes('timeSpent')) {
      checkAppendedEntries('timeSpent', before.timeSpent ?? [], doc, claims);
    }
    const attachments = changed.includes('_attachments')
      ? await storeNewAttachments(tx, doc.id, stubsOf(master), next['_attachments'], claims)
      : undefined;
    const columns = { ...columnsOf(doc, changed), ...(attachments ? { attachments } : {}) };
    let history: StoredEntry[] | undefined;
    if (changed.includes('history')) {
      const before = (master as unknown as Doc).history;
      checkAppended(before, doc, claims);
      const [row] = await tx
        .select({ history: workOrders.history, status: workOrders.status })
        .from(workOrders)
        .where(eq(workOrders.id, doc.id));
      const status = columns.status ?? row!.status;
      const appended = doc.history.slice(before.length).map((e) => storedEntry(e, status));
      history = [...(row!.history as StoredEntry[]), ...appended];
    }
    await tx
      .update(workOrders)
      .set({ ...columns, ...(history ? { history } : {}), updatedAt: sql`now()` })
      .where(eq(workOrders.id, doc.id));
  },
  async insert(tx, next, claims) {
    const doc = next as unknown as Doc;
    await checkReferences(tx, doc, ALL_FIELDS, claims.tenantId);
    checkAppended([], doc, claims);
    const columns = columnsOf(doc, ALL_FIELDS);
    const status = columns.status ?? 'new';
    await tx.insert(workOrders).values({
      ...columns,
      id: doc.id,
      tenantId: claims.tenantId,
      number: doc.number,
      type: isRowType(doc.type) ? doc.type : 'service_request',
      customerId: doc.customerId,
      history: doc.history.map((e) => storedEntry(e, status)),
    });
    if (next['_attachments'] && Object.keys(next['_attachments']).length > 0) {
      const attachments = await storeNewAttachments(tx, doc.id, {}, next['_attachments'], claims);
      await tx.update(workOrders).set({ attachments }).where(eq(workOrders.id, doc.id));
    }
  },
};
