import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { REFERENCE_KINDS, referenceId, type ReferenceDoc } from '../../src-shared/rxdb/reference';
import type { SyncCheckpoint, WireDocument } from '../../src-shared/sync/protocol';
import { referenceItems } from '../db/schema';
import { DocumentError, ms, statementName, type SyncAdapter } from './adapter';

type Row = typeof referenceItems.$inferSelect;

export const REFERENCE_READ_ONLY = 'reference data is read-only on the desktop';

export function referenceDoc(row: Row): WireDocument {
  const doc: ReferenceDoc = {
    id: referenceId(row.kind as ReferenceDoc['kind'], row.key),
    kind: row.kind as ReferenceDoc['kind'],
    key: row.key,
    label: { en: row.labelEn.slice(0, 200), zhCN: row.labelZh.slice(0, 200) },
    active: row.active,
    sortOrder: row.sortOrder,
    data: row.data,
    updatedAt: ms(row.updatedAt),
    serverSeq: row.serverSeq,
  };
  return { ...doc, _deleted: row.deleted };
}

/**
 * The document id `${kind}:${key}` is the checkpoint's tie-breaker (each row takes its own
 * sequence value, so ties do not occur in practice). Compared byte-wise ("C"), which is how
 * the pull orders and how JavaScript compares the ASCII ids.
 */
const docId = sql`(${referenceItems.kind} || ':' || ${referenceItems.key}) collate "C"`;

function afterReferenceCheckpoint(after: SyncCheckpoint) {
  return sql`(${referenceItems.serverSeq} > ${after.serverSeq} or (${referenceItems.serverSeq} = ${after.serverSeq} and ${docId} > ${after.id} collate "C"))`;
}

/**
 * Read-only, tenant-wide: every role pulls the whole of its tenant's reference data
 * (technicians need products and parts offline), and every push is refused.
 */
export const referenceAdapter: SyncAdapter = {
  collection: 'reference',
  readOnly: true,
  tenantWide: true,
  async pullAfter(db, scope, after, limit) {
    const rows = await db
      .select()
      .from(referenceItems)
      .where(and(eq(referenceItems.tenantId, scope.tenantId), afterReferenceCheckpoint(after)))
      .orderBy(asc(referenceItems.serverSeq), asc(docId))
      .limit(limit)
      .prepare(statementName('reference', 'pull'))
      .execute();
    return rows.map(referenceDoc);
  },
  async byIds(db, tenantId, ids) {
    const keys = ids.flatMap((id) => {
      const at = id.indexOf(':');
      const kind = id.slice(0, at);
      return at > 0 && (REFERENCE_KINDS as readonly string[]).includes(kind) ? [id] : [];
    });
    if (keys.length === 0) return [];
    const rows = await db
      .select()
      .from(referenceItems)
      .where(and(eq(referenceItems.tenantId, tenantId), inArray(docId, keys)));
    return rows.map(referenceDoc);
  },
  // Pushes are refused before any row is looked at; these are here only for the interface.
  async lock() {
    throw new DocumentError(403, REFERENCE_READ_ONLY);
  },
  async update() {
    throw new DocumentError(403, REFERENCE_READ_ONLY);
  },
  async insert() {
    throw new DocumentError(403, REFERENCE_READ_ONLY);
  },
};
