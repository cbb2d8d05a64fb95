import { and, arrayContains, asc, count, eq, ilike, like, or, type SQL } from 'drizzle-orm';
import type { CustomerSummary } from '../../src-shared/domain/customer';
import { normalizePhone, phoneQueryDigits } from '../../src-shared/domain/phone';
import { pinyinQueryKey } from '../../src-shared/domain/pinyin';
import type { CustomerSearchQuery, CustomerSearchResult } from '../../src-shared/http/customers';
import type { Address } from '../../src-shared/rxdb/common';
import type { Database } from '../db/connect';
import { customers } from '../db/schema';
import { escapeLike } from './phone-search';

/**
 * What a query matches: name substring (any case), pinyin-initials prefix, phone-digits
 * suffix (or the exact number when the query is a complete phone number), account-number
 * prefix. Account numbers are stored upper-case, so the query is upper-cased for them.
 */
function matchQuery(q: string): SQL | undefined {
  if (q === '') return undefined;
  const alternatives: (SQL | undefined)[] = [
    ilike(customers.name, `%${escapeLike(q)}%`),
    like(customers.accountNumber, `${escapeLike(q.toUpperCase())}%`),
  ];
  const initials = pinyinQueryKey(q);
  if (initials) alternatives.push(like(customers.pinyinInitials, `${initials}%`));
  const digits = phoneQueryDigits(q);
  if (digits) alternatives.push(like(customers.phoneDigits, `%${digits} %`));
  const e164 = digits ? normalizePhone(q) : null;
  if (e164) alternatives.push(arrayContains(customers.phones, [e164]));
  return or(...alternatives);
}

/** The structured address on one line, largest part first (as Chinese addresses read). */
function oneLine(address: Address | null): string {
  const { province, city, district, line1, line2, postalCode } = address ?? {};
  return [province, city, district, line1, line2, postalCode]
    .filter(Boolean)
    .join(' ')
    .slice(0, 500);
}

/** Customers of one tenant matching a query, ordered by name then id (stable paging). */
export async function searchCustomers(
  db: Database,
  tenantId: string,
  query: CustomerSearchQuery,
): Promise<CustomerSearchResult> {
  const where = and(eq(customers.tenantId, tenantId), matchQuery(query.q));
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(customers)
      .where(where)
      .orderBy(asc(customers.name), asc(customers.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ total: count() }).from(customers).where(where),
  ]);
  const items = rows.map((row): CustomerSummary => ({
    id: row.id,
    accountNumber: row.accountNumber,
    name: row.name,
    pinyinInitials: row.pinyinInitials,
    phones: row.phones,
    email: row.emails[0] ?? null,
    vipTier: row.vipTier,
    city: row.address?.city ?? '',
    address: oneLine(row.address),
    tags: row.tags,
    updatedAt: row.updatedAt.toISOString(),
  }));
  return { items, total: totals[0]?.total ?? 0 };
}
