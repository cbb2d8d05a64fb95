import { normalizePhone } from '../../src-shared/domain/phone';
import type { CustomerSearchQuery, CustomerSearchResult } from '../../src-shared/http/customers';
import { findCustomersByPhone } from '../replica/customer-lookup';
import type { ReplicaDatabase } from '../replica/open-replica';
import type { CallerLookup } from './agent-desk';
import { toCustomerSummary } from './replica-customers';

/**
 * Screen pop's look-up: the replica first (instant, works offline), then the central server
 * for a caller the replica does not know (before the first sync, or a customer created since).
 */
export function createCallerLookup(
  replica: ReplicaDatabase | null,
  searchServer: (query: CustomerSearchQuery) => Promise<CustomerSearchResult>,
): CallerLookup {
  const onServer: CallerLookup = async (rawNumber) => {
    const e164 = normalizePhone(rawNumber);
    const digits = (e164 ?? rawNumber).replace(/\D/g, '');
    const found = digits ? await searchServer({ q: digits, limit: 5, offset: 0 }) : { items: [] };
    // The server's search matches suffixes; a screen pop wants the caller's exact number.
    const exact = found.items.filter((customer) => e164 !== null && customer.phones.includes(e164));
    return { e164, customer: exact[0] ?? null, otherMatches: exact.slice(1) };
  };
  return async (rawNumber) => {
    const found = replica ? await findCustomersByPhone(replica.customers, rawNumber) : [];
    if (found.length === 0) return onServer(rawNumber);
    const [first, ...others] = found.map(toCustomerSummary);
    return { e164: normalizePhone(rawNumber), customer: first ?? null, otherMatches: others };
  };
}
