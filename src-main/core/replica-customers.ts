import type { CustomerSummary } from '../../src-shared/domain/customer';
import type { CustomerDoc } from '../../src-shared/rxdb/customers';
import { pinyinInitials } from '../../src-shared/domain/pinyin';

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
