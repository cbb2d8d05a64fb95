import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { deriveCustomerKeys } from '../../src-shared/rxdb/customer-keys';
import type { Address } from '../../src-shared/rxdb/common';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { CUSTOMER_PHONE_SLOTS } from '../../src-shared/rxdb/customers';
import type { WireDocument } from '../../src-shared/sync/protocol';
import { phoneDigitsColumn } from '../customers/phone-search';
import { customers, workOrders } from '../db/schema';
import { afterCheckpoint, DocumentError, ms, type SyncAdapter } from './adapter';

type Row = typeof customers.$inferSelect;

/** The server keeps one email and a flat address + city; the replica a list and an object. */
function addressOf(row: Row): Address | undefined {
  const address: Address = {};
  if (row.address) address.line1 = row.address.slice(0, 200);
  if (row.city) address.city = row.city.slice(0, 100);
  return Object.keys(address).length > 0 ? address : undefined;
}

export function customerDoc(row: Row): WireDocument {
  const phones = row.phones.slice(0, CUSTOMER_PHONE_SLOTS);
  const address = addressOf(row);
  const doc: CustomerDoc = {
    id: row.id,
    name: row.name,
    // The same derivation the replica runs on local writes, so pulled documents are searchable.
    ...deriveCustomerKeys({ name: row.name, phones }),
    phones,
    emails: row.email ? [row.email] : [],
    accountNumber: row.accountNumber,
    vipTier: row.vipTier,
    ...(address ? { address } : {}),
    tags: row.tags.slice(0, 50),
    updatedAt: ms(row.updatedAt),
    serverSeq: row.serverSeq,
  };
  return { ...doc, _deleted: row.deleted };
}

const STORED_ADDRESS_FIELDS = new Set(['line1', 'city']);

/**
 * The replica's schema allows more than a row holds (several emails, a full address). Such a
 * value is refused rather than cut: the client keeps the edit as a conflict record with this
 * reason, where storing part of it would drop the rest silently.
 */
function refuseWhatRowsCannotHold(doc: CustomerDoc, changed: readonly string[]): void {
  if (changed.includes('emails') && doc.emails.length > 1) {
    throw new DocumentError(400, 'emails: the server keeps one email per customer');
  }
  const extra = Object.keys(doc.address ?? {}).find((f) => !STORED_ADDRESS_FIELDS.has(f));
  if (changed.includes('address') && extra) {
    throw new DocumentError(
      400,
      `address.${extra}: the server keeps only address.line1 and address.city`,
    );
  }
}

/** Column values for the document fields that changed (all of them on insert). */
function columnsOf(doc: CustomerDoc & { _deleted: boolean }, changed: readonly string[]) {
  refuseWhatRowsCannotHold(doc, changed);
  const has = (field: string) => changed.includes(field);
  return {
    ...(has('name') ? { name: doc.name } : {}),
    ...(has('phones') ? { phones: doc.phones, phoneDigits: phoneDigitsColumn(doc.phones) } : {}),
    ...(has('emails') ? { email: doc.emails[0] ?? null } : {}),
    ...(has('accountNumber') ? { accountNumber: doc.accountNumber } : {}),
    ...(has('vipTier') ? { vipTier: doc.vipTier } : {}),
    ...(has('address') ? { address: doc.address?.line1 ?? '', city: doc.address?.city ?? '' } : {}),
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
      .limit(limit);
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
    const [row] = await tx.select().from(customers).where(eq(customers.id, id)).for('update');
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
