import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { deriveCustomerKeys } from '../../src-shared/rxdb/customer-keys';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { CUSTOMER_PHONE_SLOTS } from '../../src-shared/rxdb/customers';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { phoneDigitsColumn } from '../customers/phone-search';
import { customers, workOrders } from '../db/schema';
import { afterCheckpoint, ms, statementName, type SyncAdapter } from './adapter';

type Row = typeof customers.$inferSelect;

export function customerDoc(row: Row): WireDocument {
  // Rows written by sync hold at most the slots; this bounds rows written by other means.
  const phones = row.phones.slice(0, CUSTOMER_PHONE_SLOTS);
  const doc: CustomerDoc = {
    id: row.id,
    name: row.name,
    // The same derivation the replica runs on local writes, so pulled documents are searchable.
    ...deriveCustomerKeys({ name: row.name, phones }),
    phones,
    emails: row.emails,
    accountNumber: row.accountNumber,
    vipTier: row.vipTier,
    ...(row.address ? { address: row.address } : {}),
    tags: row.tags,
    updatedAt: ms(row.updatedAt),
    serverSeq: row.serverSeq,
  };
  return { ...doc, _deleted: row.deleted };
}

/** Column values for the document fields that changed (all of them on insert). */
function columnsOf(doc: CustomerDoc & { _deleted: boolean }, changed: readonly string[]) {
  const has = (field: string) => changed.includes(field);
  return {
    ...(has('name') ? { name: doc.name } : {}),
    ...(has('phones') ? { phones: doc.phones, phoneDigits: phoneDigitsColumn(doc.phones) } : {}),
    ...(has('emails') ? { emails: doc.emails } : {}),
    ...(has('accountNumber') ? { accountNumber: doc.accountNumber } : {}),
    ...(has('vipTier') ? { vipTier: doc.vipTier } : {}),
    // Stored as pushed (the replica schema bounds it): an absent address stays absent.
    ...(has('address') ? { address: doc.address ?? null } : {}),
    ...(has('tags') ? { tags: doc.tags } : {}),
    ...(has('_deleted') ? { deleted: doc._deleted } : {}),
  };
}

const ALL_FIELDS = ['name', 'phones', 'emails', 'accountNumber', 'vipTier', 'address', 'tags'];

export const customersAdapter: SyncAdapter = {
  collection: 'customers',
  async pullAfter(db, scope, after, limit) {
    const inScope =
      scope.kind === 'technician'
        ? inArray(
            customers.id,
            db
              .select({ id: workOrders.customerId })
              .from(workOrders)
              .where(eq(workOrders.assigneeId, scope.userId)),
          )
        : undefined;
    const rows = await db
      .select()
      .from(customers)
      .where(
        and(
          eq(customers.tenantId, scope.tenantId),
          afterCheckpoint(customers.serverSeq, customers.id, after),
          inScope,
        ),
      )
      .orderBy(asc(customers.serverSeq), asc(customers.id))
      .limit(limit)
      .prepare(statementName('customers', `pull_${scope.kind}`))
      .execute();
    return rows.map(customerDoc);
  },
  async byIds(db, tenantId, ids) {
    if (ids.length === 0) return [];
    const rows = await db
      .select()
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), inArray(customers.id, ids)));
    return rows.map(customerDoc);
  },
  async lock(tx, id) {
    const [row] = await tx
      .select()
      .from(customers)
      .where(eq(customers.id, id))
      .for('update')
      .prepare(statementName('customers', 'lock'))
      .execute();
    return row ? { tenantId: row.tenantId, doc: customerDoc(row) } : null;
  },
  async update(tx, next, _master, changed) {
    const doc = next as unknown as CustomerDoc & { _deleted: boolean };
    await tx
      .update(customers)
      .set({ ...columnsOf(doc, changed), updatedAt: sql`now()` })
      .where(eq(customers.id, doc.id));
  },
  async insert(tx, next, claims) {
    const doc = next as unknown as CustomerDoc & { _deleted: boolean };
    await tx.insert(customers).values({
      id: doc.id,
      tenantId: claims.tenantId,
      name: doc.name,
      accountNumber: doc.accountNumber,
      ...columnsOf(doc, [...ALL_FIELDS, '_deleted']),
    });
  },
};
