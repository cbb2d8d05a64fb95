import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  INTERACTION_END_REASONS,
  type InteractionDoc,
  type InteractionEndReason,
} from '../../src-shared/rxdb/interactions';
import type { WireDocument } from '../../src-shared/sync/protocol';
import type { AccessClaims } from '../auth/access-tokens';
import type { Database } from '../db/connect';
import { customers, interactions, users } from '../db/schema';
import { afterCheckpoint, DocumentError, ms, statementName, type SyncAdapter } from './adapter';

type Row = typeof interactions.$inferSelect;
type Doc = InteractionDoc & { _deleted: boolean };

export function interactionDoc(row: Row): WireDocument {
  const doc: InteractionDoc = {
    id: row.id,
    // The replica has no sms channel yet: sms shows as chat (a text conversation).
    channel: row.channel === 'sms' ? 'chat' : row.channel,
    direction: row.direction,
    startedAt: ms(row.startedAt),
    answeredAt: ms(row.answeredAt),
    endedAt: ms(row.endedAt),
    agentId: row.agentId ?? '',
    queueId: row.queue ?? '',
    callId: row.callId ?? '',
    customerId: row.customerId ?? '',
    remoteNumber: row.remoteNumber,
    disposition: row.disposition ?? '',
    notes: row.notes,
    workOrderIds: row.workOrderIds,
    talkMs: row.talkMs,
    holdMs: row.holdMs,
    endReason: toEndReason(row.endReason),
    abandoned: row.abandoned,
    updatedAt: ms(row.updatedAt),
    serverSeq: row.serverSeq,
  };
  return { ...doc, _deleted: row.deleted };
}

/** A reason this version does not know (a newer writer's) reads as unknown, not as invalid. */
function toEndReason(value: string): InteractionEndReason {
  const known = (reason: string): reason is InteractionEndReason =>
    (INTERACTION_END_REASONS as readonly string[]).includes(reason);
  return known(value) ? value : '';
}

async function checkReferences(tx: Database, doc: Doc, changed: string[], tenantId: string) {
  if (changed.includes('customerId') && doc.customerId !== '') {
    const [found] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, doc.customerId), eq(customers.tenantId, tenantId)));
    if (!found) throw new DocumentError(400, `customerId ${doc.customerId}: no such customer`);
  }
  if (changed.includes('agentId') && doc.agentId !== '') {
    const [found] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, doc.agentId), eq(users.tenantId, tenantId)));
    if (!found) throw new DocumentError(400, `agentId ${doc.agentId}: no such user`);
  }
}

/**
 * Whose call log a user may write, decided from the token (issue #4). An agent logs his own
 * calls only: what he creates or changes must name him as its agent, he may not change the
 * agent of an existing entry, and he may not change another agent's entry. Supervisors and
 * admins correct the call log of their tenant, so they may name any of its users (checked in
 * checkReferences). Technicians never reach here: push.ts refuses them every collection but
 * work orders.
 */
function checkAuthor(claims: AccessClaims, doc: Doc, master: Doc | null, changed: string[]) {
  if (claims.role !== 'agent') return;
  if (master && master.agentId !== claims.userId) {
    throw new DocumentError(
      403,
      `interaction ${doc.id}: agentId names another agent; an agent may change only his own interactions`,
    );
  }
  if (changed.includes('agentId') && doc.agentId !== claims.userId) {
    throw new DocumentError(
      403,
      `interaction ${doc.id}: agentId must be the pushing agent's own id`,
    );
  }
}

function columnsOf(doc: Doc, changed: readonly string[]) {
  const has = (field: string) => changed.includes(field);
  const time = (value: number) => (value ? new Date(value) : null);
  return {
    ...(has('channel') ? { channel: doc.channel } : {}),
    ...(has('direction') ? { direction: doc.direction } : {}),
    ...(has('startedAt') ? { startedAt: new Date(doc.startedAt) } : {}),
    ...(has('answeredAt') ? { answeredAt: time(doc.answeredAt) } : {}),
    ...(has('endedAt') ? { endedAt: time(doc.endedAt) } : {}),
    ...(has('agentId') ? { agentId: doc.agentId || null } : {}),
    ...(has('queueId') ? { queue: doc.queueId || null } : {}),
    ...(has('callId') ? { callId: doc.callId || null } : {}),
    ...(has('customerId') ? { customerId: doc.customerId || null } : {}),
    ...(has('remoteNumber') ? { remoteNumber: doc.remoteNumber } : {}),
    ...(has('disposition') ? { disposition: doc.disposition || null } : {}),
    ...(has('notes') ? { notes: doc.notes } : {}),
    ...(has('workOrderIds') ? { workOrderIds: doc.workOrderIds } : {}),
    ...(has('talkMs') ? { talkMs: doc.talkMs } : {}),
    ...(has('holdMs') ? { holdMs: doc.holdMs } : {}),
    ...(has('endReason') ? { endReason: doc.endReason } : {}),
    ...(has('abandoned') ? { abandoned: doc.abandoned } : {}),
    ...(has('_deleted') ? { deleted: doc._deleted } : {}),
  };
}

const ALL_FIELDS = [
  'channel',
  'direction',
  'startedAt',
  'answeredAt',
  'endedAt',
  'agentId',
  'queueId',
  'callId',
  'customerId',
  'remoteNumber',
  'disposition',
  'notes',
  'workOrderIds',
  'talkMs',
  'holdMs',
  'endReason',
  'abandoned',
  '_deleted',
];

export const interactionsAdapter: SyncAdapter = {
  collection: 'interactions',
  async pullAfter(db, scope, after, limit) {
    // Technicians do not replicate the call log.
    if (scope.kind === 'technician') return [];
    const rows = await db
      .select()
      .from(interactions)
      .where(
        and(
          eq(interactions.tenantId, scope.tenantId),
          afterCheckpoint(interactions.serverSeq, interactions.id, after),
        ),
      )
      .orderBy(asc(interactions.serverSeq), asc(interactions.id))
      .limit(limit)
      .prepare(statementName('interactions', 'pull_tenant'))
      .execute();
    return rows.map(interactionDoc);
  },
  async byIds(db, tenantId, ids) {
    if (ids.length === 0) return [];
    const rows = await db
      .select()
      .from(interactions)
      .where(and(eq(interactions.tenantId, tenantId), inArray(interactions.id, ids)));
    return rows.map(interactionDoc);
  },
  async lock(tx, id) {
    const [row] = await tx
      .select()
      .from(interactions)
      .where(eq(interactions.id, id))
      .for('update')
      .prepare(statementName('interactions', 'lock'))
      .execute();
    return row ? { tenantId: row.tenantId, doc: interactionDoc(row) } : null;
  },
  async update(tx, next, master, changed, claims) {
    const doc = next as unknown as Doc;
    checkAuthor(claims, doc, master as unknown as Doc, changed);
    await checkReferences(tx, doc, changed, claims.tenantId);
    await tx
      .update(interactions)
      .set({ ...columnsOf(doc, changed), updatedAt: sql`now()` })
      .where(eq(interactions.id, doc.id));
  },
  async insert(tx, next, claims) {
    const doc = next as unknown as Doc;
    checkAuthor(claims, doc, null, ALL_FIELDS);
    await checkReferences(tx, doc, ALL_FIELDS, claims.tenantId);
    await tx.insert(interactions).values({
      ...columnsOf(doc, ALL_FIELDS),
      id: doc.id,
      tenantId: claims.tenantId,
      channel: doc.channel,
      direction: doc.direction,
      startedAt: new Date(doc.startedAt),
    });
  },
};
