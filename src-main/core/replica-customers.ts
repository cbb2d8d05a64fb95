import type { CustomerSummary } from '../../src-shared/domain/customer';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { pinyinInitials } from '../../src-shared/domain/pinyin';
import type { CustomerSearchQuery, CustomerSearchResult } from '../../src-shared/http/customers';
import { searchCustomers, type CustomerCollection } from '../replica/customer-lookup';

/** A replica customer in the contract's shape (what the screen pop and search show). */
export function toCustomerSummary(doc: CustomerDoc): CustomerSummary {
  return {
    id: doc.id,
    accountNumber: doc.accountNumber,
    name: doc.name,
    pinyinInitials: doc.pinyinKey || pinyinInitials(doc.name),
    phones: doc.phones,
    email: doc.emails[0] ?? null,
    vipTier: doc.vipTier,
    city: doc.address?.city ?? '',
    address: [doc.address?.district, doc.address?.line1, doc.address?.line2]
      .filter(Boolean)
      .join(''),
    tags: doc.tags,
    updatedAt: new Date(doc.updatedAt).toISOString(),
  };
}

/** The `customers.search` answer from the replica, in the contract's shape. */
export async function searchReplicaCustomers(
  customers: CustomerCollection,
  query: CustomerSearchQuery,
): Promise<CustomerSearchResult> {
  const { customers: docs, total } = await searchCustomers(customers, query.q, {
    offset: query.offset,
    limit: query.limit,
  });
  return { items: docs.map(toCustomerSummary), total, source: 'replica' };
}
